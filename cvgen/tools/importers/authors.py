"""Author lists as other tools leave them -> display names, with every repair reported.

- placeholders (`**__HIDDEN__**`) are left out, never learnt as your name;
- a list written as surname / given-name items (`Denolle`, `Marine A.*`) is
  joined into names (`Marine A. Denolle*`) when every pair reads that way;
- RenderCV's bold marks the owner: a bold name that is not yet a spelling of
  `person.name` becomes an alias, reported as a guess.
"""

from __future__ import annotations

import html
import re

from cvgen.text.names import PARTICLES, NameMatcher, split_marks
from cvgen.tools.importers.result import ImportResult
from cvgen.tools.importers.text import is_placeholder, shown, strip_emphasis

_INITIAL_RX = re.compile(r"^(?:[A-Z]\.?)(?:-?[A-Z]\.?)*$")
_WORD_RX = re.compile(r"^[^\W\d_][^\W\d_'’\-]*$")
_OPEN_RX = re.compile(r"^(\*{2,3}|_{2,3})(?=\S)")
_CLOSE_RX = re.compile(r"(?<=\S)(\*{2,3}|_{2,3})$")


def repair_authors(raw: object, at: str, result: ImportResult, owner: str, aliases: list[str]) -> list[str]:
    """`raw` (a list, or one comma-separated text) -> display names; aliases learnt are appended to `aliases`."""
    items = raw if isinstance(raw, list) else [raw] if raw else []
    names: list[str] = []
    for i, a in enumerate(items):
        if is_placeholder(a):
            result.skipped.append(f"{at}[{i}]: the placeholder author {shown(a)} (a layout hack, not a name)")
        elif a is not None:
            names.append(str(a).strip())
    joined = join_split_pairs(names)
    if joined is not None:
        result.guessed.append(
            f"{at}: surname and given names were separate items; joined into {len(joined)} names "
            f"({shown(names[0])}, {shown(names[1])} -> {shown(joined[0])})"
        )
        names = joined
    elif _looks_split(names):
        result.check.append(f"{at}: some authors look split into surname and given name ({shown(', '.join(names))})")
    out = []
    for name in names:
        plain, emphasised = _without_emphasis(name)
        if emphasised:
            learn_alias(plain, owner, aliases, at, result)
        out.append(plain)
    return out


def _without_emphasis(name: str) -> tuple[str, bool]:
    """Emphasis off a name, marks kept after it: `**Gao Huang***` -> ('Gao Huang*', True)."""
    bare, equal, corresponding = split_marks(name)
    plain, emphasised = strip_emphasis(bare)
    if not emphasised:
        plain, emphasised = strip_emphasis(name)
        return plain, emphasised
    return plain + ("*" if equal else "") + ("†" if corresponding else ""), True


def learn_alias(name: str, owner: str, aliases: list[str], at: str, result: ImportResult) -> None:
    """A name the source marks as the owner's, added to `aliases` unless it is one already (reported)."""
    bare = split_marks(name)[0]
    if is_placeholder(bare) or not re.search(r"[^\W\d_]", bare) or len(bare.split()) > 6:
        return
    if NameMatcher(owner, aliases)(bare) or bare in aliases:
        return
    aliases.append(bare)
    result.guessed.append(f"person.aliases: {shown(bare)}, because {at} marks it as the owner's name")


# ---------------------------------------------------------------- split names
def join_split_pairs(items: list[str]) -> list[str] | None:
    """`[Denolle, Marine A.*, Viens, Loïc]` -> `[Marine A. Denolle*, Loïc Viens]`; None unless unambiguous.

    Unambiguous: an even number of items, each pair a surname (one word, maybe after particles)
    and given names (words or initials), and either some initials or at least two pairs.
    """
    if len(items) < 2 or len(items) % 2:
        return None
    pairs = [(items[i], items[i + 1]) for i in range(0, len(items), 2)]
    parsed = [_pair(s, g) for s, g in pairs]
    if any(p is None for p in parsed):
        return None
    has_initials = any(_INITIAL_RX.match(t) for s, g in pairs for t in split_marks(g)[0].strip("*_ ").split())
    if not has_initials and len(pairs) < 2:
        return None
    return [p for p in parsed if p is not None]


def _pair(surname_raw: str, given_raw: str) -> str | None:
    open_m, close_m = _OPEN_RX.match(surname_raw.strip()), _CLOSE_RX.search(given_raw.strip())
    emphasis = open_m[1] if open_m and close_m and open_m[1] == close_m[1] else ""
    surname_text = surname_raw.strip()[len(emphasis) :]
    given_text = given_raw.strip()[: len(given_raw.strip()) - len(emphasis)] if emphasis else given_raw.strip()
    surname, s_em = strip_emphasis(surname_text)
    given_bare, equal, corresponding = split_marks(given_text)
    given, g_em = strip_emphasis(given_bare)
    if not _is_surname(surname) or not _is_given(given):
        return None
    marks = ("*" if equal else "") + ("†" if corresponding else "")
    name = f"{given} {surname}{marks}"
    return f"{emphasis or ('**' if s_em or g_em else '')}{name}{emphasis or ('**' if s_em or g_em else '')}"


def _is_surname(text: str) -> bool:
    tokens = text.split()
    if not 1 <= len(tokens) <= 3 or "," in text:
        return False
    *particles, last = tokens
    return all(p.lower() in PARTICLES for p in particles) and bool(_WORD_RX.match(last)) and last[0].isupper()


def _is_given(text: str) -> bool:
    tokens = text.split()
    return 1 <= len(tokens) <= 4 and all(_INITIAL_RX.match(t) or (_WORD_RX.match(t) and t[0].isupper()) for t in tokens)


def _looks_split(names: list[str]) -> bool:
    """Two one-word names in a row: likely a name split at its comma."""
    words = [len(split_marks(strip_emphasis(n)[0])[0].split()) == 1 for n in names]
    return any(a and b for a, b in zip(words, words[1:], strict=False))


# ---------------------------------------------------------------- citations
def authors_from_citation(citation: str) -> list[str] | None:
    """The authors of a formatted citation (`Smith, J., & Doe, A. (2020). "Title" ...`); None if not found."""
    text = html.unescape(re.sub(r"<[^>]+>", "", citation)).strip()
    m = re.match(r"^(.*?)\s*\((?:\d{4}|n\.d\.)[a-z]?\)", text) or re.match(r"^(.*?)[.,]?\s*[\"“]", text)
    if not m or not m[1].strip():
        return None
    part = re.sub(r"(?<=[^\W\d_]{2})\.$", "", m[1].strip().rstrip(", "))  # a full stop, not an initial's
    part = re.sub(r",?\s*(?:&|\band\b)\s*", ", ", part)
    items = [x.strip() for x in part.split(",") if x.strip()]
    return join_split_pairs(items) or items
