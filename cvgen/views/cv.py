"""Stage 4: selection -> a per-format view the templates only print.

Everything a CV shows is decided and formatted here, in Python, through a
`Format` (HTML or TeX), so the HTML and LaTeX CVs hold the same entries and
escaping happens in one place per format. Templates add layout, not content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cvgen.clock import build_date
from cvgen.profile.model import Person, Publication
from cvgen.profile.types import PartialDate
from cvgen.text.html import Format, guess_lang
from cvgen.text.names import NameMatcher, parse_authors
from cvgen.views.select import Selection

SECTION_TITLES = {
    "about": "About",
    "interests": "Research Interests",
    "news": "News",
    "positions": "Academic Positions",
    "education": "Education",
    "awards": "Honors and Awards",
    "grants": "Grants and Funding",
    "publications": "Publications",
    "talks": "Invited Talks",
    "teaching": "Teaching",
    "students": "Students",
    "service": "Professional Service",
    "contact": "Contact",
}
TYPE_TITLES = {
    "conference": "Conference Papers",
    "journal": "Journal Articles",
    "workshop": "Workshop Papers",
    "preprint": "Preprints",
    "book": "Books",
    "chapter": "Book Chapters",
    "report": "Technical Reports",
    "thesis": "Theses",
    "patent": "Patents",
    "other": "Other Publications",
}
LINK_LABELS = {
    "google_scholar": "Google Scholar",
    "github": "GitHub",
    "orcid": "ORCID",
    "dblp": "DBLP",
    "linkedin": "LinkedIn",
    "twitter": "Twitter",
    "x": "X",
    "semantic_scholar": "Semantic Scholar",
    "researchgate": "ResearchGate",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "website": "Website",
    "pdf": "PDF",
    "html": "HTML",
    "arxiv": "arXiv",
    "doi": "DOI",
}


def link_label(key: str) -> str:
    """Label of a publication link, shown as [code], [PDF], [slides]."""
    return LINK_LABELS.get(key, key.replace("_", " "))


def profile_label(key: str) -> str:
    """Label of a profile link: 'github' -> 'GitHub'; word by word: 'lab_github' -> 'Lab GitHub'."""
    if key in LINK_LABELS:
        return LINK_LABELS[key]
    words = [LINK_LABELS.get(w, w) for w in key.split("_") if w]
    if words and words[0].islower():
        words[0] = words[0].capitalize()
    return " ".join(words) or key


def profile_url(key: str, value: str) -> str:
    """Person links: an ORCID may be given as the bare identifier."""
    if key == "orcid" and not value.startswith("http"):
        return f"https://orcid.org/{value}"
    return value



# ------------------------------------------------------------ publications
@dataclass
class PubView:
    """One formatted publication: parts for cards (homepage) and one line for lists (CV)."""

    pub: Publication
    number: int | None
    title: str
    authors: str
    venue: str  # full venue with the short name
    venue_short: str
    year: str
    note: str
    links: list[tuple[str, str]]  # (label, url)
    citation: str  # the whole entry as one formatted line
    has_equal: bool
    has_corresponding: bool


@dataclass
class PubGroup:
    title: str | None
    items: list[PubView]


def format_authors(
    pub: Publication, fmt: Format, is_owner: NameMatcher, style: str, max_authors: int | None
) -> tuple[str, bool, bool]:
    authors = parse_authors(pub.authors, is_owner)
    shown = authors
    if max_authors and len(authors) > max_authors:
        shown = authors[:max_authors]
        owner = next((a for a in authors[max_authors:] if a.is_owner), None)
        if owner and not any(a.is_owner for a in shown):
            shown = authors[: max_authors - 1] + [owner]  # never hide the owner
    parts = []
    for a in shown:
        piece = fmt.text(a.name)
        if a.is_owner:
            if style in ("bold", "both"):
                piece = fmt.strong(piece)
            if style in ("underline", "both"):
                piece = fmt.underline(piece)
        marks = ("*" if a.equal else "") + ("†" if a.corresponding else "")
        if marks:
            piece = fmt.join([piece, fmt.text(marks)])
        parts.append(piece)
    text = fmt.join(parts, ", ")
    if len(shown) < len(authors):
        text = fmt.join([text, fmt.text(", et al.")])
    return text, any(a.equal for a in authors), any(a.corresponding for a in authors)


def format_publication(
    pub: Publication, fmt: Format, is_owner: NameMatcher, style: str, max_authors: int | None, number: int | None = None
) -> PubView:
    authors, equal, corresponding = format_authors(pub, fmt, is_owner, style, max_authors)
    title = fmt.text(pub.title)
    venue_text = pub.venue_full or pub.venue or ""
    if pub.venue_full and pub.venue and pub.venue not in pub.venue_full:
        venue_text = f"{pub.venue_full} ({pub.venue})"
    details = [venue_text] if venue_text else []
    if pub.volume:
        details.append(f"vol. {pub.volume}" + (f"({pub.number})" if pub.number else ""))
    if pub.pages:
        details.append(f"pp. {pub.pages}")
    venue = fmt.emph(fmt.text(", ".join(details))) if details else fmt.text("")
    year = str(pub.year.year) if pub.year else ""
    note = fmt.text(pub.note) if pub.note else fmt.text("")
    links = list(pub.links.items())
    if pub.doi and "doi" not in pub.links:
        links.append(("doi", f"https://doi.org/{pub.doi}"))
    pieces = []
    if pub.authors:
        # "et al." and "Jr." already end the sentence
        pieces.append(fmt.join([authors, fmt.text("" if str(authors).endswith(".") else ".")]))
    pieces.append(fmt.join([title, fmt.text("" if pub.title.rstrip()[-1:] in ".?!" else ".")]))
    tail = [p for p in (venue, fmt.text(year)) if p]
    if tail:
        pieces.append(fmt.join([fmt.join(tail, ", "), fmt.text(".")]))
    if pub.note:
        pieces.append(fmt.strong(fmt.join([note, fmt.text(".")])))
    if links:
        pieces.append(fmt.join([fmt.link(url, fmt.text(f"[{link_label(label)}]")) for label, url in links], " "))
    if pub.extra:
        pieces.append(fmt.markdown(pub.extra, inline=True))
    citation = fmt.join(pieces, " ")
    return PubView(
        pub,
        number,
        title,
        authors,
        venue,
        fmt.text(pub.venue or ""),
        year,
        note,
        [(link_label(k), u) for k, u in links],
        citation,
        equal,
        corresponding,
    )


def publication_groups(sel: Selection, fmt: Format) -> list[PubGroup]:
    opts = sel.options
    person = sel.profile.person
    is_owner = NameMatcher(person.name, person.aliases)
    pubs = list(sel.publications)
    groups: list[tuple[str | None, list[Publication]]]
    if opts.group_by == "type":
        order = list(TYPE_TITLES)
        by: dict[str, list[Publication]] = {}
        for p in pubs:
            by.setdefault(p.type, []).append(p)
        groups = [(TYPE_TITLES[t], by[t]) for t in order if t in by]
    elif opts.group_by == "year":
        by_year: dict[str, list[Publication]] = {}
        for p in pubs:
            by_year.setdefault(str(p.year.year) if p.year else "Undated", []).append(p)
        groups = list(by_year.items())
    else:
        groups = [(None, pubs)]
    total = len(pubs)
    n = 0
    out = []
    for title, items in groups:
        views = []
        for p in items:
            n += 1
            number = {"descending": total - n + 1, "ascending": n}.get(opts.numbering or "none")
            views.append(format_publication(p, fmt, is_owner, opts.own_name or "bold", opts.max_authors, number))
        out.append(PubGroup(title, views))
    return out


def publication_legend(groups: list[PubGroup], fmt: Format, owner_style: str) -> str:
    views = [v for g in groups for v in g.items]
    parts = []
    if any(v.has_equal for v in views):
        parts.append(fmt.text("* equal contribution"))
    if any(v.has_corresponding for v in views):
        parts.append(fmt.text("† corresponding author"))
    return fmt.join(parts, "; ")


# ------------------------------------------------------------ the CV
@dataclass
class Row:
    when: str
    head: str
    lines: list[str] = field(default_factory=list)
    number: int | None = None


@dataclass
class Group:
    title: str | None
    rows: list[Row]


@dataclass
class Section:
    id: str
    title: str
    groups: list[Group] = field(default_factory=list)
    text: str | None = None  # a paragraph instead of rows
    legend: str | None = None


@dataclass
class CvDoc:
    name: str
    native_name: str | None
    headline: list[str]
    contact: list[str]
    links: list[str]
    sections: list[Section]
    meta: dict[str, str]
    paper: str
    font_size: float
    updated: str
    photo: str | None


def _join_nonempty(fmt: Format, parts: list[Any], sep: str = ", ") -> str:
    return fmt.join([p for p in parts if p], sep)


def _rows(section: str, entries: list[Any], fmt: Format) -> list[Group]:
    t, s = fmt.text, fmt.strong
    rows: list[Row] = []
    if section == "positions":
        for e in entries:
            head = _join_nonempty(fmt, [s(t(e.title)), t(e.organization)])
            rows.append(
                Row(
                    _span(e.start, e.end),
                    head,
                    [
                        x
                        for x in (
                            _join_nonempty(
                                fmt, [t(e.department) if e.department else "", t(e.location) if e.location else ""]
                            ),
                            fmt.markdown(e.note, inline=True) if e.note else "",
                        )
                        if x
                    ],
                )
            )
    elif section == "education":
        for e in entries:
            degree = e.degree + (f" in {e.field}" if e.field else "")
            head = _join_nonempty(fmt, [s(t(degree)), t(e.institution), t(e.location) if e.location else ""])
            lines = []
            if e.thesis:
                lines.append(fmt.join([t("Thesis: "), fmt.emph(t(e.thesis))]))
            if e.advisors:
                label = "Advisor: " if len(e.advisors) == 1 else "Advisors: "
                lines.append(fmt.join([t(label), t(", ".join(e.advisors))]))
            if e.note:
                lines.append(fmt.markdown(e.note, inline=True))
            rows.append(Row(_span(e.start, e.end), head, lines))
    elif section == "awards":
        for e in entries:
            title = fmt.link(e.url, t(e.title)) if e.url else t(e.title)
            head = _join_nonempty(fmt, [s(title), t(e.organization) if e.organization else ""])
            rows.append(
                Row(e.year.display() if e.year else "", head, [fmt.markdown(e.note, inline=True)] if e.note else [])
            )
    elif section == "grants":
        for e in entries:
            title = fmt.link(e.url, t(e.title)) if e.url else t(e.title)
            lines = [
                x
                for x in (
                    _join_nonempty(
                        fmt,
                        [t(e.agency) if e.agency else "", t(e.role) if e.role else "", t(e.amount) if e.amount else ""],
                    ),
                    fmt.markdown(e.note, inline=True) if e.note else "",
                )
                if x
            ]
            rows.append(Row(_span(e.start, e.end), s(title), lines))
    elif section == "talks":
        for e in entries:
            title = fmt.link(e.url, t(e.title)) if e.url else t(e.title)
            where = _join_nonempty(fmt, [t(e.event) if e.event else "", t(e.location) if e.location else ""])
            rows.append(Row(e.date.display() if e.date else "", fmt.emph(title), [where] if where else []))
    elif section == "teaching":
        for e in entries:
            course = f"{e.code}: {e.course}" if e.code else e.course
            head = _join_nonempty(fmt, [s(t(course)), t(e.institution) if e.institution else ""])
            lines = [x for x in (t(e.role) if e.role else "", fmt.markdown(e.note, inline=True) if e.note else "") if x]
            rows.append(Row(str(e.year) if e.year else "", head, lines))
    elif section == "students":
        for e in entries:
            name = fmt.link(e.url, t(e.name)) if e.url else t(e.name)
            head = _join_nonempty(fmt, [s(name), t(e.degree) if e.degree else ""])
            lines = [
                x
                for x in (
                    fmt.join([t("Now: "), t(e.now)]) if e.now else "",
                    fmt.markdown(e.note, inline=True) if e.note else "",
                )
                if x
            ]
            rows.append(Row(_span(e.start, e.end), head, lines))
    elif section == "service":
        groups: dict[str | None, list[Row]] = {}
        for e in entries:
            role = fmt.link(e.url, t(e.role)) if e.url else t(e.role)
            head = _join_nonempty(fmt, [s(role), t(e.venue) if e.venue else ""])
            groups.setdefault(e.category[:1].upper() + e.category[1:] if e.category else None, []).append(
                Row(str(e.years) if e.years else "", head)
            )
        return [Group(title, rows) for title, rows in groups.items()]
    elif section == "news":
        for e in entries:
            rows.append(Row(e.date.display(), fmt.markdown(e.text, inline=True)))
    else:  # a custom section: Markdown entries
        for e in entries:
            rows.append(Row("", fmt.markdown(e, inline=True)))
    return [Group(None, rows)]


def _span(start: PartialDate | None, end: PartialDate | None) -> str:
    if start and end:
        a, b = start.display(), end.display()
        return a if a == b else f"{a}–{b}"
    if start:
        return f"{start.display()}–"
    return end.display() if end else ""


def contact_lines(person: Person, fmt: Format) -> tuple[list[str], list[str]]:
    t = fmt.text
    contact = []
    if person.email:
        contact.append(fmt.link(f"mailto:{person.email}", t(person.email)))
    if person.phone:
        contact.append(t(person.phone))
    if person.website:
        contact.append(fmt.link(person.website, t(person.website.split("://", 1)[-1].rstrip("/"))))
    if person.address:
        contact.append(t(person.address))
    links = [fmt.link(profile_url(k, v), t(profile_label(k))) for k, v in person.links.items()]
    return contact, links


def cv_context(sel: Selection, fmt: Format, photo: str | None = None) -> CvDoc:
    profile = sel.profile
    person = profile.person
    custom = {s.section_id(): s.title for s in profile.sections}
    sections: list[Section] = []
    for sid in sel.sections:
        title = custom.get(sid) or SECTION_TITLES.get(sid, sid)
        if sid == "publications":
            groups = publication_groups(sel, fmt)
            if not any(g.items for g in groups):
                continue
            rows = [
                Group(g.title, [Row(f"[{v.number}]" if v.number else "", v.citation, number=v.number) for v in g.items])
                for g in groups
            ]
            sections.append(
                Section(
                    sid, title, rows, legend=publication_legend(groups, fmt, sel.options.own_name or "bold") or None
                )
            )
        elif sid == "interests":
            if profile.interests:
                sections.append(Section(sid, title, text=fmt.text("; ".join(profile.interests))))
        elif sid == "about":
            if profile.bio:
                sections.append(Section(sid, title, text=fmt.markdown(profile.bio)))
        elif sid == "contact":
            continue  # the CV header carries the contact details
        else:
            entries = sel.entries(sid)
            if entries:
                sections.append(Section(sid, title, _rows(sid, entries, fmt)))
    contact, links = contact_lines(person, fmt)
    headline = [fmt.text(x) for x in (person.position, person.affiliation) if x]
    native = (
        fmt.lang(fmt.text(person.native_name), person.native_lang or guess_lang(person.native_name))
        if person.native_name
        else None
    )
    updated = build_date()
    meta = {
        "title": f"{person.name} – Curriculum Vitae",
        "author": person.name,
        "keywords": ", ".join(["curriculum vitae", *profile.interests]),
        "description": ", ".join(x for x in (person.position, person.affiliation) if x) or "Curriculum vitae",
        "created": updated.isoformat(),
    }
    return CvDoc(
        name=fmt.text(person.name),
        native_name=native,
        headline=headline,
        contact=contact,
        links=links,
        sections=sections,
        meta=meta,
        paper=sel.cv.paper or "a4",
        font_size=sel.cv.font_size or 10.0,
        updated=f"{updated:%B %Y}",
        photo=photo,
    )
