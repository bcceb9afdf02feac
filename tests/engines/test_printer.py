"""The WeasyPrint child of a cold build (engines/printer.py): same PDF, same errors, never left behind.

Each case runs in a fresh Python process: the child is forked only where WeasyPrint is not yet loaded,
which a test worker that printed before is not.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cvgen import cli
from cvgen.engines import printer
from cvgen.engines import weasyprint as engine
from cvgen.errors import CvgenError

HTML = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
    "<body><h1>Émilie du Châtelet</h1><p>Institutions de physique, 1740.</p></body></html>"
)
SETUP = """
import json, os, signal, sys, time
from pathlib import Path
from cvgen.engines import printer
from cvgen.errors import CvgenError
"""


def python(code: str, tmp_path: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(SETUP) + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=tmp_path,
    )


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    """A one-line profile, on a machine where the child is started."""
    two_cores()
    path = tmp_path / "p.yaml"
    path.write_text("person:\n  name: Ada Lovelace\n", encoding="utf-8")
    return path


def two_cores() -> None:
    if len(os.sched_getaffinity(0)) >= 2:
        return
    why = "the printing child is started only with two cores or more; CI has two"
    pytest.fail(why) if os.environ.get("CI") == "true" else pytest.skip(why)


def test_the_child_prints_the_bytes_this_process_would(tmp_path):
    two_cores()
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    got = python(
        """
        printer.start()
        assert printer._child is not None, "no child was started"
        html = Path("page.html").read_text(encoding="utf-8")
        result = printer.html_to_pdf(html, Path.cwd(), [Path.cwd()], "none")
        Path("child.pdf").write_bytes(result.data)
        print(json.dumps([result.pages, result.last_page_fill, "weasyprint" in sys.modules]))
        """,
        tmp_path,
    )
    assert got.returncode == 0, got.stderr
    pages, fill, loaded_here = json.loads(got.stdout)
    here = engine.html_to_pdf(HTML, tmp_path, [tmp_path], "none")
    assert (tmp_path / "child.pdf").read_bytes() == here.data
    assert (pages, fill) == (here.pages, here.last_page_fill)
    assert not loaded_here  # the parent never imported WeasyPrint: that was the child's work


def test_the_childs_errors_arrive_as_the_same_errors(tmp_path):
    two_cores()
    (tmp_path / "secret.txt").write_text("not for the PDF", encoding="utf-8")
    inside = tmp_path / "inside"
    inside.mkdir()
    got = python(
        f"""
        printer.start()
        html = '<html><body><img src="{(tmp_path / "secret.txt").as_uri()}"></body></html>'
        try:
            printer.html_to_pdf(html, Path("inside"), [Path("inside")])
        except CvgenError as exc:
            print(type(exc).__name__, exc)
        result = printer.html_to_pdf("<p>still serving</p>", Path("inside"), [Path("inside")])
        print("then", result.pages)
        """,
        tmp_path,
    )
    assert got.returncode == 0, got.stderr
    first, then = got.stdout.strip().splitlines()
    html = f'<html><body><img src="{(tmp_path / "secret.txt").as_uri()}"></body></html>'
    with pytest.raises(CvgenError) as here:
        engine.html_to_pdf(html, inside, [inside])
    assert first == f"{type(here.value).__name__} {here.value}" and "outside the profile" in first
    assert then == "then 1"  # one refused document does not end the child


def test_a_child_that_died_is_reported_not_waited_for(tmp_path):
    two_cores()
    got = python(
        """
        printer.start()
        os.kill(printer._child.pid, signal.SIGKILL)
        try:
            printer.html_to_pdf("<p>x</p>", Path.cwd(), [Path.cwd()])
        except CvgenError as exc:
            print(exc)
        print(printer._child)
        """,
        tmp_path,
    )
    assert got.returncode == 0, got.stderr
    assert got.stdout.splitlines() == [
        "PDF engine (WeasyPrint) stopped without a result; the previous PDF is kept",
        "None",
    ]


def test_the_child_does_not_outlive_a_killed_parent(tmp_path):
    two_cores()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(SETUP) + "printer.start(); print(printer._child.pid, flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    assert proc.stdout is not None
    child = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    for _ in range(100):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(child, signal.SIGKILL)
    pytest.fail("the printing child ran on after its parent was killed")


def test_no_child_on_one_core_or_once_weasyprint_is_loaded(tmp_path):
    got = python(
        """
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        printer.start()
        print(printer._child)
        """,
        tmp_path,
    )
    assert got.stdout.strip() == "None", got.stderr
    import weasyprint  # noqa: F401  # loaded in this process: printing here is already warm

    printer.start()
    assert printer._child is None


@pytest.mark.parametrize(
    ("flags", "starts"),
    [
        ([], True),  # everything: the PDF included
        (["--pdf"], True),
        (["--homepage"], True),  # a homepage comes with its CV PDF
        (["--pdf", "--engine", "latex"], False),
        (["--tex", "--html", "--bib"], False),
    ],
)
def test_the_build_command_starts_it_only_when_weasyprint_will_print(monkeypatch, tmp_path, flags, starts):
    started: list[bool] = []
    monkeypatch.setattr(printer, "start", lambda: started.append(True))
    cli.main(["build", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "out"), *flags])
    assert started == []  # main(argv), as tests and other callers use it, prints in-process
    monkeypatch.setattr(cli, "_as_command", True)  # as run(), the `cvgen` command, sets it
    cli.main(["build", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "out"), *flags])
    assert started == ([True] if starts else [])
    started.clear()
    cli.main(["build", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "-o", str(tmp_path / "out"), *flags])
    assert started == []  # several profiles: the batch's warm parent does this instead


def test_the_cvgen_command_prints_in_the_child(tmp_path, profile):
    got = python(
        f"""
        from cvgen import cli
        real = printer.start

        def start():
            real()
            Path("started").write_text(str(printer._child is not None))

        printer.start = start
        sys.argv = ["cvgen", "build", {str(profile)!r}, "--pdf", "-o", "out"]
        cli.run()
        """,
        tmp_path,
    )
    assert got.returncode == 0, got.stderr
    assert (tmp_path / "started").read_text() == "True"
    assert (tmp_path / "out" / "cv.pdf").read_bytes().startswith(b"%PDF")


def test_a_print_nobody_collected_does_not_answer_the_next_request(tmp_path):
    """A build that fails while the child prints leaves a reply unread; the next build gets its own."""
    two_cores()
    got = python(
        """
        printer.start()
        printer.submit("<p>one</p>", Path.cwd(), [Path.cwd()])  # never collected
        two = printer.submit("<p>two</p><p style='break-before: page'>2</p>", Path.cwd(), [Path.cwd()])
        print(two().pages, printer._unread)
        """,
        tmp_path,
    )
    assert got.returncode == 0, got.stderr
    assert got.stdout.split() == ["2", "0"]


def test_watch_with_a_printing_child_rebuilds_after_every_change(tmp_path, profile):
    """`cvgen watch`: the child prints every CV (this process never loads WeasyPrint) and ends with watch."""
    got = python(
        f"""
        from cvgen.build import BuildOptions
        from cvgen.tools.watch import watch
        profile, pdfs, said = Path({str(profile)!r}), [], []

        def edits():
            for text in ("name: Ada King", "name: Ada King\\nhomepage:\\n  title: Notes"):
                pdfs.append(Path("out/cv.pdf").read_bytes())
                profile.write_text("person:\\n  " + text + "\\n", encoding="utf-8")
                yield {{(2, str(profile))}}
            pdfs.append(Path("out/cv.pdf").read_bytes())

        def echo(message):
            said.append(message)
            assert printer._child is not None and "weasyprint" not in sys.modules

        watch(profile, BuildOptions(pdf=True, homepage=True, outdir=Path("out")), echo, edits(), printing_child=True)
        print(json.dumps([pdfs[0] != pdfs[1], pdfs[1] == pdfs[2], said, printer._child is None]))
        """,
        tmp_path,
    )
    assert got.returncode == 0, got.stderr
    changed, kept, said, stopped = json.loads(got.stdout)
    assert changed and kept and stopped  # a site-only edit leaves the PDF as it was
    assert len(said) == 3 and all(s.startswith("built") for s in said)
