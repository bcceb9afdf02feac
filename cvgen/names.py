"""Author names: equal-contribution / corresponding marks and own-name matching.

An author is written as a display name with optional trailing marks:
`Gao Huang*` (equal contribution), `Gao Huang†` (corresponding), `Gao Huang*†`.
The owner is found by comparing folded name keys, so `Zoë` matches `Zoe`,
`Huang, Gao` matches `Gao Huang` and `G. Huang` matches when listed as an alias
(or derived from the name's initials).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

EQUAL_MARKS = "*"
CORRESPONDING_MARKS = "†‡"


@dataclass(frozen=True)
class Author:
    name: str
    equal: bool = False
    corresponding: bool = False
    is_owner: bool = False


def split_marks(raw: str) -> tuple[str, bool, bool]:
    name = raw.strip()
    equal = corresponding = False
    while name and name[-1] in EQUAL_MARKS + CORRESPONDING_MARKS:
        if name[-1] in EQUAL_MARKS:
            equal = True
        else:
            corresponding = True
        name = name[:-1].rstrip()
    return name, equal, corresponding


def fold(text: str) -> str:
    """Lower-case, strip diacritics and punctuation, collapse spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "o").replace("ł", "l").replace("Ł", "l")
    text = re.sub(r"[.\u2010-\u2015\-_]+", " ", text.lower())
    text = re.sub(r"[^\w\s,]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _keys(name: str) -> set[str]:
    """Equivalent spellings of one name, folded."""
    folded = fold(name)
    if "," in folded:  # "Last, First" -> "First Last"
        last, _, first = folded.partition(",")
        folded = f"{first.strip()} {last.strip()}".strip()
    folded = folded.replace(",", "")
    parts = folded.split()
    if not parts:
        return set()
    keys = {" ".join(parts), "".join(parts)}
    if len(parts) >= 2:
        first, last = parts[:-1], parts[-1]
        keys.add(" ".join(p[0] for p in first) + " " + last)  # "g huang"
        keys.add(" ".join(p[0] for p in first if p) + " " + last)
    return keys


class NameMatcher:
    """Is this author the profile's owner?"""

    def __init__(self, name: str, aliases: list[str]):
        self._full: set[str] = set()
        for n in [name, *aliases]:
            folded = fold(n).replace(",", "")
            if folded:
                self._full.add(folded)
                self._full.add(folded.replace(" ", ""))
        # Initial forms ("G. Huang") match only when the owner's name yields them.
        self._initials = set()
        for n in [name, *aliases]:
            self._initials |= _keys(n)

    def __call__(self, author: str) -> bool:
        keys = _keys(author)
        if keys & self._full:
            return True
        parts = fold(author).replace(",", " ").split()
        # An abbreviated author ("G. Huang") matches the owner's initials form.
        if parts and any(len(p) == 1 for p in parts[:-1]):
            return bool(keys & self._initials)
        return False


def parse_authors(raw: list[str], is_owner: NameMatcher) -> list[Author]:
    out = []
    for item in raw:
        name, equal, corresponding = split_marks(item)
        out.append(Author(name, equal, corresponding, is_owner(name)))
    return out
