"""The command line: parse flags, call the library, turn known errors into messages.

`main(argv)` is callable from tests and returns the exit code:
0 ok, 1 the profile or a build failed, 2 usage.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cvgen import __version__
from cvgen.errors import CvgenError, ProfileError

if TYPE_CHECKING:
    from cvgen.build import BuildOptions


def _fail(exc: CvgenError) -> None:
    if isinstance(exc, ProfileError):
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        n = len(exc.problems)
        click.echo(f"{n} problem{'s' if n != 1 else ''} found; nothing was written.", err=True)
    else:
        click.echo(f"error: {exc}", err=True)
    raise SystemExit(1)


def _language(tag: str | None) -> str | None:
    from cvgen.text.i18n import is_language

    if tag is not None and not is_language(tag):
        raise click.BadParameter(f"'{tag}' is not a language tag like en, de, fr, zh-Hans or ja")
    return tag


_lang_option = click.option(
    "--lang",
    callback=lambda _ctx, _param, tag: _language(tag),
    help="Language of the CV (BCP 47: en, de, fr, zh-Hans, ja, ...); default: the profile's `lang`.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cvgen")
def cli() -> None:
    """cvgen: one YAML profile -> academic CV (PDF, LaTeX) and homepage."""


@cli.command()
@click.argument("profiles", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--pdf", is_flag=True, help="The CV as PDF (engine: weasyprint unless --engine latex).")
@click.option("--tex", is_flag=True, help="The CV as LaTeX source (no TeX needed).")
@click.option("--html", is_flag=True, help="The CV as the HTML the PDF is printed from.")
@click.option("--homepage", is_flag=True, help="The static homepage site.")
@click.option("--engine", type=click.Choice(["weasyprint", "latex"]), help="PDF engine.")
@click.option("--variant", help="Apply the overrides under variants.NAME.")
@_lang_option
@click.option(
    "-o",
    "--outdir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("out"),
    show_default=True,
    help="Output folder.",
)
@click.option("--bib", is_flag=True, help="Export the publications as BibTeX.")
@click.option("--json-resume", "json_resume", is_flag=True, help="Export a JSON Resume document.")
@click.option(
    "--trust-tex",
    "trust_tex",
    is_flag=True,
    help="Compile raw TeX (cv.raw_tex_preamble, LaTeX templates) even where no sandbox can confine it. "
    "Only for a profile you wrote yourself.",
)
@click.option("--timings", is_flag=True, help="Print the time spent in each stage.")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="With several profiles: builds at a time (default: one per core)."
)
def build(profiles: tuple[Path, ...], timings: bool, jobs: int | None, **flags: object) -> None:
    """Build outputs from PROFILE. With no output flag, builds PDF, .tex and homepage.

    Several profiles are built into OUTDIR/<file stem>/ each, one forked build per profile.
    """
    if len(profiles) == 1 and _as_command:
        _start_printer(flags)
    from cvgen.build import BuildOptions
    from cvgen.build import build as run_build

    if len(profiles) > 1:
        _build_many(list(profiles), BuildOptions(**flags), jobs)  # type: ignore[arg-type]
        return
    profile = profiles[0]
    try:
        report = run_build(profile, BuildOptions(**flags))  # type: ignore[arg-type]
    except CvgenError as exc:
        _fail(exc)
        return
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    for path in report.outputs:
        extra = (
            f" ({report.pages} page{'s' if report.pages != 1 else ''})"
            if path.suffix == ".pdf" and report.pages
            else ""
        )
        click.echo(f"wrote {path}{extra}")
    if timings:
        for stage, seconds in report.timings.items():
            click.echo(f"{stage:10s} {seconds * 1000:8.1f} ms", err=True)


# True in the `cvgen` command (run), which may print in a forked child; main(argv), as tests and other
# callers use it, prints in its own process.
_as_command = False


def _start_printer(flags: dict[str, object]) -> None:
    """A build that will print with WeasyPrint starts it first, in a forked child on another core, while
    this process reads the profile (engines/printer.py). Before cvgen's own imports: they are what it overlaps."""
    outputs = [flags[name] for name in ("pdf", "tex", "html", "homepage", "bib", "json_resume")]
    if flags["engine"] != "latex" and (flags["pdf"] or flags["homepage"] or not any(outputs)):
        from cvgen.engines import printer

        printer.start()


def _build_many(profiles: list[Path], options: BuildOptions, jobs: int | None) -> None:
    from cvgen.tools.batch import BatchResult, build_many

    def report(result: BatchResult) -> None:
        for line in result.lines:
            click.echo(line, err=not result.ok)

    try:
        results = build_many(profiles, options, jobs or os.cpu_count() or 1, report)
    except CvgenError as exc:
        _fail(exc)
        return
    failed = [r.profile for r in results if not r.ok]
    if failed:
        click.echo(f"{len(failed)} of {len(results)} profiles failed: {', '.join(map(str, failed))}", err=True)
        raise SystemExit(1)


@cli.command("validate")
@click.argument("profile", type=click.Path(path_type=Path, dir_okay=False))
@_lang_option
def validate_cmd(profile: Path, lang: str | None) -> None:
    """Check PROFILE (its text in --lang, where it gives several languages); print every problem;
    exit 1 if there is any."""
    from cvgen.profile.source import read_profile

    try:
        read_profile(profile, lang)
    except CvgenError as exc:
        _fail(exc)
    click.echo(f"{profile}: ok")


@cli.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False), default=Path("profile.yaml"))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(path: Path, force: bool) -> None:
    """Write a starter profile to PATH (default profile.yaml)."""
    from cvgen.tools.starter import write_starter

    try:
        write_starter(path, force)
    except CvgenError as exc:
        _fail(exc)
    click.echo(f"wrote {path}; edit it, then run: cvgen build {path} --pdf")


@cli.command()
@click.option("--copy", nargs=2, metavar="NAME DIR", help="Copy theme NAME's templates into DIR, for cv.templates.")
@click.option("--force", is_flag=True, help="With --copy: overwrite files already in DIR.")
def themes(copy: tuple[str, str] | None, force: bool) -> None:
    """List the CV themes (name, then what it is), or copy one to start your own from."""
    from cvgen.tools.themes import copy_theme, theme_lines

    if not copy:
        for line in theme_lines():
            click.echo(line)
        return
    name, folder = copy
    try:
        written = copy_theme(name, Path(folder), force)
    except CvgenError as exc:
        _fail(exc)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"to use it: cv: {{theme: {name}, templates: {folder}}} (a folder inside the profile's folder)")


@cli.command()
def schema() -> None:
    """Print the profile's JSON Schema (for editor completion)."""
    from cvgen.profile.schema import json_schema

    click.echo(json_schema())


@cli.command("lint")
@click.argument("profile", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--strict", is_flag=True, help="Exit 1 when there is any finding.")
def lint_cmd(profile: Path, strict: bool) -> None:
    """Likely mistakes in PROFILE: duplicate links or entries, news linking the wrong paper, ..."""
    from cvgen.tools.lint import lint_file

    try:
        findings = lint_file(profile)
    except CvgenError as exc:
        _fail(exc)
        return
    for finding in findings:
        click.echo(str(finding))
    n = len(findings)
    if n:
        click.echo(f"{n} warning{'s' if n != 1 else ''}" + (" (--strict: failing)" if strict else ""), err=True)
    else:
        click.echo(f"{profile}: no findings", err=True)
    if strict and n:
        raise SystemExit(1)


@cli.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the profile here (default: print it).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option("--strict", is_flag=True, help="Exit 1 when anything could not be imported.")
def import_cmd(path: Path, output: Path | None, force: bool, strict: bool) -> None:
    """Make a cvgen profile from a JSON Resume (.json) or RenderCV (.yaml) file, or an al-folio or
    academicpages site folder; report, per section, what was imported and what was not."""
    from cvgen.tools.importers import import_path

    try:
        result = import_path(path, output)
        text = result.yaml()
        if output is not None:
            from cvgen.write import write_new_file

            write_new_file(output, text, force)
    except CvgenError as exc:
        _fail(exc)
        return
    if output is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {output}; check it with: cvgen validate {output}")
    for line in result.full_report():
        click.echo(line, err=True)
    if not result.report_lines():
        click.echo(result.report(), err=True)
    if strict and result.lost:
        click.echo("--strict: some of the source was not imported (the `not imported:` lines)", err=True)
        raise SystemExit(1)


_live_options = [
    click.argument("profile", type=click.Path(path_type=Path, dir_okay=False)),
    click.option("--variant", help="Apply the overrides under variants.NAME."),
    click.option("--engine", type=click.Choice(["weasyprint", "latex"]), help="PDF engine."),
    _lang_option,
    click.option(
        "-o",
        "--outdir",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("out"),
        show_default=True,
        help="Output folder.",
    ),
]


def _with_live_options(func: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(_live_options):
        func = option(func)
    return func


@cli.command("watch")
@_with_live_options
def watch_cmd(profile: Path, variant: str | None, engine: str | None, lang: str | None, outdir: Path) -> None:
    """Build PROFILE (PDF and homepage), then rebuild whenever it or its files change."""
    from cvgen.build import BuildOptions
    from cvgen.tools.watch import watch

    try:
        watch(
            profile,
            BuildOptions(pdf=True, homepage=True, variant=variant, engine=engine, lang=lang, outdir=outdir),  # type: ignore[arg-type]
            lambda msg: click.echo(msg, err=True),
            printing_child=_as_command and engine != "latex",
        )
    except CvgenError as exc:
        _fail(exc)


@cli.command("serve")
@_with_live_options
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free one).",
)
def serve_cmd(
    profile: Path, variant: str | None, engine: str | None, lang: str | None, outdir: Path, port: int
) -> None:
    """Build PROFILE, serve the homepage on 127.0.0.1 and rebuild on every change."""
    from cvgen.build import BuildOptions
    from cvgen.tools.watch import serve

    try:
        serve(
            profile,
            BuildOptions(pdf=True, homepage=True, variant=variant, engine=engine, lang=lang, outdir=outdir),  # type: ignore[arg-type]
            lambda msg: click.echo(msg, err=True),
            port,
            printing_child=_as_command and engine != "latex",
        )
    except CvgenError as exc:
        _fail(exc)


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="cvgen", standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    except (click.exceptions.Abort, KeyboardInterrupt):  # click turns Ctrl-C into Abort
        click.echo("interrupted; outputs written so far are complete, the rest untouched", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    return 0


def run() -> None:
    """The `cvgen` command: `main()` on the process's arguments, then a quick exit.

    After a build the interpreter's teardown would free every object one by one, about 25 ms for
    nothing. So the exit handlers run (the printing child is stopped, temporary folders go, logs
    flush), the output streams are flushed, and the process ends there. Its collector runs the
    youngest generation every 100,000 allocations, not 700: a command makes long-lived objects
    (modules, the profile, its views) far more than garbage cycles, and each collection walks them
    again (a cold build: 0.96x the wall time at 40 publications, the build's own work 0.86x at 1000).
    """
    global _as_command
    _as_command = True
    gc.set_threshold(100_000)  # the older generations as they were: they bound the memory of large builds
    code = main()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (cvgen ... | head): nothing left to say
            code = code or 1
    os._exit(code)


if __name__ == "__main__":
    run()
