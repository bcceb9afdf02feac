"""A WeasyPrint process beside cvgen: a cold build's WeasyPrint starts while cvgen reads the profile.

A cold build spends about 0.3 s starting WeasyPrint (its import, then the first document's fonts,
validators and lazy imports) and about as long reading the profile and making the HTML, one after
the other. Forked at the very start, a child does the first while the parent does the second, on
the machine's second core; the parent then hands the HTML over a pipe and makes the homepage while
the child prints. Only the wall time shrinks: the CPU time is the same.

`start()` is called by the `cvgen build` command for one profile, before cvgen's own imports (no
thread exists yet, so the fork is safe), and by `cvgen watch` and `cvgen serve`, whose child stays
warm and keeps their last PDFs. Everything else (tests calling `main(argv)`, batch builds, one-core
machines) prints in-process: `submit` does that when no child runs. The child only prints: it reads
no profile and writes no file, and it ends when its pipe closes, when `stop()` ends it, or when its
parent dies (PR_SET_PDEATHSIG)."""

from __future__ import annotations

import atexit
import gc
import os
import pickle
import signal
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cvgen.engines.reaper import die_with_parent
from cvgen.errors import BuildError, ToolMissing

if TYPE_CHECKING:
    from cvgen.engines.weasyprint import PdfResult

_HEADER = struct.Struct("!Q")
# Errors the child may report, rebuilt in the parent by name; anything else arrives as a BuildError.
_ERRORS: dict[str, type[BuildError]] = {"BuildError": BuildError, "ToolMissing": ToolMissing}
# Printed by the child as soon as WeasyPrint is imported: it loads the fonts of the default theme, the
# PDF/UA tagging and the font subsetter before the CV arrives.
_FIRST_PAGE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>cvgen</title>'
    '<style>html { font: 10pt "TeX Gyre Pagella", serif; } h2 { font-variant: small-caps; }</style></head>'
    "<body><h1>Ada Lovelace</h1><h2>Publications</h2><p><strong>Ada Lovelace</strong>, C. Babbage. "
    '<em>A Note</em>, 1843. <a href="https://example.org/">[PDF]</a></p></body></html>'
)


@dataclass
class _Child:
    pid: int
    requests: int  # the parent writes here
    replies: int  # and reads here


_child: _Child | None = None
_unread = 0  # replies the child owes to requests sent and not yet collected


def start() -> None:
    """Fork the printing child, if this machine has a second core for it and WeasyPrint is not loaded."""
    global _child
    import sys

    if _child is not None or "weasyprint" in sys.modules or not hasattr(os, "fork"):
        return
    if len(os.sched_getaffinity(0)) < 2:  # one core: the child would only take turns with the parent
        return
    requests_r, requests_w = os.pipe()
    replies_r, replies_w = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.close(requests_w)
        os.close(replies_r)
        _serve(parent, requests_r, replies_w)  # never returns
    os.close(requests_r)
    os.close(replies_w)
    _child = _Child(pid, requests_w, replies_r)
    atexit.register(stop)


def stop() -> None:
    """End the child (at once: a child still importing is not waited for) and reap it."""
    global _child, _unread
    child, _child, _unread = _child, None, 0
    if child is None:
        return
    os.close(child.requests)
    os.close(child.replies)
    try:
        os.kill(child.pid, signal.SIGKILL)
        os.waitpid(child.pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def html_to_pdf(html: str, base_dir: Path, allowed: list[Path], pdf_standard: str | None = None) -> PdfResult:
    """The PDF of `html`, printed by the child when one runs, else in this process (see engines.weasyprint)."""
    return submit(html, base_dir, allowed, pdf_standard)()


def submit(html: str, base_dir: Path, allowed: list[Path], pdf_standard: str | None = None) -> Callable[[], PdfResult]:
    """Start printing `html`; the returned function gives the PDF (or raises the engine's error).

    With a child, the caller makes its other outputs while the child prints. In this process, the
    PDF is printed here, before this returns.
    """
    global _unread
    if _child is not None:
        _drain(_child)
    if _child is None:  # none started, or it died (then this process prints from now on)
        from cvgen.engines import weasyprint

        result = weasyprint.html_to_pdf(html, base_dir, allowed, pdf_standard)
        return lambda: result
    child = _child
    try:
        _send(child.requests, (html, str(base_dir), [str(p) for p in allowed], pdf_standard))
    except OSError:
        return _stopped
    _unread += 1
    got: list[PdfResult] = []

    def collect() -> PdfResult:
        if not got:
            got.append(_reply(child))
        return got[0]

    return collect


def _reply(child: _Child) -> PdfResult:
    global _unread
    from cvgen.engines.weasyprint import PdfResult

    try:
        reply = _receive(child.replies)
    except (OSError, EOFError, pickle.UnpicklingError):
        reply = None
    _unread -= 1
    if reply is None:
        return _stopped()
    if reply[0] == "error":
        raise _ERRORS.get(reply[1], BuildError)(reply[2])
    _, data, pages, fill = reply
    return PdfResult(data, pages, fill)


def _drain(child: _Child) -> None:
    """Read the replies to requests nobody collected (a build that failed while the child printed)."""
    global _unread
    while _unread > 0:
        _unread -= 1
        try:
            reply = _receive(child.replies)
        except (OSError, EOFError, pickle.UnpicklingError):
            reply = None
        if reply is None:
            stop()
            return


def _stopped() -> PdfResult:
    stop()
    raise BuildError("PDF engine (WeasyPrint) stopped without a result; the previous PDF is kept")


def _serve(parent: int, requests: int, replies: int) -> None:
    """The child: start WeasyPrint, print a first small page, then print what the parent sends."""
    code = 1  # anything unexpected: the parent sees the closed pipe and reports it
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C reaches the whole group; the parent reports it
        if not die_with_parent(signal.SIGKILL) or os.getppid() != parent:  # gone before the request took
            return
        gc.disable()  # the start makes modules and caches that live as long as the child: nothing to collect
        from cvgen.engines import weasyprint

        try:
            weasyprint.html_to_pdf(_FIRST_PAGE, Path("/"), [])
        except BuildError:
            pass  # only a head start; the real document reports its own problems
        gc.enable()
        while (request := _receive(requests)) is not None:
            _send(replies, _print(weasyprint, *request))
        code = 0
    finally:
        os._exit(code)  # none of the parent's atexit handlers or buffers run twice


def _print(weasyprint: Any, html: str, base_dir: str, allowed: list[str], pdf_standard: str | None) -> tuple[Any, ...]:
    try:
        got = weasyprint.html_to_pdf(html, Path(base_dir), [Path(p) for p in allowed], pdf_standard)
    except BuildError as exc:
        return ("error", type(exc).__name__, str(exc))
    return ("ok", got.data, got.pages, got.last_page_fill)


def _send(fd: int, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int) -> Any:
    """The next message, or None when the other side closed the pipe."""
    header = _read(fd, _HEADER.size)
    if header is None:
        return None
    body = _read(fd, _HEADER.unpack(header)[0])
    if body is None:
        return None
    return pickle.loads(body)  # noqa: S301  # from our own fork, never from a profile


def _read(fd: int, size: int) -> bytes | None:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = os.read(fd, min(size - len(chunks), 1 << 20))
        if not chunk:
            return None
        chunks += chunk
    return bytes(chunks)
