"""What goes on which page of the site: the pages of the full publication list and the filter's choices."""

from __future__ import annotations

from cvgen.profile.model import Publication
from cvgen.views.homepage_papers import FILTER_MIN, Paper, PaperGroup, paper_filter
from cvgen.views.homepage_plan import PAGE_BYTES, paper_bytes, split_pages


def pub(year: int | None, abstract: int = 0, title: str = "T") -> Publication:
    data: dict[str, object] = {"title": title, "authors": ["Ada Lovelace"], "abstract": "x" * abstract or None}
    if year is not None:
        data["year"] = str(year)
    return Publication.model_validate(data)


def test_pages_hold_whole_years_newest_first():
    pubs = [pub(2024)] * 30 + [pub(2023)] * 30 + [pub(2020)] * 5
    per_paper = paper_bytes(pubs[0])
    pages = split_pages(pubs)
    assert [p.path for p in pages][:2] == ["publications.html", "publications-2.html"]
    assert sum(len(p.pubs) for p in pages) == len(pubs)
    for page in pages:
        years = {str(p.year.year) for p in page.pubs if p.year}
        assert sum(paper_bytes(p) for p in page.pubs) <= PAGE_BYTES or len(page.pubs) == 1
        assert page.label in years or "–" in page.label
    # A year never straddles two pages when it fits one.
    assert 30 * per_paper <= PAGE_BYTES
    seen: dict[str, set[str]] = {}
    for page in pages:
        for p in page.pubs:
            seen.setdefault(str(p.year.year), set()).add(page.path)
    assert all(len(paths) == 1 for paths in seen.values())


def test_a_year_too_long_for_one_page_is_split_and_numbered():
    pubs = [pub(2024, abstract=3000)] * 12 + [pub(None)] * 2
    pages = split_pages(pubs)
    labels = [p.label for p in pages]
    assert labels[0] == "2024 (1)" and labels[1] == "2024 (2)" and labels[-1].endswith("Undated")
    assert all(sum(paper_bytes(p) for p in page.pubs) <= PAGE_BYTES for page in pages)


def _paper(kind: str, year: str) -> Paper:
    from markupsafe import Markup

    return Paper("id", Markup("t"), ".", Markup(""), Markup(""), "", Markup(""), [], Markup(""), None,
                 type=kind, year=year)  # fmt: skip


def test_filter_counts_and_rules():
    papers = [_paper("conference", "2024")] * 5 + [_paper("journal", "2023")] * 3
    f = paper_filter([PaperGroup(None, papers)])
    assert f is not None
    assert [(c.value, c.count) for c in f.types] == [("all", 8), ("conference", 5), ("journal", 3)]
    assert [(c.value, c.count) for c in f.years] == [("all", 8), ("2024", 5), ("2023", 3)]
    assert "#ft-journal:checked~.paper-list .paper:not(.t-journal)" in f.css
    assert "#fy-2023:checked~.paper-list .paper-group:not(.has-y-2023)" in f.css
    # Too short a list, or nothing to choose between: no filter.
    assert paper_filter([PaperGroup(None, papers[: FILTER_MIN - 1])]) is None
    assert paper_filter([PaperGroup(None, [_paper("conference", "2024")] * 9)]) is None
    # One axis with a single value has no choices (and so no radio buttons without a label).
    only_years = paper_filter(
        [PaperGroup(None, [_paper("conference", "2024")] * 5 + [_paper("conference", "2021")] * 4)]
    )
    assert only_years is not None and only_years.types == [] and len(only_years.years) == 3


def test_the_undated_label_is_in_the_site_language():
    from cvgen.text import i18n

    pubs = [pub(2024)] * 3 + [pub(None)] * 2
    with i18n.use("de"):
        assert [p.label for p in split_pages(pubs)] == ["2024, Ohne Datum"]
        assert [p.label for p in split_pages([pub(None)])] == ["Ohne Datum"]
    assert [p.label for p in split_pages(pubs)] == ["2024, Undated"]
