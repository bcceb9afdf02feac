"""Helpers both importers share: loose dates, text joining, links to social profiles, JSON shapes."""

from __future__ import annotations

import re
from typing import Any

from cvgen.tools.importers.result import ImportResult

# The key under which `cvgen build --json-resume` stores cvgen's own data in a JSON Resume.
EXTENSION = "x-cvgen"

_DATE_RX = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_TIMESTAMP_RX = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d")  # also Jekyll's "2015-10-22 15:59:00-0400"
_YEAR_RX = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_ONGOING = ("present", "now", "current", "ongoing")


# ---------------------------------------------------------------- JSON shapes
def mapping(value: object) -> dict[str, Any]:
    """`value` if it is a mapping, else an empty one: input files are untrusted."""
    return value if isinstance(value, dict) else {}


def indexed_mappings(value: object) -> list[tuple[int, dict[str, Any]]]:
    """The mappings in a list, with their index in it (for the report); anything else is skipped."""
    if not isinstance(value, list):
        return []
    return [(i, x) for i, x in enumerate(value) if isinstance(x, dict)]


def without_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


# ---------------------------------------------------------------- dates
def loose_date(value: object, where: str, result: ImportResult) -> str | int | None:
    """A loose date -> `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `present`; reports what it had to change."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if text.lower() in _ONGOING:
        return "present"
    m = _DATE_RX.match(text)
    if m and (m.end() == len(text) or _TIMESTAMP_RX.match(text)):
        year, month, day = m[1], m[2], m[3]
        out = year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day and month else "")
        return int(out) if out.isdigit() else out
    years = _YEAR_RX.findall(text)
    if years:
        result.changed.append(f"{where}: date '{text}' kept as the year {years[0]}")
        return int(years[0])
    result.changed.append(f"{where}: date '{text}' is not a date and was left out")
    return None


def year_span(start: object, end: object, where: str, result: ImportResult) -> str | int | None:
    """Two loose dates -> `2020`, `2020-2023` or an open `2020-`, the form of year-only fields."""
    a = loose_date(start, where, result)
    b = loose_date(end, where, result)
    ya = int(str(a)[:4]) if a not in (None, "present") else None
    yb = int(str(b)[:4]) if b not in (None, "present") else None
    if ya and yb:
        return ya if ya == yb else f"{ya}-{yb}"
    if ya:
        return f"{ya}-"
    return yb


# ---------------------------------------------------------------- text
def join_text(*parts: object, sep: str = " ") -> str | None:
    text = sep.join(str(p).strip() for p in parts if p not in (None, "") and str(p).strip())
    return text or None


def full_url(value: str) -> str:
    """`example.org/x` -> `https://example.org/x`; anything with a scheme, or not a host, stays as it is."""
    value = value.strip()
    if not re.match(r"^[a-z][a-z0-9+.\-]*:", value, re.I) and re.match(r"^[\w\-]+(\.[\w\-]+)+(/|$)", value):
        return "https://" + value
    return value


# ---------------------------------------------------------------- social profiles
_NETWORK_KEYS = {
    "google scholar": "google_scholar", "googlescholar": "google_scholar", "scholar": "google_scholar",
    "github": "github", "orcid": "orcid", "dblp": "dblp", "linkedin": "linkedin", "twitter": "twitter", "x": "x",
    "semantic scholar": "semantic_scholar", "researchgate": "researchgate", "mastodon": "mastodon",
    "bluesky": "bluesky", "gitlab": "gitlab", "youtube": "youtube", "stackoverflow": "stackoverflow",
    "imdb": "imdb", "telegram": "telegram", "whatsapp": "whatsapp", "instagram": "instagram",
}  # fmt: skip
_NETWORK_URLS = {
    "github": "https://github.com/{u}", "gitlab": "https://gitlab.com/{u}", "linkedin": "https://www.linkedin.com/in/{u}",
    "twitter": "https://twitter.com/{u}", "x": "https://x.com/{u}", "orcid": "{u}",
    "google_scholar": "https://scholar.google.com/citations?user={u}", "researchgate": "https://www.researchgate.net/profile/{u}",
    "youtube": "https://www.youtube.com/@{u}", "stackoverflow": "https://stackoverflow.com/users/{u}",
    "instagram": "https://www.instagram.com/{u}", "telegram": "https://t.me/{u}", "bluesky": "https://bsky.app/profile/{u}",
    "imdb": "https://www.imdb.com/name/{u}",
}  # fmt: skip


def network_link(name: str, username: str | None, url: str | None) -> tuple[str, str | None]:
    """A social profile -> (`person.links` key, URL), the URL made from the username when none is given."""
    key = _NETWORK_KEYS.get(name.strip().lower(), re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_"))
    if url:
        return key, url
    if not username:
        return key, None
    if key == "mastodon":
        m = re.match(r"^@?([^@]+)@(.+)$", username)
        return key, f"https://{m[2]}/@{m[1]}" if m else None
    template = _NETWORK_URLS.get(key)
    return key, template.format(u=username) if template else None
