"""The homepage as files: pages, style sheet, favicons, feed and resized pictures.

    selection -> view (views.homepage) -> templates -> {file name: bytes}

Everything is relative, so the folder can be copied as is to GitHub Pages or
any web server, or opened from disk. Pictures are read from the profile's
folder (confined to it) and resized with Pillow, EXIF removed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from cvgen.errors import BuildError, ImageError, Problem, ProfileError
from cvgen.outputs.icons import icon_sprite
from cvgen.outputs.images import favicon_ico, resize
from cvgen.profile.files import image_problem, read_input
from cvgen.profile.load import Path_, dotted
from cvgen.profile.model import Publication
from cvgen.profile.source import Source, user_templates
from cvgen.render import html_environment, render, user_overrides
from cvgen.views.cv import cv_context
from cvgen.views.feed import news_feed
from cvgen.views.homepage import (
    HomePage,
    SiteInputs,
    collect_thumbnails,
    homepage_format,
    homepage_theme,
    initials,
    plan_publications,
)
from cvgen.views.homepage_base import Picture
from cvgen.views.homepage_pages import site_pages
from cvgen.views.homepage_papers import bib_keys
from cvgen.views.languages import SiteLanguage, alternates
from cvgen.views.select import Selection

# Shown at 150 and 220 CSS pixels; stored at twice that for high-density screens.
PHOTO_WIDTH = 150
THUMB_WIDTH = 220
DENSITY = 2
ACCENT = "#1f5ea8"  # the favicon's background unless the CV sets its accent; matches --accent in style.css

Files = dict[str, bytes | str]


@dataclass(frozen=True)
class SiteOptions:
    """What a build adds to the homepage's selection: the CV it makes, today's date, the CV's selection."""

    cv_pdf: str | None  # the CV PDF this build makes ("cv.pdf"), linked from every page
    today: dt.date
    cv: Selection | None = None  # the CV's selection: the site gets the CV as a page (cv/index.html)
    site: SiteLanguage | None = None  # this site's language and folder, when the homepage has several
    sites: tuple[SiteLanguage, ...] = ()  # every language's site (homepage.languages)


def homepage_files(source: Source, sel: Selection, options: SiteOptions) -> Files:
    """Every file of the site, in the order they are written."""
    user_dir = user_templates(source, sel.homepage.templates)
    env = html_environment(user_dir)
    plan = plan_publications(sel, source.publications)
    pictures = _Pictures(source)
    person = source.profile.person
    photo = pictures.add(person.photo, ("person", "photo"), PHOTO_WIDTH) if person.photo else None
    thumbs: dict[str, Picture] = {}
    if sel.style == "sidebar":
        for rel in collect_thumbnails(plan.full):
            thumbs[rel] = pictures.add(rel, _thumbnail_path(source, rel), THUMB_WIDTH)
    fmt = homepage_format(sel)
    feed = news_feed(sel, fmt)
    cv_doc = cv_context(options.cv, fmt) if options.cv is not None else None
    inputs = SiteInputs(sel, plan, photo, thumbs, options.cv_pdf, feed is not None, options.today,
                        bib_keys(list(source.publications)), cv_doc, fmt)  # fmt: skip
    files: Files = dict(pictures.files)
    pages = site_pages(inputs)
    icons, sprite = _icons(pages[0]) if pages else ({}, Markup(""))  # every page shows the same person
    for page in pages:
        template = "homepage/cv.html.j2" if page.page == "cv" else f"homepage/{page.style}.html.j2"
        if options.site is not None:  # one of several languages: <html lang>, hreflang and the switcher
            page = dataclasses.replace(
                page, lang=options.site.tag, languages=alternates(page.path, options.site, list(options.sites))
            )
        html = render(env, template, page=dataclasses.replace(page, icons=icons, sprite=sprite))
        files[page.path] = rebase(html, page.root) if page.root else html
    css = _static(env, "homepage/style.css")
    files["style.css"] = css if "homepage/style.css" in user_overrides("html", user_dir) else compact_css(css)
    accent = homepage_theme(sel).accent or ACCENT
    files["favicon.svg"] = render(env, "homepage/favicon.svg.j2", initials=initials(person.name), accent=accent)
    rgb = tuple(int(accent[i : i + 2], 16) for i in (1, 3, 5))
    files["favicon.ico"] = favicon_ico(initials(person.name), (rgb[0], rgb[1], rgb[2]))
    if feed is not None:
        files["feed.xml"] = render(env, "homepage/feed.xml.j2", feed=feed)
    return files


# A relative address in an href or src attribute: not an anchor, not a scheme, not from the host's root.
_RELATIVE = re.compile(r'(\s(?:href|src)=")(?![#/]|[a-zA-Z][a-zA-Z0-9+.-]*:)')


def rebase(html: str, root: str) -> str:
    """A page written as if at the site's root, for a folder below it: relative addresses get `root` ("../").

    Every attribute in the page is escaped by the template, so `href="` only starts a real attribute."""
    return _RELATIVE.sub(lambda m: m[1] + root, html)


def _icons(page: HomePage) -> tuple[dict[str, str], Markup]:
    """The icons of the person's profile links and e-mail address, and the sprite that holds them."""
    kinds = [kind for kind, _, _ in page.person.links] + (["email"] if page.person.email else [])
    return icon_sprite(kinds)


def compact_css(css: str) -> str:
    """cvgen's own stylesheet without comments, indentation and the spaces around punctuation.

    Only for the built-in file, whose strings hold no comment marks or punctuation with spaces that
    matter (a user's stylesheet is written as it is)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", css)
    css = re.sub(r"([\w)-]):\s+", r"\1:", css)
    css = re.sub(r"\s*\n\s*", "\n", css)
    return css.replace(";}", "}").strip() + "\n"


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
        self.done: dict[tuple[str, int], Picture] = {}
        self.files: Files = {}

    def add(self, rel: str, where: Path_, width: int) -> Picture:
        key = (rel, width)
        if key in self.done:
            return self.done[key]
        data = read_input(self.source.loaded, rel, where)
        # Checked again on the bytes resized here: validation read the file earlier, and a file can change
        # in between (the same bytes are not decoded twice: image_problem remembers them).
        wrong = image_problem(data, rel)
        try:
            if wrong:
                raise ImageError(wrong)
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
