"""Links in the printed CV: a PDF has no folder, so relative links point at the published site or go."""

from cvgen.text.format import printed_href
from cvgen.text.html import HtmlFormat
from cvgen.text.tex import TexFormat

BASE = "https://ada.example.org/"


def test_relative_links_resolve_against_the_site_or_are_left_out():
    assert printed_href("papers/a.pdf", BASE) == "https://ada.example.org/papers/a.pdf"
    assert printed_href("/cv.pdf", "https://x.org/~ada/") == "https://x.org/cv.pdf"
    assert printed_href("papers/a.pdf", None) is None
    assert printed_href("https://x.org/a", None) == "https://x.org/a"
    assert printed_href("mailto:a@x.org", None) == "mailto:a@x.org"
    assert printed_href("javascript:alert(1)", BASE) is None
    assert printed_href("//evil.org/a", BASE) is None


def test_markdown_links_in_print_follow_the_same_rule_in_both_formats():
    text = "See [the thesis](papers/t.pdf) and [the web](https://x.org)."
    html = HtmlFormat(printed=True).markdown(text, inline=True)
    assert "papers/t.pdf" not in html and "the thesis" in html and 'href="https://x.org"' in html
    html = HtmlFormat(printed=True, link_base=BASE).markdown(text, inline=True)
    assert 'href="https://ada.example.org/papers/t.pdf"' in html
    tex = TexFormat(printed=True).markdown(text, inline=True)
    assert "papers/t.pdf" not in tex and "the thesis" in tex and r"\href{https://x.org}" in tex
    tex = TexFormat(printed=True, link_base=BASE).markdown(text, inline=True)
    assert r"\href{https://ada.example.org/papers/t.pdf}{the thesis}" in tex


def test_the_homepage_keeps_relative_links():
    assert 'href="papers/t.pdf"' in HtmlFormat().markdown("[t](papers/t.pdf)", inline=True)
    assert 'href="papers/t.pdf"' in HtmlFormat().link("papers/t.pdf", "t")
