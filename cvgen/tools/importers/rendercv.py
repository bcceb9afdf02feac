"""RenderCV (https://docs.rendercv.com) YAML -> cvgen profile data.

RenderCV sections are free-titled lists of typed entries. An entry goes to the profile
section its kind and its section's title point to (an education entry to `education`, a
normal entry under "Awards" to `awards`, a paper under "Conference Posters" to
`publications` with the type the title names); anything else becomes a line of a free
section. Placeholders (`**__HIDDEN__**`) are skipped, TeX in the text is decoded, and
every section is counted in -> out in the report.
"""

from __future__ import annotations

import re
from typing import Any

from cvgen.tools.importers.builder import Builder
from cvgen.tools.importers.common import indexed_mappings, join_text, mapping, network_link, without_empty
from cvgen.tools.importers.rendercv_entries import (
    Context,
    custom_line,
    entry_kind,
    is_placeholder_entry,
    profile_entry,
    profile_section,
)
from cvgen.tools.importers.result import ImportResult, SectionCount
from cvgen.tools.importers.routes import BIO_RX, INTERESTS_RX, route, section_badge, section_type
from cvgen.tools.importers.text import clean_entry, shown
from cvgen.tools.importers.validate import drop_invalid

_CV_KEYS = frozenset({"name", "headline", "label", "email", "phone", "website", "location", "photo",
                      "social_networks", "sections"})  # fmt: skip
_INTEREST_KINDS = frozenset({"text", "bullet", "oneline"})


def from_rendercv(doc: dict[str, Any]) -> ImportResult:
    result = ImportResult({}, "RenderCV file")
    cv = mapping(doc.get("cv"))
    texts = {k: cv[k] for k in ("name", "headline", "label", "location") if isinstance(cv.get(k), str)}
    cv = {**cv, **clean_entry(texts, "cv", result)}
    result.data["person"] = _person(cv, result)
    for key in cv:
        if key not in _CV_KEYS:
            result.dropped.append(f"cv.{key}")
    for key in doc:
        if key != "cv":
            result.skipped.append(f"{key} (RenderCV layout and tooling settings; cvgen has its own cv: settings)")
    _import_sections(cv, Builder(result))
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
def _import_sections(cv: dict[str, Any], b: Builder) -> None:
    sections = cv.get("sections") or {}
    if not isinstance(sections, dict):
        b.result.dropped.append("cv.sections (not a mapping of section titles to entries)")
        sections = {}
    for key, entries in sections.items():
        entries = entries if isinstance(entries, list) else [entries]
        _import_section(_title(str(key)), entries, f"cv.sections.{key}", b)
    b.finish()


def _title(key: str) -> str:
    """`invited_talks` -> `Invited Talks`; a key someone already capitalised stays as written."""
    return key.replace("_", " ").strip().title() if key == key.lower() else key.strip()


def _import_section(title: str, raw: list[object], where: str, b: Builder) -> None:
    """Import one RenderCV section: each entry into its profile section, or a line of a free section."""
    result = b.result
    count = result.section(where, len(raw))
    entries = []
    for i, e in enumerate(raw):
        if is_placeholder_entry(e):
            result.skipped.append(f"{where}[{i}]: {_shown_entry(e)} is a layout placeholder, not an entry")
            count.skipped += 1
        else:
            entries.append((i, clean_entry(e, f"{where}[{i}]", result)))
    kinds = {entry_kind(e) for _, e in entries}
    if entries and kinds == {"text"} and BIO_RX.match(title):
        b.data["bio"] = "\n\n".join(str(e) for _, e in entries)
        count.placed["bio"] = len(entries)
        return
    if entries and kinds <= _INTEREST_KINDS and INTERESTS_RX.search(title):
        b.data.setdefault("interests", []).extend(_interest(e) for _, e in entries)
        count.placed["interests"] = len(entries)
        b.mark("interests")
        return
    target = route(title)
    ctx = _context(title, target, b)
    lines: list[tuple[str, str]] = []
    for i, entry in entries:
        _place_entry(entry, f"{where}[{i}]", target, ctx, lines, b, count)
    if lines:
        b.add_lines(title, lines, target, count)


def _context(title: str, target: str | None, b: Builder) -> Context:
    ptype = section_type(title) if target == "publications" else None
    badge = section_badge(title) if target == "publications" else None
    if badge:
        b.result.changed.append(f"'{title}': cvgen has no type for these; they are type '{ptype}' with "
                                f"the badge '{badge}' (the CV lists them under 'Other Publications')")  # fmt: skip
    return Context(b.result, b.owner, b.aliases, ptype, badge)


def _interest(entry: object) -> Any:
    if isinstance(entry, dict):
        return entry.get("bullet") or join_text(entry.get("label"), entry.get("details"), sep=": ")
    return str(entry)


def _shown_entry(entry: object) -> str:
    if isinstance(entry, dict):
        return shown(next((entry[k] for k in entry if isinstance(entry[k], str)), entry))
    return shown(entry)


def _place_entry(
    entry: object,
    at: str,
    target: str | None,
    ctx: Context,
    lines: list[tuple[str, str]],
    b: Builder,
    count: SectionCount,
) -> None:
    """Add one entry to its profile section, else as a line to `lines`, else report it."""
    kind = entry_kind(entry)
    section = profile_section(kind, target)
    if section and isinstance(entry, dict):
        converted = profile_entry(kind, section, entry, at, ctx)
        label = f"publications ({converted.get('type')})" if section == "publications" else None
        b.add(section, converted, count, label)
        return
    line = custom_line(kind, entry, at, b.result)
    if line is not None:
        lines.append((at, line))
        if kind in ("normal", "numbered", "publication", "education", "experience"):
            b.result.changed.append(f"{at}: kept as a line of a free section")
    else:
        shown_keys = ", ".join(map(str, entry)) if isinstance(entry, dict) else entry
        b.result.dropped.append(f"{at}: an entry cvgen does not recognise ({shown_keys})")
        count.dropped += 1
