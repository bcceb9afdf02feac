"""RenderCV (https://docs.rendercv.com) YAML -> cvgen profile data.

RenderCV sections are free-titled lists of typed entries. An entry goes to the profile
section its kind and its section's title point to (an education entry to `education`, a
normal entry under "Awards" to `awards`); anything else becomes a line of a custom section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cvgen.tools.importers.common import indexed_mappings, join_text, mapping, network_link, without_empty
from cvgen.tools.importers.rendercv_entries import custom_line, entry_kind, profile_entry, profile_section
from cvgen.tools.importers.result import ImportResult
from cvgen.tools.importers.validate import drop_invalid

_CV_KEYS = frozenset({"name", "headline", "label", "email", "phone", "website", "location", "photo",
                      "social_networks", "sections"})  # fmt: skip
# A section title -> the profile section its normal entries go to; the first match wins.
_ROUTES = (
    (re.compile(r"award|honou?r|prize|fellowship|distinction", re.I), "awards"),
    (re.compile(r"talk|presentation|invited|keynote|seminar", re.I), "talks"),
    (re.compile(r"grant|funding", re.I), "grants"),
    (re.compile(r"student|mentor|supervis|advis", re.I), "students"),
    (re.compile(r"teach|course", re.I), "teaching"),
    (re.compile(r"service|review|committee|editor", re.I), "service"),
    (re.compile(r"news|update", re.I), "news"),
)
_BIO_RX = re.compile(r"^(summary|about|about me|bio|biography|profile|research statement|objective)$", re.I)
_INTEREST_RX = re.compile(r"interest", re.I)
_INTEREST_KINDS = frozenset({"text", "bullet", "oneline"})
# Section ids a homepage already uses: a custom section must not take one.
_RESERVED_IDS = frozenset({"about", "interests", "news", "positions", "education", "awards", "grants", "publications",
                           "talks", "teaching", "students", "service", "contact"})  # fmt: skip


def from_rendercv(doc: dict[str, Any]) -> ImportResult:
    result = ImportResult({}, "RenderCV")
    cv = mapping(doc.get("cv"))
    result.data["person"] = _person(cv, result)
    for key in cv:
        if key not in _CV_KEYS:
            result.dropped.append(f"cv.{key}")
    for key in doc:
        if key != "cv":
            result.dropped.append(f"{key} (RenderCV layout and tooling settings; cvgen has its own cv: settings)")
    _import_sections(cv, result)
    return drop_invalid(result)


# ---------------------------------------------------------------- person
def _person(cv: dict[str, Any], result: ImportResult) -> dict[str, Any]:
    person = without_empty({
        "name": cv.get("name") or "Unnamed", "position": cv.get("headline") or cv.get("label"),
        "email": cv.get("email"), "phone": str(cv["phone"]).removeprefix("tel:") if cv.get("phone") else None,
        "website": cv.get("website"), "address": cv.get("location"),
    })  # fmt: skip
    if cv.get("photo"):
        photo = str(cv["photo"])
        if re.match(r"^[a-z]+://", photo, re.I) or photo.startswith("/"):
            result.dropped.append(f"cv.photo '{photo}': cvgen needs a photo file next to the profile")
        else:
            person["photo"] = photo
            result.check.append(f"person.photo '{photo}': copy the file next to the new profile")
    links = _social_links(cv.get("social_networks"), result)
    if links:
        person["links"] = links
    return person


def _social_links(networks: object, result: ImportResult) -> dict[str, str]:
    links: dict[str, str] = {}
    for i, sn in indexed_mappings(networks):
        key, url = network_link(str(sn.get("network", f"network_{i}")), sn.get("username"), sn.get("url"))
        if url:
            links[key] = url
        else:
            result.dropped.append(f"cv.social_networks[{i}] ({sn.get('network')}): no URL can be made from it")
    return links


# ---------------------------------------------------------------- sections
@dataclass
class _Sections:
    """What importing `cv.sections` builds besides the profile's own sections."""

    result: ImportResult
    custom: list[dict[str, Any]] = field(default_factory=list)  # -> `sections:`
    aliases: list[str] = field(default_factory=list)  # owner spellings found in author lists -> `person.aliases`
    order: list[str] = field(default_factory=list)  # the RenderCV section order -> `cv.sections`

    @property
    def data(self) -> dict[str, Any]:
        return self.result.data


def _import_sections(cv: dict[str, Any], result: ImportResult) -> None:
    sections = cv.get("sections") or {}
    if not isinstance(sections, dict):
        result.dropped.append("cv.sections (not a mapping of section titles to entries)")
        sections = {}
    state = _Sections(result)
    for key, entries in sections.items():
        entries = entries if isinstance(entries, list) else [entries]
        target = _import_section(_title(str(key)), entries, f"cv.sections.{key}", state)
        if target and target not in state.order:
            state.order.append(target)
    if state.custom:
        result.data["sections"] = state.custom
    if state.aliases:
        result.data["person"]["aliases"] = state.aliases
    if state.order:
        result.data["cv"] = {"sections": state.order}


def _title(key: str) -> str:
    """`invited_talks` -> `Invited Talks`; a key someone already capitalised stays as written."""
    return key.replace("_", " ").strip().title() if key == key.lower() else key.strip()


def _import_section(title: str, entries: list[object], where: str, state: _Sections) -> str | None:
    """Import one RenderCV section; returns the profile section it stands for in the CV order, if any."""
    kinds = {entry_kind(e) for e in entries}
    if kinds == {"text"} and _BIO_RX.match(title):
        state.data["bio"] = "\n\n".join(str(e) for e in entries)
        return None
    if kinds <= _INTEREST_KINDS and _INTEREST_RX.search(title):
        state.data.setdefault("interests", []).extend(_interest(e) for e in entries)
        return "interests"
    route = next((name for rx, name in _ROUTES if rx.search(title)), None)
    lines: list[str] = []
    used: set[str] = set()
    for i, entry in enumerate(entries):
        target = _place_entry(entry, f"{where}[{i}]", route, lines, state)
        if target:
            used.add(target)
    if lines:
        return _add_custom_section(title, entries, lines, where, state)
    return min(used, default=None)


def _interest(entry: object) -> Any:
    if isinstance(entry, dict):
        return entry.get("bullet") or join_text(entry.get("label"), entry.get("details"), sep=": ")
    return str(entry)


def _add_custom_section(title: str, entries: list[object], lines: list[str], where: str, state: _Sections) -> str:
    section_id = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_") or "section"
    if section_id in _RESERVED_IDS:
        section_id += "_more"
    state.custom.append({"title": title, "id": section_id, "entries": lines})
    if any(entry_kind(e) in ("normal", "numbered") for e in entries):
        state.result.changed.append(f"{where}: kept as lines of a custom section '{title}'")
    return section_id


def _place_entry(entry: object, at: str, route: str | None, lines: list[str], state: _Sections) -> str | None:
    """Add one entry to its profile section (returned), else as a line to `lines`, else report it."""
    kind = entry_kind(entry)
    target = profile_section(kind, route)
    if target and isinstance(entry, dict):
        state.data.setdefault(target, []).append(
            without_empty(profile_entry(kind, target, entry, at, state.result, state.aliases))
        )
        return target
    line = custom_line(kind, entry)
    if line is not None:
        lines.append(line)
    else:
        shown = ", ".join(map(str, entry)) if isinstance(entry, dict) else entry
        state.result.dropped.append(f"{at}: an entry cvgen does not recognise ({shown})")
    return None
