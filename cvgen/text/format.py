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

from markdown_it import MarkdownIt

_SAFE_LINK = re.compile(r"^(https?:|mailto:|[^:]*$)", re.I)


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
