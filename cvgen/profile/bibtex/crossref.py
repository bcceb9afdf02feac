"""`crossref`: an entry inherits the fields it lacks from the entry it names.

As in BibTeX, a parent's `title` becomes a paper's `booktitle`, and chains
of crossrefs are followed (a cycle ends where it began). The parents found
here are returned so that the reader can drop those without authors
(proceedings volumes), which only supply fields to their papers.
"""

from __future__ import annotations

from cvgen.profile.bibtex.fields import BibEntry
from cvgen.profile.bibtex.problems import BibProblems

_NOT_INHERITED = ("crossref", "key", "ids", "preview", "selected")
_TITLE_IS_BOOKTITLE = ("inproceedings", "conference", "incollection", "inbook")  # a part of the parent volume


def inherit_crossrefs(entries: list[BibEntry], problems: BibProblems) -> set[str]:
    """Fill in what each entry inherits; returns the lower-case keys of the entries inherited from."""
    by_key = {e.key.lower(): e for e in entries}
    parents: set[str] = set()
    for entry in entries:
        ref = entry.fields.get("crossref")
        if not ref:
            continue
        parent = by_key.get(ref.strip().lower())
        if parent is None:
            problems.warn_field(
                entry.key,
                "crossref",
                entry.lines["crossref"],
                f"crossref '{ref}' is not an entry of this file; nothing is inherited",
            )
            continue
        parents |= _inherit_chain(entry, parent, by_key)
    return parents


def _inherit_chain(child: BibEntry, parent: BibEntry, by_key: dict[str, BibEntry]) -> set[str]:
    """Inherit from `parent` and its own crossrefs in turn; returns their lower-case keys."""
    seen = {child.key.lower()}
    ancestors: set[str] = set()
    current: BibEntry | None = parent
    while current is not None and current.key.lower() not in seen:
        seen.add(current.key.lower())
        ancestors.add(current.key.lower())
        _inherit(child, current)
        ref = current.fields.get("crossref")
        current = by_key.get(ref.strip().lower()) if ref else None
    return ancestors


def _inherit(child: BibEntry, parent: BibEntry) -> None:
    for name, value in parent.fields.items():
        if name in _NOT_INHERITED:
            continue
        target = name
        if name == "title":
            if child.entry_type not in _TITLE_IS_BOOKTITLE:
                continue
            target = "booktitle"
        if target not in child.fields:
            child.fields[target] = value
            # an inherited field is located at the crossref that brought it
            child.lines[target] = child.lines.get("crossref", child.line)
