"""`cvgen watch` and `cvgen serve`: rebuild when the profile or its files change.

A failed rebuild prints its message and keeps the last good outputs (the
writes are atomic), then waits for the next change. `serve` also serves the
output folder on a loopback address for a live preview, and answers only
requests addressed to a loopback name: a web page elsewhere cannot reach the
preview through DNS rebinding (a hostname of its own that resolves to
127.0.0.1).
"""

from __future__ import annotations

import errno
import functools
import gc
import http.server
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cvgen.build import BuildOptions, BuildReport, build
from cvgen.errors import BuildError, CvgenError

IGNORED_PARTS = {".git", "__pycache__", "node_modules", ".venv"}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def relevant(changed: Path, profile: Path, outdir: Path, written: frozenset[Path] = frozenset()) -> bool:
    """Changes inside the output folder (our own writes) never trigger a rebuild.

    When the output folder holds the profile itself (`-o .`), only the files a build wrote
    (`written`) are ours; every other change there is the user's.
    """
    changed = changed.resolve()
    out = outdir.resolve()
    folder = profile.resolve().parent
    if changed in written:
        return False
    if (changed == out or out in changed.parents) and not (folder == out or out in folder.parents):
        return False
    if IGNORED_PARTS & set(changed.parts) or changed.name.endswith((".tmp", "~", ".swp")):
        return False
    return changed == profile.resolve() or folder in changed.parents


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
    profile: Path,
    options: BuildOptions,
    echo: Callable[[str], None],
    changes: Iterator[set[tuple[Any, str]]] | None = None,
    printing_child: bool = False,
) -> None:
    """Build once, then after every relevant change. `changes` is injectable for tests.

    The process lives on between builds, so it reuses what did not change: WeasyPrint and its fonts,
    the parsed style sheet, parsed names, resized pictures, parsed .bib files, and the CV's PDF itself
    while its HTML and every file it read are the same (an edit of the site alone). With
    `printing_child` (the `cvgen watch` command), WeasyPrint and those PDFs live in a forked child that
    prints each CV while this process makes the site (engines/printer.py).
    """
    folder = watched_folder(profile)
    with rebuilding(printing_child):
        _rebuild_on_changes(profile, folder, options, echo, changes)


@contextmanager
def rebuilding(printing_child: bool) -> Iterator[None]:
    """A process that rebuilds: kept PDFs, a slower collector, and, if asked, the printing child, which
    is forked after both are set so that it has them too."""
    from cvgen.engines import printer
    from cvgen.engines.weasyprint import keep_pdfs

    keep_pdfs(4)
    collect = gc.get_threshold()
    # The youngest generation collected every 100,000 allocations, not 700: each collection walks the
    # objects of the process that live on between builds; a rebuild takes ~5% less time (benchmarks/run.py).
    gc.set_threshold(100_000, collect[1], collect[2])
    if printing_child:
        printer.start()
    try:
        yield
    finally:
        printer.stop()
        gc.set_threshold(*collect)
        keep_pdfs(0)


def _rebuild_on_changes(
    profile: Path,
    folder: Path,
    options: BuildOptions,
    echo: Callable[[str], None],
    changes: Iterator[set[tuple[Any, str]]] | None,
) -> None:
    report = rebuild(profile, options, echo)
    written = frozenset(p.resolve() for p in report.outputs) if report else frozenset()
    if changes is None:
        from watchfiles import watch as watch_files

        changes = watch_files(folder, debounce=300)
    for batch in changes:
        paths = [Path(p) for _, p in batch]
        if any(relevant(p, profile, options.outdir, written) for p in paths):
            report = rebuild(profile, options, echo)
            written = frozenset(p.resolve() for p in report.outputs) if report else written


def watched_folder(profile: Path) -> Path:
    """The profile's folder, which watch follows; a BuildError when there is none."""
    folder = profile.resolve().parent
    if not folder.is_dir():
        raise BuildError(f"{profile.parent}: no such folder, so there is nothing to watch; check the profile's path")
    return folder


def serve(
    profile: Path, options: BuildOptions, echo: Callable[[str], None], port: int = 8000, printing_child: bool = False
) -> None:
    """Serve the output folder on 127.0.0.1:`port` while watching; a BuildError when that cannot start."""
    folder = watched_folder(profile)
    try:
        options.outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"{options.outdir}: cannot create the output folder: {exc.strerror}") from None
    handler = functools.partial(LoopbackHandler, directory=str(options.outdir.resolve()))
    server = open_server(port, handler)
    with rebuilding(printing_child):  # the printing child is forked before the server's thread starts
        threading.Thread(target=server.serve_forever, daemon=True).start()
        echo(f"serving {options.outdir} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)")
        try:
            _rebuild_on_changes(profile, folder, options, echo, None)
        finally:
            server.shutdown()
            server.server_close()


def open_server(port: int, handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> http.server.HTTPServer:
    """A threading HTTP server on 127.0.0.1:`port`, or a BuildError saying why there is none."""
    if not 0 <= port <= 65535:
        raise BuildError(f"port {port} does not exist; use one from 1024 to 65535, e.g. --port 8000")
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise BuildError(
                f"port {port} is in use (another server, or another cvgen serve); choose another with --port"
            ) from None
        if exc.errno == errno.EACCES:
            raise BuildError(
                f"port {port} needs administrator rights (ports below 1024 do); use one from 1024 up, e.g. --port 8000"
            ) from None
        raise BuildError(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}") from None


_HOST_RX = re.compile(r"^(?P<name>\[[^\]]*\]|[^:]*)(?::(?P<port>\d{1,5}))?$")


def loopback_host(header: str | None, port: int) -> bool:
    """Whether a Host header names this server by a loopback name (with or without its port)."""
    m = _HOST_RX.match((header or "").strip().lower())
    if not m or m["name"] not in LOOPBACK_HOSTS:
        return False
    return m["port"] is None or int(m["port"]) == port


class LoopbackHandler(http.server.SimpleHTTPRequestHandler):
    """The output folder, to requests addressed to 127.0.0.1, localhost or [::1] only."""

    def do_GET(self) -> None:
        if self._host_allowed():
            super().do_GET()

    def do_HEAD(self) -> None:
        if self._host_allowed():
            super().do_HEAD()

    def _host_allowed(self) -> bool:
        port = getattr(self.server, "server_port", None)  # set by HTTPServer.server_bind
        if isinstance(port, int) and loopback_host(self.headers.get("Host"), port):
            return True
        self.send_error(403, "Forbidden", "cvgen serve answers only requests for 127.0.0.1, localhost or [::1]")
        return False

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass
