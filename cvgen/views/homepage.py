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
from cvgen.text.format import guess_lang, safe_link
from cvgen.text.html import HtmlFormat
from cvgen.views.homepage_blocks import (
    Block,
    Entry,
    EntryGroup,
    Picture,
    Style,
    award_lines,
    contact_lines,
    email_view,
    news_items,
    paper_groups,
    row_lists,
    service_lines,
    slug,
    teaching_lists,
)
from cvgen.views.links import profile_label, profile_url
from cvgen.views.select import Selection, filter_publications
from cvgen.views.seo import base_url, description, open_graph, person_jsonld

# With more publications than this, the index shows the selected ones (or the
# newest INDEX_RECENT) and publications.html holds the full list.
LONG_LIST = 25
INDEX_RECENT = 10
RESERVED_IDS = ("content", "top", "profile", "main-nav")  # ids the templates use themselves


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
    links: list[tuple[str, str]]  # (label, url): CV first, then website and profiles
    address: str | None
    phone: str | None


@dataclass
class HomePage:
    style: Style
    page: Literal["index", "publications"]
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


@dataclass
class PublicationPlan:
    """Which publications the index shows and whether a full list page is needed."""

    index: list[Publication]
    full: list[Publication]
    needs_page: bool
    heading: Literal["all", "selected", "recent"]


@dataclass
class SiteInputs:
    sel: Selection
    plan: PublicationPlan
    photo: Picture | None
    thumbs: dict[str, Picture]  # profile-relative path -> written picture
    cv: str | None  # the CV PDF this build makes ("cv.pdf"), linked from the page
    feed: bool
    updated: dt.date


def plan_publications(sel: Selection, publications: list[Publication]) -> PublicationPlan:
    """The index shows what the selection chose; a long list is shortened to the selected papers.

    `homepage.publications.selected_only` or `max`, when set, decide; otherwise an
    index with more than LONG_LIST papers shows the `selected: true` ones (or the
    newest INDEX_RECENT when none is marked) and publications.html lists them all.
    """
    opts = sel.options
    full = filter_publications(publications, opts.model_copy(update={"selected_only": False, "max": None}))
    index = list(sel.publications)
    explicit = set(sel.homepage.publications.model_fields_set) if sel.homepage.publications else set()
    heading: Literal["all", "selected", "recent"] = "all"
    if len(index) > LONG_LIST and not ({"selected_only", "max"} & explicit):
        chosen = [p for p in index if p.selected]
        index, heading = (chosen, "selected") if chosen else (index[:INDEX_RECENT], "recent")
    elif opts.selected_only:
        heading = "selected"
    elif len(index) < len(full):
        heading = "recent"
    return PublicationPlan(index, full, len(index) < len(full), heading)


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


def _person_view(sel: Selection, fmt: HtmlFormat, photo: Picture | None, cv: str | None) -> PersonView:
    p = sel.profile.person
    native = fmt.lang(fmt.text(p.native_name), p.native_lang or guess_lang(p.native_name)) if p.native_name else None
    links: list[tuple[str, str]] = []
    if cv:
        links.append(("CV (PDF)", cv))
    if p.website:
        links.append(("Website", p.website))
    for key, value in p.links.items():
        url = profile_url(key, value)
        if safe_link(url):
            links.append((profile_label(key), url))
    email = email_view(p.email, email_mode(sel.homepage), fmt)
    return PersonView(p.name, native, p.position, p.affiliation, photo, email, links, p.address, p.phone)


def _entry_block(sel: Selection, sid: str, block_id: str, title: str, fmt: HtmlFormat) -> Block | None:
    """A block of one entry section, in the seed pages' wording where they have one."""
    if sid == "contact":
        groups = contact_lines(sel.profile.person, fmt, email_mode(sel.homepage))
        return Block(block_id, title, "list", groups=groups) if groups else None
    entries = sel.entries(sid)
    if not entries:
        return None
    if sid == "news":
        return Block(block_id, title, "news", groups=news_items(entries, fmt))
    arrange: dict[str, Callable[[Sequence[Any], HtmlFormat], list[EntryGroup]]] = {
        "service": service_lines,
        "teaching": teaching_lists,
        "awards": award_lines,
    }
    groups = arrange[sid](entries, fmt) if sid in arrange else row_lists(sid, entries, fmt)
    return Block(block_id, title, "list", groups=groups)


def _papers_block(inputs: SiteInputs, block_id: str, title: str, fmt: HtmlFormat, anchors: set[str]) -> Block | None:
    plan = inputs.plan
    if not plan.index:
        return None
    prefix = {"selected": "Selected", "recent": "Recent"}.get(plan.heading, "") if plan.needs_page else ""
    groups, legend = paper_groups(inputs.sel, plan.index, fmt, inputs.thumbs, anchors)
    if prefix:
        title = f"{prefix} {title[:1].lower()}{title[1:]}"
    more = "publications.html" if plan.needs_page else None
    return Block(block_id, title, "papers", paper_groups=groups, legend=legend or None, more=more,
                 total=len(plan.full))  # fmt: skip


def section_titles(sel: Selection, style: Style) -> dict[str, str]:
    custom = {s.section_id(): s.title for s in sel.profile.sections}
    return {**SECTION_TITLES, **HOMEPAGE_TITLES[style], **custom}


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


@dataclass
class _Common:
    """What every page of the site shares: a page with those fields set, and the Open Graph inputs."""

    page: HomePage
    base: str | None
    summary: str

    def og(self, inputs: SiteInputs, page_url: str | None, title: str) -> dict[str, str]:
        image = self.base + inputs.photo.src if (self.base and inputs.photo) else None
        return open_graph(page_url, title, self.summary, image, inputs.sel.profile.person.name)


def _common(inputs: SiteInputs, fmt: HtmlFormat, style: Style) -> _Common:
    sel = inputs.sel
    base = base_url(sel)
    summary = description(sel, fmt)
    photo = inputs.photo.src if inputs.photo else None
    updated = inputs.updated
    page = HomePage(
        style=style,
        page="index",
        lang=sel.homepage.lang or "en",
        title="",
        h1="",
        h1_visible=True,
        description=summary,
        canonical=None,
        og={},
        jsonld=person_jsonld(sel, base, photo, email_mode(sel.homepage) == "link"),
        person=_person_view(sel, fmt, inputs.photo, inputs.cv),
        nav=[],
        blocks=[],
        feed="feed.xml" if inputs.feed else None,
        cv=inputs.cv,
        updated=f"{updated:%B %Y}",
        updated_iso=updated.isoformat(),
        year=updated.year,
    )
    return _Common(page, base, summary)


def _publications_page(inputs: SiteInputs, fmt: HtmlFormat, style: Style, index: list[Block], c: _Common) -> HomePage:
    """publications.html: every paper, for an index that shows only some."""
    sel, plan = inputs.sel, inputs.plan
    name = sel.profile.person.name
    anchors: set[str] = set(RESERVED_IDS)
    full_title = section_titles(sel, style).get("publications", "Publications")
    groups, legend = paper_groups(sel, plan.full, fmt, inputs.thumbs, anchors)
    # The page's h1 names the list; its groups are the h2s.
    block = Block(slug("all-publications", anchors), "", "papers", paper_groups=groups, legend=legend or None,
                  intro=f"{len(plan.full)} publications, newest first.")  # fmt: skip
    nav = [NavItem(f"index.html#{b.id}", b.title) for b in index]
    nav.append(NavItem("#" + block.id, "All publications"))
    title = f"{full_title} – {name}"
    url = c.base + "publications.html" if c.base else None
    return dataclasses.replace(c.page, page="publications", title=title, h1=f"{full_title} of {name}",
                               h1_visible=True, canonical=url, og=c.og(inputs, url, title), nav=nav,
                               blocks=[block])  # fmt: skip


def site_pages(inputs: SiteInputs) -> list[HomePage]:
    """The index page and, when the index does not show every paper, publications.html."""
    sel = inputs.sel
    fmt = homepage_format(sel)
    style: Style = sel.homepage.style or "sidebar"
    person = sel.profile.person
    blocks = index_blocks(inputs, fmt, style)
    c = _common(inputs, fmt, style)
    nav = [NavItem(f"#{b.id}", b.title) for b in blocks]
    if inputs.plan.needs_page:
        nav.append(NavItem("publications.html", "All publications"))
    page_title = sel.homepage.title or person.name
    # The sidebar's h1 is the page title; the name is on the profile card beside it.
    index = dataclasses.replace(c.page, page="index", title=page_title,
                                h1=page_title if style == "sidebar" else person.name,
                                h1_visible=style == "faculty" or bool(sel.homepage.title), canonical=c.base,
                                og=c.og(inputs, c.base, page_title), nav=nav, blocks=blocks)  # fmt: skip
    pages = [index]
    if inputs.plan.needs_page:
        pages.append(_publications_page(inputs, fmt, style, blocks, c))
    return pages
