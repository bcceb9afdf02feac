"""The CV as HTML (what WeasyPrint prints), its file names, its page limit and page fitting."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from cvgen.errors import BuildError
from cvgen.profile.source import Source, user_templates
from cvgen.render import html_environment, render
from cvgen.text.html import HtmlFormat
from cvgen.views.cv import cv_context
from cvgen.views.select import Selection
from cvgen.views.seo import base_url

STUB = 0.2  # a last page filled less than this (of its text area) is a stub
# cv.pdf_standard and the LaTeX route: TeX Live 2022 (Debian 12) tags only in a test phase (\DocumentMetadata
# with testphase=phase-II: paragraphs and links, 3-4x the compile time, dates and document ids that ignore
# SOURCE_DATE_EPOCH), so the LaTeX PDF carries what it does reliably: title, author, language, bookmarks.
LATEX_UNTAGGED = (
    "cv.pdf_standard applies to the WeasyPrint PDF; the LaTeX PDF is not tagged and not PDF/A (TeX Live 2022 "
    "cannot make either reliably), it has title, language and bookmarks"
)
SMALLEST_FONT = 9.0  # page fitting never sets the body smaller (points)
R = TypeVar("R")


def cv_basename(variant: str | None) -> str:
    """`cv`, or `cv-short` for the variant `short`."""
    return f"cv-{variant}" if variant else "cv"


def cv_html(source: Source, sel: Selection, spacing: float = 1.0) -> str:
    """The whole HTML CV (a pure function of the profile, the variant and the date); `spacing` below 1
    tightens the vertical space (page fitting)."""
    doc = cv_context(sel, HtmlFormat(printed=True, link_base=base_url(sel)), spacing=spacing)
    return render(html_environment(user_templates(source, sel.cv.templates)), "cv/cv.html.j2", doc=doc)


def check_pages(pages: int, max_pages: int | None, variant: str | None) -> None:
    """Fail a CV longer than its variant (or cv.max_pages) allows."""
    if max_pages is not None and pages > max_pages:
        who = f"variant '{variant}'" if variant else "cv.max_pages"
        raise BuildError(
            f"the CV has {pages} pages but {who} allows at most {max_pages}; "
            "select fewer entries (publications.selected_only, since, max) or raise max_pages. "
            "The previous PDF was kept."
        )


# ---------------------------------------------------------------- page fitting


@dataclass(frozen=True)
class Fit:
    """One way to set the CV: the vertical space (1 = as designed) and the body size in points."""

    spacing: float
    font_size: float

    def apply(self, sel: Selection) -> Selection:
        return dataclasses.replace(sel, cv=sel.cv.model_copy(update={"font_size": self.font_size}))


@dataclass(frozen=True)
class Printed:
    """What an engine made of one Fit: pages and how full the last one is."""

    pages: int
    last_page_fill: float


def fit_steps(font_size: float) -> list[Fit]:
    """As designed; then tighter spacing; then the font 0.5 pt smaller at a time, never under 9 pt."""
    steps = [Fit(1.0, font_size), Fit(0.8, font_size), Fit(0.6, font_size)]
    size = font_size - 0.5
    while size >= SMALLEST_FONT - 1e-9:
        steps.append(Fit(0.6, size))
        size -= 0.5
    return steps


def first_fit(sel: Selection) -> Fit:
    """The CV as designed: the first thing fitting tries, and all it does when fitting is off."""
    return fit_steps(sel.cv.font_size or 10.0)[0]


def fitting(sel: Selection) -> bool:
    """cv.fit, by default on when the CV has a page limit (cv.max_pages or a variant's max_pages)."""
    return sel.cv.fit if sel.cv.fit is not None else sel.cv.max_pages is not None


def _good(printed: Printed, max_pages: int | None) -> bool:
    within = max_pages is None or printed.pages <= max_pages
    return within and (printed.pages == 1 or printed.last_page_fill >= STUB)


def fit_pages(sel: Selection, attempt: Callable[[Fit], tuple[R, Printed]]) -> tuple[R, Printed, str | None]:
    """Print with `attempt` as designed and, when fitting is on and the result is over the page limit or
    ends on a stub page, with ever tighter settings until one is neither. Returns the result, its pages,
    and a note saying what was done (None when nothing was). Over the limit with every setting, the result
    as designed comes back, and check_pages fails with its real count."""
    steps = fit_steps(first_fit(sel).font_size)
    first = attempt(steps[0])
    if not fitting(sel) or _good(first[1], sel.cv.max_pages):
        return first[0], first[1], None
    within = None
    for step in steps[1:]:
        result, printed = attempt(step)
        if _good(printed, sel.cv.max_pages):
            return result, printed, _note(step, printed, steps[0])
        if within is None and sel.cv.max_pages is not None and printed.pages <= sel.cv.max_pages:
            within = (result, printed, step)
    over = sel.cv.max_pages is not None and first[1].pages > sel.cv.max_pages
    if over and within is not None:
        return within[0], within[1], _note(within[2], within[1], steps[0]) + "; its last page is short"
    return first[0], first[1], None


def _note(step: Fit, printed: Printed, designed: Fit) -> str:
    """`fitted to 2 pages: tighter spacing, 9.5 pt (designed: 10 pt)`."""
    pages = f"{printed.pages} page{'s' if printed.pages != 1 else ''}"
    size = f"{step.font_size:g} pt" + (
        f" (designed: {designed.font_size:g} pt)" if step.font_size != designed.font_size else ""
    )
    return f"fitted to {pages}: {'tighter spacing, ' if step.spacing < 1 else ''}{size}"
