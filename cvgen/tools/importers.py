"""`cvgen import`: a JSON Resume document or a RenderCV YAML file -> a cvgen profile.

The result is YAML text plus a report of everything that could not be
carried over exactly, so nothing is lost silently:

- `dropped`: no place in a cvgen profile (RenderCV's design/locale, JSON
  Resume's references, ...);
- `changed`: kept, but in another form (a RenderCV project becomes a line of
  a custom section; a date like "Fall 2023" keeps only its year);
- `check`: things to do by hand (copy a photo next to the profile).

A JSON Resume written by `cvgen build --json-resume` carries every entry
under `x-cvgen` (and the rest under `meta.x-cvgen`); those win over the
standard fields, so such a file imports back to the same profile.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cvgen.errors import CvgenError, Problem, ProfileError

EXTENSION = "x-cvgen"
MAX_BYTES = 5_000_000
SECTION_ORDER = ("person", "bio", "interests", "news", "education", "positions", "awards", "grants", "service",
                 "teaching", "students", "talks", "publications", "sections", "cv", "homepage", "variants")  # fmt: skip


@dataclass
class ImportResult:
    data: dict[str, Any]
    source_format: str
    dropped: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    check: list[str] = field(default_factory=list)

    def report_lines(self) -> list[str]:
        return ([f"not imported: {x}" for x in self.dropped] + [f"changed: {x}" for x in self.changed]
                + [f"check: {x}" for x in self.check])  # fmt: skip

    def report(self) -> str:
        lines = self.report_lines()
        if not lines:
            return f"imported everything from the {self.source_format} file"
        return "\n".join(lines)

    def yaml(self) -> str:
        ordered = {k: self.data[k] for k in SECTION_ORDER if k in self.data}
        ordered.update({k: v for k, v in self.data.items() if k not in ordered})
        head = [f"# cvgen profile imported from a {self.source_format} file by `cvgen import`."]
        if self.report_lines():
            head.append("# What the import could not carry over exactly:")
            head += [f"#   {line}" for line in self.report_lines()]
        body = yaml.dump(
            ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
        )
        return "\n".join(head) + "\n\n" + body


class _Dumper(yaml.SafeDumper):
    """Multi-line text as `|` blocks, the way people write bios by hand."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


# ---------------------------------------------------------------- entry point
def import_file(path: Path) -> ImportResult:
    path = Path(path)
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProfileError([Problem(name, None, None, "", "no such file")]) from None
    except OSError as exc:
        raise ProfileError([Problem(name, None, None, "", f"cannot read the file: {exc.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        raise ProfileError([Problem(name, None, None, "", f"the file is larger than {MAX_BYTES:,} bytes")])
    if path.suffix.lower() == ".json":
        try:
            doc = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            line = getattr(exc, "lineno", None)
            col = getattr(exc, "colno", None)
            raise ProfileError([Problem(name, line, col, "", f"not a JSON file: {exc}")]) from None
    else:
        from cvgen.profile.load import load_file

        doc = load_file(path).data  # safe YAML with size and alias limits
    if not isinstance(doc, dict):
        raise ProfileError([Problem(name, 1, 1, "", "expected a JSON Resume or a RenderCV document (a mapping)")])
    if "basics" in doc or "work" in doc or ("meta" in doc and EXTENSION in (doc.get("meta") or {})):
        return from_json_resume(doc)
    if isinstance(doc.get("cv"), dict) and ("name" in doc["cv"] or "sections" in doc["cv"]):
        return from_rendercv(doc)
    if "person" in doc:
        raise CvgenError(f"{name} is already a cvgen profile; nothing to import")
    raise ProfileError([Problem(name, 1, 1, "", "neither a JSON Resume (no `basics:`) nor a RenderCV file (no `cv:`)")])


# ---------------------------------------------------------------- helpers
_DATE_RX = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def _date(value: Any, where: str, result: ImportResult) -> str | int | None:
    """A loose date -> `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `present`; reports what it had to change."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if text.lower() in ("present", "now", "current", "ongoing"):
        return "present"
    m = _DATE_RX.match(text)
    if m and m.end() == len(text) or (m and re.match(r"^\d{4}-\d{2}-\d{2}T", text)):
        year, month, day = m[1], m[2], m[3]
        out = year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day and month else "")
        return int(out) if out.isdigit() else out
    years = re.findall(r"\b(1[89]\d\d|20\d\d)\b", text)
    if years:
        result.changed.append(f"{where}: date '{text}' kept as the year {years[0]}")
        return int(years[0])
    result.changed.append(f"{where}: date '{text}' is not a date and was left out")
    return None


def _years(start: Any, end: Any, where: str, result: ImportResult) -> str | int | None:
    a = _date(start, where, result)
    b = _date(end, where, result)
    ya = int(str(a)[:4]) if a not in (None, "present") else None
    yb = int(str(b)[:4]) if b not in (None, "present") else None
    if ya and yb:
        return ya if ya == yb else f"{ya}-{yb}"
    if ya:
        return f"{ya}-"
    return yb


def _join(*parts: Any, sep: str = " ") -> str | None:
    text = sep.join(str(p).strip() for p in parts if p not in (None, "") and str(p).strip())
    return text or None


def _sentences(*parts: Any) -> str | None:
    """Join text pieces into one note, each ending like a sentence."""
    out = []
    for p in parts:
        text = str(p).strip() if p not in (None, "") else ""
        if not text:
            continue
        if out and not out[-1].endswith((".", "!", "?", ":", ";", ")")):
            out[-1] += "."
        out.append(text)
    return " ".join(out) or None


def _url(value: str) -> str:
    value = value.strip()
    if not re.match(r"^[a-z][a-z0-9+.\-]*:", value, re.I) and re.match(r"^[\w\-]+(\.[\w\-]+)+(/|$)", value):
        return "https://" + value
    return value


def _bullets(items: Any) -> str | None:
    if not items:
        return None
    if isinstance(items, str):
        return items
    return "; ".join(str(x).strip().rstrip(";") for x in items if str(x).strip())


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


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


def _network(name: str, username: str | None, url: str | None) -> tuple[str, str | None]:
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


def _strip_md_emphasis(text: str) -> tuple[str, bool]:
    """`***John Doe***` -> ('John Doe', True): RenderCV marks the owner in bold."""
    m = re.match(r"^(\*{1,3}|_{1,3})(.+?)\1$", text.strip())
    if m:
        return m[2].strip(), len(m[1]) >= 2
    return text.strip(), False


def _validate(result: ImportResult) -> ImportResult:
    """Drop what would make the profile invalid, reporting it; the result always validates."""
    from pydantic import ValidationError

    from cvgen.profile.model import Profile

    for _ in range(50):
        try:
            Profile.model_validate(result.data)
            return result
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = [x for x in err["loc"] if not (isinstance(x, str) and x in ("publication", "bibtex"))]
            if err["type"] == "missing" or not _remove(result.data, loc):
                loc = loc[:-1]  # a required value is missing: leave the whole entry out
                if not loc or not _remove(result.data, loc):
                    raise CvgenError(f"the imported profile is not valid: {err['msg']} at {err['loc']}") from None
            where = ".".join(str(x) if not isinstance(x, int) else f"[{x}]" for x in loc).replace(".[", "[")
            result.changed.append(f"{where}: left out ({err['msg']})")
    return result


def _remove(data: Any, loc: list[Any]) -> bool:
    node = data
    for step in loc[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return False
    last = loc[-1] if loc else None
    if isinstance(node, dict) and last in node:
        del node[last]
        return True
    if isinstance(node, list) and isinstance(last, int) and last < len(node):
        del node[last]
        return True
    return False


# ---------------------------------------------------------------- JSON Resume
def from_json_resume(doc: dict[str, Any]) -> ImportResult:
    result = ImportResult({}, "JSON Resume")
    data = result.data
    basics = doc.get("basics") or {}
    ext = basics.get(EXTENSION)
    if isinstance(ext, dict):
        data["person"] = ext
    else:
        person = _clean({
            "name": basics.get("name") or "Unnamed",
            "position": basics.get("label"),
            "email": basics.get("email"),
            "phone": basics.get("phone"),
            "website": basics.get("url"),
        })  # fmt: skip
        if not basics.get("name"):
            result.check.append("basics.name is missing; person.name was set to 'Unnamed'")
        loc = basics.get("location") or {}
        address = _join(loc.get("address"), loc.get("postalCode"), loc.get("city"), loc.get("region"),
                        loc.get("countryCode"), sep=", ")  # fmt: skip
        if address:
            person["address"] = address
        image = basics.get("image")
        if image:
            if re.match(r"^[a-z]+://", image, re.I):
                result.dropped.append(f"basics.image '{image}': cvgen needs a local photo file (person.photo)")
            else:
                person["photo"] = image
        links = {}
        for i, prof in enumerate(basics.get("profiles") or []):
            key, url = _network(str(prof.get("network") or f"profile_{i}"), prof.get("username"), prof.get("url"))
            if url:
                links[key] = url
            else:
                result.dropped.append(f"basics.profiles[{i}] ({prof.get('network')}): no URL")
        if links:
            person["links"] = links
        data["person"] = person
        if basics.get("summary"):
            data["bio"] = basics["summary"]
    if isinstance(ext, dict) and basics.get("summary"):
        data["bio"] = basics["summary"]
    if data["person"].get("photo"):
        result.check.append(f"person.photo '{data['person']['photo']}': copy the file next to the new profile")

    def items(name: str) -> list[tuple[int, dict[str, Any]]]:
        return [(i, x) for i, x in enumerate(doc.get(name) or []) if isinstance(x, dict)]

    positions = []
    for i, w in items("work"):
        if isinstance(w.get(EXTENSION), dict):
            positions.append(w[EXTENSION])
            continue
        note = _sentences(w.get("description"), w.get("summary"), _bullets(w.get("highlights")),
                          f"[{w['url']}]({_url(w['url'])})" if w.get("url") else None)  # fmt: skip
        start = _date(w.get("startDate"), f"work[{i}].startDate", result)
        end = _date(w.get("endDate"), f"work[{i}].endDate", result) or ("present" if start else None)
        positions.append(_clean({"title": w.get("position") or "Position", "organization": w.get("name") or "",
                                 "location": w.get("location"), "start": start, "end": end, "note": note}))  # fmt: skip
    if positions:
        data["positions"] = positions

    education = []
    for i, e in items("education"):
        if isinstance(e.get(EXTENSION), dict):
            education.append(e[EXTENSION])
            continue
        note = _join(f"Score: {e['score']}." if e.get("score") else None,
                     f"Courses: {', '.join(e['courses'])}." if e.get("courses") else None)  # fmt: skip
        if e.get("url"):
            result.dropped.append(f"education[{i}].url")
        education.append(_clean({
            "degree": e.get("studyType") or "Degree", "field": e.get("area"), "institution": e.get("institution") or "",
            "start": _date(e.get("startDate"), f"education[{i}].startDate", result),
            "end": _date(e.get("endDate"), f"education[{i}].endDate", result), "note": note,
        }))  # fmt: skip
    if education:
        data["education"] = education

    awards = []
    for i, a in items("awards"):
        if isinstance(a.get(EXTENSION), dict):
            awards.append(a[EXTENSION])
            continue
        awards.append(_clean({"title": a.get("title") or "Award", "year": _date(a.get("date"), f"awards[{i}].date", result),
                              "organization": a.get("awarder"), "note": a.get("summary")}))  # fmt: skip
    if awards:
        data["awards"] = awards

    service = []
    for i, v in items("volunteer"):
        if isinstance(v.get(EXTENSION), dict):
            service.append(v[EXTENSION])
            continue
        years = _years(v.get("startDate"), v.get("endDate"), f"volunteer[{i}]", result)
        if v.get("summary") or v.get("highlights"):
            result.dropped.append(f"volunteer[{i}] summary/highlights (service entries have no text)")
        service.append(_clean({"role": v.get("position") or "Volunteer", "venue": v.get("organization"),
                               "years": years, "url": v.get("url")}))  # fmt: skip
    if service:
        data["service"] = service
        if any(not isinstance(v.get(EXTENSION), dict) for _, v in items("volunteer")):
            result.changed.append("volunteer: imported as service")

    pubs = []
    for i, p in items("publications"):
        if isinstance(p.get(EXTENSION), dict):
            pubs.append(p[EXTENSION])
            continue
        pubs.append(_clean({
            "title": p.get("name") or "Untitled", "venue_full": p.get("publisher"),
            "year": _date(p.get("releaseDate"), f"publications[{i}].releaseDate", result),
            "links": {"html": p["url"]} if p.get("url") else None, "extra": p.get("summary"), "type": "other",
        }))  # fmt: skip
    if pubs:
        data["publications"] = pubs
        if any(not isinstance(p.get(EXTENSION), dict) for _, p in items("publications")):
            result.check.append(
                "publications: JSON Resume has no author lists or venue types; add `authors:` "
                "and `type:` (imported as type: other, summary as extra)"
            )

    interests = []
    for _, it in items("interests"):
        kw = it.get("keywords") or []
        interests.append(f"{it.get('name')}" + (f" ({', '.join(map(str, kw))})" if kw else ""))
    if interests:
        data["interests"] = [x for x in interests if x and x != "None"]

    sections = []

    def custom(title: str, entries: list[str], note: str) -> None:
        if entries:
            sections.append({"title": title, "entries": entries})
            result.changed.append(note)

    def skill(s: dict[str, Any]) -> str:
        text = f"**{s.get('name') or 'Skill'}**" + (f" ({s['level']})" if s.get("level") else "")
        return text + (": " + ", ".join(map(str, s["keywords"])) if s.get("keywords") else "")

    def project(i: int, pr: dict[str, Any]) -> str:
        when = _years(pr.get("startDate"), pr.get("endDate"), f"projects[{i}]", result)
        head = f"**{pr.get('name') or 'Project'}**" + (f" ({when})" if when else "")
        link = f"[{pr['url']}]({_url(pr['url'])})" if pr.get("url") else None
        return head + ": " + (_sentences(pr.get("description"), _bullets(pr.get("highlights")), link) or "")

    custom("Skills", [skill(s) for _, s in items("skills")], "skills: kept as a custom section 'Skills'")
    custom("Languages", [_join(lang.get("language"), f"({lang['fluency']})" if lang.get("fluency") else None) or ""
                         for _, lang in items("languages")], "languages: kept as a custom section 'Languages'")  # fmt: skip
    custom("Projects", [project(i, pr) for i, pr in items("projects")], "projects: kept as a custom section 'Projects'")
    custom("Certificates", [_join(f"**{c.get('name')}**", c.get("issuer"), c.get("date"),
                                  f"[{c['url']}]({_url(c['url'])})" if c.get("url") else None, sep=", ") or ""
                            for _, c in items("certificates")], "certificates: kept as a custom section 'Certificates'")  # fmt: skip
    for i, _ in items("references"):
        result.dropped.append(f"references[{i}] (cvgen has no references section; add a custom section if needed)")

    meta = doc.get("meta") or {}
    rest = meta.get(EXTENSION) if isinstance(meta, dict) else None
    if isinstance(rest, dict):
        for name in ("news", "grants", "teaching", "students", "talks", "cv", "homepage", "variants"):
            if rest.get(name):
                data[name] = rest[name]
        if rest.get("sections"):
            sections = list(rest["sections"]) + sections
    elif doc.get("meta"):
        result.dropped.append("meta (JSON Resume tooling settings)")
    if sections:
        data["sections"] = sections
    for key in doc:
        if key not in (
            "$schema",
            "basics",
            "work",
            "volunteer",
            "education",
            "awards",
            "certificates",
            "publications",
            "skills",
            "languages",
            "interests",
            "references",
            "projects",
            "meta",
        ):
            result.dropped.append(f"{key} (not part of JSON Resume)")
    for i, p in enumerate(data.get("publications", [])):
        if p.get("thumbnail"):
            result.check.append(
                f"publications[{i}].thumbnail '{p['thumbnail']}': copy the file next to the new profile"
            )
    return _validate(result)


# ---------------------------------------------------------------- RenderCV
_ROUTES = (
    (re.compile(r"award|honou?r|prize|fellowship|distinction", re.I), "awards"),
    (re.compile(r"talk|presentation|invited|keynote|seminar", re.I), "talks"),
    (re.compile(r"grant|funding", re.I), "grants"),
    (re.compile(r"student|mentor|supervis|advis", re.I), "students"),
    (re.compile(r"teach|course", re.I), "teaching"),
    (re.compile(r"service|review|committee|editor", re.I), "service"),
    (re.compile(r"news|update", re.I), "news"),
)
_BIO_RX = re.compile(r"^(summary|about|about me|bio|biography|profile|research statement|objective)$", re.I)
_INTEREST_RX = re.compile(r"interest", re.I)


def _title(key: str) -> str:
    return key.replace("_", " ").strip().title() if key == key.lower() else key.strip()


def from_rendercv(doc: dict[str, Any]) -> ImportResult:
    result = ImportResult({}, "RenderCV")
    data = result.data
    cv = doc.get("cv") or {}
    person = _clean({
        "name": cv.get("name") or "Unnamed", "position": cv.get("headline") or cv.get("label"),
        "email": cv.get("email"), "phone": str(cv["phone"]).removeprefix("tel:") if cv.get("phone") else None,
        "website": cv.get("website"), "address": cv.get("location"),
    })  # fmt: skip
    if cv.get("photo"):
        photo = str(cv["photo"])
        if re.match(r"^[a-z]+://", photo, re.I) or photo.startswith("/"):
            result.dropped.append(f"cv.photo '{photo}': cvgen needs a photo file next to the profile")
        else:
            person["photo"] = photo
            result.check.append(f"person.photo '{photo}': copy the file next to the new profile")
    links = {}
    for i, sn in enumerate(cv.get("social_networks") or []):
        key, url = _network(str(sn.get("network", f"network_{i}")), sn.get("username"), sn.get("url"))
        if url:
            links[key] = url
        else:
            result.dropped.append(f"cv.social_networks[{i}] ({sn.get('network')}): no URL can be made from it")
    if links:
        person["links"] = links
    data["person"] = person
    for key in cv:
        if key not in (
            "name",
            "headline",
            "label",
            "email",
            "phone",
            "website",
            "location",
            "photo",
            "social_networks",
            "sections",
        ):
            result.dropped.append(f"cv.{key}")
    for key in doc:
        if key != "cv":
            result.dropped.append(f"{key} (RenderCV layout and tooling settings; cvgen has its own cv: settings)")

    aliases: list[str] = []
    sections: list[dict[str, Any]] = []
    order: list[str] = []
    for sec_key, entries in (cv.get("sections") or {}).items():
        title = _title(str(sec_key))
        where = f"cv.sections.{sec_key}"
        if not isinstance(entries, list):
            entries = [entries]
        target = _rendercv_section(title, entries, where, data, sections, aliases, result)
        if target and target not in order:
            order.append(target)
    if sections:
        data["sections"] = sections
    if aliases:
        data["person"]["aliases"] = aliases
    if order:
        data["cv"] = {"sections": order}
    return _validate(result)


def _entry_kind(entry: Any) -> str:
    if isinstance(entry, str):
        return "text"
    if not isinstance(entry, dict):
        return "unknown"
    keys = set(entry)
    if "institution" in keys and ("area" in keys or "degree" in keys):
        return "education"
    if "company" in keys and "position" in keys:
        return "experience"
    if "title" in keys and "authors" in keys:
        return "publication"
    if "label" in keys and "details" in keys:
        return "oneline"
    if "bullet" in keys:
        return "bullet"
    if "number" in keys or "reversed_number" in keys:
        return "numbered"
    if "name" in keys:
        return "normal"
    return "unknown"


def _rendercv_section(
    title: str,
    entries: list[Any],
    where: str,
    data: dict[str, Any],
    sections: list[dict[str, Any]],
    aliases: list[str],
    result: ImportResult,
) -> str | None:
    from cvgen.text.names import NameMatcher

    kinds = {_entry_kind(e) for e in entries}
    owner = data["person"]["name"]
    if kinds == {"text"} and _BIO_RX.match(title):
        data["bio"] = "\n\n".join(str(e) for e in entries)
        return None
    if kinds <= {"text", "bullet", "oneline"} and _INTEREST_RX.search(title):
        data.setdefault("interests", []).extend(
            str(e) if isinstance(e, str) else (e.get("bullet") or _join(e.get("label"), e.get("details"), sep=": "))
            for e in entries)  # fmt: skip
        return "interests"
    route = next((name for rx, name in _ROUTES if rx.search(title)), None)
    custom: list[str] = []
    used: set[str] = set()
    for i, e in enumerate(entries):
        at = f"{where}[{i}]"
        kind = _entry_kind(e)
        if kind == "education":
            data.setdefault("education", []).append(_clean({
                "degree": e.get("degree") or "Degree", "field": e.get("area"), "institution": e["institution"],
                "location": e.get("location"), "start": _date(e.get("start_date"), at, result),
                "end": _date(e.get("end_date") or e.get("date"), at, result),
                "note": _sentences(e.get("summary"), _bullets(e.get("highlights"))),
            }))  # fmt: skip
            used.add("education")
        elif kind == "experience" and route == "teaching":
            data.setdefault("teaching", []).append(_clean({
                "role": e.get("position"), "course": e.get("summary") or e.get("position") or "Course",
                "institution": e.get("company"), "year": _years(e.get("start_date") or e.get("date"), e.get("end_date"), at, result),
                "note": _bullets(e.get("highlights")),
            }))  # fmt: skip
            used.add("teaching")
        elif kind == "experience":
            data.setdefault("positions", []).append(_clean({
                "title": e["position"], "organization": e["company"], "location": e.get("location"),
                "start": _date(e.get("start_date") or e.get("date"), at, result),
                "end": _date(e.get("end_date"), at, result),
                "note": _sentences(e.get("summary"), _bullets(e.get("highlights"))),
            }))  # fmt: skip
            used.add("positions")
        elif kind == "publication":
            authors = []
            for a in e.get("authors") or []:
                name, bold = _strip_md_emphasis(str(a))
                authors.append(name)
                if bold and not NameMatcher(owner, aliases)(name) and name not in aliases:
                    aliases.append(name)
            venue = e.get("journal")
            ptype = "journal"
            if venue and re.search(r"arxiv|preprint", venue, re.I):
                ptype = "preprint"
            elif venue and re.search(r"workshop", venue, re.I):
                ptype = "workshop"
            elif venue and re.search(
                r"conference|proceedings|symposium|\b(cvpr|iccv|eccv|neurips|icml|iclr|aaai)\b", venue, re.I
            ):
                ptype = "conference"
            data.setdefault("publications", []).append(_clean({
                "title": e["title"], "authors": authors, "venue_full": venue, "type": ptype,
                "year": _date(e.get("date"), at, result), "doi": e.get("doi"),
                "links": {"html": e["url"]} if e.get("url") else None,
                "extra": _sentences(e.get("summary"), _bullets(e.get("highlights"))),
            }))  # fmt: skip
            used.add("publications")
        elif kind == "normal" and route:
            _normal_entry(route, e, at, data, result)
            used.add(route)
        elif kind == "normal":
            when = _join(e.get("date"), _join(e.get("start_date"), e.get("end_date"), sep="–"), sep=" ")
            custom.append(_join(f"**{e['name']}**", f"({when})" if when else None, e.get("location"),
                                e.get("summary"), _bullets(e.get("highlights"))) or "")  # fmt: skip
        elif kind == "oneline":
            custom.append(f"**{e['label']}:** {e['details']}")
        elif kind == "bullet":
            custom.append(str(e["bullet"]))
        elif kind == "numbered":
            custom.append(str(e.get("number") or e.get("reversed_number")))
        elif kind == "text":
            custom.append(str(e))
        else:
            result.dropped.append(
                f"{at}: an entry cvgen does not recognise ({', '.join(map(str, e)) if isinstance(e, dict) else e})"
            )
    if custom:
        section_id = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_") or "section"
        known = {"about", "interests", "news", "positions", "education", "awards", "grants", "publications",
                 "talks", "teaching", "students", "service", "contact"}  # fmt: skip
        if section_id in known:
            section_id += "_more"
        sections.append({"title": title, "id": section_id, "entries": custom})
        if any(_entry_kind(e) in ("normal", "numbered") for e in entries):
            result.changed.append(f"{where}: kept as lines of a custom section '{title}'")
        return section_id
    return next(iter(used)) if len(used) == 1 else (sorted(used)[0] if used else None)


def _normal_entry(route: str, e: dict[str, Any], at: str, data: dict[str, Any], result: ImportResult) -> None:
    text = _sentences(e.get("summary"), _bullets(e.get("highlights")))
    start, end = e.get("start_date"), e.get("end_date")
    if route == "awards":
        entry = {
            "title": e["name"],
            "year": _date(e.get("date") or end or start, at, result),
            "note": text,
            "organization": e.get("location"),
            "url": e.get("url"),
        }
    elif route == "talks":
        entry = {
            "title": e["name"],
            "date": _date(e.get("date") or start, at, result),
            "location": e.get("location"),
            "event": e.get("summary"),
            "url": e.get("url"),
        }
        if e.get("highlights"):
            result.dropped.append(f"{at}.highlights (talks have no notes)")
    elif route == "grants":
        entry = {
            "title": e["name"],
            "start": _date(start or e.get("date"), at, result),
            "end": _date(end, at, result),
            "note": text,
            "url": e.get("url"),
        }
    elif route == "students":
        entry = {
            "name": e["name"],
            "start": _date(start or e.get("date"), at, result),
            "end": _date(end, at, result),
            "note": text,
            "url": e.get("url"),
        }
    elif route == "teaching":
        entry = {
            "course": e["name"],
            "year": _years(start or e.get("date"), end, at, result),
            "note": text,
            "institution": e.get("location"),
        }
    elif route == "service":
        entry = {
            "role": e["name"],
            "venue": e.get("summary") or e.get("location"),
            "years": _years(start or e.get("date"), end, at, result),
            "url": e.get("url"),
        }
        if e.get("highlights"):
            result.dropped.append(f"{at}.highlights (service entries have no notes)")
    else:  # news
        entry = {"date": _date(e.get("date") or start, at, result), "text": _join(e["name"], text, sep=": ")}
    data.setdefault(route, []).append(_clean(entry))
