"""The outcome of an import: the profile data, the report of what did not carry over, and its YAML text.

The report has one line per fact, each starting with its kind:

    found:        what the source held (a site's files, a file's format)
    count:        per source section, entries in -> entries out, and where they went
    not imported: lost; no place in a profile (`--strict` fails on these)
    changed:      kept, in another form or place (a field moved into a note, TeX decoded)
    guessed:      decided from weak evidence (a type from the venue, an alias, a split name joined)
    skipped:      not content (a layout placeholder, the theme's sample data)
    check:        to do by hand (copy a photo next to the profile)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

# Top-level keys in the order people read a profile; keys not listed follow in their own order.
SECTION_ORDER = ("person", "bio", "interests", "news", "education", "positions", "awards", "grants", "service",
                 "teaching", "students", "talks", "publications", "sections", "cv", "homepage", "variants")  # fmt: skip


@dataclass
class SectionCount:
    """One source section: how many entries it had and where each went."""

    source: str
    received: int
    placed: dict[str, int] = field(default_factory=dict)  # profile place -> entries
    skipped: int = 0
    dropped: int = 0

    def put(self, target: str) -> None:
        self.placed[target] = self.placed.get(target, 0) + 1

    @property
    def unaccounted(self) -> int:
        return self.received - sum(self.placed.values()) - self.skipped - self.dropped

    def line(self) -> str:
        outs = [f"{n} {target}" for target, n in self.placed.items()]
        outs += [f"{self.skipped} skipped"] if self.skipped else []
        outs += [f"{self.dropped} not imported"] if self.dropped else []
        outs += [f"{self.unaccounted} unaccounted for"] if self.unaccounted else []
        return f"{self.source}: {self.received} in -> " + (", ".join(outs) or "nothing")


@dataclass
class ImportResult:
    """The profile data and the report (see the module docstring for the kinds of lines)."""

    data: dict[str, Any]
    source_format: str
    dropped: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    check: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    found: list[str] = field(default_factory=list)
    counts: list[SectionCount] = field(default_factory=list)

    def section(self, source: str, received: int) -> SectionCount:
        """Start counting a source section of `received` entries."""
        count = SectionCount(source, received)
        self.counts.append(count)
        return count

    @property
    def lost(self) -> bool:
        """Anything the profile does not carry (what `cvgen import --strict` fails on)."""
        return bool(self.dropped) or any(c.unaccounted or c.dropped for c in self.counts)

    def report_lines(self) -> list[str]:
        """Every line but the counts: what did not carry over exactly."""
        return ([f"not imported: {x}" for x in self.dropped] + [f"changed: {x}" for x in self.changed]
                + [f"guessed: {x}" for x in self.guessed] + [f"skipped: {x}" for x in self.skipped]
                + [f"check: {x}" for x in self.check])  # fmt: skip

    def full_report(self) -> list[str]:
        """What was found, the counts, then `report_lines`."""
        return ([f"found: {x}" for x in self.found] + [f"count: {c.line()}" for c in self.counts]
                + self.report_lines())  # fmt: skip

    def report(self) -> str:
        lines = self.report_lines()
        if not lines:
            return f"imported everything from the {self.source_format}"
        return "\n".join(lines)

    def yaml(self) -> str:
        """The profile as YAML, headed by the report as comments so it stays with the file."""
        ordered = {k: self.data[k] for k in SECTION_ORDER if k in self.data}
        ordered.update({k: v for k, v in self.data.items() if k not in ordered})
        head = [f"# cvgen profile imported from a {self.source_format} by `cvgen import`."]
        if self.full_report():
            head.append("# What was imported, and what could not be carried over exactly:")
            head += [f"#   {line}" for line in self.full_report()]
        body = yaml.dump(
            ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
        )
        return "\n".join(head) + "\n\n" + body


class _Dumper(yaml.SafeDumper):
    """Multi-line text as `|` blocks, the way people write bios by hand."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)
