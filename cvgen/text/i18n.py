"""The language of a build: cvgen's own words from a gettext catalog, dates by CLDR rules (Babel).

One catalog per language, `cvgen/locale/<tag>/LC_MESSAGES/cvgen.po`, read at run time;
`cvgen/locale/cvgen.pot` lists every message (scripts/extract_messages.py writes it). A
message a catalog lacks stays English. The build sets the language for its stages with
`use(tag)`; views, templates and dates read it through `gettext` and `month_year`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Babel is imported when a language other than English needs it
    from babel import Locale

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DEFAULT = "en"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS_FULL = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")  # fmt: skip

_current: ContextVar[str] = ContextVar("cvgen_language", default=DEFAULT)


@contextmanager
def use(tag: str | None) -> Iterator[str]:
    """Within the block, cvgen's words and dates are in `tag` (a BCP 47 tag; None: English)."""
    token = _current.set(tag or DEFAULT)
    try:
        yield tag or DEFAULT
    finally:
        _current.reset(token)


def current() -> str:
    return _current.get()


# ---------------------------------------------------------------- tags


@lru_cache(maxsize=256)
def locale_of(tag: str) -> Locale | None:
    """Babel's locale for a BCP 47 tag (`zh-Hant`, `de-AT`), or None if CLDR does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(tag.replace("_", "-"), sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        return None


TAG_RX = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")  # the shape of a BCP 47 tag


def is_language(tag: str) -> bool:
    """A BCP 47 tag (`de`, `zh-Hant`, `pt-BR`) of a language CLDR knows."""
    return bool(TAG_RX.match(tag)) and len(tag) <= 35 and locale_of(tag) is not None


def is_english(tag: str | None = None) -> bool:
    """`tag` (default: the build's language) is English, whose grammar some views follow (Title Case,
    shorter dates); no CLDR data needed, so English builds never load Babel."""
    return (tag or current()).split("-")[0].lower() == DEFAULT


@lru_cache(maxsize=256)
def _likely(tag: str) -> tuple[str, str]:
    """(language, script) with CLDR's likely subtags filled in: `zh` -> (zh, Hans), `zh-TW` -> (zh, Hant)."""
    loc = locale_of(tag)
    if loc is None:
        return (tag.split("-")[0].lower(), "")
    if loc.script:
        return (loc.language, loc.script)
    from babel import Locale
    from babel.core import get_global

    likely = get_global("likely_subtags")
    for key in (f"{loc.language}_{loc.territory}" if loc.territory else "", loc.language):
        if key and key in likely:
            full = Locale.parse(likely[key])
            return (loc.language, full.script or "")
    return (loc.language, "")


def best_match(wanted: str, available: Iterable[str]) -> str | None:
    """The tag of `available` that serves a reader of `wanted`: the same tag, else the same language in the
    same script (`zh` and `zh-Hans`, `zh-TW` and `zh-Hant`, `de-AT` and `de`), else the same language in
    another script, else None."""
    tags = list(available)
    for tag in tags:
        if tag.lower() == wanted.lower():
            return tag
    want = _likely(wanted)
    same = [t for t in tags if _likely(t) == want] or [t for t in tags if _likely(t)[0] == want[0]]
    return same[0] if same else None


def pick(texts: dict[str, str], wanted: Iterable[str | None]) -> str:
    """The text of a mapping `{en: ..., de: ...}` for the first language of `wanted` it has, else its first."""
    for tag in wanted:
        if tag:
            found = best_match(tag, texts)
            if found is not None:
                return texts[found]
    return next(iter(texts.values()))


# ---------------------------------------------------------------- catalogs


def catalog_languages() -> list[str]:
    """Tags of the shipped catalogs."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/cvgen.po"))


@lru_cache(maxsize=64)  # asked for every word printed: the shipped catalogs are globbed once per tag
def catalog_for(tag: str) -> str | None:
    """The shipped catalog serving `tag` (`zh` -> `zh-Hans`, `de-CH` -> `de`), or None."""
    return best_match(tag, catalog_languages())


@lru_cache(maxsize=32)
def _catalog(name: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    with open(LOCALE_DIR / name / "LC_MESSAGES" / "cvgen.po", "rb") as f:
        catalog = read_po(f, locale=None)
    return {
        str(m.id): str(m.string) for m in catalog if m.id and isinstance(m.string, str) and m.string and not m.fuzzy
    }


@lru_cache(maxsize=1)
def all_messages() -> tuple[str, ...]:
    """Every message cvgen prints, from the template catalog (cvgen.pot)."""
    from babel.messages.pofile import read_po

    with open(LOCALE_DIR / "cvgen.pot", "rb") as f:
        return tuple(str(m.id) for m in read_po(f) if m.id)


def translations(tag: str) -> dict[str, str]:
    """The catalog for `tag` as {English message: translation}; empty for a language without one."""
    name = catalog_for(tag)
    return _catalog(name) if name else {}


def missing(tag: str) -> list[str]:
    """Messages the catalog for `tag` does not translate (English needs none)."""
    if _likely(tag)[0] == DEFAULT:
        return []
    have = translations(tag)
    return [m for m in all_messages() if m not in have]


def gettext(message: str) -> str:
    """`message` in the build's language; English if its catalog lacks it."""
    tag = _current.get()
    if tag == DEFAULT:  # the source language: its catalog is the messages themselves
        return message
    return translations(tag).get(message, message)


# ---------------------------------------------------------------- dates


def _babel_locale(tag: str) -> Locale:
    from babel import Locale

    return locale_of(tag) or Locale("en")


# Languages whose CLDR month-and-year form adds a word for "year" (ru: `март 2024 г.`): a CV's date column
# takes the month's own name and the year instead (`март 2024`, `сент. 2017`), as CVs there write it.
_STANDALONE = frozenset({"ru", "uk", "be"})


def month_year(year: int, month: int | None, full: bool = False) -> str:
    """`Mar 2024` / `März 2024` / `2024年3月` (`full`: `March 2024`); a year alone is the year's digits."""
    tag = _current.get()
    if month is None:
        return str(year)
    language = DEFAULT if tag == DEFAULT else _likely(tag)[0]
    if language == DEFAULT:
        return f"{(_MONTHS_FULL if full else MONTHS)[month - 1]} {year}"
    from babel.dates import format_date, format_skeleton

    date, locale = datetime.date(year, month, 1), _babel_locale(tag)
    if language in _STANDALONE:
        return str(format_date(date, "LLLL y" if full else "LLL y", locale=locale))
    return str(format_skeleton("yMMMM" if full else "yMMM", date, locale=locale))


def language_name(tag: str) -> str:
    """The language's name in itself, as a language switcher shows it: `Deutsch`, `Français`, `中文 (简体)`."""
    loc = locale_of(tag)
    name = str(loc.get_display_name(loc) or tag) if loc is not None else tag
    return name[:1].upper() + name[1:]
