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
    """One service line naming a venue twice: in a service entry (its venue, or its role when the role
    holds the list: "Reviewer for A, B, A"), or in a line of a free section about service."""
    out = []
    for i, s in enumerate(ctx.profile.service):
        field, text = ("venue", s.venue) if s.venue else ("role", _listed(s.role))
        if text:
            out += _twice(ctx, ("service", i, field), s.role, text)
    for i, section in enumerate(ctx.profile.sections):
        if not _SERVICE_TITLE_RX.search(section.title):
            continue
        for j, line in enumerate(section.entries):
            listed = _listed(line)
            if listed:
                out += _twice(ctx, ("sections", i, "entries", j), section.title, listed)
    return out


_SERVICE_TITLE_RX = re.compile(r"service|review|committee|editor", re.I)
_LIST_RX = re.compile(r"^[^:]{2,80}?(?::|\s(?:for|of)\s)\s*(?P<list>.+)$", re.I)
_SEPARATORS_RX = re.compile(r",|;|/|\||·|\band\b|&|\n")


def _listed(text: str | None) -> str | None:
    """The list after "Reviewer for" / "Reviewer:" in a line; None when the line is no list."""
    m = _LIST_RX.match(re.sub(r"(\*\*|__|\*)", "", text or ""))
    return m["list"] if m and _SEPARATORS_RX.search(m["list"]) else None


def _twice(ctx: LintContext, path: tuple[str | int, ...], label: str, text: str) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for name in (v.strip() for v in _SEPARATORS_RX.split(re.sub(r"(\*\*|__)", "", text))):
        key = compact(name)
        if not key or key == "etc" or set(fold(name).strip(". ")) <= {"."}:
            continue
        if key in seen:
            out.append(finding("duplicate-venue", ctx.at(*path), f"{label}: '{name}' is listed twice in '{text}'"))
        seen.add(key)
    return out


def check_bibtex(ctx: LintContext) -> list[Finding]:
    """What the .bib reader had to guess or drop."""
    return [Finding(p, "bibtex") for p in ctx.bib_warnings]
