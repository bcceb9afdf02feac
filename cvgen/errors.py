"""One error hierarchy for the whole library.

Every error a user can cause is a `CvgenError`; its `str()` is the message the
CLI prints. Nothing here depends on the CLI library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Control and bidi characters (from a profile, a .bib key, a file name) are shown escaped: a message
# must not move the cursor, recolour or clear the terminal of whoever reads it, nor reverse its text.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with control and bidi characters written as Python escapes (`\\x1b`)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a profile, located in its source file."""

    file: str
    line: int | None
    col: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        field = f" {self.path}:" if self.path else ""
        return printable(f"{where}:{field} {self.message}")


class CvgenError(Exception):
    """A failure the user can act on; the message says what and how."""


class ProfileError(CvgenError):
    """The profile could not be loaded or is invalid: all problems at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.col or 0))
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def about_file(cls, file: str, message: str) -> ProfileError:
        """One problem with the file as a whole (missing, too large, not UTF-8, ...), not with a place in it."""
        return cls([Problem(file, None, None, "", message)])


class BuildError(CvgenError):
    """An output could not be produced (engine failure, write failure, limits)."""


class ToolMissing(BuildError):
    """An optional external tool (TeX, a font, Chromium) is not installed."""


class ImageError(CvgenError):
    """A picture could not be read or converted; the caller adds where the profile names it."""
