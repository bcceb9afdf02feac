"""RenderCV entries -> profile entries: tell an entry's kind, convert it, or make it a free-section line.

Every converter reads the entry through `Fields`, so a field it has no place
for is moved into the entry's note, or reported, never dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cvgen.tools.importers.authors import repair_authors
from cvgen.tools.importers.common import join_text, loose_date
from cvgen.tools.importers.fields import Fields, settle
from cvgen.tools.importers.result import ImportResult
from cvgen.tools.importers.routes import PREPRINT_VENUE_RX, venue_type
from cvgen.tools.importers.text import date_range, is_placeholder, note_text, shown, thesis_and_advisors, years
from cvgen.tools.importers.venues import venue_fields

# The key that names an entry of each kind: a placeholder there makes the whole entry one.
_NAME_KEYS = ("title", "name", "bullet", "label", "institution", "company", "position", "number", "reversed_number")


@dataclass
class Context:
    """What converting one entry needs besides the entry: the report, the owner, the section's type."""

    result: ImportResult
    owner: str
    aliases: list[str]
    section_type: str | None = None  # the type the section's title names, for publications
    badge: str | None = None  # a badge for every publication of the section ("Poster")


def entry_kind(entry: object) -> str:
    """The RenderCV entry type, told by its keys (RenderCV files do not name it)."""
    if isinstance(entry, str):
        return "text"
    if not isinstance(entry, dict):
        return "unknown"
    keys = set(entry)
    if "institution" in keys and ("area" in keys or "degree" in keys):
        return "education"
    if "company" in keys and "position" in keys:
        return "experience"
    if "title" in keys and "authors" in keys:
        return "publication"
    if "label" in keys and "details" in keys:
        return "oneline"
    if "bullet" in keys:
        return "bullet"
    if "number" in keys or "reversed_number" in keys:
        return "numbered"
    if "name" in keys or "title" in keys:  # RenderCV's normal entry; some files say `title:` instead of `name:`
        return "normal"
    return "unknown"


def is_placeholder_entry(entry: object) -> bool:
    """An entry that only makes space: its name is a placeholder such as `**__HIDDEN__**`."""
    if isinstance(entry, str):
        return is_placeholder(entry)
    if not isinstance(entry, dict):
        return False
    named = [entry[k] for k in _NAME_KEYS if k in entry]
    return bool(named) and is_placeholder(named[0])


def profile_section(kind: str, route: str | None) -> str | None:
    """The profile section an entry of this kind goes to, or None for a line of a free section."""
    if kind == "education":
        return "education"
    if kind == "publication" or (kind == "normal" and route == "publications"):
        return "publications"
    if kind == "experience":
        return "teaching" if route == "teaching" else "positions"
    if kind == "normal" and route in _ROUTED:
        return route
    return None


def profile_entry(kind: str, target: str, e: dict[str, Any], at: str, ctx: Context) -> dict[str, Any]:
    """`e` as an entry of the profile section `target`."""
    f = Fields(e, at)
    if target == "publications":
        return publication(f, ctx)
    if kind == "education":
        return _education(f, ctx.result)
    if kind == "experience" and target == "teaching":
        return _course_taught(f, ctx.result)
    if kind == "experience":
        return _position(f, ctx.result)
    return _ROUTED[target](f, ctx.result)


def custom_line(kind: str, entry: object, at: str, result: ImportResult) -> str | None:
    """An entry with no place in a profile -> a Markdown line; None for an entry cvgen does not recognise."""
    if isinstance(entry, str):
        return entry
    if not isinstance(entry, dict) or kind == "unknown":
        return None
    f = Fields(entry, at)
    if kind == "oneline":
        line = f"**{f.text('label')}:** {f.text('details') or ''}"
    elif kind == "bullet":
        line = f.text("bullet") or ""
    elif kind == "numbered":
        line = f.text("number", "reversed_number") or ""
    else:
        name = f.text("name", "title", "position", "institution") or ""
        url = f.text("url")
        when = f.text("date") or join_text(f.text("start_date"), f.text("end_date"), sep="–")
        head = (f"**[{name}]({url})**" if url else f"**{name}**") + (f" ({when})" if when else "")
        line = (
            join_text(head, f.text("company", "area", "degree"), f.text("location"), f.text("summary"), sep=", ") or ""
        )
        highlights = f.get("highlights")
        if highlights:
            line = note_text(line, items=highlights) or line
    note = settle({"line": line}, f, "line", result)
    return str(note.get("line", ""))


# ---------------------------------------------------------------- publications
def publication(f: Fields, ctx: Context) -> dict[str, Any]:
    result = ctx.result
    authors = repair_authors(f.get("authors"), f"{f.at}.authors", result, ctx.owner, ctx.aliases)
    year = loose_date(f.get("date", "year"), f"{f.at}.date", result)
    venue = venue_fields(f, year, result)
    shown_venue = venue.get("venue_full") or venue.get("venue")
    ptype = ctx.section_type
    if ptype is None:
        ptype, told = venue_type(shown_venue)
        why = f"from the venue {shown(shown_venue)}" if told else "(the venue does not tell; a journal assumed)"
        result.guessed.append(f"{f.at}: type '{ptype}' {why}: its section's title names no type")
    elif ptype != "preprint" and isinstance(shown_venue, str) and PREPRINT_VENUE_RX.search(shown_venue):
        result.check.append(f"{f.at}: listed as '{ptype}', but the venue {shown(shown_venue)} is a preprint server")
    if not authors:
        result.check.append(f"{f.at}: no authors; add `authors:` so that your name can be marked")
    url = f.text("url")
    entry = {
        "title": f.text("title", "name"), "authors": authors, **venue, "type": ptype, "note": ctx.badge,
        "year": year, "doi": f.text("doi"), "links": {"html": url} if url else None,
        "extra": note_text(f.get("summary"), items=f.get("highlights")),
    }  # fmt: skip
    return settle(entry, f, "extra", result)


# ---------------------------------------------------------------- dates
def span_of(f: Fields, result: ImportResult) -> tuple[Any, Any]:
    """(start, end) from `start_date`/`end_date`, or from a `date` that is a range ("2019 - 2023")."""
    start, end, date = f.get("start_date"), f.get("end_date"), f.get("date")
    span = date_range(date)
    if span and not start:
        start, end = span[0], end or span[1]
    elif date and not start:
        start = date
    elif date:
        f.used.discard("date")  # start_date wins; the date is reported with the fields that have no place
    return loose_date(start, f"{f.at}.start_date", result), loose_date(end, f"{f.at}.end_date", result)


# ---------------------------------------------------------------- RenderCV's own entry types
def _education(f: Fields, result: ImportResult) -> dict[str, Any]:
    start, end = span_of(f, result)
    highlights = f.get("highlights")
    thesis, advisors, rest = thesis_and_advisors(
        highlights if isinstance(highlights, list) else [highlights] if highlights else []
    )
    entry = {"degree": f.text("degree") or "Degree", "field": f.text("area"), "institution": f.text("institution"),
             "location": f.text("location"), "start": start, "end": end, "thesis": thesis, "advisors": advisors,
             "note": note_text(f.get("summary"), items=rest)}  # fmt: skip
    return settle(entry, f, "note", result)


def _position(f: Fields, result: ImportResult) -> dict[str, Any]:
    start, end = span_of(f, result)
    entry = {"title": f.text("position"), "organization": f.text("company"), "location": f.text("location"),
             "start": start, "end": end, "note": note_text(f.get("summary"), items=f.get("highlights"))}  # fmt: skip
    return settle(entry, f, "note", result)


def _course_taught(f: Fields, result: ImportResult) -> dict[str, Any]:
    """An experience entry under a teaching title: the position is the role, the summary names the course."""
    course = f.text("summary") or f.text("position") or "Course"
    entry = {"role": f.text("position"), "course": course, "institution": f.text("company"),
             "year": _years(f, result), "note": note_text(items=f.get("highlights"))}  # fmt: skip
    return settle(entry, f, "note", result)


def _years(f: Fields, result: ImportResult) -> Any:
    start, end, date = f.get("start_date"), f.get("end_date"), f.get("date")
    if start or end:
        return years(f"{start or ''}-{end or ''}".strip("-") if end else f"{start}", f"{f.at}.date", result)
    return years(date, f"{f.at}.date", result)


# ---------------------------------------------------------------- normal entries, by the section they go to
def _award(f: Fields, result: ImportResult) -> dict[str, Any]:
    date = f.get("date") or f.get("end_date") or f.get("start_date")
    f.use("end_date", "start_date")
    span = date_range(date)
    year = loose_date(span[0] if span else date, f"{f.at}.date", result)
    kept = f"{span[0]}–{span[1] or ''}" if span else None
    if kept:
        result.changed.append(f"{f.at}.date: the range {shown(date)} is kept in the note; the year is {year}")
    entry = {"title": f.text("name", "title"), "year": year, "url": f.text("url"),
             "note": note_text(kept, f.get("summary"), items=f.get("highlights"))}  # fmt: skip
    return settle(entry, f, "note", result)


def _talk(f: Fields, result: ImportResult) -> dict[str, Any]:
    entry = {"title": f.text("name", "title"), "date": loose_date(f.get("date", "start_date"), f"{f.at}.date", result),
             "location": f.text("location"), "event": f.text("summary"), "url": f.text("url")}  # fmt: skip
    return settle(entry, f, None, result)


def _grant(f: Fields, result: ImportResult) -> dict[str, Any]:
    start, end = span_of(f, result)
    entry = {"title": f.text("name", "title"), "start": start, "end": end, "url": f.text("url"),
             "note": note_text(f.get("summary"), items=f.get("highlights"))}  # fmt: skip
    return settle(entry, f, "note", result)


def _student(f: Fields, result: ImportResult) -> dict[str, Any]:
    start, end = span_of(f, result)
    entry = {"name": f.text("name", "title"), "start": start, "end": end, "url": f.text("url"),
             "note": note_text(f.get("summary"), items=f.get("highlights"))}  # fmt: skip
    return settle(entry, f, "note", result)


def _course(f: Fields, result: ImportResult) -> dict[str, Any]:
    place = f.text("location")
    if place:
        result.changed.append(f"{f.at}.location ({shown(place)}) kept as the institution")
    entry = {"course": f.text("name", "title"), "year": _years(f, result), "institution": place,
             "note": note_text(f.get("summary"), items=f.get("highlights"))}  # fmt: skip
    return settle(entry, f, "note", result)


def _service(f: Fields, result: ImportResult) -> dict[str, Any]:
    venue = f.text("summary") or f.text("location")  # with a summary, the location is reported as unplaced
    highlights = f.get("highlights")
    if not venue and isinstance(highlights, list):
        venue = ", ".join(str(h).strip() for h in highlights)
        result.changed.append(f"{f.at}.highlights: kept as the venue {shown(venue)}")
    elif highlights:
        f.used.discard("highlights")
    entry = {"role": f.text("name", "title"), "venue": venue, "years": _years(f, result), "url": f.text("url")}
    return settle(entry, f, None, result)


def _news(f: Fields, result: ImportResult) -> dict[str, Any]:
    date = loose_date(f.get("date", "start_date"), f"{f.at}.date", result)
    text = join_text(f.text("name", "title"), note_text(f.get("summary"), items=f.get("highlights")), sep=": ")
    return settle({"date": date, "text": text}, f, "text", result)


_ROUTED = {
    "awards": _award, "talks": _talk, "grants": _grant, "students": _student,
    "teaching": _course, "service": _service, "news": _news,
}  # fmt: skip
