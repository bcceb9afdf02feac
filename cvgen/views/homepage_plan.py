"""Which page of the site shows what: the index's papers, the pages of the full list, long entry lists.

Every page stays small (each page with its stylesheet under 50 KB): a long index list shows the
selected papers, and the full list, each paper with its abstract and BibTeX, is split by years into
pages of about PAGE_BYTES of papers (publications.html holds the newest). Sizes are estimated from
the text a paper shows (`paper_bytes`); tests check the real pages.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from cvgen.profile.model import Publication
from cvgen.text.i18n import gettext
from cvgen.views.homepage_base import UNDATED, UNDATED_LABEL
from cvgen.views.select import Selection, filter_publications

# With more publications than this, the index shows the selected ones (or the newest INDEX_RECENT)
# and the publications pages hold the full list; an index made to show more anyway (selected_only:
# false) shows them without their abstract and BibTeX toggles, which the publications pages have.
LONG_LIST = 25
INDEX_RECENT = 10
PAGE_BYTES = 20_000  # papers (with abstract and BibTeX) on one page of the full list
INDEX_BYTES = 14_000  # papers with their toggles on the index; more, and the index shows them without
# News, talks and teaching longer than this show their newest INDEX_ENTRIES on the index and
# all of them on a page of their own (news.html, talks.html, teaching.html).
LONG_ENTRIES = 12
INDEX_ENTRIES = 8
PAGED_SECTIONS = ("news", "talks", "teaching")


@dataclass
class PubPage:
    path: str  # publications.html, publications-2.html, ...
    label: str  # its years: "2024–2025", "2019", "Undated"
    pubs: list[Publication]


@dataclass
class PublicationPlan:
    """Which publications the index shows, whether with toggles, and the pages of the full list."""

    index: list[Publication]
    full: list[Publication]
    heading: Literal["all", "selected", "recent"]
    toggles: bool = True  # the index's papers carry their abstract and BibTeX
    pages: list[PubPage] = dataclasses.field(default_factory=list)

    @property
    def needs_page(self) -> bool:
        return bool(self.pages)


def plan_publications(sel: Selection, publications: list[Publication]) -> PublicationPlan:
    """The index shows what the selection chose; a long list is shortened to the selected papers.

    `homepage.publications.selected_only` or `max`, when set, decide; otherwise an
    index with more than LONG_LIST papers shows the `selected: true` ones (or the
    newest INDEX_RECENT when none is marked) and the publications pages list them all.
    """
    opts = sel.options
    full = filter_publications(publications, opts.model_copy(update={"selected_only": False, "max": None}))
    index = list(sel.publications)
    explicit = set(sel.homepage.publications.model_fields_set) if sel.homepage.publications else set()
    heading: Literal["all", "selected", "recent"] = "all"
    if len(index) > LONG_LIST and not ({"selected_only", "max"} & explicit):
        chosen = [p for p in index if p.selected]
        index, heading = (chosen, "selected") if chosen else (index[:INDEX_RECENT], "recent")
    elif opts.selected_only:
        heading = "selected"
    elif len(index) < len(full):
        heading = "recent"
    toggles = len(index) <= LONG_LIST and sum(paper_bytes(p) for p in index) <= INDEX_BYTES
    pages = split_pages(full) if (len(index) < len(full) or not toggles) else []
    return PublicationPlan(index, full, heading, toggles, pages)


def _year(p: Publication) -> str:
    return str(p.year.year) if p.year and not p.year.present else UNDATED


def paper_bytes(p: Publication) -> int:
    """About how many bytes a paper takes on a page with its toggles: its markup, its text, and its
    BibTeX entry, which repeats title, authors, venue, links and abstract."""
    text = sum(len(x or "") for x in (p.title, p.venue, p.venue_full, p.note, p.extra, p.doi))
    text += sum(len(a) + 2 for a in p.authors) + sum(len(u) + 12 for u in p.links.values())
    return 450 + 2 * text + 2 * len(p.abstract or "")


def split_pages(pubs: list[Publication]) -> list[PubPage]:
    """The list (newest first) in pages of whole years, each about PAGE_BYTES; a year too long for one
    page is split over several."""
    years: dict[str, list[Publication]] = {}
    for p in pubs:
        years.setdefault(_year(p), []).append(p)
    chunks: list[tuple[list[str], list[Publication]]] = []
    size = PAGE_BYTES + 1
    for year, items in years.items():
        cost = sum(paper_bytes(p) for p in items)
        if chunks and size + cost <= PAGE_BYTES:
            chunks[-1][0].append(year)
            chunks[-1][1].extend(items)
            size += cost
            continue
        for part in _parts(items):
            chunks.append(([year], part))
            size = sum(paper_bytes(p) for p in part)
    pages = []
    for i, (chunk, part) in enumerate(chunks):
        dated = [y for y in chunk if y != UNDATED]
        undated = gettext(UNDATED_LABEL)
        label = (dated[0] if len(dated) == 1 else f"{dated[-1]}–{dated[0]}") if dated else undated
        if UNDATED in chunk and dated:
            label += f", {undated}"
        if sum(1 for c, _ in chunks if c == chunk) > 1:
            label += f" ({sum(1 for c, _ in chunks[: i + 1] if c == chunk)})"
        path = "publications.html" if i == 0 else f"publications-{i + 1}.html"
        pages.append(PubPage(path, label, part))
    return pages


def _parts(items: list[Publication]) -> list[list[Publication]]:
    """One year's papers in runs of about PAGE_BYTES (at least one paper each)."""
    parts: list[list[Publication]] = [[]]
    size = 0
    for p in items:
        cost = paper_bytes(p)
        if parts[-1] and size + cost > PAGE_BYTES:
            parts.append([])
            size = 0
        parts[-1].append(p)
        size += cost
    return parts


def paged(sel: Selection, sid: str) -> tuple[list[Any], list[Any]]:
    """(what the index shows, every entry) of a section that may get a page of its own.

    News are cut by `homepage.max_news`, or else like talks and teaching: a list longer than
    LONG_ENTRIES shows its newest INDEX_ENTRIES on the index."""
    shown = sel.entries(sid)
    if sid not in PAGED_SECTIONS:
        return shown, shown
    if sid == "news" and sel.homepage.max_news is not None:
        uncut = dataclasses.replace(sel, homepage=sel.homepage.model_copy(update={"max_news": None}))
        return shown, uncut.entries(sid)
    return (shown[:INDEX_ENTRIES] if len(shown) > LONG_ENTRIES else shown), shown
