"""Entries of the dated sections as rows: positions, education, awards, grants, talks, teaching, ...

One function per section turns an entry into a `Row` (the date column, the
head line, the lines under it); the CV prints rows as they are, the homepage
prints them or rearranges their parts (`linked`, `notes`, `span`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cvgen.profile.model import Award, Education, Grant, News, Position, Service, Student, Talk, Teaching
from cvgen.profile.types import PartialDate
from cvgen.text.format import Format


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


def join_nonempty(fmt: Format, parts: Sequence[str], sep: str = ", ") -> str:
    return fmt.join([p for p in parts if p], sep)


def optional(fmt: Format, value: str | None) -> str:
    """The escaped text, or "" (which join_nonempty leaves out)."""
    return fmt.text(value) if value else ""


def linked(fmt: Format, url: str | None, text: str) -> str:
    """Escaped text, as a link when the entry has a URL."""
    return fmt.link(url, fmt.text(text)) if url else fmt.text(text)


def notes(fmt: Format, note: str | None) -> list[str]:
    """An entry's Markdown note as a line of its own, if it has one."""
    return [fmt.markdown(note, inline=True)] if note else []


def span(start: PartialDate | None, end: PartialDate | None) -> str:
    """`2019–2024`, `Mar 2020–present`, `2019–` or a single date."""
    if start and end:
        a, b = start.display(), end.display()
        return a if a == b else f"{a}–{b}"
    if start:
        return f"{start.display()}–"
    return end.display() if end else ""


def position_row(e: Position, fmt: Format) -> Row:
    head = join_nonempty(fmt, [fmt.strong(fmt.text(e.title)), fmt.text(e.organization)])
    place = join_nonempty(fmt, [optional(fmt, e.department), optional(fmt, e.location)])
    return Row(span(e.start, e.end), head, [x for x in (place, *notes(fmt, e.note)) if x])


def education_row(e: Education, fmt: Format) -> Row:
    t = fmt.text
    degree = e.degree + (f" in {e.field}" if e.field else "")
    head = join_nonempty(fmt, [fmt.strong(t(degree)), t(e.institution), optional(fmt, e.location)])
    lines = []
    if e.thesis:
        lines.append(fmt.join([t("Thesis: "), fmt.emph(t(e.thesis))]))
    if e.advisors:
        label = "Advisor: " if len(e.advisors) == 1 else "Advisors: "
        lines.append(fmt.join([t(label), t(", ".join(e.advisors))]))
    return Row(span(e.start, e.end), head, lines + notes(fmt, e.note))


def award_row(e: Award, fmt: Format) -> Row:
    head = join_nonempty(fmt, [fmt.strong(linked(fmt, e.url, e.title)), optional(fmt, e.organization)])
    return Row(e.year.display() if e.year else "", head, notes(fmt, e.note))


def grant_row(e: Grant, fmt: Format) -> Row:
    facts = join_nonempty(fmt, [optional(fmt, e.agency), optional(fmt, e.role), optional(fmt, e.amount)])
    lines = [x for x in (facts, *notes(fmt, e.note)) if x]
    return Row(span(e.start, e.end), fmt.strong(linked(fmt, e.url, e.title)), lines)


def talk_row(e: Talk, fmt: Format) -> Row:
    where = join_nonempty(fmt, [optional(fmt, e.event), optional(fmt, e.location)])
    return Row(e.date.display() if e.date else "", fmt.emph(linked(fmt, e.url, e.title)), [where] if where else [])


def teaching_row(e: Teaching, fmt: Format) -> Row:
    course = f"{e.code}: {e.course}" if e.code else e.course
    head = join_nonempty(fmt, [fmt.strong(fmt.text(course)), optional(fmt, e.institution)])
    lines = [x for x in (optional(fmt, e.role), *notes(fmt, e.note)) if x]
    return Row(str(e.year) if e.year else "", head, lines)


def student_row(e: Student, fmt: Format) -> Row:
    head = join_nonempty(fmt, [fmt.strong(linked(fmt, e.url, e.name)), optional(fmt, e.degree)])
    now = fmt.join([fmt.text("Now: "), fmt.text(e.now)]) if e.now else ""
    return Row(span(e.start, e.end), head, [x for x in (now, *notes(fmt, e.note)) if x])


def news_row(e: News, fmt: Format) -> Row:
    return Row(e.date.display(), fmt.markdown(e.text, inline=True))


def custom_row(e: str, fmt: Format) -> Row:
    """An entry of a free section: one line of Markdown."""
    return Row("", fmt.markdown(e, inline=True))


def category_title(category: str | None) -> str | None:
    return category[:1].upper() + category[1:] if category else None


def service_groups(entries: Sequence[Service], fmt: Format) -> list[Group]:
    """Service rows under their category (conference, journal, ...), in first-seen order."""
    groups: dict[str | None, list[Row]] = {}
    for e in entries:
        head = join_nonempty(fmt, [fmt.strong(linked(fmt, e.url, e.role)), optional(fmt, e.venue)])
        groups.setdefault(category_title(e.category), []).append(Row(str(e.years) if e.years else "", head))
    return [Group(title, rows) for title, rows in groups.items()]


ROW_BUILDERS: dict[str, Callable[[Any, Format], Row]] = {
    "positions": position_row,
    "education": education_row,
    "awards": award_row,
    "grants": grant_row,
    "talks": talk_row,
    "teaching": teaching_row,
    "students": student_row,
    "news": news_row,
}


def section_groups(section: str, entries: Sequence[Any], fmt: Format) -> list[Group]:
    """The rows of one section; entries of a free section are Markdown lines."""
    if section == "service":
        return service_groups(entries, fmt)
    build = ROW_BUILDERS.get(section, custom_row)
    return [Group(None, [build(e, fmt) for e in entries])]
