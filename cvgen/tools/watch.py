"""`cvgen watch` and `cvgen serve`: rebuild when the profile or its files change.

A failed rebuild prints its message and keeps the last good outputs (the
writes are atomic), then waits for the next change. `serve` also serves the
output folder on a loopback address for a live preview.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cvgen.build import BuildOptions, BuildReport, build
from cvgen.errors import CvgenError

IGNORED_PARTS = {".git", "__pycache__", "node_modules", ".venv"}


def relevant(changed: Path, profile: Path, outdir: Path) -> bool:
    """Changes inside the output folder (our own writes) never trigger a rebuild."""
    changed = changed.resolve()
    out = outdir.resolve()
    if changed == out or out in changed.parents:
        return False
    if IGNORED_PARTS & set(changed.parts) or changed.name.endswith((".tmp", "~", ".swp")):
        return False
    return changed == profile.resolve() or profile.resolve().parent in changed.parents


def rebuild(profile: Path, options: BuildOptions, echo: Callable[[str], None]) -> BuildReport | None:
    try:
        report = build(profile, BuildOptions(**vars(options)))
    except CvgenError as exc:
        echo(f"build failed; the last good outputs are kept:\n{exc}")
        return None
    total = sum(report.timings.values())
    echo(f"built {len(report.outputs)} file(s) in {total:.2f} s")
    return report


def watch(
    profile: Path, options: BuildOptions, echo: Callable[[str], None], changes: Iterator[set[tuple[Any, str]]] | None = None
) -> None:
    """Build once, then after every relevant change. `changes` is injectable for tests."""
    rebuild(profile, options, echo)
    if changes is None:
        from watchfiles import watch as watch_files

        changes = watch_files(profile.resolve().parent, debounce=300)
    for batch in changes:
        paths = [Path(p) for _, p in batch]
        if any(relevant(p, profile, options.outdir) for p in paths):
            rebuild(profile, options, echo)


def serve(profile: Path, options: BuildOptions, echo: Callable[[str], None], port: int = 8000) -> None:
    options.outdir.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(options.outdir.resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    echo(f"serving {options.outdir} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)")
    try:
        watch(profile, options, echo)
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass
