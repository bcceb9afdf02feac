"""The build: the one place that sequences the stages.

    profile (load, validate, includes) -> select -> views -> render (outputs)
        -> engines (WeasyPrint, latexmk) -> write

`plan_build` decides from the flags and the profile what this run makes;
each `_make_*` step runs the stages for one output. Every output is produced
fully in memory (or in a temporary folder for TeX) and staged; all are
published together when the whole build succeeded (write.py), so a failed
build leaves the previous outputs untouched, and no output is ever written
over one of the profile's inputs. Raw TeX is refused before anything is
written where no sandbox can confine it, unless the user trusts it.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cvgen.clock import build_date, build_epoch
from cvgen.errors import BuildError, Problem, ProfileError
from cvgen.outputs.cv import LATEX_UNTAGGED, Fit, Printed, check_pages, cv_basename, cv_html, first_fit, fit_pages
from cvgen.profile.load import Path_, dotted, load_file
from cvgen.profile.model import Publication
from cvgen.profile.source import Source, input_paths, read_source, user_templates
from cvgen.render import templates_root, user_overrides
from cvgen.text import i18n
from cvgen.views.languages import SiteLanguage, site_languages
from cvgen.views.select import cv_setting_path, select
from cvgen.write import OutputDir

if TYPE_CHECKING:
    from cvgen.engines.weasyprint import PdfResult

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
    lang: str | None = None  # the CV's language; None: the profile's `lang`
    outdir: Path = Path("out")
    trust_tex: bool = False  # run raw TeX (preamble, user templates) even where no sandbox can confine it

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
    prefix: str = ""  # the folder of a homepage language's outputs ("de/"); "" for the build's language

    @property
    def basename(self) -> str:
        return self.prefix + cv_basename(self.variant)

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


def read_profile(path: Path, report: BuildReport | None = None, lang: str | None = None) -> Source:
    """The profile, its text read in `lang` where it gives several languages."""
    report = report or BuildReport()
    with report.timed("load"):
        loaded = load_file(path)
    with report.timed("validate"):
        return read_source(loaded, lang)


def build(profile_path: Path, options: BuildOptions) -> BuildReport:
    report = BuildReport()
    source = read_profile(profile_path, report, options.lang)
    plan = plan_build(options, source)
    lang, sites = _languages(options, source, plan)
    if lang != (options.lang or source.profile.lang):  # the first of homepage.languages leads
        source = read_source(source.loaded, lang)
    raw_tex = _check_raw_tex(source, plan, options.trust_tex)
    if plan.pdf:
        from cvgen.engines.fonts import check_font

        font_note = check_font(source, plan.variant, plan.engine)  # stops the build, or warns, before any output
        report.notes.extend([font_note] if font_note else [])
    out = OutputDir(options.outdir, input_paths(source))
    out.prepare()
    # Two builds into one folder take turns (stale temporary files go); every output is staged and
    # published only when the whole build succeeded.
    # Each further homepage language's text, read once for its CV and its site.
    here = {s.tag: read_source(source.loaded, s.tag) for s in sites[1:] if plan.pdf or plan.homepage}
    with out.lock(), out.transaction(), i18n.use(lang):
        finish_cv = None
        if plan.html or (plan.pdf and plan.engine == "weasyprint"):
            finish_cv = _start_html_cv(source, plan, out, report)
        site = None
        if plan.homepage:  # made while a printing child prints the CV (engines/printer.py), written after it
            with report.timed("homepage"):
                site = _site_files({sites[0].tag: source, **here} if sites else {}, source, plan, sites)()
        if finish_cv is not None:
            finish_cv()
        if plan.tex or (plan.pdf and plan.engine == "latex"):
            _make_latex_cv(source, plan, out, report, raw_tex, options.trust_tex)
        if plan.pdf and sites:
            _make_language_cvs(here, plan, sites[1:], out, report, raw_tex, options.trust_tex)
        if site is not None:
            _write_homepage(site, out, report)
        if plan.bib or plan.json_resume:
            _make_exports(source, plan, out, report)
    return report


def _write(out: OutputDir, report: BuildReport, name: str, data: bytes | str) -> Path:
    with report.timed("write"):
        path = out.write(name, data)
    report.outputs.append(path)
    return path


def _make_html_cv(source: Source, plan: BuildPlan, out: OutputDir, report: BuildReport) -> None:
    _start_html_cv(source, plan, out, report)()


def _start_html_cv(source: Source, plan: BuildPlan, out: OutputDir, report: BuildReport) -> Callable[[], None]:
    """Render the CV's HTML and send it to print; the function returned fits its pages and writes it."""
    sel = select(source.profile, source.publications, "cv", plan.variant)
    with report.timed("render"):
        html = cv_html(source, sel)
    if not (plan.pdf and plan.engine == "weasyprint"):
        return lambda: _write_cv_html(out, report, plan, html)
    from cvgen.engines.printer import submit  # WeasyPrint's import: only when printing

    allowed = [source.folder, templates_root()]
    with report.timed("compile"):
        printing = submit(html, source.folder, allowed, sel.cv.pdf_standard)

    def attempt(fit: Fit) -> tuple[tuple[str, PdfResult], Printed]:
        if fit == first_fit(sel):
            page, pending = html, printing
        else:
            with report.timed("render"):
                page = cv_html(source, fit.apply(sel), fit.spacing)
            pending = submit(page, source.folder, allowed, sel.cv.pdf_standard)
        with report.timed("compile"):
            got = pending()
        return (page, got), Printed(got.pages, got.last_page_fill)

    def finish() -> None:
        (page, result), _, note = fit_pages(sel, attempt)
        if note:
            report.notes.append(note)
        check_pages(result.pages, sel.cv.max_pages, plan.variant)
        report.pages = result.pages
        _write(out, report, f"{plan.basename}.pdf", result.data)
        _write_cv_html(out, report, plan, page)

    return finish


def _write_cv_html(out: OutputDir, report: BuildReport, plan: BuildPlan, html: str) -> None:
    if plan.html:
        _write(out, report, f"{plan.basename}.html", html)


def _make_latex_cv(
    source: Source, plan: BuildPlan, out: OutputDir, report: BuildReport, raw_tex: bool, trust_tex: bool
) -> None:
    from cvgen.engines.latexmk import TexResult, compile_tex
    from cvgen.engines.tex_errors import failure_message
    from cvgen.outputs.cv_tex import cv_tex, last_page_fill

    sel = select(source.profile, source.publications, "cv", plan.variant)
    with report.timed("render"):
        tex = cv_tex(source, sel)
    if sel.cv.raw_tex_preamble:
        report.notes.append("cv.raw_tex_preamble is copied into the .tex unescaped (UNSAFE unless you wrote it)")
    if not (plan.pdf and plan.engine == "latex"):
        _write(out, report, f"{plan.basename}.tex", tex)
        return
    if sel.cv.pdf_standard not in (None, "none"):
        report.notes.append(LATEX_UNTAGGED)
    engine = sel.cv.latex_engine or "xelatex"

    def attempt(fit: Fit) -> tuple[tuple[str, TexResult], Printed]:
        source_tex = tex if fit == first_fit(sel) else cv_tex(source, fit.apply(sel), fit.spacing)
        with report.timed("compile"):
            got = compile_tex(
                source_tex,
                engine=engine,
                epoch=build_epoch(source.loaded.file),
                raw_tex=raw_tex,
                trust_tex=trust_tex,
                aux_key=f"{source.loaded.file.resolve()}\n{plan.basename}",  # the last build's aux: one TeX run
            )
        return (source_tex, got), Printed(got.pages or 0, last_page_fill(got.log) if got.ok else 1.0)

    (tex, result), _, note = fit_pages(sel, attempt)
    if note:
        report.notes.append(note)
    tex_path = _write(out, report, f"{plan.basename}.tex", tex)
    with report.timed("write"):
        log_path = out.write(f"{plan.basename}.log", result.log, keep=True)  # kept when TeX failed: it says why
    if not result.ok or result.pdf is None:
        raise BuildError(failure_message(result, tex, source, str(tex_path), log_path, engine))
    pages = result.pages or 0
    check_pages(pages, sel.cv.max_pages, plan.variant)
    report.pages = pages
    _write(out, report, f"{plan.basename}.pdf", result.pdf)


def raw_tex_sources(source: Source, variant: str | None) -> list[tuple[Path_, str]]:
    """Where the LaTeX CV gets TeX that cvgen did not write: (profile path, what it is)."""
    sel = select(source.profile, source.publications, "cv", variant)
    found: list[tuple[Path_, str]] = []
    if sel.cv.raw_tex_preamble:
        found.append((cv_setting_path(source.profile, variant, "raw_tex_preamble"), "this raw TeX cannot"))
    names = user_overrides("latex", user_templates(source, sel.cv.templates))
    if names:
        what = (
            f"{', '.join(names)} in this folder {'is a LaTeX template' if len(names) == 1 else 'are LaTeX templates'}"
        )
        found.append((cv_setting_path(source.profile, variant, "templates"), f"{what}: raw TeX that cannot"))
    return found


def _check_raw_tex(source: Source, plan: BuildPlan, trust_tex: bool) -> bool:
    """Whether this build compiles raw TeX; refused, before anything is written, where no sandbox
    can confine it and the user has not said they trust the profile."""
    if not (plan.pdf and plan.engine == "latex"):
        return False
    from cvgen.engines import sandbox

    found = raw_tex_sources(source, plan.variant)
    reason = sandbox.unavailable_reason() if found and not trust_tex else None
    if reason is None:
        return bool(found)
    file = str(source.loaded.file)
    raise ProfileError(
        [
            Problem(
                file,
                *source.loaded.where(where),
                dotted(where),
                f"{what} run in a sandbox here ({reason}). Unconfined, raw TeX can read your files and "
                "environment into the PDF: install bubblewrap, remove the raw TeX, or pass --trust-tex if you "
                "wrote this profile yourself",
            )
            for where, what in found
        ]
    )


def _languages(options: BuildOptions, source: Source, plan: BuildPlan) -> tuple[str, list[SiteLanguage]]:
    """The build's language and, for a homepage in several (homepage.languages, no --lang), each site's:
    the first language at the root, then the others, each in its folder (de/) with its CV PDF."""
    tags = list(dict.fromkeys(source.profile.homepage.languages or []))
    if options.lang or not plan.homepage or not tags:
        return options.lang or source.profile.lang, []
    return tags[0], site_languages(tags, source.profile.homepage.base_url) if len(tags) > 1 else []


def _make_language_cvs(
    sources: dict[str, Source],
    plan: BuildPlan,
    sites: list[SiteLanguage],
    out: OutputDir,
    report: BuildReport,
    raw_tex: bool,
    trust_tex: bool,
) -> None:
    """The CV PDF of each further homepage language, in its folder (de/cv.pdf)."""
    pages = report.pages  # the report gives the pages of the build language's CV
    for site in sites:
        with i18n.use(site.tag):
            here = sources[site.tag]
            sub = dataclasses.replace(plan, html=False, tex=False, prefix=site.prefix)
            if plan.engine == "weasyprint":
                _make_html_cv(here, sub, out, report)
            else:
                _make_latex_cv(here, sub, out, report, raw_tex, trust_tex)
    report.pages = pages


def _site_files(
    sources: dict[str, Source], source: Source, plan: BuildPlan, sites: list[SiteLanguage]
) -> Callable[[], dict[str, bytes | str]]:
    """The site's files: `source` alone, or one site per language from `sources` (by tag)."""

    def make_one(here: Source, site: SiteLanguage | None) -> dict[str, bytes | str]:
        from cvgen.outputs.homepage import SiteOptions, homepage_files

        sel = select(here.profile, here.publications, "homepage", plan.variant)
        if site is not None and site.url and site.prefix:  # a language's site is published in its folder
            sel = dataclasses.replace(sel, homepage=sel.homepage.model_copy(update={"base_url": site.url}))
        cv_sel = select(here.profile, here.publications, "cv", plan.variant)  # the site's CV page
        cv_pdf = cv_basename(plan.variant) + ".pdf" if plan.pdf else None  # from the site's own folder
        return homepage_files(here, sel, SiteOptions(cv_pdf, build_date(), cv_sel, site, tuple(sites)))

    def make() -> dict[str, bytes | str]:
        if not sites:
            return make_one(source, None)
        files: dict[str, bytes | str] = {}
        for site in sites:  # one site per language; the first at the root
            with i18n.use(site.tag):
                files.update({site.prefix + name: data for name, data in make_one(sources[site.tag], site).items()})
        return files

    return make


def _write_homepage(files: dict[str, bytes | str], out: OutputDir, report: BuildReport) -> None:
    # The next homepage build removes the files this one no longer makes.
    with report.timed("write"), out.group("homepage"):
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
