"""`import_file`: read a JSON or YAML file, tell JSON Resume from RenderCV, and run that importer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cvgen.errors import CvgenError, Problem, ProfileError
from cvgen.profile.load import load_file
from cvgen.tools.importers.common import EXTENSION, mapping
from cvgen.tools.importers.json_resume import from_json_resume
from cvgen.tools.importers.rendercv import from_rendercv
from cvgen.tools.importers.result import ImportResult

MAX_BYTES = 5_000_000


def import_file(path: Path) -> ImportResult:
    path = Path(path)
    name = str(path)
    raw = _read_bytes(path)
    if path.suffix.lower() == ".json":
        doc = _parse_json(raw, name)
    else:
        doc = load_file(path).data  # safe YAML with size and alias limits
    if not isinstance(doc, dict):
        raise ProfileError([Problem(name, 1, 1, "", "expected a JSON Resume or a RenderCV document (a mapping)")])
    if _is_json_resume(doc):
        return from_json_resume(doc)
    if isinstance(doc.get("cv"), dict) and ("name" in doc["cv"] or "sections" in doc["cv"]):
        return from_rendercv(doc)
    if "person" in doc:
        raise CvgenError(f"{name} is already a cvgen profile; nothing to import")
    raise ProfileError([Problem(name, 1, 1, "", "neither a JSON Resume (no `basics:`) nor a RenderCV file (no `cv:`)")])


def _is_json_resume(doc: dict[str, Any]) -> bool:
    # a cvgen export with no person may have only `meta.x-cvgen`
    return "basics" in doc or "work" in doc or EXTENSION in mapping(doc.get("meta"))


def _parse_json(raw: bytes, name: str) -> object:
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        col = getattr(exc, "colno", None)
        raise ProfileError([Problem(name, line, col, "", f"not a JSON file: {exc}")]) from None


def _read_bytes(path: Path) -> bytes:
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProfileError([Problem(name, None, None, "", "no such file")]) from None
    except OSError as exc:
        raise ProfileError([Problem(name, None, None, "", f"cannot read the file: {exc.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        raise ProfileError([Problem(name, None, None, "", f"the file is larger than {MAX_BYTES:,} bytes")])
    return raw
