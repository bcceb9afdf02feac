"""The homepage's view: which pages the site has and what each shows, formatted as safe HTML.

Like the CV's view, every piece of user text is formatted here (through
`HtmlFormat`, which also hides the owner's e-mail address when the page
obfuscates it); templates under templates/html/homepage/ add layout, not
content. No I/O: pictures arrive as `Picture`s the output stage has made.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from markupsafe import Markup

from cvgen.profile.model import HomepageSettings, Publication
from cvgen.profile.sections import HOMEPAGE_TITLES, SECTION_TITLES
from cvgen.text import i18n
from cvgen.text.format import guess_lang, safe_link
from cvgen.text.html import HtmlFormat
from cvgen.text.i18n import gettext
from cvgen.views.cv import CvDoc
from cvgen.views.design import design_of
from cvgen.views.homepage_base import Picture, Style, slug
from cvgen.views.homepage_blocks import (
    Block,
    Entry,
    EntryGroup,
    award_lines,
    contact_lines,
    email_view,
    news_items,
    row_lists,
    service_lines,
    teaching_lists,
)
from cvgen.views.homepage_papers import paper_filter, paper_groups
from cvgen.views.homepage_plan import LONG_LIST, PublicationPlan, paged, plan_publications
from cvgen.views.languages import LanguageLink
from cvgen.views.links import profile_label, profile_url
from cvgen.views.select import Selection

__all__ = ["LONG_LIST", "plan_publications"]  # the plan's names, where the homepage's callers find them
RESERVED_IDS = ("content", "top", "profile", "main-nav", "icons")  # ids the templates use themselves
PageName = Literal["index", "publications", "news", "talks", "teaching", "cv"]

# The words this module puts on pages (English; the templates' own words go through `_`).
WORDS = {
    "cv_pdf": "CV (PDF)",
    "website": "Website",
    "selected": "Selected",
    "recent": "Recent",
    "all_publications": "All publications",
}


@dataclass
class NavItem:
    href: str
    label: str


@dataclass
class PersonView:
    name: str
    native_name: Markup | None
    position: str | None
    affiliation: str | None
    photo: Picture | None
    email: Markup | None  # a mailto link, or the obfuscated address (faculty)
    links: list[tuple[str, str, str]]  # (kind, label, url): CV first, then website and profiles
    address: str | None
    phone: str | None


@dataclass
class Theme:
    """The CV theme's accent colour and font, as CSS custom properties (None: the stylesheet's defaults)."""

    accent: str | None = None  # "#1f5ea8"
    font: str | None = None  # a CSS font-family list

    @property
    def css(self) -> Markup:
        """Rules after the stylesheet's; an accent too light for white text gets dark text and darker links."""
        rules = ([f"--accent:{self.accent}"] if self.accent else []) + ([f"--font:{self.font}"] if self.font else [])
        if not rules:
            return Markup("")
        css = ":root{" + ";".join(rules) + "}"
        if self.accent and _contrast_with_white(self.accent) < 4.5:
            css += ":root{--on-accent:#111}@media (prefers-color-scheme: light){:root{"
            css += "--link:color-mix(in oklab,var(--accent) 45%,#000)}}"
        return Markup(css)


def _contrast_with_white(color: str) -> float:
    """WCAG contrast ratio of #RRGGBB against white."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


@dataclass
class HomePage:
    style: Style
    page: PageName
    lang: str
    title: str
    h1: str
    h1_visible: bool
    description: str
    canonical: str | None
    og: dict[str, str]
    jsonld: Markup
    person: PersonView
    nav: list[NavItem]
    blocks: list[Block]
    feed: str | None
    cv: str | None
    updated: str
    updated_iso: str
    year: int
    path: str = "index.html"  # where the page is written, from the site's root
    root: str = ""  # the way back to the site's root from the page ("" or "../")
    cv_page: str | None = None  # the CV as a web page, when the site has one
    cv_doc: CvDoc | None = None  # on the CV page: the CV's view
    theme: Theme = dataclasses.field(default_factory=Theme)
    head_css: Markup = Markup("")  # the page's own rules (the papers' filter)
    icons: dict[str, str] = dataclasses.field(default_factory=dict)  # link kind -> symbol id, set by the output
    sprite: Markup = Markup("")  # the icons' <symbol>s, set by the output
    languages: tuple[LanguageLink, ...] = ()  # the page in each language of the site, set by the output


@dataclass
class SiteInputs:
    sel: Selection
    plan: PublicationPlan
    photo: Picture | None
    thumbs: dict[str, Picture]  # profile-relative path -> written picture
    cv: str | None  # the CV PDF this build makes ("cv.pdf"), linked from the page
    feed: bool
    updated: dt.date
    bib_keys: dict[int, str]  # id(publication) -> exported key
    cv_doc: CvDoc | None  # the CV's view, for the CV page
    fmt: HtmlFormat  # homepage_format(sel): the format every page of the site is written in


def homepage_theme(sel: Selection) -> Theme:
    """The CV's own accent colour and font (`cv.accent_color`, `cv.font`), when the profile sets them; a
    font the visitor lacks falls back to the stylesheet's serif or sans list, as the CV theme is."""
    cv = sel.cv
    font = None
    if cv.font:
        font = f'"{cv.font}", ' + ("var(--serif)" if design_of(cv).serif else "system-ui, sans-serif")
    return Theme(accent=cv.accent_color, font=font)


def email_mode(settings: HomepageSettings) -> str:
    """link | obfuscate | hide; the faculty style obfuscates by default, as faculty pages do."""
    if settings.email:
        return settings.email
    return "obfuscate" if settings.style == "faculty" else "link"


def homepage_format(sel: Selection) -> HtmlFormat:
    """HTML that hides the owner's address everywhere unless the page links it."""
    email = sel.profile.person.email
    return HtmlFormat(hide_email=email if email_mode(sel.homepage) != "link" else None)


def initials(name: str) -> str:
    parts = [p for p in re.split(r"[\s\-]+", name) if p and p[0].isalpha()]
    if not parts:
        return name[:1].upper() or "?"
    return (parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")).upper()


def collect_thumbnails(pubs: Iterable[Publication]) -> list[str]:
    seen: dict[str, None] = {}
    for p in pubs:
        if p.thumbnail:
            seen.setdefault(p.thumbnail)
    return list(seen)


def person_view(sel: Selection, fmt: HtmlFormat, photo: Picture | None, cv: str | None) -> PersonView:
    p = sel.profile.person
    native = fmt.lang(fmt.text(p.native_name), p.native_lang or guess_lang(p.native_name)) if p.native_name else None
    links: list[tuple[str, str, str]] = []
    if cv:
        links.append(("cv", gettext(WORDS["cv_pdf"]), cv))
    if p.website:
        links.append(("website", gettext(WORDS["website"]), p.website))
    for key, value in p.links.items():
        url = profile_url(key, value)
        if safe_link(url):
            links.append((key, profile_label(key), url))
    email = email_view(p.email, email_mode(sel.homepage), fmt)
    return PersonView(p.name, native, p.position, p.affiliation, photo, email, links, p.address, p.phone)


def entry_block(sid: str, block_id: str, title: str, fmt: HtmlFormat, entries: list[Any]) -> Block:
    """A block of one entry section, in the seed pages' wording where they have one."""
    if sid == "news":
        return Block(block_id, title, "news", groups=news_items(entries, fmt))
    arrange: dict[str, Callable[[Sequence[Any], HtmlFormat], list[EntryGroup]]] = {
        "service": service_lines,
        "teaching": teaching_lists,
        "awards": award_lines,
    }
    groups = arrange[sid](entries, fmt) if sid in arrange else row_lists(sid, entries, fmt)
    return Block(block_id, title, "list", groups=groups)


def _entry_block(sel: Selection, sid: str, block_id: str, title: str, fmt: HtmlFormat) -> Block | None:
    if sid == "contact":
        groups = contact_lines(sel.profile.person, fmt, email_mode(sel.homepage))
        return Block(block_id, title, "list", groups=groups) if groups else None
    shown, every = paged(sel, sid)
    if not shown:
        return None
    block = entry_block(sid, block_id, title, fmt, shown)
    if len(shown) < len(every):
        block.more, block.total = f"{sid}.html", len(every)
    return block


def papers_block(inputs: SiteInputs, pubs: list[Publication], block_id: str, title: str, fmt: HtmlFormat,
                 anchors: set[str], toggles: bool = True) -> Block | None:  # fmt: skip
    """Paper cards or items; a long list gets the filter by type and year."""
    if not pubs:
        return None
    groups, legend = paper_groups(inputs.sel, pubs, fmt, inputs.thumbs, anchors, inputs.bib_keys, toggles)
    return Block(block_id, title, "papers", paper_groups=groups, legend=legend or None, filter=paper_filter(groups))


def _papers_block(inputs: SiteInputs, block_id: str, title: str, fmt: HtmlFormat, anchors: set[str]) -> Block | None:
    plan = inputs.plan
    prefix = WORDS.get(plan.heading, "") if plan.needs_page else ""
    if prefix:  # `Selected papers`, `Ausgewählte Veröffentlichungen`, `精选论文`
        title = title if not i18n.is_english() else f"{title[:1].lower()}{title[1:]}"
        title = gettext("%(which)s %(title)s") % {"which": gettext(prefix), "title": title}
    block = papers_block(inputs, plan.index, block_id, title, fmt, anchors, plan.toggles)
    if block is not None and plan.needs_page:
        block.more, block.total, block.filter = "publications.html", len(plan.full), None
    return block


def section_titles(sel: Selection, style: Style) -> dict[str, str]:
    custom = {s.section_id(): s.title for s in sel.profile.sections}
    builtin = {sid: gettext(title) for sid, title in {**SECTION_TITLES, **HOMEPAGE_TITLES[style]}.items()}
    return {**builtin, **custom}


def index_blocks(inputs: SiteInputs, fmt: HtmlFormat, style: Style) -> list[Block]:
    """The index page's sections, in the selection's order; empty sections are left out."""
    sel, profile = inputs.sel, inputs.sel.profile
    titles = section_titles(sel, style)
    anchors: set[str] = set(RESERVED_IDS)
    blocks: list[Block] = []
    for sid in sel.sections:
        block_id = slug(sid, anchors)
        title = titles.get(sid, sid.replace("_", " ").title())
        block: Block | None = None
        if sid == "about":
            block = Block(block_id, title, "text", text=fmt.markdown(profile.bio)) if profile.bio else None
        elif sid == "interests":
            items = [Entry(fmt.text(i)) for i in profile.interests]
            block = Block(block_id, title, "list", groups=[EntryGroup(None, items)]) if items else None
        elif sid == "publications":
            block = _papers_block(inputs, block_id, title, fmt, anchors)
        else:
            block = _entry_block(sel, sid, block_id, title, fmt)
        if block is not None:
            blocks.append(block)
    return blocks
