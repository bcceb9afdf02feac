"""What a long-lived process (watch, serve, batch) reuses between WeasyPrint builds changes no PDF byte,
and a changed style sheet always shows."""

from __future__ import annotations

import pytest

from cvgen.engines import weasyprint as engine
from cvgen.outputs.cv import cv_html
from cvgen.profile.source import read_profile
from cvgen.render import templates_root
from cvgen.views.select import select
from tests.conftest import PROFILES


def _html(name: str) -> tuple[str, list]:
    source = read_profile(PROFILES / f"{name}.yaml")
    html = cv_html(source, select(source.profile, source.publications, "cv", None))
    return html, [source.folder, templates_root()]


def _uncached(html: str, allowed: list) -> bytes:
    """The PDF as WeasyPrint makes it from the document as it is, the style sheet inline."""
    weasyprint = engine._start()
    options = engine._pdf_options(None)
    fetcher = engine._fetcher_class()(allowed)
    base = allowed[0].as_uri() + "/"
    with engine._fewer_collections():
        document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).render(
            font_config=engine._font_config, **options
        )
        return document.write_pdf(**options)


@pytest.mark.parametrize("name", ["haoyu-he"])
def test_the_shared_sheet_gives_the_same_pdf_bytes(name):
    html, allowed = _html(name)
    first = engine.html_to_pdf(html, allowed[0], allowed)
    assert engine._shared_sheet(engine._start(), html, allowed[0].as_uri() + "/", allowed)[1], "sheet not shared"
    second = engine.html_to_pdf(html, allowed[0], allowed)  # the parsed sheet reused (no PDF kept outside watch)
    assert first.data == second.data == _uncached(html, allowed)


def test_a_changed_sheet_is_parsed_again_and_shows():
    html, allowed = _html("haoyu-he")
    base = allowed[0].as_uri() + "/"
    weasyprint = engine._start()
    _, [sheet] = engine._shared_sheet(weasyprint, html, base, allowed)
    assert engine._shared_sheet(weasyprint, html, base, allowed)[1] == [sheet]
    changed = html.replace("<style>", "<style>body { color: rgb(200, 0, 0) }\n", 1)
    _, [other] = engine._shared_sheet(weasyprint, changed, base, allowed)
    assert other is not sheet
    assert engine.html_to_pdf(changed, allowed[0], allowed).data != engine.html_to_pdf(html, allowed[0], allowed).data


@pytest.mark.parametrize(
    "css",
    [
        "p { color: red !important }",
        "@font-face { font-family: X; src: url(x.woff) }",
        "@import url(more.css);",
        "@counter-style thumbs { system: cyclic; symbols: x; }",
        "@layer base { p { color: red } }",
    ],
)
def test_a_sheet_that_reaches_beyond_itself_stays_inline(css, tmp_path):
    html = f"<html><head><style>{css}</style></head><body><p>x</p></body></html>"
    assert engine._shared_sheet(engine._start(), html, tmp_path.as_uri() + "/", [tmp_path]) == (html, [])


def test_two_sheets_or_a_linked_one_stay_inline(tmp_path):
    base = tmp_path.as_uri() + "/"
    for html in (
        "<html><head><style>p{}</style><style>b{}</style></head><body></body></html>",
        '<html><head><link rel="stylesheet" href="a.css"><style>p{}</style></head><body></body></html>',
    ):
        assert engine._shared_sheet(engine._start(), html, base, [tmp_path]) == (html, [])


def test_fonts_found_once_are_not_asked_again(monkeypatch):
    engine.check_fonts("<p>† ‡</p>")
    assert {"†", "‡"} <= engine._FOUND
    monkeypatch.setattr(engine.shutil, "which", lambda _: pytest.fail("fc-list asked again"))
    engine.check_fonts("<p>‡ †</p>")


def test_a_kept_pdf_is_printed_again_when_a_file_it_read_changes(tmp_path, monkeypatch):
    from PIL import Image

    Image.new("RGB", (40, 40), (200, 0, 0)).save(tmp_path / "pic.png")
    html = '<html><head><style>img { width: 2cm }</style></head><body><p>x</p><img src="pic.png"></body></html>'
    printed: list[int] = []
    real = engine._print

    def counting(*args: object) -> object:
        printed.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_print", counting)
    engine.keep_pdfs(4)
    try:
        first = engine.html_to_pdf(html, tmp_path, [tmp_path])
        assert engine.html_to_pdf(html, tmp_path, [tmp_path]) is first and len(printed) == 1
        Image.new("RGB", (40, 40), (0, 0, 200)).save(tmp_path / "pic.png")  # the same HTML, another picture
        again = engine.html_to_pdf(html, tmp_path, [tmp_path])
        assert len(printed) == 2 and again.data != first.data
        assert engine.html_to_pdf(html, tmp_path, [tmp_path], "none") is not again  # another standard
    finally:
        engine.keep_pdfs(0)
    engine.html_to_pdf(html, tmp_path, [tmp_path])
    assert len(printed) == 4  # nothing kept outside watch
