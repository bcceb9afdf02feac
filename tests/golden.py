"""Golden files: compare text output with a stored copy; print a diff on mismatch.

Accept new output deliberately with `pytest --update-goldens` (tests/conftest.py sets UPDATE from
that option, in every xdist worker too) and review the git diff.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
OPTION = "--update-goldens"

# True while pytest runs with --update-goldens: assert_golden then writes instead of comparing.
UPDATE = False


def assert_golden(actual: str, relpath: str) -> None:
    path = GOLDEN / relpath
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_text(actual, encoding="utf-8")
        temp.replace(path)  # whole or not at all, even with several workers writing goldens
        return
    assert path.exists(), f"no golden file golden/{relpath}; run pytest with {OPTION} to create it"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), f"golden/{relpath}", "actual", n=2)
        )
        raise AssertionError(
            f"output differs from golden/{relpath} (pytest {OPTION} to accept, then review the git diff):\n"
            f"{diff[:20000]}"
        )
