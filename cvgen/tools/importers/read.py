"""`import_path`: a JSON Resume or RenderCV file, or an al-folio / academicpages site folder -> its importer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cvgen.errors import CvgenError, Problem, ProfileError
from cvgen.profile.load import load_file
from cvgen.tools.importers.academicpages import from_academicpages
from cvgen.tools.importers.alfolio import from_alfolio
from cvgen.tools.importers.common import EXTENSION, mapping
from cvgen.tools.importers.json_resume import from_json_resume
from cvgen.tools.importers.pages import parse_json, read_yaml
from cvgen.tools.importers.rendercv import from_rendercv
from cvgen.tools.importers.result import ImportResult

MAX_BYTES = 5_000_000
# What tells the two site themes apart, besides `_config.yml`.
_ALFOLIO_MARKS = ("_bibliography", "_news", "_data/cv.yml", "assets/json/resume.json", "_data/socials.yml")
_ACADEMICPAGES_MARKS = ("_publications", "_talks", "_teaching")


def import_file(path: Path) -> ImportResult:
    """A JSON Resume or RenderCV file (kept for callers that import one file)."""
    return import_path(path)


def import_path(path: Path, output: Path | None = None) -> ImportResult:
    """Import a file or a site folder; `output` (the profile to write) decides how site files are referenced."""
    path = Path(path)
    if path.is_dir():
        return import_site(path, output.parent if output is not None else None)
    name = str(path)
    raw = _read_bytes(path)
    if path.suffix.lower() == ".json":
        doc = parse_json(raw, name)
    else:
        doc = load_file(path).data  # safe YAML with size and alias limits
    if not isinstance(doc, dict):
        raise ProfileError([Problem(name, 1, 1, "", "expected a JSON Resume or a RenderCV document (a mapping)")])
    if _is_json_resume(doc):
        result = from_json_resume(doc)
    elif isinstance(doc.get("cv"), dict) and ("name" in doc["cv"] or "sections" in doc["cv"]):
        result = from_rendercv(doc)
    elif "person" in doc:
        raise CvgenError(f"{name} is already a cvgen profile; nothing to import")
    else:
        raise ProfileError(
            [Problem(name, 1, 1, "", "neither a JSON Resume (no `basics:`) nor a RenderCV file (no `cv:`)")]
        )
    result.found.insert(0, f"a {result.source_format}: {name}")
    return result


def import_site(root: Path, out_dir: Path | None) -> ImportResult:
    """An al-folio or academicpages site folder; which one is told by its files."""
    kind = site_kind(root)
    if kind == "al-folio":
        return from_alfolio(root, out_dir)
    if kind == "academicpages":
        return from_academicpages(root, out_dir)
    raise ProfileError(
        [
            Problem(
                str(root),
                None,
                None,
                "",
                "a folder, but not an al-folio site (_config.yml with _bibliography/, _news/ or _data/cv.yml) "
                "nor an academicpages site (_config.yml with author: and _publications/, _talks/ or _teaching/)",
            )
        ]
    )


def site_kind(root: Path) -> str | None:
    if not (root / "_config.yml").is_file():
        return None
    if any((root / m).exists() for m in _ACADEMICPAGES_MARKS) and isinstance(
        mapping(read_yaml(root, "_config.yml")).get("author"), dict
    ):
        return "academicpages"
    if any((root / m).exists() for m in _ALFOLIO_MARKS):
        return "al-folio"
    return None


def _is_json_resume(doc: dict[str, Any]) -> bool:
    # a cvgen export with no person may have only `meta.x-cvgen`
    return "basics" in doc or "work" in doc or EXTENSION in mapping(doc.get("meta"))


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
