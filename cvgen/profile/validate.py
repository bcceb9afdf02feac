"""Stage 2: plain data -> typed `Profile`; every problem at once, located.

Pydantic reports errors by path; we map each path back to the YAML line and
column the loader recorded, and for unknown keys suggest the nearest known one.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from cvgen.errors import Problem, ProfileError
from cvgen.profile.load import Loaded, dotted
from cvgen.profile.model import Profile


def validate(loaded: Loaded, lang: str | None = None) -> Profile:
    """The typed profile; text given per language (`{en: ..., de: ...}`) is read in `lang` (the build's
    language), else in the profile's `lang`, else in the first language given."""
    if not isinstance(loaded.data, dict):
        line, col = loaded.where(())
        raise ProfileError(
            [
                Problem(
                    str(loaded.file),
                    line,
                    col,
                    "",
                    "a profile is a mapping of keys (person:, publications:, ...), not a list or a single value",
                )
            ]
        )
    try:
        own = loaded.data.get("lang")
        languages = (lang, own if isinstance(own, str) else None, "en")
        return Profile.model_validate(loaded.data, context={"languages": languages})
    except ValidationError as exc:
        raise ProfileError(_problems(exc, loaded)) from None


def _problems(exc: ValidationError, loaded: Loaded) -> list[Problem]:
    out: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for err in exc.errors(include_url=False):
        if err["type"] == "section":
            path, message = _section_problem(err.get("ctx", {}), loaded.data)
        else:
            path = _data_path(err["loc"], loaded.data)
            if err["type"] == "missing_title":  # raised by the model, reported on the field
                path += ("title",)
            if err["type"] == "text_languages":  # a text per language: reported at the language's key
                path += _language_key(err.get("ctx", {}).get("tag"), path, loaded.data)
            message = _message(err, path)
        key = (dotted(path), message)
        if key in seen:
            continue
        seen.add(key)
        line, col = loaded.where(path)
        out.append(Problem(str(loaded.file), line, col, _printable(dotted(path)), _printable(message)))
    return out


# Control and bidi-override characters from the profile are shown escaped: an error message
# must not move the cursor, recolour or clear the terminal of whoever validates the profile.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _printable(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _section_problem(ctx: dict[str, Any], data: dict[str, Any]) -> tuple[tuple[str | int, ...], str]:
    """An unknown name in a `sections:` order, located at the name itself, with a hint."""
    where, name = str(ctx.get("where", "")), str(ctx.get("name", ""))
    known = [k.strip() for k in str(ctx.get("known", "")).split(",") if k.strip()]
    settings: Any = data
    for step in where.split("."):  # "cv", or "variants.short.cv"
        settings = settings.get(step) if isinstance(settings, dict) else None
    names = settings.get("sections") if isinstance(settings, dict) else None
    path: tuple[str | int, ...] = (*where.split("."), "sections")
    if isinstance(names, list) and name in names:
        path += (names.index(name),)
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(known)}"
    return path, f"unknown section '{name}'; {hint}"


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[str | int, ...]:
    """Drop pydantic's union tags from `loc`, keeping only steps that exist in the data."""
    path: list[str | int] = []
    node = data
    for step in loc:
        if isinstance(node, dict) and step in node:
            path.append(step)
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            path.append(step)
            node = node[step]
        elif isinstance(node, dict) and isinstance(step, str) and not _is_tag(step):
            path.append(step)  # a missing or unknown key: still part of the path
            node = None
    return tuple(path)


def _language_key(tag: Any, path: tuple[str | int, ...], data: Any) -> tuple[str, ...]:
    """(tag,) when the mapping at `path` has the key `tag`; () otherwise."""
    node = data
    for step in path:
        if isinstance(node, dict):
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            return ()
    return (tag,) if isinstance(node, dict) and isinstance(tag, str) and tag in node else ()


def _is_tag(step: str) -> bool:
    return step in ("publication", "bibtex") or "[" in step or step.startswith("function-")


def _message(err: ErrorDetails, path: tuple[str | int, ...]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        name = str(path[-1]) if path else "?"
        allowed = _allowed_keys(path[:-1])
        hint = ""
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        if close:
            hint = f"; did you mean '{close[0]}'?"
        elif allowed:
            hint = f"; allowed here: {', '.join(allowed)}"
        return f"unknown key '{name}'{hint}"
    if kind == "missing":
        return f"required, but missing; add `{path[-1]}: ...`" if path else "required, but missing"
    msg = err["msg"]
    if kind.startswith("literal_error"):
        expected = err.get("ctx", {}).get("expected", "")
        options = re.findall(r"'([^']*)'", expected)
        close = difflib.get_close_matches(str(err.get("input")), options, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"must be one of {expected}; got {_show(err.get('input'))}{hint}"
    if kind in (
        "string_type",
        "int_type",
        "int_parsing",
        "bool_type",
        "bool_parsing",
        "list_type",
        "dict_type",
        "model_type",
        "model_attributes_type",
        "float_type",
        "float_parsing",
    ):
        want = {
            "string_type": "text",
            "int_type": "a whole number",
            "int_parsing": "a whole number",
            "bool_type": "true or false",
            "bool_parsing": "true or false",
            "list_type": "a list (- item lines or [a, b])",
            "dict_type": "a mapping (key: value lines)",
            "model_type": "a mapping (key: value lines)",
            "model_attributes_type": "a mapping (key: value lines)",
            "float_type": "a number",
            "float_parsing": "a number",
        }[kind]
        return f"expected {want}, got {_show(err.get('input'))}"
    if kind == "string_too_short":
        return "may not be empty"
    return msg[0].lower() + msg[1:] if msg else kind


def _show(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _allowed_keys(path: tuple[str | int, ...]) -> list[str]:
    """Field names of the model that sits at `path`, for "did you mean"."""
    annotation: Any = Profile
    for step in path:
        annotation = _step(annotation, step)
        if annotation is None:
            return []
    model = _model_of(annotation)
    return list(model.model_fields) if model else []


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        out = []
        for arg in typing.get_args(annotation):
            out += _unwrap(arg)
        return out
    return [annotation]


def _model_of(annotation: Any) -> type[BaseModel] | None:
    for option in _unwrap(annotation):
        if isinstance(option, type) and issubclass(option, BaseModel):
            return option
    return None


def _step(annotation: Any, step: str | int) -> Any:
    for option in _unwrap(annotation):
        origin = typing.get_origin(option)
        if isinstance(step, int) and origin is list:
            inner = typing.get_args(option)[0]
            models = [o for o in _unwrap(inner) if isinstance(o, type) and issubclass(o, BaseModel)]
            return models[0] if len(models) == 1 else (models[0] if models else inner)
        if isinstance(step, str) and origin is dict:
            return typing.get_args(option)[1]
        if isinstance(step, str) and isinstance(option, type) and issubclass(option, BaseModel):
            field = option.model_fields.get(step)
            return field.annotation if field else None
    return None
