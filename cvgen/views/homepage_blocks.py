"""The homepage's sections as blocks: paper cards, entry lists, news, text.

Built from the same views as the CV: papers from `views.publications`, rows
from `views.entries`. Where a seed page words a section its own way (service
lines, teaching lists, awards on one line), the block rearranges the same
formatted parts instead of formatting the entries again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from markupsafe import Markup

from cvgen.profile.model import Award, News, Person, Service, Teaching
from cvgen.text.html import HtmlFormat, obfuscate_email
from cvgen.text.i18n import gettext
from cvgen.text.words import say
from cvgen.views.entries import linked, news_row, notes, section_groups

if TYPE_CHECKING:
    from cvgen.views.homepage_papers import PaperFilter, PaperGroup


@dataclass
class Entry:
    html: Markup
    when: str = ""  # shown date, e.g. "Mar 2024"
    datetime: str = ""  # machine-readable date for <time>
    lines: list[Markup] = field(default_factory=list)


@dataclass
class EntryGroup:
    lead: Markup | None  # "Teaching Associate for"
    entries: list[Entry]


@dataclass
class Block:
    id: str
    title: str
    kind: Literal["text", "list", "news", "papers"]
    text: Markup | None = None
    groups: list[EntryGroup] = field(default_factory=list)
    paper_groups: list[PaperGroup] = field(default_factory=list)
    legend: Markup | None = None
    more: str | None = None  # link to the full list
    total: int = 0  # entries in the full list
    intro: str | None = None
    filter: PaperFilter | None = None  # by type and year, on a long list of papers
    pages: list[tuple[str, str]] = field(default_factory=list)  # (href, years) of the full list's pages
    current: str = ""  # which of them this is


def _short_venue(e: Service) -> bool:
    """One word like NeurIPS: such venues share a line with the same role."""
    return (
        bool(e.venue) and " " not in (e.venue or "").strip() and "," not in (e.venue or "") and len(e.venue or "") <= 16
    )


def _venue_years(e: Service, fmt: HtmlFormat) -> Markup:
    """'CVPR (2026, 2022)', the venue linked when the entry has a URL."""
    venue = linked(fmt, e.url, e.venue) if e.venue else Markup("")
    return fmt.join([venue, fmt.text(f" ({e.years})") if e.years else Markup("")])


def service_lines(entries: Sequence[Service], fmt: HtmlFormat) -> list[EntryGroup]:
    """Seed 004's lines: 'Area Chair of NeurIPS (2025, 2023, 2022), CVPR (2026, 2022, 2021)'.

    Entries with the same role and short venue names share a line; others get one
    line each: 'Associate Editor, Pattern Recognition (2022–)' or 'Reviewer for CVPR, ICCV, ...'.
    """
    t = fmt.text
    lines: list[Entry] = []
    merged: dict[str, tuple[Entry, list[Markup]]] = {}
    for e in entries:
        role = t(e.role)
        peers = [
            x for x in entries if x.role == e.role and _short_venue(x) and (x.category or "") == (e.category or "")
        ]
        if _short_venue(e) and len(peers) > 1:
            key = f"{e.category}\x00{e.role}"
            if key not in merged:
                merged[key] = (Entry(Markup("")), [])
                lines.append(merged[key][0])
            entry, members = merged[key]
            members.append(_venue_years(e, fmt))
            entry.html = say("%(role)s of %(venues)s", {"role": role, "venues": fmt.join(members, ", ")}, t, fmt.join)
        elif not e.venue:
            lines.append(Entry(fmt.join([linked(fmt, e.url, e.role), t(f" ({e.years})") if e.years else ""])))
        elif e.role.lower().startswith("reviewer") or "," in e.venue:
            lines.append(
                Entry(say("%(role)s for %(venues)s", {"role": role, "venues": _venue_years(e, fmt)}, t, fmt.join))
            )
        else:
            lines.append(Entry(fmt.join([role, t(gettext(", ")), _venue_years(e, fmt)])))
    return [EntryGroup(None, lines)]


def teaching_lists(entries: Sequence[Teaching], fmt: HtmlFormat) -> list[EntryGroup]:
    """Seed 000: 'Teaching associate for' and a list 'COMP5318 – Machine Learning (USYD, 2020)'."""
    t = fmt.text
    groups: dict[str | None, EntryGroup] = {}
    for e in entries:
        course = fmt.join([fmt.strong(t(e.code)), t(" – "), t(e.course)]) if e.code else t(e.course)
        where = ", ".join(x for x in (e.institution, str(e.year) if e.year else None) if x)
        html = fmt.join([course, t(f" ({where})") if where else ""])
        if e.role not in groups:
            groups[e.role] = EntryGroup(say("%(role)s for", {"role": t(e.role)}, t, fmt.join) if e.role else None, [])
        groups[e.role].entries.append(Entry(html, lines=[Markup(x) for x in notes(fmt, e.note)]))
    return list(groups.values())


def award_lines(entries: Sequence[Award], fmt: HtmlFormat) -> list[EntryGroup]:
    """Seed 004: 'MIT TR 35 Asia-Pacific, MIT Technology Review, 2021'."""
    out = []
    for e in entries:
        parts = [linked(fmt, e.url, e.title), fmt.text(e.organization) if e.organization else "",
                 fmt.text(e.year.display()) if e.year else ""]  # fmt: skip
        out.append(Entry(fmt.join([p for p in parts if p], ", "), lines=[Markup(x) for x in notes(fmt, e.note)]))
    return [EntryGroup(None, out)]


def row_lists(section: str, entries: Sequence[object], fmt: HtmlFormat) -> list[EntryGroup]:
    """Positions, education, grants, talks, students, news and free sections: the CV's rows."""
    groups = []
    for g in section_groups(section, entries, fmt):
        rows = [Entry(Markup(r.head), when=r.when, lines=[Markup(x) for x in r.lines]) for r in g.rows]
        groups.append(EntryGroup(fmt.text(g.title) if g.title else None, rows))
    return groups


def email_view(address: str | None, mode: str, fmt: HtmlFormat) -> Markup | None:
    if not address or mode == "hide":
        return None
    if mode == "obfuscate":
        return fmt.text(obfuscate_email(address))
    return fmt.link(f"mailto:{address}", fmt.text(address))


def contact_lines(person: Person, fmt: HtmlFormat, mode: str) -> list[EntryGroup]:
    lines = []
    email = email_view(person.email, mode, fmt)
    if email:
        lines.append(Entry(email))
    if person.phone:
        lines.append(Entry(fmt.text(person.phone)))
    if person.address:
        lines.append(Entry(fmt.text(person.address)))
    return [EntryGroup(None, lines)] if lines else []


def news_items(entries: Sequence[News], fmt: HtmlFormat) -> list[EntryGroup]:
    """News rows with a machine-readable date for <time>."""
    items = [Entry(Markup(news_row(e, fmt).head), when=e.date.display(), datetime=str(e.date)) for e in entries]
    return [EntryGroup(None, items)]
