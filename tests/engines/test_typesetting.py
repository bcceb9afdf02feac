"""The printed CV as a committee sees it, measured from the PDF itself, in both engines and every theme
(issues 10 and 11).

For both seed profiles (full and short) and a large generated profile: no line of a publication entry
ends early where the next word would have fitted; no author's name is broken across lines; nothing runs
past the right margin; a variant's last page is not a stub; the PDF is tagged; quotes are typographic.
The measuring lives in tests/engines/pdf_layout.py; the first tests here show that it catches each fault.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cvgen.cli import main
from cvgen.profile.design import THEMES
from cvgen.profile.source import read_profile
from cvgen.text.names import split_marks
from tests.conftest import PROFILES, require
from tests.engines import pdf_layout as layout

SEEDS = ["gao-huang", "haoyu-he"]
ENGINES = ["weasyprint", pytest.param("latex", marks=pytest.mark.latex)]
THEME_NAMES = list(THEMES)
TEX = "apt-get install texlive-xetex latexmk texlive-fonts-recommended fonts-noto-cjk"
_built: dict[tuple[str, str, str | None], Path] = {}
_themed: dict[tuple[str, str], Path] = {}


def need_tools(engine: str) -> None:
    require("pdftotext", "apt-get install poppler-utils")
    if engine == "latex":
        for tool in ("latexmk", "xelatex"):
            require(tool, TEX)


def themed(tmp_path_factory: pytest.TempPathFactory, profile: Path, theme: str, **settings: str) -> Path:
    """`profile` with `cv.theme: THEME` and other `cv` settings, beside a copy of its folder's pictures
    (the classic theme without settings: the profile as it is)."""
    if theme == "classic" and not settings:
        return profile
    key = (str(profile), theme + repr(sorted(settings.items())))
    if key not in _themed:
        folder = tmp_path_factory.mktemp(f"{profile.stem}-{theme}")
        for item in profile.parent.iterdir():
            if item.is_dir():
                shutil.copytree(item, folder / item.name)
        text = profile.read_text(encoding="utf-8")
        lines = "".join(f"  {k}: {v!r}\n" for k, v in {"theme": theme, **settings}.items())
        text, found = re.subn(r"^cv:[ \t]*\n", f"cv:\n{lines}", text, count=1, flags=re.M)
        if not found:
            inline = "".join(f"{k}: {v!r}, " for k, v in {"theme": theme, **settings}.items())
            text, found = re.subn(r"^cv: \{", f"cv: {{{inline}", text, count=1, flags=re.M)
        assert found, f"{profile} has no `cv:` block to set the theme in"
        _themed[key] = folder / profile.name
        _themed[key].write_text(text, encoding="utf-8")
    return _themed[key]


def pages_of(pdf: Path, theme: str = "classic") -> list[layout.Page]:
    return layout.read_pages(pdf, THEMES[theme].margins)


def build(
    tmp_path_factory: pytest.TempPathFactory,
    profile: Path,
    engine: str,
    variant: str | None = None,
    theme: str = "classic",
    **settings: str,
) -> Path:
    """The PDF of `profile` in `theme` (with other `cv` settings) from `engine`, built once per test session."""
    need_tools(engine)
    profile = themed(tmp_path_factory, profile, theme, **settings)
    key = (str(profile), engine, variant)
    if key not in _built:
        out = tmp_path_factory.mktemp(f"{profile.stem}-{engine}-{variant or 'full'}")
        args = ["build", str(profile), "--pdf", "--engine", engine, "-o", str(out)]
        assert main([*args, *(["--variant", variant] if variant else [])]) == 0
        _built[key] = out / (f"cv-{variant}.pdf" if variant else "cv.pdf")
    return _built[key]


def author_names(profile: Path) -> list[str]:
    source = read_profile(profile)
    return sorted({split_marks(a)[0] for p in source.publications for a in p.authors}, key=len, reverse=True)


# ---------------------------------------------------------------- a large generated profile

GIVEN = ["Gao", "Yu-Lin", "Kilian Q.", "Laurens", "Tat-Seng", "Zoë", "Jean-Pierre", "Li", "Maximilian", "Ana",
         "Wei", "Søren", "Yong-Jin", "Christopher", "Xi", "Bo"]  # fmt: skip
FAMILY = ["Huang", "van der Maaten", "Weinberger", "Chua", "Ørsted", "de la Cruz", "Li", "Schmidhuber-Grünewald",
          "Zhang", "Wang", "O'Neil", "Pu", "Zheng", "Abernathy-Winterbottom", "Dong"]  # fmt: skip
WORDS = ("Efficient Dynamic Neural Networks for Vision-Language Models with Sparse Attention Learning Scalable "
         "Self-Supervised Representations via Adaptive Computation and Inference in Large-Scale Transformers "
         "Mover's Distance Revisited: A Study of Generalization").split()  # fmt: skip
VENUES = [("CVPR", "IEEE Conference on Computer Vision and Pattern Recognition"),
          ("NeurIPS", "Neural Information Processing Systems"),
          ("TPAMI", "IEEE Transactions on Pattern Analysis and Machine Intelligence"),
          ("ACL", "Annual Meeting of the Association for Computational Linguistics")]  # fmt: skip


def generated_profile(folder: Path, n: int = 120, seed: int = 7) -> Path:
    """`n` papers with long author lists of multi-word, hyphenated and particle names, the owner anywhere,
    badges and links: every inline element of an entry at every place in a line."""
    rnd = random.Random(seed)
    lines = ["person: {name: Ada Lovelace, aliases: [A. Lovelace]}", "cv: {font_size: 9.5}", "publications:"]
    for i in range(n):
        authors = [
            f"{rnd.choice(GIVEN)} {rnd.choice(FAMILY)}{rnd.choice(['', '', '*', '†'])}"
            for _ in range(rnd.randint(1, 14))
        ]
        authors.insert(rnd.randint(0, len(authors)), "Ada Lovelace" + rnd.choice(["", "*"]))
        venue, full = rnd.choice(VENUES)
        note = rnd.choice(["", "", "Oral", "Spotlight", "Best Paper Award", "Findings"])
        listed = ", ".join('"' + a + '"' for a in authors)
        lines.append(
            f'  - {{title: "{" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 16)))}", year: {2000 + i % 25}, '
            f'type: {"journal" if venue == "TPAMI" else "conference"}, venue: {venue}, venue_full: "{full}", '
            f"authors: [{listed}]" + (f", note: {note}" if note else "")
            + (", links: {pdf: 'https://example.org/p.pdf', code: 'https://github.com/ex/repo'}" if i % 3 else "")
            + "}"
        )  # fmt: skip
    path = folder / "generated.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_profile(tmp_path_factory.mktemp("generated"))


CASES = [(seed, variant) for seed in SEEDS for variant in (None, "short")] + [("generated", None)]


def case_pdf(
    tmp_path_factory, generated: Path, engine: str, name: str, variant: str | None, theme: str = "classic"
) -> tuple[Path, Path]:
    profile = generated if name == "generated" else PROFILES / f"{name}.yaml"
    return build(tmp_path_factory, profile, engine, variant, theme), profile


# ---------------------------------------------------------------- the measure catches each fault


def test_the_measure_catches_early_breaks_split_names_overruns_and_stubs(tmp_path):
    """A PDF with one fault of each kind, set by hand: each is found, and nothing else."""
    need_tools("weasyprint")
    from cvgen.engines.weasyprint import html_to_pdf

    html = """<html lang="en"><head><title>t</title><style>@page { size: A4; margin: 22mm 20mm 20mm 20mm }
      body { font: 10pt "TeX Gyre Pagella"; } .row { padding-left: 3em; margin-bottom: .4em }
      .when { float: left; width: 2.4em; margin-left: -3em; text-align: right }</style></head><body>
      <div class="row"><div class="when">[3]</div><div>Ada Lovelace, Charles<br>Babbage. On the
        Analytical Engine. <em>Notes</em>, 1843.</div></div>
      <div class="row"><div class="when">[2]</div><div>Ada Lovelace. Short<br>line. <em>Notes</em>, 1843.</div></div>
      <div class="row"><div class="when">[1]</div><div>Ada Lovelace. A word: <span style="white-space: nowrap">
        Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
        </span>.</div></div>
    </body></html>"""
    pdf = tmp_path / "faults.pdf"
    pdf.write_bytes(html_to_pdf(html, tmp_path, [tmp_path], "none").data)
    pages = layout.read_pages(pdf)
    entries = layout.publication_entries(pages)
    names = ["Ada Lovelace", "Charles Babbage"]
    assert [e.label for e in entries] == ["[3]", "[2]", "[1]"]
    assert [f.split(":")[0] for f in layout.early_breaks(entries, names)] == ["p.1 [3]", "p.1 [2]"]
    assert layout.split_names(entries, names) == ["p.1 [3]: 'Charles' / 'Babbage'"]
    assert len(layout.overruns(pages)) == 1
    assert layout.last_page_fill(pages) < layout.STUB
    assert not layout.is_tagged(pdf)


# ---------------------------------------------------------------- the faults, in the real CVs


@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name, variant", CASES)
def test_no_line_of_an_entry_ends_early(tmp_path_factory, generated, engine, name, variant, theme):
    pdf, profile = case_pdf(tmp_path_factory, generated, engine, name, variant, theme)
    entries = layout.publication_entries(pages_of(pdf, theme))
    assert len(entries) >= 6, "the measure found too few publication entries to judge"
    faults = layout.early_breaks(entries, author_names(profile))
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name, variant", CASES)
def test_no_name_is_broken_across_lines(tmp_path_factory, generated, engine, name, variant, theme):
    pdf, profile = case_pdf(tmp_path_factory, generated, engine, name, variant, theme)
    entries = layout.publication_entries(pages_of(pdf, theme))
    faults = layout.split_names(entries, author_names(profile))
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name, variant", CASES)
def test_nothing_runs_past_the_margin(tmp_path_factory, generated, engine, name, variant, theme):
    pdf, _ = case_pdf(tmp_path_factory, generated, engine, name, variant, theme)
    faults = layout.overruns(pages_of(pdf, theme))
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", SEEDS)
def test_a_short_variant_ends_on_a_real_page(tmp_path_factory, engine, name, theme):
    pdf = build(tmp_path_factory, PROFILES / f"{name}.yaml", engine, "short", theme)
    pages = pages_of(pdf, theme)
    fill = layout.last_page_fill(pages)
    assert len(pages) == 1 or fill >= layout.STUB, f"the last of {len(pages)} pages is {fill:.0%} full"


UNTAGGED = (
    "TeX Live 2022 (Debian 12) tags only in a test phase (\\DocumentMetadata{testphase=phase-II}: paragraphs "
    "and links, 3-4x the compile time, dates and ids that ignore SOURCE_DATE_EPOCH); the LaTeX route does not "
    "use it. This fails (strict xfail) the day the LaTeX PDF is tagged."
)


@pytest.mark.parametrize(
    "engine",
    ["weasyprint", pytest.param("latex", marks=[pytest.mark.latex, pytest.mark.xfail(strict=True, reason=UNTAGGED)])],
)
@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize("theme", THEME_NAMES)
def test_the_pdf_is_tagged(tmp_path_factory, engine, name, theme):
    assert layout.is_tagged(build(tmp_path_factory, PROFILES / f"{name}.yaml", engine, None, theme))


@pytest.mark.latex
@pytest.mark.parametrize("name", SEEDS)
def test_the_latex_pdf_has_what_tex_live_2022_does_reliably(tmp_path_factory, name):
    """A language, a title shown as the window title, an author and a bookmark outline."""
    from pypdf import PdfReader

    reader = PdfReader(build(tmp_path_factory, PROFILES / f"{name}.yaml", "latex"))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en" and root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title.endswith("Curriculum Vitae") and reader.metadata.author
    assert "Publications" in [item.title for item in reader.outline if not isinstance(item, list)]


@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", SEEDS)
def test_quotes_and_apostrophes_are_typographic(tmp_path_factory, engine, name, theme):
    pdf = build(tmp_path_factory, PROFILES / f"{name}.yaml", engine, None, theme)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
    words = [w for w in text.decode("utf-8").split() if not re.search(r"://|@|www\.", w)]
    assert not [w for w in words if "'" in w or '"' in w]
    assert any("’" in w for w in words)  # both seeds have one (Bachelor’s, Mover’s)


@pytest.mark.parametrize("engine", ENGINES)
def test_long_words_and_addresses_wrap(tmp_path_factory, engine):
    """A 130-character address in a note and a 20,000-letter word: both engines print them inside the
    margins (LaTeX failed on the word: a dimension too large)."""
    folder = tmp_path_factory.mktemp("long")
    url = "https://example.org/" + "/".join(f"segment{i}" for i in range(12))
    (folder / "profile.yaml").write_text(
        "person: {name: Ada Lovelace}\n"
        f"positions: [{{title: Countess, organization: Lovelace Estate, start: 1835, note: 'See {url} for more.'}}]\n"
        f"publications: [{{title: Notes, year: 1843, authors: [Ada Lovelace], extra: {'x' * 20000}}}]\n",
        encoding="utf-8",
    )
    pdf = build(tmp_path_factory, folder / "profile.yaml", engine)
    pages = layout.read_pages(pdf)
    assert not layout.overruns(pages), "\n".join(layout.overruns(pages)[:5])
    text = re.sub(r"\s+", "", " ".join(line.text for page in pages for line in page.body()))
    assert "x" * 20000 in text and re.sub(r"\s+", "", url) in text


@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize("engine", ENGINES)
def test_the_contact_lines_break_between_items_only(tmp_path_factory, engine, theme):
    """Each item of the header (an address piece, the e-mail, a profile address) is whole on one line."""
    pages = pages_of(build(tmp_path_factory, PROFILES / "gao-huang.yaml", engine, None, theme), theme)
    lines = [line.text for line in pages[0].lines[:8]]
    items = ["617A Centre Main Building,", "Tsinghua University,", "Beijing 100084,", "China",
             "gaohuang@tsinghua.edu.cn", "gaohuang-net.github.io", "github.com/gaohuang",
             "Lab GitHub: github.com/LeapLabTHU"]  # fmt: skip
    assert [item for item in items if not any(item in line for line in lines)] == []
    assert not any(line.startswith("·") for line in lines)  # a line never starts with a separator
