"""Missing optional tools: one line saying what to install; the default engine needs nothing but pip.

(latexmk missing altogether is tests/test_latex.py::test_tex_missing_says_what_to_install.)
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import require
from tests.hardening.support import run_cvgen

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def profile(folder: Path, name: str = "Gao Huang", native: str | None = "黄高") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "profile.yaml"
    extra = f", native_name: {native}" if native else ""
    path.write_text(
        f"person: {{name: {name}{extra}}}\ninterests: [Ελληνικά, Русский]\npublications:\n"
        "  - {title: Densely Connected Networks, authors: [Gao Huang*, Zhuang Liu*], venue: CVPR, year: 2017}\n",
        encoding="utf-8",
    )
    return path


def test_default_engine_needs_no_program_on_path(tmp_path):
    """PDF, HTML, homepage and .tex from what `pip install .` brings: no TeX, no Chromium, no
    fontconfig tools, nothing on PATH at all."""
    empty = tmp_path / "bin"
    empty.mkdir()
    path = profile(tmp_path / "p")
    flags = ["--pdf", "--html"]
    flags += ["--homepage", "--tex"]
    result = run_cvgen("build", path, *flags, "-o", tmp_path / "out", env={"PATH": str(empty)})
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(tmp_path / "out" / "cv.pdf").pages) == 1


def dejavu_only(tmp_path: Path) -> dict[str, str]:
    """A fontconfig setup with the DejaVu fonts alone: a machine without any CJK font."""
    assert DEJAVU.is_dir(), f"{DEJAVU} missing: scripts/install-system-deps.sh installs fonts-dejavu-core"
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{DEJAVU}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    return {"FONTCONFIG_FILE": str(conf)}


def test_missing_cjk_font_says_what_to_install(tmp_path):
    require("fc-list", "apt-get install fontconfig")
    env = dejavu_only(tmp_path)
    out = tmp_path / "out"
    latin = run_cvgen("build", profile(tmp_path / "latin", native=None), "--pdf", "-o", out, env=env)
    assert latin.returncode == 0, latin.stderr  # Greek and Cyrillic are in DejaVu: no false alarm
    before = (out / "cv.pdf").read_bytes()
    result = run_cvgen("build", profile(tmp_path / "cjk"), "--pdf", "-o", out, env=env)
    assert result.returncode == 1
    assert result.stderr == (
        "error: no installed font has 高 (U+9AD8), 黄 (U+9EC4); the PDF would show empty boxes. "
        "Install a font for them: `sudo apt-get install fonts-noto-cjk` (Debian/Ubuntu), "
        "or add one to your system's fonts\n"
    )
    assert (out / "cv.pdf").read_bytes() == before


def test_tex_engine_missing_but_latexmk_present(tmp_path, monkeypatch, cli):
    """latexmk without XeLaTeX (a half install): the same one line naming the packages."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    fake = bin_ / "latexmk"
    fake.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_))
    code, _, err = cli("build", profile(tmp_path / "p"), "--engine", "latex", "--pdf", "-o", tmp_path / "out")
    assert code == 1 and len(err.strip().splitlines()) == 1, err
    assert "xelatex" in err and "apt-get install" in err and "texlive-xetex" in err
    assert not (tmp_path / "out" / "cv.pdf").exists()


def test_weasyprint_that_cannot_start_says_what_to_install(tmp_path, monkeypatch, cli):
    """Pango or cairo missing (ImportError/OSError when WeasyPrint loads): one line, pip and apt."""
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` now raises ImportError
    code, _, err = cli("build", profile(tmp_path / "p"), "--pdf", "-o", tmp_path / "out")
    assert code == 1 and len(err.strip().splitlines()) == 1, err
    assert err.startswith("error: WeasyPrint cannot start") and "pip install" in err and "apt-get install" in err
    assert "Traceback" not in err and not (tmp_path / "out" / "cv.pdf").exists()


@pytest.mark.parametrize(
    "text, package",
    [
        ("黄高", "fonts-noto-cjk"),
        ("\U0001f3c6 Best Paper", "fonts-noto-color-emoji"),
        ("\U00013000", "fonts-noto-core"),
    ],
    ids=["cjk", "emoji", "hieroglyph"],
)
def test_the_font_check_names_the_right_package(text, package, tmp_path, monkeypatch):
    from cvgen.engines import weasyprint
    from cvgen.engines.weasyprint import check_fonts
    from cvgen.errors import ToolMissing

    require("fc-list", "apt-get install fontconfig")
    # Characters an earlier build in this process found a font for are not asked again: forget them.
    monkeypatch.setattr(weasyprint, "_FOUND", set())
    for key, value in dejavu_only(tmp_path).items():
        monkeypatch.setenv(key, value)
    check_fonts("Ελληνικά Русский Łódź – “quotes” … é\u0301 x\ufe0f")  # DejaVu has these: no alarm
    with pytest.raises(ToolMissing) as info:
        check_fonts(f"<p>{text}</p>")
    assert f"apt-get install {package}" in str(info.value)
