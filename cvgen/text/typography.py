"""Typography shared by every output format: typographic quotes and text kept on one line.

The printed CV's formats (`HtmlFormat(printed=True)`, `TexFormat(printed=True)`)
call these on user text before escaping it, so both engines print the same
characters:

- `smart_quotes`: straight `'` and `"` become ’ ‘ “ ” (an apostrophe is ’,
  as in Bachelor’s, ’90s); words that are addresses (`https://...`,
  `www.`, `name@host`) keep their characters, and Markdown code spans are
  never touched (`smarten_inline` skips them while keeping their context);
- `unbreakable`: a name that must not be broken across lines: its spaces
  become no-break spaces, and a hyphen is followed by a WORD JOINER, which
  both WeasyPrint (Pango) and the TeX escaper honour (`Yong-Jin`); text
  longer than 40 characters keeps its break points, as it may need two lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markdown_it.token import Token

NBSP = "\u00a0"
WORD_JOINER = "\u2060"

# A word that is an address: its quotes are characters of the address, not punctuation.
_ADDRESS = re.compile(r"\S*(?:://|www\.|@)\S*")
_OPENERS = " \t\n\u00a0([{\u2018\u201c\u2013\u2014/-"  # a quote after these opens


def _curl(text: str, before: str) -> str:
    """Quotes of plain text (no addresses in it); `before` is the character preceding it."""
    out: list[str] = []
    prev = before
    for i, ch in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch == "'":
            if prev and (prev.isalnum() or prev in ".,;:!?)]}\u2019\u201d"):
                ch = "\u2019"  # Bachelor's, students', 'quoted'
            elif (prev == "" or prev in _OPENERS) and re.match(r"\d\ds?\b", text[i + 1 : i + 4]):
                ch = "\u2019"  # '90s
            elif nxt == "" or nxt.isspace():
                ch = "\u2019"
            else:
                ch = "\u2018"
        elif ch == '"':
            ch = "\u201c" if (prev == "" or prev in _OPENERS) and nxt not in ("", " ") else "\u201d"
        out.append(ch)
        prev = ch
    return "".join(out)


def smart_quotes(text: str, before: str = "") -> str:
    """`"Mover's" 'Distance'` -> `“Mover’s” ‘Distance’`; addresses keep their straight quotes."""
    if "'" not in text and '"' not in text:
        return text
    out: list[str] = []
    last = 0
    prev = before
    for m in _ADDRESS.finditer(text):
        if m.start() > last:
            out.append(_curl(text[last : m.start()], prev))
        out.append(m.group(0))
        last = m.end()
        prev = m.group(0)[-1:]
    if last == 0:
        return _curl(text, before)
    out.append(_curl(text[last:], prev))
    return "".join(out)


def smarten_inline(children: Iterable[Token]) -> None:
    """Curl the quotes of Markdown inline tokens in place: text only, never code, with the
    preceding character carried across emphasis and links (`*a* "b"`)."""
    prev = ""
    for tok in children:
        if tok.type == "text":
            tok.content = smart_quotes(tok.content, prev)
        if tok.type in ("text", "code_inline") and tok.content:
            prev = tok.content[-1]
        elif tok.type in ("softbreak", "hardbreak"):
            prev = " "


# Longer text may need more than a line: it keeps its break points (a consortium, a hostile address).
LONGEST_UNBREAKABLE = 40


def unbreakable(text: str) -> str:
    """Text that stays on one line: no-break spaces, and no break after a hyphen (up to 40 characters)."""
    text = " ".join(text.split())
    if len(text) > LONGEST_UNBREAKABLE:
        return text
    return text.replace(" ", NBSP).replace("-", "-" + WORD_JOINER)
