"""The homepage: a static site from the profile, linking the CV PDF of the same build.

    select -> pictures (Pillow) -> homepage_context -> templates -> OutputDir

Writes index.html, publications.html (when the index does not list every
paper), style.css, favicon.svg + favicon.ico, feed.xml (news, Atom) and the
resized pictures under images/. Everything is relative, so the folder can be
copied as is to GitHub Pages or any web server, or opened from disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from cvgen.clock import build_date
from cvgen.errors import BuildError, Problem, ProfileError
from cvgen.outputs.images import ImageError, favicon_ico, resize
from cvgen.profile.files import resolve_input
from cvgen.profile.load import dotted
from cvgen.profile.model import Publication
from cvgen.render import html_environment, render
from cvgen.views.homepage import (
    Picture,
    SiteInputs,
    collect_thumbnails,
    initials,
    news_feed,
    plan_publications,
    site_pages,
)
from cvgen.views.select import select
from cvgen.write import OutputDir

if TYPE_CHECKING:
    from cvgen.build import BuildOptions, BuildReport, Source

# Shown at 150 and 220 CSS pixels; stored at twice that for high-density screens.
PHOTO_WIDTH = 150
THUMB_WIDTH = 220
DENSITY = 2
ACCENT = (31, 94, 168)  # the favicon's background; matches --accent in style.css


def build_homepage(source: Source, options: BuildOptions, out: OutputDir, report: BuildReport) -> None:
    from cvgen.build import cv_basename, user_templates

    with report.timed("homepage"):
        sel = select(source.profile, source.publications, "homepage", options.variant)
        plan = plan_publications(sel, source.publications)
        env = html_environment(user_templates(source, sel.homepage.templates))
        pictures = _Pictures(source, out)
        person = source.profile.person
        photo = pictures.add(person.photo, ("person", "photo"), PHOTO_WIDTH) if person.photo else None
        thumbs: dict[str, Picture] = {}
        if (sel.homepage.style or "sidebar") == "sidebar":
            for rel in collect_thumbnails(plan.full):
                thumbs[rel] = pictures.add(rel, _thumbnail_path(source, rel), THUMB_WIDTH)
        cv_name = f"{cv_basename(options.variant)}.pdf"
        cv = cv_name if (out.root / cv_name).is_file() else None
        if cv is None:
            report.notes.append(f"homepage: {cv_name} was not built, so the homepage does not link a CV")
        feed = news_feed(sel)
        pages = site_pages(SiteInputs(sel, plan, photo, thumbs, cv, feed is not None, build_date()))

        written: list[Path] = list(pictures.written)
        for page in pages:
            html = render(env, f"homepage/{page.style}.html.j2", page=page)
            written.append(out.write(f"{page.page}.html", html))
        written.append(out.write("style.css", _static(env, "homepage/style.css")))
        written.append(out.write("favicon.svg", render(env, "homepage/favicon.svg.j2", initials=initials(person.name))))
        written.append(out.write("favicon.ico", favicon_ico(initials(person.name), ACCENT)))
        if feed is not None:
            written.append(out.write("feed.xml", render(env, "homepage/feed.xml.j2", feed=feed)))
        report.outputs.extend(written)


def _static(env: jinja2.Environment, name: str) -> str:
    """A file served as is (a user's templates folder may override it)."""
    try:
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    except jinja2.TemplateNotFound:
        raise BuildError(f"template not found: {name}") from None
    return source


def _thumbnail_path(source: Source, rel: str) -> tuple:
    for i, item in enumerate(source.profile.publications):
        if isinstance(item, Publication) and item.thumbnail == rel:
            return ("publications", i, "thumbnail")
    return ("publications",)


class _Pictures:
    """Resizes each picture once and writes it under images/ with a unique name."""

    def __init__(self, source: Source, out: OutputDir):
        self.source = source
        self.out = out
        self.done: dict[tuple[Path, int], Picture] = {}
        self.names: set[str] = set()
        self.written: list[Path] = []

    def add(self, rel: str, where: tuple, width: int) -> Picture:
        real = resolve_input(self.source.loaded, rel, where)
        key = (real, width)
        if key in self.done:
            return self.done[key]
        try:
            img = resize(real, width * DENSITY)
        except ImageError as exc:
            line, col = self.source.loaded.where(where)
            raise ProfileError([Problem(str(self.source.loaded.file), line, col, dotted(where), str(exc))]) from None
        stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in Path(rel).stem).strip("-") or "image"
        name, n = f"{stem}.{img.ext}", 2
        while name in self.names:
            name, n = f"{stem}-{n}.{img.ext}", n + 1
        self.names.add(name)
        self.written.append(self.out.write(f"images/{name}", img.data))
        # Shown `width` CSS pixels wide whatever the file's size, so the layout never depends on it.
        pic = Picture(f"images/{name}", width, max(1, round(img.height * width / img.width)))
        self.done[key] = pic
        return pic
