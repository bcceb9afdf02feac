"""The one registry of section names: which built-in sections exist, their titles and default orders.

Validation checks `cv.sections` / `homepage.sections` against it, selection
takes the default orders from it and the views take the titles; a free
section (`sections:` in the profile) adds its own id and title.
"""

from __future__ import annotations

from cvgen.text.i18n import gettext

# Built-in sections and the title a CV gives them.
SECTION_TITLES: dict[str, str] = {
    "about": "About",
    "interests": "Research Interests",
    "news": "News",
    "positions": "Academic Positions",
    "education": "Education",
    "awards": "Honors and Awards",
    "grants": "Grants and Funding",
    "publications": "Publications",
    "talks": "Invited Talks",
    "teaching": "Teaching",
    "students": "Students",
    "service": "Professional Service",
    "contact": "Contact",
}
SECTION_NAMES = tuple(SECTION_TITLES)

# The order committees expect; free sections follow.
CV_ORDER = ("interests", "positions", "education", "awards", "grants", "publications", "talks", "teaching",
            "students", "service")  # fmt: skip

# Each homepage style's default order, after the seed page it reproduces.
HOMEPAGE_ORDER: dict[str, tuple[str, ...]] = {
    "sidebar": ("about", "news", "publications", "service", "teaching", "awards", "students", "talks"),
    "faculty": ("about", "news", "service", "awards", "publications", "students", "teaching", "talks", "contact"),
}

# Titles as the two seed pages word them; every other section keeps its CV title.
HOMEPAGE_TITLES: dict[str, dict[str, str]] = {
    "sidebar": {"about": "About Me", "publications": "Papers", "service": "Services"},
    "faculty": {"about": "Bio", "service": "Professional Activities", "awards": "Awards"},
}

# Publication groups, in the order a CV lists them.
TYPE_TITLES: dict[str, str] = {
    "conference": "Conference Papers",
    "journal": "Journal Articles",
    "workshop": "Workshop Papers",
    "preprint": "Preprints",
    "book": "Books",
    "chapter": "Book Chapters",
    "report": "Technical Reports",
    "thesis": "Theses",
    "patent": "Patents",
    "other": "Other Publications",
}

# Sections whose entries carry no fixed place in exchange formats (JSON Resume keeps them aside).
EXTRA_ENTRY_SECTIONS = ("news", "grants", "teaching", "students", "talks")


def section_title(sid: str) -> str:
    """A built-in section's title in the build's language (`Publikationen`); a free section's id as it is."""
    return gettext(SECTION_TITLES[sid]) if sid in SECTION_TITLES else sid


def type_title(ptype: str) -> str:
    """A publication group's title in the build's language."""
    return gettext(TYPE_TITLES[ptype]) if ptype in TYPE_TITLES else ptype
