"""Font families on this machine, asked of fontconfig (`fc-list`, `fc-match`), which both engines use:
WeasyPrint through Pango, XeLaTeX and LuaLaTeX through fontspec.

A CV's font that is not installed would silently become another font in WeasyPrint and stop XeLaTeX with a
TeX error, so the build checks it first and names the Debian package to install.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
from functools import lru_cache

from cvgen.errors import Problem, ProfileError
from cvgen.profile.design import FONT_PACKAGES
from cvgen.profile.load import dotted
from cvgen.profile.source import Source


@lru_cache(maxsize=1)
def installed_families() -> dict[str, str]:
    """Every installed family, by its name in lower case -> as fontconfig spells it. Empty without fc-list."""
    if shutil.which("fc-list") is None:
        return {}
    out = subprocess.run(["fc-list", "--format", "%{family}\\n"], capture_output=True, text=True, check=False)
    found: dict[str, str] = {}
    for line in out.stdout.splitlines():
        for name in line.split(","):  # "Lato,Lato Light": a face answers to several family names
            name = name.strip()
            if name:
                found.setdefault(name.lower(), name)
    return found


def missing_font(family: str) -> str | None:
    """None when `family` is installed (or fontconfig cannot be asked); else what to do about it."""
    families = installed_families()
    if not families or family.lower() in families:
        return None
    package = FONT_PACKAGES.get(family.lower())
    if package:
        return f"the font '{family}' is not installed; install it: apt-get install {package}"
    close = difflib.get_close_matches(family.lower(), list(families), n=1, cutoff=0.75)
    hint = f"; did you mean '{families[close[0]]}'?" if close else ""
    return (
        f"no installed font family is called '{family}'{hint} (`fc-list : family` lists them; Debian ships "
        "fonts as packages named fonts-*: `apt-cache search fonts-`)"
    )


@lru_cache(maxsize=8)
def coverage(family: str) -> str | None:
    """The code points the regular face of an installed `family` has, as ranges (`20-7e a0-17f ...`), or
    None when it cannot be read."""
    if shutil.which("fc-match") is None or family.lower() not in installed_families():
        return None
    out = subprocess.run(
        ["fc-match", "--format", "%{file}", f"{family}:style=Regular"], capture_output=True, text=True, check=False
    )
    path = out.stdout.strip()
    if not path:
        return None
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(path, fontNumber=0, lazy=True)
        points = sorted(c for c in font.getBestCmap() or {} if c >= 0x20)
    except (OSError, TTLibError, KeyError, AssertionError):
        return None
    if not points:
        return None
    ranges: list[str] = []
    start = prev = points[0]
    for c in [*points[1:], -1]:
        if c == prev + 1:
            prev = c
            continue
        ranges.append(f"{start:x}" if start == prev else f"{start:x}-{prev:x}")
        start = prev = c
    return " ".join(ranges)


def check_font(source: Source, variant: str | None, engine: str) -> str | None:
    """Stop a build that would print with a font this machine does not have, before anything is written:
    a font the profile names (`cv.font`, or the variant's) in either engine, a theme's own font in LaTeX
    (which cannot set the CV without it). WeasyPrint without a theme's own font prints with a fallback
    font: the note returned says so and what to install."""
    from cvgen.views.design import design_of
    from cvgen.views.select import cv_setting_path, select

    sel = select(source.profile, source.publications, "cv", variant)
    design = design_of(sel.cv)
    if engine == "latex" and design.font == "TeX Gyre Pagella":
        return None  # the LaTeX route loads Pagella from the TeX tree by file name
    problem = missing_font(design.font)
    if problem is None:
        return None
    if not sel.cv.font:
        problem = f"the {design.theme} theme's font: {problem}"
        if engine == "weasyprint":
            return f"{problem}; the PDF uses a fallback font instead"
        problem += "; or set cv.font to an installed family"
    where = cv_setting_path(source.profile, variant, "font" if sel.cv.font else "theme")
    line, col = source.loaded.where(where)
    raise ProfileError([Problem(str(source.loaded.file), line, col, dotted(where), problem)])
