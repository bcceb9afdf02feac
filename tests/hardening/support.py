"""Shared tools of the hardening suite: optional stages, a canary that tells whether it was opened,
an HTML safety checker, PDF text comparison.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import html
import json
import os
import re
import secrets
import struct
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import ROOT

# --------------------------------------------------------------------------- optional stages and tools


def run_cvgen(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120):
    """`python -m cvgen ARGS` in a real process: the entry point a user runs."""
    return subprocess.run(
        [sys.executable, "-m", "cvgen", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=timeout,
    )


def run_measured(*args: str | Path, env: dict[str, str] | None = None, timeout: float = 120):
    """`python -m cvgen ARGS` in a real process: (completed process, seconds, peak memory in MB).

    The peak is the largest resident size of the process and of every process it waited for
    (os.wait4), so TeX or a forked template render counts too."""
    import tempfile
    import threading
    import time

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "cvgen", *map(str, args)],
            stdout=out,
            stderr=err,
            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        )
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(
            proc.args, proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
        )
    return result, seconds, usage.ru_maxrss / 1024


# --------------------------------------------------------------------------- text comparison


# The printed CV sets typographic quotes (cvgen/text/typography.py) and keeps names whole with word joiners.
_AS_TYPED = {0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"', 0x2060: None}


def squash(text: str) -> str:
    """Compare modulo line breaks, hyphenation points, ligatures and typographic quotes: NFKC, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(_AS_TYPED))


def pdf_body_text(path: Path, name: str) -> str:
    """Squashed text of a CV PDF without its page furniture (page numbers, the running header with
    `name`), which would otherwise split an entry that crosses a page break."""
    from tests.conftest import require

    require("pdftotext", "apt-get install poppler-utils")
    raw = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = raw.split("\f")
    furniture = [squash(f"{name} — Curriculum Vitae")]
    body = []
    for n, page in enumerate(pages, 1):
        text = squash(page)
        for thing in furniture + [squash(f"Page {n} of {len(pages) - 1}")]:
            text = text.replace(thing, "")
        body.append(text)
    return "".join(body)


def visible_markdown(text: str, inline: bool) -> str:
    """What a Markdown field shows: the text of cvgen's own rendering (raw HTML stays text)."""
    from cvgen.text.format import markdown_parser

    md = markdown_parser()
    rendered = md.renderInline(text) if inline else md.render(text)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def output_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


# --------------------------------------------------------------------------- the canary


IN_OPEN, IN_ACCESS, IN_NONBLOCK, IN_CLOEXEC = 0x20, 0x1, 0o4000, 0o2000000


class Canary:
    """A file outside the profile folder holding a random token.

    `watch()` uses Linux inotify on the file itself: any process (WeasyPrint in-process, XeLaTeX
    in a subprocess) that opens or reads it is recorded, so "never read" is observed, not assumed.
    """

    def __init__(self, folder: Path, name: str = "canary.txt", data: bytes | None = None):
        """`data`: the file's bytes instead of the token (an image, say); the token then only names it."""
        self.token = "CANARY" + secrets.token_hex(8).upper()
        self.path = folder / name
        self.path.write_bytes(data if data is not None else (self.token + "\n").encode("utf-8"))
        self._fd: int | None = None
        self._libc = None

    @property
    def url(self) -> str:
        return self.path.as_uri()

    def __enter__(self) -> Canary:
        if not sys.platform.startswith("linux"):
            return self
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fd = libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        if fd < 0:
            return self
        if libc.inotify_add_watch(fd, str(self.path).encode(), IN_OPEN | IN_ACCESS) < 0:
            os.close(fd)
            return self
        self._fd, self._libc = fd, libc
        return self

    def opened(self) -> bool:
        """Whether anyone opened the canary since `__enter__` (False where inotify is unavailable)."""
        if self._fd is None:
            return False
        try:
            data = os.read(self._fd, 65536)
        except BlockingIOError:
            return False
        masks = [struct.unpack_from("iIII", data, i)[1] for i in range(0, len(data), 16) if len(data) - i >= 16]
        return any(m & (IN_OPEN | IN_ACCESS) for m in masks)

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def assert_untouched(self, *folders: Path) -> None:
        assert not self.opened(), f"{self.path} was opened during the build"
        for folder in folders:
            for path in output_files(folder):
                assert self.token.encode() not in path.read_bytes(), f"the canary token leaked into {path}"


# --------------------------------------------------------------------------- HTML safety


DANGEROUS_TAGS = {
    "script",
    "style",
    "iframe",
    "frame",
    "object",
    "embed",
    "img",
    "link",
    "meta",
    "base",
    "form",
    "input",
    "button",
    "svg",
    "math",
    "video",
    "audio",
    "source",
    "template",
}
SAFE_SCHEMES = ("http:", "https:", "mailto:")


class _Skeleton(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.raw[self._in][-1] += data


def html_problems(text: str, markers: list[str], baseline: str | None = None) -> list[str]:
    """Ways hostile profile text could have escaped its place in an HTML page.

    `markers` are unique words carried by the payloads. They may appear as text, and inside
    ordinary attribute values (escaped), but never: in a tag or attribute name, in a `style`
    attribute, in `<style>` or in a non-JSON `<script>`. No `on*` attribute exists, every
    href/src is http(s), mailto, a fragment or relative, and JSON-LD parses. With `baseline` (the
    same page from a harmless profile), dangerous elements must be exactly as many as there.
    """
    page = _Skeleton()
    page.feed(text)
    page.close()
    found: list[str] = []
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            value = value or ""
            if name.startswith("on"):
                found.append(f"<{tag} {name}=...>: event attribute")
            if any(m.lower() in name or m.lower() in tag for m in markers):
                found.append(f"<{tag} {name}>: profile text became markup")
            if name == "style" and any(m in value for m in markers):
                found.append(f"<{tag} style={value!r}>: profile text in a style attribute")
            if name in ("href", "src", "action", "formaction", "xlink:href", "poster", "srcset"):
                v = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if ":" in v.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0] and not v.startswith(SAFE_SCHEMES):
                    if not (tag in ("link", "img") and v.startswith("data:image/")):
                        found.append(f"<{tag} {name}={value!r}>: unsafe scheme")
    for css in page.raw["style"]:
        found += [f"<style> holds profile text {m!r}" for m in markers if m in css]
    script_tags = [attrs for tag, attrs in page.tags if tag == "script"]
    for attrs, body in zip(script_tags, page.raw["script"], strict=True):
        if attrs.get("type") == "application/ld+json":
            try:
                json.loads(body)
            except ValueError as exc:
                found.append(f"JSON-LD broken by profile text: {exc}")
        elif any(m in body for m in markers):
            found.append("<script> holds profile text")
    if baseline is not None:
        base = _Skeleton()
        base.feed(baseline)
        base.close()
        for tag in DANGEROUS_TAGS:
            n, b = sum(t == tag for t, _ in page.tags), sum(t == tag for t, _ in base.tags)
            if n != b:
                found.append(f"{n} <{tag}> elements where a harmless profile has {b}")
    return found
