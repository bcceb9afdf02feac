"""duplicate-entry, duplicate-venue and bibtex: entries written twice, or read with guesses."""

from __future__ import annotations

import re

from cvgen.text.names import fold
from cvgen.tools.lint.context import Finding, LintContext, LocatedPub, finding
from cvgen.tools.lint.match import compact


def check_duplicate_titles(ctx: LintContext) -> list[Finding]:
    """Two publications with the same title."""
    seen: dict[str, LocatedPub] = {}
    out = []
    for p in ctx.pubs:
        first = seen.setdefault(compact(p.pub.title or ""), p)
        if first is p:
            continue
        file, line, _, _ = first.where(ctx.loaded)
        hint = ""
        if first.pub.key and p.pub.key != first.pub.key and first.file != p.file:
            hint = f"; to override a .bib entry, give the YAML entry `key: {first.pub.key}`"
        out.append(
            finding(
                "duplicate-entry",
                p.where(ctx.loaded, ("title",)),
                f"the same title as {first.label()} ({ctx.loc(file, line)}){hint}",
            )
        )
    return out


def check_service_venues(ctx: LintContext) -> list[Finding]:
    """One service line naming a venue twice."""
    out = []
    for i, s in enumerate(ctx.profile.service):
        if not s.venue:
            continue
        seen: set[str] = set()
        for name in (v.strip() for v in re.split(r",|;|\band\b|&", s.venue)):
            key = fold(name).strip(". ")
            if not key or key == "etc" or set(key) <= {"."}:
                continue
            if key in seen:
                out.append(
                    finding(
                        "duplicate-venue",
                        ctx.at("service", i, "venue"),
                        f"{s.role}: '{name}' is listed twice in '{s.venue}'",
                    )
                )
            seen.add(key)
    return out


def check_bibtex(ctx: LintContext) -> list[Finding]:
    """What the .bib reader had to guess or drop."""
    return [Finding(p, "bibtex") for p in ctx.bib_warnings]
