"""Shared fixtures: the CLI as a function, tool checks, PDF text extraction."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cvgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "profiles"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require(tool: str, install: str) -> str:
    """Path of `tool`; in CI a missing tool FAILS the test, elsewhere it skips."""
    path = shutil.which(tool)
    if path:
        return path
    message = f"{tool} is not installed ({install})"
    if IN_CI:
        pytest.fail(message + "; scripts/install-system-deps.sh should have installed it")
    pytest.skip(message)  # local runs only; CI=true never reaches this line


@pytest.fixture
def cli(capsys):
    """Run `cvgen ARGS...` in-process; returns (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def pdf_text(path: Path) -> str:
    """Text of a PDF by poppler's pdftotext (robust with CJK; -raw keeps hyphens at line ends), whitespace folded."""
    require("pdftotext", "apt-get install poppler-utils")
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(out.stdout.split())


def pdf_fonts(path: Path) -> str:
    require("pdffonts", "apt-get install poppler-utils")
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def write_profile(tmp_path):
    """Write YAML text to tmp_path/profile.yaml and return its path."""

    def write(text: str, name: str = "profile.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
