"""Selection -> the homepage's view: what each page shows, formatted as safe HTML.

Like context.py does for the CV, every piece of user text is formatted here
through `HtmlFormat` (escaped, Markdown without raw HTML, safe links only);
the templates under templates/html/homepage/ add layout, not content. No I/O:
pictures arrive as `Picture`s already written by homepage.py.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from markupsafe import Markup, escape

from cvgen.profile.model import HomepageSettings, Person, Publication, PublicationOptions
from cvgen.text.html import HtmlFormat, guess_lang, safe_link
from cvgen.views import cv as ctx
from cvgen.views.select import Selection, filter_publications

Style = Literal["sidebar", "faculty"]

# Section titles as the two seed pages word them; everything else as in the CV.
STYLE_TITLES: dict[str, dict[str, str]] = {
    "sidebar": {"about": "About Me", "publications": "Papers", "service": "Services"},
    "faculty": {"about": "Bio", "service": "Professional Activities", "awards": "Awards"},
}
# With more publications than this, the index shows the selected ones (or the
# newest INDEX_RECENT) and publications.html holds the full list.
LONG_LIST = 25
INDEX_RECENT = 10
# Person links that identify the same person elsewhere (schema.org sameAs).
SAME_AS_ORDER = ("google_scholar", "orcid", "github", "dblp", "semantic_scholar", "linkedin", "researchgate")


@dataclass(frozen=True)
class Picture:
    src: str  # relative to the site root
    width: int  # CSS pixels it is shown at
    height: int


@dataclass
class Paper:
    id: str
    title: Markup
    stop: str  # "." unless the title ends with its own punctuation
    authors: Markup
    venue: Markup  # "<em>Full venue (SHORT)</em>, 2024"
    tag: str  # "CVPR 2024"
    note: Markup
    links: list[tuple[str, str]]  # (label, url); urls already checked
    extra: Markup
    thumb: Picture | None


@dataclass
class PaperGroup:
    title: str | None
    papers: list[Paper]


@dataclass
class Entry:
    html: Markup
    when: str = ""  # shown date, e.g. "Mar 2024"
    datetime: str = ""  # machine-readable date for <time>
    lines: list[Markup] = field(default_factory=list)


@dataclass
class EntryGroup:
    lead: Markup | None  # "Teaching Associate for"
    entries: list[Entry]


@dataclass
class Block:
    id: str
    title: str
    kind: Literal["text", "list", "news", "papers"]
    text: Markup | None = None
    groups: list[EntryGroup] = field(default_factory=list)
    paper_groups: list[PaperGroup] = field(default_factory=list)
    legend: Markup | None = None
    more: str | None = None  # link to the full list
    total: int = 0  # papers in the full list
    intro: str | None = None


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


# ------------------------------------------------------------------ helpers
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


def slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48].strip("-") or "item"
    out, n = base, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    taken.add(out)
    return out


def email_mode(settings: HomepageSettings) -> str:
    """link | obfuscate | hide; the faculty style obfuscates by default, as faculty pages do."""
    if settings.email:
        return settings.email
    return "obfuscate" if settings.style == "faculty" else "link"


def email_view(address: str | None, mode: str, fmt: HtmlFormat) -> Markup | None:
    if not address or mode == "hide":
        return None
    if mode == "obfuscate":
        return fmt.text(obfuscate_email(address))
    return fmt.link(f"mailto:{address}", fmt.text(address))


def obfuscate_email(address: str) -> str:
    """'gaohuang@tsinghua.edu.cn' -> 'gaohuang at tsinghua dot edu dot cn' (no script needed to read it)."""
    local, _, domain = address.partition("@")
    return f"{local} at {domain.replace('.', ' dot ')}"


def hide_email(html: Markup, address: str | None) -> Markup:
    """Replace an address in rendered Markdown by its obfuscated form: no mailto link, no plain address."""
    if not address:
        return html
    esc = re.escape(str(escape(address)))
    obf = str(escape(obfuscate_email(address)))
    out = re.sub(rf'<a href="mailto:{esc}">{esc}</a>', obf, str(html))
    out = re.sub(rf'<a href="mailto:{esc}">(.*?)</a>', rf"\1 ({obf})", out)
    out = re.sub(esc, obf, out)
    return Markup(out)


def json_for_script(data: Any) -> Markup:
    """JSON that cannot end its <script> element: <, > and & become \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def plain(html: str) -> str:
    """Text of a rendered HTML fragment (for meta descriptions and feed titles)."""
    text = re.sub(r"<[^>]+>", "", str(html))
    for ent, ch in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#34;", '"'), ("&#39;", "'"), ("&amp;", "&")):
        text = text.replace(ent, ch)
    return " ".join(text.split())


def _link_label(label: str, style: Style) -> str:
    """'code' -> 'Code' on cards (seed 000: "PDF / Code"); faculty keeps '[code]' as the seed does."""
    if style == "sidebar" and label.islower():
        return label.capitalize()
    return label


def initials(name: str) -> str:
    parts = [p for p in re.split(r"[\s\-]+", name) if p and p[0].isalpha()]
    if not parts:
        return name[:1].upper() or "?"
    return (parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")).upper()


# ------------------------------------------------------------------ sections
def _papers(
    sel: Selection,
    pubs: list[Publication],
    fmt: HtmlFormat,
    style: Style,
    thumbs: dict[str, Picture],
    anchors: set[str],
) -> tuple[list[PaperGroup], Markup]:
    opts: PublicationOptions = sel.options
    explicit = set(sel.homepage.publications.model_fields_set) if sel.homepage.publications else set()
    if style == "sidebar" and "group_by" not in explicit:
        opts = opts.model_copy(update={"group_by": "none"})  # seed 000: one list of cards, newest first
    view = dataclasses.replace(sel, publications=tuple(pubs), options=opts)
    groups = ctx.publication_groups(view, fmt)
    out = []
    for g in groups:
        papers = []
        for v in g.items:
            p = v.pub
            venue_bits = [x for x in (v.venue, escape(v.year)) if x]
            tag = " ".join(x for x in (p.venue or "", v.year) if x)
            papers.append(
                Paper(
                    id=slug("pub-" + (p.key or p.title), anchors),
                    title=v.title,
                    stop="" if p.title.rstrip()[-1:] in ".?!" else ".",
                    authors=v.authors,
                    venue=fmt.join(venue_bits, ", "),
                    tag=tag,
                    note=v.note,
                    links=[(_link_label(label, style), url) for label, url in v.links if safe_link(url)],
                    extra=fmt.markdown(p.extra, inline=True) if p.extra else Markup(""),
                    thumb=thumbs.get(p.thumbnail) if (p.thumbnail and style == "sidebar") else None,
                )
            )
        out.append(PaperGroup(g.title, papers))
    legend = ctx.publication_legend(groups, fmt, opts.own_name or "underline")
    return out, Markup(legend)


def _service(entries: list[Any], fmt: HtmlFormat) -> list[EntryGroup]:
    """Seed 004's lines: 'Area Chair of NeurIPS (2025, 2023, 2022), CVPR (2026, 2022, 2021)'.

    Entries with the same role and short venue names (one word, like NeurIPS)
    share a line; others get one line each: 'Associate Editor, Pattern
    Recognition (2022–)' or 'Reviewer for CVPR, ICCV, ...'.
    """
    t = fmt.text
    lines: list[Entry] = []
    merged: dict[str, Entry] = {}
    members: dict[str, list[Markup]] = {}

    def one(e: Any) -> Markup:
        venue = t(e.venue) if e.venue else Markup("")
        years = t(f" ({e.years})") if e.years else Markup("")
        venue = fmt.link(e.url, venue) if (e.url and e.venue) else venue
        return fmt.join([venue, years])

    def short(e: Any) -> bool:
        return bool(e.venue) and " " not in e.venue.strip() and "," not in e.venue and len(e.venue) <= 16

    for e in entries:
        role = t(e.role)
        group = [x for x in entries if x.role == e.role and short(x) and (x.category or "") == (e.category or "")]
        if short(e) and len(group) > 1:
            key = f"{e.category}\x00{e.role}"
            if key not in merged:
                merged[key] = Entry(Markup(""))
                members[key] = []
                lines.append(merged[key])
            members[key].append(one(e))
            merged[key].html = fmt.join([role, t(" of "), fmt.join(members[key], ", ")])
            continue
        if not e.venue:
            html = fmt.join([fmt.link(e.url, role) if e.url else role, t(f" ({e.years})") if e.years else ""])
        elif e.role.lower().startswith("reviewer") or "," in e.venue:
            html = fmt.join([role, t(" for "), one(e)])
        else:
            html = fmt.join([role, t(", "), one(e)])
        lines.append(Entry(html))
    return [EntryGroup(None, lines)]


def _teaching(entries: list[Any], fmt: HtmlFormat) -> list[EntryGroup]:
    """Seed 000: 'Teaching associate for' and a list 'COMP5318 - Machine Learning (USYD, 2020)'."""
    t = fmt.text
    groups: dict[str | None, EntryGroup] = {}
    for e in entries:
        course = fmt.join([fmt.strong(t(e.code)), t(" – "), t(e.course)]) if e.code else t(e.course)
        where = ", ".join(x for x in (e.institution, str(e.year) if e.year else None) if x)
        html = fmt.join([course, t(f" ({where})") if where else ""])
        lines = [fmt.markdown(e.note, inline=True)] if e.note else []
        if e.role not in groups:
            groups[e.role] = EntryGroup(fmt.join([t(e.role), t(" for")]) if e.role else None, [])
        groups[e.role].entries.append(Entry(html, lines=lines))
    return list(groups.values())


def _awards(entries: list[Any], fmt: HtmlFormat) -> list[EntryGroup]:
    """Seed 004: 'MIT TR 35 Asia-Pacific, MIT Technology Review, 2021'."""
    t = fmt.text
    out = []
    for e in entries:
        title = fmt.link(e.url, t(e.title)) if e.url else t(e.title)
        parts = [title, t(e.organization) if e.organization else "", t(e.year.display()) if e.year else ""]
        html = fmt.join([p for p in parts if p], ", ")
        out.append(Entry(html, lines=[fmt.markdown(e.note, inline=True)] if e.note else []))
    return [EntryGroup(None, out)]


def _news(entries: list[Any], fmt: HtmlFormat, hide: str | None) -> list[EntryGroup]:
    out = []
    for e in entries:
        html = fmt.markdown(e.text, inline=True)
        out.append(Entry(hide_email(html, hide), when=e.date.display(), datetime=str(e.date)))
    return [EntryGroup(None, out)]


def _generic(section: str, entries: list[Any], fmt: HtmlFormat) -> list[EntryGroup]:
    """Positions, education, grants, talks, students and custom sections: the CV's rows."""
    groups = []
    for g in ctx._rows(section, entries, fmt):
        rows = [Entry(Markup(r.head), when=r.when, lines=[Markup(x) for x in r.lines]) for r in g.rows]
        groups.append(EntryGroup(fmt.text(g.title) if g.title else None, rows))
    return groups


def _contact(person: Person, fmt: HtmlFormat, mode: str) -> list[EntryGroup]:
    t = fmt.text
    lines = []
    email = email_view(person.email, mode, fmt)
    if email:
        lines.append(Entry(email))
    if person.phone:
        lines.append(Entry(t(person.phone)))
    if person.address:
        lines.append(Entry(t(person.address)))
    return [EntryGroup(None, lines)] if lines else []


# ------------------------------------------------------------------ the page
@dataclass
class SiteInputs:
    sel: Selection
    plan: PublicationPlan
    photo: Picture | None
    thumbs: dict[str, Picture]  # profile-relative path -> written picture
    cv: str | None  # "cv.pdf" when it exists
    feed: bool
    updated: Any  # datetime.date


def _person_view(sel: Selection, fmt: HtmlFormat, style: Style, photo: Picture | None, cv: str | None) -> PersonView:
    p = sel.profile.person
    native = fmt.lang(fmt.text(p.native_name), p.native_lang or guess_lang(p.native_name)) if p.native_name else None
    links: list[tuple[str, str]] = []
    if cv:
        links.append(("CV (PDF)", cv))
    if p.website:
        links.append(("Website", p.website))
    for key, value in p.links.items():
        url = ctx.profile_url(key, value)
        if safe_link(url):
            links.append((ctx.profile_label(key), url))
    email = email_view(p.email, email_mode(sel.homepage), fmt)
    return PersonView(p.name, native, p.position, p.affiliation, photo, email, links, p.address, p.phone)


def _jsonld(sel: Selection, style: Style, base_url: str | None, photo: Picture | None) -> Markup:
    p = sel.profile.person
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person", "name": p.name}
    if p.native_name:
        data["alternateName"] = p.native_name
    if p.position:
        data["jobTitle"] = p.position
    if p.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": p.affiliation}
    url = base_url or p.website
    if url:
        data["url"] = url
    if base_url and photo:
        data["image"] = base_url + photo.src
    if p.email and email_mode(sel.homepage) == "link":  # an obfuscated address stays out of machine-readable data
        data["email"] = f"mailto:{p.email}"
    keys = sorted(p.links, key=lambda k: (SAME_AS_ORDER.index(k) if k in SAME_AS_ORDER else len(SAME_AS_ORDER), k))
    same = [ctx.profile_url(k, p.links[k]) for k in keys]
    same = [u for u in same if re.match(r"^https?://", u)]
    if p.website and p.website != url:
        same.append(p.website)
    if same:
        data["sameAs"] = same
    if sel.profile.interests:
        data["knowsAbout"] = list(sel.profile.interests)
    return json_for_script(data)


def _description(sel: Selection, fmt: HtmlFormat) -> str:
    if sel.homepage.description:
        return sel.homepage.description
    p = sel.profile.person
    head = ", ".join(x for x in (p.position, p.affiliation) if x)
    if head:
        return f"{p.name}: {head}."
    if sel.profile.bio:
        text = plain(fmt.markdown(sel.profile.bio))
        return text[:157] + "…" if len(text) > 160 else text
    return f"Homepage of {p.name}"


def _base_url(sel: Selection) -> str | None:
    base = sel.homepage.base_url
    if not base or not base.lower().startswith(("http://", "https://")):
        return None
    return base if base.endswith("/") else base + "/"


def site_pages(inputs: SiteInputs) -> list[HomePage]:
    """The index page and, when the index does not show every paper, publications.html."""
    sel, plan = inputs.sel, inputs.plan
    fmt = HtmlFormat()
    style: Style = sel.homepage.style or "sidebar"
    profile, person = sel.profile, sel.profile.person
    hide = person.email if email_mode(sel.homepage) != "link" else None
    custom = {s.section_id(): s.title for s in profile.sections}
    titles = {**ctx.SECTION_TITLES, **STYLE_TITLES[style], **custom}
    anchors: set[str] = {"content", "top", "profile", "main-nav"}
    blocks: list[Block] = []
    for sid in sel.sections:
        block_id = slug(sid, anchors)
        title = titles.get(sid, sid.replace("_", " ").title())
        if sid == "about":
            if profile.bio:
                blocks.append(Block(block_id, title, "text", text=hide_email(fmt.markdown(profile.bio), hide)))
        elif sid == "interests":
            if profile.interests:
                blocks.append(
                    Block(
                        block_id,
                        title,
                        "list",
                        groups=[EntryGroup(None, [Entry(fmt.text(i)) for i in profile.interests])],
                    )
                )
        elif sid == "publications":
            if not plan.index:
                continue
            prefix = {"selected": "Selected", "recent": "Recent"}.get(plan.heading, "") if plan.needs_page else ""
            groups, legend = _papers(sel, plan.index, fmt, style, inputs.thumbs, anchors)
            if prefix:
                title = f"{prefix} {title[:1].lower()}{title[1:]}"
            blocks.append(
                Block(
                    block_id,
                    title,
                    "papers",
                    paper_groups=groups,
                    legend=legend or None,
                    more="publications.html" if plan.needs_page else None,
                    total=len(plan.full),
                )
            )
        elif sid == "contact":
            groups = _contact(person, fmt, email_mode(sel.homepage))
            if groups:
                blocks.append(Block(block_id, title, "list", groups=groups))
        else:
            entries = sel.entries(sid)
            if not entries:
                continue
            if sid == "news":
                blocks.append(Block(block_id, title, "news", groups=_news(entries, fmt, hide)))
            elif sid == "service":
                blocks.append(Block(block_id, title, "list", groups=_service(entries, fmt)))
            elif sid == "teaching":
                blocks.append(Block(block_id, title, "list", groups=_teaching(entries, fmt)))
            elif sid == "awards":
                blocks.append(Block(block_id, title, "list", groups=_awards(entries, fmt)))
            elif sid in custom:
                entries = [hide_email(fmt.markdown(e, inline=True), hide) for e in entries]
                blocks.append(Block(block_id, title, "list", groups=[EntryGroup(None, [Entry(e) for e in entries])]))
            else:
                blocks.append(Block(block_id, title, "list", groups=_generic(sid, entries, fmt)))

    base = _base_url(sel)
    person_view = _person_view(sel, fmt, style, inputs.photo, inputs.cv)
    page_title = sel.homepage.title or person.name
    description = _description(sel, fmt)
    jsonld = _jsonld(sel, style, base, inputs.photo)
    updated = inputs.updated
    common: dict[str, Any] = dict(
        style=style,
        lang=sel.homepage.lang or "en",
        description=description,
        jsonld=jsonld,
        person=person_view,
        feed="feed.xml" if inputs.feed else None,
        cv=inputs.cv,
        updated=f"{updated:%B %Y}",
        updated_iso=updated.isoformat(),
        year=updated.year,
    )

    def og(page_url: str | None, title: str) -> dict[str, str]:
        tags = {"og:type": "profile", "og:title": title, "og:description": description}
        if page_url:
            tags["og:url"] = page_url
        if base and inputs.photo:
            tags["og:image"] = base + inputs.photo.src
            tags["og:image:alt"] = f"Photo of {person.name}"
        return tags

    pages: list[HomePage] = []
    nav = [NavItem(f"#{b.id}", b.title) for b in blocks]
    if plan.needs_page:
        nav.append(NavItem("publications.html", "All publications"))
    # The sidebar's h1 is the page title; the name is on the profile card beside it.
    h1_visible = style == "faculty" or bool(sel.homepage.title)
    pages.append(
        HomePage(
            page="index",
            title=page_title,
            h1=page_title if style == "sidebar" else person.name,
            h1_visible=h1_visible,
            canonical=base,
            og=og(base, page_title),
            nav=nav,
            blocks=blocks,
            **common,
        )
    )
    if plan.needs_page:
        anchors_full: set[str] = {"content", "top", "profile", "main-nav"}
        full_title = titles.get("publications", "Publications")
        groups, legend = _papers(sel, plan.full, fmt, style, inputs.thumbs, anchors_full)
        # The page's h1 names the list; its groups are the h2s.
        block = Block(
            slug("all-publications", anchors_full),
            "",
            "papers",
            paper_groups=groups,
            legend=legend or None,
            intro=f"{len(plan.full)} publications, newest first.",
        )
        full_nav = [NavItem(f"index.html#{b.id}", b.title) for b in blocks]
        full_nav.append(NavItem("#" + block.id, "All publications"))
        title = f"{full_title} – {person.name}"
        pages.append(
            HomePage(
                page="publications",
                title=title,
                h1=f"{full_title} of {person.name}",
                h1_visible=True,
                canonical=base + "publications.html" if base else None,
                og=og(base + "publications.html" if base else None, title),
                nav=full_nav,
                blocks=[block],
                **common,
            )
        )
    return pages


# ------------------------------------------------------------------ feed
@dataclass
class FeedEntry:
    id: str
    title: str
    updated: str
    content: str  # HTML, escaped by the template as Atom type="html" wants
    link: str | None


@dataclass
class Feed:
    id: str
    title: str
    author: str
    updated: str
    self_link: str | None
    alternate: str | None
    entries: list[FeedEntry]


def news_feed(sel: Selection) -> Feed | None:
    """An Atom feed of the news; ids are stable (derived from the item, not the build)."""
    import uuid

    fmt = HtmlFormat()
    person = sel.profile.person
    hide = person.email if email_mode(sel.homepage) != "link" else None
    items = sel.entries("news") if "news" in sel.sections else []
    if not items:
        return None
    base = _base_url(sel)
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, base or f"cvgen:{person.name}")
    entries = []
    for e in items:
        html = hide_email(fmt.markdown(e.text), hide)
        title = plain(html)
        entries.append(
            FeedEntry(
                id=f"urn:uuid:{uuid.uuid5(namespace, f'{e.date}|{e.text}')}",
                title=title if len(title) <= 100 else title[:99] + "…",
                updated=_atom_date(e.date),
                content=str(html),
                link=(base + "#news") if base else None,
            )
        )
    newest = max(items, key=lambda e: e.date.key())
    return Feed(
        id=base or f"urn:uuid:{namespace}",
        title=f"{sel.homepage.title or person.name}: news",
        author=person.name,
        updated=_atom_date(newest.date),
        self_link=(base + "feed.xml") if base else None,
        alternate=base,
        entries=entries,
    )


def _atom_date(d: Any) -> str:
    return f"{d.year:04d}-{d.month or 1:02d}-{d.day or 1:02d}T00:00:00Z"


def collect_thumbnails(pubs: Iterable[Publication]) -> list[str]:
    seen: dict[str, None] = {}
    for p in pubs:
        if p.thumbnail:
            seen.setdefault(p.thumbnail)
    return list(seen)
