"""The profile's languages: the ones it builds in, and its text given per language (`{en: ..., de: ...}`).

Validation reads a text mapping in the build's language (types.Text); this module finds the mappings in
the loaded data, led by the model's field types, so that `cvgen lint` can say which text a language lacks.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from cvgen.profile.load import Path_
from cvgen.profile.model import Profile
from cvgen.profile.types import Markdown, Text


def build_languages(profile: Profile) -> list[str]:
    """The profile's `lang`, then each of `homepage.languages`, once each."""
    tags = [profile.lang, *(profile.homepage.languages or [])]
    return list(dict.fromkeys(tags))


_TEXT_VALIDATORS = [*typing.get_args(Text)[1:], *typing.get_args(Markdown)[1:]]


def _is_text(annotation: Any) -> bool:
    if annotation is Text or annotation is Markdown:
        return True
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(_is_text(a) for a in typing.get_args(annotation))
    return False


def _options(annotation: Any) -> list[Any]:
    """The alternatives of a union (or Annotated) annotation; Text and Markdown stay whole."""
    if _is_text(annotation) and typing.get_origin(annotation) is typing.Annotated:
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _options(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [o for a in typing.get_args(annotation) for o in _options(a)]
    return [annotation]


def _field_annotation(model: type[BaseModel], name: str) -> Any:
    field = model.model_fields.get(name)
    if field is None:
        return None
    if field.annotation is str and any(m in _TEXT_VALIDATORS for m in field.metadata):
        return Text  # pydantic keeps `name: Text = Field(...)` as `str` with Text's validators as metadata
    return field.annotation


def text_mappings(data: Any, annotation: Any = Profile, path: Path_ = ()) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """(path, mapping) of every text field of `data` that is given per language."""
    options = _options(annotation)
    if isinstance(data, dict):
        if any(_is_text(o) for o in options):
            yield path, data
            return
        for option in options:
            if isinstance(option, type) and issubclass(option, BaseModel):
                for key, value in data.items():
                    inner = _field_annotation(option, key) if isinstance(key, str) else None
                    if inner is not None:
                        yield from text_mappings(value, inner, (*path, key))
                return
            if typing.get_origin(option) is dict:
                for key, value in data.items():
                    yield from text_mappings(value, typing.get_args(option)[1], (*path, key))
                return
    elif isinstance(data, list):
        for option in options:
            if typing.get_origin(option) is list:
                for i, value in enumerate(data):
                    yield from text_mappings(value, typing.get_args(option)[0], (*path, i))
                return
