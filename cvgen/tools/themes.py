"""`cvgen themes`: the built-in CV themes, and a copy of one to start a theme of your own from.

A copy is a template folder for `cv.templates`: its files have the names of the built-in ones they replace
(templates/html/cv/... as `cv/...`, templates/latex/... as it is), so a file kept in it overrides the
built-in file and a file removed from it falls back to the built-in one.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from cvgen.errors import BuildError
from cvgen.profile.design import THEMES
from cvgen.render import templates_root
from cvgen.write import write_new_file

# The layout every theme shares (the document, its sections and rows), copied with the theme's own files.
SHARED = {"html": ["cv/cv.html.j2", "cv/cv.css"], "latex": ["cv.tex.j2"]}


def theme_lines() -> list[str]:
    """One line per theme: its name, then one sentence."""
    width = max(len(name) for name in THEMES)
    return [f"{name:<{width}}  {theme.about}" for name, theme in THEMES.items()]


def theme_files(name: str) -> list[tuple[str, Path]]:
    """(name in a template folder, built-in file) of everything the theme `name` is made of, in both engines."""
    if name not in THEMES:
        close = difflib.get_close_matches(name, list(THEMES), n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else f"themes: {', '.join(THEMES)}"
        raise BuildError(f"no theme '{name}'; {hint}")
    root = templates_root()
    files = [(rel, root / "html" / rel) for rel in SHARED["html"]]
    own_html = root / "html" / "cv" / "themes" / name
    files += [(f"cv/themes/{name}/{p.name}", p) for p in sorted(own_html.iterdir()) if p.is_file()]
    files += [(rel, root / "latex" / rel) for rel in SHARED["latex"]]
    own_tex = root / "latex" / "themes" / name
    files += [(f"themes/{name}/{p.name}", p) for p in sorted(own_tex.iterdir()) if p.is_file()]
    return files


def copy_theme(name: str, folder: Path, force: bool = False) -> list[Path]:
    """Copy theme `name` into `folder` (a new or empty one, unless `force`); returns the files written."""
    files = theme_files(name)
    if not force:
        taken = [rel for rel, _ in files if (folder / rel).exists()]
        if taken:
            raise BuildError(f"{folder / taken[0]} already exists; pass --force to overwrite the copy in {folder}")
    return [write_new_file(folder / rel, source.read_text(encoding="utf-8"), force=True) for rel, source in files]
