"""The CV as LaTeX source: the same view as the HTML CV, laid out by templates/latex/cv.tex.j2.

Needs no TeX (`--tex` works anywhere, e.g. for Overleaf); the engines stage
compiles it. Optional fonts are declared only when the text uses them, so a
CV in Latin script neither needs nor loads the fallback and CJK fonts.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterator
from typing import Any

from cvgen.profile.source import Source, user_templates
from cvgen.render import render, tex_environment
from cvgen.text.tex import Tex, TexFormat, escape_tex
from cvgen.views.cv import CvDoc, cv_context
from cvgen.views.select import Selection
from cvgen.views.seo import base_url

TEMPLATE = "cv.tex.j2"
# Font switches the template declares only when the document uses them, so a
# CV in Latin script neither needs nor loads the fallback and CJK fonts.
FONT_COMMANDS = ("cvfb", "cvcjk", "cjkfont", "cjkfonttc", "cjkfontjp", "cjkfontkr")
_FONT_RX = re.compile(r"\\(" + "|".join(FONT_COMMANDS) + r")(?![A-Za-z])")


def cv_tex(source: Source, sel: Selection, spacing: float = 1.0) -> str:
    """The whole .tex source of the CV (a pure function of the profile, the variant and the date);
    `spacing` below 1 tightens the vertical space (page fitting)."""
    doc = cv_context(sel, TexFormat(printed=True, link_base=base_url(sel)), spacing=spacing)
    user_dir = user_templates(source, sel.cv.templates)
    engine = sel.cv.latex_engine or "xelatex"
    fonts = used_fonts(doc)
    digest = hashlib.sha256(repr((doc, engine, sel.variant, sel.cv.raw_tex_preamble)).encode("utf-8")).hexdigest()
    return render(
        tex_environment(user_dir),
        TEMPLATE,
        doc=doc,
        fonts=fonts,
        whens=_whens(doc),
        numbers=_numbers(doc),
        sizes=_sizes(doc.font_size, 1.2 + 0.1 * doc.spacing),
        paper="letter" if doc.paper == "letter" else "a4",
        engine=engine,
        pdf_id=Tex(f"[<{digest[:32]}> <{digest[:32]}>]"),
        raw_preamble=Tex(sel.cv.raw_tex_preamble) if sel.cv.raw_tex_preamble else None,
    )


_LAST_PAGE_RX = re.compile(r"^cvgen-last-page: ([\d.]+)pt of ([\d.]+)pt", re.M)


def last_page_fill(log: str) -> float:
    """How much of the last page's text height the CV uses, from the line the template writes to the log
    (1.0 when a template of the user's own writes none)."""
    found = _LAST_PAGE_RX.findall(log)
    if not found:
        return 1.0
    used, height = (float(x) for x in found[-1])
    return used / height if height else 1.0


def used_fonts(doc: CvDoc) -> set[str]:
    """Which of the optional font switches the document's text uses."""
    found: set[str] = set()
    for value in _strings(doc):
        text = value if isinstance(value, Tex) else escape_tex(value)
        found.update(_FONT_RX.findall(text))
    return found


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def _whens(doc: CvDoc) -> list[str]:
    """Distinct dates of the non-publication rows: the template sizes the date column to fit them."""
    seen: dict[str, None] = {}
    for section in doc.sections:
        if section.id != "publications":
            for group in section.groups:
                for row in group.rows:
                    if row.when:
                        seen.setdefault(row.when, None)
    return list(seen)


def _numbers(doc: CvDoc) -> list[str]:
    """The widest publication labels ([12]): the template sizes the number column to fit them."""
    labels = {row.when for s in doc.sections if s.id == "publications" for g in s.groups for row in g.rows if row.when}
    widest = max((len(x) for x in labels), default=0)
    return sorted(x for x in labels if len(x) == widest)


def _sizes(base: float, body_leading: float = 1.3) -> dict[str, Tex]:
    """Font sizes as `{size}{baselineskip}` pairs, relative to the body size like the HTML CV's em."""

    def pair(scale: float, leading: float = body_leading) -> Tex:
        size = base * scale
        return Tex(f"{{{size:.2f}pt}}{{{size * leading:.2f}pt}}")

    return {
        "body": pair(1.0),
        "name": pair(2.1, 1.2),
        "native": pair(1.68, 1.2),
        "headline": pair(1.05),
        "contact": pair(0.92),
        "section": pair(1.15),
        "line": pair(0.95),
        "legend": pair(0.85),
        "small": pair(0.8),
    }
