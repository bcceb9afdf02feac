"""The homepage: content of both seed profiles, safety of user text, the files it writes.

The browser checks (Chromium, axe-core, Nu HTML Checker) are in tests/browser/.
"""

from __future__ import annotations

import html
import io
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from cvgen.build import BuildOptions, BuildReport, build, read_profile
from cvgen.clock import build_date
from cvgen.errors import ProfileError
from cvgen.outputs.homepage import SiteOptions, homepage_files
from cvgen.text.html import HtmlFormat, obfuscate_email
from cvgen.text.typography import smart_quotes
from cvgen.views.homepage import LONG_LIST
from cvgen.views.select import select
from cvgen.views.seo import json_for_script
from cvgen.write import OutputDir
from tests import golden
from tests.conftest import PROFILES, ROOT, pdf_text
from tests.golden import assert_golden

SEEDS = ["haoyu-he", "gao-huang"]
EPOCH = "1767225600"  # 2026-01-01: the "Updated" date of the golden pages


# ---------------------------------------------------------------- helpers
class Page(HTMLParser):
    """Tags with their attributes, ids, text and JSON-LD of one HTML file."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self.text_parts: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "script":
            self._script = a
            self.scripts.append((a, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        else:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return norm(" ".join(self.text_parts))

    def urls(self) -> list[tuple[str, str, str]]:
        """(tag, attribute, url) of every URL-valued attribute."""
        out = []
        for tag, attrs in self.tags:
            for attr in ("href", "src", "srcset", "poster", "data", "action", "formaction"):
                if attrs.get(attr):
                    out.append((tag, attr, attrs[attr]))
        return out


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def md_text(markdown: str) -> str:
    """Plain text of an inline Markdown string, as a reader sees it."""
    rendered = HtmlFormat().markdown(markdown, inline=True)
    return norm(html.unescape(re.sub(r"<[^>]+>", "", str(rendered))))


def homepage_only(profile: Path, outdir: Path, variant: str | None = None) -> BuildReport:
    """The homepage stage alone (no PDF): fast, for tests that do not look at cv.pdf."""
    report = BuildReport()
    source = read_profile(profile, report)
    out = OutputDir(outdir)
    out.prepare()
    sel = select(source.profile, source.publications, "homepage", variant)
    for name, data in homepage_files(source, sel, SiteOptions(None, build_date())).items():
        report.outputs.append(out.write(name, data))
    return report


@pytest.fixture(scope="module")
def seed_sites(tmp_path_factory):
    """Both seed profiles built with `--homepage` (which also prints cv.pdf), once per module."""
    sites = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        for name in SEEDS:
            out = tmp_path_factory.mktemp(name)
            report = build(PROFILES / f"{name}.yaml", BuildOptions(homepage=True, outdir=out))
            sites[name] = (out, report, read_profile(PROFILES / f"{name}.yaml"))
    return sites


def site_text(out: Path) -> str:
    """Text of every page of a site."""
    return " ".join(Page(f.read_text("utf-8")).text for f in sorted(out.glob("*.html")))


# ---------------------------------------------------------------- golden HTML
@pytest.mark.parametrize("name", SEEDS)
def test_golden_pages(name, seed_sites):
    out, _, _ = seed_sites[name]
    files = sorted(str(f.relative_to(out)) for f in [*out.rglob("*.html"), out / "feed.xml"] if f.exists())
    for f in files:
        assert_golden((out / f).read_text("utf-8"), f"homepage/{name}/{f}")
    goldens = ROOT / "tests/golden/homepage" / name
    assert set(files) == {str(p.relative_to(goldens)) for p in goldens.rglob("*") if p.is_file()} or golden.UPDATE


# ---------------------------------------------------------------- content of the seeds
@pytest.mark.parametrize("name", SEEDS)
def test_every_seed_entry_is_on_the_homepage(name, seed_sites):
    out, _, source = seed_sites[name]
    text = site_text(out)
    profile = source.profile
    missing = []
    for p in source.publications:
        if norm(p.title) not in text:
            missing.append(f"paper: {p.title}")
    for n in profile.news:
        if md_text(n.text) not in text:
            missing.append(f"news: {n.text}")
    for a in profile.awards:
        if norm(a.title) not in text:
            missing.append(f"award: {a.title}")
    for s in profile.service:
        if norm(s.role) not in text or (s.venue and norm(s.venue) not in text):
            missing.append(f"service: {s.role} {s.venue}")
    for t in profile.teaching:
        if norm(t.course) not in text or (t.code and t.code not in text):
            missing.append(f"teaching: {t.course}")
    assert not missing, "not on the homepage:\n" + "\n".join(missing)
    assert source.publications and (profile.news or profile.awards)


def test_sidebar_seed_presentation(seed_sites):
    """Seed 000: profile card, news with dates, cards with thumbnail, [VENUE YEAR] (Oral), owner underlined."""
    out, _, source = seed_sites["haoyu-he"]
    index = (out / "index.html").read_text("utf-8")
    page = Page(index)
    assert 'class="style-sidebar' in index
    assert '<aside class="profile-card" aria-label="Profile">' in index
    assert '<time datetime="2024-03">Mar 2024</time>' in index
    cards = [a for t, a in page.tags if t == "li" and "card" in (a.get("class") or "")]
    assert len(cards) == len(source.publications) == 11
    thumbs = [a for t, a in page.tags if t == "img" and a.get("class") == "thumb"]
    assert len(thumbs) == 11 and all(a.get("loading") == "lazy" and a["width"] == "220" for a in thumbs)
    assert '<span class="venue-tag">ICCV 2023</span> <span class="note">Oral</span>' in index
    assert index.count('<span class="own">Haoyu He</span>') == 11
    assert re.search(r'>PDF</a><a class="btn" href="https://github.com/ziplab/SPViT">Code</a>', index)
    # Every paper has its BibTeX behind a toggle; the news beyond the newest eight are on news.html.
    assert index.count('<details class="bibtex"><summary class="btn">BibTeX</summary>') == 11
    assert index.count("<time ") == 8 + 1 and (out / "news.html").is_file()
    assert "Reviewer for CVPR, ECCV, ICCV, NeurIPS, AAAI, TPAMI, TMM" in page.text
    assert "Teaching Associate for" in page.text
    assert not (out / "publications.html").exists()  # 11 papers: all on the index


def test_faculty_seed_presentation(seed_sites):
    """Seed 004: year lists, awards, * legend, [code] links, e-mail obfuscated, every paper on the page."""
    out, _, source = seed_sites["gao-huang"]
    index = (out / "index.html").read_text("utf-8")
    text = Page(index).text
    assert 'class="style-faculty' in index
    assert "Area Chair of NeurIPS (2025, 2023, 2022), CVPR (2026, 2022, 2021), ICCV (2025, 2023)" in text
    assert "Senior Program Committee (SPC) Member of AAAI (2018, 2020), IJCAI (2021)" in text
    assert "Associate Editor, IEEE Transactions on Pattern Analysis and Machine Intelligence (2023–)" in text
    assert "MIT TR 35 Asia-Pacific, MIT Technology Review, 2021" in text
    assert "* equal contribution" in text
    assert '<a class="btn" href="https://github.com/liuzhuang13/DenseNet">Code</a>' in index
    assert '<span lang="zh-Hans">黄高</span>' in index
    # As on the seed page, every paper is on the index (the profile sets selected_only: false); too many
    # for their BibTeX to fit the page, so the publications pages carry it.
    assert len(source.publications) > LONG_LIST
    for p in source.publications:
        assert norm(p.title) in text, p.title
    assert "<details" not in index and (out / "publications.html").exists()
    pages = " ".join(f.read_text("utf-8") for f in out.glob("publications*.html"))
    assert pages.count('<details class="bibtex">') == len(source.publications)
    assert text.index("Conference Papers") < text.index("Journal Articles")
    # The e-mail is obfuscated everywhere (bio, links, contact, JSON-LD), with no script.
    site = (out / "index.html").read_text("utf-8")
    assert "gaohuang@tsinghua.edu.cn" not in site and "mailto:" not in site
    assert text.count("gaohuang at tsinghua dot edu dot cn") >= 2  # contact + bio
    assert "617A Centre Main Building" in text


@pytest.mark.parametrize("name", SEEDS)
def test_cv_pdf_exists_is_linked_and_matches_the_profile(name, seed_sites):
    out, report, source = seed_sites[name]
    assert (out / "cv.pdf").is_file() and (out / "cv.pdf") in report.outputs
    for f in ("index.html", "publications.html"):
        if (out / f).exists():
            assert 'href="cv.pdf"' in (out / f).read_text("utf-8")
    text = re.sub(r"-\s+", "-", norm(pdf_text(out / "cv.pdf")))  # a title broken after a hyphen
    assert source.profile.person.name in text
    for p in source.publications:
        assert norm(smart_quotes(p.title or "")) in text, p.title  # the CV prints typographic quotes


@pytest.mark.parametrize("name", SEEDS)
def test_site_files_and_report(name, seed_sites):
    out, report, _ = seed_sites[name]
    for f in ("index.html", "style.css", "favicon.svg", "favicon.ico"):
        assert (out / f).is_file() and (out / f) in report.outputs
    assert "homepage" in report.timings
    with Image.open(out / "favicon.ico") as ico:
        assert ico.format == "ICO"
    ET.fromstring((out / "favicon.svg").read_text("utf-8"))
    for path in report.outputs:
        assert path.is_file() and out.resolve() in path.resolve().parents


@pytest.mark.parametrize("name", SEEDS)
def test_links_and_anchors_resolve_offline(name, seed_sites):
    """Every relative URL names a written file; every #anchor an id of its page."""
    out, _, _ = seed_sites[name]
    pages = {f.relative_to(out).as_posix(): Page(f.read_text("utf-8")) for f in out.rglob("*.html")}
    assert "cv/index.html" in pages
    for fname, page in pages.items():
        assert len(page.ids) == len(set(page.ids)), f"{fname}: duplicate ids"
        for tag, attr, url in page.urls():
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                continue
            target = (out / fname).parent.joinpath(parts.path).resolve().relative_to(out.resolve()).as_posix()
            target = target if parts.path else fname
            assert (out / target).is_file(), f"{fname}: <{tag} {attr}={url!r}> names no file"
            if parts.fragment:
                assert target in pages and parts.fragment in pages[target].ids, f"{fname}: {url} has no target"


@pytest.mark.parametrize("name", SEEDS)
def test_no_external_requests(name, seed_sites):
    """Stylesheets, icons, scripts and pictures are local files; the CSS fetches nothing."""
    out, _, _ = seed_sites[name]
    for f in out.rglob("*.html"):
        page = Page(f.read_text("utf-8"))
        for tag, attr, url in page.urls():
            if tag == "a" or (tag == "link" and _link_rel(page, url) in ("canonical", "alternate")):
                continue
            assert not urlsplit(url).scheme and not url.startswith("//"), f"{f.name}: external <{tag} {attr}={url}>"
        assert all(a.get("type") == "application/ld+json" for a, _ in page.scripts), "a script that runs"
        assert not any(t == "iframe" for t, _ in page.tags)
    css = (out / "style.css").read_text("utf-8")
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    assert re.search(r"prefers-color-scheme: ?dark", css) and "focus-visible" in css


def _link_rel(page: Page, href: str) -> str | None:
    for tag, attrs in page.tags:
        if tag == "link" and attrs.get("href") == href:
            return attrs.get("rel")
    return None


@pytest.mark.parametrize("name", SEEDS)
def test_head_metadata_and_jsonld(name, seed_sites):
    out, _, source = seed_sites[name]
    page = Page((out / "index.html").read_text("utf-8"))
    meta = {a.get("name") or a.get("property"): a.get("content") for t, a in page.tags if t == "meta"}
    person = source.profile.person
    assert meta["description"] and person.name in meta["description"]
    assert meta["og:title"] and meta["og:type"] == "profile" and meta["viewport"].startswith("width=device-width")
    (ld,) = [json.loads(text) for a, text in page.scripts if a.get("type") == "application/ld+json"]
    assert ld["@type"] == "Person" and ld["name"] == person.name
    assert "https://github.com/" in " ".join(ld["sameAs"])
    imgs = [a for t, a in page.tags if t == "img"]
    assert imgs and all(a.get("width") and a.get("height") and a.get("alt") is not None for a in imgs)


def test_feed_is_atom_with_every_news_item(seed_sites):
    out, _, source = seed_sites["haoyu-he"]
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring((out / "feed.xml").read_bytes())
    entries = root.findall("a:entry", ns)
    assert len(entries) == len(source.profile.news) == 13
    ids = [e.findtext("a:id", namespaces=ns) for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    assert root.findtext("a:updated", namespaces=ns) == "2024-03-01T00:00:00Z"
    assert "ESTA" in entries[0].findtext("a:content", namespaces=ns)
    assert 'type="application/atom+xml" href="feed.xml"' in (out / "index.html").read_text("utf-8")
    assert not (seed_sites["gao-huang"][0] / "feed.xml").exists()  # no news, no feed


# ---------------------------------------------------------------- safety
HOSTILE = """\
person:
  name: "Eve </script><script>alert(1)</script> <b>Bold</b>"
  position: "<img src=x onerror=alert(1)>"
  email: "eve@example.org"
  links:
    github: https://github.com/eve
    orcid: 0000-0002-1825-0097
    google_scholar: https://scholar.google.com/citations?user=x&hl=en
    dblp: https://dblp.org/pid/00/0000.html
bio: |
  Hello <script>alert("bio")</script> and [click](javascript:alert(1)) and [ok](https://example.org/?a=1&b=<2>).
news:
  - {date: 2024-01, text: "<iframe src=https://evil.example></iframe> [x](javascript:alert(2))"}
awards:
  - {title: "<svg onload=alert(1)>", year: 2020}
service:
  - {role: "Reviewer <i>", venue: "\\"><script>alert(3)</script>"}
teaching:
  - {course: "<style>body{display:none}</style>", year: 2020}
publications:
  - title: "</script><script>alert(4)</script>"
    authors: ["Eve </script><script>alert(1)</script> <b>Bold</b>", "<b>Mallory</b>"]
    venue: "<u>V</u>"
    year: 2024
homepage:
  title: "</title><script>alert(5)</script>"
  description: "\\"><script>alert(6)</script>"
  base_url: "https://eve.example.org/"
"""


def test_hostile_text_is_data(write_profile, tmp_path):
    profile = write_profile(HOSTILE)
    homepage_only(profile, tmp_path / "site")
    index = (tmp_path / "site/index.html").read_text("utf-8")
    page = Page(index)
    # Only the JSON-LD script element exists, and no tag came from the profile (the icons are cvgen's).
    ours = ("sprite", "icon")
    tags = [
        t
        for t, a in page.tags
        if t in ("script", "iframe", "svg", "style", "b", "u", "i") and a.get("class") not in ours
    ]
    assert tags == ["script"]
    assert not [a for t, a in page.tags if any(k.startswith("on") for k in a)]
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in index
    # javascript: never becomes a link; the safe links survive, escaped.
    assert "javascript:" not in " ".join(url for _, _, url in page.urls())
    assert 'href="https://example.org/?a=1&amp;b=%3C2%3E"' in index
    assert 'href="https://orcid.org/0000-0002-1825-0097"' in index
    # JSON-LD: cannot close its <script>, and parses back to the very same text.
    ((attrs, raw),) = page.scripts
    assert "</" not in raw and "<" not in raw and "&" not in raw
    ld = json.loads(raw)
    assert ld["name"] == "Eve </script><script>alert(1)</script> <b>Bold</b>"
    assert "javascript:alert(1)" not in ld["sameAs"]
    assert "https://orcid.org/0000-0002-1825-0097" in ld["sameAs"]
    assert "https://scholar.google.com/citations?user=x&hl=en" in ld["sameAs"]
    assert ld["sameAs"][0].startswith("https://scholar.google.com")  # Scholar, ORCID, (GitHub), DBLP order
    # The feed is well-formed XML whatever the news says.
    root = ET.fromstring((tmp_path / "site/feed.xml").read_bytes())
    assert "iframe" in root.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}content").text
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt;</title>" in index


def test_json_for_script_escapes_what_ends_a_script():
    raw = str(json_for_script({"a": "</script><!-- & \u2028"}))
    assert "<" not in raw and ">" not in raw and "&" not in raw and "\u2028" not in raw
    assert json.loads(raw) == {"a": "</script><!-- & \u2028"}


def test_email_obfuscation():
    assert obfuscate_email("gaohuang@tsinghua.edu.cn") == "gaohuang at tsinghua dot edu dot cn"
    fmt = HtmlFormat(hide_email="a@b.org")
    hidden = str(fmt.markdown("Mail [me](mailto:a@b.org) or [a@b.org](mailto:a@b.org), or a@b.org, `a@b.org`."))
    assert "a@b.org" not in hidden and "mailto" not in hidden
    assert hidden.count("a at b dot org") == 4
    assert hidden.startswith("<p>Mail me (a at b dot org) or a at b dot org, or")
    assert fmt.plain("[me](mailto:a@b.org)\n\n*Write*") == "me (a at b dot org) Write"


def test_pictures_outside_the_profile_folder_are_refused(tmp_path):
    (tmp_path / "secret.png").write_bytes(_png(10, 10))
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "link.png").symlink_to(tmp_path / "secret.png")
    profile = folder / "profile.yaml"
    profile.write_text("person: {name: Ada, photo: link.png}\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"profile.yaml:1:\d+: person.photo: 'link.png' leads outside"):
        homepage_only(profile, tmp_path / "out")


def test_a_broken_picture_is_a_located_error(tmp_path):
    (tmp_path / "me.png").write_text("not a picture", encoding="utf-8")
    profile = tmp_path / "profile.yaml"
    profile.write_text("person:\n  name: Ada\n  photo: me.png\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"profile.yaml:3:\d+: person.photo: 'me.png' is not an image"):
        homepage_only(profile, tmp_path / "out")


# ---------------------------------------------------------------- pictures
def _png(w: int, h: int, mode: str = "RGB") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, (w, h), (200, 120, 40)).save(buf, "PNG")
    return buf.getvalue()


def _jpeg_with_gps(w: int, h: int) -> bytes:
    im = Image.new("RGB", (w, h), (30, 90, 160))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to show upright
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 30.0)}  # GPS
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def test_pictures_are_resized_upright_without_metadata_and_deterministic(tmp_path):
    folder = tmp_path / "p"
    (folder / "img").mkdir(parents=True)
    (folder / "img/me.jpg").write_bytes(_jpeg_with_gps(2400, 1600))
    (folder / "img/fig.png").write_bytes(_png(1800, 900, "RGBA"))
    (folder / "img/small.png").write_bytes(_png(100, 80))
    profile = folder / "profile.yaml"
    profile.write_text(
        "person: {name: Ada Lovelace, photo: img/me.jpg}\n"
        "publications:\n"
        "  - {title: A, year: 2024, thumbnail: img/fig.png}\n"
        "  - {title: B, year: 2023, thumbnail: img/small.png}\n",
        encoding="utf-8",
    )
    homepage_only(profile, tmp_path / "one")
    homepage_only(profile, tmp_path / "two")
    with Image.open(tmp_path / "one/images/me.jpg") as im:
        assert im.format == "JPEG" and im.size == (300, 450)  # turned upright, 2x of 150 CSS px
        assert not im.getexif()
    with Image.open(tmp_path / "one/images/fig.png") as im:
        assert im.size == (440, 220) and im.mode == "RGBA"
    with Image.open(tmp_path / "one/images/small.png") as im:
        assert im.size == (100, 80)  # never scaled up
    for f in ("images/me.jpg", "images/fig.png", "images/small.png", "index.html", "favicon.ico", "style.css"):
        assert (tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes(), f
    index = (tmp_path / "one/index.html").read_text("utf-8")
    assert 'src="images/me.jpg" alt="Photo of Ada Lovelace" width="150" height="225"' in index
    assert 'src="images/fig.png" alt="" width="220" height="110" loading="lazy"' in index
    assert 'width="220" height="176"' in index  # the small one is shown at the card size too


def test_text_chunks_of_a_small_png_are_dropped(tmp_path):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "taken at 48.85N 2.35E")
    Image.new("RGB", (40, 30), (1, 2, 3)).save(tmp_path / "me.png", pnginfo=info)
    Image.new("RGB", (40, 30), (1, 2, 3)).save(tmp_path / "clean.png")
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "person: {name: Ada, photo: me.png}\npublications: [{title: A, thumbnail: clean.png}]\n", encoding="utf-8"
    )
    homepage_only(profile, tmp_path / "out")
    with Image.open(tmp_path / "out/images/me.png") as im:
        assert im.size == (40, 30) and not im.text
    # A small file without metadata is used as it is.
    assert (tmp_path / "out/images/clean.png").read_bytes() == (tmp_path / "clean.png").read_bytes()


def test_same_file_names_in_two_folders_do_not_collide(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "fig.png").write_bytes(_png(50, 50 if sub == "a" else 60))
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "person: {name: Ada}\npublications:\n  - {title: A, year: 2024, thumbnail: a/fig.png}\n"
        "  - {title: B, year: 2023, thumbnail: b/fig.png}\n",
        encoding="utf-8",
    )
    homepage_only(profile, tmp_path / "out")
    assert (tmp_path / "out/images/fig.png").is_file() and (tmp_path / "out/images/fig-2.png").is_file()


# ---------------------------------------------------------------- settings
def _many_papers(n: int, selected: set[int]) -> str:
    return "".join(
        f"  - {{title: Paper {i}, authors: [Ada Lovelace], venue: V, year: {2000 + i}{', selected: true' if i in selected else ''}}}\n"
        for i in range(n)
    )


@pytest.mark.parametrize("style", ["sidebar", "faculty"])
def test_long_lists_move_to_publications_html(style, write_profile, tmp_path):
    text = f"person: {{name: Ada Lovelace}}\nhomepage: {{style: {style}}}\npublications:\n" + _many_papers(30, {3, 7})
    homepage_only(write_profile(text), tmp_path / "a")
    index = Page((tmp_path / "a/index.html").read_text("utf-8")).text
    assert "Paper 3" in index and "Paper 7" in index and "Paper 29" not in index
    full = Page((tmp_path / "a/publications.html").read_text("utf-8")).text
    assert all(f"Paper {i}" in full for i in range(30))
    # None marked selected: the newest ten.
    homepage_only(write_profile(text.replace(", selected: true", "")), tmp_path / "b")
    index = Page((tmp_path / "b/index.html").read_text("utf-8")).text
    assert "Paper 29" in index and "Paper 20" in index and "Paper 19" not in index and "Recent" in index
    # An explicit setting wins: everything on the index, there without the toggles publications.html has.
    explicit = text.replace(f"{{style: {style}}}", f"{{style: {style}, publications: {{selected_only: false}}}}")
    homepage_only(write_profile(explicit), tmp_path / "c")
    index_html = (tmp_path / "c/index.html").read_text("utf-8")
    assert "Paper 29" in Page(index_html).text and "Paper 0" in Page(index_html).text and "<details" not in index_html
    assert (tmp_path / "c/publications.html").read_text("utf-8").count('<details class="bibtex">') == 30
    # Twenty or fewer papers keep their toggles on the index, and no second page is written.
    homepage_only(write_profile(f"person: {{name: Ada Lovelace}}\nhomepage: {{style: {style}}}\npublications:\n"
                                + _many_papers(20, set())), tmp_path / "d")  # fmt: skip
    assert (tmp_path / "d/index.html").read_text("utf-8").count('<details class="bibtex">') == 20
    assert not (tmp_path / "d/publications.html").exists()


def test_sections_order_and_custom_sections(write_profile, tmp_path):
    profile = write_profile(
        "person: {name: Ada}\n"
        "interests: [engines]\n"
        "talks: [{title: On Engines, event: Royal Society, date: 2020}]\n"
        "sections: [{title: Memberships, entries: ['Member of [RS](https://royalsociety.org)']}]\n"
        "homepage: {sections: [memberships, talks, interests]}\n"
    )
    homepage_only(profile, tmp_path / "out")
    index = (tmp_path / "out/index.html").read_text("utf-8")
    order = [index.index(f'id="{s}"') for s in ("memberships", "talks", "interests")]
    assert order == sorted(order)
    assert '<a href="https://royalsociety.org">RS</a>' in index and "On Engines" in index


def test_variant_links_its_own_cv(tmp_path, monkeypatch):
    report = build(PROFILES / "haoyu-he.yaml", BuildOptions(homepage=True, outdir=tmp_path, variant="short"))
    assert (tmp_path / "cv-short.pdf") in report.outputs
    assert 'href="cv-short.pdf"' in (tmp_path / "index.html").read_text("utf-8")


def test_without_a_cv_pdf_there_is_no_dead_link(tmp_path):
    """The page links a CV only when the same build makes it (never by looking at the disk)."""
    (tmp_path / "cv.pdf").write_bytes(b"%PDF- an old one")
    homepage_only(PROFILES / "haoyu-he.yaml", tmp_path)
    assert "cv.pdf" not in (tmp_path / "index.html").read_text("utf-8")


def test_user_templates_override_the_builtin_ones(tmp_path):
    folder = tmp_path / "p"
    (folder / "tpl/homepage").mkdir(parents=True)
    (folder / "tpl/homepage/style.css").write_text("body { color: rebeccapurple; }\n", encoding="utf-8")
    (folder / "profile.yaml").write_text("person: {name: Ada}\nhomepage: {templates: tpl}\n", encoding="utf-8")
    homepage_only(folder / "profile.yaml", tmp_path / "out")
    assert (tmp_path / "out/style.css").read_text("utf-8") == "body { color: rebeccapurple; }\n"


def test_starter_profile_builds_a_homepage(tmp_path):
    homepage_only(ROOT / "templates/starter/profile.yaml", tmp_path)
    index = (tmp_path / "index.html").read_text("utf-8")
    assert '<a href="mailto:ada@example.org">ada@example.org</a>' in index  # sidebar style: a plain link
    ld = json.loads(next(t for a, t in Page(index).scripts))
    assert "https://orcid.org/0000-0002-1825-0097" in ld["sameAs"]


def test_base_url_gives_absolute_open_graph_canonical_and_feed_links(tmp_path):
    (tmp_path / "me.png").write_bytes(_png(300, 300))
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "person: {name: Ada, photo: me.png}\n"
        "news: [{date: 2024-05, text: Hello}]\n"
        "homepage: {base_url: 'https://ada.example.org', description: Engines and notes.}\n",
        encoding="utf-8",
    )
    homepage_only(profile, tmp_path / "out")
    page = Page((tmp_path / "out/index.html").read_text("utf-8"))
    meta = {a.get("name") or a.get("property"): a.get("content") for t, a in page.tags if t == "meta"}
    assert meta["og:url"] == "https://ada.example.org/" and meta["description"] == "Engines and notes."
    assert meta["og:image"] == "https://ada.example.org/images/me.png"
    assert ("link", {"rel": "canonical", "href": "https://ada.example.org/"}) in page.tags
    feed = (tmp_path / "out/feed.xml").read_text("utf-8")
    assert '<link rel="self" type="application/atom+xml" href="https://ada.example.org/feed.xml"/>' in feed
    assert "<id>https://ada.example.org/</id>" in feed


@pytest.mark.parametrize(
    "style, mode, shown, mailto",
    [
        ("faculty", None, "ada at example dot org", False),
        ("sidebar", None, "ada@example.org", True),
        ("sidebar", "obfuscate", "ada at example dot org", False),
        ("faculty", "link", "ada@example.org", True),
        ("faculty", "hide", None, False),
    ],
)
def test_email_modes_and_lang(tmp_path, cli, style, mode, shown, mailto):
    email = f", email: {mode}" if mode else ""
    path = tmp_path / "p.yaml"
    path.write_text(
        f"person: {{name: Ada, email: ada@example.org}}\nhomepage: {{style: {style}, lang: de{email}}}\n",
        encoding="utf-8",
    )
    code, _, err = cli("build", path, "--homepage", "-o", tmp_path / "out")
    assert code == 0, err
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in html
    assert ("mailto:ada@example.org" in html) == mailto
    if shown:
        assert shown in html
    else:
        assert "ada@example.org" not in html and "ada at example" not in html


def test_a_paper_without_a_short_venue_shows_its_full_venue(tmp_path):
    """Sidebar cards tag papers [VENUE YEAR]; a paper with only `venue_full` must not lose its venue."""
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "person: {name: Ada Lovelace}\n"
        "publications:\n"
        "  - {title: Short Venue Paper, authors: [Ada Lovelace], venue_full: Nature, year: 2023}\n"
        "  - {title: Long Venue Paper, authors: [Ada Lovelace], year: 2021,\n"
        "     venue_full: Proceedings of the National Academy of Sciences}\n",
        encoding="utf-8",
    )
    homepage_only(profile, tmp_path / "site")
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert '<span class="venue-tag">Nature 2023</span>' in index
    assert '<p class="venue"><em>Proceedings of the National Academy of Sciences</em></p>' in index
