"""The news as an Atom feed; entry ids are derived from the item, so they stay stable across builds."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from cvgen.profile.types import PartialDate
from cvgen.text.html import HtmlFormat
from cvgen.text.i18n import gettext
from cvgen.views.select import Selection
from cvgen.views.seo import base_url


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


def atom_date(d: PartialDate) -> str:
    return f"{d.year:04d}-{d.month or 1:02d}-{d.day or 1:02d}T00:00:00Z"


def news_feed(sel: Selection, fmt: HtmlFormat) -> Feed | None:
    """An Atom feed of the news the homepage shows, or None when it shows none."""
    person = sel.profile.person
    items = sel.entries("news") if "news" in sel.sections else []
    if not items:
        return None
    base = base_url(sel)
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, base or f"cvgen:{person.name}")
    entries = []
    for e in items:
        title = fmt.plain(e.text)
        entries.append(
            FeedEntry(
                id=f"urn:uuid:{uuid.uuid5(namespace, f'{e.date}|{e.text}')}",
                title=title if len(title) <= 100 else title[:99] + "…",
                updated=atom_date(e.date),
                content=str(fmt.markdown(e.text)),
                link=(base + "#news") if base else None,
            )
        )
    newest = max(items, key=lambda e: e.date.key())
    return Feed(
        id=base or f"urn:uuid:{namespace}",
        title=gettext("%(name)s: news") % {"name": sel.homepage.title or person.name},
        author=person.name,
        updated=atom_date(newest.date),
        self_link=(base + "feed.xml") if base else None,
        alternate=base,
        entries=entries,
    )
