"""BibTeX field values (TeX) -> plain Unicode text.

Most values are plain words and take a fast path. The rest go through
pylatexenc, taught the macros bib files use that it does not know (`\\url`,
`\\href`, `\\dag`, math fonts): accents become letters (`{\\"o}` -> ö),
protected capitals keep their case (`{CNN}` -> CNN) and math stays readable,
with sub- and superscripts as Unicode characters where they exist
(`$O(n^2)$` -> O(n²)). A macro it does not know keeps the text of its
arguments (`\\texttt{Under\\_Score}` -> Under_Score), never vanishes with it.
Publisher metadata in JATS/MathML (`<inline-formula><tex-math>k</tex-math>
...</inline-formula>`, `<sub>2</sub>`, `<italic>`) is reduced to its text
first, a formula to its TeX. When pylatexenc fails on a value, the value is
kept without its braces and the failure is returned, for a located warning.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pylatexenc.latex2text import LatexNodes2Text

_SUP = str.maketrans("0123456789+-=()nijk*", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱʲᵏ*")
_SUB = str.maketrans("0123456789+-=()aeijkmnoprstx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₘₙₒₚᵣₛₜₓ")
_SCRIPT_RX = re.compile(r"([\^_])(?:\{([^{}$\\]*)\}|([0-9a-zA-Z*+\-]))")
_MATH_DELIMITER_RX = re.compile(r"(?<!\\)(\$\$?)")
_DAGGER_RX = re.compile(r"\^\s*\\(dagger|dag)\b")
_DDAGGER_RX = re.compile(r"\^\s*\\ddagger\b")
_PLAIN_RX = re.compile(r"^[^\\$%]*$")  # nothing pylatexenc is needed for
_BARE_PERCENT_RX = re.compile(r"(?<!\\)%")
_ENSUREMATH_RX = re.compile(r"\\ensuremath\{([^{}]*)\}")
_SPACES_RX = re.compile(r"\s+")
_NO_TEXT_RX = re.compile(r"\\(?:index|nocite|label)\s*\{[^{}]*\}")  # arguments that are never text
# JATS (publisher XML) and MathML tags, with or without their `jats:` / `mml:` prefixes.
_JATS_NAMES = (
    "inline-formula|disp-formula|tex-math|alternatives|inline-graphic|graphic|math|semantics|annotation|mrow|mi|mo|"
    "mn|ms|mtext|msub|msup|msubsup|mfrac|msqrt|mover|munder|mstyle|mspace|italic|bold|sc|sub|sup|i|b|em|strong|p|"
    "title|monospace|underline|named-content|styled-content|break"
)
_JATS_TAG_RX = re.compile(rf"</?(?:(?:jats|mml):)?(?:{_JATS_NAMES})\b[^>]*>", re.I)
_FORMULA_RX = re.compile(
    r"<((?:jats:)?(?:inline-formula|disp-formula|alternatives))\b[^>]*>(.*?)</\1>|"
    r"<((?:mml:)?math)\b[^>]*>(.*?)</\3>|<((?:jats:)?tex-math)\b[^>]*>(.*?)</\5>",
    re.I | re.S,
)
_TEX_MATH_RX = re.compile(r"<(?:jats:)?tex-math\b[^>]*>(.*?)</(?:jats:)?tex-math>", re.I | re.S)
_MML_RX = re.compile(r"<((?:mml:)?math)\b[^>]*>(.*?)</\1>", re.I | re.S)
_SCRIPT_TAG_RX = re.compile(r"<(?:jats:)?(sub|sup)\b[^>]*>(.*?)</(?:jats:)?\1>", re.I | re.S)
_ENTITY_RX = re.compile(r"&(?:[a-z]+|#\d+|#x[0-9a-f]+);", re.I)
_TEX_DOCUMENT_RX = re.compile(r"\\begin\{document\}(.*?)\\end\{document\}", re.S)

# Font and box macros whose text is just their argument.
_ARGUMENT_MACROS = (
    "mathcal",
    "mathscr",
    "mathfrak",
    "mathbf",
    "mathbb",
    "boldsymbol",
    "bm",
    "mathrm",
    "mathit",
    "mathsf",
    "mathtt",
    "operatorname",
    "text",
    "textrm",
    "textnormal",
    "mbox",
    "hbox",
    "ensuremath",
)
# Macros that carry no text of their own (labels, index entries, spacing, breaks).
_DISCARDED_MACROS = ("label", "index", "nocite", "pagebreak", "linebreak", "protect", "noindent", "relax", "xspace",
                     "footnotemark", "allowbreak", "nobreak")  # fmt: skip
_UNCONVERTED = "this TeX could not be converted ({}); it is shown as written, without braces"


class Decoded(NamedTuple):
    """A value as text, and why pylatexenc could not convert it (None when it could)."""

    text: str
    problem: str | None


def tex_to_text(tex: str) -> str:
    """A BibTeX field value -> plain Unicode text."""
    return decode_tex(tex).text


@lru_cache(maxsize=8192)
def decode_tex(tex: str) -> Decoded:
    """A BibTeX field value -> plain Unicode text, with the reason if pylatexenc failed on it."""
    if not tex:
        return Decoded("", None)
    if "<" in tex and _JATS_TAG_RX.search(tex):
        tex = _without_jats(tex)
    if _PLAIN_RX.match(tex):
        return Decoded(_squash(_without_braces(_typographic(tex))), None)
    tex = _BARE_PERCENT_RX.sub(r"\\%", tex)  # a bare % is text in a .bib value, not a comment
    tex = _ENSUREMATH_RX.sub(r"$\1$", tex)
    tex = _NO_TEXT_RX.sub("", tex)
    decoded = _latex_to_text(_math_scripts(tex))
    return Decoded(_squash(decoded.text.replace("\u00a0", " ")), decoded.problem)


def _without_jats(tex: str) -> str:
    """JATS/MathML markup -> TeX text: a formula becomes its TeX (or its MathML's text), tags go, text stays."""
    tex = _FORMULA_RX.sub(_formula, tex)
    tex = _SCRIPT_TAG_RX.sub(lambda m: f"$^{{{m[2]}}}$" if m[1].lower() == "sup" else f"$_{{{m[2]}}}$", tex)
    tex = _JATS_TAG_RX.sub("", tex)
    return _ENTITY_RX.sub(_entity, tex)


def _formula(match: re.Match[str]) -> str:
    body = next(g for g in (match[2], match[4], match[6]) if g is not None)
    whole = match[0]
    tex_math = _TEX_MATH_RX.search(whole)
    if tex_math:
        inner = tex_math[1]
        document = _TEX_DOCUMENT_RX.search(inner)
        math = (document[1] if document else inner).strip()
        return math if "$" in math else f"${math}$"
    mml = _MML_RX.search(whole)
    text = _JATS_TAG_RX.sub("", mml[2] if mml else body)
    return " ".join(text.split())


def _entity(match: re.Match[str]) -> str:
    char = html.unescape(match[0])
    return "\\" + char if char in "&%$#_{}" else char


def _typographic(tex: str) -> str:
    """TeX's ligatures and ties for dashes, quotes and spaces."""
    return tex.replace("---", "—").replace("--", "–").replace("``", "“").replace("''", "”").replace("~", " ")


def _without_braces(tex: str) -> str:
    return tex.replace("{", "").replace("}", "")


def _squash(text: str) -> str:
    return _SPACES_RX.sub(" ", text).strip()


def _latex_to_text(tex: str) -> Decoded:
    from pylatexenc.latexwalker import LatexWalkerError

    try:
        text: str = _decoder().latex_to_text(tex)
    except LatexWalkerError as exc:
        reason = str(exc).strip().partition("\n")[0] or type(exc).__name__
    except (LookupError, AttributeError, TypeError, ValueError):
        # pylatexenc's macro handlers fail like this on a macro without its arguments (`\href{x}`, a bare `\title`)
        reason = "a macro without its arguments?"
    else:
        return Decoded(text, None)
    return Decoded(_without_braces(tex), _UNCONVERTED.format(reason))


def _math_scripts(tex: str) -> str:
    """Inside $...$, x^2 -> x², H_2 -> H₂ where Unicode has the characters."""
    if "$" not in tex:
        return tex
    inside = False
    out = []
    for part in _MATH_DELIMITER_RX.split(tex):
        if part in ("$", "$$"):
            inside = not inside
        elif inside:
            part = _DDAGGER_RX.sub("‡", _DAGGER_RX.sub("†", part))
            part = _SCRIPT_RX.sub(_script, part)
        out.append(part)
    return "".join(out)


def _script(match: re.Match[str]) -> str:
    """One ^x / _{xy} as Unicode super/subscripts, or unchanged if a character has none."""
    op, braced, single = match[1], match[2], match[3]
    body = braced if braced is not None else single
    mapped = body.translate(_SUP if op == "^" else _SUB)
    if all(c != o or c == "*" for c, o in zip(mapped, body, strict=True)) and body:
        return mapped
    return match[0]


@lru_cache(maxsize=1)
def _decoder() -> LatexNodes2Text:
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    db = get_default_latex_context_db()
    db.set_unknown_macro_spec(MacroTextSpec("", discard=False))  # an unknown macro keeps its arguments' text
    db.add_context_category(
        "cvgen",
        prepend=True,
        macros=[
            MacroTextSpec("url", simplify_repl="%s"),
            MacroTextSpec("href", simplify_repl="%(2)s"),
            MacroTextSpec("LaTeX", simplify_repl="LaTeX"),
            MacroTextSpec("TeX", simplify_repl="TeX"),
            MacroTextSpec("BibTeX", simplify_repl="BibTeX"),
            MacroTextSpec("textsuperscript", simplify_repl="%s"),
            MacroTextSpec("textsubscript", simplify_repl="%s"),
            MacroTextSpec("dag", simplify_repl="†"),
            MacroTextSpec("ddag", simplify_repl="‡"),
            MacroTextSpec("textasciicircum", simplify_repl="^"),
            *[MacroTextSpec(m, simplify_repl="%s") for m in _ARGUMENT_MACROS],
            *[MacroTextSpec(m, discard=True) for m in _DISCARDED_MACROS],
        ],
    )
    return LatexNodes2Text(latex_context=db, math_mode="text", strict_latex_spaces="macros")
