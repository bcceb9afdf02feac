"""Author names: equal-contribution / corresponding marks and own-name matching.

An author is written as a display name with optional trailing marks:
`Gao Huang*` (equal contribution), `Gao Huang†` (corresponding), `Gao Huang*†`.

The owner is found by comparing parsed names, not strings, so real author
lists match without listing every spelling:

- diacritics and case are folded (`Zoë` = `Zoe`, `ß` = `ss`, `Ø` = `O`);
- `Last, First` and `Last, Jr., First` are read as `First Last`;
- initials match the names they abbreviate (`G. Huang`, `Huang, G.`,
  `K. Q. Weinberger`, `Y.-L. Wang` for `Yu-Lin Wang`);
- middle names and initials may be left out (`Kilian Weinberger` =
  `Kilian Q. Weinberger`); hyphens and spaces inside given names do not
  matter (`Yu-Lin` = `Yulin`); particles are ignored
  (`Laurens Van Der Maaten` = `Laurens van der Maaten`);
- a different full given name never matches (`Rui Huang` is not `Gao Huang`),
  and an initial never overrules a full name the owner is known by: with the
  alias `G. Huang`, `Gang Huang` is still not `Gao Huang`.

Names are configured through `person.name` and `person.aliases`; a name the
rules cannot derive (a reversed `Huang Gao`, a native-script `黄高`, a
former surname) goes in `aliases`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

EQUAL_MARKS = "*∗"
CORRESPONDING_MARKS = "†‡"

# Lower-case name particles: ignored when comparing surnames.
PARTICLES = frozenset(
    "van von der den de del della dei degli di da dos das do du la le les ter ten te bin ibn al el st saint zu".split()
)
SUFFIXES = frozenset("jr sr ii iii iv phd".split())
ET_AL = frozenset({"et al", "others", "et al."})


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


_FOLD_EXTRA = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
    }
)


def strip_accents(text: str) -> str:
    """`Zoë Ørsted` -> `Zoe Orsted`; case is kept."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=8192)  # every author of every entry, for the CV and each page of the site: folded once
def fold(text: str) -> str:
    """Lower-case, strip diacritics and punctuation, collapse spaces."""
    text = strip_accents(text).lower()
    text = re.sub(r"[.\u2010-\u2015\-_]+", " ", text)
    text = re.sub(r"[^\w\s,]", "", text)
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- parsing
@dataclass(frozen=True)
class _Given:
    parts: tuple[str, ...]  # "Yu-Lin" -> ("yu", "lin"); "J.-P." -> ("j", "p")
    initial: bool  # every part is a single letter

    @property
    def compact(self) -> str:
        return "".join(self.parts)

    @property
    def letters(self) -> str:
        """Initials including syllables: "Yu-Lin" -> "yl"."""
        return "".join(p[0] for p in self.parts)


@dataclass(frozen=True)
class ParsedName:
    given: tuple[_Given, ...]
    surname: str  # folded, particles dropped, hyphens removed; the last word of the surname
    compact: str  # every letter of the name, for spellings that only differ in spaces/hyphens

    @property
    def initials(self) -> str:
        return "".join(g.letters for g in self.given)

    @property
    def full_first(self) -> bool:
        return bool(self.given) and not self.given[0].initial


def _word(token: str) -> str:
    return re.sub(r"[^\w]", "", fold(token).replace(" ", ""))


def _is_initials_token(raw: str) -> bool:
    """`G.`, `J.-P.`, `JP`, `YL` (two or three capitals, no dots)."""
    bare = raw.replace(".", "").replace("-", "")
    if not bare.isalpha():
        return False
    if "." in raw and all(len(p) <= 1 for p in re.split(r"[.\-]", raw) if p):
        return True
    return len(bare) == 1 or (len(bare) <= 3 and bare.isupper() and len(raw) == len(bare))


def _given(raw: str) -> _Given | None:
    raw = strip_accents(raw)
    if _is_initials_token(raw):
        letters = [c.lower() for c in raw if c.isalpha()]
        return _Given(tuple(letters), True) if letters else None
    parts = tuple(_word(p) for p in re.split(r"[\-\u2010-\u2015]", raw) if _word(p))
    if not parts:
        return None
    return _Given(parts, all(len(p) == 1 for p in parts))


@dataclass(frozen=True)
class NameParts:
    """A name split as BibTeX splits it, words as written: `Ludwig van Beethoven Jr.`."""

    given: tuple[str, ...]  # ("Ludwig",)
    particles: tuple[str, ...]  # ("van",)
    surname: tuple[str, ...]  # ("Beethoven",)
    suffix: tuple[str, ...]  # ("Jr.",)

    @property
    def last(self) -> str:
        """The surname with its particles: `van Beethoven`."""
        return " ".join((*self.particles, *self.surname))


def _leading_particles(tokens: list[str]) -> tuple[list[str], list[str]]:
    particles: list[str] = []
    while len(tokens) > 1 and _word(tokens[0]) in PARTICLES:
        particles.append(tokens.pop(0))
    return particles, tokens


def split_name(raw: str) -> NameParts | None:
    """Split a display name or a `Last, First` / `Last, Jr., First` name; None for empty or `et al.`."""
    name, _, _ = split_marks(raw)
    name = re.sub(r"\s+", " ", name.replace("\u00a0", " ")).strip()
    if not name or fold(name) in ET_AL:
        return None
    if "," in name:
        pieces = [p.strip() for p in name.split(",") if p.strip()]
        if not pieces:
            return None
        suffix = [p for p in pieces[1:] if _word(p) in SUFFIXES]
        given = " ".join(p for p in pieces[1:] if _word(p) not in SUFFIXES).split()
        particles, surname = _leading_particles(pieces[0].split())
        return NameParts(tuple(given), tuple(particles), tuple(surname), tuple(suffix))
    tokens = name.split()
    suffix = []
    while len(tokens) > 1 and _word(tokens[-1]) in SUFFIXES:
        suffix.insert(0, tokens.pop())
    # "HUANG Gao": a surname written in capitals before the given name
    if (
        len(tokens) >= 2
        and len(tokens[0]) >= 4
        and tokens[0].isupper()
        and tokens[0].isalpha()
        and not any(t.isupper() for t in tokens[1:])
    ):
        tokens = tokens[1:] + tokens[:1]
    surname, given = tokens[-1:], tokens[:-1]
    before: list[str] = []
    # particles written before the surname belong to it ("van der Maaten")
    while given and len(given) > 1 and _word(given[-1]) in PARTICLES:
        before.insert(0, given.pop())
    return NameParts(tuple(given), tuple(before), tuple(surname), tuple(suffix))


@lru_cache(maxsize=4096)  # a ParsedName is frozen: parsed once per process (watch, serve)
def parse_name(raw: str) -> ParsedName | None:
    """Parse a name for comparison: folded, particles dropped; None for empty or `et al.`."""
    parts = split_name(raw)
    if parts is None:
        return None
    surname_tokens = [*parts.particles, *parts.surname]
    surname_words = [_word(t) for t in surname_tokens if _word(t) and _word(t) not in PARTICLES]
    if not surname_words:
        surname_words = [_word(t) for t in surname_tokens if _word(t)]
    given = tuple(g for g in (_given(t) for t in parts.given) if g is not None)
    compact = "".join(_word(t) for t in [*parts.given, *surname_tokens])
    if not surname_words:
        return None
    return ParsedName(given, surname_words[-1], compact)


def _given_match(a: ParsedName, o: ParsedName) -> bool:
    """Do the given names of `a` (an author) and `o` (an owner spelling) agree?"""
    if not a.given or not o.given:
        return not a.given and not o.given
    first_a, first_o = a.given[0], o.given[0]
    if not first_a.initial and not first_o.initial:
        if first_a.compact != first_o.compact:
            return False
        # Middle names: either side may leave them out; when both give one, the initials agree.
        middle_a, middle_o = a.given[1:], o.given[1:]
        if middle_a and middle_o:
            return middle_a[0].letters[0] == middle_o[0].letters[0]
        return True
    # At least one side is initials: compare the letter sequences.
    ia, io = a.initials, o.initials
    if first_a.initial and first_o.initial:
        return ia.startswith(io) or io.startswith(ia)
    initials, full = (a, o) if first_a.initial else (o, a)
    letters = initials.initials
    first = full.given[0]
    middles = "".join(g.compact[0] for g in full.given[1:])
    if full.initials.startswith(letters) or (first.compact[0] + middles).startswith(letters):
        return True  # "K." or "K. Q." for "Kilian Q.", "Y.-L." for "Yu-Lin"
    if len(full.given) == 1:
        # The owner's middle name is not known: "G. X. Huang" may still be "Gao Huang".
        return letters.startswith(first.letters) or letters.startswith(first.compact[0])
    return False


class NameMatcher:
    """Is this author the profile's owner?"""

    def __init__(self, name: str, aliases: list[str] | tuple[str, ...] = ()):
        self.names = [n for n in [name, *aliases] if n and n.strip()]
        self._variants = [p for p in (parse_name(n) for n in self.names) if p is not None]
        self._compact = {p.compact for p in self._variants if p.compact}
        self._folded = {fold(split_marks(n)[0]) for n in self.names}

    def __call__(self, author: str) -> bool:
        name = split_marks(author)[0]
        if fold(name) in self._folded:
            return True
        parsed = parse_name(name)
        if parsed is None:
            return False
        if parsed.compact and parsed.compact in self._compact:
            return True
        same_surname = [o for o in self._variants if o.surname == parsed.surname]
        if not same_surname:
            return False
        if parsed.full_first:
            # A full given name is compared with the owner's full given names when any is known,
            # so that an initials alias ("G. Huang") does not make "Gang Huang" the owner.
            full = [o for o in same_surname if o.full_first]
            same_surname = full or same_surname
        return any(_given_match(parsed, o) for o in same_surname)


def parse_authors(raw: list[str], is_owner: NameMatcher) -> list[Author]:
    out = []
    for item in raw:
        name, equal, corresponding = split_marks(item)
        out.append(Author(name, equal, corresponding, is_owner(name)))
    return out
