"""Several profiles in one command: each built in its own forked child of one warm parent.

A department builds every member's CV and page at night. Starting Python,
pydantic and WeasyPrint once and forking a child per profile makes each build
start warm; the fork also isolates the builds, so a bad or hostile profile
(a crash, a runaway) fails alone. Each profile is built into OUT/<file stem>/.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import selectors
import signal
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cvgen.build import BuildOptions, build
from cvgen.errors import CvgenError, ProfileError


@dataclass
class BatchResult:
    profile: Path
    ok: bool
    lines: list[str]  # what the CLI prints for this profile: outputs written, or the problems


def output_folders(profiles: list[Path], outdir: Path) -> dict[Path, Path]:
    """OUT/<file stem>/ for each profile; two profiles with one stem would overwrite each other."""
    seen: dict[str, Path] = {}
    for p in profiles:
        if p.stem in seen and seen[p.stem].resolve() != p.resolve():
            raise CvgenError(f"{seen[p.stem]} and {p} would both be built into {outdir / p.stem}; rename one of them")
        seen[p.stem] = p
    return {p: outdir / p.stem for p in dict.fromkeys(profiles)}


def warm_up(options: BuildOptions) -> None:
    """Start WeasyPrint once, in the parent, when the builds may print with it, so each child starts warm.

    Importing is half of it: the first document a process prints also loads the fonts, builds the
    validators and parses the style sheets (measured: a 40-publication CV takes 0.52 s as a process's
    first build, 0.28 s after one). So the parent prints cvgen's own starter profile once, into a
    folder it then removes; never a user's profile, which may be hostile and runs only in a child.
    """
    prints = options.pdf or options.homepage or options.nothing_asked()
    if not prints or options.engine == "latex":
        return
    from cvgen.engines.weasyprint import warm_up as warm_engine
    from cvgen.tools.starter import starter_text

    warm_engine()
    with tempfile.TemporaryDirectory(prefix="cvgen-warm-") as tmp:
        profile = Path(tmp) / "profile.yaml"
        profile.write_text(starter_text(), encoding="utf-8")
        try:
            build(profile, BuildOptions(pdf=True, engine="weasyprint", outdir=Path(tmp) / "out"))
        except CvgenError:
            pass  # only a head start: each child still builds everything it needs itself


def _build_one(profile: Path, options: BuildOptions) -> BatchResult:
    try:
        report = build(profile, options)
    except ProfileError as exc:
        return BatchResult(profile, False, [str(p) for p in exc.problems])
    except CvgenError as exc:
        return BatchResult(profile, False, [f"{profile}: error: {exc}"])
    return BatchResult(profile, True, [f"wrote {path}" for path in report.outputs])


def _child(profile: Path, options: BuildOptions, write_fd: int) -> None:
    """In the forked child: build, send the result through the pipe, and leave without cleanup."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        result = _build_one(profile, options)
        os.write(write_fd, json.dumps({"ok": result.ok, "lines": result.lines}).encode("utf-8"))
        code = 0 if result.ok else 1
    finally:
        os._exit(code)  # no atexit handlers or buffers of the parent run twice


def _collect(pid: int, data: bytes, profile: Path) -> BatchResult:
    _, status = os.waitpid(pid, 0)
    try:
        sent = json.loads(data.decode("utf-8"))
        return BatchResult(profile, bool(sent["ok"]), [str(x) for x in sent["lines"]])
    except (ValueError, KeyError, TypeError):
        why = (
            f"signal {os.WTERMSIG(status)}"
            if os.WIFSIGNALED(status)
            else f"exit code {os.waitstatus_to_exitcode(status)}"
        )
        return BatchResult(profile, False, [f"{profile}: error: the build stopped without a result ({why})"])


def build_many(
    profiles: list[Path], options: BuildOptions, jobs: int, report: Callable[[BatchResult], None]
) -> list[BatchResult]:
    """Build every profile into its own folder under options.outdir, `jobs` at a time; report each as it ends."""
    folders = output_folders(profiles, options.outdir)
    warm_up(options)
    gc.freeze()  # what the children inherit is never scanned by their collector, so never copied on write
    try:
        return _run_children(list(folders.items()), options, jobs, report)
    finally:
        gc.unfreeze()


def _run_children(
    pending: list[tuple[Path, Path]], options: BuildOptions, jobs: int, report: Callable[[BatchResult], None]
) -> list[BatchResult]:
    """Fork a child per (profile, folder), `jobs` at a time; collect each result as its pipe closes."""
    running: dict[int, tuple[int, Path, bytearray]] = {}  # read fd -> (pid, profile, data so far)
    results: list[BatchResult] = []
    selector = selectors.DefaultSelector()
    while pending or running:
        while pending and len(running) < max(1, jobs):
            profile, folder = pending.pop(0)
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_fd)
                _child(profile, dataclasses.replace(options, outdir=folder), write_fd)
            os.close(write_fd)
            running[read_fd] = (pid, profile, bytearray())
            selector.register(read_fd, selectors.EVENT_READ)
        for key, _ in selector.select():
            fd = int(key.fd)
            pid, profile, data = running[fd]
            chunk = os.read(fd, 65536)
            if chunk:
                data += chunk
                continue
            selector.unregister(fd)
            os.close(fd)
            del running[fd]
            results.append(_collect(pid, bytes(data), profile))
            report(results[-1])
    selector.close()
    return results
