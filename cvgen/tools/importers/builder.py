"""What every importer builds besides the entries: free sections, learnt aliases, the CV's section order.

Lines under a title that names a built-in section become entries of it where
a line can be read as one; what stays a line never shows under a second
heading with a built-in section's title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cvgen.profile.sections import CV_ORDER, SECTION_NAMES, SECTION_TITLES
from cvgen.tools.importers.lines import line_entry
from cvgen.tools.importers.result import ImportResult, SectionCount
from cvgen.tools.importers.routes import builtin_title

# Free-section ids a homepage already uses for built-in sections.
_RESERVED_IDS = frozenset(SECTION_NAMES)


@dataclass
class Builder:
    """The profile being imported into: `result.data` plus the parts finished at the end."""

    result: ImportResult
    custom: list[dict[str, Any]] = field(default_factory=list)  # -> `sections:`
    aliases: list[str] = field(default_factory=list)  # -> `person.aliases`
    order: list[str] = field(default_factory=list)  # the source's section order -> `cv.sections`

    @property
    def data(self) -> dict[str, Any]:
        return self.result.data

    @property
    def owner(self) -> str:
        return str(self.data.get("person", {}).get("name") or "")

    def add(self, target: str, entry: dict[str, Any], count: SectionCount, label: str | None = None) -> None:
        """Add `entry` to the profile section `target` (counted under `label`, default the section's name)."""
        self.data.setdefault(target, []).append(entry)
        count.put(label or target)
        self.mark(target)

    def mark(self, target: str) -> None:
        if target not in self.order:
            self.order.append(target)

    def add_lines(self, title: str, lines: list[tuple[str, str]], target: str | None, count: SectionCount) -> None:
        """Lines (place, Markdown) under `title`: entries of `target` where they read as one, else a free section."""
        rest: list[str] = []
        for at, line in lines:
            entry = line_entry(target, line, at, self.result) if target else None
            if entry is not None:
                self.add(str(target), entry, count)
            else:
                rest.append(line)
        if rest:
            section_id = self.free_section(title, rest)
            for _ in rest:
                count.put(f"lines of the section '{title}'")
            self.mark(section_id)

    def free_section(self, title: str, lines: list[str]) -> str:
        """Append `lines` to the free section `title` (made when new); returns its id."""
        for section in self.custom:
            if section["title"] == title:
                section["entries"] += lines
                return str(section["id"])
        section_id = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_") or "section"
        if section_id in _RESERVED_IDS:
            section_id += "_more"
        taken = {s["id"] for s in self.custom}
        base, n = section_id, 2
        while section_id in taken:
            section_id, n = f"{base}_{n}", n + 1
        self.custom.append({"title": title, "id": section_id, "entries": list(lines)})
        return section_id

    def finish(self, cv_order: bool = True, source_order: bool = True) -> None:
        """Write the free sections, the aliases and the CV's section order into the data."""
        for section in self.custom:
            builtin = builtin_title(section["title"])
            if builtin and self.data.get(builtin):
                new = f"{section['title']} (more)"
                self.result.changed.append(
                    f"the free section '{section['title']}' is titled '{new}': the built-in section "
                    f"'{SECTION_TITLES[builtin]}' holds the entries that could be read as {builtin} entries"
                )
                section["title"] = new
        if self.custom:
            self.data["sections"] = self.custom
        if self.aliases:
            person = self.data.setdefault("person", {})
            person["aliases"] = list(dict.fromkeys([*person.get("aliases", []), *self.aliases]))
        if cv_order:
            self.data["cv"] = {"sections": self._cv_order(source_order)}

    def _cv_order(self, source_order: bool) -> list[str]:
        """The source's order of sections (`source_order`), else the order committees expect; free sections last."""
        builtins = [s for s in CV_ORDER if self.data.get(s)]
        order = [s for s in self.order if s in builtins or _is_custom(s, self.custom)] if source_order else builtins
        order += [s for s in builtins if s not in order]
        return order + [s["id"] for s in self.custom if s["id"] not in order]


def _is_custom(section_id: str, custom: list[dict[str, Any]]) -> bool:
    return any(s["id"] == section_id for s in custom)
