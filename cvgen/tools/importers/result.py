"""The outcome of an import: the profile data, the report of what did not carry over, and its YAML text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

# Top-level keys in the order people read a profile; keys not listed follow in their own order.
SECTION_ORDER = ("person", "bio", "interests", "news", "education", "positions", "awards", "grants", "service",
                 "teaching", "students", "talks", "publications", "sections", "cv", "homepage", "variants")  # fmt: skip


@dataclass
class ImportResult:
    """`dropped`: no place in a profile; `changed`: kept in another form; `check`: to do by hand."""

    data: dict[str, Any]
    source_format: str
    dropped: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    check: list[str] = field(default_factory=list)

    def report_lines(self) -> list[str]:
        return ([f"not imported: {x}" for x in self.dropped] + [f"changed: {x}" for x in self.changed]
                + [f"check: {x}" for x in self.check])  # fmt: skip

    def report(self) -> str:
        lines = self.report_lines()
        if not lines:
            return f"imported everything from the {self.source_format} file"
        return "\n".join(lines)

    def yaml(self) -> str:
        """The profile as YAML, headed by the report as comments so it stays with the file."""
        ordered = {k: self.data[k] for k in SECTION_ORDER if k in self.data}
        ordered.update({k: v for k, v in self.data.items() if k not in ordered})
        head = [f"# cvgen profile imported from a {self.source_format} file by `cvgen import`."]
        if self.report_lines():
            head.append("# What the import could not carry over exactly:")
            head += [f"#   {line}" for line in self.report_lines()]
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
