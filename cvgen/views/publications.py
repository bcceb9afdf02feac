"""Publications as both outputs show them: author lists with the owner marked, citations, groups.

The CV prints `PubView.citation` as one line; the homepage builds cards from
the same view's parts. Both come from here, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from cvgen.profile.model import Publication
from cvgen.profile.sections import TYPE_TITLES
from cvgen.text.format import Format
from cvgen.text.names import NameMatcher, parse_authors
from cvgen.views.links import link_label
from cvgen.views.select import Selection


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
    """The author list with the owner marked in `style`; and whether any author is marked * or †."""
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


def _venue(pub: Publication, fmt: Format) -> str:
    """`Full Venue (SHORT), vol. 3(2), pp. 1-9` in italics."""
    venue_text = pub.venue_full or pub.venue or ""
    if pub.venue_full and pub.venue and pub.venue not in pub.venue_full:
        venue_text = f"{pub.venue_full} ({pub.venue})"
    details = [venue_text] if venue_text else []
    if pub.volume:
        details.append(f"vol. {pub.volume}" + (f"({pub.number})" if pub.number else ""))
    if pub.pages:
        details.append(f"pp. {pub.pages}")
    return fmt.emph(fmt.text(", ".join(details))) if details else fmt.text("")


def publication_links(pub: Publication) -> list[tuple[str, str]]:
    """(kind, url) of every link, with the DOI as a link when no `doi` link is given."""
    links = list(pub.links.items())
    if pub.doi and "doi" not in pub.links:
        links.append(("doi", f"https://doi.org/{pub.doi}"))
    return links


def format_publication(
    pub: Publication, fmt: Format, is_owner: NameMatcher, style: str, max_authors: int | None, number: int | None = None
) -> PubView:
    authors, equal, corresponding = format_authors(pub, fmt, is_owner, style, max_authors)
    heading = pub.title or ""  # every resolved publication has one; an override without it is merged
    title = fmt.text(heading)
    venue = _venue(pub, fmt)
    year = str(pub.year.year) if pub.year else ""
    note = fmt.text(pub.note) if pub.note else fmt.text("")
    links = publication_links(pub)
    pieces = []
    if pub.authors:
        # "et al." and "Jr." already end the sentence
        pieces.append(fmt.join([authors, fmt.text("" if str(authors).endswith(".") else ".")]))
    pieces.append(fmt.join([title, fmt.text("" if heading.rstrip()[-1:] in ".?!" else ".")]))
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
    return PubView(pub, number, title, authors, venue, fmt.text(pub.venue or ""), year, note,
                   [(link_label(k), u) for k, u in links], citation, equal, corresponding)  # fmt: skip


def _grouped(pubs: list[Publication], group_by: str | None) -> list[tuple[str | None, list[Publication]]]:
    if group_by == "type":
        by: dict[str, list[Publication]] = {}
        for p in pubs:
            by.setdefault(p.type, []).append(p)
        return [(TYPE_TITLES[t], by[t]) for t in TYPE_TITLES if t in by]
    if group_by == "year":
        by_year: dict[str | None, list[Publication]] = {}
        for p in pubs:
            by_year.setdefault(str(p.year.year) if p.year else "Undated", []).append(p)
        return list(by_year.items())
    return [(None, pubs)]


def publication_groups(sel: Selection, fmt: Format) -> list[PubGroup]:
    """The selection's publications, grouped and numbered as its options say."""
    opts = sel.options
    person = sel.profile.person
    is_owner = NameMatcher(person.name, person.aliases)
    pubs = list(sel.publications)
    total = len(pubs)
    n = 0
    out = []
    for title, items in _grouped(pubs, opts.group_by):
        views = []
        for p in items:
            n += 1
            number = {"descending": total - n + 1, "ascending": n}.get(opts.numbering or "none")
            views.append(format_publication(p, fmt, is_owner, opts.own_name or "bold", opts.max_authors, number))
        out.append(PubGroup(title, views))
    return out


def publication_legend(groups: list[PubGroup], fmt: Format) -> str:
    """`* equal contribution; † corresponding author`, as far as the listed papers use the marks."""
    views = [v for g in groups for v in g.items]
    parts = []
    if any(v.has_equal for v in views):
        parts.append(fmt.text("* equal contribution"))
    if any(v.has_corresponding for v in views):
        parts.append(fmt.text("† corresponding author"))
    return fmt.join(parts, "; ")
