"""The CV as HTML (what WeasyPrint prints), its file names and its page limit."""

from __future__ import annotations

from cvgen.errors import BuildError
from cvgen.profile.source import Source, user_templates
from cvgen.render import html_environment, render
from cvgen.text.html import HtmlFormat
from cvgen.views.cv import cv_context
from cvgen.views.select import Selection


def cv_basename(variant: str | None) -> str:
    """`cv`, or `cv-short` for the variant `short`."""
    return f"cv-{variant}" if variant else "cv"


def cv_html(source: Source, sel: Selection) -> str:
    """The whole HTML CV (a pure function of the profile, the variant and the date)."""
    doc = cv_context(sel, HtmlFormat())
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
