"""A publication's venue from the keys other tools use, without a year the `year` field already holds.

"ICML 2022" with the year 2022 would print "ICML 2022, 2022": the year goes,
and a short name left alone ("ICML") is the short `venue`, not `venue_full`.
"""

from __future__ import annotations

import re
from typing import Any

from cvgen.tools.importers.fields import Fields
from cvgen.tools.importers.result import ImportResult
from cvgen.tools.importers.text import shown

# Keys that name a venue, in the order they are taken; the others stay for `settle` to report.
VENUE_KEYS = ("journal", "venue", "booktitle", "conference", "workshop", "publisher", "series")
_SHORT_RX = re.compile(r"^[A-Z][A-Za-z&\-]{1,11}$")  # ICML, NeurIPS, PNAS, JGR


def venue_fields(f: Fields, year: object, result: ImportResult) -> dict[str, Any]:
    """`{"venue_full": ...}` or `{"venue": ...}` from the first venue key `f` has."""
    key = next((k for k in VENUE_KEYS if f.raw.get(k) not in (None, "")), None)
    if key is None:
        return {}
    return venue_of(str(f.get(key)).strip(), year, f"{f.at}.{key}", result)


def venue_of(venue: str, year: object, at: str, result: ImportResult) -> dict[str, Any]:
    """A venue text as the profile's venue fields, the publication's year taken off its end."""
    y = str(year)[:4] if year else None
    if y and venue.endswith(y) and venue[: -len(y)].strip(" ,'’"):
        bare = re.sub(rf"[\s,'’]*{y}$", "", venue).strip()
        result.changed.append(f"{at}: {shown(venue)} -> {shown(bare)} (the year is in `year`)")
        venue = bare
    if _SHORT_RX.match(venue) and any(c.isupper() for c in venue[1:]):
        return {"venue": venue}
    return {"venue_full": venue}
