"""The importers' text helpers: placeholders, TeX, years, split names, citations, venues, lines, HTML."""

from __future__ import annotations

import pytest

from cvgen.tools.importers.authors import authors_from_citation, join_split_pairs
from cvgen.tools.importers.lines import line_entry
from cvgen.tools.importers.pages import html_to_markdown, markdown_of
from cvgen.tools.importers.result import ImportResult
from cvgen.tools.importers.routes import route, section_type, venue_type
from cvgen.tools.importers.text import clean_text, date_range, decode_tex, is_placeholder, looks_like_tex, years_of
from cvgen.tools.importers.venues import venue_of


def report() -> ImportResult:
    return ImportResult({}, "test")


@pytest.mark.parametrize("text", ["**__HIDDEN__**", "__HIDDEN__", "__X__", "HIDDEN", "**", "&nbsp;", "", " _ "])
def test_placeholders(text):
    assert is_placeholder(text)


@pytest.mark.parametrize("text", ["Hidden Markov Models", "TBA", "__init__ considered harmful", "N/A", "Ana Lima"])
def test_not_placeholders(text):
    assert not is_placeholder(text)


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        ('Lo{\\"i}c Viens', "Loïc Viens"),
        ("{SeisIO}: a fast reader", "SeisIO: a fast reader"),
        ("Sens-Sch{ö}nfelder", "Sens-Schönfelder"),
        ("see [x](https://a.b/~c_d--e) and \\textit{y}", "see [x](https://a.b/~c_d--e) and y"),
        ("costs $5 for {X}", "costs $5 for X"),
        ("two {\\'e}\nlines `\\code{x}`", "two é\nlines `\\code{x}`"),
    ],
)
def test_tex_decoded_but_links_code_and_money_kept(tex, text):
    assert looks_like_tex(tex) and decode_tex(tex) == text


def test_plain_and_markdown_text_is_left_alone():
    r = report()
    for text in ("plain **bold** text", "a -- b ~ c", "50% of 3 $"):
        assert clean_text(text, "x", r) == text
    assert r.changed == []


@pytest.mark.parametrize(
    ("value", "years"),
    [
        ("2023, 2024, 2026", [2023, 2024, 2026]),
        ("2019–2021", "2019-2021"),
        ("2019 - 2023, 2025", ["2019-2023", 2025]),
        ("2023 - present", "2023-"),
        ("Fall 2023, Spring 2024", [2023, 2024]),
        (2020, 2020),
        ("sometime", None),
    ],
)
def test_years_of(value, years):
    assert years_of(value) == years


@pytest.mark.parametrize(
    ("value", "span"),
    [("2014 - 2017", ("2014", "2017")), ("Sep 2021 – present", ("Sep 2021", "present")),
     ("2021-09 to 2022-03", ("2021-09", "2022-03")), ("2023-", ("2023", None)), ("2021-09", None), (2020, None)],
)  # fmt: skip
def test_date_range(value, span):
    assert date_range(value) == span


@pytest.mark.parametrize(
    ("items", "joined"),
    [
        (["Denolle", "Marine A.*", "Viens", "Loïc"], ["Marine A. Denolle*", "Loïc Viens"]),
        (["**Solberg", "Ingrid K.**", "Raman", "P."], ["**Ingrid K. Solberg**", "P. Raman"]),
        (["van der Berg", "J.", "Smith", "Ann"], ["J. van der Berg", "Ann Smith"]),
        (["Smith", "John", "Doe", "Jane"], ["John Smith", "Jane Doe"]),
        (["Denolle", "Marine"], None),  # two one-word authors: ambiguous
        (["Denolle", "Marine A.", "Tim Clements"], None),  # odd: not pairs throughout
        (["Marine Denolle", "Tim Clements"], None),  # full names
        (["Denolle", "M. A.", "Clements, T."], None),
    ],
)
def test_join_split_pairs(items, joined):
    assert join_split_pairs(items) == joined


@pytest.mark.parametrize(
    ("citation", "authors"),
    [
        (
            "Smith, J., Doe, A. B., &amp; Name, Y. (2020). &quot;Title&quot; <i>J</i>.",
            ["J. Smith", "A. B. Doe", "Y. Name"],
        ),
        ("Ana Lima, Bo Chen, and Jo Park (2023). &quot;T&quot;", ["Ana Lima", "Bo Chen", "Jo Park"]),
        ("Jane Roe and John Poe. &quot;Title&quot;", ["Jane Roe", "John Poe"]),
        ("A title only.", None),
    ],
)
def test_authors_from_citation(citation, authors):
    assert authors_from_citation(citation) == authors


@pytest.mark.parametrize(
    ("venue", "year", "fields"),
    [
        ("ICML 2022", 2022, {"venue": "ICML"}),
        ("NeurIPS, 2021", "2021-12", {"venue": "NeurIPS"}),
        ("Goldschmidt Conference 2024", "2024-07-01", {"venue_full": "Goldschmidt Conference"}),
        ("Nature", 2023, {"venue_full": "Nature"}),
        ("2023", 2023, {"venue_full": "2023"}),  # nothing left but the year: kept
        ("ICML 2022", 2023, {"venue_full": "ICML 2022"}),  # another year: kept
    ],
)
def test_venue_of(venue, year, fields):
    assert venue_of(venue, year, "x", report()) == fields


@pytest.mark.parametrize(
    ("title", "target", "ptype"),
    [
        ("Journal Articles", "publications", "journal"),
        ("Peer-Reviewed Conference Proceedings", "publications", "conference"),
        ("Conference Posters", "publications", "other"),
        ("Preprints", "publications", "preprint"),
        ("Book Chapters", "publications", "chapter"),
        ("Selected Publications", "publications", None),
        ("Honors and Awards", "awards", None),
        ("Professional Service", "service", None),
        ("Teaching Experience", "teaching", None),
        ("Research Interests", "interests", None),
        ("Other Interests", None, None),
        ("Software", None, None),
    ],
)
def test_routes(title, target, ptype):
    assert route(title) == target
    assert section_type(title) == ptype


def test_venue_types():
    assert venue_type("Proceedings of the National Academy of Sciences") == ("journal", True)
    assert venue_type("bioRxiv") == ("preprint", True)
    assert venue_type("AGU Fall Meeting Abstracts") == ("other", True)
    assert venue_type("Proceedings of CVPR") == ("conference", True)
    assert venue_type("Geobiology") == ("journal", False)


@pytest.mark.parametrize(
    ("target", "line", "entry"),
    [
        ("service", "Reviewer for JGR, GRL (2019-)", {"role": "Reviewer", "venue": "JGR, GRL", "years": "2019-"}),
        ("service", "**Panelist**: NSA program (2021, 2023)",
         {"role": "Panelist", "venue": "NSA program", "years": [2021, 2023]}),
        ("service", "Area Chair, NeurIPS 2024", {"role": "Area Chair", "venue": "NeurIPS", "years": 2024}),
        ("awards", "2019–2021: Early Career Fellowship", {"title": "Early Career Fellowship", "year": 2019,
                                                          "note": "2019–2021"}),
        ("teaching", "Seismology (2023, 2024)", {"course": "Seismology", "year": [2023, 2024]}),
        ("news", "Joined the lab", None),  # news needs a date
        ("positions", "Postdoc at X", None),  # no line reading for positions
    ],
)  # fmt: skip
def test_line_entries(target, line, entry):
    r = report()
    assert line_entry(target, line, "x", r) == entry
    assert len(r.guessed) == (1 if entry else 0)


def test_html_and_liquid_in_pages():
    r = report()
    body = "{% include x.liquid %}<p>A <a href='/u'>link</a>, <b>bold</b><br>and <em>it</em></p><ul><li>one</li></ul>"
    assert markdown_of(body, "p.md", r) == "A [link](/u), **bold**\nand *it*\n\n- one"
    assert r.changed == ["p.md: 1 Liquid tag(s) of the site left out ({% include x.liquid %} ...)"]
    assert html_to_markdown("<u>Hobbies:</u> x &amp; y", links=False) == "Hobbies: x & y"
