"""news-link and duplicate-url: links that belong to another paper or news item."""

from __future__ import annotations

from dataclasses import dataclass

from cvgen.tools.lint.context import Finding, LintContext, LocatedPub, finding
from cvgen.tools.lint.match import SHARED_KINDS, normalize_url, paper_links
from cvgen.tools.lint.news import NewsMismatch


def check_news_links(ctx: LintContext) -> list[Finding]:
    """A news item that names a paper but links something else than that paper's links."""
    return [
        finding("news-link", ctx.at("news", m.item, "text"), _news_link_message(ctx, m)) for m in ctx.news.mismatches
    ]


def _news_link_message(ctx: LintContext, m: NewsMismatch) -> str:
    paper = ctx.pubs[m.paper]
    links = paper_links(paper.pub)
    own = {normalize_url(u): k for k, u in links}
    file, line, _, _ = paper.where(ctx.loaded)
    listed = ", ".join(u for k, u in links if k not in SHARED_KINDS) or ", ".join(u for _, u in links)
    message = f"links [{m.text}] to {m.url}, but the paper {paper.label()} ({ctx.loc(file, line)}) links {listed}"
    own_ids = {norm for norm, kind in own.items() if kind not in SHARED_KINDS}
    copied = [o for o in ctx.pubs if o is not paper and own_ids & _normalized(o)]
    if copied:
        message += f" (also the link of {copied[0].label()})"
    others = [o for o in ctx.pubs if o is not paper and m.norm in _normalized(o)]
    if others:
        message += f"; {m.url} is the link of {others[0].label()}"
    else:
        earlier = ctx.news.links[: m.item]
        twins = [j for j, ls in enumerate(earlier) if any(normalize_url(u) == m.norm for _, u in ls)]
        if twins:
            message += f"; news[{twins[0]}] (line {ctx.loaded.where(('news', twins[0]))[0]}) links the same URL"
    return message + ". One of them is wrong."


def _normalized(p: LocatedPub) -> set[str]:
    return {normalize_url(u) for _, u in paper_links(p.pub)}


@dataclass(frozen=True)
class _Shared:
    """A link two papers share: its normalized URL and (kind, URL) as each paper writes it."""

    norm: str
    first: tuple[str, str]
    second: tuple[str, str]


def _shared_links(pubs: list[LocatedPub]) -> dict[tuple[int, int], list[_Shared]]:
    """(earlier paper, later paper) -> the links they share."""
    by_url: dict[str, list[tuple[int, tuple[str, str]]]] = {}
    for p in pubs:
        seen: set[str] = set()
        for kind, url in paper_links(p.pub):
            norm = normalize_url(url)
            if norm not in seen:
                seen.add(norm)
                by_url.setdefault(norm, []).append((p.index, (kind, url)))
    pairs: dict[tuple[int, int], list[_Shared]] = {}
    for norm, users in by_url.items():
        for a, (ia, link_a) in enumerate(users):
            for ib, link_b in users[a + 1 :]:
                pairs.setdefault((ia, ib), []).append(_Shared(norm, link_a, link_b))
    return pairs


def check_duplicate_urls(ctx: LintContext) -> list[Finding]:
    """Two papers linking the same paper URL (a card that copied another card's PDF)."""
    out = []
    for (ia, ib), shared in _shared_links(ctx.pubs).items():
        if all(s.first[0] in SHARED_KINDS and s.second[0] in SHARED_KINDS for s in shared):
            continue
        first, second = ctx.pubs[ia], ctx.pubs[ib]
        # The paper a news item vouches for keeps the link; the other one copied it.
        first_copied = not _vouched(ctx, first, shared) and _vouched(ctx, second, shared)
        culprit, other = (first, second) if first_copied else (second, first)
        mine = [s.first if first_copied else s.second for s in shared]
        what = " and ".join(f"{kind} {url}" for kind, url in mine)
        file, line, _, _ = other.where(ctx.loaded)
        out.append(
            finding(
                "duplicate-url",
                culprit.where(ctx.loaded, ("links", mine[0][0])),
                f"{culprit.label()} links {what}, the same as {other.label()} ({ctx.loc(file, line)}); "
                "each paper should link its own PDF/page",
            )
        )
    return out


def _vouched(ctx: LintContext, p: LocatedPub, shared: list[_Shared]) -> bool:
    """A news item links one of these shared URLs for this paper."""
    return any(p.index in ctx.news.claims.get(s.norm, set()) for s in shared)


def check_duplicate_news_urls(ctx: LintContext) -> list[Finding]:
    """Two news items linking the same URL, unless a news-link finding already explains it."""
    explained = ctx.news.explained
    first_seen: dict[str, int] = {}
    out = []
    for i, links in enumerate(ctx.news.links):
        for text, url in links:
            norm = normalize_url(url)
            j = first_seen.setdefault(norm, i)
            if j == i or (i, norm) in explained or (j, norm) in explained:
                continue
            out.append(
                finding(
                    "duplicate-url",
                    ctx.at("news", i, "text"),
                    f"links [{text}] to {url}, like news[{j}] (line {ctx.loaded.where(('news', j))[0]}); "
                    "two news items about different things should not share a link",
                )
            )
    return out
