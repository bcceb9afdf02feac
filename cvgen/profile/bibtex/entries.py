"""One BibTeX entry -> a `Publication`: type, venue, date, details and al-folio keys.

Entry types map to publication types, refined by where the work appeared (an
@article in arXiv is a preprint, an @inproceedings at a workshop a workshop
paper); theses and reports get a venue line from their school or institution.
Doubtful values become located warnings, and a value the model rejects a
located error on the field the user wrote, never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from cvgen.profile.bibtex import alfolio
from cvgen.profile.bibtex.decode import decode_tex
from cvgen.profile.bibtex.fields import MONTHS, BibEntry
from cvgen.profile.bibtex.names import bib_names
from cvgen.profile.bibtex.problems import BibProblems
from cvgen.profile.model import Publication

TYPE_MAP = {
    "inproceedings": "conference", "conference": "conference", "article": "journal",
    "book": "book", "booklet": "book", "incollection": "chapter", "inbook": "chapter",
    "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "techreport": "report", "report": "report", "patent": "patent",
    "unpublished": "preprint", "misc": "other", "online": "other", "electronic": "other",
    "www": "other", "manual": "other", "proceedings": "other", "collection": "other",
}  # fmt: skip
PREPRINT_RX = re.compile(r"\b(arxiv|corr|biorxiv|medrxiv|ssrn|preprint|techrxiv|chemrxiv|openreview)\b", re.I)
_ARXIV_ID_RX = re.compile(r"^(\d{4}\.\d{4,5}|[a-z\-]+/\d{7})(v\d+)?$", re.I)
_WORKSHOP_RX = re.compile(r"\bworkshops?\b", re.I)
_DOI_PREFIX_RX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.I)
# Publication field -> the bib field it is made from, so that an error points at what the user wrote.
_SOURCE_FIELD = {"thumbnail": "preview", "venue": "abbr", "venue_full": "booktitle"}


def publication(entry: BibEntry, problems: BibProblems, root: Path) -> Publication | None:
    """The publication of `entry`, or None after reporting why it has none.

    `root` is the profile's folder, where al-folio `preview` images are looked up.
    """
    return _EntryReader(entry, problems, root).publication()


class _EntryReader:
    def __init__(self, entry: BibEntry, problems: BibProblems, root: Path) -> None:
        self.entry = entry
        self.fields = entry.fields
        self.problems = problems
        self.root = root
        self._reported: set[tuple[str, str]] = set()

    def publication(self) -> Publication | None:
        key = self.entry.key
        title = self.text("title")
        if not title:
            self.problems.error(self.entry.line, self.entry.col, key, f"entry '{key}' has no title")
            return None
        data: dict[str, object] = {"title": title, "key": key, "authors": self._authors()}
        data.update(self._type_and_venue())
        year = self._date(self.text("year"), self.text("month"), self.text("date"))
        if year:
            data["year"] = year
        data.update(self._details())
        data["selected"] = alfolio.truthy(self.fields.get("selected", ""))
        data.update(self._note_and_extra())
        if self.fields.get("abstract", "").strip():
            data["abstract"] = self.text("abstract")
        links = alfolio.links(self.fields, self._arxiv_id())
        if links:
            data["links"] = links
        if self.fields.get("preview"):
            thumbnail = alfolio.preview(self.entry, self.fields["preview"].strip(), self.problems, self.root)
            if thumbnail:
                data["thumbnail"] = thumbnail
        return self._validated(data)

    # -------------------------------------------------- field values
    def text(self, name: str) -> str:
        """Field `name` as plain text ('' if absent); a value that could not be decoded is warned about once."""
        decoded = decode_tex(self.fields.get(name, ""))
        if decoded.problem is not None:
            self._warn_once(name, decoded.problem)
        return decoded.text

    def _warn_once(self, name: str, message: str) -> None:
        if (name, message) not in self._reported:
            self._reported.add((name, message))
            self.problems.warn_field(self.entry.key, name, self.entry.field_line(name), message)

    def _authors(self) -> list[str]:
        name = "author" if self.fields.get("author") else "editor"
        names = self.fields.get(name) or ""
        if not names.strip():
            return []
        return bib_names(names, warn=lambda message: self._warn_once(name, message))

    def _arxiv_id(self) -> str:
        """The `eprint` if it is an arXiv identifier, else ''."""
        eprint = self.fields.get("eprint", "").strip()
        archive = (self.fields.get("archiveprefix") or self.fields.get("eprinttype") or "").strip().lower()
        if eprint and archive in ("arxiv", "") and _ARXIV_ID_RX.match(eprint):
            return eprint
        return ""

    # -------------------------------------------------- type and venue
    def _type_and_venue(self) -> dict[str, str]:
        """`type`, `venue_full` and the short `venue` (the `abbr` key, or arXiv for arXiv preprints)."""
        ptype = self._mapped_type()
        venue_full = self.text("journal") or self.text("journaltitle") or self.text("booktitle")
        arxiv_id = self._arxiv_id()
        ptype = self._refined_type(ptype, venue_full, arxiv_id)
        venue_full = self._venue_line(venue_full, ptype, arxiv_id)
        out = {"type": ptype}
        if venue_full:
            out["venue_full"] = venue_full
        if self.fields.get("abbr"):
            out["venue"] = self.text("abbr")
        elif ptype == "preprint" and ("arxiv" in venue_full.lower() or arxiv_id or "arxiv" in self.fields):
            out["venue"] = "arXiv"
        return out

    def _mapped_type(self) -> str:
        kind = self.entry.entry_type
        ptype = TYPE_MAP.get(kind)
        if ptype is None:
            self.problems.warn(
                self.entry.line, self.entry.col, self.entry.key, f"unknown entry type @{kind}; listed as 'other'"
            )
            return "other"
        return ptype

    def _refined_type(self, ptype: str, venue_full: str, arxiv_id: str) -> str:
        """Preprints filed as @article or @misc, and workshop papers filed as @inproceedings."""
        kind = self.entry.entry_type
        if kind == "article" and venue_full and PREPRINT_RX.search(venue_full):
            return "preprint"
        if kind in ("misc", "unpublished", "online") and (
            arxiv_id or "arxiv" in self.fields or PREPRINT_RX.search(self.text("howpublished") + " " + venue_full)
        ):
            return "preprint"
        if ptype == "conference" and _WORKSHOP_RX.search(venue_full):
            return "workshop"
        return ptype

    def _venue_line(self, venue_full: str, ptype: str, arxiv_id: str) -> str:
        """The full venue; theses, reports and books without a journal or booktitle say where they are from."""
        kind = self.entry.entry_type
        if kind == "phdthesis":
            venue_full = "PhD thesis" + self._at_school()
        elif kind == "mastersthesis":
            venue_full = "Master's thesis" + self._at_school()
        elif kind == "thesis":
            venue_full = ", ".join(x for x in (self.text("type"), self.text("school") or self.text("institution")) if x)
        elif kind in ("techreport", "report"):
            venue_full = venue_full or self.text("institution")
        elif kind in ("book", "booklet"):
            venue_full = venue_full or self.text("series")
        if not venue_full:
            venue_full = self.text("howpublished") or self.text("organization")
        if not venue_full and ptype == "preprint" and arxiv_id:
            venue_full = f"arXiv preprint arXiv:{arxiv_id}"
        return venue_full

    def _at_school(self) -> str:
        return f", {self.text('school')}" if self.fields.get("school") else ""

    # -------------------------------------------------- date and details
    def _date(self, year: str, month: str, date: str) -> str | None:
        """`YYYY` or `YYYY-MM` from year and month, else a biblatex `date`; warns of a year or month that is not one."""
        if date and re.match(r"^\d{4}(-\d{1,2}){0,2}$", date) and not year:
            return date
        if not year:
            return None
        m = re.search(r"\b(\d{4})\b", year)
        if not m:
            self.problems.warn_field(
                self.entry.key, "year", self.entry.field_line("year"), f"'{year}' is not a year; the entry has no date"
            )
            return None
        if not month:
            return m[1]
        number = _month(month)
        if number is None:
            self.problems.warn_field(
                self.entry.key, "month", self.entry.field_line("month"), f"'{month}' is not a month; ignored"
            )
            return m[1]
        return f"{m[1]}-{number:02d}"

    def _details(self) -> dict[str, str]:
        """Volume, number (or issue), pages, publisher and the bare DOI."""
        out = {name: self.text(name) for name in ("volume", "number", "pages", "publisher") if self.fields.get(name)}
        if "number" not in out and self.fields.get("issue"):
            out["number"] = self.text("issue")
        if self.fields.get("doi"):
            out["doi"] = _DOI_PREFIX_RX.sub("", self.fields["doi"].strip()).replace("\\_", "_")
        return out

    def _note_and_extra(self) -> dict[str, str]:
        award_name, award, note = self.text("award_name"), self.text("award"), self.text("note")
        additional_info = self.text("additional_info") if self.fields.get("additional_info") else None
        return alfolio.note_and_extra(award_name, award, note, additional_info)

    # -------------------------------------------------- validation
    def _validated(self, data: dict[str, object]) -> Publication | None:
        try:
            return Publication.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                self._report_invalid(error)
            return None

    def _report_invalid(self, error: ErrorDetails) -> None:
        """A validation error, located at the bib field the rejected value came from."""
        loc = [str(x) for x in error["loc"]]
        name = loc[1] if loc and loc[0] == "links" and len(loc) > 1 else (loc[0] if loc else "")
        name = _SOURCE_FIELD.get(name, name)
        if name == "html" and "html" not in self.fields and "url" in self.fields:
            name = "url"
        entry = self.entry
        line = entry.field_line(name)
        col = self.problems.column(line, name) if name in entry.lines else entry.col
        self.problems.error(line, col, f"{entry.key}.{name}" if name else entry.key, error["msg"])


def _month(text: str) -> int | None:
    """1..12 from `5`, `may` or `May 2020`; None if it is not a month."""
    text = text.strip().lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    m = re.match(r"([a-z]{3})", text)
    return MONTHS.get(m[1]) if m else None
