"""An academicpages site folder -> cvgen profile data.

Read: the `author:` block of `_config.yml` (name, photo, position, employer,
links), `_pages/about.md` (bio), `_publications/`, `_talks/` and `_teaching/`
(one page each, its front matter the fields), and `files/*.bib`, referenced as
`- bibtex:` includes; a page whose paper is in a .bib file overrides that
entry by `key`, so the paper is listed once with the .bib file's authors.
The theme's sample pages ("Paper Title Number 1", ...) are skipped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from cvgen.profile.model import Publication
from cvgen.tools.importers.academicpages_pages import import_talks, import_teaching, is_sample
from cvgen.tools.importers.authors import authors_from_citation, repair_authors
from cvgen.tools.importers.bibrefs import include_bib, profile_path, read_bib
from cvgen.tools.importers.builder import Builder
from cvgen.tools.importers.common import loose_date, mapping, network_link, without_empty
from cvgen.tools.importers.fields import Fields, settle
from cvgen.tools.importers.pages import PAGE_SETTINGS, Page, inside, markdown_of, read_pages, read_yaml
from cvgen.tools.importers.result import ImportResult
from cvgen.tools.importers.routes import section_type, venue_type
from cvgen.tools.importers.text import clean_entry, clean_text, shown
from cvgen.tools.importers.validate import drop_invalid
from cvgen.tools.importers.venues import venue_of

_PERSON_KEYS = {"name": "name", "bio": "position", "employer": "affiliation", "location": "address",
                "email": "email", "uri": "website"}  # fmt: skip
_LINK_NAMES = {"googlescholar": "google_scholar", "semantic": "semantic_scholar", "inspire-hep": "inspirehep"}
_NOT_LINKS = frozenset({"avatar", "pronouns", "name", "bio", "location", "employer", "uri", "email"})
_CATEGORY_TYPES = {"books": "book", "manuscripts": "journal", "conferences": "conference"}
_LINK_KEYS = (("paperurl", "pdf"), ("slidesurl", "slides"), ("bibtexurl", "bib"), ("url", "html"),
              ("codeurl", "code"), ("videourl", "video"))  # fmt: skip


def from_academicpages(root: Path, out_dir: Path | None) -> ImportResult:
    result = ImportResult({}, "academicpages site")
    b = Builder(result)
    found = ["_config.yml"]
    config = mapping(read_yaml(root, "_config.yml"))
    result.data["person"] = _person(config, root, out_dir, b)
    about = [p for p in read_pages(root, "_pages") if p.rel.endswith(("/about.md", "/about.markdown"))]
    if about:
        found.append(about[0].rel)
        body = markdown_of(about[0].body, about[0].rel, result)
        count = result.section(about[0].rel, 1)
        if body:
            b.data["bio"] = clean_text(body, about[0].rel, result)
            count.put("bio")
        else:
            count.skipped = 1
    _publications(root, config, out_dir, b, found)
    import_talks(root, b, found)
    import_teaching(root, b, found)
    for folder in ("_portfolio", "_posts"):
        pages = read_pages(root, folder)
        if pages:
            result.skipped.append(f"{folder}/: {len(pages)} page(s) (portfolio and blog posts are not CV content)")
    b.finish(source_order=False)
    result.found.append(f"an academicpages site in {root}: " + ", ".join(found))
    return drop_invalid(result)


def _person(config: dict[str, Any], root: Path, out_dir: Path | None, b: Builder) -> dict[str, Any]:
    author, result = mapping(config.get("author")), b.result
    person = {field: str(author[key]).strip() for key, field in _PERSON_KEYS.items() if author.get(key)}
    person = clean_entry(person, "_config.yml: author", result)
    person.setdefault("name", str(config.get("name") or "Unnamed"))
    if person["name"] in ("Your Name", "Unnamed"):
        result.check.append(f"_config.yml: the name {shown(person['name'])} is the theme's sample; set person.name")
    if not person.get("website") and config.get("url"):
        person["website"] = str(config["url"]).rstrip("/") + "/"
    avatar = author.get("avatar")
    if avatar and inside(root, f"images/{avatar}") is not None:
        person["photo"] = profile_path(root, f"images/{avatar}", out_dir, b)
    elif avatar:
        result.dropped.append(f"_config.yml: author.avatar {shown(avatar)} (no such file under images/)")
    links: dict[str, str] = {}
    for key, value in author.items():
        if key in _NOT_LINKS or value in (None, ""):
            continue
        text = str(value).strip()
        name, url = network_link(_LINK_NAMES.get(key, key), None if text.startswith("http") else text, None)
        if text.startswith("http"):
            url = text
        if url:
            links[name] = url
        else:
            result.dropped.append(f"_config.yml: author.{key} ({shown(text)}): no link can be made from it")
    if author.get("pronouns"):
        result.dropped.append(f"_config.yml: author.pronouns ({shown(author['pronouns'])}): no place in a profile")
    if links:
        person["links"] = links
    b.data["person"] = person
    return without_empty(person)


# ---------------------------------------------------------------- publications
def _publications(root: Path, config: dict[str, Any], out_dir: Path | None, b: Builder, found: list[str]) -> None:
    pages = read_pages(root, "_publications")
    bib_rels = _bib_files(root)
    bibs = {rel: bib for rel in bib_rels if (bib := read_bib(root, rel, b)) is not None}
    by_title = {_compact(p.title): p for bib in bibs.values() for p in bib.publications if p.title}
    categories = mapping(config.get("publication_category"))
    merged: set[str] = set()
    sample_keys: set[str] = set()
    if pages:
        found.append(f"_publications/ ({len(pages)} pages)")
        count = b.result.section("_publications/", len(pages))
        for page in pages:
            bib_pub = by_title.get(_compact(str(page.meta.get("title") or "")))
            if is_sample(page, "publication"):
                b.result.skipped.append(f"{page.rel}: the theme's sample publication {shown(page.meta.get('title'))}")
                count.skipped += 1
                sample_keys.update([bib_pub.key] if bib_pub and bib_pub.key else [])
                continue
            entry = _publication(page, categories, bib_pub, b)
            merged.update([entry["key"]] if entry.get("key") else [])
            b.add("publications", entry, count, f"publications ({entry.get('type', 'from the .bib file')})")
    for rel, bib in bibs.items():
        keys = {p.key for p in bib.publications}
        if keys and keys <= sample_keys:
            b.result.skipped.append(f"{rel}: the .bib file of the theme's sample publications")
            continue
        found.append(f"{rel} ({len(bib.publications)} entries)")
        include_bib(root, rel, out_dir, b, bib, frozenset(merged))


def _bib_files(root: Path) -> list[str]:
    base = inside(root, "files")
    if base is None or not base.is_dir():
        return []
    rels = sorted(f"files/{p.name}" for p in base.iterdir() if p.suffix.lower() == ".bib")
    return [rel for rel in rels if (path := inside(root, rel)) is not None and path.is_file()]  # never a link out


def _compact(title: str) -> str:
    return re.sub(r"[\W_]+", "", title.casefold())


def _publication(page: Page, categories: dict[str, Any], bib_pub: Publication | None, b: Builder) -> dict[str, Any]:
    result = b.result
    f = Fields(clean_entry(page.meta, page.rel, result), page.rel)
    f.use(*PAGE_SETTINGS)
    year = loose_date(f.get("date", "year"), f"{page.rel}: date", result)
    venue = venue_of(str(f.get("venue")), year, f"{page.rel}: venue", result) if f.text("venue") else {}
    ptype = _type(f, categories, venue, result)
    links = {kind: str(f.get(key)) for key, kind in _LINK_KEYS if f.text(key)}
    entry: dict[str, Any] = {"title": f.text("title"), **venue, "year": year, "type": ptype, "links": links}
    citation = f.text("citation")
    if bib_pub is not None and bib_pub.key:
        entry["key"] = bib_pub.key
        result.changed.append(f"{page.rel}: the paper of the .bib entry '{bib_pub.key}' (its authors come from there)")
    elif citation:
        names = authors_from_citation(citation)
        if names:
            entry["authors"] = repair_authors(names, f"{page.rel}: citation", result, b.owner, b.aliases)
            result.guessed.append(f"{page.rel}: authors read from the citation: {shown(', '.join(entry['authors']))}")
        else:
            result.check.append(f"{page.rel}: no authors could be read from the citation; add `authors:`")
    if f.text("excerpt"):
        entry["extra"] = f.text("excerpt")
        result.changed.append(f"{page.rel}: the excerpt is the publication's extra line")
    abstract = _abstract(markdown_of(page.body, page.rel, result))
    if abstract:
        entry["abstract"] = abstract
        result.changed.append(f"{page.rel}: the page's text ({len(abstract.split())} words) is the abstract")
    return settle(entry, f, "extra", result)


# The theme's sample pages end with these lines; they repeat fields the entry already has.
_NOT_ABSTRACT = re.compile(r"^\W*(recommended citation|download (the )?(paper|pdf|slides)|use google scholar)", re.I)


def _abstract(body: str) -> str:
    """A publication page's text as a plain-text abstract: its paragraphs, without the citation
    and download lines, and without Markdown (the abstract field is plain text)."""
    from cvgen.text.html import HtmlFormat

    paragraphs = [HtmlFormat().plain(p) for p in re.split(r"\n\s*\n", body or "")]
    return "\n\n".join(p for p in paragraphs if p and not _NOT_ABSTRACT.match(p))


def _type(f: Fields, categories: dict[str, Any], venue: dict[str, Any], result: ImportResult) -> str:
    category = f.text("category")
    if category:
        title = str(mapping(categories.get(category)).get("title") or category)
        ptype = section_type(title) or _CATEGORY_TYPES.get(category)
        if ptype:
            return ptype
    shown_venue = venue.get("venue_full") or venue.get("venue")
    ptype, told = venue_type(shown_venue)
    why = f"from the venue {shown(shown_venue)}" if told else "(the venue does not tell; a journal assumed)"
    result.guessed.append(f"{f.at}: type '{ptype}' {why}: no category names a type")
    return ptype
