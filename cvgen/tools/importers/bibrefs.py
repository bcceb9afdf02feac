"""A site's .bib file as a `- bibtex: PATH` include: referenced, not copied, and counted.

The path is written relative to the folder the new profile is written to, so
the include resolves when the profile sits in the site's folder (the usual
way: `cvgen import SITE -o SITE/profile.yaml`); otherwise the report says what
to do.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from cvgen.errors import ProfileError
from cvgen.profile.bibtex import BibResult, load_bibtex
from cvgen.profile.model import Publication
from cvgen.tools.importers.builder import Builder

_ENTRY_RX = re.compile(r"^\s*@\s*(?!string\b|comment\b|preamble\b)\w+\s*[{(]", re.I | re.M)


def read_bib(root: Path, rel: str, b: Builder) -> BibResult | None:
    """The site's .bib file `rel`, or None (reported) when it cannot be read."""
    try:
        return load_bibtex(root / rel, root)
    except ProfileError as exc:
        b.result.dropped.append(f"{rel}: the .bib file cannot be read ({exc.problems[0].message}); not referenced")
        return None


def include_bib(
    root: Path,
    rel: str,
    out_dir: Path | None,
    b: Builder,
    bib: BibResult | None = None,
    merged: frozenset[str] = frozenset(),
) -> list[Publication]:
    """Add `- bibtex: ...` for the site's file `rel`; count its entries; returns its publications.

    `merged`: keys of entries that a page of the site overrides (the same paper, counted once).
    """
    bib = bib or read_bib(root, rel, b)
    if bib is None:
        return []
    received = len(_ENTRY_RX.findall((root / rel).read_text(encoding="utf-8", errors="replace")))
    count = b.result.section(rel, received)
    for pub in bib.publications:
        if pub.key in merged:
            count.put("publications, merged with their pages (`key:`)")
        else:
            count.put(f"publications ({pub.type})")
    if received > len(bib.publications):
        count.skipped = received - len(bib.publications)
        b.result.skipped.append(f"{rel}: {count.skipped} entries are not papers of their own (crossref volumes)")
    b.result.check += [f"{rel}: {w.message} ({w.line and f'line {w.line}'})" for w in bib.warnings]
    b.data.setdefault("publications", []).append({"bibtex": profile_path(root, rel, out_dir, b)})
    b.result.changed.append(f"{rel}: referenced by `- bibtex:`, not copied; its entries are read at every build")
    b.mark("publications")
    return bib.publications


def profile_path(root: Path, rel: str, out_dir: Path | None, b: Builder) -> str:
    """`rel` (a site file) as the new profile will name it; reported when the profile will not find it."""
    target = (root / rel).resolve()
    if out_dir is not None:
        base = out_dir.resolve()
        if base == target.parent or base in target.parents:
            return Path(os.path.relpath(target, base)).as_posix()
    b.result.check.append(
        f"{rel} is referenced as '{rel}', relative to the site's folder: write the profile there "
        f"(cvgen import {root} -o {root / 'profile.yaml'}) or copy the file next to the profile"
    )
    return rel
