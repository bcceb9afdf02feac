"""A homepage in several languages: one site per language, the first at the root, the others in folders
named by their tag (`de/`, `zh/`); each page links its versions in the other languages."""

from __future__ import annotations

from dataclasses import dataclass

from cvgen.text.i18n import language_name


@dataclass(frozen=True)
class SiteLanguage:
    tag: str  # BCP 47, as the profile writes it in homepage.languages
    prefix: str  # the site's folder from the root: "" for the first, "de/" for the others
    url: str | None = None  # the site's full address, when homepage.base_url gives the root's


@dataclass(frozen=True)
class LanguageLink:
    """One version of a page: an entry of the language switcher and `<link rel="alternate" hreflang>`."""

    tag: str
    name: str  # the language's own name: Deutsch, 中文
    href: str  # relative, from the page's site root (the page's own folder depth is added like every link's)
    url: str  # for hreflang: the full address when the site has one (search engines want it), else `href`
    current: bool


def site_languages(tags: list[str], base: str | None = None) -> list[SiteLanguage]:
    """`[en, de, zh]` -> the root site in English, `de/` and `zh/`; `base`: the root's address."""
    root = base.rstrip("/") + "/" if base else None
    return [
        SiteLanguage(tag, prefix, root + prefix if root else None)
        for tag, prefix in ((tag, "" if i == 0 else f"{tag}/") for i, tag in enumerate(tags))
    ]


def alternates(path: str, here: SiteLanguage, sites: list[SiteLanguage]) -> tuple[LanguageLink, ...]:
    """The versions of the page at `path` (from its site's root) in every language of `sites`."""
    if len(sites) < 2:
        return ()
    up = "../" * here.prefix.count("/")
    links = []
    for s in sites:
        href = up + s.prefix + path
        url = s.url + path.removesuffix("index.html") if s.url else href  # as the page's canonical address
        links.append(LanguageLink(s.tag, language_name(s.tag), href, url, s == here))
    return tuple(links)
