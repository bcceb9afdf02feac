"""A source entry's fields, with the ones an import did not use reported, never lost silently.

A converter reads fields through `Fields.get`; `settle` then moves every field
it did not read into the entry's note (`Key: value`), or reports it as not
imported when the profile entry has no note.
"""

from __future__ import annotations

from typing import Any

from cvgen.tools.importers.common import without_empty
from cvgen.tools.importers.result import ImportResult
from cvgen.tools.importers.text import shown

_EMPTY: tuple[Any, ...] = (None, "", [], {})


class Fields:
    """The fields of one source entry at `at` (for the report)."""

    def __init__(self, raw: dict[str, Any], at: str):
        self.raw = raw
        self.at = at
        self.used: set[str] = set()

    def get(self, *keys: str) -> Any:
        """The first non-empty value among `keys`; all of them count as read."""
        self.used.update(keys)
        return next((self.raw[k] for k in keys if self.raw.get(k) not in _EMPTY), None)

    def text(self, *keys: str) -> str | None:
        value = self.get(*keys)
        return None if value is None else str(value).strip() or None

    def use(self, *keys: str) -> None:
        """Mark `keys` as read (their value went somewhere by other means)."""
        self.used.update(keys)

    def rest(self) -> dict[str, Any]:
        return {k: v for k, v in self.raw.items() if k not in self.used and v not in _EMPTY}


def settle(entry: dict[str, Any], fields: Fields, note_key: str | None, result: ImportResult) -> dict[str, Any]:
    """`entry` without empty values, with the fields `fields` did not read moved into `note_key` and reported."""
    rest = fields.rest()
    if rest and note_key:
        lines = [f"{_label(k)}: {_value(v)}" for k, v in rest.items()]
        entry[note_key] = "\\\n".join([entry[note_key], *lines] if entry.get(note_key) else lines)
        result.changed += [f"{fields.at}.{k} ({shown(_value(v))}) moved into the {note_key}" for k, v in rest.items()]
    elif rest:
        result.dropped += [
            f"{fields.at}.{k} ({shown(_value(v))}): this entry has no place for it" for k, v in rest.items()
        ]
    return without_empty(entry)


def _label(key: str) -> str:
    return str(key).replace("_", " ").strip().capitalize()


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(v)}" for k, v in value.items())
    return str(value).strip()
