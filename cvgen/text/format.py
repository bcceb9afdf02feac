"""Text -> safe markup: what every output format offers the views.

The views format user text only through a `Format`, so escaping lives in one
place per format: `HtmlFormat` (text/html.py) and `TexFormat` (text/tex.py).
Each returns its own "already safe" string type, which the templates print
as is; anything else the templates print gets escaped by the Jinja environment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol
from urllib.parse import urljoin

from markdown_it import MarkdownIt
from markdown_it.token import Token

_SAFE_LINK = re.compile(r"^(https?:|mailto:|[^:]*$)", re.I)
_ABSOLUTE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


# BCP 47 tags for text in one CJK script; used when `native_lang` is omitted.
def guess_lang(text: str) -> str | None:
    if re.search(r"[\u3040-\u30ff]", text):
        return "ja"
    if re.search(r"[\uac00-\ud7af]", text):
        return "ko"
    if re.search(r"[\u4e00-\u9fff]", text):
        return "zh-Hans"
    return None


def safe_link(url: str) -> bool:
    """http(s), mailto and relative links only (no javascript:, data:, file:)."""
    url = url.strip()
    return bool(_SAFE_LINK.match(url)) and not url.startswith("//")


def printed_href(url: str, base: str | None) -> str | None:
    """Where a link in a printed CV points, or None to print its text only.

    A PDF has no folder for a relative link to be relative to (WeasyPrint would write
    `file:///<build folder>/...`), so a relative link is resolved against the homepage's
    `base_url`, where the file is published; without one it cannot work and is left out.
    """
    url = url.strip()
    if not safe_link(url):
        return None
    if _ABSOLUTE.match(url) or (url.startswith("#") and len(url) > 1):
        return url
    return urljoin(base, url) if base else None


def link_target(url: str, printed: bool, base: str | None) -> str | None:
    """Where a link of a format points (`printed_href` in a printed CV), or None to show its text only."""
    href = printed_href(url, base) if printed else url
    return href if href is not None and safe_link(href) else None


def printed_links(tokens: Iterable[Token], base: str | None) -> None:
    """`printed_href` for the links of Markdown inline tokens, in place: a link that cannot work in
    print loses its `<a>` (both of its tokens become empty text) and keeps its words."""
    dropped = False
    for tok in tokens:
        if tok.type == "link_open":
            href = printed_href(str(tok.attrs.get("href", "")), base)
            dropped = href is None
            if href is None:
                tok.type, tok.tag, tok.content, tok.attrs = "text", "", "", {}
            else:
                tok.attrs["href"] = href
        elif tok.type == "link_close" and dropped:
            tok.type, tok.tag, tok.content, dropped = "text", "", "", False


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    # CommonMark with raw HTML off: `<script>` in a profile is shown as text.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image"])  # no remote images from text fields
    md.validateLink = safe_link  # type: ignore[method-assign]  # markdown-it's documented hook
    return md


class Format(Protocol):
    # The printed CV's conventions (typographic quotes, names kept on one line); False for the homepage.
    printed: bool

    def text(self, s: str) -> str: ...
    def markdown(self, s: str, inline: bool = False) -> str: ...
    def link(self, url: str, label: str) -> str: ...
    def strong(self, x: str) -> str: ...
    def emph(self, x: str) -> str: ...
    def underline(self, x: str) -> str: ...
    def lang(self, x: str, tag: str | None) -> str: ...
    def join(self, parts: Iterable[str], sep: str = "") -> str: ...
