"""BibTeX entries of publications: the one writer the `--bib` export and the homepage's "BibTeX" toggles share.

One entry per publication, keys kept (or derived as `huang2017densely`,
made unique), names as `Last, First and ...` with al-folio's marks on the
last name (`Huang*, Gao`), non-ASCII written as TeX accents so that classic
BibTeX reads the file too (scripts TeX cannot spell, such as CJK, stay
UTF-8), words with inner capitals protected (`{DenseNet}`), and the al-folio
keys cvgen reads back (selected, abbr, preview, pdf, code, ..., arxiv,
additional_info).
"""

from __future__ import annotations

import re

from cvgen.profile.model import Publication
from cvgen.text.names import split_marks, split_name, strip_accents
from cvgen.text.tex import escape_bibtex

MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
STOP_WORDS = frozenset("a an the on of in for to and with from via towards toward is are do does".split())


def _protect(title: str) -> str:
    """Escape a title; words with capitals after their first letter keep their case: {DenseNet}, {CNN}s."""
    words = re.split(r"(\s+)", title)
    out = []
    for w in words:
        if not w or w.isspace():
            out.append(w)
            continue
        letters = [c for c in w if c.isalpha()]
        escaped = escape_bibtex(w)
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
    parts = split_name(name)
    # A single word or an organisation ("Data and Society") is one braced unit.
    if parts is None or not parts.given or re.search(r"\band\b", name, re.I):
        return "{" + escape_bibtex(name.strip()) + "}" + marks
    out = f"{escape_bibtex(parts.last)}{marks}"
    if parts.suffix:
        out += f", {escape_bibtex(' '.join(parts.suffix))}"
    return f"{out}, {escape_bibtex(' '.join(parts.given))}"


def _key_base(pub: Publication) -> str:
    first = split_marks(pub.authors[0])[0] if pub.authors else ""
    if "," in first:
        surname = first.split(",")[0]
    else:
        surname = first.split()[-1] if first.split() else "anon"
    words = [w for w in re.findall(r"[A-Za-z0-9]+", strip_accents(pub.title or "")) if w.lower() not in STOP_WORDS]
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
            fields.append((name, value if raw else escape_bibtex(value)))

    fields.append(("title", _protect(pub.title or "")))
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
    add("abstract", pub.abstract)
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
