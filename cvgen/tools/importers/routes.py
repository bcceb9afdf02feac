"""Where a source section goes, told by its title; a publication's type, told by its section or venue.

Every importer uses these, so that "Professional Service" in a RenderCV file,
an al-folio `cv.yml` or an academicpages page lands in the same place.
"""

from __future__ import annotations

import re

from cvgen.profile.sections import SECTION_TITLES

# A section title -> the profile section its entries go to; the first match wins.
ROUTES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"publication|paper|article|preprint|proceedings|poster|abstract|manuscript|book|chapter|"
                r"thes[ie]s|dissertation|patent|technical report", re.I), "publications"),
    (re.compile(r"educat|degree|academic background", re.I), "education"),
    (re.compile(r"award|honou?r|prize|distinction|scholarship|fellowships?$", re.I), "awards"),
    (re.compile(r"grant|funding", re.I), "grants"),
    (re.compile(r"talk|presentation|invited|keynote|seminar|lecture", re.I), "talks"),
    (re.compile(r"student|mentor|supervis|advis", re.I), "students"),
    (re.compile(r"teach|course", re.I), "teaching"),
    (re.compile(r"service|review|committee|editor|outreach", re.I), "service"),
    (re.compile(r"experience|employment|position|appointment|career|work history", re.I), "positions"),
    (re.compile(r"news|update|announcement", re.I), "news"),
)  # fmt: skip
BIO_RX = re.compile(r"^(summary|about|about me|bio|biography|profile|research statement|objective)$", re.I)
INTERESTS_RX = re.compile(r"^((research|academic|scientific)\s+)?interests?$", re.I)

# A publication section's title -> the type of its papers; the first match wins.
SECTION_TYPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"preprint|under review|submitted|in preparation|working paper", re.I), "preprint"),
    (re.compile(r"workshop", re.I), "workshop"),
    (re.compile(r"poster|abstract", re.I), "other"),
    (re.compile(r"chapter", re.I), "chapter"),
    (re.compile(r"\bbooks?\b|monograph", re.I), "book"),
    (re.compile(r"thes[ie]s|dissertation", re.I), "thesis"),
    (re.compile(r"patent", re.I), "patent"),
    (re.compile(r"report|white paper", re.I), "report"),
    (re.compile(r"conference|proceedings|symposi", re.I), "conference"),
    (re.compile(r"journal|article|peer[- ]reviewed", re.I), "journal"),
)
# A badge for the papers of a section whose kind cvgen has no type for.
SECTION_BADGES = ((re.compile(r"poster", re.I), "Poster"),)

# A venue -> publication type, when the section does not say; the first match wins.
_VENUE_TYPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"arxiv|biorxiv|medrxiv|chemrxiv|psyarxiv|eartharxiv|essoar|ssrn|research square|"
                r"preprint|openreview", re.I), "preprint"),
    (re.compile(r"proceedings of the (national academy|royal society|ieee\b)|\bpnas\b|proc\.? natl", re.I),
     "journal"),
    (re.compile(r"workshop", re.I), "workshop"),
    (re.compile(r"fall meeting|general assembly|annual meeting|\babstracts?\b|\bposter", re.I), "other"),
    (re.compile(r"conference|proceedings|symposium|\b(cvpr|iccv|eccv|neurips|nips|icml|iclr|aaai|ijcai|"
                r"acl|emnlp|naacl|kdd|www|sigir|chi|icra|iros)\b", re.I), "conference"),
    (re.compile(r"journal|letters|review|transactions|nature|science|annals|bulletin|quarterly", re.I),
     "journal"),
)  # fmt: skip
PREPRINT_VENUE_RX = _VENUE_TYPES[0][0]


def route(title: str) -> str | None:
    """The profile section a source section titled `title` stands for, if any."""
    if INTERESTS_RX.match(title.strip()):
        return "interests"
    return next((name for rx, name in ROUTES if rx.search(title)), None)


def section_type(title: str) -> str | None:
    """The publication type a section title names ("Journal Articles" -> journal), if any."""
    return next((t for rx, t in SECTION_TYPES if rx.search(title)), None)


def section_badge(title: str) -> str | None:
    return next((b for rx, b in SECTION_BADGES if rx.search(title)), None)


def venue_type(venue: object) -> tuple[str, bool]:
    """(type, whether the venue said so): a guess from the venue; a journal when it says nothing."""
    if isinstance(venue, str):
        for rx, ptype in _VENUE_TYPES:
            if rx.search(venue):
                return ptype, True
    return "journal", False


def builtin_title(title: str) -> str | None:
    """The built-in section whose CV title is `title` ("Professional Service" -> service), if any."""
    folded = title.strip().lower()
    return next((sid for sid, t in SECTION_TITLES.items() if t.lower() == folded), None)
