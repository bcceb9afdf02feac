"""Code points the main fonts of the built-in CV themes have, for the TeX escaper (text/tex.py).

A character the main font lacks goes to the fallback font (`{\\cvfb ...}`), so that XeLaTeX never meets a
character it cannot print. TeX Gyre Pagella's table lives in text/tex.py (MAIN_FONT_COVERAGE); these were read
from the Debian packages' fonts, identical in their four faces, with:
  fontTools.ttLib.TTFont(path).getBestCmap()
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class MainFont:
    """What the escaper knows of the main font: the characters it lacks (one, and runs), and the letters it
    has that the fallback font lacks (they stay in the main font inside a word sent to the fallback)."""

    not_main: re.Pattern[str]
    not_main_run: re.Pattern[str]
    main_only: re.Pattern[str]


def char_class(ranges: str) -> str:
    """`20-7e a0-17f` -> the inside of a regular expression's [...]."""
    out = []
    for token in ranges.split():
        lo, _, hi = token.partition("-")
        out.append(re.escape(chr(int(lo, 16))) + ("-" + re.escape(chr(int(hi, 16))) if hi else ""))
    return "".join(out)


def main_font_of(main: str, main_only: str = "") -> MainFont:
    """From the character class of the font's code points (char_class) and of the letters only it has."""
    only = re.compile(f"([{main_only}]+)" if main_only else "(?!)")
    return MainFont(re.compile(f"[^{main}]"), re.compile(f"[^{main}]+"), only)


# The CV theme's main font while a CV is formatted (main_font()); None: the escaper's own, TeX Gyre Pagella.
_MAIN_FONT: ContextVar[MainFont | None] = ContextVar("tex_main_font", default=None)


@lru_cache(maxsize=16)
def _main_font_for(coverage: str) -> MainFont:
    return main_font_of(char_class(coverage))


def current_main_font() -> MainFont | None:
    return _MAIN_FONT.get()


@contextmanager
def main_font(coverage: str | None) -> Iterator[None]:
    """Escape for a main font with this coverage (code point ranges, as below; None: TeX Gyre Pagella)
    inside the block: characters outside it go to the fallback font `{\\cvfb ...}`."""
    token = _MAIN_FONT.set(_main_font_for(coverage) if coverage else None)
    try:
        yield
    finally:
        _MAIN_FONT.reset(token)


# Lato 2.0 (Debian fonts-lato 2.0-2.1)
LATO = """
20-7e a0-36f 374-375 37a-37e 384-38a 38c 38e-3a1 3a3-3ce 3d0-486 488-513 e3f 1d00-1dca 1dfe-1e9b
1e9e 1ea0-1ef9 1f00-1f15 1f18-1f1d 1f20-1f45 1f48-1f4d 1f50-1f57 1f59 1f5b 1f5d 1f5f-1f7d 1f80-1fb4
1fb6-1fc4 1fc6-1fd3 1fd6-1fdb 1fdd-1fef 1ff2-1ff4 1ff6-1ffe 2000-2010 2012-2022 2026 202f-2030
2032-2034 2039-203a 203c-203e 2044 205e-205f 2070-2071 2074-2094 20a0-20b5 20b8-20ba 20dd 2105 2113
2116-2117 2120 2122 2126 212e 2132 214d-214e 2153-215f 2183-2184 2190-2199 21a8 2202 2206 220f
2211-2212 2215 2219-221a 221e-221f 2229 222b 2248 2260-2261 2264-2265 2302 2310 2320-2321 2460-2473
24ea-24f4 24ff-2500 2502 250c 2510 2514 2518 25a1 25aa-25ab 25ca-25cc 25cf 25e6 2600 263c 2669
2776-277f 2c60-2c6c 2c74-2c77 2e17 a717-a71a a720-a721 f8ff fb00-fb04 fe20-fe23 feff
"""

# Charis SIL 6.101 (Debian fonts-sil-charis 6.101-1)
CHARIS_SIL = """
20-7e a0-148 14a-320 323-33f 346-36f 387 393-394 398 39e 3a0 3a8-3a9 3b1-3b4 3b8 3bb-3bc 3c0-3c1 3c3
3c6-3c7 3c9 3d1 3f4 400-45f 462-463 472-475 48a-52f 1ab0-1aba 1d00-1dbf 1dc2 1dc4-1dcd 1df5
1dfd-1eff 2000-2030 2032-203c 203f-2041 2044 2053 2057 2060-2063 206a-2071 2074-208e 2090-209c
20a0-20bf 20e5 20ec-20ef 210c 2113 2116-2117 211f 2122-2123 2126 212d 2135 214f-2189 2190-219b 21a8
21d0-21d5 2202-2206 220f 2211-2213 2219-221a 221e 2225-2226 222b 2234-2235 223c 2248 225f-2262
2264-2265 2282-2287 2308-230b 231c-231f 2329-232a 239b-23ad 2423 25ca 25cc 2640 2642 266d 266f 2713
274d 27e6-27e9 2c60-2c7f 2c88 2e00-2e0d 2e13-2e14 2e17 2e22-2e25 2e3a-2e3b a700-a799 a7a0-a7b9
a7c4-a7c6 a7f7-a7ff a92e ab30 ab53 ab5c ab5e ab64-ab65 f130-f135 f170-f176 f178-f17b f180-f182 f18b
f195-f1ce f1d0-f1ea f208-f26e f320-f32d fb00-fb04 fe00-fe0f fe20-fe23 feff fff9-fffd 10783 1078f
10791 10795 107a0 107a2-107a3 107b2 1088e 1d40c 1d504-1d505 1d50a 1d50e-1d510 1d513-1d514
1d516-1d517 1d519 1df00-1df1e
"""

COVERAGE = {"Lato": LATO, "Charis SIL": CHARIS_SIL}

# A font of the user's own that this machine cannot read (a .tex for Overleaf): what nearly every text font
# has (Basic Latin, Latin-1, Latin Extended-A, dashes, quotes, bullets, ellipsis); the rest goes to the fallback.
BASIC = "20-7e a0-17f 2013-2014 2018-201a 201c-201e 2020-2022 2026"
