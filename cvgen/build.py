"""The build: the one place that sequences the stages.

    load -> validate -> (bibtex) -> select -> context -> render -> compile -> write

Each output is produced fully in memory (or in a temporary folder for TeX)
and only then written atomically, so a failed build leaves the previous
outputs untouched.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cvgen.errors import BuildError
from cvgen.profile.load import load_file
from cvgen.profile.source import Source, read_source, user_templates
from cvgen.render import html_environment, render, templates_root
from cvgen.text.html import HtmlFormat
from cvgen.views import cv as ctx
from cvgen.views.select import select
from cvgen.write import OutputDir

Engine = Literal["weasyprint", "latex"]


@dataclass
class BuildOptions:
    pdf: bool = False
    tex: bool = False
    html: bool = False
    homepage: bool = False
    bib: bool = False
    json_resume: bool = False
    engine: Engine | None = None
    variant: str | None = None
    outdir: Path = Path("out")

    def nothing_asked(self) -> bool:
        return not (self.pdf or self.tex or self.html or self.homepage or self.bib or self.json_resume)


@dataclass
class BuildReport:
    outputs: list[Path] = field(default_factory=list)
    pages: int | None = None
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start


def read_profile(path: Path, report: BuildReport | None = None) -> Source:
    report = report or BuildReport()
    with report.timed("load"):
        loaded = load_file(path)
    with report.timed("validate"):
        return read_source(loaded)


def cv_basename(variant: str | None) -> str:
    return f"cv-{variant}" if variant else "cv"


def render_cv_html(source: Source, variant: str | None) -> tuple[str, int | None]:
    sel = select(source.profile, source.publications, "cv", variant)
    doc = ctx.cv_context(sel, HtmlFormat())
    user_dir = user_templates(source, sel.cv.templates)
    html = render(html_environment(user_dir), "cv/cv.html.j2", doc=doc)
    return html, sel.cv.max_pages


def build(profile_path: Path, options: BuildOptions) -> BuildReport:
    report = BuildReport()
    source = read_profile(profile_path, report)
    if options.nothing_asked():
        options.pdf = options.tex = options.homepage = True
    if options.homepage:
        options.pdf = True  # the homepage links the cv.pdf built in the same run
    engine = options.engine or source.profile.cv.engine or "weasyprint"
    out = OutputDir(options.outdir)
    out.prepare()
    with out.lock():  # two builds into one folder take turns; stale temporary files go
        _build_outputs(source, options, engine, out, report)
    return report


def _build_outputs(source: Source, options: BuildOptions, engine: str, out: OutputDir, report: BuildReport) -> None:
    base = cv_basename(options.variant)

    if options.html or (options.pdf and engine == "weasyprint"):
        with report.timed("render"):
            html, max_pages = render_cv_html(source, options.variant)
        if options.html:
            with report.timed("write"):
                report.outputs.append(out.write(f"{base}.html", html))
        if options.pdf and engine == "weasyprint":
            from cvgen.engines.weasyprint import html_to_pdf

            with report.timed("compile"):
                result = html_to_pdf(html, source.folder, [source.folder, templates_root()])
            check_pages(result.pages, max_pages, options.variant)
            report.pages = result.pages
            with report.timed("write"):
                report.outputs.append(out.write(f"{base}.pdf", result.data))

    if options.tex or (options.pdf and engine == "latex"):
        from cvgen.outputs.cv_tex import build_latex

        build_latex(source, options, out, report, pdf=options.pdf and engine == "latex")

    if options.homepage:
        from cvgen.outputs.homepage import build_homepage

        build_homepage(source, options, out, report)

    if options.bib or options.json_resume:
        from cvgen.outputs.exports import export

        export(source, options, out, report)


def check_pages(pages: int, max_pages: int | None, variant: str | None) -> None:
    if max_pages is not None and pages > max_pages:
        who = f"variant '{variant}'" if variant else "cv.max_pages"
        raise BuildError(
            f"the CV has {pages} pages but {who} allows at most {max_pages}; "
            "select fewer entries (publications.selected_only, since, max) or raise max_pages. "
            "The previous PDF was kept."
        )
