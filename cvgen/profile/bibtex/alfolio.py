"""The keys al-folio users keep in their bib files, read as al-folio reads them.

al-folio (a Jekyll academic theme) extends BibTeX with `selected`, badges
(`award`, `award_name`, `note`, `additional_info`), link buttons (`pdf`,
`code`, `slides`, ...) whose bare file names live under its `assets/`
folders, and `preview` thumbnails under assets/img/publication_preview.
Supporting them lets a user point cvgen at the bib file they already have.
"""

from __future__ import annotations

import re
from pathlib import Path

from cvgen.profile.bibtex.fields import BibEntry
from cvgen.profile.bibtex.problems import BibProblems
from cvgen.profile.files import MAX_INPUT_BYTES, image_problem
from cvgen.profile.inside import NotInside, read_inside

PREVIEW_DIR = "assets/img/publication_preview"  # where al-folio keeps `preview` images
# Link fields: al-folio's buttons plus common extras. Relative values are al-folio asset paths.
LINK_FIELDS = ("pdf", "code", "html", "arxiv", "slides", "poster", "video", "website", "blog", "supp",
               "talk", "project", "demo", "data", "url")  # fmt: skip
ASSET_DIRS = {"pdf": "assets/pdf", "supp": "assets/pdf", "poster": "assets/pdf", "slides": "assets/pdf",
              "html": "assets/html"}  # fmt: skip


def truthy(text: str) -> bool:
    """`selected = {true}` and the other ways of saying yes."""
    return text.strip().lower() in ("true", "yes", "1", "y", "on")


def note_and_extra(award_name: str, award: str, note: str, additional_info: str | None) -> dict[str, str]:
    """The badge (`note`) and the remarks line (`extra`) from al-folio's award and note keys.

    An award is the badge and a `note` joins the remarks; without an award the
    note is the badge. `additional_info` (None when the field is absent) always joins the remarks.
    """
    out: dict[str, str] = {}
    extras = []
    if award_name or award:
        out["note"] = award_name or award
        if award and award_name and award != award_name:
            extras.append(award)
        if note:
            extras.append(note)
    elif note:
        out["note"] = note
    if additional_info is not None:
        extras.append(additional_info.lstrip(", "))
    if extras:
        out["extra"] = " ".join(extras)
    return out


def links(fields: dict[str, str], arxiv_id: str) -> dict[str, str]:
    """Link buttons by kind -> URL. A `url` becomes the `html` button unless it repeats another link."""
    out: dict[str, str] = {}
    for name in LINK_FIELDS:
        value = fields.get(name, "").strip()
        if not value:
            continue
        value = re.sub(r"^\\url\{(.*)\}$", r"\1", value).replace("\\_", "_").replace("\\%", "%").replace("\\#", "#")
        url = _link(value, name)
        target = name
        if name == "url":
            if url in out.values():
                continue
            target = "html" if "html" not in out else "url"
        out[target] = url
    if "arxiv" not in out and arxiv_id:
        out["arxiv"] = f"https://arxiv.org/abs/{arxiv_id}"
    return out


def _link(value: str, kind: str) -> str:
    value = value.strip().replace(" ", "%20")
    if kind == "arxiv" and not re.match(r"^[a-z]+://", value, re.I):
        ident = re.sub(r"^(arxiv:)", "", value, flags=re.I)
        return f"https://arxiv.org/abs/{ident}"
    if value.lower().startswith("www."):
        return "https://" + value
    if not re.match(r"^[a-z][a-z0-9+.\-]*:", value, re.I) and not value.startswith(("/", "#")) and kind in ASSET_DIRS:
        return f"{ASSET_DIRS[kind]}/{value}"  # al-folio: a bare file name lives under assets/
    return value


def preview(entry: BibEntry, value: str, problems: BibProblems, root: Path) -> str | None:
    """The thumbnail path (relative to `root`, the profile's folder) of a `preview` value, if the file is there."""
    line = entry.field_line("preview")
    if "://" in value:
        problems.warn_field(
            entry.key,
            "preview",
            line,
            f"preview '{value}' is a URL; thumbnails must be local files, so it is not shown",
        )
        return None
    for rel in (f"{PREVIEW_DIR}/{value}", value):
        if ".." in rel.split("/") or rel.startswith("/"):
            continue  # never a file outside the profile's folder
        path = (root / rel).resolve()
        if root in path.parents and path.is_file():
            try:
                wrong = image_problem(read_inside(root, rel, MAX_INPUT_BYTES), rel)
            except NotInside as exc:
                wrong = str(exc)
            if wrong:
                problems.error(line, problems.column(line, "preview"), f"{entry.key}.preview", wrong)
                return None
            return rel
    problems.warn_field(
        entry.key,
        "preview",
        line,
        f"preview '{value}' not found (looked for {PREVIEW_DIR}/{value} in the profile's folder); not shown",
    )
    return None
