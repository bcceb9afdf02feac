"""The homepage's second-level features: per-paper BibTeX and abstract toggles, the CV page, the full
lists on pages of their own, the filter, icons, the CV's accent and font, and the page-size budget."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from cvgen.build import read_profile
from cvgen.outputs.bib import to_bibtex
from cvgen.outputs.homepage import SiteOptions, homepage_files, rebase
from cvgen.text.html import HtmlFormat
from cvgen.views.cv import cv_context
from cvgen.views.select import select
from tests.conftest import PROFILES, ROOT
from tests.outputs.test_homepage import Page, norm

BUDGET = 50_000  # bytes of one page with its stylesheet, before pictures
BIB_PROFILE = ROOT / "tests" / "data" / "bib" / "profile.yaml"
TODAY = dt.date(2026, 1, 1)


def site(profile: Path, with_cv: bool = True) -> dict[str, str | bytes]:
    source = read_profile(profile)
    sel = select(source.profile, source.publications, "homepage")
    cv = select(source.profile, source.publications, "cv") if with_cv else None
    return homepage_files(source, sel, SiteOptions("cv.pdf", TODAY, cv))


def text_of(files: dict[str, str | bytes], name: str) -> str:
    value = files[name]
    assert isinstance(value, str)
    return value


def toggled_entries(page: str) -> list[str]:
    return [
        html.unescape(x) for x in re.findall(r'<pre class="panel" tabindex="0"><code>(.*?)</code></pre>', page, re.S)
    ]


# ---------------------------------------------------------------- BibTeX and abstract
@pytest.mark.parametrize("profile", [PROFILES / "haoyu-he.yaml", PROFILES / "gao-huang.yaml", BIB_PROFILE])
def test_every_paper_has_its_exported_bibtex(profile):
    """The entry behind each toggle is, byte for byte, the one `--bib` exports (same key)."""
    files = site(profile)
    source = read_profile(profile)
    exported = {e.strip() for e in to_bibtex(list(source.publications)).split("\n\n")[1:]}
    shown = [e for name in files if name.endswith(".html") for e in toggled_entries(text_of(files, name))]
    assert len(shown) == len(source.publications)
    assert {e.strip() for e in shown} == exported


def test_abstracts_from_the_profile_and_the_bib_file(tmp_path):
    (tmp_path / "refs.bib").write_text(
        "@article{bib1, title={From the Bib}, author={Lovelace, Ada}, journal={J}, year={2021},\n"
        "  abstract={We study {\\em engines}. 100\\% of them.}}\n",
        encoding="utf-8",
    )
    (tmp_path / "p.yaml").write_text(
        "person: {name: Ada Lovelace}\n"
        "publications:\n"
        "  - bibtex: refs.bib\n"
        "  - title: From the Profile\n"
        "    year: 2022\n"
        "    abstract: |\n      First <b>paragraph</b>.\n\n      Second paragraph.\n"
        "  - {title: No Abstract, year: 2020}\n",
        encoding="utf-8",
    )
    index = text_of(site(tmp_path / "p.yaml"), "index.html")
    panels = re.findall(r'<details class="abstract"><summary class="btn">Abstract</summary>(.*?)</details>', index)
    assert panels == [
        '<div class="panel"><p>First &lt;b&gt;paragraph&lt;/b&gt;.</p><p>Second paragraph.</p></div>',
        '<div class="panel"><p>We study engines. 100% of them.</p></div>',
    ]
    # The exported entry carries the abstract too, so `--bib` reads back what it wrote.
    assert re.search(r"abstract +=  ?\{We study engines\. 100\{\\%\} of them\.\}", html.unescape(index))


def test_links_are_labelled_buttons(tmp_path):
    (tmp_path / "p.yaml").write_text(
        "person: {name: Ada Lovelace}\n"
        "publications:\n"
        "  - title: Paper\n    year: 2024\n    doi: 10.1000/xyz\n"
        "    links: {pdf: p.pdf, code: 'https://github.com/a/b', slides: s.pdf, talk: 'https://youtu.be/x',"
        " arxiv: 'https://arxiv.org/abs/2401.00001', javascript: 'https://ok.example'}\n",
        encoding="utf-8",
    )
    index = text_of(site(tmp_path / "p.yaml"), "index.html")
    labels = re.findall(r'<a class="btn" href="[^"]+">([^<]+)</a>', index)
    assert labels == ["PDF", "Code", "Slides", "Talk", "arXiv", "Javascript", "DOI"]
    assert '<a class="btn" href="https://doi.org/10.1000/xyz">DOI</a>' in index


# ---------------------------------------------------------------- the CV page
@pytest.mark.parametrize("name", ["haoyu-he", "gao-huang"])
def test_cv_page_has_the_sections_and_entries_of_the_cv(name):
    profile = PROFILES / f"{name}.yaml"
    files = site(profile)
    page = text_of(files, "cv/index.html")
    source = read_profile(profile)
    doc = cv_context(select(source.profile, source.publications, "cv"), HtmlFormat())
    titles = [html.unescape(t) for t in re.findall(r'<h2 id="cv-[^"]+-h">(.*?)</h2>', page)]
    assert titles == [s.title for s in doc.sections] and len(titles) >= 4
    text = Page(page).text
    for p in source.publications:
        assert norm(p.title or "") in text, p.title
    assert 'href="../cv.pdf"' in page and 'href="../style.css"' in page and 'href="../index.html#' in page
    assert 'href="#content"' in page  # anchors stay on the page


def test_rebase_moves_relative_addresses_only():
    page = '<a href="cv.pdf">x</a> <a href="#top">t</a> <img src="images/a.png"> <a href="https://x.org/">y</a>'
    page += ' <a href="mailto:a@b.c">m</a> <a href="/abs">r</a> <a href="../up.html">u</a>'
    assert rebase(page, "../") == (
        '<a href="../cv.pdf">x</a> <a href="#top">t</a> <img src="../images/a.png"> <a href="https://x.org/">y</a>'
        ' <a href="mailto:a@b.c">m</a> <a href="/abs">r</a> <a href="../../up.html">u</a>'
    )


def test_relative_paper_links_work_from_the_cv_page(tmp_path):
    (tmp_path / "p.yaml").write_text(
        "person: {name: Ada}\npublications:\n  - {title: P, year: 2020, links: {pdf: papers/p.pdf}}\n",
        encoding="utf-8",
    )
    files = site(tmp_path / "p.yaml")
    assert 'href="papers/p.pdf"' in text_of(files, "index.html")
    assert 'href="../papers/p.pdf"' in text_of(files, "cv/index.html")


# ---------------------------------------------------------------- pages of long lists
def _dated(kind: str, n: int) -> str:
    if kind == "news":
        return "".join(f"  - {{date: {2000 + i}-01, text: 'Item {i}'}}\n" for i in range(n))
    return "".join(f"  - {{title: 'Talk {i}', event: E, date: {2000 + i}}}\n" for i in range(n))


def test_long_news_and_talks_get_pages_of_their_own(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person: {name: Ada}\nhomepage: {sections: [news, talks]}\nnews:\n" + _dated("news", 20) + "talks:\n"
        + _dated("talks", 13),
        encoding="utf-8",
    )  # fmt: skip
    files = site(profile)
    index = Page(text_of(files, "index.html")).text
    assert "Item 19" in index and "Item 12" in index and "Item 11" not in index and "See all 20" in index
    assert "Talk 12" in index and "Talk 4" not in index and "See all 13" in index
    news = Page(text_of(files, "news.html")).text
    assert all(f"Item {i} " in news + " " for i in range(20))
    assert all(f"Talk {i}" in Page(text_of(files, "talks.html")).text for i in range(13))
    # max_news decides by itself: the newest three on the index, all on news.html.
    profile.write_text(profile.read_text().replace("sections: [news, talks]}", "sections: [news], max_news: 3}"))
    files = site(profile)
    assert Page(text_of(files, "index.html")).text.count("Item ") == 3 and "talks.html" not in files
    assert Page(text_of(files, "news.html")).text.count("Item ") == 20


def test_full_list_pages_by_year_with_the_filter():
    files = site(PROFILES / "gao-huang.yaml")
    pages = sorted(n for n in files if n.startswith("publications"))
    assert "publications.html" in pages and len(pages) >= 2
    source = read_profile(PROFILES / "gao-huang.yaml")
    total = 0
    for name in pages:
        page = text_of(files, name)
        count = page.count('<li class="paper ')
        total += count
        for n in pages:  # every page links every other page of the list
            assert f'<a href="{n}"' in page
        chips = dict(re.findall(r'<label for="(f[ty]-[a-z0-9]+)">[^<]+<span class="count">(\d+)</span>', page))
        assert chips["ft-all"] == chips["fy-all"] == str(count)
        for axis in ("ft", "fy"):
            assert sum(int(v) for k, v in chips.items() if k.startswith(axis) and k != f"{axis}-all") == count
        for radio in re.findall(r'<input class="filter-radio[^"]*" type="radio" name="filter-[ty]" id="([^"]+)"', page):
            assert f'<label for="{radio}">' in page and f"#{radio}:checked" in page
    assert total == len(source.publications)


# ---------------------------------------------------------------- icons
def test_profile_links_carry_icons_with_names(tmp_path):
    (tmp_path / "p.yaml").write_text(
        "person:\n  name: Ada\n  email: ada@example.org\n  links:\n"
        "    google_scholar: https://scholar.google.com/citations?user=X\n    orcid: 0000-0002-1825-0097\n"
        "    github: https://github.com/ada\n    dblp: https://dblp.org/pid/1/1\n"
        "    linkedin: https://www.linkedin.com/in/ada\n    x: https://x.com/ada\n"
        "    mastodon: https://mastodon.social/@ada\n    bluesky: https://bsky.app/profile/ada\n"
        "homepage: {style: sidebar}\n",
        encoding="utf-8",
    )
    index = text_of(site(tmp_path / "p.yaml"), "index.html")
    links = re.findall(
        r'<li(?: class="email")?>(?:<a href="[^"]+">)?(<svg class="icon"[^>]*><use href="#([^"]+)"></use></svg>)<span>([^<]*)',
        index,
    )
    names = [label for _, _, label in links]
    assert names[0] == "ada@example.org" or names[0] == ""
    assert {"Google Scholar", "ORCID", "GitHub", "DBLP", "LinkedIn", "X", "Mastodon", "Bluesky"} <= set(names)
    for svg, symbol, _ in links:
        assert 'aria-hidden="true"' in svg and f'<symbol id="{symbol}" viewBox=' in index
    assert "Font Awesome Free" in index and "CC BY 4.0" in index  # the icons' licence, kept with them
    assert index.count('<svg class="sprite"') == 1


# ---------------------------------------------------------------- the CV's accent and font
def test_cv_accent_and_font_carry_over(tmp_path):
    (tmp_path / "p.yaml").write_text(
        'person: {name: Ada Lovelace}\ncv: {accent_color: "#7a1f5c", font: Lato}\n', encoding="utf-8"
    )
    files = site(tmp_path / "p.yaml")
    index = text_of(files, "index.html")
    assert re.search(r':root\{--accent:#7a1f5c;--font:"Lato", (var\(--serif\)|system-ui, sans-serif)\}', index)
    assert 'fill="#7a1f5c"' in text_of(files, "favicon.svg")
    (tmp_path / "p.yaml").write_text('person: {name: Ada}\ncv: {accent_color: "#ffd500"}\n', encoding="utf-8")
    assert "--on-accent:#111" in text_of(site(tmp_path / "p.yaml"), "index.html")
    (tmp_path / "p.yaml").write_text("person: {name: Ada}\n", encoding="utf-8")
    assert "<style>" not in text_of(site(tmp_path / "p.yaml"), "index.html")  # today's defaults


# ---------------------------------------------------------------- size
def _big_profile(folder: Path) -> Path:
    authors = ", ".join(f"Author Number{j} Surname{j}" for j in range(14))
    abstract = " ".join(["We propose a method that improves efficiency across many benchmarks."] * 12)
    papers = "".join(
        f"  - title: A Fairly Long Title of Paper Number {i} on Efficient Learning at Scale\n"
        f"    authors: [Ada Lovelace, {authors}]\n    venue: CONF\n    venue_full: Conference on Things {i}\n"
        f"    year: {2000 + i // 6}\n    type: {'journal' if i % 3 else 'conference'}\n"
        f"    links: {{pdf: 'https://example.org/{i}.pdf', code: 'https://github.com/ada/p{i}'}}\n"
        f"    abstract: {abstract}\n" + ("    selected: true\n" if i % 9 == 0 else "")
        for i in range(130)
    )
    news = "".join(
        f"  - {{date: {2000 + i // 4}-0{1 + i % 4}, text: 'News item {i} about a paper'}}\n" for i in range(60)
    )
    (folder / "p.yaml").write_text(
        "person: {name: Ada Lovelace, position: Professor, affiliation: University}\n"
        f"bio: {'Ada works on engines. ' * 60}\nnews:\n{news}publications:\n{papers}",
        encoding="utf-8",
    )
    return folder / "p.yaml"


@pytest.mark.parametrize("which", ["haoyu-he", "gao-huang", "bib", "big"])
def test_every_page_with_its_stylesheet_stays_under_50_kb(which, tmp_path, capsys):
    profile = {"haoyu-he": PROFILES / "haoyu-he.yaml", "gao-huang": PROFILES / "gao-huang.yaml", "bib": BIB_PROFILE,
               "big": None}[which]  # fmt: skip
    files = site(profile or _big_profile(tmp_path))
    css = len(text_of(files, "style.css").encode())
    sizes = {n: len(text_of(files, n).encode()) + css for n in files if n.endswith(".html")}
    with capsys.disabled():
        print(f"\n{which}: " + ", ".join(f"{n} {s / 1000:.1f} KB" for n, s in sorted(sizes.items())))
    assert max(sizes.values()) < BUDGET, sizes
