"""`--json-resume`: the profile as a JSON Resume document, valid against the official
schema (npm `resume-schema` 1.0). Standard fields carry what they can (basics, work,
education, awards, publications, volunteer for service, interests); every
mapped item also carries its exact cvgen entry under `x-cvgen`, and the
sections JSON Resume lacks (news, teaching, students, talks, grants, custom
sections) and the settings sit under `meta.x-cvgen`; the schema allows extra
keys there and inside items, not at the top level. `cvgen import` restores
a profile from it; the `x-cvgen` data wins over the standard fields.

"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from cvgen.clock import build_date
from cvgen.profile.model import Publication
from cvgen.profile.sections import EXTRA_ENTRY_SECTIONS
from cvgen.profile.source import Source
from cvgen.text.names import split_marks
from cvgen.views.links import profile_url

JSON_RESUME_SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
EXTENSION = "x-cvgen"
FORMAT_VERSION = 1


def _dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_defaults=True)


def _date(value: Any) -> str | None:
    """PartialDate -> ISO 8601 as the schema wants it (YYYY, YYYY-MM, YYYY-MM-DD); None for `present`."""
    if value is None or getattr(value, "present", False):
        return None
    return str(value)


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


_NETWORKS = {
    "google_scholar": "Google Scholar", "github": "GitHub", "orcid": "ORCID", "dblp": "DBLP", "linkedin": "LinkedIn",
    "twitter": "Twitter", "x": "X", "semantic_scholar": "Semantic Scholar", "researchgate": "ResearchGate",
    "mastodon": "Mastodon", "bluesky": "Bluesky", "gitlab": "GitLab", "youtube": "YouTube",
}  # fmt: skip


def _basics(source: Source) -> dict[str, Any]:
    profile, person = source.profile, source.profile.person
    profiles = []
    for key, value in person.links.items():
        entry = {"network": _NETWORKS.get(key, key.replace("_", " ").title()), "url": profile_url(key, value)}
        if key == "orcid" and not value.startswith("http"):
            entry["username"] = value
        profiles.append(entry)
    basics = _clean({
        "name": person.name, "label": person.position, "image": person.photo, "email": person.email,
        "phone": person.phone, "url": person.website, "summary": profile.bio,
        "location": _clean({"address": person.address}), "profiles": profiles,
    })  # fmt: skip
    basics[EXTENSION] = _dump(person)
    return basics


def _work(source: Source) -> list[dict[str, Any]]:
    return [_clean({
        "name": p.organization, "position": p.title, "location": p.location,
        "startDate": _date(p.start), "endDate": _date(p.end), "summary": p.note, EXTENSION: _dump(p),
    }) for p in source.profile.positions]  # fmt: skip


def _education(source: Source) -> list[dict[str, Any]]:
    return [_clean({
        "institution": e.institution, "area": e.field, "studyType": e.degree,
        "startDate": _date(e.start), "endDate": _date(e.end), EXTENSION: _dump(e),
    }) for e in source.profile.education]  # fmt: skip


def _awards(source: Source) -> list[dict[str, Any]]:
    return [_clean({
        "title": a.title, "date": _date(a.year), "awarder": a.organization, "summary": a.note, EXTENSION: _dump(a),
    }) for a in source.profile.awards]  # fmt: skip


def _volunteer(source: Source) -> list[dict[str, Any]]:
    """Service as volunteer work: the span of all its years."""
    out = []
    for s in source.profile.service:
        spans = s.years.spans if s.years else ()
        start = str(min(sp.start for sp in spans)) if spans else None
        end = None
        if spans and all(sp.end is not None for sp in spans):
            end = str(max(sp.end for sp in spans if sp.end is not None))
        out.append(_clean({
            "organization": s.venue, "position": s.role, "url": s.url, "startDate": start, "endDate": end,
            "summary": f"{s.role}, {s.venue}" + (f" ({s.years})" if s.years else "") if s.venue else None,
            EXTENSION: _dump(s),
        }))  # fmt: skip
    return out


def _publications(pubs: list[Publication]) -> list[dict[str, Any]]:
    out = []
    for p in pubs:
        url = next((p.links[k] for k in ("pdf", "html", "arxiv", "url") if k in p.links and p.links[k].startswith("http")),
                   f"https://doi.org/{p.doi}" if p.doi else None)  # fmt: skip
        summary = "; ".join(x for x in (", ".join(split_marks(a)[0] for a in p.authors), p.note) if x)
        out.append(_clean({
            "name": p.title, "publisher": p.venue_full or p.venue, "releaseDate": _date(p.year), "url": url,
            "summary": summary, EXTENSION: _dump(p),
        }))  # fmt: skip
    return out


def _rest(source: Source) -> dict[str, Any]:
    """What JSON Resume has no place for, kept under meta.x-cvgen: other sections and the settings."""
    profile = source.profile
    rest: dict[str, Any] = {"version": FORMAT_VERSION}
    for section in (*EXTRA_ENTRY_SECTIONS, "sections"):
        items = getattr(profile, section)
        if items:
            rest[section] = [_dump(x) for x in items]
    for settings in ("cv", "homepage"):
        dumped = _dump(getattr(profile, settings))
        if dumped:
            rest[settings] = dumped
    if profile.variants:
        rest["variants"] = {k: _dump(v) for k, v in profile.variants.items()}
    return rest


def to_json_resume(source: Source, publications: list[Publication] | None = None) -> dict[str, Any]:
    """The JSON Resume document of the profile (all its publications, or those given)."""
    pubs = list(source.publications if publications is None else publications)
    updated = build_date()
    doc: dict[str, Any] = {
        "$schema": JSON_RESUME_SCHEMA,
        "basics": _basics(source),
        "work": _work(source),
        "volunteer": _volunteer(source),
        "education": _education(source),
        "awards": _awards(source),
        "publications": _publications(pubs),
        "interests": [{"name": i} for i in source.profile.interests],
        "meta": {"version": "v1.0.0", "lastModified": f"{updated.isoformat()}T00:00:00", EXTENSION: _rest(source)},
    }
    return {k: v for k, v in doc.items() if v not in ([], {})}
