"""TeX output: the ONE place where user text becomes TeX.

`escape_tex` turns any text into TeX that prints it literally; `TexFormat`
is the `Format` the context uses for the LaTeX CV; `finalize_tex` makes the
Jinja TeX environment escape every value that is not already `Tex`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .markup import markdown_parser, safe_link


class Tex(str):
    """A string that is already valid TeX (escaped or produced by cvgen)."""

    __slots__ = ()


_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "%": r"\%",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    '"': r"\textquotedbl{}",
    "'": r"\textquotesingle{}",
    "`": r"\textasciigrave{}",
    "-": "-{}",  # breaks the -- and --- ligatures
    "\u00a0": "~",
}
_SPECIAL_RX = re.compile("|".join(re.escape(k) for k in _SPECIAL))
_CONTROL_RX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape_tex(text: str) -> Tex:
    """Any text -> TeX that prints exactly that text (NFC, one pass)."""
    if isinstance(text, Tex):
        return text
    text = unicodedata.normalize("NFC", str(text))
    text = _CONTROL_RX.sub("", text)
    # Whitespace: a blank line would end a paragraph inside a macro argument.
    text = re.sub(r"\s*\n\s*", " ", text)
    return Tex(_SPECIAL_RX.sub(lambda m: _SPECIAL[m.group(0)], text))


_URL_SPECIAL = {"\\": "%5C", "%": r"\%", "#": r"\#", "&": r"\&", "~": r"\~{}", "{": "%7B", "}": "%7D",
                "^": "%5E", " ": "%20", "$": r"\$", "_": r"\_"}
_URL_RX = re.compile("|".join(re.escape(k) for k in _URL_SPECIAL))


def escape_url(url: str) -> Tex:
    """A URL for the first argument of \\href inside other macros."""
    url = _CONTROL_RX.sub("", url.strip())
    return Tex(_URL_RX.sub(lambda m: _URL_SPECIAL[m.group(0)], url))


def finalize_tex(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Tex):
        return value
    return escape_tex(str(value))


class TexFormat:
    name = "tex"

    def text(self, s: str) -> Tex:
        return escape_tex(s)

    def markdown(self, s: str, inline: bool = False) -> Tex:
        md = markdown_parser()
        tokens = md.parse(s)
        out: list[str] = []
        for tok in tokens:
            if tok.type == "inline":
                out.append(self._inline(tok.children or []))
            elif tok.type == "paragraph_close" and not inline:
                out.append("\\par ")
            elif tok.type == "list_item_open":
                out.append("\\textbullet{} ")
            elif tok.type == "list_item_close":
                out.append(" ")
            elif tok.type in ("code_block", "fence"):
                out.append(r"\texttt{" + escape_tex(tok.content) + "}")
        result = "".join(out).strip()
        if inline:
            result = result.replace("\\par", " ")
        return Tex(result.removesuffix("\\par").strip())

    def _inline(self, children: list) -> str:
        out: list[str] = []
        for tok in children:
            kind = tok.type
            if kind == "text":
                out.append(escape_tex(tok.content))
            elif kind == "code_inline":
                out.append(r"\texttt{" + escape_tex(tok.content) + "}")
            elif kind in ("softbreak", "hardbreak"):
                out.append(" " if kind == "softbreak" else r"\\ ")
            elif kind == "strong_open":
                out.append(r"\textbf{")
            elif kind == "em_open":
                out.append(r"\emph{")
            elif kind in ("strong_close", "em_close", "link_close"):
                out.append("}")
            elif kind == "link_open":
                href = str(tok.attrs.get("href", ""))
                out.append(r"\href{" + escape_url(href) + "}{" if safe_link(href) else "{")
            elif kind == "html_inline":  # cannot happen with html off; print as text anyway
                out.append(escape_tex(tok.content))
        return "".join(out)

    def link(self, url: str, label: str) -> Tex:
        if not safe_link(url):
            return Tex(label)
        return Tex(r"\href{" + escape_url(url) + "}{" + label + "}")

    def strong(self, x: str) -> Tex:
        return Tex(r"\textbf{" + escape_tex(x) + "}")

    def emph(self, x: str) -> Tex:
        return Tex(r"\emph{" + escape_tex(x) + "}")

    def underline(self, x: str) -> Tex:
        return Tex(r"\uline{" + escape_tex(x) + "}")

    def lang(self, x: str, tag: str | None) -> Tex:
        if tag and tag.split("-")[0] in ("zh", "ja", "ko"):
            return Tex(r"{\cjkfont " + escape_tex(x) + "}")
        return escape_tex(x)

    def join(self, parts: Iterable[str], sep: str = "") -> Tex:
        return Tex(escape_tex(sep).join(escape_tex(p) for p in parts))

    def nbsp(self) -> Tex:
        return Tex("~")
