"""`cvgen new`: a starter profile that validates and builds."""

from __future__ import annotations

from pathlib import Path

from cvgen.render import templates_root
from cvgen.write import write_new_file


def starter_text() -> str:
    return (templates_root() / "starter" / "profile.yaml").read_text(encoding="utf-8")


def write_starter(path: Path, force: bool = False) -> Path:
    return write_new_file(path, starter_text(), force)
