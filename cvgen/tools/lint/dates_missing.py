"""missing-date: positions, degrees, grants and students the CV can date only in part, or not at all.

The CV prints what is known ("current" for a position that runs now without a start, the year of a
degree), and leaves the date column empty for an entry with no date; committees read such an entry as
incomplete. These are warnings: the profile stays valid.
"""

from __future__ import annotations

from collections.abc import Sequence

from cvgen.profile.types import PartialDate
from cvgen.tools.lint.context import Finding, LintContext, finding

# Section -> what one entry is called in a message.
_DATED = {"positions": "position", "education": "degree", "grants": "grant", "students": "student"}


def _label(entry: object) -> str:
    for name in ("title", "degree", "name"):
        value = getattr(entry, name, None)
        if value:
            return f"'{value}'"
    return "entry"


def _problem(kind: str, start: PartialDate | None, end: PartialDate | None) -> str | None:
    if start is None and end is None:
        if kind == "degree":
            return "has no date: add `end:` (the year of the degree; a year is enough) and `start:`"
        return "has no dates: add `start:` and `end:` (a year is enough); undated, it looks incomplete"
    if start is None and end is not None and end.present and kind != "degree":
        return "has no start: the CV can only say 'current'; add `start:`"
    return None


def check_missing_dates(ctx: LintContext) -> list[Finding]:
    """Dated entries (positions, education, grants, students) without a start or any date."""
    out = []
    for section, kind in _DATED.items():
        entries: Sequence[object] = getattr(ctx.profile, section)
        for i, e in enumerate(entries):
            message = _problem(kind, getattr(e, "start", None), getattr(e, "end", None))
            if message:
                out.append(finding("missing-date", ctx.at(section, i), f"{kind} {_label(e)} {message}"))
    return out
