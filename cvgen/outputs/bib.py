"""`--bib`: the publications as clean BibTeX (publications.bib), entries written by `views.bibtex`."""

from __future__ import annotations

from cvgen.profile.model import Publication
from cvgen.views.bibtex import bib_entry, bib_name, citation_keys

__all__ = ["bib_entry", "bib_name", "citation_keys", "to_bibtex"]


def to_bibtex(pubs: list[Publication]) -> str:
    keys = citation_keys(pubs)
    head = "% Publications exported by cvgen. Names carry al-folio's marks: * equal contribution, \\textdagger corresponding.\n\n"
    return head + "\n".join(bib_entry(p, k) for p, k in zip(pubs, keys, strict=True))
