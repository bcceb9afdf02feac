"""A line of text under a section title -> an entry of the built-in section it stands for.

"Reviewer for JGR, GRL (2019-)" under "Professional Service" is a service
entry, not a line of a second "Professional Service" section. Every reading is
a guess, and reported as one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from cvgen.tools.importers.common import without_empty
from cvgen.tools.importers.result import ImportResult
from cvgen.tools.importers.text import shown, years_of

_YEARS = r"(?:19|20)\d\d(?:\s*[-–—]\s*(?:(?:19|20)\d\d|present|now)?)?"
_YEAR_LIST = rf"{_YEARS}(?:\s*[,;&]\s*{_YEARS})*"
_TRAILING_YEARS_RX = re.compile(rf"^(?P<text>.*?)[\s,;:–—-]*\(?(?P<years>{_YEAR_LIST})\)?\.?$", re.I)
_LEADING_YEARS_RX = re.compile(rf"^\(?(?P<years>{_YEAR_LIST})\)?\s*[:.,–—-]\s*(?P<text>.+)$", re.I)
_ROLE_RX = re.compile(r"^(?P<role>[^:]{2,60}?)(?:\s*:\s*|\s+(?:for|of|at)\s+)(?P<venue>.+)$", re.I)
_COMMA_RX = re.compile(r"^(?P<role>[^,]{2,60}),\s*(?P<venue>.+)$")
_EMPHASIS_RX = re.compile(r"(\*\*|__)(.+?)\1")


def split_years(text: str) -> tuple[str, str | None]:
    """`Best Paper Award (2019)` -> ('Best Paper Award', '2019'); years first or last."""
    for rx in (_LEADING_YEARS_RX, _TRAILING_YEARS_RX):
        m = rx.match(text.strip())
        if m and m["text"].strip():
            return m["text"].strip(" ,;:–—-"), m["years"]
    return text.strip(), None


def plain(text: str) -> str:
    """Bold markers off: `**Reviewer**: Nature` -> `Reviewer: Nature`."""
    return _EMPHASIS_RX.sub(r"\2", text).strip()


def line_entry(target: str, line: str, at: str, result: ImportResult) -> dict[str, Any] | None:
    """The entry of `target` a line stands for; None when it cannot stand for one (it stays a line)."""
    make = _LINE_ENTRIES.get(target)
    if make is None:
        return None
    text, years = split_years(plain(line))
    entry = make(text, years)
    if entry is None:
        return None
    entry = without_empty(entry)
    shown_fields = ", ".join(f"{k} {shown(v)}" for k, v in entry.items())
    result.guessed.append(f"{at}: the line {shown(line)} read as a {target} entry: {shown_fields}")
    return entry


def _service(text: str, years: str | None) -> dict[str, Any]:
    m = _ROLE_RX.match(text) or _COMMA_RX.match(text)
    role, venue = (m["role"].strip(), m["venue"].strip()) if m else (text, None)
    return {"role": role, "venue": venue, "years": years_of(years)}


def _award(text: str, years: str | None) -> dict[str, Any]:
    span = years_of(years)
    first = span[0] if isinstance(span, list) else span
    year = int(str(first)[:4]) if first else None
    note = str(years).replace("-", "–") if years and not str(years).strip().isdigit() else None
    return {"title": text, "year": year, "note": note}


def _talk(text: str, years: str | None) -> dict[str, Any]:
    year = re.match(r"\d{4}", years or "")
    return {"title": text, "date": int(year[0]) if year else None}


def _course(text: str, years: str | None) -> dict[str, Any]:
    return {"course": text, "year": years_of(years)}


def _grant(text: str, years: str | None) -> dict[str, Any]:
    found = re.findall(r"\d{4}", years or "")
    return {"title": text, "start": int(found[0]) if found else None, "end": int(found[1]) if len(found) > 1 else None}


def _student(text: str, years: str | None) -> dict[str, Any]:
    found = re.findall(r"\d{4}", years or "")
    return {"name": text, "start": int(found[0]) if found else None, "end": int(found[1]) if len(found) > 1 else None}


def _news(text: str, years: str | None) -> dict[str, Any] | None:
    year = re.match(r"\d{4}", years or "")
    return {"date": int(year[0]), "text": text} if year else None


_LINE_ENTRIES: dict[str, Callable[[str, str | None], dict[str, Any] | None]] = {
    "service": _service, "awards": _award, "talks": _talk, "teaching": _course, "grants": _grant,
    "students": _student, "news": _news,
}  # fmt: skip
