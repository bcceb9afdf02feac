"""The site's pages: the index, the pages of the full publication list, the full news, talks and
teaching lists when the index shortens them, and the CV as a web page (cv/index.html)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import cast

from markupsafe import Markup

from cvgen.text.html import HtmlFormat
from cvgen.text.i18n import current, gettext, month_year
from cvgen.views.cv import CvDoc
from cvgen.views.homepage import (
    RESERVED_IDS,
    WORDS,
    HomePage,
    NavItem,
    PageName,
    SiteInputs,
    email_mode,
    entry_block,
    homepage_theme,
    index_blocks,
    papers_block,
    person_view,
    section_titles,
)
from cvgen.views.homepage_base import Style, slug
from cvgen.views.homepage_blocks import Block
from cvgen.views.homepage_plan import PubPage, paged
from cvgen.views.seo import base_url, description, open_graph, person_jsonld

# The words this module puts on pages (English; the templates' own words go through `_`).
PAGE_WORDS = {
    "publications_of": "%(title)s of %(name)s",
    "page_intro": "%(count)s of %(total)s publications (%(years)s), newest first.",
    "cv_title": "Curriculum Vitae",
    "cv_publications": "%(count)s publications: see the full list",
}
# The CV page's publications, in bytes, beyond which it links the site's publication pages instead.
CV_PUBLICATIONS_BYTES = 24_000


@dataclass
class Common:
    """What every page of the site shares: a page with those fields set, and the Open Graph inputs."""

    page: HomePage
    base: str | None
    summary: str
    index_nav: list[NavItem]  # the index's sections, as other pages link them

    def og(self, inputs: SiteInputs, page_url: str | None, title: str) -> dict[str, str]:
        image = self.base + inputs.photo.src if (self.base and inputs.photo) else None
        return open_graph(page_url, title, self.summary, image, inputs.sel.profile.person.name)

    def sub_page(self, inputs: SiteInputs, name: PageName, path: str, title: str, h1: str,
                 blocks: list[Block]) -> HomePage:  # fmt: skip
        """A page besides the index: its own title and blocks, the index's sections in its menu."""
        url = self.base + path.removesuffix("index.html") if self.base else None
        return dataclasses.replace(self.page, page=name, path=path, root="../" * path.count("/"), title=title,
                                   h1=h1, h1_visible=True, canonical=url, og=self.og(inputs, url, title),
                                   nav=self.index_nav, blocks=blocks)  # fmt: skip


def _common(inputs: SiteInputs, fmt: HtmlFormat, style: Style, blocks: list[Block]) -> Common:
    sel = inputs.sel
    base = base_url(sel)
    summary = description(sel, fmt)
    photo = inputs.photo.src if inputs.photo else None
    updated = inputs.updated
    page = HomePage(
        style=style,
        page="index",
        lang=sel.homepage.lang or current(),
        title="",
        h1="",
        h1_visible=True,
        description=summary,
        canonical=None,
        og={},
        jsonld=person_jsonld(sel, base, photo, email_mode(sel.homepage) == "link"),
        person=person_view(sel, fmt, inputs.photo, inputs.cv),
        nav=[],
        blocks=[],
        feed="feed.xml" if inputs.feed else None,
        cv=inputs.cv,
        updated=month_year(updated.year, updated.month, full=True),
        updated_iso=updated.isoformat(),
        year=updated.year,
        cv_page="cv/index.html" if inputs.cv_doc else None,
        theme=homepage_theme(sel),
    )
    return Common(page, base, summary, [NavItem(f"index.html#{b.id}", b.title) for b in blocks])


def _publications_page(
    inputs: SiteInputs, fmt: HtmlFormat, style: Style, c: Common, page: PubPage, pages: list[PubPage]
) -> HomePage:
    """publications.html (the newest years), publications-2.html, ...: every paper with its toggles."""
    sel, plan = inputs.sel, inputs.plan
    name = sel.profile.person.name
    anchors: set[str] = set(RESERVED_IDS)
    full_title = section_titles(sel, style).get("publications", "Publications")
    # The page's h1 names the list; its groups are the h2s.
    block = papers_block(inputs, page.pubs, slug("all-publications", anchors), "", fmt, anchors)
    assert block is not None  # a page holds at least one year's papers
    block.intro = gettext(PAGE_WORDS["page_intro"]) % {
        "count": len(page.pubs),
        "total": len(plan.full),
        "years": page.label,
    }
    if len(pages) > 1:
        block.pages = [(p.path, p.label) for p in pages]
        block.current = page.path
    title = f"{full_title} ({page.label}) – {name}" if len(pages) > 1 else f"{full_title} – {name}"
    h1 = gettext(PAGE_WORDS["publications_of"]) % {"title": full_title, "name": name}
    made = c.sub_page(inputs, "publications", page.path, title, h1, [block])
    return dataclasses.replace(made, head_css=block.filter.css if block.filter else Markup(""))


def _entries_page(inputs: SiteInputs, fmt: HtmlFormat, style: Style, c: Common, sid: str) -> HomePage:
    """news.html, talks.html, teaching.html: every entry of a section the index shortens."""
    sel = inputs.sel
    title = section_titles(sel, style).get(sid, sid)
    _, every = paged(sel, sid)
    block = entry_block(sid, slug(f"all-{sid}", set(RESERVED_IDS)), "", fmt, every)
    name = sel.profile.person.name
    return c.sub_page(inputs, cast(PageName, sid), f"{sid}.html", f"{title} – {name}", title, [block])


def _cv_page(inputs: SiteInputs, c: Common, fmt: HtmlFormat) -> HomePage:
    """cv/index.html: the CV's sections, in the PDF's order, as a web page."""
    name = inputs.sel.profile.person.name
    title = f"{gettext(PAGE_WORDS['cv_title'])} – {name}"
    page = c.sub_page(inputs, "cv", "cv/index.html", title, name, [])
    return dataclasses.replace(page, cv_doc=_within_budget(inputs, fmt))


def _within_budget(inputs: SiteInputs, fmt: HtmlFormat) -> CvDoc | None:
    """The CV's view; a publication list too long for one page points to the site's lists instead."""
    doc = inputs.cv_doc
    if doc is None:
        return None
    sections = []
    for s in doc.sections:
        size = sum(len(r.head) + sum(len(x) for x in r.lines) + 60 for g in s.groups for r in g.rows)
        if s.id == "publications" and size > CV_PUBLICATIONS_BYTES:
            count = sum(len(g.rows) for g in s.groups)
            where = "publications.html" if inputs.plan.needs_page else "index.html#publications"
            text = fmt.link(where, fmt.text(gettext(PAGE_WORDS["cv_publications"]) % {"count": count}))
            s = dataclasses.replace(s, groups=[], legend=None, text=Markup("<p>{}</p>").format(text))
        sections.append(s)
    return dataclasses.replace(doc, sections=sections)


def site_pages(inputs: SiteInputs) -> list[HomePage]:
    """The index page and, as needed, the full publications, news, talks and teaching lists and the CV page."""
    sel, plan, fmt = inputs.sel, inputs.plan, inputs.fmt
    style: Style = sel.style
    person = sel.profile.person
    blocks = index_blocks(inputs, fmt, style)
    c = _common(inputs, fmt, style, blocks)
    subpages = [_publications_page(inputs, fmt, style, c, p, plan.pages) for p in plan.pages]
    for b in blocks:
        if b.kind != "papers" and b.more:
            subpages.append(_entries_page(inputs, fmt, style, c, b.more.removesuffix(".html")))
    if inputs.cv_doc is not None:
        subpages.append(_cv_page(inputs, c, fmt))
    nav = [NavItem(f"#{b.id}", b.title) for b in blocks]
    if plan.needs_page:
        nav.append(NavItem("publications.html", gettext(WORDS["all_publications"])))
    page_title = sel.homepage.title or person.name
    filter_css = next((b.filter.css for b in blocks if b.filter), Markup(""))
    # The sidebar's h1 is the page title; the name is on the profile card beside it.
    index = dataclasses.replace(c.page, page="index", title=page_title,
                                h1=page_title if style == "sidebar" else person.name,
                                h1_visible=style == "faculty" or bool(sel.homepage.title), canonical=c.base,
                                og=c.og(inputs, c.base, page_title), nav=nav, blocks=blocks,
                                head_css=filter_css)  # fmt: skip
    return [index, *subpages]
