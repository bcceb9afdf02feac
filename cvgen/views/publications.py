"""Publications as both outputs show them: author lists with the owner marked, citations, groups.

The CV prints `PubView.citation` as one line; the homepage builds cards from
the same view's parts. Both come from here, so they cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cvgen.profile.model import Publication
from cvgen.profile.sections import TYPE_TITLES, type_title
from cvgen.text.format import Format
from cvgen.text.i18n import gettext as _
from cvgen.text.names import NameMatcher, parse_authors
from cvgen.text.typography import unbreakable
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
    citation: str  # the entry as one formatted paragraph (its `extra` remark apart)
    has_equal: bool
    has_corresponding: bool
    badge: bool = False  # the note is an honour (Oral, Best Paper Award): set in bold
    extra: str = ""  # the formatted `extra` remark, a line of its own under the entry
    label: str = ""  # the number as the CV prints it: 12, C12, J3 (empty without numbering)


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
        # printed, a line may break between names, never inside one
        piece = fmt.text(unbreakable(a.name) if fmt.printed else a.name)
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
        details.append(_("vol. %(volume)s") % {"volume": pub.volume + (f"({pub.number})" if pub.number else "")})
    if pub.pages:
        details.append(_("pp. %(pages)s") % {"pages": pub.pages})
    return fmt.emph(fmt.text(", ".join(details))) if details else fmt.text("")


# Notes that are honours, set in bold as badges; any other note (Findings, To appear) is plain text.
_BADGE = re.compile(
    r"award|prize|medal|best|finalist|honou?rable|distinguished|outstanding|oral|spotlight|highlight|keynote|"
    r"plenary|invited|nominee|nominated|winner|top[- ]\d+",
    re.I,
)


def is_badge(note: str) -> bool:
    """`Oral`, `Best Paper Award`, `Spotlight` are honours; `Findings`, `To appear` are not."""
    return bool(_BADGE.search(note))


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
    badge = bool(pub.note) and is_badge(pub.note or "")
    if pub.note:
        sentence = fmt.join([note, fmt.text("" if (pub.note or "").rstrip()[-1:] in ".?!" else ".")])
        pieces.append(fmt.strong(sentence) if badge else sentence)
    if links:
        pieces.append(fmt.join([fmt.link(url, fmt.text(f"[{link_label(label)}]")) for label, url in links], " "))
    citation = fmt.join(pieces, " ")
    extra = fmt.markdown(pub.extra, inline=True) if pub.extra else fmt.text("")
    return PubView(pub, number, title, authors, venue, fmt.text(pub.venue or ""), year, note,
                   [(link_label(k), u) for k, u in links], citation, equal, corresponding, badge, extra)  # fmt: skip


# Letters of the numbers per type group (C12, J3): the form committees know from faculty CVs.
TYPE_LETTERS = {"conference": "C", "journal": "J", "workshop": "W", "preprint": "P", "book": "B", "chapter": "BC",
                "report": "R", "thesis": "T", "patent": "PT", "other": "O"}  # fmt: skip


def _grouped(
    pubs: list[Publication], group_by: str | None, order: str = "fixed"
) -> list[tuple[str | None, str | None, list[Publication]]]:
    """(title, type, publications) per group. Type groups come in the committee order of TYPE_TITLES, or with
    `order="first"` in the order their newest paper comes (a homepage keeps the profile's emphasis)."""
    if group_by == "type":
        by: dict[str, list[Publication]] = {}
        for p in pubs:
            by.setdefault(p.type, []).append(p)
        types = list(by) if order == "first" else [t for t in TYPE_TITLES if t in by]
        return [(type_title(t), t, by[t]) for t in types]
    if group_by == "year":
        by_year: dict[str | None, list[Publication]] = {}
        for p in pubs:
            by_year.setdefault(str(p.year.year) if p.year else _("Undated"), []).append(p)
        return [(year, None, items) for year, items in by_year.items()]
    return [(None, None, pubs)]


def _numbers(count: int, numbering: str | None) -> list[int | None]:
    """1..count as `numbering` says: descending (count first), ascending, or none."""
    if numbering == "descending":
        return list(range(count, 0, -1))
    if numbering == "ascending":
        return list(range(1, count + 1))
    return [None] * count


def publication_groups(sel: Selection, fmt: Format) -> list[PubGroup]:
    """The selection's publications, grouped and numbered as its options say.

    `numbering_scope: group` (the default when grouping by type) counts each group on its own and, for
    type groups, puts the type's letter before the number (C38 ... C1, J10 ... J1); `all` counts across groups."""
    opts = sel.options
    person = sel.profile.person
    is_owner = NameMatcher(person.name, person.aliases)
    groups = _grouped(list(sel.publications), opts.group_by, "first" if sel.output == "homepage" else "fixed")
    scope = opts.numbering_scope or ("group" if opts.group_by == "type" else "all")
    if scope == "all":
        every = iter(_numbers(len(sel.publications), opts.numbering))
        numbers = [[next(every) for _ in items] for _, _, items in groups]
    else:
        numbers = [_numbers(len(items), opts.numbering) for _, _, items in groups]
    out = []
    for (title, ptype, items), nums in zip(groups, numbers, strict=True):
        letter = TYPE_LETTERS.get(ptype or "", "") if scope == "group" else ""
        views = []
        for p, number in zip(items, nums, strict=True):
            view = format_publication(p, fmt, is_owner, opts.own_name or "bold", opts.max_authors, number)
            view.label = f"{letter}{number}" if number is not None else ""
            views.append(view)
        out.append(PubGroup(title, views))
    return out


def publication_legend(groups: list[PubGroup], fmt: Format) -> str:
    """`* equal contribution; † corresponding author`, as far as the listed papers use the marks."""
    views = [v for g in groups for v in g.items]
    parts = []
    if any(v.has_equal for v in views):
        parts.append(fmt.text(_("* equal contribution")))
    if any(v.has_corresponding for v in views):
        parts.append(fmt.text(_("† corresponding author")))
    return fmt.join(parts, _("; "))
