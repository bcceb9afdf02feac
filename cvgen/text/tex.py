"""TeX output: the ONE place where user text becomes TeX.

`escape_tex` turns any text into TeX that prints it literally; `escape_url`
turns a link into the first argument of `\\href`, valid at the top level and
inside other macros' arguments; `TexFormat` is the `Format` the context uses
for the LaTeX CV; `finalize_tex` makes the Jinja TeX environment escape every
value that is not already `Tex`. Nothing else in cvgen writes user text into
TeX, so this module is where the guarantees live:

- every ASCII character with a TeX meaning is replaced by a command or a
  braced form (`\\ { } $ & # ^ _ ~ %`, plus `[ ]` so that text can never be
  read as an optional argument, and `< > | " ' `` ` so that no font mapping
  or TeX ligature changes them); `^^` notation therefore never reaches TeX;
- `--` and `,,` ligatures are broken; blank lines (which end a paragraph
  inside a macro argument) and every other line break fold into one space;
  control characters, surrogates and non-characters are dropped;
- runs of CJK text are wrapped in `{\\cvcjk ...}` (Noto Serif CJK) and runs
  of other characters the main font (TeX Gyre Pagella) has no glyph for in
  `{\\cvfb ...}` (DejaVu Serif: Greek with accents, Cyrillic, IPA, ...); the
  template runs TeX with `\\tracinglostchars=3`, so a character no font has
  stops the build with its name instead of vanishing from the PDF.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from markdown_it.token import Token

from cvgen.text.format import link_target, markdown_parser, printed_links, safe_link
from cvgen.text.tex_fonts import char_class, current_main_font, main_font_of
from cvgen.text.typography import smart_quotes, smarten_inline


class Tex(str):
    """A string that is already valid TeX (escaped or produced by cvgen)."""

    __slots__ = ()


# Code points TeX Gyre Pagella 2.501 (the template's main font) has glyphs for,
# identical in its four faces. Regenerate after changing the main font with:
#   fontTools.ttLib.TTFont("texgyrepagella-regular.otf").getBestCmap()
# Anything else goes to the fallback font (see FALLBACK_FONT in the template).
MAIN_FONT_COVERAGE = """
20-7e a0-137 139-148 14a-165 168-17f 18e 192 1a0-1a1 1af-1b0 1cd-1d4 1d7-1dd 1e6-1e7 1ea-1eb 1f0
1f4-1f5 1fa-201 204-205 208-209 20c-20d 210-211 214-215 218-21b 237 258-259 2be-2bf 2c6-2c7 2d8-2dd
300-30c 30f 311 323 326-328 32c-333 338 33f 34d 361 391-3a1 3a3-3a9 3b1-3c9 3d1 3d5-3d6 3f0-3f1
3f4-3f5 e3f 1e0c-1e0f 1e24-1e27 1e2a-1e2b 1e2e-1e2f 1e36-1e39 1e42-1e47 1e58-1e5d 1e62-1e63
1e6c-1e6f 1e80-1e85 1e92-1e93 1e97 1ea0-1ef9 2000-200d 2010-201a 201c-201e 2020-2022 2026 202f-2037
2039-203b 203d 203f-2040 2044-2046 2052 2054 2057 205f-2064 20a1 20a4 20a6 20a9 20ab-20ac 20b1-20b2
20bd 20bf 20d0-20d8 20db-20df 20e1 20e4-20e6 20e8-20f0 2103 2107 2109 210f 2113 2116-2118 211e 2120
2122 2126-2127 212a-212b 212e 2135-2138 2190-21a7 21a9-21b7 21ba-21dd 21e6-21e9 21f3 21f5-21f6
2200-221a 221d-22af 22b2-22d3 22d5-22f1 2300 2305-2306 2308-230b 2310 2319 231c-2323 2329-232a
23b2-23b5 23d0 23dc-23e1 2422-2423 2500 2502 250c 2510 2514 2518 251c 2524 252c 2534 253c 2581 2588
2591-2593 25a0-25a1 25aa-25ad 25b2-25b3 25b6-25b7 25bc-25bd 25c0-25c1 25ca-25cb 25cf 25e6 25ef
2660-2667 266a 266d-266f 26ad-26ae 2713 2720 27a1 27c2 27d8-27de 27e0-27e3 27e6-27eb 27ee-27ef
27f4-27ff 2906-2907 2933 2a00-2a06 2a09 2a0c 2a11 2a2f 2a3f 2a7d-2a7e 2a85-2a8c 2a95-2a96 2aaf-2ab0
2b04-2b07 2b0c-2b0d 2b1a 2b31 2b33 2b3f 2e18 2e40 3016-3017 fb00-fb04 feff
"""


# CJK scripts, their punctuation and full-width forms: set in Noto Serif CJK
# (`{\cvcjk ...}`), even where the main font has a glyph, so a CJK run keeps one font.
CJK_BLOCKS = """
1100-11ff 2e80-2fdf 2ff0-303f 3040-30ff 3100-31ff 3200-33ff 3400-4dbf 4e00-9fff a960-a97f
ac00-d7ff f900-faff fe10-fe1f fe30-fe6f ff00-ffef 1f200-1f2ff 20000-2fa1f 30000-3134f
"""
_CJK = char_class(CJK_BLOCKS)


# TeX Gyre Pagella, with the only letters it has that the fallback font (DejaVu Serif 2.37) lacks; another
# main font while a theme's CV is formatted (tex_fonts.main_font).
_PAGELLA = main_font_of(char_class(MAIN_FONT_COVERAGE), "\\u2107\\u2113\\u2135-\\u2138")

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
    "[": "{[}",
    "]": "{]}",
    "\u00a0": "~",
    "\u2060": "\\nobreak{}",  # WORD JOINER: no break here (text/typography.py keeps names whole with it)
    "\u00ad": "\\-",  # soft hyphen: a break point, invisible unless used (and the CV does not hyphenate)
}
# One linear pass: a CJK run (with the single spaces inside it), a word
# (letters and digits, not CJK), or any other single character.
_TOKEN_RX = re.compile(rf"(?P<cjk>[{_CJK}]+(?:[ ]+[{_CJK}]+)*)|(?P<word>[^\W_{_CJK}]+)|(?P<char>.)", re.S)
# C0/C1 controls except tab and line ends, surrogates, non-characters.
_DROP_RX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_BREAK_RX = re.compile(r"[ \t]*(?:\r\n|[\n\r\x85\u2028\u2029])\s*")


# A run of LONG_RUN characters without a space (a URL, a 20,000-letter word) may break after `/ . - _ ? & = #
# : ; ,` and every 6 letters of a word of LONG_WORD or more: it wraps instead of running off the page.
LONG_RUN, LONG_WORD = 40, 20
_LONG_RUN_RX = re.compile(rf"[^ \u00a0]{{{LONG_RUN},}}")
_BREAK_AFTER = frozenset("/.-_?&=#:;,")
_ALLOW_BREAK = r"\allowbreak{}"


def _word(piece: str) -> str:
    font = current_main_font() or _PAGELLA
    missing = font.not_main.findall(piece)
    if any(ch.isalpha() for ch in missing):
        # A word with a letter the main font lacks goes whole to the fallback font,
        # so that `Καθηγητής` is not set in two fonts.
        parts = font.main_only.split(piece)
        return "".join(r"{\cvfb " + p + "}" if i % 2 == 0 else p for i, p in enumerate(parts) if p)
    if missing:  # only digits or signs, as in `ℓ₁`: just those
        return font.not_main_run.sub(lambda w: r"{\cvfb " + w.group(0) + "}", piece)
    return piece


def _long_word(piece: str) -> str:
    return _ALLOW_BREAK.join(_word(piece[i : i + 6]) for i in range(0, len(piece), 6))


def _escape(text: str) -> str:
    out: list[str] = []
    long_runs = [(m.start(), m.end()) for m in _LONG_RUN_RX.finditer(text)]
    run = 0
    for m in _TOKEN_RX.finditer(text):
        piece = m.group(0)
        while run < len(long_runs) and long_runs[run][1] <= m.start():
            run += 1
        in_long_run = run < len(long_runs) and long_runs[run][0] <= m.start()
        if m.lastgroup == "cjk":
            out.append(r"{\cvcjk " + piece + "}")
        elif m.lastgroup == "word":
            out.append(_long_word(piece) if in_long_run and len(piece) >= LONG_WORD else _word(piece))
        elif piece in _SPECIAL:
            out.append(_SPECIAL[piece])
        elif piece == "-" and text[m.end() : m.end() + 1] == "\u2060":
            out.append(r"\mbox{-}")  # a hyphen that must not end a line (a break follows `-` in TeX)
        elif piece in "-,":
            # `--`, `---` and `,,` are ligatures: broken, also at the end, where a joined piece may follow.
            following = text[m.end() : m.end() + 1]
            out.append(piece + "{}" if following in ("", "-", ",") else piece)
        elif (current_main_font() or _PAGELLA).not_main.match(piece) and not piece.isspace():
            out.append(r"{\cvfb " + piece + "}")
        else:
            out.append(piece)
        if in_long_run and piece in _BREAK_AFTER and m.end() < long_runs[run][1]:
            out.append(_ALLOW_BREAK)
    return "".join(out)


def clean_text(text: str) -> str:
    """NFC, without the characters TeX cannot take, every line break one space."""
    text = unicodedata.normalize("NFC", _DROP_RX.sub("", str(text)))
    text = _BREAK_RX.sub(" ", text)
    return text.replace("\t", " ")


def escape_tex(text: str) -> Tex:
    """Any text -> TeX that prints exactly that text (one pass, after `clean_text`)."""
    if isinstance(text, Tex):
        return text
    return Tex(_escape(clean_text(text)))


# Characters a URL keeps as they are inside \href, at the top level and inside
# other macros' arguments (measured: hyperref turns \% \# \& into % # &).
_URL_KEEP = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?@!$'()*+,;=[]")
_URL_ESCAPED = {"%": r"\%", "#": r"\#", "&": r"\&"}


def escape_url(url: str) -> Tex:
    """A URL for the first argument of \\href.

    `% # &` and every URL character come out exactly; characters that are not
    valid in a URL (space, `\\ { } ^ < > | " ``, non-ASCII) are
    percent-encoded as UTF-8, which browsers treat the same. `^` in
    particular never reaches TeX, so `^^5c` cannot become a backslash.
    """
    url = _DROP_RX.sub("", unicodedata.normalize("NFC", url)).strip()
    url = re.sub(r"[\r\n\t\x85\u2028\u2029]", "", url)
    out = []
    for ch in url:
        if ch in _URL_KEEP:
            out.append(ch)
        elif ch in _URL_ESCAPED:
            out.append(_URL_ESCAPED[ch])
        else:
            out.extend(r"\%" + f"{b:02X}" for b in ch.encode("utf-8"))
    return Tex("".join(out))


def code(text: str) -> Tex:
    """Code in the monospaced font; only ASCII, which every monospaced font has: other
    characters keep the main font and its fallbacks, so none can go missing."""
    parts = re.split(r"([\x20-\x7e]+)", clean_text(text))
    return Tex("".join(r"\texttt{" + escape_tex(p) + "}" if i % 2 else escape_tex(p) for i, p in enumerate(parts) if p))


def finalize_tex(value: object) -> str:
    """Jinja `finalize`: every value a template prints is escaped unless it is `Tex`."""
    if value is None:
        return ""
    if isinstance(value, Tex):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape_tex(str(value))


# Font switches for CJK text in a known language (the template defines them;
# each also turns `\cvcjk` off so the whole run keeps that language's glyphs).
_CJK_FONTS = {"zh": r"\cjkfont", "zh-hant": r"\cjkfonttc", "ja": r"\cjkfontjp", "ko": r"\cjkfontkr"}
_TRADITIONAL = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")


def cjk_font_command(tag: str | None) -> str | None:
    """The template's font switch for a BCP 47 tag, or None if it is not a CJK language."""
    if not tag:
        return None
    tag = tag.lower()
    if tag.startswith(_TRADITIONAL):
        return _CJK_FONTS["zh-hant"]
    return _CJK_FONTS.get(tag.split("-")[0])


# Markdown block tokens that become fixed TeX (a list item's {}: text starting with [ is no optional argument).
_BLOCK_TEX = {
    "paragraph_close": "\\par\n",
    "heading_open": "\\par\\textbf{",
    "heading_close": "}\\par\\nopagebreak\n",
    "bullet_list_open": "\\begin{itemize}\n",
    "bullet_list_close": "\\end{itemize}\n",
    "ordered_list_close": "\\end{enumerate}\n",
    "list_item_open": "\\item{} ",
    "list_item_close": "\n",
    "blockquote_open": "\\begin{quote}\n",
    "blockquote_close": "\\end{quote}\n",
    "hr": "\\par\\noindent\\rule{\\linewidth}{0.4pt}\\par\n",
}


class TexFormat:
    """The `Format` for the LaTeX CV: every method returns `Tex`."""

    name = "tex"

    def __init__(self, printed: bool = False, link_base: str | None = None) -> None:
        self.printed = printed  # the printed CV: typographic quotes (text/typography.py), as HtmlFormat(printed=True)
        self.link_base = link_base  # printed: where relative links are published (text/format.printed_href)

    def text(self, s: str) -> Tex:
        if self.printed and not isinstance(s, Tex):
            s = smart_quotes(s)
        return escape_tex(s)

    def markdown(self, s: str, inline: bool = False) -> Tex:
        """Markdown (CommonMark, no raw HTML) -> TeX. Inline: one paragraph, as HTML's renderInline."""
        md = markdown_parser()
        tokens = md.parseInline(s) if inline else md.parse(s)
        if self.printed:
            for tok in tokens:
                smarten_inline(tok.children or ())
                printed_links(tok.children or (), self.link_base)
        if inline:
            return Tex(self._inline(tokens[0].children or []).strip() if tokens else "")
        return Tex(self._blocks(tokens).strip())

    def _blocks(self, tokens: list[Token]) -> str:
        out: list[str] = []
        for tok in tokens:
            kind = tok.type
            if kind == "inline":
                out.append(self._inline(tok.children or []))
            elif kind in _BLOCK_TEX and not (kind == "paragraph_close" and tok.hidden):
                out.append(_BLOCK_TEX[kind])
            elif kind == "ordered_list_open":
                start = int(tok.attrs.get("start", 1) or 1)
                restart = f"\\setcounter{{enumi}}{{{start - 1}}}" if start != 1 else ""
                out.append("\\begin{enumerate}" + restart + "\n")
            elif kind in ("code_block", "fence"):
                out.append("\\par" + code(tok.content) + "\\par\n")
            elif kind == "html_block":  # cannot happen with html off; print as text anyway
                out.append(escape_tex(tok.content) + "\\par\n")
        return "".join(out)

    def _inline(self, children: list[Token]) -> str:
        out: list[str] = []
        for tok in children:
            kind = tok.type
            if kind == "softbreak":
                out.append(" ")
            elif kind == "hardbreak":
                out.append("\\\\{}")  # {}: a following * or [ is not read as an argument of \\
            elif kind == "code_inline":
                out.append(code(tok.content))
            elif kind == "strong_open":
                out.append(r"\textbf{")
            elif kind == "em_open":
                out.append(r"\emph{")
            elif kind == "s_open":
                out.append(r"\cvstrike{")
            elif kind in ("strong_close", "em_close", "link_close", "s_close"):
                out.append("}")
            elif kind == "link_open":
                href = str(tok.attrs.get("href", ""))
                out.append(r"\href{" + escape_url(href) + "}{" if safe_link(href) else "{")
            else:  # text, text_special, html_inline, anything new: its content as text
                out.append(escape_tex(tok.content))
        return "".join(out)

    def link(self, url: str, label: str) -> Tex:
        label = escape_tex(label)
        href = link_target(url, self.printed, self.link_base)
        if href is None:
            return label
        return Tex(r"\href{" + escape_url(href) + "}{" + label + "}")

    def strong(self, x: str) -> Tex:
        return Tex(r"\textbf{" + escape_tex(x) + "}")

    def emph(self, x: str) -> Tex:
        return Tex(r"\emph{" + escape_tex(x) + "}")

    def underline(self, x: str) -> Tex:
        return Tex(r"\uline{" + escape_tex(x) + "}")

    def lang(self, x: str, tag: str | None) -> Tex:
        font = cjk_font_command(tag)
        if font:
            return Tex("{" + font + " " + escape_tex(x) + "}")
        return escape_tex(x)

    def join(self, parts: Iterable[str], sep: str = "") -> Tex:
        return Tex(escape_tex(sep).join(escape_tex(p) for p in parts))


# ---------------------------------------------------------------- BibTeX
@lru_cache(maxsize=1)
def _encoder() -> Any:
    from pylatexenc.latexencode import UnicodeToLatexEncoder

    return UnicodeToLatexEncoder(
        non_ascii_only=False,
        unknown_char_policy="keep",
        unknown_char_warning=False,
        replacement_latex_protection="braces-almost-all",
    )


_TEX_PUNCT = {"–": "--", "—": "---", "“": "``", "”": "''", "\u00a0": "~"}
_LIGATURE = {"-": "-", "`": "`", "'": "'"}  # doubled, TeX would join them: write -{}- etc.


def escape_bibtex(text: str) -> str:
    """Plain Unicode -> BibTeX text that classic BibTeX reads: specials escaped, accents as TeX commands
    (pylatexenc), dashes and quotes the TeX way. Scripts TeX cannot spell (CJK) stay UTF-8."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(_encoder().unicode_to_latex("".join(run)))
            run.clear()

    for i, c in enumerate(text):
        if c in _TEX_PUNCT:
            flush()
            out.append(_TEX_PUNCT[c])
        elif c in _LIGATURE and i + 1 < len(text) and text[i + 1] == c:
            flush()
            out.append(c + "{}")
        else:
            run.append(c)
    flush()
    return "".join(out)
