"""One import merged into another: a site's `resume.json` adds what the site's own files do not have."""

from __future__ import annotations

from cvgen.tools.importers.builder import Builder
from cvgen.tools.importers.result import ImportResult

_NOT_MERGED = ("cv", "homepage", "variants")


def merge_result(sub: ImportResult, label: str, b: Builder) -> None:
    """Sections of `sub` the profile lacks are added; the ones it has are kept, and `sub`'s are reported."""
    data, result = b.data, b.result
    person = data.setdefault("person", {})
    for key, value in sub.data.get("person", {}).items():
        if key == "aliases":
            b.aliases += [a for a in value if a not in b.aliases]
        elif key not in person:
            person[key] = value
    kept_out: set[str] = set()
    for key, value in sub.data.items():
        if key in ("person", *_NOT_MERGED):
            continue
        if key == "sections":
            for section in value:
                b.mark(b.free_section(section["title"], list(section.get("entries", []))))
        elif data.get(key):
            kept_out.add(key)
            n = len(value) if isinstance(value, list) else 1
            result.skipped.append(f"{label}: {key} ({n}): the site's own files already give {key}")
        else:
            data[key] = value
            b.mark(key)
    for c in sub.counts:
        count = result.section(f"{label}: {c.source}", c.received)
        count.dropped = c.dropped
        count.skipped = c.skipped
        for target, n in c.placed.items():
            if target.split(" ")[0] in kept_out:
                count.skipped += n
            else:
                count.placed[target] = n
    for kind in ("dropped", "changed", "guessed", "skipped", "check"):
        getattr(result, kind).extend(f"{label}: {line}" for line in getattr(sub, kind))
