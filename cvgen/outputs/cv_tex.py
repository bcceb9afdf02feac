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
from cvgen.text import i18n
from cvgen.text.tex import Tex, TexFormat, cjk_font_command, escape_tex
from cvgen.text.tex_fonts import BASIC, COVERAGE, main_font
from cvgen.views.cv import CvDoc, cv_context
from cvgen.views.design import design_of
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
    with main_font(main_font_coverage(design_of(sel.cv).font)):
        return _cv_tex(source, sel, spacing)


def main_font_coverage(family: str) -> str | None:
    """What the escaper must know of the main font: None for TeX Gyre Pagella (its own table), the stored
    table of a built-in theme's font, or the installed font's own (common Latin when it cannot be read)."""
    if family == "TeX Gyre Pagella":
        return None
    from cvgen.engines.fonts import coverage

    return COVERAGE.get(family) or coverage(family) or BASIC


def _cv_tex(source: Source, sel: Selection, spacing: float) -> str:
    doc = cv_context(sel, TexFormat(printed=True, link_base=base_url(sel)), spacing=spacing)
    user_dir = user_templates(source, sel.cv.templates)
    engine = sel.cv.latex_engine or "xelatex"
    fonts = used_fonts(doc)
    cjk_lang, cjk_family = cjk_language(doc.lang)
    if cjk_lang:
        fonts.add("cvcjk")  # the template's own words (page numbers) are in the CJK font too
    digest = hashlib.sha256(repr((doc, engine, sel.variant, sel.cv.raw_tex_preamble)).encode("utf-8")).hexdigest()
    return render(
        tex_environment(user_dir),
        TEMPLATE,
        doc=doc,
        fonts=fonts,
        cjk_lang=cjk_lang,
        when_most=9 if i18n.is_english(doc.lang) else 11,  # em; dates in other languages run longer
        cjk_family=cjk_family,
        whens=_whens(doc),
        numbers=_numbers(doc),
        sizes=_sizes(doc.font_size, doc.design.theme, doc.spacing),
        paper="letter" if doc.paper == "letter" else "a4",
        engine=engine,
        pdf_id=Tex(f"[<{digest[:32]}> <{digest[:32]}>]"),
        raw_preamble=Tex(sel.cv.raw_tex_preamble) if sel.cv.raw_tex_preamble else None,
    )


_LAST_PAGE_RX = re.compile(r"^cvgen-last-page: ([\d.]+)pt end, ([\d.]+)pt top, height ([\d.]+)pt", re.M)


def last_page_fill(log: str) -> float:
    """How much of the last page's text height the CV uses, from the line the template writes to the log
    when it ships the last page out: where the text ends and where the text area starts, measured up from
    the paper's foot, and the text area's height (1.0 when a template of the user's own writes none)."""
    found = _LAST_PAGE_RX.findall(log)
    if not found:
        return 1.0
    end, top, height = (float(x) for x in found[-1])
    return (top - end) / height if height else 1.0


def cjk_language(tag: str) -> tuple[str | None, str]:
    """(the language for CJK line breaking, or None for a CV in another language; the Noto CJK family whose
    glyph forms CJK text takes: SC, TC, JP or KR)."""
    cmd = cjk_font_command(tag)
    family = {r"\cjkfonttc": "TC", r"\cjkfontjp": "JP", r"\cjkfontkr": "KR"}.get(cmd or "", "SC")
    return (tag.split("-")[0].lower() if cmd else None), family


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


# Each theme's sizes, relative to the body size like the HTML CV's em (templates/html/cv/themes/*/theme.css
# sets the same), and its body leading: `base + per_space * spacing`.
SCALES = {
    "classic": {"name": 2.1, "native": 1.68, "headline": 1.05, "contact": 0.92, "label": 0.92, "section": 1.15},
    "modern": {"name": 2.6, "native": 1.9, "headline": 1.1, "contact": 0.9, "label": 0.7, "section": 1.3},
    "compact": {"name": 1.9, "native": 1.5, "headline": 0.95, "contact": 0.88, "label": 0.88, "section": 1.08},
}
LEADING = {"classic": (1.2, 0.1), "modern": (1.22, 0.1), "compact": (1.13, 0.07)}


def _sizes(base: float, theme: str = "classic", spacing: float = 1.0) -> dict[str, Tex]:
    """Font sizes as `{size}{baselineskip}` pairs, relative to the body size like the HTML CV's em."""
    first, per_space = LEADING.get(theme, LEADING["classic"])
    body_leading = first + per_space * spacing

    def pair(scale: float, leading: float = body_leading) -> Tex:
        size = base * scale
        return Tex(f"{{{size:.2f}pt}}{{{size * leading:.2f}pt}}")

    scales = SCALES.get(theme, SCALES["classic"])
    big = {"name", "native"}
    return {
        "body": pair(1.0),
        **{key: pair(scale, 1.2) if key in big else pair(scale) for key, scale in scales.items()},
        "line": pair(0.95),
        "legend": pair(0.85),
        "small": pair(0.8),
    }
