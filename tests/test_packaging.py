"""Packaging: the wheel holds exactly the package and its templates, and works from a fresh venv."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import PROFILES, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], check=True, capture_output=True
    )
    (path,) = dist.glob("cvgen-*.whl")
    return path


def test_wheel_holds_exactly_the_expected_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    package = {n for n in names if not n.startswith("cvgen-")}
    expected_py = {str(p.relative_to(ROOT)) for p in (ROOT / "cvgen").rglob("*.py") if "__pycache__" not in p.parts}
    expected_templates = {
        "cvgen/templates/" + str(p.relative_to(ROOT / "templates"))
        for p in (ROOT / "templates").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    expected_catalogs = {
        str(p.relative_to(ROOT)) for p in (ROOT / "cvgen" / "locale").rglob("*") if p.suffix in (".po", ".pot")
    }
    assert package == expected_py | expected_templates | expected_catalogs
    assert "cvgen/templates/html/cv/cv.html.j2" in package
    assert "cvgen/locale/de/LC_MESSAGES/cvgen.po" in package and "cvgen/locale/cvgen.pot" in package


def test_installed_wheel_builds_a_cv(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run(pip + [str(wheel)], check=True, capture_output=True)
    out = tmp_path / "out"
    # Run from an unrelated folder so the checkout's templates cannot be found by accident.
    result = subprocess.run(
        [str(venv / "bin" / "cvgen"), "build", str(PROFILES / "haoyu-he.yaml"), "--pdf", "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert (out / "cv.pdf").stat().st_size > 10_000
    # the catalogs come with the wheel: a German CV has German headings
    cvgen = str(venv / "bin" / "cvgen")
    german = subprocess.run(
        [cvgen, "build", str(PROFILES / "haoyu-he.yaml"), "--html", "--lang", "de", "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert german.returncode == 0, german.stderr
    html = (out / "cv.html").read_text(encoding="utf-8")
    assert "Publikationen" in html and "Ausbildung" in html and "Stand: " in html
