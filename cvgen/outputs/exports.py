"""Exports for other tools: `--bib` (publications.bib) and `--json-resume` (resume.json).

BibTeX: one entry per publication, keys kept (or derived as `huang2017densely`,
made unique), names as `Last, First and ...` with al-folio's marks on the
last name (`Huang*, Gao`), non-ASCII written as TeX accents so that classic
BibTeX reads the file too (scripts TeX cannot spell, such as CJK, stay
UTF-8), words with inner capitals protected (`{DenseNet}`), and the al-folio
keys cvgen reads back (selected, abbr, preview, pdf, code, ..., arxiv,
additional_info).

JSON Resume: a document valid against the official schema (npm
`resume-schema` 1.0). Standard fields carry what they can (basics, work,
education, awards, publications, volunteer for service, interests); every
mapped item also carries its exact cvgen entry under `x-cvgen`, and the
sections JSON Resume lacks (news, teaching, students, talks, grants, custom
sections) and the settings sit under `meta.x-cvgen`; the schema allows extra
keys there and inside items, not at the top level. `cvgen import` restores
a profile from it; the `x-cvgen` data wins over the standard fields.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cvgen.profile.model import Publication
from cvgen.text.names import split_marks, strip_accents

if TYPE_CHECKING:
    from cvgen.build import BuildOptions, BuildReport, Source
    from cvgen.write import OutputDir

JSON_RESUME_SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
EXTENSION = "x-cvgen"
FORMAT_VERSION = 1
MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
PARTICLES = frozenset("van von der den de del della di da dos das du la le ter ten bin al".split())
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
STOP_WORDS = frozenset("a an the on of in for to and with from via towards toward is are do does".split())


def export(source: Source, options: BuildOptions, out: OutputDir, report: BuildReport) -> None:
    publications = export_publications(source, options.variant)
    with report.timed("export"):
        if options.bib:
            report.outputs.append(out.write("publications.bib", to_bibtex(publications)))
        if options.json_resume:
            doc = to_json_resume(source, publications)
            report.outputs.append(out.write("resume.json", json.dumps(doc, ensure_ascii=False, indent=2) + "\n"))
            written = {id(p) for p in source.profile.publication_list()}
            included = sum(1 for p in source.publications if id(p) not in written)
            if included > 0:
                report.notes.append(f"resume.json lists the {included} publications of the .bib include(s) inline")


def export_publications(source: Source, variant: str | None) -> list[Publication]:
    """All publications in the profile's order, or those a variant's CV shows."""
    if variant is None:
        return list(source.publications)
    from cvgen.views.select import select

    return list(select(source.profile, source.publications, "cv", variant).publications)


# ---------------------------------------------------------------- BibTeX
@lru_cache(maxsize=1)
def _encoder() -> Any:
    from pylatexenc.latexencode import UnicodeToLatexEncoder

    return UnicodeToLatexEncoder(
        non_ascii_only=False,
        unknown_char_policy="keep",
        unknown_char_warning=False,
        replacement_latex_protection="braces-almost-all",
    )


_TEX_PUNCT = {"–": "--", "—": "---", "“": "``", "”": "''", "\u00a0": "~"}
_LIGATURE = {"-": "-", "`": "`", "'": "'"}  # doubled, TeX would join them: write -{}- etc.


def tex_escape(text: str) -> str:
    """Plain Unicode -> BibTeX/TeX text: specials escaped, accents as TeX, dashes and quotes the TeX way."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(_encoder().unicode_to_latex("".join(run)))
            run.clear()

    for i, c in enumerate(text):
        if c in _TEX_PUNCT:
            flush()
            out.append(_TEX_PUNCT[c])
        elif c in _LIGATURE and i + 1 < len(text) and text[i + 1] == c:
            flush()
            out.append(c + "{}")
        else:
            run.append(c)
    flush()
    return "".join(out)


def _protect(title: str) -> str:
    """Escape a title; words with capitals after their first letter keep their case: {DenseNet}, {CNN}s."""
    words = re.split(r"(\s+)", title)
    out = []
    for w in words:
        if not w or w.isspace():
            out.append(w)
            continue
        letters = [c for c in w if c.isalpha()]
        escaped = tex_escape(w)
        if any(c.isupper() for c in letters[1:]):
            m = re.match(r"^(.*?)([:;,.!?]*)$", escaped)
            escaped = "{" + m[1] + "}" + m[2] if m and m[1] else "{" + escaped + "}"
        out.append(escaped)
    return "".join(out)


def bib_name(display: str) -> str:
    """`Gao Huang*` -> `Huang*, Gao`; `Laurens van der Maaten` -> `van der Maaten, Laurens`; `et al.` -> `others`."""
    name, equal, corresponding = split_marks(display)
    if name.strip().lower() in ("et al.", "et al", "others"):
        return "others"
    marks = ("*" if equal else "") + ("\\textdagger{}" if corresponding else "")
    if "," in name:  # already "Last, First"
        last, _, first = name.partition(",")
        return f"{tex_escape(last.strip())}{marks}, {tex_escape(first.strip())}"
    tokens = name.split()
    if len(tokens) == 1 or re.search(r"\band\b", name, re.I):  # a single word or an organisation
        return "{" + tex_escape(name) + "}" + marks
    if len(tokens) == 1:
        return "{" + tex_escape(name) + "}" + marks
    suffix = []
    while len(tokens) > 2 and tokens[-1].lower() in SUFFIXES:
        suffix.insert(0, tokens.pop())
    last = [tokens.pop()]
    while len(tokens) > 1 and tokens[-1].lower() in PARTICLES and tokens[-1][0].islower():
        last.insert(0, tokens.pop())
    first = " ".join(tokens)
    out = f"{tex_escape(' '.join(last))}{marks}"
    if suffix:
        out += f", {tex_escape(' '.join(suffix))}"
    return f"{out}, {tex_escape(first)}"


def _key_base(pub: Publication) -> str:
    first = split_marks(pub.authors[0])[0] if pub.authors else ""
    if "," in first:
        surname = first.split(",")[0]
    else:
        surname = first.split()[-1] if first.split() else "anon"
    words = [w for w in re.findall(r"[A-Za-z0-9]+", strip_accents(pub.title)) if w.lower() not in STOP_WORDS]
    year = str(pub.year.year) if pub.year and not pub.year.present else ""
    base = re.sub(r"[^a-z0-9]", "", strip_accents(surname).lower()) or "anon"
    return f"{base}{year}{words[0].lower() if words else ''}"


def citation_keys(pubs: list[Publication]) -> list[str]:
    """Each publication's key: its own (made safe) or derived; unique, stable for the same list."""
    keys: list[str] = []
    used: set[str] = set()
    for pub in pubs:
        key = re.sub(r"[\s,{}()\"#%'~=\\]", "", pub.key or "") or _key_base(pub)
        candidate, n = key, 0
        while candidate.lower() in used:
            n += 1
            candidate = f"{key}{chr(ord('a') + n - 1) if n <= 26 else n}"
        used.add(candidate.lower())
        keys.append(candidate)
    return keys


_THESIS_RX = re.compile(r"^(PhD|Ph\.D\.|Doctoral|Master's|Masters|MSc|M\.Sc\.) thesis(?:,\s*(.*))?$", re.I)


def bib_entry(pub: Publication, key: str) -> str:
    fields: list[tuple[str, str]] = []
    venue_full = pub.venue_full or ""
    kind = {"conference": "inproceedings", "workshop": "inproceedings", "journal": "article", "book": "book",
            "chapter": "incollection", "report": "techreport", "patent": "patent", "preprint": "misc",
            "other": "misc", "thesis": "phdthesis"}[pub.type]  # fmt: skip
    arxiv_id = None
    for url in pub.links.values():
        m = re.search(r"arxiv\.org/(?:abs|pdf)/([a-z\-]+/\d{7}|\d{4}\.\d{4,5})(v\d+)?", url, re.I)
        if m:
            arxiv_id = m[1] + (m[2] or "")
            break

    def add(name: str, value: str | None, raw: bool = False) -> None:
        if value:
            fields.append((name, value if raw else tex_escape(value)))

    fields.append(("title", _protect(pub.title)))
    if pub.authors:
        fields.append(("author", " and ".join(bib_name(a) for a in pub.authors)))
    if kind == "phdthesis":
        m = _THESIS_RX.match(venue_full)
        if m and m[1].lower().startswith(("master", "msc", "m.sc")):
            kind = "mastersthesis"
        add("school", m[2] if m else venue_full)
    elif kind == "inproceedings" or kind == "incollection":
        add("booktitle", venue_full)
    elif kind == "article":
        add("journal", venue_full)
    elif kind == "techreport":
        add("institution", venue_full)
    else:
        add("howpublished", venue_full)
    if pub.venue:
        add("abbr", pub.venue)
    if pub.year and not pub.year.present:
        fields.append(("year", str(pub.year.year)))
        if pub.year.month:
            fields.append(("month", MONTH_MACROS[pub.year.month - 1]))
    add("volume", pub.volume)
    add("number", pub.number)
    add("pages", pub.pages)
    add("publisher", pub.publisher)
    if pub.doi:
        add("doi", pub.doi, raw=True)
    if pub.type == "preprint" and arxiv_id:
        fields += [("eprint", arxiv_id), ("archiveprefix", "arXiv")]
    elif pub.type == "preprint" and not re.search(r"arxiv|preprint", venue_full, re.I):
        kind = "unpublished"  # cvgen reads @unpublished back as a preprint
    if pub.note:
        add("note", pub.note)
    if pub.extra:
        add("additional_info", pub.extra)
    if pub.selected:
        fields.append(("selected", "true"))
    if pub.thumbnail:
        preview = pub.thumbnail.removeprefix("assets/img/publication_preview/")
        add("preview", preview, raw=True)
    for kind_, url in pub.links.items():
        name = re.sub(r"[^a-z0-9_]", "_", kind_.lower())
        if name == "arxiv" and arxiv_id and "arxiv.org" in url:
            fields.append(("arxiv", arxiv_id))
            continue
        if name in ("pdf", "supp", "poster", "slides") and url.startswith("assets/pdf/"):
            url = url.removeprefix("assets/pdf/")
        elif name == "html" and url.startswith("assets/html/"):
            url = url.removeprefix("assets/html/")
        if name in dict(fields):
            name = f"{name}_link"
        fields.append((name, url.replace("{", "%7B").replace("}", "%7D")))
    width = max(len(n) for n, _ in fields)
    body = ",\n".join(f"  {n.ljust(width)} = {v if n == 'month' else '{' + v + '}'}" for n, v in fields)
    return f"@{kind}{{{key},\n{body},\n}}\n"


def to_bibtex(pubs: list[Publication]) -> str:
    keys = citation_keys(pubs)
    head = "% Publications exported by cvgen. Names carry al-folio's marks: * equal contribution, \\textdagger corresponding.\n\n"
    return head + "\n".join(bib_entry(p, k) for p, k in zip(pubs, keys, strict=True))


# ---------------------------------------------------------------- JSON Resume
def _dump(model: Any) -> dict[str, Any]:
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


def to_json_resume(source: Source, publications: list[Publication] | None = None) -> dict[str, Any]:
    from cvgen.clock import build_date
    from cvgen.views.cv import profile_url

    profile = source.profile
    person = profile.person
    pubs = list(source.publications if publications is None else publications)
    profiles = []
    for key, value in person.links.items():
        url = profile_url(key, value)
        entry = {"network": _NETWORKS.get(key, key.replace("_", " ").title()), "url": url}
        if key == "orcid" and not value.startswith("http"):
            entry["username"] = value
        profiles.append(entry)
    basics = _clean({
        "name": person.name,
        "label": person.position,
        "image": person.photo,
        "email": person.email,
        "phone": person.phone,
        "url": person.website,
        "summary": profile.bio,
        "location": _clean({"address": person.address}),
        "profiles": profiles,
    })  # fmt: skip
    basics[EXTENSION] = _dump(person)

    work = []
    for p in profile.positions:
        work.append(_clean({
            "name": p.organization, "position": p.title, "location": p.location,
            "startDate": _date(p.start), "endDate": _date(p.end), "summary": p.note,
            EXTENSION: _dump(p),
        }))  # fmt: skip
    education = []
    for e in profile.education:
        education.append(_clean({
            "institution": e.institution, "area": e.field, "studyType": e.degree,
            "startDate": _date(e.start), "endDate": _date(e.end), EXTENSION: _dump(e),
        }))  # fmt: skip
    awards = []
    for a in profile.awards:
        awards.append(_clean({
            "title": a.title, "date": _date(a.year), "awarder": a.organization, "summary": a.note, EXTENSION: _dump(a),
        }))  # fmt: skip
    volunteer = []
    for s in profile.service:
        spans = s.years.spans if s.years else ()
        start = str(min(sp.start for sp in spans)) if spans else None
        end = None
        if spans and all(sp.end is not None for sp in spans):
            end = str(max(sp.end for sp in spans if sp.end is not None))
        volunteer.append(_clean({
            "organization": s.venue, "position": s.role, "url": s.url, "startDate": start, "endDate": end,
            "summary": f"{s.role}, {s.venue}" + (f" ({s.years})" if s.years else "") if s.venue else None,
            EXTENSION: _dump(s),
        }))  # fmt: skip
    publications_out = []
    for p in pubs:
        url = next((p.links[k] for k in ("pdf", "html", "arxiv", "url") if k in p.links and p.links[k].startswith("http")),
                   f"https://doi.org/{p.doi}" if p.doi else None)  # fmt: skip
        summary = "; ".join(x for x in (", ".join(split_marks(a)[0] for a in p.authors), p.note) if x)
        publications_out.append(_clean({
            "name": p.title, "publisher": p.venue_full or p.venue, "releaseDate": _date(p.year), "url": url,
            "summary": summary, EXTENSION: _dump(p),
        }))  # fmt: skip
    interests = [{"name": i} for i in profile.interests]

    rest: dict[str, Any] = {"version": FORMAT_VERSION}
    for section in ("news", "grants", "teaching", "students", "talks", "sections"):
        items = getattr(profile, section)
        if items:
            rest[section] = [_dump(x) for x in items]
    for settings in ("cv", "homepage"):
        dumped = _dump(getattr(profile, settings))
        if dumped:
            rest[settings] = dumped
    if profile.variants:
        rest["variants"] = {k: _dump(v) for k, v in profile.variants.items()}
    updated = build_date()
    doc: dict[str, Any] = {
        "$schema": JSON_RESUME_SCHEMA,
        "basics": basics,
        "work": work,
        "volunteer": volunteer,
        "education": education,
        "awards": awards,
        "publications": publications_out,
        "interests": interests,
        "meta": {"version": "v1.0.0", "lastModified": f"{updated.isoformat()}T00:00:00", EXTENSION: rest},
    }
    return {k: v for k, v in doc.items() if v not in ([], {})}
