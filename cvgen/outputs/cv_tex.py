"""The LaTeX route: selection -> context (TexFormat) -> cv.tex -> latexmk -> cv.pdf.

Called by the build for `--tex` (the source only; no TeX needed) and for
`--engine latex --pdf`. The CV content comes from the same `CvDoc` as the
HTML CV, so both hold the same sections, entries, marks and links; only the
layout lives in templates/latex/cv.tex.j2.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path
from typing import Any

from cvgen.build import BuildOptions, BuildReport, Source, check_pages, cv_basename, user_templates
from cvgen.clock import build_epoch
from cvgen.engines.latexmk import TexResult, compile_tex, describe_char
from cvgen.errors import BuildError
from cvgen.profile.load import dotted
from cvgen.render import render, tex_environment
from cvgen.text.tex import Tex, TexFormat, escape_tex
from cvgen.views import cv as ctx
from cvgen.views.select import Selection, select
from cvgen.write import OutputDir

TEMPLATE = "cv.tex.j2"
# Where the template's fonts come from on Debian, for "font cannot be found" errors.
FONT_PACKAGES = {"dejavu": "fonts-dejavu-core", "noto serif cjk": "fonts-noto-cjk", "texgyre": "fonts-texgyre"}
# Font switches the template declares only when the document uses them, so a
# CV in Latin script neither needs nor loads the fallback and CJK fonts.
FONT_COMMANDS = ("cvfb", "cvcjk", "cjkfont", "cjkfonttc", "cjkfontjp", "cjkfontkr")
_FONT_RX = re.compile(r"\\(" + "|".join(FONT_COMMANDS) + r")(?![A-Za-z])")


def build_latex(source: Source, options: BuildOptions, out: OutputDir, report: BuildReport, pdf: bool) -> None:
    base = cv_basename(options.variant)
    sel = select(source.profile, source.publications, "cv", options.variant)
    with report.timed("render"):
        tex = render_cv_tex(source, sel)
    if sel.cv.raw_tex_preamble:
        report.notes.append("cv.raw_tex_preamble is copied into the .tex unescaped (UNSAFE unless you wrote it)")
    with report.timed("write"):
        tex_path = out.write(f"{base}.tex", tex)
        report.outputs.append(tex_path)
    if not pdf:
        return
    engine = sel.cv.latex_engine or "xelatex"
    with report.timed("compile"):
        result = compile_tex(tex, engine=engine, epoch=build_epoch(source.loaded.file))
    with report.timed("write"):
        log_path = out.write(f"{base}.log", result.log)
    if not result.ok:
        raise BuildError(failure_message(result, tex, source, str(tex_path), log_path, engine))
    assert result.pdf is not None
    pages = result.pages or 0
    check_pages(pages, sel.cv.max_pages, options.variant)
    report.pages = pages
    with report.timed("write"):
        report.outputs.append(out.write(f"{base}.pdf", result.pdf))


def render_cv_tex(source: Source, sel: Selection) -> str:
    """The whole .tex source of the CV (a pure function of the profile, the variant and the date)."""
    doc = ctx.cv_context(sel, TexFormat())
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
        sizes=_sizes(doc.font_size),
        paper="letter" if doc.paper == "letter" else "a4",
        engine=engine,
        pdf_id=Tex(f"[<{digest[:32]}> <{digest[:32]}>]"),
        raw_preamble=Tex(sel.cv.raw_tex_preamble) if sel.cv.raw_tex_preamble else None,
    )


def used_fonts(doc: ctx.CvDoc) -> set[str]:
    """Which of the optional font switches the document's text uses."""
    found: set[str] = set()
    for value in _strings(doc):
        text = value if isinstance(value, Tex) else escape_tex(value)
        found.update(_FONT_RX.findall(text))
    return found


def _strings(value: Any):
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


def _whens(doc: ctx.CvDoc) -> list[str]:
    """Distinct dates of the non-publication rows: the template sizes the date column to fit them."""
    seen: dict[str, None] = {}
    for section in doc.sections:
        if section.id != "publications":
            for group in section.groups:
                for row in group.rows:
                    if row.when:
                        seen.setdefault(row.when, None)
    return list(seen)


def _numbers(doc: ctx.CvDoc) -> list[str]:
    """The widest publication labels ([12]): the template sizes the number column to fit them."""
    labels = {row.when for s in doc.sections if s.id == "publications" for g in s.groups for row in g.rows if row.when}
    widest = max((len(x) for x in labels), default=0)
    return sorted(x for x in labels if len(x) == widest)


def _sizes(base: float) -> dict[str, Tex]:
    """Font sizes as `{size}{baselineskip}` pairs, relative to the body size like the HTML CV's em."""

    def pair(scale: float, leading: float = 1.3) -> Tex:
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



# ------------------------------------------------------------ errors
def failure_message(result: TexResult, tex: str, source: Source, tex_name: str, log_path: Path, engine: str) -> str:
    """One paragraph: what failed, where in the .tex, which profile field, where the log is."""
    log_hint = f"The full log is {log_path}; the previous PDF was kept."
    if result.missing:
        chars = result.missing
        names = ", ".join(describe_char(c) for c in chars[:8]) + (" and more" if len(chars) > 8 else "")
        fields = [w for c in chars[:8] for w in fields_containing(source, c)[:3]]
        where = f" It appears in {'; '.join(dict.fromkeys(fields))}." if fields else ""
        return (
            f"no installed font has a glyph for {names}, so {engine} would drop "
            f"{'it' if len(chars) == 1 else 'them'} from the PDF.{where} Replace or remove "
            f"{'that character' if len(chars) == 1 else 'those characters'}, or build with the default engine. "
            + log_hint
        )
    if not result.errors:
        return f"{engine} failed without an error message in its log. " + log_hint
    err = result.errors[0]
    message = err.message.rstrip(".")
    if "font" in message.lower() and ("cannot be found" in message or "not found" in message):
        package = next((pkg for name, pkg in FONT_PACKAGES.items() if name in message.lower()), None)
        message += f" (install it: apt-get install {package})" if package else ""
    parts = [f"{engine} failed: {message}"]
    if err.line:
        lines = tex.splitlines()
        number = min(err.line, len(lines))
        while number > 1 and not lines[number - 1].strip():
            number -= 1  # TeX reports the line it read ahead to; show the statement before it
        text = lines[number - 1].strip() if number >= 1 else ""
        parts.append(f"at {tex_name}:{number}" + (f": {_clip(text)}" if text else ""))
        fields = fields_in_line(source, text)
        if fields:
            parts.append(f"from {fields[0]}")
        elif source.profile.cv.raw_tex_preamble and "raw_tex_preamble" in _near(tex, err.line):
            parts.append("from cv.raw_tex_preamble")
        elif source.profile.cv.raw_tex_preamble and text == "\\begin{document}":
            parts.append("probably from code cv.raw_tex_preamble runs at \\begin{document}")
    context = " / ".join(c.strip() for c in err.context if c.strip())
    if context:
        parts.append(f"TeX was reading: {_clip(context, 160)}")
    return "; ".join(parts) + ". " + log_hint


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _near(tex: str, line: int) -> str:
    """The .tex lines around `line` (the template marks the raw preamble with comments)."""
    lines = tex.splitlines()
    start = max(0, line - 200)
    block = lines[start:line]
    return "\n".join(block[max((i for i, t in enumerate(block) if "end raw_tex_preamble" in t), default=-1) + 1 :])


def _leaves(data: Any, path: tuple = ()):
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _leaves(v, (*path, i))


def _located(source: Source, path: tuple) -> str:
    line, col = source.loaded.where(path)
    where = str(source.loaded.file) + (f":{line}" if line else "") + (f":{col}" if line and col else "")
    return f"{dotted(path)} ({where})"


def fields_containing(source: Source, ch: str) -> list[str]:
    found = [_located(source, path) for path, value in _leaves(source.loaded.data) if ch in value]
    if not found:  # publications read from a BibTeX file have no place in the YAML
        for pub in source.publications:
            fields = [
                name for name in ("title", "venue", "venue_full", "note", "extra") if ch in (getattr(pub, name) or "")
            ]
            fields += ["authors"] if any(ch in a for a in pub.authors) else []
            found += [f"the {f} of the publication {pub.key or _clip(pub.title, 60)!r}" for f in fields]
    return found


def fields_in_line(source: Source, tex_line: str) -> list[str]:
    """Profile fields whose escaped text occurs in a .tex line, longest match first."""
    if not tex_line:
        return []
    hits = []
    for path, value in _leaves(source.loaded.data):
        value = value.strip()
        if len(value) < 4:
            continue
        escaped = escape_tex(value)
        if escaped in tex_line or value in tex_line:
            hits.append((len(value), path))
    hits.sort(key=lambda h: -h[0])
    return [_located(source, path) for _, path in hits]
