"""Which paper a news item's link names, and whether it links that paper.

Read once per lint run and kept on the context: the news-link check reports
the mismatches, the duplicate-url checks use the claims (the paper a news
item vouches for keeps a shared link) and skip the pairs a news-link finding
already explains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cvgen.profile.model import News, Publication
from cvgen.text.names import fold
from cvgen.tools.lint.match import compact, markdown_links, normalize_url, paper_links


@dataclass(frozen=True)
class NewsMismatch:
    """A news link naming a paper but linking something else than that paper's links."""

    item: int  # index in profile.news
    text: str
    url: str
    paper: int  # index in the resolved publications

    @property
    def norm(self) -> str:
        return normalize_url(self.url)


@dataclass(frozen=True)
class NewsLinks:
    links: list[list[tuple[str, str]]]  # per news item: (link text, URL)
    claims: dict[str, set[int]]  # normalized URL -> papers a news item links it for
    mismatches: list[NewsMismatch]

    @property
    def explained(self) -> set[tuple[int, str]]:
        """(news item, normalized URL) pairs that a news-link finding reports."""
        return {(m.item, m.norm) for m in self.mismatches}


def read_news(news: list[News], publications: list[Publication]) -> NewsLinks:
    """The links of each news item, checked against the papers they name."""
    names = [short_names(p) for p in publications]
    links: list[list[tuple[str, str]]] = []
    claims: dict[str, set[int]] = {}
    mismatches: list[NewsMismatch] = []
    for i, item in enumerate(news):
        links.append(markdown_links(item.text))
        for text, url in links[-1]:
            paper = paper_named(text, item.text, publications, names)
            if paper is None:
                continue
            norm = normalize_url(url)
            own = {normalize_url(u) for _, u in paper_links(publications[paper])}
            if norm in own:
                claims.setdefault(norm, set()).add(paper)
            elif own:
                mismatches.append(NewsMismatch(i, text, url, paper))
    return NewsLinks(links, claims, mismatches)


def short_names(p: Publication) -> set[str]:
    """Short names a news item may use for this paper: title, title head, key suffix, thumbnail stem."""
    title = p.title or ""
    names = {compact(title)}
    head = title.split(":", 1)[0]
    if ":" in title and len(head.split()) <= 4:
        names.add(compact(head))
    if p.key:
        m = re.match(r"^[a-z]+[\-_]?\d{2,4}[\-_]?([a-z][\w\-]*)$", p.key, re.I)
        if m and len(m[1]) >= 3:
            names.add(compact(m[1]))
    if p.thumbnail:
        stem = Path(p.thumbnail).stem
        if len(stem) >= 3:
            names.add(compact(stem))
    names.discard("")
    return names


def paper_named(link_text: str, news_text: str, publications: list[Publication], names: list[set[str]]) -> int | None:
    """The paper a news link names: by its short name, key or title; venue and year break ties."""
    text = compact(link_text)
    words = {compact(w) for w in re.split(r"[\s/]+", link_text)}
    hits = [n for n, own in enumerate(names) if text in own or (own & words and len(words) <= 3)]
    if len(hits) > 1:
        folded = fold(news_text)
        narrowed = [n for n in hits if _mentions(publications[n], news_text, folded)]
        hits = narrowed or hits
    return hits[0] if len(hits) == 1 else None


def _mentions(p: Publication, news_text: str, folded: str) -> bool:
    """The news text names the paper's venue (and year, when it has one)."""
    if not p.venue or fold(p.venue) not in folded:
        return False
    return p.year is None or str(p.year.year) in news_text
