"""BibTeX import: TeX -> Unicode, names, macros, crossref, al-folio keys, errors, and a real-world file end to end."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from cvgen.build import BuildOptions, build
from cvgen.errors import ProfileError
from cvgen.profile.bibtex import bib_names, load_bibtex, read_bibtex, tex_to_text
from cvgen.text.names import NameMatcher
from tests.conftest import ROOT, pdf_text, require

DATA = ROOT / "tests" / "data" / "bib"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
OWNER = NameMatcher("Zoë Martínez-López")


def bib(tmp_path: Path, text: str, name: str = "papers.bib") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- TeX -> Unicode
@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"G{\"o}del", "Gödel"), (r'G\"{o}del', "Gödel"), (r"Erd\H{o}s", "Erdős"), (r"{\ss}", "ß"),
        (r"\'e", "é"), (r"Dvo\v{r}\'ak", "Dvořák"), (r"{\'\i}", "í"), (r"{\L}ukasz", "Łukasz"), (r"{\AA}", "Å"),
        (r"1--10", "1–10"), (r"A---B", "A—B"), (r"``x''", "“x”"), (r"A~B", "A B"), (r"50\% \& \$5 \#1", "50% & $5 #1"),
        (r"{CNN}s on {ImageNet}", "CNNs on ImageNet"), (r"$\alpha$-NN", "α-NN"), (r"$O(n \log n)$", "O(n log n)"),
        (r"$x^2$ and H$_2$O", "x² and H₂O"), (r"$\mathcal{O}(1)$", "O(1)"), (r"$\ell_1$", "ℓ₁"), (r"\emph{in vivo}", "in vivo"),
        (r"\LaTeX", "LaTeX"), (r"\url{https://x.org/a_b}", "https://x.org/a_b"), ("Zürich", "Zürich"), ("plain", "plain"),
        ("100% bare", "100% bare"), (r"$\geq$ 2$\times$", "≥ 2×"),
    ],
)  # fmt: skip
def test_tex_to_text(tex, text):
    assert tex_to_text(tex) == text


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"A Preprint with 100\% Recall \& \#1 Rank on \texttt{Under\_Score} Benchmarks",
         "A Preprint with 100% Recall & #1 Rank on Under_Score Benchmarks"),
        (r"\textsf{Sans} \textsl{slanted} \underline{under} \uppercase{up}", "Sans slanted under up"),
        (r"\mymacro{Kept} text \otherword", "Kept text"),  # a macro nobody defined keeps its argument's text
        (r"Labelled\label{sec:x} \index{idx}entry", "Labelled entry"),  # macros that carry no text
    ],
)  # fmt: skip
def test_unknown_and_formatting_macros_keep_their_text(tex, text):
    assert tex_to_text(tex) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ('Robust <inline-formula><tex-math notation="LaTeX">k</tex-math><alternatives><inline-graphic '
         'xlink:href="x-ieq1.gif"/></alternatives></inline-formula>-Means', "Robust k-Means"),
        ("<jats:p>CO<sub>2</sub> uptake &amp; <italic>in situ</italic> H<sup>+</sup></jats:p>", "CO₂ uptake & in situ H⁺"),
        ("A <mml:math><mml:mi>x</mml:mi><mml:mo>+</mml:mo><mml:mn>1</mml:mn></mml:math> bound", "A x+1 bound"),
        ("<inline-formula><tex-math>\\documentclass[12pt]{minimal}\\usepackage{amsmath}\\begin{document}"
         "$\\alpha$\\end{document}</tex-math></inline-formula>-stable", "α-stable"),
        ("p < 0.05 in 3 <b>of</b> 4", "p < 0.05 in 3 of 4"),
    ],
)  # fmt: skip
def test_jats_and_mathml_are_reduced_to_text(value, text):
    assert tex_to_text(value) == text


def test_jats_title_in_a_bib_file(tmp_path):
    path = bib(tmp_path, '@article{a, author = {B C}, journal = {J}, year = 2024,\n'
                         '  title = {Robust <inline-formula><tex-math notation="LaTeX">k</tex-math>'
                         '<alternatives><inline-graphic xlink:href="a.gif"/></alternatives></inline-formula>-Means}}\n')  # fmt: skip
    assert [p.title for p in read_bibtex(path)] == ["Robust k-Means"]


def test_names_last_first_marks_and_others():
    names = bib_names(
        r"M{\"u}ller*, J{\"o}rg and Huang, Gao and van der Maaten, Laurens and King, Jr., Martin Luther"
        r" and Zo{\"e} Smith-Jones$^\dagger$ and Li\textsuperscript{*}, Fei-Fei and {Barnes and Noble} and {王小明} and others"
    )
    assert names == ["Jörg Müller*", "Gao Huang", "Laurens van der Maaten", "Martin Luther King Jr.",
                     "Zoë Smith-Jones†", "Fei-Fei Li*", "Barnes and Noble", "王小明", "et al."]  # fmt: skip


def test_strings_concatenation_crossref_and_types(tmp_path):
    path = bib(
        tmp_path,
        r"""
@string{cvpr = {Conference on Computer Vision and Pattern Recognition}}
@string{proc = "Proceedings of the "}
@String{IEEE = "IEEE"}
@proceedings{cvpr20, title = proc # IEEE # " " # cvpr, year = 2020, month = jun, abbr = {CVPR}, publisher = IEEE}
@inproceedings{a, title = {A}, author = {Huang, Gao}, crossref = {cvpr20}, pages = {1--9}}
@article{b, title = {B}, author = {Gao Huang}, journal = {arXiv preprint arXiv:2101.00001}, year = 2021}
@misc{c, title = {C}, author = {Gao Huang}, eprint = {2102.00002}, archivePrefix = {arXiv}, year = 2021}
@inproceedings{d, title = {D}, author = {Gao Huang}, booktitle = {ICML Workshop on AI4Math}, year = 2025}
@phdthesis{e, title = {E}, author = {Gao Huang}, school = {Tsinghua University}, year = 2015}
@techreport{f, title = {F}, author = {Gao Huang}, institution = {Cornell}, year = 2017}
@incollection{g, title = {G}, author = {Gao Huang}, booktitle = {Handbook}, year = 2019}
@patent{h, title = {H}, author = {Gao Huang}, year = 2020}
@book{i, title = {I}, author = {Gao Huang}, publisher = {MIT Press}, year = 2022}
@article{j, title = {J}, author = {Gao Huang}, journal = {TPAMI}, year = {2022}, month = {July}, volume = 4, number = 2}
""",
    )
    pubs = {p.key: p for p in read_bibtex(path)}
    assert "cvpr20" not in pubs  # a proceedings volume is not a paper of its own
    a = pubs["a"]
    assert a.venue_full == "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition"
    assert (a.venue, str(a.year), a.publisher, a.pages, a.type) == ("CVPR", "2020-06", "IEEE", "1–9", "conference")
    assert (pubs["b"].type, pubs["b"].venue) == ("preprint", "arXiv")
    assert pubs["c"].type == "preprint" and pubs["c"].links == {"arxiv": "https://arxiv.org/abs/2102.00002"}
    assert pubs["c"].venue_full == "arXiv preprint arXiv:2102.00002"
    assert {k: pubs[k].type for k in "defghij"} == {
        "d": "workshop",
        "e": "thesis",
        "f": "report",
        "g": "chapter",
        "h": "patent",
        "i": "book",
        "j": "journal",
    }
    assert pubs["e"].venue_full == "PhD thesis, Tsinghua University"
    assert (str(pubs["j"].year), pubs["j"].volume, pubs["j"].number) == ("2022-07", "4", "2")


def test_alfolio_keys(tmp_path):
    (tmp_path / "assets/img/publication_preview").mkdir(parents=True)
    (tmp_path / "assets/img/publication_preview/p.png").write_bytes(b"\x89PNG")
    path = bib(
        tmp_path,
        r"""
@inproceedings{x,
  title = {X}, author = {Huang*, Gao and Liu*, Zhuang and Weinberger, Kilian}, booktitle = {CVPR}, year = 2017,
  abbr = {CVPR}, selected = {true}, bibtex_show = {true}, preview = {p.png},
  pdf = {densenet.pdf}, code = {https://github.com/liuzhuang13/DenseNet}, html = {https://x.org/},
  slides = {https://x.org/s.pdf}, poster = {poster.pdf}, video = {https://youtu.be/x}, website = {https://x.github.io},
  arxiv = {1608.06993}, award = {Best Paper Award at CVPR 2017}, award_name = {Best Paper},
  note = {Also at a workshop}, additional_info = {, *(Oral)*},
}
@article{y, title = {Y}, author = {Gao Huang}, journal = {J}, year = 2020, preview = {gone.png}, selected = {no},
         url = {www.example.org}}
@article{z, title = {Z}, author = {Gao Huang}, journal = {J}, year = 2020, preview = {https://x.org/z.png}}
""",
    )
    result = load_bibtex(path, tmp_path)
    x, y, z = result.publications
    assert x.authors == ["Gao Huang*", "Zhuang Liu*", "Kilian Weinberger"]
    assert (x.venue, x.selected, x.thumbnail, x.note) == (
        "CVPR",
        True,
        "assets/img/publication_preview/p.png",
        "Best Paper",
    )
    assert x.extra == "Best Paper Award at CVPR 2017 Also at a workshop *(Oral)*"
    assert x.links == {
        "pdf": "assets/pdf/densenet.pdf", "code": "https://github.com/liuzhuang13/DenseNet", "html": "https://x.org/",
        "arxiv": "https://arxiv.org/abs/1608.06993", "slides": "https://x.org/s.pdf", "poster": "assets/pdf/poster.pdf",
        "video": "https://youtu.be/x", "website": "https://x.github.io",
    }  # fmt: skip
    assert (y.selected, y.thumbnail, y.links) == (False, None, {"html": "https://www.example.org"})
    assert z.thumbnail is None
    messages = [str(w) for w in result.warnings]
    assert any("y.preview" in m and "gone.png" in m and "not found" in m for m in messages)
    assert any("z.preview" in m and "URL" in m for m in messages)


def test_preview_may_not_leave_the_folder(tmp_path):
    (tmp_path / "outside.png").write_bytes(b"x")
    inner = tmp_path / "profile"
    inner.mkdir()
    path = bib(inner, "@article{a, title={A}, author={X Y}, journal={J}, year=2020, preview={../../outside.png}}")
    result = load_bibtex(path, inner)
    assert result.publications[0].thumbnail is None and result.warnings


def test_errors_are_located_never_tracebacks(tmp_path):
    path = bib(
        tmp_path,
        """@article{ok, title={Fine}, author={A B}, year=2020}
@article{broken, title = {Unclosed, author={A B}, year=2020
@article{ok, title={Again}, year=2021}
@misc{notitle, author={X Y}}
@article{evil, title={T}, pdf={javascript:alert(1)}}
""",
    )
    with pytest.raises(ProfileError) as info:
        read_bibtex(path)
    text = str(info.value)
    assert re.search(r"papers\.bib:3:1: broken: BibTeX syntax error in @article\{broken \(starting on line 2\)", text)
    assert "papers.bib:3:10: ok: duplicate entry key 'ok' (first on line 1)" in text
    assert "papers.bib:4:1: notitle: entry 'notitle' has no title" in text
    assert "papers.bib:5:27: evil.pdf: 'javascript:' links are not allowed" in text
    assert "Traceback" not in text


def test_bib_errors_through_the_cli(cli, tmp_path):
    bib(tmp_path, "@article{a, title = {A}, author = {B C}, year = 2020,\n")
    profile = tmp_path / "profile.yaml"
    profile.write_text("person: {name: B C}\npublications:\n  - bibtex: papers.bib\n", encoding="utf-8")
    code, out, err = cli("validate", profile)
    assert code == 1 and "papers.bib:2" in err and "a: BibTeX syntax error" in err and "Traceback" not in err


def test_warnings_for_lint(tmp_path):
    path = bib(
        tmp_path,
        """@article{a, title = {A}, author = {B C}, journal = nojournal, year = {in press}, month = {Smarch}}
@article{b, title = {B}, title = {B2}, author = {B C}, year = 2020}
@article{c, title = {C}, author = {B C}, crossref = {nothere}}
@weird{d, title = {D}, author = {B C}}
""",
    )
    result = load_bibtex(path)
    text = "\n".join(map(str, result.warnings))
    for needle in (
        "undefined @string macro 'nojournal'",
        "'in press' is not a year",
        "field 'title' is given twice",
        "crossref 'nothere' is not an entry",
        "unknown entry type @weird",
    ):
        assert needle in text
    assert [p.key for p in result.publications] == ["a", "b", "c", "d"]
    assert result.publications[1].title == "B"  # the first value, as BibTeX does


def test_latin1_file_is_read_with_a_warning(tmp_path):
    path = tmp_path / "old.bib"
    path.write_bytes("@article{a, title = {Café}, author = {Zoë Q}, year = 2020}".encode("latin-1"))
    result = load_bibtex(path)
    assert result.publications[0].title == "Café" and "not UTF-8" in str(result.warnings[0])


def test_yaml_and_bib_entries_mix_and_override(write_profile, tmp_path):
    bib(
        tmp_path,
        "@article{k1, title = {From Bib}, author = {Gao Huang}, journal = {J}, year = 2019}\n"
        "@article{k2, title = {Second}, author = {Gao Huang}, journal = {J}, year = 2018}\n",
    )
    profile = write_profile("""person: {name: Gao Huang}
publications:
  - {title: Only YAML, year: 2021, authors: [Gao Huang]}
  - bibtex: papers.bib
  - {key: k1, title: From Bib, note: Oral, selected: true}
""")
    from cvgen.profile.source import read_profile

    pubs = read_profile(profile).publications
    assert [p.title for p in pubs] == ["Only YAML", "From Bib", "Second"]
    assert (pubs[1].note, pubs[1].selected, pubs[1].venue_full) == ("Oral", True, "J")


# ---------------------------------------------------------------- the real-world file
def test_fixture_is_real_world_sized():
    text = (DATA / "papers.bib").read_text(encoding="utf-8")
    assert len(re.findall(r"^@(?!string)\w+\{", text, re.M | re.I)) >= 100
    for feature in (
        "@string",
        "crossref",
        " # ",
        "and others",
        "$\\",
        '{\\"',
        "selected",
        "preview",
        "award_name",
        "additional_info",
        "abbr",
        "arxiv",
        "eprint",
    ):
        assert feature in text, feature


def test_fixture_imports_without_loss():
    from cvgen.profile import bibtex

    bibtex.clear_caches()
    start = time.perf_counter()
    result = load_bibtex(DATA / "papers.bib", DATA)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.5, f"parsing {len(EXPECTED)} entries took {elapsed:.2f} s"
    pubs = {p.key: p for p in result.publications}
    assert set(pubs) == set(EXPECTED)
    for key, want in EXPECTED.items():
        p = pubs[key]
        assert p.title == want["title"], key
        assert p.authors == want["authors"], key
        assert [OWNER(a) for a in p.authors] == want["owner"], key
        assert (p.type, p.year.year, p.selected) == (want["type"], want["year"], want["selected"]), key
    assert [str(w) for w in result.warnings] == [
        f"{result.file}:236:3: e012.preview: preview 'missing.png' not found "
        "(looked for assets/img/publication_preview/missing.png in the profile's folder); not shown"
    ]


@pytest.fixture(scope="module")
def fixture_outputs(tmp_path_factory):
    """The fixture profile built once: CV PDF + HTML, and the homepage."""
    out = tmp_path_factory.mktemp("bib-out")
    build(DATA / "profile.yaml", BuildOptions(pdf=True, html=True, homepage=True, outdir=out))
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_pdf_has_unicode_titles_and_names(fixture_outputs):
    text = _squash(pdf_text(fixture_outputs / "cv.pdf"))
    missing = [w["title"] for w in EXPECTED.values() if _squash(w["title"]) not in text]
    assert not missing
    names = {a.rstrip("*†") for w in EXPECTED.values() for a in w["authors"] if a != "et al."}
    assert not [n for n in names if _squash(n) not in text]
    assert "\\" not in text and "{" not in text  # no TeX left over


def test_owner_marked_in_every_cv_entry(fixture_outputs):
    html = (fixture_outputs / "cv.html").read_text(encoding="utf-8")
    for key, want in EXPECTED.items():
        m = re.search(r'<div class="head">([^\n]*?)' + re.escape(_html(want["title"])) + r"\.", html)
        assert m, key
        # names are kept whole (no-break spaces, word joiners), spaces sit inside the elements (cvgen/text/html.py)
        marked = [" ".join(x.replace("\u2060", "").split()) for x in re.findall(r"<strong>([^<]*)</strong>", m[1])]
        owners = [a.rstrip("*†") for a, own in zip(want["authors"], want["owner"], strict=True) if own]
        assert marked == owners, key


def _html(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_yaml_override_reaches_the_cv(fixture_outputs):
    html = (fixture_outputs / "cv.html").read_text(encoding="utf-8")
    title = _html(EXPECTED["e001"]["title"])
    assert re.search(re.escape(title) + r"\.[^\n]*<strong> ?Oral\.</strong>", html)


def test_homepage_has_unicode_and_marks_the_owner(fixture_outputs):
    pages = "".join(p.read_text(encoding="utf-8") for p in fixture_outputs.glob("*.html") if p.name != "cv.html")
    assert "paper card" in pages
    cards = re.findall(r'<li class="paper card[^"]*" id="pub-(e\d+)">(.*?)</li>', pages, re.S)
    assert len({k for k, _ in cards}) == len(EXPECTED)
    for key, body in cards:
        want = EXPECTED[key]
        assert _html(want["title"]) in body, key
        authors = re.search(r'<p class="authors">(.*?)</p>', body, re.S)[1]
        owners = [a.rstrip("*†") for a, own in zip(want["authors"], want["owner"], strict=True) if own]
        assert re.findall(r'<span class="own">([^<]*)</span>', authors) == owners, key
    assert (fixture_outputs / "images" / "moebius.png").exists()  # al-folio preview -> thumbnail


def test_latex_pdf_has_unicode_titles_and_names(tmp_path, cli):
    """The same file through the LaTeX engine (XeLaTeX)."""
    require("latexmk", "apt-get install latexmk texlive-xetex")
    code, out, err = cli("build", DATA / "profile.yaml", "--pdf", "--engine", "latex", "-o", tmp_path)
    assert code == 0, err
    text = _squash(pdf_text(tmp_path / "cv.pdf"))
    assert not [w["title"] for w in EXPECTED.values() if _squash(w["title"]) not in text]
    names = {a.rstrip("*†") for w in EXPECTED.values() for a in w["authors"] if a != "et al."}
    assert not [n for n in names if _squash(n) not in text]
