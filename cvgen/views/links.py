"""Labels and addresses of links: `[code]` on a paper, `GitHub` for a profile link."""

from __future__ import annotations

from cvgen.text.i18n import gettext as _

LINK_LABELS = {
    "google_scholar": "Google Scholar",
    "github": "GitHub",
    "orcid": "ORCID",
    "dblp": "DBLP",
    "linkedin": "LinkedIn",
    "twitter": "Twitter",
    "x": "X",
    "semantic_scholar": "Semantic Scholar",
    "researchgate": "ResearchGate",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "website": "Website",
    "pdf": "PDF",
    "html": "HTML",
    "arxiv": "arXiv",
    "doi": "DOI",
}


# Common keys of publication links whose label the catalogs translate ([Code] -> [Quellcode]); any other
# key is shown as written.
LINK_WORDS = ("Website", "code", "slides", "video", "poster", "project", "data", "supplement", "talk", "blog")


def link_label(key: str) -> str:
    """Label of a publication link, shown as [code], [PDF], [slides], in the build's language."""
    return _(LINK_LABELS.get(key, key.replace("_", " ")))


def profile_label(key: str) -> str:
    """Label of a profile link: 'github' -> 'GitHub'; word by word: 'lab_github' -> 'Lab GitHub'."""
    if key in LINK_LABELS:
        return _(LINK_LABELS[key])
    words = [LINK_LABELS.get(w, w) for w in key.split("_") if w]
    if words and words[0].islower():
        words[0] = words[0].capitalize()
    return " ".join(words) or key


def profile_url(key: str, value: str) -> str:
    """Person links: an ORCID may be given as the bare identifier."""
    if key == "orcid" and not value.startswith("http"):
        return f"https://orcid.org/{value}"
    return value
