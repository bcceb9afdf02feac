"""markup: TeX or Markdown left in text where it is printed as typed.

Profiles made from other tools' files keep those tools' habits: TeX in YAML
(`Lo{\\"i}c`, `{SeisIO}`), RenderCV's `**bold**` on a name, a `__HIDDEN__`
placeholder. Titles, names, venues and roles are plain text, so Markdown there
shows its asterisks; in Markdown fields (bio, news, notes, `extra`, free
sections) an unpaired `**` or a `__WORD__` is a leftover too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cvgen.tools.lint.context import Finding, LintContext, finding

_TEX_RX = re.compile(r"\\[A-Za-z]{2,}\b|\\[\"'^~=][{A-Za-z]|\{\\[^{}]*\}|\{[^{}\s]*[^\W\d_][^{}]*\}")
_MARKDOWN_RX = re.compile(
    r"\*\*[^*\s][^*]*\*\*|__[^_\s][^_]*__|(?<![\w*])\*[^*\s][^*]*(?<!\s)\*(?![\w*])|\[[^\]]+\]\([^)\s]+\)"
)
_DUNDER_RX = re.compile(r"(?<![\w_])__[A-Z0-9][A-Z0-9_]*__(?![\w_])")
# Markdown fields: (top-level key, field) pairs; None: the list items themselves.
_MARKDOWN_FIELDS = {("bio", None), ("news", "text"), ("publications", "extra"), ("sections", "entries"),
                    *((s, "note") for s in ("education", "positions", "awards", "grants", "teaching", "students"))}  # fmt: skip
# Values that are not text to read: links, paths, keys, settings.
_NOT_TEXT = frozenset({"url", "links", "doi", "photo", "thumbnail", "bibtex", "website", "email", "key", "id",
                       "templates", "native_lang", "phone"})  # fmt: skip
_SETTINGS = ("cv", "homepage", "variants", "lang")


def check_markup(ctx: LintContext) -> list[Finding]:
    """TeX anywhere in the profile's text; Markdown in plain-text fields; stray Markdown in Markdown fields."""
    data = ctx.loaded.data if isinstance(ctx.loaded.data, dict) else {}
    out = []
    for path, text in _texts(data, ()):
        markdown = _is_markdown(path)
        tex = _TEX_RX.search(text)
        if tex:
            out.append(finding("markup", ctx.at(*path), f"TeX {tex[0]!r} is printed as typed; write the text itself "
                                                         "(Loïc, not Lo{\\\"i}c; SeisIO, not {SeisIO})"))  # fmt: skip
        stray = _stray_markdown(text) if markdown else _MARKDOWN_RX.search(text)
        if stray:
            where = "a Markdown field" if markdown else "a plain-text field, so it is printed as typed"
            shown = stray if isinstance(stray, str) else stray[0]
            out.append(finding("markup", ctx.at(*path), f"stray Markdown {shown!r} in {where}"))
    return out


def _texts(node: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in _NOT_TEXT or (not path and key in _SETTINGS):
                continue
            yield from _texts(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, (*path, i))


def _is_markdown(path: tuple[str | int, ...]) -> bool:
    top = path[0] if path else None
    field = next((p for p in reversed(path) if isinstance(p, str)), None)
    return (top, None if field == top else field) in _MARKDOWN_FIELDS


def _stray_markdown(text: str) -> str | None:
    """An unpaired `**`, or a `__WORD__` placeholder, in Markdown text."""
    dunder = _DUNDER_RX.search(text)
    if dunder:
        return dunder[0]
    if text.count("**") % 2:
        return "**"
    return None
