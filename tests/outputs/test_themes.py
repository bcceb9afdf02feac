"""CV themes (issue 11): every theme in both engines holds the same content, each looks like itself, the
design settings are checked like every other key, and `cvgen themes` lists and copies them.

The print-quality measures (early breaks, split names, overruns, stub pages) run for every theme and engine
in tests/engines/test_typesetting.py; the builds here reuse its once-per-session PDFs.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from cvgen.build import BuildOptions, build
from cvgen.errors import ProfileError
from cvgen.profile.design import THEMES
from cvgen.profile.source import read_profile
from cvgen.text.tex import escape_tex
from cvgen.text.tex_fonts import COVERAGE, main_font
from tests.conftest import PROFILES, pdf_fonts, pdf_text, require
from tests.engines import test_typesetting as printed

SEEDS = ["gao-huang", "haoyu-he"]
ENGINES = ["weasyprint", pytest.param("latex", marks=pytest.mark.latex)]
NAMES = list(THEMES)
FONT_IN_PDF = {"classic": "TeXGyrePagella", "modern": "Lato", "compact": "CharisSIL"}
RED = "#d0021b"


# ---------------------------------------------------------------- cvgen themes


def test_themes_lists_each_theme_on_one_line(cli):
    code, out, _ = cli("themes")
    lines = out.splitlines()
    assert code == 0 and [line.split()[0] for line in lines] == NAMES
    for line in lines:
        sentence = line.split(None, 1)[1]
        assert sentence.endswith(".") and ". " not in sentence and len(sentence) > 40, line


def test_a_copied_theme_overrides_the_built_in_one(cli, tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    code, out, _ = cli("themes", "--copy", "modern", folder / "mine")
    assert code == 0 and "wrote" in out
    css = folder / "mine" / "cv" / "themes" / "modern" / "theme.css"
    tex = folder / "mine" / "themes" / "modern" / "theme.tex.j2"
    assert css.is_file() and tex.is_file() and (folder / "mine" / "cv" / "cv.html.j2").is_file()
    css.write_text(css.read_text(encoding="utf-8") + "h2 { color: #00ff00; }\n", encoding="utf-8")
    tex.write_text(tex.read_text(encoding="utf-8") + "\\definecolor{cvaccent}{HTML}{00FF00}\n", encoding="utf-8")
    (folder / "p.yaml").write_text(
        "person: {name: Ada Lovelace}\ninterests: [Engines]\ncv: {theme: modern, templates: mine}\n", encoding="utf-8"
    )
    code, _, err = cli("build", folder / "p.yaml", "--html", "--tex", "-o", tmp_path / "out")
    assert code == 0, err
    assert "h2 { color: #00ff00; }" in (tmp_path / "out" / "cv.html").read_text(encoding="utf-8")
    assert "\\definecolor{cvaccent}{HTML}{00FF00}" in (tmp_path / "out" / "cv.tex").read_text(encoding="utf-8")
    code, _, err = cli("themes", "--copy", "modern", folder / "mine")  # never over a copy without --force
    assert code == 1 and "already exists" in err
    code, _, err = cli("themes", "--copy", "modrn", tmp_path / "other")
    assert code == 1 and "did you mean 'modern'?" in err and not (tmp_path / "other").exists()


# ---------------------------------------------------------------- design settings


def test_design_settings_are_checked_where_they_are_written(cli, write_profile):
    profile = write_profile(
        "person: {name: A}\n"
        "cv:\n"
        "  theme: modrn\n"
        "  accent_color: red\n"
        "  margins: 2px\n"
        "  section_style: boxed\n"
        "  date_column: middle\n"
        "  font: 'Lato; \\input{x}'\n"
        "  acent_color: '#d0021b'\n"
        "variants:\n"
        "  tight: {cv: {margins: '1mm 20mm'}}\n"
    )
    code, _, err = cli("validate", profile)
    assert code == 1
    expected = [
        ":3:3: cv.theme: must be one of 'classic', 'modern' or 'compact'; got 'modrn'; did you mean 'modern'?",
        ":4:3: cv.accent_color: 'red' is not a colour like \"#1f4e79\"",
        ":5:3: cv.margins: '2px' is not a length like 20mm",
        ":6:3: cv.section_style: must be one of 'rule-below', 'rule-after' or 'plain'",
        ":7:3: cv.date_column: must be one of 'left' or 'right'; got 'middle'",
        ":8:3: cv.font: 'Lato; \\input{x}' is not a font family name",
        ":9:3: cv.acent_color: unknown key 'acent_color'; did you mean 'accent_color'?",
        ":11:16: variants.tight.cv.margins: each margin must be between 5mm and 60mm",
    ]
    missing = [e for e in expected if e not in err]
    assert not missing, err


def test_a_variant_may_change_the_theme(cli, write_profile, tmp_path):
    profile = write_profile(
        "person: {name: A}\ninterests: [Engines]\ncv: {theme: modern}\n"
        "variants:\n  grant: {cv: {theme: compact, accent_color: '#D0021B', date_column: left}}\n"
    )
    assert cli("build", profile, "--html", "--variant", "grant", "-o", tmp_path / "out")[0] == 0
    assert cli("build", profile, "--html", "-o", tmp_path / "out")[0] == 0
    grant = (tmp_path / "out" / "cv-grant.html").read_text(encoding="utf-8")
    full = (tmp_path / "out" / "cv.html").read_text(encoding="utf-8")
    assert 'class="theme-compact dates-left titles-rule-below"' in grant and "--accent: #D0021B" in grant
    assert 'class="theme-modern dates-right titles-rule-after"' in full and "--accent: #1F63A8" in full


def test_margins_read_as_in_css(write_profile):
    from cvgen.views.design import design_of

    source = read_profile(write_profile("person: {name: A}\ncv: {margins: '1in 15mm 2cm', theme: compact}\n"))
    design = design_of(source.profile.cv)
    assert design.margins == (25.4, 15.0, 20.0, 15.0) and design.font == "Charis SIL"
    assert design_of(read_profile(write_profile("person: {name: A}\ncv: {margins: 18}\n")).profile.cv).margins == (
        (18.0,) * 4
    )


def _only_some_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    from cvgen.engines import fonts

    installed = {"lato light": "Lato Light", "tex gyre pagella": "TeX Gyre Pagella", "dejavu sans": "DejaVu Sans"}
    monkeypatch.setattr(fonts, "installed_families", lambda: installed)


@pytest.mark.parametrize("engine", ["weasyprint", "latex"])
def test_a_font_the_profile_names_must_be_installed(write_profile, tmp_path, monkeypatch, engine):
    """Checked before either engine runs (WeasyPrint would silently use another font, XeLaTeX stop with a
    TeX error), located at the setting that asked for it."""
    _only_some_fonts(monkeypatch)
    profile = write_profile("person: {name: A}\ncv:\n  theme: modern\nvariants:\n  x: {cv: {font: Lato Lite}}\n")
    with pytest.raises(ProfileError) as info:
        build(profile, BuildOptions(pdf=True, engine=engine, outdir=tmp_path / "out", variant="x"))
    message = str(info.value.problems[0])
    assert message.startswith(f"{profile}:5:12: variants.x.cv.font: no installed font family is called 'Lato Lite'")
    assert "did you mean 'Lato Light'?" in message
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    build(profile, BuildOptions(tex=True, outdir=tmp_path / "tex"))  # the .tex alone needs no font here


def test_a_theme_font_that_is_missing_names_its_package(write_profile, tmp_path, monkeypatch):
    """LaTeX cannot set the CV without it: an error at cv.theme. WeasyPrint prints with a fallback font, and
    says so."""
    _only_some_fonts(monkeypatch)
    profile = write_profile("person: {name: A}\ninterests: [Engines]\ncv:\n  theme: modern\n")
    with pytest.raises(ProfileError) as info:
        build(profile, BuildOptions(pdf=True, engine="latex", outdir=tmp_path / "latex"))
    assert str(info.value.problems[0]) == (
        f"{profile}:4:3: cv.theme: the modern theme's font: the font 'Lato' is not installed; install it: "
        "apt-get install fonts-lato; or set cv.font to an installed family"
    )
    report = build(profile, BuildOptions(pdf=True, engine="weasyprint", outdir=tmp_path / "weasyprint"))
    assert (tmp_path / "weasyprint" / "cv.pdf").is_file()
    assert (
        "the modern theme's font: the font 'Lato' is not installed; install it: apt-get install fonts-lato; "
        "the PDF uses a fallback font instead" in report.notes
    )


def test_the_tex_escaper_sends_what_the_theme_font_lacks_to_the_fallback():
    """Charis SIL has only the Greek letters IPA uses, Lato all of Greek; TeX Gyre Pagella no Cyrillic."""
    with main_font(COVERAGE["Charis SIL"]):
        assert escape_tex("Καθηγητής") == r"{\cvfb Καθηγητής}" and "cvfb" not in escape_tex("Иван β")
    with main_font(COVERAGE["Lato"]):
        assert "cvfb" not in escape_tex("Καθηγητής Иван") and escape_tex("✓") == r"{\cvfb ✓}"
    assert escape_tex("β") == "β" and escape_tex("Иван") == r"{\cvfb Иван}"


# ---------------------------------------------------------------- every theme, both engines


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("theme", NAMES)
@pytest.mark.parametrize("name", SEEDS)
def test_every_theme_prints_every_entry(tmp_path_factory, name, theme, engine):
    source = read_profile(PROFILES / f"{name}.yaml")
    pdf = printed.build(tmp_path_factory, PROFILES / f"{name}.yaml", engine, None, theme)
    squashed = re.sub(r"\s+", "", pdf_text(pdf).translate({0x2018: "'", 0x2019: "'", 0x2060: None}))
    p = source.profile
    expected = [pub.title or "" for pub in source.publications] + [a.title for a in p.awards]
    expected += [e.institution for e in p.education] + [x.organization for x in p.positions] + [p.person.name]
    missing = [e for e in expected if re.sub(r"\s+", "", e) not in squashed]
    assert not missing, f"not in the {theme} {engine} PDF: {missing}"
    assert FONT_IN_PDF[theme] in pdf_fonts(pdf).replace("-", "")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("theme", NAMES)
def test_every_theme_prints_any_script(tmp_path_factory, theme, engine):
    """Greek, Cyrillic, signs and CJK in each theme: a letter the theme's font lacks comes from its fallback
    (LaTeX stops on a character no font has, so a build that succeeds printed them all)."""
    folder = tmp_path_factory.mktemp(f"scripts-{theme}")
    title = "Καθηγητής β-VAE, Иван Петров, ℓ₁ → ✓, Nguyễn Văn Đức, 黄高"
    (folder / "p.yaml").write_text(
        f"person: {{name: Zoë Ørsted}}\ncv: {{theme: {theme}}}\npublications: [{{title: '{title}', year: 2024}}]\n",
        encoding="utf-8",
    )
    pdf = printed.build(tmp_path_factory, folder / "p.yaml", engine)
    assert re.sub(r"\s+", "", title) in re.sub(r"\s+", "", pdf_text(pdf))


def _name_and_dates(pdf: Path, theme: str) -> tuple[float, str, float, float]:
    """Page 1: the name's size against the body's (its word box against that of PhD), where it starts
    (left/centre), and the x of the first "2015" against the x of the degree it dates (PhD): left of it in a
    date column on the left, right of it otherwise."""
    page = printed.pages_of(pdf, theme)[0]
    name = next(w for line in page.lines for w in line.words if w.text == "Gao")
    where = "left" if name.x0 - page.margins[3] * 72 / 25.4 < 5 else "centre"
    line = next(line for line in page.lines if any(w.text == "PhD" for w in line.words))
    phd = next(w for w in line.words if w.text == "PhD")
    year = next(w for w in line.words if w.text == "2015")
    return name.height / phd.height, where, year.x0, phd.x0


@pytest.mark.parametrize("engine", ENGINES)
def test_page_one_differs_between_themes_in_type_and_layout(tmp_path_factory, engine):
    seen = {}
    for theme in NAMES:
        pdf = printed.build(tmp_path_factory, PROFILES / "gao-huang.yaml", engine, None, theme)
        height, where, year, phd = _name_and_dates(pdf, theme)
        seen[theme] = (round(height, 1), where, "left" if year < phd else "right")
    assert seen["classic"][1:] == ("centre", "left")
    assert seen["modern"][1:] == ("left", "right") and seen["compact"][1:] == ("left", "right")
    assert seen["modern"][0] > seen["classic"][0] > seen["compact"][0]  # the name: 2.6, 2.1, 1.9 em


def _is_red(r: int, g: int, b: int) -> bool:
    """#d0021b over white, at any coverage from a quarter up (antialiased edges of thin text and rules):
    white loses 47 of red for every 253 of green and 228 of blue."""
    green = 255 - g
    return green > 60 and abs((255 - r) / green - 47 / 253) < 0.08 and abs((255 - b) / green - 228 / 253) < 0.1


def _red_pixels(pdf: Path) -> int:
    """Pixels of page 1 (at 100 dpi) in the colour of #d0021b."""
    from PIL import Image

    require("pdftoppm", "apt-get install poppler-utils")
    png = pdf.with_name(pdf.stem + "-page1")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(png)], check=True
    )
    with Image.open(png.with_suffix(".png")) as image:
        data = image.convert("RGB").tobytes()
    return sum(1 for pixel in zip(data[0::3], data[1::3], data[2::3], strict=True) if _is_red(*pixel))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("theme", NAMES)
def test_accent_color_turns_the_accent_of_page_one_red(tmp_path_factory, theme, engine):
    plain = printed.build(tmp_path_factory, PROFILES / "gao-huang.yaml", engine, None, theme)
    red = printed.build(tmp_path_factory, PROFILES / "gao-huang.yaml", engine, None, theme, accent_color=RED)
    assert _red_pixels(plain) < 5
    assert _red_pixels(red) > 2000, f"{theme} {engine}: page 1 has too little of {RED}"  # 6,000-12,000 here
