"""Entries of the dated sections as rows: positions, education, awards, grants, talks, teaching, ...

One function per section turns an entry into a `Row` (the date column, the
head line, the lines under it); the CV prints rows as they are, the homepage
prints them or rearranges their parts (`linked`, `notes`, `span`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cvgen.profile.model import Award, Education, Grant, News, Position, Service, Student, Talk, Teaching
from cvgen.profile.types import PartialDate, Years
from cvgen.text import i18n
from cvgen.text.format import Format
from cvgen.text.i18n import gettext as _
from cvgen.text.words import say


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


def join_nonempty(fmt: Format, parts: Sequence[str], sep: str | None = None) -> str:
    """The parts that are not empty, between `sep` (default: the language's comma, `，` in Chinese)."""
    return fmt.join([p for p in parts if p], _(", ") if sep is None else sep)


def optional(fmt: Format, value: str | None) -> str:
    """The escaped text, or "" (which join_nonempty leaves out)."""
    return fmt.text(value) if value else ""


def linked(fmt: Format, url: str | None, text: str) -> str:
    """Escaped text, as a link when the entry has a URL."""
    return fmt.link(url, fmt.text(text)) if url else fmt.text(text)


def notes(fmt: Format, note: str | None) -> list[str]:
    """An entry's Markdown note as a line of its own, if it has one."""
    return [fmt.markdown(note, inline=True)] if note else []


def words(fmt: Format, message: str, **values: str) -> str:
    """cvgen's words in the build's language, around formatted values: `words(fmt, "Thesis: %(title)s", ...)`."""
    return say(message, values, fmt.text, fmt.join)


def span(start: PartialDate | None, end: PartialDate | None, degree: bool = False) -> str:
    """`2019–2024`, `Mar 2020–present`, `2019–`; with only an end: `current` (it runs now, since a start
    the profile does not give) or `until 2018` (a `degree`: `2015`, the year it was awarded)."""
    if start and end:
        a, b = start.display(), end.display()
        return a if a == b else f"{a}–{b}"
    if start:
        return f"{start.display()}–"
    if end:
        if end.present:
            return _("current")
        return end.display() if degree else _("until %(date)s") % {"date": end.display()}
    return ""


def position_row(e: Position, fmt: Format) -> Row:
    head = join_nonempty(fmt, [fmt.strong(fmt.text(e.title)), fmt.text(e.organization)])
    place = join_nonempty(fmt, [optional(fmt, e.department), optional(fmt, e.location)])
    return Row(span(e.start, e.end), head, [x for x in (place, *notes(fmt, e.note)) if x])


def education_row(e: Education, fmt: Format) -> Row:
    t = fmt.text
    degree = _("%(degree)s in %(field)s") % {"degree": e.degree, "field": e.field} if e.field else e.degree
    head = join_nonempty(fmt, [fmt.strong(t(degree)), t(e.institution), optional(fmt, e.location)])
    lines = []
    if e.thesis:
        lines.append(words(fmt, "Thesis: %(title)s", title=fmt.emph(t(e.thesis))))
    if e.advisors:
        names = t(", ".join(e.advisors))
        if len(e.advisors) == 1:
            lines.append(words(fmt, "Advisor: %(names)s", names=names))
        else:
            lines.append(words(fmt, "Advisors: %(names)s", names=names))
    return Row(span(e.start, e.end, degree=True), head, lines + notes(fmt, e.note))


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
    now = words(fmt, "Now: %(what)s", what=fmt.text(e.now)) if e.now else ""
    return Row(span(e.start, e.end, degree=True), head, [x for x in (now, *notes(fmt, e.note)) if x])


def news_row(e: News, fmt: Format) -> Row:
    return Row(e.date.display(), fmt.markdown(e.text, inline=True))


def custom_row(e: str, fmt: Format) -> Row:
    """An entry of a free section: one line of Markdown."""
    return Row("", fmt.markdown(e, inline=True))


_SMALL_WORDS = frozenset("a an and as at by for in of on or the to with".split())


def title_case(text: str) -> str:
    """`area chair` -> `Area Chair`, `program committee of the IEEE` -> `Program Committee of the IEEE`:
    as publication groups are titled. Words already holding a capital keep their spelling."""
    words = text.split()
    return " ".join(
        w if (any(c.isupper() for c in w) or (i and w.lower() in _SMALL_WORDS)) else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def _english() -> bool:
    """Title Case and the merging of categories by their last word follow English grammar only."""
    return i18n.is_english()


def category_title(category: str | None) -> str | None:
    if not category:
        return None
    return title_case(category) if _english() else category


def years_text(years: Years) -> str:
    """The years newest first, ongoing ones leading: `2026, 2022, 2021`, `2023–`."""
    spans = sorted(years.spans, key=lambda s: (s.end is None, s.end or 0, s.start), reverse=True)
    return ", ".join(str(s) for s in spans)


def _recency(e: Service) -> tuple[int, int]:
    """Ongoing first, then by the latest year; among ongoing ones the latest start first."""
    if not e.years:
        return (0, 0)
    return (e.years.latest(), max(s.start for s in e.years.spans))


def _fold(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _same_as_title(role: str, title: str | None) -> bool:
    """`Area Chair` under `Area chair(s)`: the heading already says it."""
    return bool(title) and _fold(title or "").rstrip("s") == _fold(role).rstrip("s")


def _plural(word: str) -> str:
    return word if word.endswith("s") else word + "s"


@dataclass
class _Bucket:
    title: str | None
    entries: list[Service]
    merged: bool = False  # one-entry categories joined under their shared last word: each row names its own


def _lone_key(b: _Bucket) -> tuple[str, str] | None:
    """(last word of the category, role) of a one-entry category of several words; None otherwise."""
    words = (b.title or "").split()
    return (words[-1].lower(), b.entries[0].role) if len(b.entries) == 1 and len(words) > 1 else None


def _merge_lone(buckets: list[_Bucket]) -> list[_Bucket]:
    """Neighbouring one-entry categories that share a last word and a role (`journal reviewing` and
    `conference reviewing`, both `Reviewer`) become one group under that word (`Reviewing`)."""
    out: list[_Bucket] = []
    keys: list[tuple[str, str] | None] = []
    for b in buckets:
        key = _lone_key(b)
        if key is not None and keys and keys[-1] == key:
            prev = out[-1]
            if not prev.merged:
                prev = out[-1] = _Bucket(title_case(key[0]), list(prev.entries), merged=True)
            prev.entries.append(b.entries[0])
            continue
        out.append(b)
        keys.append(key)
    return out


def _service_row(e: Service, bucket: _Bucket, fmt: Format) -> Row:
    years = years_text(e.years) if e.years else ""
    if bucket.merged and e.category:
        # `Reviewer for journals: JMLR, TPAMI` under `Reviewing`, from `journal reviewing`
        role = fmt.join(
            [fmt.strong(linked(fmt, e.url, e.role)), fmt.text(f" for {_plural(' '.join(e.category.split()[:-1]))}")]
        )
        return Row(years, join_nonempty(fmt, [role, optional(fmt, e.venue)], ": "))
    if e.venue and _same_as_title(e.role, bucket.title):
        return Row(years, fmt.strong(linked(fmt, e.url, e.venue)))
    return Row(years, join_nonempty(fmt, [fmt.strong(linked(fmt, e.url, e.role)), optional(fmt, e.venue)]))


def service_groups(entries: Sequence[Service], fmt: Format) -> list[Group]:
    """Service under Title Case sub-headings by category (first-seen order), each newest first; the role is
    left out where the sub-heading says it; lone one-line groups merged; no sub-heading over a single group."""
    by: dict[str | None, list[Service]] = {}
    for e in entries:
        by.setdefault(category_title(e.category), []).append(e)
    buckets = [_Bucket(t, sorted(es, key=_recency, reverse=True)) for t, es in by.items()]
    buckets = _merge_lone(buckets) if _english() else buckets
    out = [Group(b.title, [_service_row(e, b, fmt) for e in b.entries]) for b in buckets]
    if len(out) == 1 and len(buckets[0].entries) == 1 and _implied(buckets[0].entries[0].role, out[0].title):
        out[0].title = None  # `Reviewing` over one `Reviewer, CVPR, ...` line says nothing more
    return out


def _implied(role: str, category: str | None) -> bool:
    """Does the role say what the category says (`Reviewer` of `reviewing`, `Associate Editor` of `editorial`)?
    Each word of the category shares its first six letters (or all of a shorter word) with a word of the role."""
    words = [_fold(w) for w in role.split()]
    return bool(category) and all(
        any(w[: min(6, len(c))] == c[:6] for w in words)
        for c in (_fold(x) for x in (category or "").split() if x.lower() not in _SMALL_WORDS)
        if c
    )


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
