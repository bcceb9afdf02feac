"""RenderCV entries -> profile entries: tell an entry's kind, convert it, or make it a custom-section line."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from cvgen.text.names import NameMatcher
from cvgen.tools.importers.common import as_sentences, bullet_text, join_text, loose_date, year_span
from cvgen.tools.importers.result import ImportResult

# A venue -> publication type; the first match wins, and a journal is the default.
_PUBLICATION_TYPES = (
    (re.compile(r"arxiv|preprint", re.I), "preprint"),
    (re.compile(r"workshop", re.I), "workshop"),
    (re.compile(r"conference|proceedings|symposium|\b(cvpr|iccv|eccv|neurips|icml|iclr|aaai)\b", re.I), "conference"),
)


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
    if "name" in keys:
        return "normal"
    return "unknown"


def profile_section(kind: str, route: str | None) -> str | None:
    """The profile section an entry of this kind goes to, or None for a line of a custom section."""
    if kind == "education":
        return "education"
    if kind == "publication":
        return "publications"
    if kind == "experience":
        return "teaching" if route == "teaching" else "positions"
    if kind == "normal":
        return route
    return None


def profile_entry(
    kind: str, target: str, e: dict[str, Any], at: str, result: ImportResult, aliases: list[str]
) -> dict[str, Any]:
    """`e` as an entry of the profile section `target`.

    Emphasised authors that are not the owner (`person.name` in `result.data`) are added to `aliases`.
    """
    if kind == "education":
        return _education(e, at, result)
    if kind == "publication":
        return _publication(e, at, result, aliases)
    if kind == "experience" and target == "teaching":
        return _course_taught(e, at, result)
    if kind == "experience":
        return _position(e, at, result)
    return _ROUTED[target](e, at, result)


def custom_line(kind: str, entry: object) -> str | None:
    """An entry with no place in a profile -> a Markdown line; None for an entry cvgen does not recognise."""
    if isinstance(entry, str):
        return entry
    if not isinstance(entry, dict):
        return None
    if kind == "normal":
        when = join_text(entry.get("date"), join_text(entry.get("start_date"), entry.get("end_date"), sep="–"))
        return join_text(f"**{entry['name']}**", f"({when})" if when else None, entry.get("location"),
                         entry.get("summary"), bullet_text(entry.get("highlights"))) or ""  # fmt: skip
    if kind == "oneline":
        return f"**{entry['label']}:** {entry['details']}"
    if kind == "bullet":
        return str(entry["bullet"])
    if kind == "numbered":
        return str(entry.get("number") or entry.get("reversed_number"))
    return None


def _note(e: dict[str, Any]) -> str | None:
    return as_sentences(e.get("summary"), bullet_text(e.get("highlights")))


def _education(e: dict[str, Any], at: str, result: ImportResult) -> dict[str, Any]:
    return {
        "degree": e.get("degree") or "Degree", "field": e.get("area"), "institution": e["institution"],
        "location": e.get("location"), "start": loose_date(e.get("start_date"), at, result),
        "end": loose_date(e.get("end_date") or e.get("date"), at, result), "note": _note(e),
    }  # fmt: skip


def _position(e: dict[str, Any], at: str, result: ImportResult) -> dict[str, Any]:
    return {
        "title": e["position"], "organization": e["company"], "location": e.get("location"),
        "start": loose_date(e.get("start_date") or e.get("date"), at, result),
        "end": loose_date(e.get("end_date"), at, result), "note": _note(e),
    }  # fmt: skip


def _course_taught(e: dict[str, Any], at: str, result: ImportResult) -> dict[str, Any]:
    """An experience entry under a teaching title: the position is the role, the summary names the course."""
    return {
        "role": e.get("position"), "course": e.get("summary") or e.get("position") or "Course",
        "institution": e.get("company"),
        "year": year_span(e.get("start_date") or e.get("date"), e.get("end_date"), at, result),
        "note": bullet_text(e.get("highlights")),
    }  # fmt: skip


def _publication(e: dict[str, Any], at: str, result: ImportResult, aliases: list[str]) -> dict[str, Any]:
    owner = result.data["person"]["name"]
    authors = [_author(str(a), owner, aliases) for a in e.get("authors") or []]
    venue = e.get("journal")
    return {
        "title": e["title"], "authors": authors, "venue_full": venue, "type": _publication_type(venue),
        "year": loose_date(e.get("date"), at, result), "doi": e.get("doi"),
        "links": {"html": e["url"]} if e.get("url") else None, "extra": _note(e),
    }  # fmt: skip


def _author(raw: str, owner: str, aliases: list[str]) -> str:
    """An author without RenderCV's emphasis; an emphasised name that does not match the owner's is an alias."""
    name, emphasised = _strip_emphasis(raw)
    if emphasised and not NameMatcher(owner, aliases)(name) and name not in aliases:
        aliases.append(name)
    return name


def _strip_emphasis(text: str) -> tuple[str, bool]:
    """`***John Doe***` -> ('John Doe', True): RenderCV marks the owner in bold."""
    m = re.match(r"^(\*{1,3}|_{1,3})(.+?)\1$", text.strip())
    if m:
        return m[2].strip(), len(m[1]) >= 2
    return text.strip(), False


def _publication_type(venue: object) -> str:
    if isinstance(venue, str):
        for rx, ptype in _PUBLICATION_TYPES:
            if rx.search(venue):
                return ptype
    return "journal"


# ---------------------------------------------------------------- normal entries, by the section they go to
def _award(e: dict[str, Any], at: str, result: ImportResult) -> dict[str, Any]:
    year = loose_date(e.get("date") or e.get("end_date") or e.get("start_date"), at, result)
    return {"title": e["name"], "year": year, "note": _note(e), "organization": e.get("location"), "url": e.get("url")}


def _talk(e: dict[str, Any], at: str, result: ImportResult) -> dict[str, Any]:
    date = loose_date(e.get("date") or e.get("start_date"), at, result)
    if e.get("highlights"):
        result.dropped.append(f"{at}.highlights (talks have no notes)")
    return {
        "title": e["name"],
        "date": date,
        "location": e.get("location"),
        "event": e.get("summary"),
        "url": e.get("url"),
    }


def _grant(e: dict[str, Any], at: str, result: ImportResult) -> dict[str, Any]:
    start = loose_date(e.get("start_date") or e.get("date"), at, result)
    end = loose_date(e.get("end_date"), at, result)
    return {"title": e["name"], "start": start, "end": end, "note": _note(e), "url": e.get("url")}


def _student(e: dict[str, Any], at: str, result: ImportResult) -> dict[str, Any]:
    start = loose_date(e.get("start_date") or e.get("date"), at, result)
    end = loose_date(e.get("end_date"), at, result)
    return {"name": e["name"], "start": start, "end": end, "note": _note(e), "url": e.get("url")}


def _course(e: dict[str, Any], at: str, result: ImportResult) -> dict[str, Any]:
    years = year_span(e.get("start_date") or e.get("date"), e.get("end_date"), at, result)
    return {"course": e["name"], "year": years, "note": _note(e), "institution": e.get("location")}


def _service(e: dict[str, Any], at: str, result: ImportResult) -> dict[str, Any]:
    years = year_span(e.get("start_date") or e.get("date"), e.get("end_date"), at, result)
    if e.get("highlights"):
        result.dropped.append(f"{at}.highlights (service entries have no notes)")
    return {"role": e["name"], "venue": e.get("summary") or e.get("location"), "years": years, "url": e.get("url")}


def _news(e: dict[str, Any], at: str, result: ImportResult) -> dict[str, Any]:
    date = loose_date(e.get("date") or e.get("start_date"), at, result)
    return {"date": date, "text": join_text(e["name"], _note(e), sep=": ")}


_ROUTED: dict[str, Callable[[dict[str, Any], str, ImportResult], dict[str, Any]]] = {
    "awards": _award, "talks": _talk, "grants": _grant, "students": _student,
    "teaching": _course, "service": _service, "news": _news,
}  # fmt: skip
