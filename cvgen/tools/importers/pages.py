"""The files of a Jekyll site, read safely: YAML data files, and pages with YAML front matter.

Only files inside the site's folder are read (links out of it are refused),
each with a size limit; YAML goes through the profile loader (safe, bounded,
located errors, dates kept as text). Page bodies are Markdown with some HTML
and Liquid; `markdown_of` keeps the Markdown, turns the common HTML into
Markdown and reports the Liquid it leaves out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from cvgen.errors import Problem, ProfileError
from cvgen.profile.load import load_text
from cvgen.tools.importers.result import ImportResult

MAX_FILE_BYTES = 2_000_000
MAX_PAGES = 5_000  # per folder
_FRONT_MATTER_RX = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_LIQUID_RX = re.compile(r"\{%-?.*?-?%\}|\{\{-?.*?-?\}\}", re.S)
_HTML_TAG_RX = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^>]*>")
_PAGE_SUFFIXES = (".md", ".markdown", ".html")
# Front matter keys that set up the page, not content: read, never reported.
PAGE_SETTINGS = ("collection", "permalink", "layout", "author_profile", "share", "comments", "header", "sidebar",
                 "classes", "redirect_from", "read_time", "toc", "related", "published", "tags", "categories")  # fmt: skip


@dataclass
class Page:
    """A page: its path relative to the site (for the report), its front matter and its body."""

    rel: str
    meta: dict[str, Any]
    body: str


def inside(root: Path, rel: str) -> Path | None:
    """`root/rel` if it exists and stays inside `root` (links resolved), else None."""
    real_root, path = root.resolve(), (root / rel).resolve()
    return path if path.exists() and (path == real_root or real_root in path.parents) else None


def read_text(path: Path, name: str) -> str:
    """A site file's text (`name` in messages); a located error when it is too large or not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProfileError([Problem(name, None, None, "", f"cannot read the file: {exc.strerror}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ProfileError([Problem(name, None, None, "", f"the file is larger than {MAX_FILE_BYTES:,} bytes")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProfileError([Problem(name, line, None, "", "not UTF-8 text")]) from None


def read_yaml(root: Path, rel: str) -> Any:
    """A YAML data file of the site, or None when there is none."""
    path = inside(root, rel)
    if path is None or not path.is_file():
        return None
    text = read_text(path, str(root / rel))
    return load_text(text, root / rel).data if text.strip() else None


def read_page(root: Path, rel: str) -> Page:
    """The page `root/rel` (a file inside the site): front matter (a mapping) and body."""
    path = inside(root, rel)
    if path is None:
        raise ProfileError([Problem(str(root / rel), None, None, "", "not a file inside the site's folder")])
    text = read_text(path, str(root / rel))
    m = _FRONT_MATTER_RX.match(text)
    if not m:
        return Page(rel, {}, text)
    meta = load_text("\n" + m[1], root / rel).data if m[1].strip() else {}  # "\n": count the opening `---`
    if not isinstance(meta, dict):
        raise ProfileError([Problem(str(root / rel), 2, 1, "", "the front matter is not a mapping of keys to values")])
    return Page(rel, meta, text[m.end() :])


def read_pages(root: Path, folder: str) -> list[Page]:
    """The pages of a site folder (`_news`, `_publications`, ...), by file name; [] when there is none."""
    base = inside(root, folder)
    if base is None or not base.is_dir():
        return []
    try:
        names = sorted(p.name for p in base.iterdir() if p.suffix.lower() in _PAGE_SUFFIXES and p.name[:1] != ".")
    except OSError as exc:
        problem = Problem(str(root / folder), None, None, "", f"cannot list the folder: {exc.strerror}")
        raise ProfileError([problem]) from None
    if len(names) > MAX_PAGES:
        raise ProfileError([Problem(str(root / folder), None, None, "", f"more than {MAX_PAGES} pages")])
    rels = [f"{folder}/{n}" for n in names]
    return [read_page(root, rel) for rel in rels if (p := inside(root, rel)) is not None and p.is_file()]


def parse_json(text: str | bytes, name: str) -> object:
    """JSON text (or UTF-8 bytes) -> data; a located error otherwise."""
    try:
        return json.loads(text.decode("utf-8-sig") if isinstance(text, bytes) else text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        col = getattr(exc, "colno", None)
        raise ProfileError([Problem(name, line, col, "", f"not a JSON file: {exc}")]) from None


# ---------------------------------------------------------------- bodies
def markdown_of(body: str, at: str, result: ImportResult) -> str:
    """A page body as profile Markdown: Liquid left out (reported), HTML made Markdown."""
    liquid = _LIQUID_RX.findall(body)
    if liquid:
        result.changed.append(f"{at}: {len(liquid)} Liquid tag(s) of the site left out ({liquid[0][:40]} ...)")
        body = _LIQUID_RX.sub("", body)
    if "<" in body:
        body = html_to_markdown(body)
    return re.sub(r"\n{3,}", "\n\n", body).strip()


def markdown_entry(entry: Any) -> Any:
    """Every text of a data file's entry with its HTML made Markdown (`<b>x</b>` -> `**x**`)."""
    if isinstance(entry, str):
        return " ".join(html_to_markdown(entry).split()) if _HTML_TAG_RX.search(entry) else entry
    if isinstance(entry, list):
        return [markdown_entry(x) for x in entry]
    if isinstance(entry, dict):
        return {k: markdown_entry(v) for k, v in entry.items()}
    return entry


def plain_text(html: str) -> str:
    """HTML -> its text on one line (for a subtitle or an address)."""
    return " ".join(html_to_markdown(_LIQUID_RX.sub("", html), links=False).replace("**", "").split())


def html_to_markdown(html: str, links: bool = True) -> str:
    parser = _ToMarkdown(links)
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


class _ToMarkdown(HTMLParser):
    """Links, bold, italics, line and paragraph breaks, list items; other tags keep only their text."""

    _MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*"}
    _BLOCKS = {"p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "section"}

    def __init__(self, links: bool):
        super().__init__(convert_charrefs=True)
        self.links = links
        self.out: list[str] = []
        self.hrefs: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            self.hrefs.append(href)
            if self.links and href:
                self.out.append("[")
        elif tag in self._MARKS:
            self.out.append(self._MARKS[tag])
        elif tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag in self._BLOCKS:
            self.out.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.hrefs:
            href = self.hrefs.pop()
            if self.links and href:
                self.out.append(f"]({href})")
        elif tag in self._MARKS:
            self.out.append(self._MARKS[tag])
        elif tag in self._BLOCKS:
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.out.append(data)
