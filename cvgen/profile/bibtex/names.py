"""BibTeX `author`/`editor` values -> display names with contribution marks.

`Last, First and ...` becomes `First Last`, and `and others` a final
`et al.`. A mark on a name, in any of the spellings al-folio users write
(`Huang*`, `$^*$`, `\\textsuperscript{*}`, `$^\\dagger$`, `\\dag`), becomes a
trailing * (equal contribution) or † (corresponding author) that the views
render. bibtexparser splits the names into parts; decode.py turns each into text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)

from cvgen.profile.bibtex.decode import decode_tex

MARKS = "*∗†‡§¶‖&^"
_STAR_RX = re.compile(r"\$\s*\^\s*\{?\s*(\\ast|\*)\s*\}?\s*\$|\\textsuperscript\{\s*\*\s*\}|\\textasteriskcentered\b")
_DAGGER_RX = re.compile(r"\$\s*\^\s*\{?\s*\\d?dagger\s*\}?\s*\$|\\textsuperscript\{\s*\\(dag|dagger)\s*\}|\\dag\b")

Warn = Callable[[str], None]


def bib_names(tex: str, warn: Warn | None = None) -> list[str]:
    """A BibTeX `author` value -> display names with * / † marks; `and others` -> `et al.`

    `warn` hears of a name kept as written because it could not be read.
    """
    out = []
    for raw in split_multiple_persons_names(tex):
        raw = raw.strip()
        if raw.lower() == "others":
            out.append("et al.")
            continue
        name = _display_name(raw, warn)
        if name:
            out.append(name)
    return out


def _display_name(raw: str, warn: Warn | None) -> str:
    """One BibTeX name -> `First von Last Jr` plus its marks, or '' if nothing is left."""
    raw = _DAGGER_RX.sub("†", _STAR_RX.sub("*", raw))
    words, marks = _name_words(raw, warn)
    name, trailing = _strip_marks(" ".join(w for w in words if w))
    marks += trailing
    if not name:
        return ""
    star = "*" if any(c in marks for c in "*∗") else ""
    dagger = "†" if any(c in marks for c in "†‡") else ""
    return name + star + dagger


def _name_words(raw: str, warn: Warn | None) -> tuple[list[str], str]:
    """The words of a name in display order, and the marks taken off them."""
    try:
        parts = parse_single_name_into_parts(raw, strict=False)
    except InvalidNameError as exc:
        # Non-strict parsing repairs names rather than raising; should it raise anyway, keep the name whole.
        if warn is not None:
            warn(f"cannot split the name '{raw}' into first and last names ({exc.reason}); it is shown as written")
        return [_text(raw, warn)], ""
    words = []
    marks = ""
    for piece in (*parts.first, *parts.von, *parts.last):
        text, mark = _strip_marks(_text(piece, warn))
        marks += mark
        if text:
            words.append(text)
    for piece in parts.jr:
        words.append(_text(piece, warn))
    return words, marks


def _text(tex: str, warn: Warn | None) -> str:
    decoded = decode_tex(tex)
    if decoded.problem is not None and warn is not None:
        warn(decoded.problem)
    return decoded.text


def _strip_marks(text: str) -> tuple[str, str]:
    """Trailing marks of a decoded name part: ('Huang', '*')."""
    marks = ""
    text = text.strip()
    while text and text[-1] in MARKS:
        marks = text[-1] + marks
        text = text[:-1].rstrip()
    return text, marks
