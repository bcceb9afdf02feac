"""`cvgen new`: a starter profile that validates and builds."""

from __future__ import annotations

from pathlib import Path

from cvgen.errors import CvgenError
from cvgen.render import templates_root
from cvgen.write import OutputDir


def starter_text() -> str:
    return (templates_root() / "starter" / "profile.yaml").read_text(encoding="utf-8")


def write_starter(path: Path, force: bool = False) -> Path:
    if path.exists() and not force:
        raise CvgenError(f"{path} already exists; pass --force to overwrite it")
    return OutputDir(path.parent if str(path.parent) else Path(".")).write(path.name, starter_text())
