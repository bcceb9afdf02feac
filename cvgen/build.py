"""The build: the one place that sequences the stages.

    profile (load, validate, includes) -> select -> views -> render (outputs)
        -> engines (WeasyPrint, latexmk) -> write

`plan_build` decides from the flags and the profile what this run makes;
each `_make_*` step runs the stages for one output. Every output is produced
fully in memory (or in a temporary folder for TeX) and only then written
atomically, so a failed build leaves the previous outputs untouched.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cvgen.clock import build_date, build_epoch
from cvgen.errors import BuildError
from cvgen.outputs.cv import check_pages, cv_basename, cv_html
from cvgen.profile.load import load_file
from cvgen.profile.model import Publication
from cvgen.profile.source import Source, read_source
from cvgen.render import templates_root
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


@dataclass(frozen=True)
class BuildPlan:
    """What one run makes. The homepage links the CV PDF only because the plan makes it too."""

    variant: str | None
    engine: Engine
    html: bool
    pdf: bool
    tex: bool
    homepage: bool
    bib: bool
    json_resume: bool

    @property
    def basename(self) -> str:
        return cv_basename(self.variant)

    @property
    def cv_pdf(self) -> str | None:
        return f"{self.basename}.pdf" if self.pdf else None


def plan_build(options: BuildOptions, source: Source) -> BuildPlan:
    """No output flag means PDF, .tex and homepage; a homepage always comes with its CV PDF."""
    everything = options.nothing_asked()
    homepage = options.homepage or everything
    return BuildPlan(
        variant=options.variant,
        engine=options.engine or source.profile.cv.engine or "weasyprint",
        html=options.html,
        pdf=options.pdf or everything or homepage,
        tex=options.tex or everything,
        homepage=homepage,
        bib=options.bib,
        json_resume=options.json_resume,
    )


def read_profile(path: Path, report: BuildReport | None = None) -> Source:
    report = report or BuildReport()
    with report.timed("load"):
        loaded = load_file(path)
    with report.timed("validate"):
        return read_source(loaded)


def build(profile_path: Path, options: BuildOptions) -> BuildReport:
    report = BuildReport()
    source = read_profile(profile_path, report)
    plan = plan_build(options, source)
    out = OutputDir(options.outdir)
    out.prepare()
    with out.lock():  # two builds into one folder take turns; stale temporary files go
        if plan.html or (plan.pdf and plan.engine == "weasyprint"):
            _make_html_cv(source, plan, out, report)
        if plan.tex or (plan.pdf and plan.engine == "latex"):
            _make_latex_cv(source, plan, out, report)
        if plan.homepage:
            _make_homepage(source, plan, out, report)
        if plan.bib or plan.json_resume:
            _make_exports(source, plan, out, report)
    return report


def _write(out: OutputDir, report: BuildReport, name: str, data: bytes | str) -> Path:
    with report.timed("write"):
        path = out.write(name, data)
    report.outputs.append(path)
    return path


def _make_html_cv(source: Source, plan: BuildPlan, out: OutputDir, report: BuildReport) -> None:
    sel = select(source.profile, source.publications, "cv", plan.variant)
    with report.timed("render"):
        html = cv_html(source, sel)
    if plan.html:
        _write(out, report, f"{plan.basename}.html", html)
    if plan.pdf and plan.engine == "weasyprint":
        from cvgen.engines.weasyprint import html_to_pdf  # WeasyPrint's import costs 0.5 s: only when printing

        with report.timed("compile"):
            result = html_to_pdf(html, source.folder, [source.folder, templates_root()])
        check_pages(result.pages, sel.cv.max_pages, plan.variant)
        report.pages = result.pages
        _write(out, report, f"{plan.basename}.pdf", result.data)


def _make_latex_cv(source: Source, plan: BuildPlan, out: OutputDir, report: BuildReport) -> None:
    from cvgen.engines.latexmk import compile_tex
    from cvgen.engines.tex_errors import failure_message
    from cvgen.outputs.cv_tex import cv_tex

    sel = select(source.profile, source.publications, "cv", plan.variant)
    with report.timed("render"):
        tex = cv_tex(source, sel)
    if sel.cv.raw_tex_preamble:
        report.notes.append("cv.raw_tex_preamble is copied into the .tex unescaped (UNSAFE unless you wrote it)")
    tex_path = _write(out, report, f"{plan.basename}.tex", tex)
    if not (plan.pdf and plan.engine == "latex"):
        return
    engine = sel.cv.latex_engine or "xelatex"
    with report.timed("compile"):
        result = compile_tex(tex, engine=engine, epoch=build_epoch(source.loaded.file))
    with report.timed("write"):
        log_path = out.write(f"{plan.basename}.log", result.log)
    if not result.ok or result.pdf is None:
        raise BuildError(failure_message(result, tex, source, str(tex_path), log_path, engine))
    pages = result.pages or 0
    check_pages(pages, sel.cv.max_pages, plan.variant)
    report.pages = pages
    _write(out, report, f"{plan.basename}.pdf", result.pdf)


def _make_homepage(source: Source, plan: BuildPlan, out: OutputDir, report: BuildReport) -> None:
    from cvgen.outputs.homepage import homepage_files

    with report.timed("homepage"):
        sel = select(source.profile, source.publications, "homepage", plan.variant)
        files = homepage_files(source, sel, plan.cv_pdf, build_date())
        report.outputs.extend(out.write(name, data) for name, data in files.items())


def export_publications(source: Source, variant: str | None) -> list[Publication]:
    """All publications in the profile's order, or those a variant's CV shows."""
    if variant is None:
        return list(source.publications)
    return list(select(source.profile, source.publications, "cv", variant).publications)


def _make_exports(source: Source, plan: BuildPlan, out: OutputDir, report: BuildReport) -> None:
    from cvgen.outputs.bib import to_bibtex
    from cvgen.outputs.json_resume import to_json_resume

    publications = export_publications(source, plan.variant)
    with report.timed("export"):
        if plan.bib:
            report.outputs.append(out.write("publications.bib", to_bibtex(publications)))
        if plan.json_resume:
            doc = to_json_resume(source, publications)
            report.outputs.append(out.write("resume.json", json.dumps(doc, ensure_ascii=False, indent=2) + "\n"))
            written = {id(p) for p in source.profile.publication_list()}
            included = sum(1 for p in source.publications if id(p) not in written)
            if included > 0:
                report.notes.append(f"resume.json lists the {included} publications of the .bib include(s) inline")
