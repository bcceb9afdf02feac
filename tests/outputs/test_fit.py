"""Page fitting (a variant's max_pages, cv.fit) and the PDF standard (cv.pdf_standard) of both engines."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from cvgen.build import BuildOptions, build
from cvgen.errors import BuildError, ProfileError
from cvgen.outputs.cv import LATEX_UNTAGGED, Fit, Printed, fit_pages, fit_steps
from cvgen.outputs.cv_tex import cv_tex, last_page_fill
from cvgen.profile.load import load_text
from cvgen.profile.source import read_profile
from cvgen.profile.validate import validate
from cvgen.views.select import select
from tests.conftest import PROFILES, require


def need_tex() -> None:
    for tool in ("latexmk", "xelatex"):
        require(tool, "apt-get install texlive-xetex latexmk texlive-fonts-recommended")


def sel_of(text: str, variant: str | None = None):
    profile = validate(load_text(text, Path("p.yaml")))
    return select(profile, profile.publication_list(), "cv", variant)


def fake(pages_by_fit: dict[Fit, tuple[int, float]]):
    """An engine that prints each Fit to the given (pages, last page fill), and records what it was asked."""
    asked: list[Fit] = []

    def attempt(fit: Fit) -> tuple[Fit, Printed]:
        asked.append(fit)
        return fit, Printed(*pages_by_fit.get(fit, (9, 1.0)))

    return attempt, asked


def test_steps_tighten_spacing_then_the_font_never_under_9pt():
    assert fit_steps(10.0) == [Fit(1.0, 10.0), Fit(0.8, 10.0), Fit(0.6, 10.0), Fit(0.6, 9.5), Fit(0.6, 9.0)]
    assert fit_steps(9.0) == [Fit(1.0, 9.0), Fit(0.8, 9.0), Fit(0.6, 9.0)]


def test_over_the_limit_it_tightens_until_the_cv_fits_and_says_so():
    sel = sel_of("person: {name: A}\ncv: {max_pages: 2}\n")
    attempt, asked = fake({Fit(1.0, 10.0): (3, 0.5), Fit(0.8, 10.0): (3, 0.1), Fit(0.6, 9.5): (2, 0.9)})
    result, printed, note = fit_pages(sel, attempt)
    assert result == Fit(0.6, 9.5) and printed.pages == 2
    assert note == "fitted to 2 pages: tighter spacing, 9.5 pt (designed: 10 pt)"
    assert asked == fit_steps(10.0)[:4]


def test_a_stub_last_page_is_pulled_in():
    sel = sel_of("person: {name: A}\ncv: {max_pages: 2}\n")
    attempt, _ = fake({Fit(1.0, 10.0): (2, 0.08), Fit(0.8, 10.0): (1, 0.97)})
    assert fit_pages(sel, attempt)[2] == "fitted to 1 page: tighter spacing, 10 pt"


def test_without_a_fit_the_cv_as_designed_comes_back():
    sel = sel_of("person: {name: A}\ncv: {max_pages: 1}\n")
    attempt, asked = fake({Fit(1.0, 10.0): (3, 0.5)})
    assert fit_pages(sel, attempt) == (Fit(1.0, 10.0), Printed(3, 0.5), None)
    assert len(asked) == len(fit_steps(10.0))


def test_fitting_is_off_without_a_page_limit_or_when_asked():
    for text in ("person: {name: A}\n", "person: {name: A}\ncv: {max_pages: 1, fit: false}\n"):
        attempt, asked = fake({Fit(1.0, 10.0): (2, 0.05)})
        assert fit_pages(sel_of(text), attempt)[2] is None and len(asked) == 1
    attempt, asked = fake({Fit(1.0, 10.0): (2, 0.05), Fit(0.8, 10.0): (1, 0.9)})
    assert fit_pages(sel_of("person: {name: A}\ncv: {fit: true}\n"), attempt)[2] is not None


def test_haoyu_he_short_fits_on_one_page_and_the_build_says_so(tmp_path):
    report = build(PROFILES / "haoyu-he.yaml", BuildOptions(pdf=True, variant="short", outdir=tmp_path))
    assert report.pages == 1
    assert any(n.startswith("fitted to 1 page") for n in report.notes), report.notes


def test_no_fit_fails_with_the_real_count(tmp_path, write_profile):
    pubs = "".join(f"  - {{title: Paper number {i} on a long subject, year: 2020, authors: [A]}}\n" for i in range(90))
    path = write_profile(f"person: {{name: A}}\ncv: {{max_pages: 1}}\npublications:\n{pubs}")
    with pytest.raises(BuildError, match="the CV has [2-9] pages but cv.max_pages allows at most 1"):
        build(path, BuildOptions(pdf=True, outdir=tmp_path / "out"))


# ---------------------------------------------------------------- cv.pdf_standard


def test_pdf_standard_is_validated_with_a_hint(write_profile):
    with pytest.raises(
        ProfileError, match=r"cv.pdf_standard: must be one of .*; got 'pdf/ua1'; did you mean 'pdf/ua-1'\?"
    ):
        read_profile(write_profile("person: {name: A}\ncv: {pdf_standard: pdf/ua1}\n"))


@pytest.mark.parametrize(
    "standard, tagged, part",
    [(None, True, None), ("pdf/ua-1", True, None), ("pdf/a-3b", False, "3"), ("none", False, None)],
)
def test_weasyprint_pdf_standard(tmp_path, write_profile, standard, tagged, part):
    setting = f"cv: {{pdf_standard: {standard}}}\n" if standard else ""
    path = write_profile("person: {name: Ada Lovelace}\n" + setting)
    build(path, BuildOptions(pdf=True, outdir=tmp_path / "out"))
    reader = PdfReader(tmp_path / "out" / "cv.pdf")
    root = reader.trailer["/Root"]
    assert ("/StructTreeRoot" in root) == tagged
    metadata = root["/Metadata"].get_object().get_data().decode() if "/Metadata" in root else ""
    assert ("pdfaid:part" in metadata and f"{part}" in metadata) if part else "pdfaid:part" not in metadata


@pytest.mark.latex
def test_latex_says_its_pdf_is_untagged_when_a_standard_is_asked_for(tmp_path, write_profile):
    """TeX Live 2022 tags only in a test phase (slow, not reproducible): the LaTeX PDF keeps title, language
    and bookmarks, and a build that asks for a standard says what it got."""
    need_tex()
    source = read_profile(write_profile("person: {name: Ada Lovelace}\n"))
    assert r"\DocumentMetadata" not in cv_tex(source, select(source.profile, source.publications, "cv"))
    asked = write_profile(
        "person: {name: Ada Lovelace}\ninterests: [Engines]\ncv: {pdf_standard: pdf/ua-1}\n", "asked.yaml"
    )
    report = build(asked, BuildOptions(pdf=True, engine="latex", outdir=tmp_path / "out"))
    assert LATEX_UNTAGGED in report.notes
    root = PdfReader(tmp_path / "out" / "cv.pdf").trailer["/Root"]
    assert root["/Lang"] == "en" and "/Outlines" in root


def test_latex_last_page_fill_is_read_from_the_log():
    assert last_page_fill("x\ncvgen-last-page: 700.0pt end, 800.0pt top, height 400.0pt\n") == 0.25
    assert last_page_fill("no such line") == 1.0
