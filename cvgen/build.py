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

from cvgen.errors import BuildError, Problem, ProfileError
from cvgen.profile.files import resolve_folder, resolve_input
from cvgen.profile.load import Loaded, load_file
from cvgen.profile.model import BibtexInclude, Profile, Publication
from cvgen.profile.validate import validate
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


@dataclass
class Source:
    """A loaded, validated profile with its publications resolved."""

    loaded: Loaded
    profile: Profile
    publications: list[Publication]

    @property
    def folder(self) -> Path:
        return self.loaded.file.resolve().parent


def read_profile(path: Path, report: BuildReport | None = None) -> Source:
    report = report or BuildReport()
    with report.timed("load"):
        loaded = load_file(path)
    with report.timed("validate"):
        profile = validate(loaded)
        problems = []  # every missing or escaping file at once: .bib files, photo, thumbnails, templates
        try:
            publications = resolve_publications(loaded, profile)
        except ProfileError as exc:
            problems += exc.problems
        try:
            check_files(loaded, profile)
        except ProfileError as exc:
            problems += exc.problems
        if problems:
            raise ProfileError(problems)
    return Source(loaded, profile, publications)


def resolve_publications(loaded: Loaded, profile: Profile) -> list[Publication]:
    """YAML entries plus the entries of `- bibtex: file.bib` includes, in order.

    A YAML entry whose `key` matches a bib entry overrides the fields it sets
    and takes that entry's place; the bib file stays the source of the rest.
    """
    if not any(isinstance(item, BibtexInclude) for item in profile.publications):
        _check_overrides(loaded, profile, set())
        return profile.publication_list()
    paths: dict[int, Path] = {}
    problems = []
    for i, item in enumerate(profile.publications):
        if isinstance(item, BibtexInclude):
            try:
                paths[i] = resolve_input(loaded, item.bibtex, ("publications", i, "bibtex"))
            except ProfileError as exc:
                problems += exc.problems
    if problems:
        raise ProfileError(problems)
    from cvgen.profile.bibtex import read_bibtex  # only profiles with .bib files pay for the parser

    merged: list[Publication] = []
    for i, item in enumerate(profile.publications):
        if isinstance(item, Publication):
            merged.append(item)
            continue
        try:
            merged += read_bibtex(paths[i], root=loaded.file.resolve().parent)
        except ProfileError as exc:
            problems += exc.problems
    if problems:
        raise ProfileError(problems)
    yaml_ids = {id(p) for p in profile.publication_list()}
    bib_keys = {p.key for p in merged if id(p) not in yaml_ids and p.key}
    overrides = {p.key: p for p in profile.publication_list() if p.key in bib_keys}
    _check_overrides(loaded, profile, bib_keys)
    out: list[Publication] = []
    for pub in merged:
        if id(pub) in yaml_ids:
            if pub.key not in bib_keys:
                out.append(pub)  # a plain YAML entry
        elif pub.key in overrides:
            yaml_entry = overrides[pub.key]
            out.append(pub.model_copy(update={f: getattr(yaml_entry, f) for f in yaml_entry.model_fields_set}))
        else:
            out.append(pub)
    return out


def _check_overrides(loaded: Loaded, profile: Profile, bib_keys: set[str]) -> None:
    """An entry without a title only overrides a bib entry: its key must name one."""
    problems = [
        Problem(
            str(loaded.file),
            *loaded.where(("publications", i, "key")),
            f"publications[{i}].key",
            f"no bib entry has the key '{item.key}'; give this entry a title, or include the .bib that has it",
        )
        for i, item in enumerate(profile.publications)
        if isinstance(item, Publication) and not item.title and item.key not in bib_keys
    ]
    if problems:
        raise ProfileError(problems)


def check_files(loaded: Loaded, profile: Profile) -> None:
    """Every local file the profile names exists inside its folder; all problems at once."""
    wanted: list[tuple[str, tuple]] = []
    if profile.person.photo:
        wanted.append((profile.person.photo, ("person", "photo")))
    for i, item in enumerate(profile.publications):
        if isinstance(item, Publication) and item.thumbnail:
            wanted.append((item.thumbnail, ("publications", i, "thumbnail")))
    folders: list[tuple[str, tuple]] = []
    for key, settings in (("cv", profile.cv), ("homepage", profile.homepage)):
        if settings.templates:
            folders.append((settings.templates, (key, "templates")))
    for name, variant in profile.variants.items():
        for key in ("cv", "homepage"):
            settings = getattr(variant, key)
            if settings is not None and settings.templates:
                folders.append((settings.templates, ("variants", name, key, "templates")))
    problems = []
    for rel, where in wanted:
        try:
            resolve_input(loaded, rel, where)
        except ProfileError as exc:
            problems += exc.problems
    for rel, where in folders:
        try:
            resolve_folder(loaded, rel, where)
        except ProfileError as exc:
            problems += exc.problems
    if problems:
        raise ProfileError(problems)


def cv_basename(variant: str | None) -> str:
    return f"cv-{variant}" if variant else "cv"


def render_cv_html(source: Source, variant: str | None) -> tuple[str, int | None]:
    sel = select(source.profile, source.publications, "cv", variant)
    doc = ctx.cv_context(sel, HtmlFormat())
    user_dir = user_templates(source, sel.cv.templates)
    html = render(html_environment(user_dir), "cv/cv.html.j2", doc=doc)
    return html, sel.cv.max_pages


def user_templates(source: Source, rel: str | None) -> Path | None:
    if not rel:
        return None
    folder = (source.folder / rel).resolve()
    if source.folder not in folder.parents or not folder.is_dir():
        raise BuildError(f"templates folder '{rel}' must be a folder inside the profile's folder")
    return folder


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
