"""Value types shared by the profile model: dates, year lists, links, local paths.

Each parses the loose forms people write in YAML and says precisely what is
wrong otherwise; each also describes itself for the JSON Schema.
"""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError, core_schema

from cvgen.text import i18n

_DATE_RX = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    return 29 if month == 2 and calendar.isleap(year) else _DAYS[month - 1]


@dataclass(frozen=True)
class PartialDate:
    """`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `present`."""

    year: int
    month: int | None = None
    day: int | None = None
    present: bool = False

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise PydanticCustomError("date", "expected a date like 2024, 2024-03 or 2024-03-15, or `present`")
        text = str(value).strip()
        if text.lower() in ("present", "now", "current"):
            return cls(9999, present=True)
        m = _DATE_RX.match(text)
        if not m:
            raise PydanticCustomError(
                "date", "'{text}' is not a date; write 2024, 2024-03 or 2024-03-15, or `present`", {"text": text}
            )
        year = int(m[1])
        month = int(m[2]) if m[2] else None
        day = int(m[3]) if m[3] else None
        if month is not None and not 1 <= month <= 12:
            raise PydanticCustomError("date", "'{text}': month {month} is not 1-12", {"text": text, "month": month})
        if day is not None and month is not None and not 1 <= day <= _days_in(year, month):
            raise PydanticCustomError(
                "date",
                "'{text}': day {day} is not in that month ({month} has {days} days)",
                {"text": text, "day": day, "month": f"{i18n.MONTHS[month - 1]} {year}", "days": _days_in(year, month)},
            )
        return cls(year, month or None, day or None)

    def key(self) -> tuple[int, int, int]:
        """Sort key; `present` sorts after every real date."""
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        if self.present:
            return "present"
        return "-".join([f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None])

    def display(self) -> str:
        """Human form used in the outputs, in the build's language: `Mar 2024`, `2024`, `present`; `März 2024`."""
        if self.present:
            return i18n.gettext("present")
        return i18n.month_year(self.year, self.month)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(cls.parse, serialization=core_schema.to_string_ser_schema())

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": r"^(\d{4}(-\d{1,2}(-\d{1,2})?)?|present)$"},
            ],
            "description": "YYYY, YYYY-MM, YYYY-MM-DD or present",
        }


@dataclass(frozen=True)
class YearSpan:
    """One year (`2023`), a closed range (`2021-2024`) or an open one (`2023-`)."""

    start: int
    end: int | None  # None: open ("2023-"); == start: a single year

    def __str__(self) -> str:
        if self.end is None:
            return f"{self.start}–"
        if self.end == self.start:
            return str(self.start)
        return f"{self.start}–{self.end}"


_SPAN_RX = re.compile(r"^(\d{4})\s*(?:(-|–|—|to)\s*(\d{4}|present|now)?)?$", re.I)


@dataclass(frozen=True)
class Years:
    """Years of an activity: `2023`, `[2025, 2023]`, `"2023-"`, `"2021-2024"`, `"2025, 2023"`."""

    spans: tuple[YearSpan, ...]

    @classmethod
    def parse(cls, value: Any) -> Years:
        if isinstance(value, Years):
            return value
        parts: list[Any]
        if isinstance(value, list):
            parts = value
        elif isinstance(value, str):
            parts = [p for p in re.split(r"[,;]", value) if p.strip()]
        else:
            parts = [value]
        if not parts:
            raise PydanticCustomError("years", "give at least one year")
        spans = []
        for part in parts:
            if isinstance(part, bool) or not isinstance(part, (int, str)):
                raise PydanticCustomError("years", "expected years like 2023, [2025, 2023], '2023-' or '2021-2024'")
            m = _SPAN_RX.match(str(part).strip())
            if not m:
                raise PydanticCustomError(
                    "years", "'{part}' is not a year or range; write 2023, '2023-' or '2021-2024'", {"part": part}
                )
            start = int(m[1])
            if not m[2]:
                end: int | None = start
            elif m[3] and m[3].isdigit():
                end = int(m[3])
                if end < start:
                    raise PydanticCustomError("years", "'{part}' ends before it starts", {"part": part})
            else:
                end = None
            spans.append(YearSpan(start, end))
        return cls(tuple(spans))

    def latest(self) -> int:
        """For sorting newest first; an open range counts as ongoing."""
        return max(9999 if s.end is None else s.end for s in self.spans)

    def __str__(self) -> str:
        return ", ".join(str(s) for s in self.spans)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(cls.parse, serialization=core_schema.to_string_ser_schema())

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        one = {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^\d{4}(\s*-\s*(\d{4}|present)?)?$"}]}
        return {
            "anyOf": [one, {"type": "array", "items": one}, {"type": "string"}],
            "description": "2023 | [2025, 2023] | '2023-' | '2021-2024'",
        }


_SCHEME_RX = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CONTROL_RX = re.compile(r"[\x00-\x1f\x7f]")
# Explicit bidi embeddings, overrides and isolates: U+202E turns "gpj.exe" into "exe.jpg" on screen.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def check_url(value: str) -> str:
    """Links may be http(s), mailto or relative; never javascript:, data:, file:."""
    value = value.strip()
    if not value:
        raise PydanticCustomError("url", "empty link")
    if _CONTROL_RX.search(value) or BIDI_CONTROLS.search(value) or " " in value:
        raise PydanticCustomError("url", "a link may not contain spaces or control characters (write %20)")
    m = _SCHEME_RX.match(value)
    if m:
        scheme = m[1].lower()
        if scheme not in ("http", "https", "mailto"):
            raise PydanticCustomError(
                "url", "'{scheme}:' links are not allowed; use http(s), mailto or a relative path", {"scheme": scheme}
            )
        if scheme in ("http", "https") and not re.match(r"^https?://[^/\s]+", value, re.I):
            raise PydanticCustomError("url", "'{value}' has no host", {"value": value})
    elif re.match(r"[/\\]{2}", value):  # browsers read `/\host` and `\\host` as `//host`
        raise PydanticCustomError("url", "protocol-relative links are not allowed; write https://")
    return value


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _as_text(value: Any) -> Any:
    # Numbers are fine where text is expected (a room number, a year in a note).
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _no_control(value: str) -> str:
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", value):
        raise PydanticCustomError("text", "contains a control character; remove it")
    return value


def _no_bidi_controls(value: str) -> str:
    """Explicit bidi controls are dropped: one left open (U+202E) reverses the rest of a line in the
    PDF and the page. Text in any script still shows in its own direction without them."""
    return BIDI_CONTROLS.sub("", value)


MAX_MARKDOWN_DEPTH = 4  # lists and quotes inside one another; LaTeX stops at 4 lists of a kind
_CONTAINERS = ("bullet_list_", "ordered_list_", "blockquote_")
_NEST_MARK = re.compile(r"[-*+>]|\d[.)]")


def _shallow_markdown(value: str) -> str:
    """Markdown whose lists and quotes nest at most MAX_MARKDOWN_DEPTH deep: deeper ones break the
    LaTeX CV ("Too deeply nested") and no CV needs them."""
    if len(_NEST_MARK.findall(value)) <= MAX_MARKDOWN_DEPTH:
        return value  # too few list or quote marks to nest deeper: no need to parse
    from cvgen.text.format import markdown_parser

    depth = deepest = 0
    for token in markdown_parser().parse(value):
        if token.type.startswith(_CONTAINERS):
            depth += token.nesting
            deepest = max(deepest, depth)
    if deepest > MAX_MARKDOWN_DEPTH:
        raise PydanticCustomError(
            "markdown",
            "lists and quotes are nested {deepest} levels deep; at most {most} print (LaTeX stops at more): "
            "flatten the list",
            {"deepest": deepest, "most": MAX_MARKDOWN_DEPTH},
        )
    return value


LANG_TAG_RX = i18n.TAG_RX


def build_languages(context: Any) -> tuple[str | None, ...]:
    """The languages a text mapping is read in: the build's, then the profile's `lang` (validation context)."""
    if isinstance(context, dict):
        return tuple(t for t in context.get("languages", ()) if isinstance(t, str))
    return ()


def check_text_mapping(value: dict[Any, Any]) -> dict[str, Any]:
    """`{en: ..., de: ...}`: language tags CLDR knows, each with text."""
    if not value:
        raise PydanticCustomError(
            "text_languages", "give the text, or a mapping of languages to text (en: ..., de: ...)"
        )
    for tag, text in value.items():
        if not isinstance(tag, str) or not i18n.is_language(tag):
            known = ("en", "de", "fr", "es", "it", "pt", "nl", "zh", "zh-Hans", "zh-Hant", "ja", "ko", "ru")
            close = difflib.get_close_matches(str(tag), known, n=1, cutoff=0.5)
            hint = f"; did you mean '{close[0]}'?" if close else " (a BCP 47 tag like en, de, zh-Hans)"
            raise PydanticCustomError(
                "text_languages", "'{tag}' is not a language{hint}", {"tag": str(tag), "hint": hint}
            )
        if isinstance(text, bool) or not isinstance(text, (str, int, float)):
            raise PydanticCustomError(
                "text_languages", "the text in '{tag}' must be text, not a mapping or list", {"tag": tag}
            )
    return value


def check_language(tag: str) -> str:
    """A BCP 47 tag CLDR knows (`de`, `zh-Hans`, `pt-BR`)."""
    check_text_mapping({tag: ""})
    return tag


def _in_language(value: Any, info: ValidationInfo) -> Any:
    """Text given in several languages (`{en: ..., de: ...}`) -> the text of the build's language, else of
    the profile's `lang`, else the first given; `zh` serves a `zh-Hans` build and the other way round."""
    if not isinstance(value, dict):
        return value
    return i18n.pick(check_text_mapping(value), build_languages(info.context))


LangTag = Annotated[
    str,
    BeforeValidator(_strip),
    AfterValidator(check_language),
    WithJsonSchema({"type": "string", "pattern": LANG_TAG_RX.pattern}),
]

# A text field's schema: the text, or the text per language.
_TEXT_SCHEMA = {
    "anyOf": [
        {"type": ["string", "number"]},
        {
            "type": "object",
            "description": "The text per language (BCP 47 tag: text), e.g. {en: Teaching, de: Lehre}.",
            "propertyNames": {"pattern": LANG_TAG_RX.pattern},
            "additionalProperties": {"type": ["string", "number"]},
            "minProperties": 1,
        },
    ]
}

Url = Annotated[str, BeforeValidator(_strip), AfterValidator(check_url)]
Text = Annotated[
    str,
    BeforeValidator(_as_text),
    BeforeValidator(_in_language),  # before validators run last first: the language is picked, then _as_text
    AfterValidator(_no_control),
    AfterValidator(_no_bidi_controls),
    WithJsonSchema(_TEXT_SCHEMA),
]
# Markdown text: links, emphasis, paragraphs; raw HTML is shown as text.
Markdown = Annotated[
    str,
    BeforeValidator(_as_text),
    BeforeValidator(_in_language),
    AfterValidator(_no_control),
    AfterValidator(_no_bidi_controls),
    AfterValidator(_shallow_markdown),
    WithJsonSchema(_TEXT_SCHEMA),
]


def check_local_path(value: str) -> str:
    """A file relative to the profile's folder. Where it resolves is checked at build time."""
    if _CONTROL_RX.search(value):
        raise PydanticCustomError("path", "the path contains a control character; remove it")
    if _SCHEME_RX.match(value) and not re.match(r"^[a-zA-Z]:[\\/]", value):
        raise PydanticCustomError("path", "give a file path relative to the profile, not a URL")
    if value.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:[\\/]", value):
        raise PydanticCustomError("path", "absolute paths are not allowed; give a path relative to the profile")
    if ".." in re.split(r"[\\/]", value):
        raise PydanticCustomError("path", "the path may not leave the profile's folder ('..')")
    return value


LocalPath = Annotated[str, BeforeValidator(_strip), AfterValidator(check_local_path)]

ORCID_RX = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


def check_profile_link(value: str) -> str:
    """A profile link is a URL, or a bare ORCID iD (0000-0002-1825-0097)."""
    return value if ORCID_RX.match(value) else check_url(value)


ProfileLink = Annotated[str, BeforeValidator(_strip), AfterValidator(check_profile_link)]
