"""Imported text made clean: TeX decoded, placeholders told apart, emphasis stripped, years and notes.

Sources written for other tools carry their habits: TeX in YAML (`Lo{\\"i}c`,
`{SeisIO}`), RenderCV's Markdown bold on the owner's name, layout hacks such as
a `**__HIDDEN__**` entry that only makes space. A profile wants the text itself.
"""

from __future__ import annotations

import re
from typing import Any

from cvgen.profile.bibtex import tex_to_text
from cvgen.tools.importers.result import ImportResult

# A TeX command, an accent command, or a braced word: text that TeX would typeset differently.
_TEX_RX = re.compile(r"\\[A-Za-z]+|\\[\"'`^~=.&%$#_{}]|\{[^{}\s]*[^\W\d_][^{}]*\}")
# What must reach the output exactly: Markdown link targets, URLs, code.
_PROTECT_RX = re.compile(r"\]\([^)\s]*\)|<?https?://[^\s)>\]]+>?|`[^`]*`")
_PRIVATE = 0xE000  # private-use characters stand in for protected parts while TeX is decoded
_LONE_DOLLAR_RX = re.compile(r"(?<!\\)\$(?=[\d\s]|$)")
_DUNDER_RX = re.compile(r"^[*_\s]*__[A-Z0-9][A-Z0-9_ ]*__[*_\s]*$")
_PLACEHOLDER_WORDS = frozenset({"hidden", "placeholder", "dummy", "lorem ipsum"})
_MARKERS_RX = re.compile(r"[\s*_~`]+|&nbsp;|\\(?:phantom|hspace|vspace)\{[^}]*\}")
_EMPHASIS_RX = re.compile(r"^(\*{1,3}|_{1,3})(.+?)\1$")
_YEAR_RX = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_RANGE_RX = re.compile(
    r"^(?P<a>(?:[A-Za-z]+\.?\s+)?\d{4}(?:-\d{1,2})?)\s*(?:-|–|—|to)\s*"
    r"(?P<b>(?:[A-Za-z]+\.?\s+)?\d{4}(?:-\d{1,2})?|present|now|current|ongoing)?$",
    re.I,
)
_MAX_SHOWN = 60


def shown(value: object) -> str:
    """A value quoted for a report line, shortened."""
    text = " ".join(str(value).split())
    return repr(text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…")


# ---------------------------------------------------------------- placeholders
def is_placeholder(value: object) -> bool:
    """Text that only makes space: `**__HIDDEN__**`, `__X__`, `&nbsp;`, `**`, an empty string."""
    if not isinstance(value, str):
        return False
    if _DUNDER_RX.match(value.strip()):
        return True
    core = _MARKERS_RX.sub(" ", value).strip()
    return not core or (core.lower() in _PLACEHOLDER_WORDS and core.isupper())


# ---------------------------------------------------------------- emphasis
def strip_emphasis(text: str) -> tuple[str, bool]:
    """`***John Doe***` -> ('John Doe', True): RenderCV marks the owner in bold; `*x*` is only italic."""
    m = _EMPHASIS_RX.match(text.strip())
    if m:
        return m[2].strip(), len(m[1]) >= 2
    return text.strip(), False


# ---------------------------------------------------------------- TeX
def looks_like_tex(text: str) -> bool:
    return bool(_TEX_RX.search(text))


def decode_tex(text: str) -> str:
    """TeX in text -> Unicode, by the BibTeX reader's decoder; links, URLs and code stay as written."""
    kept: list[str] = []

    def protect(m: re.Match[str]) -> str:
        kept.append(m[0])
        return chr(_PRIVATE + len(kept) - 1)

    hidden = _PROTECT_RX.sub(protect, text)
    hidden = _LONE_DOLLAR_RX.sub(r"\\$", hidden)  # "$5,000" is money, not math
    lines = [tex_to_text(line) for line in hidden.split("\n")]  # keep the line structure (Markdown)
    out = "\n".join(lines)
    for i, original in enumerate(kept):
        out = out.replace(chr(_PRIVATE + i), original)
    return out


def clean_text(value: str, at: str, result: ImportResult) -> str:
    """`value` with TeX decoded, reported."""
    if not looks_like_tex(value):
        return value
    decoded = decode_tex(value)
    if decoded != value:
        result.changed.append(f"{at}: TeX decoded: {shown(value)} -> {shown(decoded)}")
    return decoded


def clean_entry(entry: Any, at: str, result: ImportResult) -> Any:
    """Every text of an entry (nested lists and mappings too) with TeX decoded; URLs and the like untouched."""
    if isinstance(entry, str):
        return clean_text(entry, at, result)
    if isinstance(entry, list):
        return [clean_entry(x, f"{at}[{i}]", result) for i, x in enumerate(entry)]
    if isinstance(entry, dict):
        return {k: v if _verbatim(str(k)) else clean_entry(v, f"{at}.{k}", result) for k, v in entry.items()}
    return entry


def _verbatim(key: str) -> bool:
    return key.lower() in ("url", "doi", "email", "phone", "photo", "website", "image") or key.lower().endswith("url")


# ---------------------------------------------------------------- dates and years
def years_of(value: object) -> int | str | list[int | str] | None:
    """Years of an activity in the profile's form: `2023`, `[2023, 2024, 2026]`, `"2019-2021"`, `"2023-"`."""
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, list):
        out = [y for v in value for y in _as_list(years_of(v))]
        return out[0] if len(out) == 1 else (out or None)
    parts = [p.strip() for p in re.split(r"[,;&]|\band\b", str(value)) if p.strip()]
    spans: list[int | str] = []
    for part in parts:
        m = _RANGE_RX.match(part)
        if m:
            a = int(_YEAR_RX.findall(m["a"])[0])
            b = _YEAR_RX.findall(m["b"] or "")
            spans.append(f"{a}-{b[0]}" if b and int(b[0]) != a else (a if b else f"{a}-"))
        else:
            spans += [int(y) for y in _YEAR_RX.findall(part)]
    return spans[0] if len(spans) == 1 else (spans or None)


def _as_list(value: int | str | list[int | str] | None) -> list[int | str]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def date_range(value: object) -> tuple[str, str | None] | None:
    """`2019 - 2023`, `Sep 2021 – present`, `2021-09 to 2022-03` -> (start, end); None when not a range."""
    if not isinstance(value, str):
        return None
    m = _RANGE_RX.match(value.strip())
    return (m["a"], m["b"]) if m else None


def years(value: object, at: str, result: ImportResult) -> int | str | list[int | str] | None:
    """`years_of`, reporting words it leaves out ("Fall 2023, Spring 2024" -> [2023, 2024])."""
    out = years_of(value)
    words = re.sub(r"\b(present|now|current|ongoing|to|and)\b", "", str(value or ""), flags=re.I)
    if out is None and value not in (None, ""):
        result.dropped.append(f"{at}: {shown(value)} names no year")
    elif re.search(r"[A-Za-z]", words):
        result.changed.append(f"{at}: {shown(value)} kept as the years {out}")
    return out


# ---------------------------------------------------------------- notes
def note_text(*paragraphs: object, items: object = None) -> str | None:
    """Paragraphs and highlights as one Markdown note, each highlight a line of its own ("• ...")."""
    lines = [str(p).strip() for p in paragraphs if p not in (None, "") and str(p).strip()]
    if isinstance(items, str):
        items = [items]
    if isinstance(items, list):
        items = [str(x).strip() for x in items if str(x).strip()]
        lines += [f"• {x}" for x in items] if len(lines) + len(items) > 1 else items
    return "\\\n".join(lines) or None  # a Markdown hard break: one line each in the CV and on the page


_THESIS_RX = re.compile(r"^\s*(?:thesis|dissertation)\s*:\s*", re.I)
_ADVISOR_RX = re.compile(r"^\s*(?:advisors?|supervisors?|advised by)\s*:\s*", re.I)


def thesis_and_advisors(items: list[Any]) -> tuple[str | None, list[str], list[Any]]:
    """Education highlights: ("Thesis: X" -> X, "Advisors: A and B" -> [A, B], the other lines)."""
    thesis = next((str(h) for h in items if _THESIS_RX.match(str(h))), None)
    advisor_line = next((str(h) for h in items if _ADVISOR_RX.match(str(h))), None)
    advisors = re.split(r",|;|\band\b", _ADVISOR_RX.sub("", advisor_line)) if advisor_line else []
    rest = [h for h in items if str(h) not in (thesis, advisor_line)]
    return (_THESIS_RX.sub("", thesis).strip() if thesis else None), [a.strip() for a in advisors if a.strip()], rest
