"""The small pieces every homepage view shares: the style names, a picture as shown, unique anchors.

They sit below the blocks (homepage_blocks) and the papers (homepage_papers), which refer to each other's types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Style = Literal["sidebar", "faculty"]
# The year of a paper without a date, in filters and page plans; shown as gettext(UNDATED_LABEL).
UNDATED = "undated"
UNDATED_LABEL = "Undated"


@dataclass(frozen=True)
class Picture:
    src: str  # relative to the site root
    width: int  # CSS pixels it is shown at
    height: int


def slug(text: str, taken: set[str]) -> str:
    """A unique anchor id for `text` (taken ids get -2, -3, ...)."""
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48].strip("-") or "item"
    out, n = base, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    taken.add(out)
    return out
