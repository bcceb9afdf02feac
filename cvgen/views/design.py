"""The CV's design as the templates use it: the theme and every design setting, resolved against the
theme's defaults (profile/design.py), the same for both engines."""

from __future__ import annotations

from dataclasses import dataclass

from cvgen.profile.design import FONT_PACKAGES, Theme, margins_mm, theme_named
from cvgen.profile.model import CvSettings


@dataclass(frozen=True)
class Design:
    theme: str
    font: str  # the main font family
    serif: bool  # the fallback fonts: DejaVu Serif / Noto Serif CJK, or DejaVu Sans / Noto Sans CJK
    accent: str  # RRGGBB, without '#'
    margins: tuple[float, float, float, float]  # mm: top, right, bottom, left
    section_style: str  # rule-below | rule-after | plain
    date_column: str  # left | right
    own_font: bool  # the font is the user's (cv.font), not the theme's

    @property
    def fallback(self) -> str:
        return "DejaVu Serif" if self.serif else "DejaVu Sans"

    @property
    def cjk(self) -> str:
        """The CJK family without its region: `Noto Serif CJK` (+ SC, TC, JP, KR)."""
        return "Noto Serif CJK" if self.serif else "Noto Sans CJK"

    @property
    def package(self) -> str | None:
        """The Debian package that ships the main font, when cvgen knows it."""
        return FONT_PACKAGES.get(self.font.lower())

    @property
    def generic(self) -> str:
        return "serif" if self.serif else "sans-serif"


def theme_of(cv: CvSettings) -> Theme:
    return theme_named(cv.theme)


def design_of(cv: CvSettings) -> Design:
    theme = theme_of(cv)
    font = cv.font or theme.font
    return Design(
        theme=theme.name,
        font=font,
        serif=theme.serif,
        accent=(cv.accent_color or theme.accent).lstrip("#").upper(),
        margins=margins_mm(cv.margins) if cv.margins else theme.margins,
        section_style=cv.section_style or theme.section_style,
        date_column=cv.date_column or theme.date_column,
        own_font=cv.font is not None and cv.font.lower() != theme.font.lower(),
    )
