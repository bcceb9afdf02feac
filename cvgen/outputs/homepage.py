"""The homepage as files: pages, style sheet, favicons, feed and resized pictures.

    selection -> view (views.homepage) -> templates -> {file name: bytes}

Everything is relative, so the folder can be copied as is to GitHub Pages or
any web server, or opened from disk. Pictures are read from the profile's
folder (confined to it) and resized with Pillow, EXIF removed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2

from cvgen.errors import BuildError, ImageError, Problem, ProfileError
from cvgen.outputs.images import favicon_ico, resize
from cvgen.profile.files import read_input, resolve_input
from cvgen.profile.load import Path_, dotted
from cvgen.profile.model import Publication
from cvgen.profile.source import Source, user_templates
from cvgen.render import html_environment, render
from cvgen.views.feed import news_feed
from cvgen.views.homepage import (
    SiteInputs,
    collect_thumbnails,
    homepage_format,
    initials,
    plan_publications,
    site_pages,
)
from cvgen.views.homepage_blocks import Picture
from cvgen.views.select import Selection

# Shown at 150 and 220 CSS pixels; stored at twice that for high-density screens.
PHOTO_WIDTH = 150
THUMB_WIDTH = 220
DENSITY = 2
ACCENT = (31, 94, 168)  # the favicon's background; matches --accent in style.css

Files = dict[str, bytes | str]


def homepage_files(source: Source, sel: Selection, cv_pdf: str | None, today: dt.date) -> Files:
    """Every file of the site, in the order they are written; `cv_pdf` is the CV this build makes."""
    env = html_environment(user_templates(source, sel.homepage.templates))
    plan = plan_publications(sel, source.publications)
    pictures = _Pictures(source)
    person = source.profile.person
    photo = pictures.add(person.photo, ("person", "photo"), PHOTO_WIDTH) if person.photo else None
    thumbs: dict[str, Picture] = {}
    if (sel.homepage.style or "sidebar") == "sidebar":
        for rel in collect_thumbnails(plan.full):
            thumbs[rel] = pictures.add(rel, _thumbnail_path(source, rel), THUMB_WIDTH)
    feed = news_feed(sel, homepage_format(sel))
    files: Files = dict(pictures.files)
    for page in site_pages(SiteInputs(sel, plan, photo, thumbs, cv_pdf, feed is not None, today)):
        files[f"{page.page}.html"] = render(env, f"homepage/{page.style}.html.j2", page=page)
    files["style.css"] = _static(env, "homepage/style.css")
    files["favicon.svg"] = render(env, "homepage/favicon.svg.j2", initials=initials(person.name))
    files["favicon.ico"] = favicon_ico(initials(person.name), ACCENT)
    if feed is not None:
        files["feed.xml"] = render(env, "homepage/feed.xml.j2", feed=feed)
    return files


def _static(env: jinja2.Environment, name: str) -> str:
    """A file served as is (a user's templates folder may override it)."""
    if env.loader is None:
        raise BuildError(f"template not found: {name}")
    try:
        source, _, _ = env.loader.get_source(env, name)
    except jinja2.TemplateNotFound:
        raise BuildError(f"template not found: {name}") from None
    return source


def _thumbnail_path(source: Source, rel: str) -> Path_:
    for i, item in enumerate(source.profile.publications):
        if isinstance(item, Publication) and item.thumbnail == rel:
            return ("publications", i, "thumbnail")
    return ("publications",)


class _Pictures:
    """Resizes each picture once and names it under images/ uniquely."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.done: dict[tuple[Path, int], Picture] = {}
        self.files: Files = {}

    def add(self, rel: str, where: Path_, width: int) -> Picture:
        real = resolve_input(self.source.loaded, rel, where)
        key = (real, width)
        if key in self.done:
            return self.done[key]
        data = read_input(self.source.loaded, rel, where)
        try:
            img = resize(data, rel, width * DENSITY)
        except ImageError as exc:
            line, col = self.source.loaded.where(where)
            raise ProfileError([Problem(str(self.source.loaded.file), line, col, dotted(where), str(exc))]) from None
        stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in Path(rel).stem).strip("-") or "image"
        name, n = f"images/{stem}.{img.ext}", 2
        while name in self.files:
            name, n = f"images/{stem}-{n}.{img.ext}", n + 1
        self.files[name] = img.data
        # Shown `width` CSS pixels wide whatever the file's size, so the layout never depends on it.
        pic = Picture(name, width, max(1, round(img.height * width / img.width)))
        self.done[key] = pic
        return pic
