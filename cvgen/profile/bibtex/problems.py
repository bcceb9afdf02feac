"""The problems found while reading one .bib file, each located in it.

Every warning and error names a line and, where the offending text can be
found on it, a column, so `cvgen lint` and a failed build point at what to fix.
"""

from __future__ import annotations

import re

from cvgen.errors import Problem

MAX_EXPANDED = 100_000  # characters macros may add to one value (a venue name is under 200)
MAX_EXPANDED_FILE = 5_000_000  # characters macros may add in one file, all values together


class ExpansionBudget:
    """What macro expansion has added so far in one file."""

    def __init__(self) -> None:
        self.used = 0

    def take(self, added: int) -> str | None:
        """Account for `added` characters of one value; why it is refused, or None."""
        if added > MAX_EXPANDED:
            return f"macros expand it to {added:,} characters (at most {MAX_EXPANDED:,})"
        if self.used + added > MAX_EXPANDED_FILE:
            return f"@string macros expand to more than {MAX_EXPANDED_FILE:,} characters in this file"
        self.used += added
        return None


class BibProblems:
    """The text of one .bib file and the warnings and errors located in it."""

    def __init__(self, shown: str, text: str, warnings: list[Problem]) -> None:
        self.shown = shown  # the file name as problems print it
        self.text = text
        self.lines = text.splitlines()
        self.warnings = warnings
        self.errors: list[Problem] = []
        self.budget = ExpansionBudget()

    def column(self, line: int, needle: str) -> int | None:
        """1-based column where `needle` first appears on `line` (ignoring case), if it does."""
        if 1 <= line <= len(self.lines):
            m = re.search(re.escape(needle), self.lines[line - 1], re.I)
            if m:
                return m.start() + 1
        return None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset into the text."""
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def warn(self, line: int | None, col: int | None, path: str, message: str) -> None:
        self.warnings.append(Problem(self.shown, line, col, path, message))

    def warn_field(self, key: str, name: str, line: int, message: str) -> None:
        """A warning about field `name` of entry `key`, pointing at the field's name on `line`."""
        self.warn(line, self.column(line, name), f"{key}.{name}", message)

    def error(self, line: int | None, col: int | None, path: str, message: str) -> None:
        self.errors.append(Problem(self.shown, line, col, path, message))
