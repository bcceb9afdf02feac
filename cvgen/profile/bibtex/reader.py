"""A .bib file -> its publications, with the problems found located in the file.

Parsing is bibtexparser v2's splitter (a maintained, tolerant parser that
keeps line numbers), run without middlewares; what a CV needs beyond them is
done here and in the sibling modules: duplicate keys and fields, `@string`
macros, crossrefs, then one publication per entry (entries.py).

Syntax errors become a `ProfileError` located in the .bib file (never a
traceback); doubtful but usable input becomes a warning that `cvgen lint`
prints. Results are cached per file version, so lint and build parse once.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bibtexparser.entrypoint import parse_string
from bibtexparser.exceptions import BlockAbortedException, ParsingException
from bibtexparser.library import Library
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    Field,
    ParsingFailedBlock,
    String,
)

from cvgen.errors import Problem, ProfileError
from cvgen.profile.bibtex.crossref import inherit_crossrefs
from cvgen.profile.bibtex.decode import decode_tex
from cvgen.profile.bibtex.entries import publication
from cvgen.profile.bibtex.fields import BibEntry, entry_fields, string_macros
from cvgen.profile.bibtex.problems import BibProblems
from cvgen.profile.files import MAX_INPUT_BYTES
from cvgen.profile.inside import NotInside, read_inside
from cvgen.profile.model import Publication

_BLOCK_START_RX = re.compile(r"\s*@\s*(\w+)\s*[{(]\s*([^,\s]*)")


@dataclass
class BibResult:
    """Publications of one .bib file, where each entry starts, and warnings for lint."""

    file: str
    publications: list[Publication]
    locations: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> (line, col)
    field_locations: dict[str, dict[str, tuple[int, int | None]]] = field(default_factory=dict)  # key -> field -> pos
    warnings: list[Problem] = field(default_factory=list)


def read_bibtex(path: Path, root: Path | None = None) -> list[Publication]:
    """Publications of `path`. `root` is the profile's folder (for al-folio `preview` images)."""
    return load_bibtex(path, root).publications


def load_bibtex(path: Path, root: Path | None = None) -> BibResult:
    """Publications of `path` with their locations and warnings; a `ProfileError` if the file is broken.

    The file is read through handles that stay inside `root` (the profile's folder), so a link swapped
    in after the caller checked the path cannot pull in another file.
    """
    path = Path(path)
    root = (root or path.resolve().parent).resolve()
    full = path if path.is_absolute() else Path.cwd() / path
    # A file the profile names lies in its folder (the caller checked): read it confined to the folder.
    # One named on the command line is read confined to its own folder.
    within = root if root in full.parents else full.resolve().parent
    try:
        raw = read_inside(within, full.relative_to(within).as_posix() if within in full.parents else full.name,
                          MAX_INPUT_BYTES)  # fmt: skip
    except NotInside as exc:
        raise ProfileError([Problem(_display(path), None, None, "", f"cannot read the file: {exc}")]) from None
    return _parse_cached(raw, str(root), _display(path))


def clear_caches() -> None:
    """Forget parsed files and decoded values, so the next load parses from scratch."""
    _parse_cached.cache_clear()
    decode_tex.cache_clear()


def _display(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@lru_cache(maxsize=16)
def _parse_cached(raw: bytes, root: str, shown: str) -> BibResult:
    """One version of a file, by its bytes (an unchanged file is parsed once per process)."""
    warnings: list[Problem] = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        warnings.append(Problem(shown, line, None, "", "the file is not UTF-8; read as Latin-1 (save it as UTF-8)"))
        text = raw.decode("latin-1")
    return _BibReader(BibProblems(shown, text, warnings), Path(root)).read()


class _BibReader:
    def __init__(self, problems: BibProblems, root: Path) -> None:
        self.problems = problems
        self.root = root
        self.strings: list[String] = []
        self.entries: list[Entry] = []

    def read(self) -> BibResult:
        for block in self._parse().blocks:
            self._take(block)
        macros = string_macros(self.strings, self.problems)
        entries = [entry_fields(e, macros, self.problems) for e in self.entries]
        parents = inherit_crossrefs(entries, self.problems)
        result = self._publications(entries, parents)
        if self.problems.errors:
            raise ProfileError(self.problems.errors)
        result.warnings.sort(key=lambda p: (p.line or 0, p.col or 0))
        return result

    def _parse(self) -> Library:
        splitter_log = logging.getLogger("bibtexparser.splitter")
        was_disabled = splitter_log.disabled
        splitter_log.disabled = True  # failed blocks are reported by _syntax_error, located
        try:
            return parse_string(self.problems.text, parse_stack=[])
        except ParsingException as exc:  # the splitter stops on a state it cannot recover from
            problem = Problem(self.problems.shown, None, None, "", f"cannot parse this BibTeX file: {exc}")
            raise ProfileError([problem]) from None
        finally:
            splitter_log.disabled = was_disabled

    def _take(self, block: Block) -> None:
        """Keep @string and entry blocks; report the failed ones (comments and @preamble are ignored)."""
        if isinstance(block, String):
            self.strings.append(block)
        elif isinstance(block, Entry):
            self.entries.append(block)
        elif isinstance(block, DuplicateBlockKeyBlock):
            self._duplicate_key(block)
        elif isinstance(block, DuplicateFieldKeyBlock):
            self._duplicate_fields(block)
        elif isinstance(block, ParsingFailedBlock):
            self._syntax_error(block)

    def _duplicate_key(self, block: DuplicateBlockKeyBlock) -> None:
        """A second @string of a name replaces the first (a warning); a second entry key is an error."""
        dup = block.ignore_error_block
        line = (block.start_line or 0) + 1
        first = (block.previous_block.start_line or 0) + 1
        if isinstance(dup, String):
            self.strings.append(dup)
            message = f"@string '{dup.key}' is defined again (first on line {first}); the later one is used"
            self.problems.warn(line, 1, dup.key, message)
        else:
            message = f"duplicate entry key '{block.key}' (first on line {first}); keep one or rename it"
            self.problems.error(line, self.problems.column(line, block.key), block.key, message)

    def _duplicate_fields(self, block: DuplicateFieldKeyBlock) -> None:
        """Of a field given twice the first counts, as in BibTeX; the others are warned about and dropped."""
        entry = block.ignore_error_block
        if not isinstance(entry, Entry):  # bibtexparser always attaches the entry; without it there is nothing to keep
            self._syntax_error(block)
            return
        seen: set[str] = set()
        kept: list[Field] = []
        for f in entry.fields:
            if f.key.lower() in seen:
                line = f.start_line + 1
                self.problems.warn(
                    line,
                    self.problems.column(line, f.key),
                    f"{entry.key}.{f.key.lower()}",
                    f"field '{f.key}' is given twice; the first one is used (as BibTeX does)",
                )
                continue
            seen.add(f.key.lower())
            kept.append(f)
        entry.fields = kept
        self.entries.append(entry)

    def _syntax_error(self, block: ParsingFailedBlock) -> None:
        m = _BLOCK_START_RX.match(block.raw or "")
        key = m[2] if m else ""
        start = (block.start_line or 0) + 1
        err = block.error
        aborted = err if isinstance(err, BlockAbortedException) else None
        reason = (aborted.abort_reason if aborted else "") or str(err) or type(err).__name__
        if aborted is not None and aborted.end_index is not None:
            line, col = self.problems.position(aborted.end_index)
        else:
            line, col = len(self.problems.lines) or 1, None  # the block ran to the end of the file
        what = f"@{m[1]}{{{key}" if m else "an entry"
        reason = reason.strip().rstrip(".")
        self.problems.error(line, col, key, f"BibTeX syntax error in {what} (starting on line {start}): {reason}")

    def _publications(self, entries: list[BibEntry], parents: set[str]) -> BibResult:
        result = BibResult(self.problems.shown, [], warnings=self.problems.warnings)
        for entry in entries:
            if entry.key.lower() in parents and "author" not in entry.fields:
                continue  # a proceedings volume that only supplies fields to its papers
            pub = publication(entry, self.problems, self.root)
            if pub is None:
                continue
            result.publications.append(pub)
            result.locations[entry.key] = (entry.line, entry.col)
            result.field_locations[entry.key] = {
                name: (line, self.problems.column(line, name)) for name, line in entry.lines.items()
            }
        return result
