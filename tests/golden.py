"""Golden files: compare text output with a stored copy; print a diff on mismatch.

Regenerate deliberately with CVGEN_REGEN_GOLDEN=1 and review the git diff.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(actual: str, relpath: str) -> None:
    path = GOLDEN / relpath
    if os.environ.get("CVGEN_REGEN_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path}; run with CVGEN_REGEN_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), f"golden/{relpath}", "actual", n=2)
        )
        raise AssertionError(f"output differs from golden/{relpath} (CVGEN_REGEN_GOLDEN=1 to accept):\n{diff[:20000]}")
