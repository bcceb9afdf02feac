"""Labels and addresses of links: `[code]` on a paper, `GitHub` for a profile link."""

from __future__ import annotations

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


def link_label(key: str) -> str:
    """Label of a publication link, shown as [code], [PDF], [slides]."""
    return LINK_LABELS.get(key, key.replace("_", " "))


def profile_label(key: str) -> str:
    """Label of a profile link: 'github' -> 'GitHub'; word by word: 'lab_github' -> 'Lab GitHub'."""
    if key in LINK_LABELS:
        return LINK_LABELS[key]
    words = [LINK_LABELS.get(w, w) for w in key.split("_") if w]
    if words and words[0].islower():
        words[0] = words[0].capitalize()
    return " ".join(words) or key


def profile_url(key: str, value: str) -> str:
    """Person links: an ORCID may be given as the bare identifier."""
    if key == "orcid" and not value.startswith("http"):
        return f"https://orcid.org/{value}"
    return value
