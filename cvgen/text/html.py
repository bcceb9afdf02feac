"""HTML: text escaped with markupsafe, Markdown through markdown-it without raw HTML.

A homepage that obfuscates its owner's e-mail address formats with
`HtmlFormat(hide_email=ADDRESS)`: the address is replaced in the Markdown's
token stream, before anything is rendered, so no rendered HTML is rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markdown_it.token import Token
from markupsafe import Markup, escape

from cvgen.text.format import link_target, markdown_parser, printed_links
from cvgen.text.typography import smart_quotes, smarten_inline


def obfuscate_email(address: str) -> str:
    """'gaohuang@tsinghua.edu.cn' -> 'gaohuang at tsinghua dot edu dot cn' (no script needed to read it)."""
    local, _, domain = address.partition("@")
    return f"{local} at {domain.replace('.', ' dot ')}"


def _closing(children: list[Token], start: int) -> int:
    """Index of the link_close that ends the link opened at `start`."""
    depth = 0
    for i in range(start, len(children)):
        if children[i].type == "link_open":
            depth += 1
        elif children[i].type == "link_close":
            depth -= 1
            if depth == 0:
                return i
    return len(children) - 1


def _hide_inline(children: list[Token], address: str, shown: str) -> list[Token]:
    """A mailto link to `address` becomes text: its label and the obfuscated address."""
    out: list[Token] = []
    i = 0
    while i < len(children):
        tok = children[i]
        if tok.type == "link_open" and tok.attrGet("href") == f"mailto:{address}":
            end = _closing(children, i)
            inner = children[i + 1 : end]
            if len(inner) == 1 and inner[0].type == "text" and inner[0].content == address:
                out.append(Token("text", "", 0, content=shown))
            else:
                out += _hide_inline(inner, address, shown)
                out.append(Token("text", "", 0, content=f" ({shown})"))
            i = end + 1
            continue
        tok.content = tok.content.replace(address, shown)
        for name, value in list(tok.attrs.items()):
            if isinstance(value, str):
                tok.attrSet(name, value.replace(address, shown))
        out.append(tok)
        i += 1
    return out


def hide_address(tokens: list[Token], address: str) -> list[Token]:
    """The token stream with every use of `address` obfuscated (links, text, code)."""
    shown = obfuscate_email(address)
    for tok in tokens:
        tok.content = tok.content.replace(address, shown)
        if tok.children:
            tok.children = _hide_inline(tok.children, address, shown)
    return tokens


# Inline elements whose leading space is invisible (no underline, no background in the printed CV).
_INLINE = r"(?:strong|em|a|span)"
_SPACE_BEFORE_CLOSE = re.compile(rf"([ \n]+)((?:</{_INLINE}>)+)")
_SPACE_BEFORE_OPEN = re.compile(rf"([ \n]+)((?:<{_INLINE}\b[^>]*>)+)")


def spaces_inside_elements(html: str) -> Markup:
    """`a, <strong>b </strong>c` -> `a,<strong> b</strong> c`: no run of text ends in a space where an
    inline element starts or ends.

    WeasyPrint (70) breaks a line too early when a run of text that ends in a space is followed by an
    inline element and only that trailing space does not fit: it then breaks the run at its FIRST break
    opportunity ("Gao Huang, / Furu Wei" with a third of the line empty). A space moved inside the element
    that follows prints the same and never trails a run. Only cvgen's own markup passes here: user text
    is escaped, so every `<` is a tag.
    """
    html = _SPACE_BEFORE_CLOSE.sub(r"\2\1", html)
    return Markup(_SPACE_BEFORE_OPEN.sub(r"\2\1", html))


class HtmlFormat:
    """HTML: escape with markupsafe; Markdown through markdown-it without raw HTML.

    `printed=True` is the printed CV's format (what WeasyPrint lays out): typographic quotes
    (text/typography.py), and markup that avoids WeasyPrint's early line breaks
    (`spaces_inside_elements`); the homepage, read in browsers, keeps the plain form.
    """

    name = "html"

    def __init__(self, hide_email: str | None = None, printed: bool = False, link_base: str | None = None) -> None:
        self.hide_email = hide_email
        self.printed = printed
        self.link_base = link_base  # printed: where relative links are published (text/format.printed_href)

    def _done(self, html: Markup) -> Markup:
        return spaces_inside_elements(html) if self.printed else html

    def _tokens(self, s: str, inline: bool) -> list[Token]:
        md = markdown_parser()
        tokens = md.parseInline(s, {}) if inline else md.parse(s, {})
        if self.printed:
            for tok in tokens:
                smarten_inline(tok.children or ())
                printed_links(tok.children or (), self.link_base)
        return hide_address(tokens, self.hide_email) if self.hide_email else tokens

    def text(self, s: str) -> Markup:
        if isinstance(s, Markup):
            return s
        if self.printed:
            s = smart_quotes(s)
        if self.hide_email:
            s = s.replace(self.hide_email, obfuscate_email(self.hide_email))
        return escape(s)

    def markdown(self, s: str, inline: bool = False) -> Markup:
        md = markdown_parser()
        return self._done(Markup(md.renderer.render(self._tokens(s, inline), md.options, {}).strip()))

    def plain(self, s: str) -> str:
        """The words of Markdown text, without markup (for meta descriptions and feed titles)."""
        words: list[str] = []
        for tok in self._tokens(s, inline=False):
            for child in tok.children or ():
                words.append(" " if child.type in ("softbreak", "hardbreak") else child.content)
            words.append(" ")
        return " ".join("".join(words).split())

    def link(self, url: str, label: str) -> Markup:
        href = link_target(url, self.printed, self.link_base)
        if href is None:
            return escape(label)
        return self._done(Markup('<a href="{}">{}</a>').format(href, label))

    def strong(self, x: str) -> Markup:
        return self._done(Markup("<strong>{}</strong>").format(x))

    def emph(self, x: str) -> Markup:
        return self._done(Markup("<em>{}</em>").format(x))

    def underline(self, x: str) -> Markup:
        if self.printed:  # the rule on an inner element, so that a space moved into the span is not underlined
            return self._done(Markup('<span class="own"><u>{}</u></span>').format(x))
        return Markup('<span class="own">{}</span>').format(x)

    def lang(self, x: str, tag: str | None) -> Markup:
        if not tag:
            return escape(x)
        return self._done(Markup('<span lang="{}">{}</span>').format(tag, x))

    def join(self, parts: Iterable[str], sep: str = "") -> Markup:
        return self._done(Markup(escape(sep)).join(escape(p) for p in parts))
