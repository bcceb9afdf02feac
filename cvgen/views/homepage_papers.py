"""The homepage's papers: cards and list items from the shared publication views, with each paper's
abstract and BibTeX entry (behind toggles) and its links as labelled buttons, grouped with counts and
browsable by type and by year.

The BibTeX shown is the entry `--bib` writes (`views.bibtex`), under the key the export gives it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from markupsafe import Markup

from cvgen.profile.model import Publication
from cvgen.profile.sections import TYPE_TITLES, type_title
from cvgen.text.format import safe_link
from cvgen.text.html import HtmlFormat
from cvgen.text.i18n import gettext
from cvgen.views.bibtex import bib_entry, citation_keys
from cvgen.views.homepage_base import UNDATED, UNDATED_LABEL, Picture, Style, slug
from cvgen.views.publications import publication_groups, publication_legend, publication_links
from cvgen.views.select import Selection

# A full venue this short fits the card's [VENUE YEAR] tag ("Nature"); a longer one gets its own line.
TAG_VENUE_MAX = 24
# A list of at least this many papers gets the type and year filter.
FILTER_MIN = 8
# How the filter marks the chosen and the focused choice (the stylesheet's colours).
ON = "background:var(--accent);border-color:var(--accent);color:var(--on-accent)"
FOCUS = "outline:2px solid var(--accent);outline-offset:2px"

# The words this module puts on pages (English; the templates' own words go through `_`).
WORDS = {"all": "All"}
# Button labels of paper links, by link kind (other kinds: the kind, capitalised).
BUTTON_LABELS = {"pdf": "PDF", "code": "Code", "slides": "Slides", "talk": "Talk", "doi": "DOI", "arxiv": "arXiv",
                 "html": "HTML", "poster": "Poster", "video": "Video", "website": "Website", "blog": "Blog",
                 "supp": "Supplement", "data": "Data", "project": "Project"}  # fmt: skip


@dataclass
class PaperLink:
    label: str
    url: str


@dataclass
class Paper:
    id: str
    title: Markup
    stop: str  # "." unless the title ends with its own punctuation
    authors: Markup
    venue: Markup  # "<em>Full venue (SHORT)</em>, 2024"
    tag: str  # "CVPR 2024"
    note: Markup
    links: list[PaperLink]  # urls already checked
    extra: Markup
    thumb: Picture | None
    venue_line: Markup = Markup("")  # the full venue on a card of its own line, when the tag cannot hold it
    abstract: list[Markup] = field(default_factory=list)  # paragraphs
    bibtex: Markup = Markup("")  # the exported entry, escaped
    type: str = "other"
    year: str = UNDATED


@dataclass
class PaperGroup:
    title: str | None
    papers: list[Paper]
    id: str = ""
    types: list[str] = field(default_factory=list)  # the types and years of its papers, for the filter
    years: list[str] = field(default_factory=list)


@dataclass
class FilterChoice:
    value: str  # "conference", "2024", "all"
    label: str
    count: int


@dataclass
class PaperFilter:
    """Radio buttons by type and by year that show only the matching papers, by CSS alone."""

    types: list[FilterChoice]
    years: list[FilterChoice]
    css: Markup  # the page's rules for these values


def _button_label(kind: str) -> str:
    return gettext(BUTTON_LABELS.get(kind.lower(), kind.replace("_", " ").capitalize()))


def _tag_venue(p: Publication) -> str:
    """The venue of a card's tag: the short name, or a short full name when there is no short one."""
    if p.venue:
        return p.venue
    return p.venue_full if p.venue_full and len(p.venue_full) <= TAG_VENUE_MAX else ""


def bib_keys(publications: list[Publication]) -> dict[int, str]:
    """Each publication's citation key as `--bib` exports the whole list, by object identity."""
    return {id(p): k for p, k in zip(publications, citation_keys(publications), strict=True)}


def abstract_paragraphs(text: str | None, fmt: HtmlFormat) -> list[Markup]:
    """Plain-text paragraphs, parted by blank lines."""
    if not text:
        return []
    return [fmt.text(" ".join(part.split())) for part in re.split(r"\n\s*\n", text) if part.strip()]


def paper_groups(
    sel: Selection,
    pubs: list[Publication],
    fmt: HtmlFormat,
    thumbs: dict[str, Picture],
    anchors: set[str],
    keys: dict[int, str],
    toggles: bool = True,
) -> tuple[list[PaperGroup], Markup]:
    """Paper cards from the shared publication views, and the marks' legend; with `toggles`, each
    paper's abstract and BibTeX entry."""
    style: Style = sel.style
    opts = sel.options
    explicit = set(sel.homepage.publications.model_fields_set) if sel.homepage.publications else set()
    if style == "sidebar" and "group_by" not in explicit:
        opts = opts.model_copy(update={"group_by": "none"})  # seed 000: one list of cards, newest first
    groups = publication_groups(dataclasses.replace(sel, publications=tuple(pubs), options=opts), fmt)
    out = []
    for g in groups:
        papers = []
        for v in g.items:
            p = v.pub
            key = keys[id(p)] if toggles else ""
            papers.append(
                Paper(
                    id=slug("pub-" + (p.key or p.title or ""), anchors),
                    title=Markup(v.title),
                    stop="" if (p.title or "").rstrip()[-1:] in ".?!" else ".",
                    authors=Markup(v.authors),
                    venue=fmt.join([x for x in (v.venue, fmt.text(v.year)) if x], ", "),
                    tag=" ".join(x for x in (_tag_venue(p), v.year) if x),
                    venue_line=Markup("") if _tag_venue(p) else Markup(v.venue),
                    note=Markup(v.note),
                    links=[PaperLink(_button_label(k), u) for k, u in publication_links(p) if safe_link(u)],
                    extra=fmt.markdown(p.extra, inline=True) if p.extra else Markup(""),
                    thumb=thumbs.get(p.thumbnail) if (p.thumbnail and style == "sidebar") else None,
                    abstract=abstract_paragraphs(p.abstract, fmt) if toggles else [],
                    bibtex=fmt.text(bib_entry(p, key).rstrip("\n")) if toggles else Markup(""),
                    type=p.type,
                    year=v.year or UNDATED,
                )
            )
        group = PaperGroup(g.title, papers, slug(f"papers-{g.title}", anchors) if g.title else "")
        group.types = sorted({x.type for x in papers})
        group.years = sorted({x.year for x in papers}, reverse=True)
        out.append(group)
    return out, Markup(publication_legend(groups, fmt))


def paper_filter(groups: list[PaperGroup]) -> PaperFilter | None:
    """The type and year choices of a long list, with their counts and the CSS that filters by them."""
    papers = [p for g in groups for p in g.papers]
    if len(papers) < FILTER_MIN:
        return None
    by_type: dict[str, int] = {}
    by_year: dict[str, int] = {}
    for p in papers:
        by_type[p.type] = by_type.get(p.type, 0) + 1
        by_year[p.year] = by_year.get(p.year, 0) + 1
    types = [FilterChoice(t, type_title(t), by_type[t]) for t in TYPE_TITLES if t in by_type]
    years = [
        FilterChoice(y, gettext(UNDATED_LABEL) if y == UNDATED else y, n)
        for y, n in sorted(by_year.items(), reverse=True)
    ]
    if len(types) < 2 and len(years) < 2:
        return None
    # An axis with one value filters nothing: it has no choices (and no radio buttons) at all.
    types = types if len(types) > 1 else []
    years = years if len(years) > 1 else []
    everything = FilterChoice("all", gettext(WORDS["all"]), len(papers))
    return PaperFilter([everything, *types] if types else [], [everything, *years] if years else [],
                       _filter_css(types, years))  # fmt: skip


def _filter_css(types: list[FilterChoice], years: list[FilterChoice]) -> Markup:
    """Per choice: hide other papers and groups without a match; mark the chosen label and the focused one.

    Values are publication types and years (letters, digits), so the rules hold no user text."""
    rules = []
    for axis, choices in (("t", types), ("y", years)):
        for c in choices:
            radio = f"#f{axis}-{c.value}"
            rules.append(
                f"{radio}:checked~.paper-list .paper:not(.{axis}-{c.value}),"
                f"{radio}:checked~.paper-list .paper-group:not(.has-{axis}-{c.value}){{display:none}}"
            )
    for axis, choices in (("t", types), ("y", years)):
        if not choices:
            continue
        values = ["all", *(c.value for c in choices)]
        on = ",".join(f"#f{axis}-{v}:checked~.paper-filter label[for=f{axis}-{v}]" for v in values)
        focus = ",".join(f"#f{axis}-{v}:focus-visible~.paper-filter label[for=f{axis}-{v}]" for v in values)
        rules.append(f"{on}{{{ON}}}")
        rules.append(f"{focus}{{{FOCUS}}}")
    return Markup("\n".join(rules))
