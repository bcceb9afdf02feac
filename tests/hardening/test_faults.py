"""Faults: the engine crashing or hanging, a full or read-only disk, a build killed at any moment,
two builds at once. The last good cv.pdf always survives whole, the message says what happened,
and no temporary file is left behind (a killed build's leftovers go with the next build).
"""

from __future__ import annotations

import errno
import fcntl
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import weasyprint

from cvgen import write
from cvgen.engines import weasyprint as compile_pdf
from tests.conftest import IN_CI
from tests.hardening.support import ROOT

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}  # identical bytes for identical input


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


@pytest.fixture
def good(tmp_path, cli, monkeypatch):
    """A profile and a folder holding the last good cv.pdf built from it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    profile = tmp_path / "profile.yaml"
    profile.write_text("person: {name: Ada Lovelace}\ninterests: [analytical engines]\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = cli("build", profile, "--pdf", "-o", out)
    assert code == 0, err
    return profile, out, (out / "cv.pdf").read_bytes()


def edit(profile: Path) -> None:
    profile.write_text("person: {name: Ada Lovelace}\ninterests: [looms, engines]\n", encoding="utf-8")


def assert_kept(out: Path, before: bytes) -> None:
    assert (out / "cv.pdf").read_bytes() == before, "the last good PDF was changed"
    assert temps(out) == [], "a temporary file was left behind"


# --------------------------------------------------------------------------- the engine


@pytest.mark.parametrize(
    "error, shown",
    [
        (RuntimeError("pango fell over"), "RuntimeError: pango fell over"),
        (MemoryError(), "MemoryError"),
        (RecursionError("maximum recursion depth exceeded"), "RecursionError: maximum recursion depth exceeded"),
    ],
    ids=["crash", "out-of-memory", "recursion"],
)
def test_engine_crash_keeps_the_last_pdf(error, shown, good, cli, monkeypatch):
    profile, out, before = good
    edit(profile)

    def crash(self, *args, **kwargs):
        raise error

    monkeypatch.setattr(weasyprint.HTML, "render", crash)
    code, stdout, err = cli("build", profile, "--pdf", "-o", out)
    assert code == 1 and stdout == ""
    assert err == f"error: PDF engine (WeasyPrint) failed: {shown}; the previous PDF is kept\n"
    assert_kept(out, before)


def test_engine_crash_while_writing_the_pdf(good, cli, monkeypatch):
    profile, out, before = good
    edit(profile)

    def crash(self, *args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(weasyprint.document.Document, "write_pdf", crash)
    code, _, err = cli("build", profile, "--pdf", "-o", out)
    assert code == 1 and "PDF engine (WeasyPrint) failed: OSError" in err and "Traceback" not in err
    assert_kept(out, before)


def test_engine_timeout_stops_it(good, cli, monkeypatch):
    profile, out, before = good
    edit(profile)
    monkeypatch.setattr(compile_pdf, "TIMEOUT_SECONDS", 0.5)

    def hang(self, *args, **kwargs):
        time.sleep(30)

    monkeypatch.setattr(weasyprint.HTML, "render", hang)
    start = time.perf_counter()
    code, _, err = cli("build", profile, "--pdf", "-o", out)
    assert time.perf_counter() - start < 5
    assert code == 1
    assert (
        err == "error: PDF engine (WeasyPrint) did not finish within 0.5 s and was stopped; the previous PDF is kept\n"
    )
    assert_kept(out, before)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0), "the alarm was left running"


def test_interrupt_during_the_engine(good, cli, monkeypatch):
    """Ctrl-C in the middle: exit 130, says so, no traceback, the old PDF, no temporary file."""
    profile, out, before = good
    edit(profile)

    def interrupt(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(weasyprint.HTML, "render", interrupt)
    code, _, err = cli("build", profile, "--pdf", "-o", out)
    assert code == 130 and err.lstrip().startswith("interrupted") and "Traceback" not in err
    assert_kept(out, before)


# --------------------------------------------------------------------------- the disk


@pytest.mark.parametrize(
    "where, failure, said",
    [
        ("replace", errno.ENOSPC, "No space left on device"),
        ("fsync", errno.ENOSPC, "No space left on device"),
        ("fsync", errno.EIO, "Input/output error"),
        ("mkstemp", errno.EROFS, "Read-only file system"),
        ("mkstemp", errno.EACCES, "Permission denied"),
        ("mkstemp", errno.EDQUOT, "Disk quota exceeded"),
    ],
)
def test_full_or_read_only_disk_keeps_the_last_pdf(where, failure, said, good, cli, monkeypatch):
    profile, out, before = good
    edit(profile)

    def fail(*args, **kwargs):
        raise OSError(failure, os.strerror(failure))

    target = {"replace": (write.os, "replace"), "fsync": (write.os, "fsync"), "mkstemp": (write.tempfile, "mkstemp")}
    monkeypatch.setattr(*target[where], fail)
    code, stdout, err = cli("build", profile, "--pdf", "-o", out)
    assert code == 1 and stdout == ""
    assert err.startswith(f"error: {out.resolve() / 'cv.pdf'}: cannot write: {said}")
    assert err.count("\n") == 1 and "Traceback" not in err
    monkeypatch.undo()  # the real os again, to look
    assert_kept(out, before)


def test_target_is_a_folder(tmp_path, cli):
    """A folder named cv.pdf where the PDF goes (root ignores permissions; this it cannot ignore)."""
    profile = tmp_path / "profile.yaml"
    profile.write_text("person: {name: Ada Lovelace}\n", encoding="utf-8")
    (tmp_path / "out" / "cv.pdf").mkdir(parents=True)
    (tmp_path / "out" / "cv.pdf" / "keep.txt").write_text("mine", encoding="utf-8")
    code, _, err = cli("build", profile, "--pdf", "-o", tmp_path / "out")
    assert code == 1
    assert err == (
        f"error: {(tmp_path / 'out' / 'cv.pdf').resolve()}: cannot write: Is a directory "
        "(the previous file is untouched)\n"
    )
    assert (tmp_path / "out" / "cv.pdf" / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert temps(tmp_path / "out") == []


def test_output_symlink_pointing_out_is_not_followed(tmp_path, cli):
    """out/cv.pdf planted as a symlink to a file elsewhere: refused, the other file untouched."""
    profile = tmp_path / "profile.yaml"
    profile.write_text("person: {name: Ada Lovelace}\n", encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "cv.pdf").symlink_to(victim)
    code, _, err = cli("build", profile, "--pdf", "-o", tmp_path / "out")
    assert code == 1
    assert err == f"error: cv.pdf: refusing to write outside the output folder {tmp_path / 'out'}\n"
    assert victim.read_text(encoding="utf-8") == "precious" and temps(tmp_path / "out") == []


# --------------------------------------------------------------------------- killed builds


def build_process(profile: Path, out: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cvgen", "build", str(profile), "--pdf", "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **EPOCH, **env},
    )


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory):
    """Profiles A and B, the bytes each builds to, and how long a build takes in a fresh process."""
    tmp_path = tmp_path_factory.mktemp("versions")
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("person: {name: Ada Lovelace}\ninterests: [engines]\n", encoding="utf-8")
    b.write_text(
        "person: {name: Ada Lovelace}\ninterests: [looms]\npublications:\n"
        + "".join(f"  - {{title: Note {i} on the engine, year: 1843}}\n" for i in range(40)),
        encoding="utf-8",
    )
    pdfs = {}
    durations = []
    for profile in (a, b):
        start = time.perf_counter()
        proc = build_process(profile, tmp_path / profile.stem)
        assert proc.wait(timeout=60) == 0, proc.stderr.read()
        durations.append(time.perf_counter() - start)
        pdfs[profile] = (tmp_path / profile.stem / "cv.pdf").read_bytes()
    assert pdfs[a] != pdfs[b] and all(p.startswith(b"%PDF-") for p in pdfs.values())
    return a, b, pdfs, max(durations)


def test_killed_at_random_points_never_loses_the_pdf(two_versions, tmp_path):
    """SIGKILL a build 20 times at random moments: cv.pdf is always one complete version, and the
    next build clears whatever temporary file a kill left."""
    a, b, pdfs, duration = two_versions
    seed = 6 if IN_CI else random.randrange(10**6)
    rng = random.Random(seed)
    out = tmp_path / "out"
    assert build_process(a, out).wait(timeout=60) == 0
    outcomes = {"kept": 0, "replaced": 0, "finished": 0, "temp left": 0}
    for run in range(20):
        profile = (a, b)[run % 2]
        before = (out / "cv.pdf").read_bytes()
        proc = build_process(profile, out)
        time.sleep(rng.uniform(0.1, duration))
        proc.send_signal(signal.SIGKILL)
        code = proc.wait(timeout=30)
        now = (out / "cv.pdf").read_bytes()
        assert now in (pdfs[a], pdfs[b]), f"run {run} (seed {seed}): cv.pdf is neither version ({len(now)} bytes)"
        outcomes["finished" if code == 0 else ("kept" if now == before else "replaced")] += 1
        outcomes["temp left"] += bool(temps(out))
        assert len(temps(out)) <= 1, temps(out)
    final = build_process(b, out)
    assert final.wait(timeout=60) == 0, final.stderr.read()
    assert (out / "cv.pdf").read_bytes() == pdfs[b] and temps(out) == []
    print(f"kill test (seed {seed}, build {duration:.2f} s): {outcomes}")


def test_killed_in_the_middle_of_writing(two_versions, tmp_path, cli, monkeypatch):
    """A kill after the new PDF is half on disk (temporary file written, not yet renamed): the old
    PDF stays; the temporary file is left, and the next build removes it."""
    a, b, pdfs, _ = two_versions
    out = tmp_path / "out"
    assert build_process(a, out).wait(timeout=60) == 0
    flag = tmp_path / "mid-write"
    code = (
        "import os, sys, time\n"
        "real = os.fsync\n"
        "def slow(fd):\n"
        "    real(fd)\n"
        f"    open({str(flag)!r}, 'w').close()\n"
        "    time.sleep(60)\n"
        "os.fsync = slow\n"
        "from cvgen.cli import main\n"
        f"sys.exit(main(['build', {str(b)!r}, '--pdf', '-o', {str(out)!r}]))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT), **EPOCH}, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while not flag.exists():
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
        time.sleep(0.02)
    (temp,) = temps(out)
    assert (out / temp).read_bytes() == pdfs[b]  # the new PDF, complete but not in place
    proc.kill()
    proc.wait()
    assert (out / "cv.pdf").read_bytes() == pdfs[a]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    assert cli("build", b, "--pdf", "-o", out)[0] == 0
    assert (out / "cv.pdf").read_bytes() == pdfs[b] and temps(out) == []


def test_stale_temporary_files_of_other_outputs_go_too(tmp_path, cli):
    """A kill while writing cv-short.pdf leaves `.cv-short.pdf.XXXXXXXX.tmp`; any later build into
    the folder removes it, and leaves files that only look similar alone."""
    profile = tmp_path / "profile.yaml"
    profile.write_text("person: {name: Ada Lovelace}\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".cv-short.pdf.abc123_z.tmp").write_bytes(b"%PDF-1.7 half")
    (out / "notes.tmp").write_text("mine", encoding="utf-8")
    (out / ".notes.tmp").write_text("mine", encoding="utf-8")
    assert cli("build", profile, "--pdf", "-o", out)[0] == 0
    assert sorted(p.name for p in out.iterdir()) == [".notes.tmp", "cv.pdf", "notes.tmp"]


# --------------------------------------------------------------------------- two builds at once


def test_two_builds_into_one_folder(two_versions, tmp_path):
    """Started together, both succeed; the result is one complete version, never a mix."""
    a, b, pdfs, _ = two_versions
    out = tmp_path / "out"
    procs = [build_process(a, out), build_process(b, out)]
    results = [(p.wait(timeout=60), p.stdout.read(), p.stderr.read()) for p in procs]
    assert [code for code, _, _ in results] == [0, 0], results
    assert all(f"wrote {out / 'cv.pdf'}" in stdout for _, stdout, _ in results)
    assert (out / "cv.pdf").read_bytes() in (pdfs[a], pdfs[b])
    assert temps(out) == []


def test_a_second_build_waits_for_the_first(two_versions, tmp_path):
    """While one build holds the folder, another waits and writes nothing; then it finishes."""
    a, b, pdfs, duration = two_versions
    out = tmp_path / "out"
    assert build_process(a, out).wait(timeout=60) == 0
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as a running build does
        proc = build_process(b, out)
        time.sleep(duration + 0.5)
        assert proc.poll() is None, "the second build did not wait"
        assert (out / "cv.pdf").read_bytes() == pdfs[a]
    finally:
        os.close(fd)
    assert proc.wait(timeout=60) == 0, proc.stderr.read()
    assert (out / "cv.pdf").read_bytes() == pdfs[b]


def test_waiting_gives_up_with_a_message(good, cli, monkeypatch):
    profile, out, before = good
    edit(profile)
    monkeypatch.setattr(write, "LOCK_TIMEOUT", 0.3)
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        code, _, err = cli("build", profile, "--pdf", "-o", out)
    finally:
        os.close(fd)
    assert code == 1
    assert (
        err == f"error: {out}: another cvgen build is still writing into this folder; try again when it has finished\n"
    )
    assert_kept(out, before)


def test_tex_engine_crash_keeps_the_last_pdf(tmp_path, cli, monkeypatch):
    """XeLaTeX dying of a signal under latexmk: a message pointing at the log, the old PDF kept."""
    from tests.conftest import require

    latexmk = require("latexmk", "apt-get install latexmk texlive-xetex texlive-fonts-recommended")
    profile = tmp_path / "profile.yaml"
    profile.write_text("person: {name: Ada Lovelace}\ninterests: [engines]\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = cli("build", profile, "--engine", "latex", "--pdf", "-o", out)
    assert code == 0, err
    before = (out / "cv.pdf").read_bytes()
    edit(profile)
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "latexmk").symlink_to(latexmk)
    (bin_ / "xelatex").write_text("#!/bin/sh\nkill -SEGV $$\n", encoding="utf-8")
    (bin_ / "xelatex").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_}{os.pathsep}{os.environ['PATH']}")
    code, _, err = cli("build", profile, "--engine", "latex", "--pdf", "-o", out)
    assert code == 1 and err.startswith("error: ") and "Traceback" not in err, err
    assert "previous PDF was kept" in err and "cv.log" in err
    assert_kept(out, before)
