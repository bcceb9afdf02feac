"""Stage 7a: HTML -> PDF with WeasyPrint (the default engine).

WeasyPrint is imported here and only here, lazily: `validate`, `--tex` and
`--homepage` never pay its 0.5-0.8 s import. Its fetcher is confined to the
allowed folders (profile folder, built-in templates) with a size cap: no
network, no /etc/passwd, no /dev/zero. Its errors arrive as log records, so
we capture them and fail on any resource that did not load.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import logging
import mimetypes
import os
import re
import shutil
import signal
import subprocess
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import unquote, urlsplit

from cvgen.engines.clibs import cached_library_lookups
from cvgen.errors import BuildError, ToolMissing
from cvgen.profile.inside import Missing, NotInside, read_inside

MAX_RESOURCE_BYTES = 20_000_000
# A 2,000-paper CV lays out in well under a minute; past this the engine is stuck, not slow.
TIMEOUT_SECONDS = 300.0


class _Timeout(BaseException):  # not an Exception: WeasyPrint's own `except Exception` must not swallow it
    pass


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise _Timeout in the main thread after `seconds` (SIGALRM). Elsewhere, or when the
    process already uses the interval timer, no limit is set: we never steal a caller's alarm."""
    usable = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Layout allocates millions of short-lived objects that hold no cycles worth collecting mid-way.

    Python's cyclic collector would scan the whole (growing) heap again and again: a
    200-publication CV lays out in 0.57x the time with the imported modules frozen out of
    the scans and the youngest generation collected every 100,000 allocations, not 700.
    """
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


@dataclass
class PdfResult:
    data: bytes
    pages: int
    last_page_fill: float = 1.0  # how much of the last page's text area is used (0 to 1): page fitting reads it


# cv.pdf_standard -> WeasyPrint's pdf_variant. PDF/UA-1 is a tagged PDF (structure tree, /Lang, title shown);
# it costs about 10% of a build (measured in tests/engines/test_typesetting.py).
PDF_VARIANTS = {"pdf/ua-1": "pdf/ua-1", "pdf/a-2b": "pdf/a-2b", "pdf/a-3b": "pdf/a-3b", "none": None}


def _pdf_options(standard: str | None) -> dict[str, Any]:
    variant = PDF_VARIANTS[standard or "pdf/ua-1"]
    return {"pdf_variant": variant} if variant else {}


def _last_page_fill(document: Any) -> float:
    """The share of the last page's content height that its lines use (the margin boxes left out)."""
    from weasyprint.formatting_structure.boxes import LineBox

    page = document.pages[-1]._page_box
    if not page.children or not page.height:
        return 0.0
    top = float(page.content_box_y())
    bottoms = [float(b.position_y + b.height) for b in page.children[0].descendants() if isinstance(b, LineBox)]
    return max(0.0, min(1.0, (max(bottoms, default=top) - top) / float(page.height)))


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@functools.cache
def _fetcher_class() -> Any:  # built lazily (once): subclassing needs the weasyprint import
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class ConfinedFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type information
        def __init__(self, allowed: list[Path]) -> None:
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
            self.allowed = [p.resolve() for p in allowed]
            self.read: list[tuple[Path, bytes]] = []  # every file read, with the SHA-256 of its bytes

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme != "file":
                raise FatalURLFetchingError(f"blocked non-local resource: {url}")
            path = Path(os.path.normpath(unquote(parts.path)))
            root = next((r for r in self.allowed if r in path.parents), None)
            if root is None:
                raise FatalURLFetchingError(f"blocked file outside the profile's folder: {path}")
            try:  # read through handles that cannot leave `root`, whatever a link in it says (profile/inside.py)
                body = read_inside(root, path.relative_to(root).as_posix(), MAX_RESOURCE_BYTES)
            except Missing:
                raise ValueError(f"missing file: {path}") from None
            except NotInside as exc:
                raise FatalURLFetchingError(f"blocked: {exc}: {path}") from None
            self.read.append((path, hashlib.sha256(body).digest()))
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), body=body, headers={"Content-Type": mime})

    return ConfinedFetcher


# Characters some installed font was found to have, in this process.
_FOUND: set[str] = set()
# Characters past Latin Extended-B: the ones a minimal system may have no font for.
_RARE = re.compile("[^\x00-\u024f]")
_EMOJI = re.compile("[\u2600-\u27bf\U0001f000-\U0001faff]")
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


def check_fonts(html: str) -> None:
    """Fail, saying what to install, when no installed font has a character the CV prints.

    WeasyPrint would print an empty box and keep going (the text layer even looks right).
    Fontconfig answers through `fc-list`; without it there is nothing to ask, and no check.
    The markup itself is ASCII, so the characters of `html` are the ones printed.
    """
    # controls, format characters, separators and combining marks are never looked up on their own
    wanted = sorted({c for c in _RARE.findall(html) if unicodedata.category(c)[0] not in "CZM"})
    fc_list = shutil.which("fc-list") if wanted and not _FOUND.issuperset(wanted) else None
    if not fc_list:
        return

    def some_font_has(chars: list[str]) -> bool:
        pattern = ":charset=" + " ".join(f"{ord(c):x}" for c in chars)
        try:
            out = subprocess.run([fc_list, pattern, "family"], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            return True  # cannot tell: do not fail the build for it
        return out.returncode != 0 or bool(out.stdout.strip())

    # One question for all (a CJK font usually has the Greek and Cyrillic too); only if no single
    # font has everything, one per 256-character block, and one per character of a block no font has.
    if some_font_has(wanted):
        _FOUND.update(wanted)  # a font does not vanish while cvgen runs: asked once per process (watch, serve)
        return
    blocks: dict[int, list[str]] = {}
    for c in wanted:
        blocks.setdefault(ord(c) >> 8, []).append(c)
    missing = []
    for chars in list(blocks.values())[:16]:
        if not some_font_has(chars):
            missing += [c for c in chars[:16] if not some_font_has([c])]
    if not missing:
        return
    shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in missing[:5]) + (", ..." if len(missing) > 5 else "")
    packages = []
    if any(_CJK.match(c) for c in missing):
        packages.append("fonts-noto-cjk")
    if any(_EMOJI.match(c) for c in missing):
        packages.append("fonts-noto-color-emoji")
    if any(not _CJK.match(c) and not _EMOJI.match(c) for c in missing):
        packages.append("fonts-noto-core fonts-noto-extra")
    package = " ".join(packages)
    raise ToolMissing(
        f"no installed font has {shown}; the PDF would show empty boxes. Install a font for them: "
        f"`sudo apt-get install {package}` (Debian/Ubuntu), or add one to your system's fonts"
    )


_font_config: Any = None

# The CV's one <style> sheet, when nothing in it reaches beyond the sheet itself (fonts, imports, counter
# styles, layers, colour profiles) and nothing is !important.
_STYLE = re.compile(r"<style>([^<]*)</style>")
_NOT_SHAREABLE = re.compile(r"!\s*important|@(?:font-face|import|counter-style|layer|color-profile)", re.IGNORECASE)
_SHEETS_KEPT = 8
_sheets: dict[tuple[str, str, tuple[Path, ...]], Any] = {}


def _shared_sheet(weasyprint: Any, html: str, base_url: str, allowed: list[Path]) -> tuple[str, list[Any]]:
    """`html` without its style sheet, and that sheet parsed once per process; or `html` as it is.

    WeasyPrint parses a document's <style> for every document (selectors compiled, every declaration
    validated): about a fifth of a warm 4-page CV. A sheet passed as `stylesheets` is parsed once and
    reused by `watch`, `serve` and batch children. It then has the "user" origin instead of "author",
    which cascades the same when it is the only sheet and declares nothing !important: the PDF bytes
    are the same (tests/engines/test_weasyprint_cache.py). Anything else stays inline.
    """
    if html.count("<style") != 1 or "<link" in html:
        return html, []
    m = _STYLE.search(html)
    if m is None or _NOT_SHAREABLE.search(m.group(1)):
        return html, []
    key = (m.group(1), base_url, tuple(allowed))
    sheet = _sheets.pop(key, None)
    if sheet is None:
        sheet = weasyprint.CSS(
            string=m.group(1), base_url=base_url, url_fetcher=_fetcher_class()(allowed), font_config=_font_config
        )
    _sheets[key] = sheet  # the most recently used last; the oldest goes first
    while len(_sheets) > _SHEETS_KEPT:
        del _sheets[next(iter(_sheets))]
    return html[: m.start()] + html[m.end() :], [sheet]


def _start() -> Any:
    """WeasyPrint, imported once, with one font configuration for every build of the process."""
    global _font_config
    try:
        with cached_library_lookups():  # WeasyPrint's C-library search: ~0.25 s per cold start otherwise
            import weasyprint
        from weasyprint.text.fonts import FontConfiguration
    except (ImportError, OSError) as exc:  # OSError: pango/cairo libraries missing
        raise BuildError(
            f"WeasyPrint cannot start ({exc}); reinstall with `pip install cvgen` and, on Debian, "
            "`apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0`"
        ) from None
    if _font_config is None:
        _font_config = FontConfiguration()  # reused: saves 10-15% of layout
    return weasyprint


def warm_up() -> None:
    """Pay WeasyPrint's start now (a parent about to fork one build per profile)."""
    _start()


# The last PDFs of this process, by all they were made from: the HTML, the folders, the standard, and
# the bytes (SHA-256) of every file WeasyPrint read. `watch` and `serve` (keep_pdfs) print the CV again
# only when one of them changed: an edit that shows on the site alone costs no PDF.
_PDFS: dict[tuple[str, str, str | None, tuple[Path, ...]], tuple[PdfResult, list[tuple[Path, bytes]]]] = {}
_pdfs_kept = 0


def keep_pdfs(count: int) -> None:
    """Keep the last `count` PDFs for rebuilds of a long-lived process (0: none, the default)."""
    global _pdfs_kept
    _pdfs_kept = count
    _PDFS.clear()


def _unchanged(read: list[tuple[Path, bytes]]) -> bool:
    for path, digest in read:
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_RESOURCE_BYTES + 1)
        except OSError:
            return False
        if hashlib.sha256(data).digest() != digest:
            return False
    return True


def html_to_pdf(html: str, base_dir: Path, allowed: list[Path], pdf_standard: str | None = None) -> PdfResult:
    """The PDF of `html`; `pdf_standard` as cv.pdf_standard (None: PDF/UA-1, tagged)."""
    key = (hashlib.sha256(html.encode("utf-8")).hexdigest(), str(base_dir.resolve()), pdf_standard, tuple(allowed))
    made = _PDFS.pop(key, None)
    if made is not None and _unchanged(made[1]):
        _PDFS[key] = made  # the most recently used last
        return made[0]
    result, read = _print(html, base_dir, allowed, pdf_standard)
    _PDFS[key] = (result, read)
    while len(_PDFS) > _pdfs_kept:
        del _PDFS[next(iter(_PDFS))]
    return result


def _print(
    html: str, base_dir: Path, allowed: list[Path], pdf_standard: str | None
) -> tuple[PdfResult, list[tuple[Path, bytes]]]:
    weasyprint = _start()
    from weasyprint.urls import FatalURLFetchingError

    check_fonts(html)
    capture = _Capture()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(capture)
    options = _pdf_options(pdf_standard)
    try:
        with _deadline(TIMEOUT_SECONDS), _fewer_collections():
            base_url = base_dir.resolve().as_uri() + "/"
            page, sheets = _shared_sheet(weasyprint, html, base_url, allowed)
            fetcher = _fetcher_class()(allowed)
            document = weasyprint.HTML(string=page, base_url=base_url, url_fetcher=fetcher).render(
                font_config=_font_config, stylesheets=sheets, **options
            )
            data = document.write_pdf(**options)
    except _Timeout:
        raise BuildError(
            f"PDF engine (WeasyPrint) did not finish within {TIMEOUT_SECONDS:g} s and was stopped; the previous PDF is kept"
        ) from None
    except FatalURLFetchingError as exc:
        raise BuildError(f"PDF engine: {exc}") from None
    except Exception as exc:  # WeasyPrint has no error hierarchy; report, don't trace back
        raise BuildError(
            f"PDF engine (WeasyPrint) failed: {type(exc).__name__}{f': {exc}' if str(exc) else ''}; "
            "the previous PDF is kept"
        ) from None
    finally:
        logger.removeHandler(capture)
    failed = [m for m in capture.messages if "Failed to load" in m or "blocked" in m.lower()]
    if failed:
        raise BuildError("PDF engine could not load: " + "; ".join(failed))
    return PdfResult(data, len(document.pages), _last_page_fill(document)), list(fetcher.read)
