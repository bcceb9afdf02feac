"""An al-folio site folder -> cvgen profile data.

Read: `_config.yml` (name, e-mail, URL, social ids, jekyll-scholar's name
variants -> aliases), `_data/socials.yml`, `_pages/about.md` (subtitle, photo,
address, bio), `_news/`, `_data/cv.yml`, `_projects/`, the bibliography
(`_bibliography/papers.bib`, referenced as `- bibtex:`, not copied) and
`assets/json/resume.json` unless it is the theme's sample.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cvgen.text.names import NameMatcher
from cvgen.tools.importers.alfolio_cv import import_cv_yml
from cvgen.tools.importers.bibrefs import include_bib, profile_path
from cvgen.tools.importers.builder import Builder
from cvgen.tools.importers.common import join_text, loose_date, mapping, network_link, without_empty
from cvgen.tools.importers.json_resume import from_json_resume
from cvgen.tools.importers.merge import merge_result
from cvgen.tools.importers.pages import inside, markdown_of, parse_json, plain_text, read_pages, read_text, read_yaml
from cvgen.tools.importers.result import ImportResult
from cvgen.tools.importers.text import clean_text, shown
from cvgen.tools.importers.validate import drop_invalid

# al-folio's social keys -> (person.links key, URL pattern); `{}` is the value.
_SOCIALS = {
    "scholar_userid": ("google_scholar", "https://scholar.google.com/citations?user={}"),
    "orcid_id": ("orcid", "{}"), "github_username": ("github", "https://github.com/{}"),
    "gitlab_username": ("gitlab", "https://gitlab.com/{}"),
    "linkedin_username": ("linkedin", "https://www.linkedin.com/in/{}"),
    "x_username": ("x", "https://x.com/{}"), "twitter_username": ("twitter", "https://twitter.com/{}"),
    "research_gate_profile": ("researchgate", "https://www.researchgate.net/profile/{}"),
    "semanticscholar_id": ("semantic_scholar", "https://www.semanticscholar.org/author/{}"),
    "inspirehep_id": ("inspirehep", "https://inspirehep.net/authors/{}"), "dblp_url": ("dblp", "{}"),
    "bluesky_url": ("bluesky", "{}"), "mastodon_username": ("mastodon", "https://{}"),
    "youtube_id": ("youtube", "https://www.youtube.com/{}"), "osf_id": ("osf", "https://osf.io/{}/"),
}  # fmt: skip
# socials.yml keys that are settings of the site, not links.
_SOCIAL_SETTINGS = frozenset({"email", "rss_icon", "cv_pdf", "contact_note", "wechat_qr", "enable_progressbar"})
_SAMPLE_NAMES = ("You R. Name", "Albert Einstein")
_PAGE_KEYS = frozenset({"layout", "title", "permalink", "nav", "nav_order", "news", "selected_papers", "social",
                        "announcements", "latest_posts", "description", "subtitle", "profile"})  # fmt: skip


def from_alfolio(root: Path, out_dir: Path | None) -> ImportResult:
    result = ImportResult({}, "al-folio site")
    b = Builder(result)
    found = ["_config.yml"]
    config = mapping(read_yaml(root, "_config.yml"))
    result.data["person"] = _person(config, root, b, found)
    _about(root, out_dir, b, found)
    _news(root, b, found)
    cv = read_yaml(root, "_data/cv.yml")
    if cv is not None:
        found.append(f"_data/cv.yml ({import_cv_yml(cv, '_data/cv.yml', b)} sections)")
    scholar = mapping(config.get("scholar"))
    source = str(scholar.get("source") or "/_bibliography/").strip("/")
    bib = f"{source}/{scholar.get('bibliography') or 'papers.bib'}"
    if inside(root, bib) is not None:
        pubs = include_bib(root, bib, out_dir, b)
        found.append(f"{bib} ({len(pubs)} publications)")
    _resume(root, b, found)
    _projects(root, b, found)
    posts = read_pages(root, "_posts")
    if posts:
        result.skipped.append(f"_posts/: {len(posts)} blog post(s) (not CV content)")
    b.finish(source_order=False)
    result.found.append(f"an al-folio site in {root}: " + ", ".join(found))
    return drop_invalid(result)


# ---------------------------------------------------------------- person
def _person(config: dict[str, Any], root: Path, b: Builder, found: list[str]) -> dict[str, Any]:
    result = b.result
    name = join_text(config.get("first_name"), config.get("middle_name"), config.get("last_name"))
    name = clean_text(name or str(config.get("title") or "Unnamed"), "_config.yml: name", result)
    if name in _SAMPLE_NAMES or name == "Unnamed":
        result.check.append(f"_config.yml: the name {shown(name)} is the theme's sample; set person.name")
    url = join_text(config.get("url"), config.get("baseurl"), sep="")
    person = without_empty({"name": name, "email": config.get("email"), "website": url and url.rstrip("/") + "/"})
    socials = mapping(read_yaml(root, "_data/socials.yml"))
    if socials:
        found.append("_data/socials.yml")
    links = _links({k: v for k, v in config.items() if k in _SOCIALS}, "_config.yml", result)
    links.update(_links(socials, "_data/socials.yml", result))
    if socials.get("email") and not person.get("email"):
        person["email"] = str(socials["email"])
    if links:
        person["links"] = links
    b.data["person"] = person
    _scholar_aliases(mapping(config.get("scholar")), name, b)
    return person


def _links(values: dict[str, Any], where: str, result: ImportResult) -> dict[str, str]:
    links: dict[str, str] = {}
    for key, value in values.items():
        if value in (None, "", False) or key in _SOCIAL_SETTINGS:
            continue
        if key in _SOCIALS:
            name, pattern = _SOCIALS[key]
            links[name] = pattern.format(str(value).strip())
            continue
        base = key.removesuffix("_username").removesuffix("_userid").removesuffix("_id").removesuffix("_url")
        name, url = network_link(base, None if str(value).startswith("http") else str(value), None)
        url = str(value) if str(value).startswith("http") else url
        if url:
            links[name] = url
        else:
            result.dropped.append(f"{where}: {key} ({shown(value)}): no link can be made from it")
    return links


def _scholar_aliases(scholar: dict[str, Any], name: str, b: Builder) -> None:
    """jekyll-scholar's `first_name` x `last_name` variants: the spellings al-folio marks as yours."""
    lasts = [str(x) for x in _as_list(scholar.get("last_name"))]
    firsts = [str(x) for x in _as_list(scholar.get("first_name"))]
    if not lasts:
        return
    matcher = NameMatcher(name)
    if not any(matcher(f"{f} {last}") for f in firsts or [""] for last in lasts):
        b.result.skipped.append(
            f"_config.yml: scholar names {shown(', '.join(lasts))} do not name {shown(name)} (the theme's sample?); "
            "no aliases taken from them"
        )
        return
    for last in lasts:
        for first in firsts:
            variant = f"{first} {last}"
            if not NameMatcher(name, b.aliases)(variant):
                b.aliases.append(variant)
                b.result.changed.append(f"person.aliases: {shown(variant)}, from _config.yml scholar names")


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value not in (None, "") else []


# ---------------------------------------------------------------- pages
def _about(root: Path, out_dir: Path | None, b: Builder, found: list[str]) -> None:
    pages = [p for p in read_pages(root, "_pages") if p.rel.endswith(("/about.md", "/about.markdown"))]
    if not pages:
        return
    page, person, result = pages[0], b.data["person"], b.result
    found.append(page.rel)
    meta = page.meta
    if meta.get("subtitle"):
        person["affiliation"] = plain_text(str(meta["subtitle"]))
    profile = mapping(meta.get("profile"))
    if profile.get("more_info"):
        lines = [plain_text(x) for x in str(profile["more_info"]).split("</p>")]
        person["address"] = ", ".join(x for x in lines if x)
    image = profile.get("image")
    if image and inside(root, f"assets/img/{image}") is not None:
        person["photo"] = profile_path(root, f"assets/img/{image}", out_dir, b)
    elif image:
        result.dropped.append(f"{page.rel}: profile.image {shown(image)} (no such file under assets/img/)")
    body = markdown_of(page.body, page.rel, result)
    if body:
        b.data["bio"] = clean_text(body, f"{page.rel}: body", result)
    result.section(page.rel, 1).put("bio and person")
    for key in meta:
        if key not in _PAGE_KEYS:
            result.dropped.append(f"{page.rel}: front matter key '{key}' (a page setting cvgen has no use for)")


def _news(root: Path, b: Builder, found: list[str]) -> None:
    pages = read_pages(root, "_news")
    if not pages:
        return
    found.append(f"_news/ ({len(pages)} items)")
    count = b.result.section("_news/", len(pages))
    for page in pages:
        date = loose_date(page.meta.get("date"), f"{page.rel}: date", b.result)
        body = markdown_of(page.body, page.rel, b.result)
        title = page.meta.get("title")
        inline = page.meta.get("inline", not title)  # al-folio: an item with a title and no `inline` is a post
        text = body if inline or not title else str(title)
        if text != body and body:
            b.result.dropped.append(f"{page.rel}: the body of the news post (its title {shown(text)} is kept)")
        if date is None or not text:
            b.result.dropped.append(f"{page.rel}: a news item needs a date and a text")
            count.dropped += 1
            continue
        b.add("news", {"date": date, "text": clean_text(text, page.rel, b.result)}, count)


def _projects(root: Path, b: Builder, found: list[str]) -> None:
    pages = read_pages(root, "_projects")
    if not pages:
        return
    found.append(f"_projects/ ({len(pages)} page{'s' if len(pages) != 1 else ''})")
    count = b.result.section("_projects/", len(pages))
    lines = [(p.rel, join_text(f"**{p.meta.get('title') or p.rel}**", p.meta.get("description"), sep=": ") or "")
             for p in pages]  # fmt: skip
    b.result.changed.append(f"_projects/: {len(pages)} project page(s) kept as lines (title: description)")
    b.add_lines("Projects", lines, None, count)


def _resume(root: Path, b: Builder, found: list[str]) -> None:
    path = inside(root, "assets/json/resume.json")
    if path is None:
        return
    doc = parse_json(read_text(path, str(root / "assets/json/resume.json")), str(root / "assets/json/resume.json"))
    name = str(mapping(mapping(doc).get("basics")).get("name") or "")
    if not NameMatcher(b.owner, b.aliases)(name):
        found.append("assets/json/resume.json (the theme's sample)")
        b.result.skipped.append(
            f"assets/json/resume.json: it names {shown(name)}, not {shown(b.owner)} (the theme's sample)"
        )
        return
    found.append("assets/json/resume.json")
    merge_result(from_json_resume(mapping(doc)), "assets/json/resume.json", b)
