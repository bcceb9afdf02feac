"""How lint tells that two things are the same: URLs by `normalize_url`, titles and short names by `compact`."""

from __future__ import annotations

import re

from cvgen.profile.model import Publication
from cvgen.text.names import fold

# Links that identify one paper; two papers sharing one is a slip. Code,
# project pages and the like are legitimately shared (a paper and its journal
# extension often share a repository).
SHARED_KINDS = frozenset({"code", "github", "project", "website", "data", "demo", "blog", "dataset", "homepage"})

_ARXIV_RX = re.compile(r"arxiv\.org/(?:abs|pdf|html)/([a-z\-]+/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?", re.I)


def normalize_url(url: str) -> str:
    """One spelling per resource: arXiv abs/pdf/vN alike, http = https, no www, no trailing slash."""
    url = url.strip()
    m = _ARXIV_RX.search(url)
    if m:
        return f"arxiv:{m[1].lower()}"
    m = re.match(r"^https?://(dx\.)?doi\.org/(.+)$", url, re.I)
    if m:
        return f"doi:{m[2].lower()}"
    m = re.match(r"^(https?)://([^/?#]+)([^#]*)", url, re.I)
    if not m:
        return url
    host = m[2].lower().removeprefix("www.")
    rest = m[3].rstrip("/")
    if host in ("github.com", "gitlab.com"):
        rest = rest.lower().removesuffix(".git")
    return f"{host}{rest}"


def compact(text: str) -> str:
    """Letters and digits only, folded: `DenseNet: Densely ...` and `densenet densely ...` alike."""
    return re.sub(r"[^\w]", "", fold(text)).replace("_", "")


def paper_links(p: Publication) -> list[tuple[str, str]]:
    """(kind, URL) of each link of a paper, its DOI included."""
    out = list(p.links.items())
    if p.doi and not any(normalize_url(u) == f"doi:{p.doi.lower()}" for _, u in out):
        out.append(("doi", f"https://doi.org/{p.doi}"))
    return out


def markdown_links(text: str) -> list[tuple[str, str]]:
    """(link text, URL) of each Markdown link in `text`."""
    from cvgen.text.format import markdown_parser  # the Markdown parser only when a news item is read

    out = []
    for block in markdown_parser().parse(text):
        if block.type != "inline":
            continue
        label: list[str] | None = None
        href = ""
        for tok in block.children or []:
            if tok.type == "link_open":
                label, href = [], str(tok.attrs.get("href", ""))
            elif tok.type == "link_close" and label is not None:
                out.append(("".join(label), href))
                label = None
            elif label is not None and tok.type in ("text", "code_inline"):
                label.append(tok.content)
    return out
