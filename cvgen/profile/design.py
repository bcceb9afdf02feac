"""The CV's design: the built-in themes and the settings that adjust them (`cv.theme`, `cv.accent_color`,
`cv.font`, `cv.margins`, `cv.section_style`, `cv.date_column`).

A theme is a layout in both engines (templates/html/cv/themes/NAME/, templates/latex/themes/NAME/) and the
defaults below; every setting left unset takes the theme's default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

ThemeName = Literal["classic", "modern", "compact"]
SectionStyle = Literal["rule-below", "rule-after", "plain"]
DateColumn = Literal["left", "right"]


@dataclass(frozen=True)
class Theme:
    name: str
    about: str  # one sentence, for `cvgen themes`
    font: str  # the main font family, the same in both engines
    serif: bool  # serif: fallback fonts DejaVu Serif and Noto Serif CJK; sans: DejaVu Sans, Noto Sans CJK
    accent: str  # #RRGGBB
    margins: tuple[float, float, float, float]  # mm: top, right, bottom, left
    font_size: float  # body size in points
    section_style: SectionStyle
    date_column: DateColumn


THEMES: dict[str, Theme] = {
    t.name: t
    for t in (
        Theme(
            "classic",
            "The default: a sober serif CV for faculty applications, with a centred name, small-capital section titles over a rule, "
            "dates in a column on the left.",
            "TeX Gyre Pagella",
            True,
            "#1c3d6e",
            (22, 20, 20, 20),
            10.0,
            "rule-below",
            "left",
        ),
        Theme(
            "modern",
            "A sans-serif CV in the spirit of Awesome-CV: a large name, labelled contact details, section titles "
            "in the accent colour with a rule after them, dates on the right.",
            "Lato",
            False,
            "#1f63a8",
            (18, 18, 18, 18),
            10.0,
            "rule-after",
            "right",
        ),
        Theme(
            "compact",
            "A dense CV for page limits in the spirit of moderncv's banking style: name and contact details side "
            "by side, narrow margins, tight spacing, dates on the right.",
            "Charis SIL",
            True,
            "#8b1e3f",
            (14, 15, 15, 15),
            9.5,
            "rule-below",
            "right",
        ),
    )
}
DEFAULT_THEME = "classic"


def theme_named(name: str | None) -> Theme:
    """The theme `cv.theme` names; the default when it names none."""
    return THEMES[name or DEFAULT_THEME]


# Debian packages of font families a CV may name in cv.font, for the "not installed" error.
FONT_PACKAGES = {
    "tex gyre pagella": "fonts-texgyre",
    "tex gyre termes": "fonts-texgyre",
    "tex gyre heros": "fonts-texgyre",
    "tex gyre bonum": "fonts-texgyre",
    "tex gyre schola": "fonts-texgyre",
    "tex gyre adventor": "fonts-texgyre",
    "lato": "fonts-lato",
    "charis sil": "fonts-sil-charis",
    "roboto": "fonts-roboto-unhinted",
    "inter": "fonts-inter",
    "open sans": "fonts-open-sans",
    "eb garamond": "fonts-ebgaramond",
    "linux libertine o": "fonts-linuxlibertine",
    "linux biolinum o": "fonts-linuxlibertine",
    "gentium plus": "fonts-sil-gentiumplus",
    "noto serif": "fonts-noto-core",
    "noto sans": "fonts-noto-core",
    "dejavu serif": "fonts-dejavu-core",
    "dejavu sans": "fonts-dejavu-core",
    "liberation serif": "fonts-liberation2",
    "liberation sans": "fonts-liberation2",
    "carlito": "fonts-crosextra-carlito",
    "caladea": "fonts-crosextra-caladea",
    "cantarell": "fonts-cantarell",
}

# ---------------------------------------------------------------- setting types

_COLOR_RX = re.compile(r"^#[0-9A-Fa-f]{6}$")
# A family name goes into CSS and into TeX as it is: letters, digits, spaces and hyphens only.
_FAMILY_RX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]{0,62}[A-Za-z0-9]$")
_LENGTH_RX = re.compile(r"^(\d+(?:\.\d+)?)(mm|cm|in|pt)$")
_MM = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}
MARGIN_RANGE = (5.0, 60.0)  # mm


def _color(value: str) -> str:
    if not _COLOR_RX.match(value):
        raise PydanticCustomError(
            "color", "'{v}' is not a colour like \"#1f4e79\" (# and six hex digits)", {"v": value}
        )
    return value.lower()


def _family(value: str) -> str:
    value = " ".join(value.split())
    if not _FAMILY_RX.match(value):
        raise PydanticCustomError(
            "font", "'{v}' is not a font family name (letters, digits, spaces and hyphens, like 'Lato')", {"v": value}
        )
    return value


def _margin_number(value: object) -> object:
    """A bare number is millimetres: `margins: 18` = `18mm`."""
    return f"{value:g}mm" if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def margins_mm(value: str) -> tuple[float, float, float, float]:
    """`20mm`, `22mm 20mm` (top and bottom, left and right), `22mm 20mm 18mm` or four lengths (top, right,
    bottom, left), as in CSS; units mm, cm, in, pt."""
    parts = value.split()
    sizes = []
    for part in parts:
        m = _LENGTH_RX.match(part)
        if not m:
            raise PydanticCustomError("margins", "'{v}' is not a length like 20mm, 2cm, 0.75in or 54pt", {"v": part})
        sizes.append(round(float(m.group(1)) * _MM[m.group(2)], 2))
    if not 1 <= len(sizes) <= 4:
        raise PydanticCustomError("margins", "give one to four lengths, as in CSS (top right bottom left)", {})
    low, high = MARGIN_RANGE
    if any(not low <= s <= high for s in sizes):
        raise PydanticCustomError("margins", "each margin must be between 5mm and 60mm", {})
    return _css(sizes)


def _css(s: list[float]) -> tuple[float, float, float, float]:
    if len(s) == 1:
        return s[0], s[0], s[0], s[0]
    if len(s) == 2:
        return s[0], s[1], s[0], s[1]
    if len(s) == 3:
        return s[0], s[1], s[2], s[1]
    return s[0], s[1], s[2], s[3]


def _margins(value: str) -> str:
    margins_mm(value)
    return " ".join(value.split())


# Each with the JSON Schema an editor checks as you type (`cvgen schema`).
AccentColor = Annotated[str, AfterValidator(_color), WithJsonSchema({"type": "string", "pattern": _COLOR_RX.pattern})]
FontFamily = Annotated[str, AfterValidator(_family), WithJsonSchema({"type": "string", "pattern": _FAMILY_RX.pattern})]
_LENGTHS = r"^\s*\d+(\.\d+)?(mm|cm|in|pt)(\s+\d+(\.\d+)?(mm|cm|in|pt)){0,3}\s*$"
Margins = Annotated[
    str,
    BeforeValidator(_margin_number),
    AfterValidator(_margins),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": _LENGTHS}, {"type": "number"}]}),
]
