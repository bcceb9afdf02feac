"""al-folio's `_data/cv.yml` -> profile entries.

The file is a list of sections `{title, type, contents}`; al-folio's CV page
knows four types: `map` (name/value rows), `time_table` (rows with `title`,
`institution`, `year`, `location`, `description`, or `items` under one year;
older sites call it `table`), `nested_list` (`title` with `items`) and `list`
(lines). The section's title decides where its rows go, as for every importer.
"""

from __future__ import annotations

from typing import Any

from cvgen.tools.importers.builder import Builder
from cvgen.tools.importers.common import indexed_mappings, join_text, loose_date
from cvgen.tools.importers.fields import Fields, settle
from cvgen.tools.importers.pages import markdown_entry
from cvgen.tools.importers.routes import route
from cvgen.tools.importers.text import (
    clean_entry,
    date_range,
    is_placeholder,
    note_text,
    shown,
    thesis_and_advisors,
    years,
)

_PERSON_ROWS = {"full name": "name", "name": "name", "email": "email", "e-mail": "email", "phone": "phone",
                "address": "address", "website": "website", "homepage": "website"}  # fmt: skip


def import_cv_yml(data: Any, where: str, b: Builder) -> int:
    """Import every section of a cv.yml; returns how many sections it has."""
    if not isinstance(data, list):
        b.result.dropped.append(f"{where}: not a list of sections; nothing imported from it")
        return 0
    sections = indexed_mappings(data)
    for i, raw in sections:
        section = markdown_entry(clean_entry(raw, f"{where}[{i}]", b.result))
        title = str(section.get("title") or f"Section {i + 1}")
        contents = section.get("contents") or []
        contents = contents if isinstance(contents, list) else [contents]
        kind = str(section.get("type") or "list")
        at = f"{where}[{i}] '{title}'"
        if kind in ("time_table", "table"):
            _time_table(title, contents, at, b)
        elif kind == "map":
            _map(title, contents, at, b)
        elif kind in ("nested_list", "list"):
            _lists(title, contents, at, b)
        else:
            count = b.result.section(at, len(contents))
            count.dropped = len(contents)
            b.result.dropped.append(f"{at}: type '{kind}' is not one al-folio's CV page shows; not imported")
    return len(sections)


def _map(title: str, rows: list[Any], at: str, b: Builder) -> None:
    count = b.result.section(at, len(rows))
    person = b.data.setdefault("person", {})
    lines: list[tuple[str, str]] = []
    for i, row in enumerate(rows):
        name, value = (str(row.get("name") or ""), row.get("value")) if isinstance(row, dict) else ("", row)
        field = _PERSON_ROWS.get(name.strip().lower())
        if field and value and (not person.get(field) or str(person[field]) == str(value)):
            if not person.get(field):
                person[field] = str(value)
                b.result.changed.append(f"{at}[{i}] '{name}': kept as person.{field}")
            count.put(f"person.{field}")
        else:
            lines.append((f"{at}[{i}]", f"**{name}:** {value}" if name else str(value)))
    if lines:
        b.add_lines(title, lines, None, count)


def _lists(title: str, rows: list[Any], at: str, b: Builder) -> None:
    """`list` lines and `nested_list` items: interests, entries of the section the title names, or lines."""
    count = b.result.section(at, len(rows))
    target = route(title)
    texts = []
    for i, row in enumerate(rows):
        if isinstance(row, dict):
            items = row.get("items") or []
            items = items if isinstance(items, list) else [items]
            text = join_text(row.get("title"), "; ".join(str(x) for x in items) if items else None, sep=": ")
        else:
            text = str(row) if row is not None else None
        if text is None or is_placeholder(text):
            b.result.skipped.append(f"{at}[{i}]: {shown(row)} is empty or a placeholder")
            count.skipped += 1
        else:
            texts.append((f"{at}[{i}]", text))
    if target == "interests":
        b.data.setdefault("interests", []).extend(t for _, t in texts)
        count.placed["interests"] = len(texts)
        b.mark("interests")
    elif texts:
        b.add_lines(title, texts, target, count)


# ---------------------------------------------------------------- time tables
def _time_table(title: str, rows: list[Any], at: str, b: Builder) -> None:
    target = route(title)
    received = sum(len(r["items"]) if isinstance(r, dict) and isinstance(r.get("items"), list) else 1 for r in rows)
    count = b.result.section(at, received)
    lines: list[tuple[str, str]] = []
    for i, row in enumerate(rows):
        where = f"{at}[{i}]"
        if not isinstance(row, dict):
            lines.append((where, str(row)))
            continue
        for n, item in enumerate(row["items"] if isinstance(row.get("items"), list) else [None]):
            f = Fields(row, where if item is None else f"{where}.items[{n}]")
            f.use("items")
            entry = _row_entry(target, f, item, b)
            if entry is not None and target:
                b.add(target, entry, count)
            else:
                lines.append((f.at, _row_line(f, item, b)))
    if lines:
        b.add_lines(title, lines, None, count)


def _row_entry(target: str | None, f: Fields, item: Any, b: Builder) -> dict[str, Any] | None:
    """A time-table row (one of its `items` when it has them) as an entry of `target`; None for a line."""
    make = _ROWS.get(target or "")
    if make is None:
        return None
    entry, note_key = make(f, str(item) if item is not None else None, b)
    return settle(entry, f, note_key, b.result)


def _row_line(f: Fields, item: Any, b: Builder) -> str:
    head = f"**{item if item is not None else f.text('title') or ''}**"
    when = f.text("year")
    line = join_text(head + (f" ({when})" if when else ""), f.text("institution"), f.text("location"), sep=", ")
    note = settle({"line": note_text(line, items=_description(f))}, f, "line", b.result)
    return str(note.get("line") or "")


def _description(f: Fields) -> list[str]:
    """`description` lines; a nested `{title, contents}` becomes "title: a; b"."""
    out = []
    raw = f.get("description")
    for d in raw if isinstance(raw, list) else [raw] if raw else []:
        if isinstance(d, dict):
            contents = d.get("contents") or []
            out.append(join_text(d.get("title"), "; ".join(map(str, contents)) if contents else None, sep=": ") or "")
        else:
            out.append(str(d))
    return [x for x in out if x]


def _span(f: Fields, b: Builder) -> tuple[Any, Any]:
    year = f.get("year")
    span = date_range(year)
    if span:
        return loose_date(span[0], f"{f.at}.year", b.result), loose_date(span[1], f"{f.at}.year", b.result)
    return None, loose_date(year, f"{f.at}.year", b.result)


def _education(f: Fields, item: str | None, b: Builder) -> tuple[dict[str, Any], str]:
    start, end = _span(f, b)
    thesis, advisors, rest = thesis_and_advisors(_description(f))
    return {"degree": item or f.text("title") or "Degree", "institution": f.text("institution") or "",
            "location": f.text("location"), "start": start, "end": end, "thesis": thesis, "advisors": advisors,
            "note": note_text(items=rest)}, "note"  # fmt: skip


def _position(f: Fields, item: str | None, b: Builder) -> tuple[dict[str, Any], str]:
    start, end = _span(f, b)
    return {"title": item or f.text("title") or "Position", "organization": f.text("institution") or "",
            "location": f.text("location"), "start": start, "end": end,
            "note": note_text(items=_description(f))}, "note"  # fmt: skip


def _award(f: Fields, item: str | None, b: Builder) -> tuple[dict[str, Any], str]:
    year = f.get("year")
    span = date_range(year)
    first = loose_date(span[0] if span else year, f"{f.at}.year", b.result)
    kept = f"{span[0]}–{span[1] or ''}" if span else None
    if kept:
        b.result.changed.append(f"{f.at}.year: the range {shown(year)} is kept in the note; the year is {first}")
    return {"title": item or f.text("title") or "Award", "organization": f.text("institution"), "year": first,
            "note": note_text(kept, items=_description(f))}, "note"  # fmt: skip


def _course(f: Fields, item: str | None, b: Builder) -> tuple[dict[str, Any], str]:
    return {"course": item or f.text("title") or "Course", "institution": f.text("institution"),
            "year": years(f.get("year"), f"{f.at}.year", b.result),
            "note": note_text(f.text("location"), items=_description(f))}, "note"  # fmt: skip


def _service(f: Fields, item: str | None, b: Builder) -> tuple[dict[str, Any], None]:
    return {"role": item or f.text("title") or "Service", "venue": f.text("institution"),
            "years": years(f.get("year"), f"{f.at}.year", b.result)}, None  # fmt: skip


def _talk(f: Fields, item: str | None, b: Builder) -> tuple[dict[str, Any], None]:
    return {"title": item or f.text("title") or "Talk", "event": f.text("institution"),
            "location": f.text("location"), "date": loose_date(f.get("year"), f"{f.at}.year", b.result)}, None  # fmt: skip


def _grant(f: Fields, item: str | None, b: Builder) -> tuple[dict[str, Any], str]:
    start, end = _span(f, b)
    return {"title": item or f.text("title") or "Grant", "agency": f.text("institution"), "start": start,
            "end": end, "note": note_text(f.text("location"), items=_description(f))}, "note"  # fmt: skip


def _student(f: Fields, item: str | None, b: Builder) -> tuple[dict[str, Any], str]:
    start, end = _span(f, b)
    return {"name": item or f.text("title") or "Student", "degree": f.text("institution"), "start": start,
            "end": end, "note": note_text(f.text("location"), items=_description(f))}, "note"  # fmt: skip


_ROWS = {"education": _education, "positions": _position, "awards": _award, "teaching": _course,
         "service": _service, "talks": _talk, "grants": _grant, "students": _student}  # fmt: skip
