"""JSON Resume (https://jsonresume.org) -> cvgen profile data, one function per JSON Resume section.

A file written by `cvgen build --json-resume` carries every entry under `x-cvgen` (and the
rest under `meta.x-cvgen`); those win over the standard fields, so it imports back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from cvgen.tools.importers.common import (
    EXTENSION,
    full_url,
    indexed_mappings,
    join_text,
    loose_date,
    mapping,
    network_link,
    without_empty,
    year_span,
)
from cvgen.tools.importers.result import ImportResult
from cvgen.tools.importers.routes import venue_type
from cvgen.tools.importers.text import clean_entry, note_text, shown
from cvgen.tools.importers.validate import drop_invalid
from cvgen.tools.importers.venues import venue_of

_JSON_RESUME_KEYS = frozenset({"$schema", "basics", "work", "volunteer", "education", "awards", "certificates",
                               "publications", "skills", "languages", "interests", "references", "projects", "meta"})  # fmt: skip
# What `cvgen build --json-resume` keeps under `meta.x-cvgen`: the parts JSON Resume has no place for.
_EXTENSION_KEYS = ("news", "grants", "teaching", "students", "talks", "cv", "homepage", "variants")
_PUBLICATIONS_CHECK = ("publications: JSON Resume has no author lists or venue types; add `authors:` "
                       "and check `type:` (guessed from the publisher; the summary is the extra line)")  # fmt: skip

# (index in its list, the JSON Resume entry, the report) -> a profile entry, or a line of a custom section
_ToEntry = Callable[[int, dict[str, Any], ImportResult], dict[str, Any]]
_ToLine = Callable[[int, dict[str, Any], ImportResult], str]


def from_json_resume(doc: dict[str, Any]) -> ImportResult:
    result = ImportResult({}, "JSON Resume file")
    _import_basics(mapping(doc.get("basics")), result)
    _import_entry_sections(doc, result)
    _import_interests(doc, result)
    sections = _custom_sections(doc, result)
    references = indexed_mappings(doc.get("references"))
    if references:
        result.section("references", len(references)).dropped = len(references)
    for i, _ in references:
        result.dropped.append(f"references[{i}] (cvgen has no references section; add a custom section if needed)")
    sections = _import_extension(doc, result) + sections
    if sections:
        result.data["sections"] = sections
    for key in doc:
        if key not in _JSON_RESUME_KEYS:
            result.dropped.append(f"{key} (not part of JSON Resume)")
    _ask_to_copy_thumbnails(result)
    return drop_invalid(result)


# ---------------------------------------------------------------- basics
def _import_basics(basics: dict[str, Any], result: ImportResult) -> None:
    ext = basics.get(EXTENSION)
    person = ext if isinstance(ext, dict) else _person(basics, result)
    result.data["person"] = person
    if basics.get("summary"):
        result.data["bio"] = basics["summary"]
    if person.get("photo"):
        result.check.append(f"person.photo '{person['photo']}': copy the file next to the new profile")


def _person(basics: dict[str, Any], result: ImportResult) -> dict[str, Any]:
    person = without_empty({
        "name": basics.get("name") or "Unnamed",
        "position": basics.get("label"),
        "email": basics.get("email"),
        "phone": basics.get("phone"),
        "website": basics.get("url"),
    })  # fmt: skip
    if not basics.get("name"):
        result.check.append("basics.name is missing; person.name was set to 'Unnamed'")
    loc = mapping(basics.get("location"))
    address = join_text(loc.get("address"), loc.get("postalCode"), loc.get("city"), loc.get("region"),
                        loc.get("countryCode"), sep=", ")  # fmt: skip
    if address:
        person["address"] = address
    image = basics.get("image")
    if image and re.match(r"^[a-z]+://", str(image), re.I):
        result.dropped.append(f"basics.image '{image}': cvgen needs a local photo file (person.photo)")
    elif image:
        person["photo"] = image
    links = _profile_links(basics.get("profiles"), result)
    if links:
        person["links"] = links
    return person


def _profile_links(profiles: object, result: ImportResult) -> dict[str, str]:
    links: dict[str, str] = {}
    for i, prof in indexed_mappings(profiles):
        key, url = network_link(str(prof.get("network") or f"profile_{i}"), prof.get("username"), prof.get("url"))
        if url:
            links[key] = url
        else:
            result.dropped.append(f"basics.profiles[{i}] ({prof.get('network')}): no URL")
    return links


# ---------------------------------------------------------------- sections with a place in a profile
def _import_entry_sections(doc: dict[str, Any], result: ImportResult) -> None:
    for source, target, to_entry in _ENTRY_SECTIONS:
        entries, any_standard = _entries(doc, source, to_entry, result)
        if entries:
            result.data[target] = entries
        if any_standard and source == "volunteer":
            result.changed.append("volunteer: imported as service")
        if any_standard and source == "publications":
            result.check.append(_PUBLICATIONS_CHECK)


def _entries(doc: dict[str, Any], source: str, to_entry: _ToEntry, result: ImportResult) -> tuple[list[Any], bool]:
    """The profile entries of one section, and whether any was made from standard fields (not `x-cvgen`)."""
    entries: list[Any] = []
    any_standard = False
    items = indexed_mappings(doc.get(source))
    count = result.section(source, len(items)) if items else None
    for i, item in items:
        ext = item.get(EXTENSION)
        if isinstance(ext, dict):
            entries.append(ext)
        else:
            entries.append(to_entry(i, clean_entry(item, f"{source}[{i}]", result), result))
            any_standard = True
        if count is not None:
            count.put(_TARGETS[source])
    return entries, any_standard


def _position(i: int, w: dict[str, Any], result: ImportResult) -> dict[str, Any]:
    note = note_text(w.get("description"), w.get("summary"), _markdown_link(w.get("url")), items=w.get("highlights"))
    start = loose_date(w.get("startDate"), f"work[{i}].startDate", result)
    # JSON Resume leaves out the end of an ongoing job
    end = loose_date(w.get("endDate"), f"work[{i}].endDate", result) or ("present" if start else None)
    return without_empty({"title": w.get("position") or "Position", "organization": w.get("name") or "",
                          "location": w.get("location"), "start": start, "end": end, "note": note})  # fmt: skip


def _education(i: int, e: dict[str, Any], result: ImportResult) -> dict[str, Any]:
    note = join_text(f"Score: {e['score']}." if e.get("score") else None,
                     f"Courses: {', '.join(e['courses'])}." if e.get("courses") else None)  # fmt: skip
    if e.get("url"):
        result.dropped.append(f"education[{i}].url")
    return without_empty({
        "degree": e.get("studyType") or "Degree", "field": e.get("area"), "institution": e.get("institution") or "",
        "start": loose_date(e.get("startDate"), f"education[{i}].startDate", result),
        "end": loose_date(e.get("endDate"), f"education[{i}].endDate", result), "note": note,
    })  # fmt: skip


def _award(i: int, a: dict[str, Any], result: ImportResult) -> dict[str, Any]:
    return without_empty({"title": a.get("title") or "Award", "year": loose_date(a.get("date"), f"awards[{i}].date", result),
                          "organization": a.get("awarder"), "note": a.get("summary")})  # fmt: skip


def _service(i: int, v: dict[str, Any], result: ImportResult) -> dict[str, Any]:
    years = year_span(v.get("startDate"), v.get("endDate"), f"volunteer[{i}]", result)
    if v.get("summary") or v.get("highlights"):
        result.dropped.append(f"volunteer[{i}] summary/highlights (service entries have no text)")
    return without_empty({"role": v.get("position") or "Volunteer", "venue": v.get("organization"),
                          "years": years, "url": v.get("url")})  # fmt: skip


def _publication(i: int, p: dict[str, Any], result: ImportResult) -> dict[str, Any]:
    year = loose_date(p.get("releaseDate"), f"publications[{i}].releaseDate", result)
    venue = venue_of(str(p["publisher"]), year, f"publications[{i}].publisher", result) if p.get("publisher") else {}
    ptype, told = venue_type(p.get("publisher"))
    why = f"from the publisher {shown(p.get('publisher'))}" if told else "(the publisher does not tell)"
    result.guessed.append(f"publications[{i}]: type '{ptype}' {why}")
    return without_empty({
        "title": p.get("name") or "Untitled", **venue, "year": year,
        "links": {"html": p["url"]} if p.get("url") else None, "extra": p.get("summary"), "type": ptype,
    })  # fmt: skip


_TARGETS = {"work": "positions", "education": "education", "awards": "awards", "volunteer": "service",
            "publications": "publications"}  # fmt: skip
# (JSON Resume section, profile section, converter), in the order the report lists them
_ENTRY_SECTIONS: tuple[tuple[str, str, _ToEntry], ...] = (
    ("work", "positions", _position),
    ("education", "education", _education),
    ("awards", "awards", _award),
    ("volunteer", "service", _service),
    ("publications", "publications", _publication),
)


def _import_interests(doc: dict[str, Any], result: ImportResult) -> None:
    interests = []
    items = indexed_mappings(doc.get("interests"))
    if items:
        result.section("interests", len(items)).placed["interests"] = len(items)
    for _, it in items:
        kw = it.get("keywords") or []
        interests.append(f"{it.get('name')}" + (f" ({', '.join(map(str, kw))})" if kw else ""))
    if interests:
        result.data["interests"] = [x for x in interests if x and x != "None"]


# ---------------------------------------------------------------- sections kept as custom sections
def _custom_sections(doc: dict[str, Any], result: ImportResult) -> list[dict[str, Any]]:
    sections: list[dict[str, Any]] = []
    for source, title, to_line in _CUSTOM_SECTIONS:
        lines = [to_line(i, item, result) for i, item in indexed_mappings(doc.get(source))]
        if lines:
            result.section(source, len(lines)).placed[f"lines of the section '{title}'"] = len(lines)
            sections.append({"title": title, "entries": lines})
            result.changed.append(f"{source}: kept as a custom section '{title}'")
    return sections


def _skill_line(_i: int, s: dict[str, Any], _result: ImportResult) -> str:
    text = f"**{s.get('name') or 'Skill'}**" + (f" ({s['level']})" if s.get("level") else "")
    return text + (": " + ", ".join(map(str, s["keywords"])) if s.get("keywords") else "")


def _language_line(_i: int, lang: dict[str, Any], _result: ImportResult) -> str:
    return join_text(lang.get("language"), f"({lang['fluency']})" if lang.get("fluency") else None) or ""


def _project_line(i: int, pr: dict[str, Any], result: ImportResult) -> str:
    when = year_span(pr.get("startDate"), pr.get("endDate"), f"projects[{i}]", result)
    head = f"**{pr.get('name') or 'Project'}**" + (f" ({when})" if when else "")
    body = note_text(pr.get("description"), _markdown_link(pr.get("url")), items=pr.get("highlights"))
    return head + ": " + (body or "")


def _certificate_line(_i: int, c: dict[str, Any], _result: ImportResult) -> str:
    return (
        join_text(f"**{c.get('name')}**", c.get("issuer"), c.get("date"), _markdown_link(c.get("url")), sep=", ") or ""
    )


_CUSTOM_SECTIONS: tuple[tuple[str, str, _ToLine], ...] = (
    ("skills", "Skills", _skill_line),
    ("languages", "Languages", _language_line),
    ("projects", "Projects", _project_line),
    ("certificates", "Certificates", _certificate_line),
)


def _markdown_link(url: Any) -> str | None:
    return f"[{url}]({full_url(url)})" if url else None


# ---------------------------------------------------------------- the rest
def _import_extension(doc: dict[str, Any], result: ImportResult) -> list[Any]:
    """Take cvgen's own sections from `meta.x-cvgen`; returns its custom sections, which go first."""
    rest = mapping(doc.get("meta")).get(EXTENSION)
    if isinstance(rest, dict):
        for name in _EXTENSION_KEYS:
            if rest.get(name):
                result.data[name] = rest[name]
        if rest.get("sections"):
            return list(rest["sections"])
    elif doc.get("meta"):
        result.skipped.append("meta (JSON Resume tooling settings, not CV content)")
    return []


def _ask_to_copy_thumbnails(result: ImportResult) -> None:
    for i, p in enumerate(result.data.get("publications", [])):
        if p.get("thumbnail"):
            result.check.append(
                f"publications[{i}].thumbnail '{p['thumbnail']}': copy the file next to the new profile"
            )
