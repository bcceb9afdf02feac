"""Hostile text in EVERY field, through EVERY output: printed literally, escaped, never run, never reading.

One profile puts TeX, HTML, CSS and URL payloads into every text field (and links and
paths at a canary file outside the profile folder where a field takes a link or a path).
A canary watched with inotify proves that no process (WeasyPrint in-process, XeLaTeX in a
subprocess) opened it, and its random token is in no output file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from cvgen.engines import weasyprint as compile_pdf
from cvgen.render import templates_root
from tests.conftest import IN_CI, require
from tests.hardening.support import (
    Canary,
    html_problems,
    output_files,
    pdf_body_text,
    squash,
    visible_markdown,
)

MARKERS = ["XSS", "CSSX", "URLX", "TEXX"]


def payloads(canary: Canary, pwned: Path) -> list[str]:
    c, u = canary.path, canary.url
    return [
        # TeX: file reads, shell escape, catcode and macro games
        f"\\input{{{c}}}",
        f"^^5cinput{{{c}}}",
        f"\\immediate\\write18{{touch {pwned}}}",
        "\\catcode`\\@=11 \\makeatletter TEXX1",
        f"\\def\\TEXX{{\\input{{{c}}}}}\\TEXX",
        f"\\openin5={c} \\read5 to \\x",
        f"\\csname input\\endcsname{{{c}}}",
        "$x^2$ & 100% #1 _ ~ {braces} \\\\ \\par --- `` '' ?` !` << TEXX2 >> <% TEXX3 %>",
        # HTML: elements, breaking out of attributes, <style> and <script>
        "<script>alert('XSS1')</script>",
        '" onmouseover="alert(\'XSS2\')" x="',
        "' onerror='alert(XSS3)' x='",
        "</style><script>XSS4()</script>",
        "</script><script>XSS5()</script>",
        f'<img src="{u}" onerror="XSS6()">',
        '<iframe src="javascript:XSS7()"></iframe> <!--XSS8--> ]]> &lt;XSS9&gt; &amp;',
        "{{ XSS10 }} {% raw %}XSS11",
        # CSS that would matter inside a style attribute or element
        f"red; background: url({u}) /* CSSX1 */",
        f"}}</style><style>*{{background:url('{u}')}} CSSX2",
        "expression(CSSX3()) @import url(http://127.0.0.1:9/CSSX4.css);",
        # URL schemes written as text
        f"javascript:alert('URLX1') data:text/html,<script>URLX2</script> {u} vbscript:URLX3",
    ]


class Fields:
    """Builds the profile, remembering where each text went and whether the CV shows it.

    Field n gets a TeX, an HTML and a CSS/URL payload, rotating, so that every field carries
    all three kinds and every payload lands in several fields of each kind (plain, Markdown),
    while each field stays short enough for a CV of a few pages.
    """

    def __init__(self, groups: list[list[str]]):
        self.groups = groups
        self.n = 0
        self.shown: list[tuple[str, str, str]] = []  # (field, value, kind: text|inline|block)
        self.hidden: list[tuple[str, str]] = []
        self.values: dict[str, str] = {}

    def __call__(self, field: str, kind: str = "text", shown: bool = True) -> str:
        self.n += 1
        picked = [group[self.n % len(group)] for group in self.groups]
        value = f"F{self.n:02d} " + " ".join(picked)
        (self.shown.append((field, value, kind)) if shown else self.hidden.append((field, value)))
        self.values[field] = value
        return value


def hostile_profile(folder: Path, canary: Canary, pwned: Path) -> tuple[Path, Fields, dict]:
    every = payloads(canary, pwned)
    f = Fields([every[:8], every[8:16], every[16:]])
    rel = "../canary.txt"  # a relative link is allowed; it must stay a link, never a read
    link = f'https://example.org/"><script>XSS()</script>?u={canary.url}'
    data = {
        "person": {
            "name": f("person.name"),
            "native_name": f("person.native_name"),
            "native_lang": "zh",  # a hostile tag is refused by validation (bad/bad-attributes.yaml)
            "aliases": [f("person.aliases", shown=False)],
            "position": f("person.position"),
            "affiliation": f("person.affiliation"),
            "email": 'a"onmouseover="XSS()"<b>XSS</b>\'@example.org',
            "phone": f("person.phone"),
            "address": f("person.address"),
            "website": link,
            "links": {
                "github": rel,
                '<b>XSS</b> " onclick="x': link,
            },  # javascript: is refused (bad/link-person-links.yaml)
        },
        "bio": f("bio", "block"),
        "interests": [f("interests[0]"), f("interests[1]")],
        "news": [{"date": "2024-03", "text": f("news.text", "inline")}],
        "education": [
            {
                "degree": f("education.degree"),
                "field": f("education.field"),
                "institution": f("education.institution"),
                "location": f("education.location"),
                "start": 2010,
                "end": 2014,
                "advisors": [f("education.advisors")],
                "thesis": f("education.thesis"),
                "note": f("education.note", "inline"),
            }
        ],
        "positions": [
            {
                "title": f("positions.title"),
                "organization": f("positions.organization"),
                "department": f("positions.department"),
                "location": f("positions.location"),
                "start": 2015,
                "note": f("positions.note", "inline"),
            }
        ],
        "awards": [
            {
                "title": f("awards.title"),
                "year": 2020,
                "organization": f("awards.organization"),
                "note": f("awards.note", "inline"),
                "url": rel,
            }
        ],
        "grants": [
            {
                "title": f("grants.title"),
                "agency": f("grants.agency"),
                "role": f("grants.role"),
                "amount": f("grants.amount"),
                "start": 2021,
                "end": 2023,
                "note": f("grants.note", "inline"),
                "url": link,
            }
        ],
        "service": [
            {
                "role": f("service.role"),
                "venue": f("service.venue"),
                "years": "2021-2024",
                "category": f("service.category", shown=False),  # printed capitalized: checked apart
                "url": rel,
            }
        ],
        "teaching": [
            {
                "role": f("teaching.role"),
                "course": f("teaching.course"),
                "code": f("teaching.code"),
                "institution": f("teaching.institution"),
                "year": 2022,
                "note": f("teaching.note", "inline"),
            }
        ],
        "students": [
            {
                "name": f("students.name"),
                "degree": f("students.degree"),
                "start": 2019,
                "end": 2023,
                "now": f("students.now"),
                "url": link,
                "note": f("students.note", "inline"),
            }
        ],
        "talks": [
            {
                "title": f("talks.title"),
                "event": f("talks.event"),
                "location": f("talks.location"),
                "date": "2023-05",
                "url": rel,
            }
        ],
        "publications": [
            {
                "title": f("publications.title"),
                "authors": [f("publications.authors[0]"), "Ada Lovelace*", f("publications.authors[2]")],
                "venue": f("publications.venue"),
                "venue_full": f("publications.venue_full"),
                "year": 2024,
                "type": "journal",
                "note": f("publications.note"),
                "selected": True,
                "links": {"pdf": rel, "code": link, "<b>XSS</b>": "https://example.org"},
                "key": f("publications.key", shown=False),
                "doi": f("publications.doi", shown=False),
                "volume": f("publications.volume"),
                "number": f("publications.number"),
                "pages": f("publications.pages"),
                "publisher": f("publications.publisher", shown=False),
                "extra": f("publications.extra", "inline"),
            }
        ],
        "sections": [
            {
                "title": f("sections.title", shown=False),  # a small-caps heading: checked apart
                "id": "custom",  # a hostile id is refused by validation (bad/bad-attributes.yaml)
                "entries": [f("sections.entries[0]", "inline"), f("sections.entries[1]", "inline")],
            }
        ],
        "homepage": {"title": f("homepage.title", shown=False), "description": f("homepage.description", shown=False)},
    }
    builtin = ["about", "interests", "news", "positions", "education", "awards", "grants", "publications"]
    data["cv"] = {"sections": builtin + ["talks", "teaching", "students", "service", "custom"]}
    profile = folder / "profile.yaml"
    profile.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    return profile, f, data


def harmless(data: dict) -> dict:
    """The same profile with every string made harmless: the baseline page structure."""
    if isinstance(data, dict):
        return {k: harmless(v) for k, v in data.items()}
    if isinstance(data, list):
        return [harmless(v) for v in data]
    if isinstance(data, str) and re.match(r"F\d\d ", data):
        return "plain text"
    if isinstance(data, str) and "XSS" in data:
        return "https://example.org/" if data.startswith("https:") else "plain@example.org"
    return data


@pytest.fixture
def hostile(tmp_path):
    folder = tmp_path / "profile"
    folder.mkdir()
    with Canary(tmp_path) as canary:
        pwned = tmp_path / "PWNED"
        profile, fields, data = hostile_profile(folder, canary, pwned)
        plain = folder / "plain.yaml"
        plain_data = harmless(data)
        plain_data["person"]["links"] = {
            k if "XSS" not in k else "plain": v for k, v in data["person"]["links"].items()
        }
        plain_data["person"]["links"] = harmless(plain_data["person"]["links"])
        plain.write_text(yaml.safe_dump(plain_data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        yield {"folder": folder, "profile": profile, "plain": plain, "fields": fields, "canary": canary, "pwned": pwned}
        assert not pwned.exists(), "a payload ran a shell command"


def expected_visible(value: str, kind: str) -> str:
    return value if kind == "text" else visible_markdown(value, inline=kind == "inline")


def test_weasyprint_cv_and_html(hostile, tmp_path, cli, monkeypatch):
    """The default engine: every payload printed literally in the PDF, escaped in the HTML, nothing fetched."""
    fetched: list[str] = []
    original = compile_pdf._fetcher_class

    def spying():
        class Spy(original()):
            def fetch(self, url, headers=None):  # noqa: ANN001
                fetched.append(url)
                return super().fetch(url, headers)

        return Spy

    monkeypatch.setattr(compile_pdf, "_fetcher_class", spying)
    out = tmp_path / "out"
    code, _, err = cli("build", hostile["profile"], "--pdf", "--html", "-o", out)
    assert code == 0, err
    canary, fields = hostile["canary"], hostile["fields"]
    canary.assert_untouched(out)
    allowed = (templates_root().resolve().as_uri(), hostile["folder"].resolve().as_uri())
    assert all(u.startswith(allowed) or u.startswith("data:") for u in fetched), fetched
    assert not [u for u in fetched if "canary" in u]

    text = pdf_body_text(out / "cv.pdf", fields.values["person.name"])
    missing = [field for field, value, kind in fields.shown if squash(expected_visible(value, kind)) not in text]
    assert not missing, f"not printed literally: {missing}"
    assert squash("<b>XSS</b>") in text  # link labels from the profile's keys
    # two fields the CV restyles: the service category (capitalized), a section title (small caps)
    for field in ("service.category", "sections.title"):
        assert squash(fields.values[field]).lower() in text.lower(), field

    page = (out / "cv.html").read_text(encoding="utf-8")
    assert cli("build", hostile["plain"], "--html", "-o", tmp_path / "plain")[0] == 0
    baseline = (tmp_path / "plain" / "cv.html").read_text(encoding="utf-8")
    assert html_problems(page, MARKERS, baseline) == []
    # the printed CV curls quotes and keeps names whole (cvgen/text/typography.py): compared as typed
    typed = page.translate(
        {0x2018: "&#39;", 0x2019: "&#39;", 0x201C: "&#34;", 0x201D: "&#34;", 0xA0: " ", 0x2060: None}
    )
    not_escaped = [field for field, value, kind in fields.shown if kind == "text" and str(escape(value)) not in typed]
    assert not not_escaped, f"not escaped as text in cv.html: {not_escaped}"


def test_latex_cv(hostile, tmp_path, cli):
    """The TeX route (source and compiled PDF): payloads printed, no file read, no command run."""
    out = tmp_path / "out"
    code, _, err = cli("build", hostile["profile"], "--tex", "-o", out)
    assert code == 0, err
    hostile["canary"].assert_untouched(out)
    require("latexmk", "apt-get install latexmk texlive-xetex texlive-fonts-recommended")
    code, _, err = cli("build", hostile["profile"], "--engine", "latex", "--pdf", "-o", out)
    assert code == 0, err
    hostile["canary"].assert_untouched(out)
    fields = hostile["fields"]
    text = pdf_body_text(out / "cv.pdf", fields.values["person.name"])
    missing = [field for field, value, kind in fields.shown if squash(expected_visible(value, kind)) not in text]
    assert not missing, f"not printed literally by TeX: {missing}"


def test_homepage(hostile, tmp_path, cli):
    """Every page and file of the site: no markup, script, style or link from the profile; JSON-LD and
    XML still parse; the canary never read."""
    out, plain = tmp_path / "out", tmp_path / "plain"
    code, _, err = cli("build", hostile["profile"], "--homepage", "-o", out)
    assert code == 0, err
    hostile["canary"].assert_untouched(out)
    assert cli("build", hostile["plain"], "--homepage", "-o", plain)[0] == 0
    pages = [p for p in output_files(out) if p.suffix == ".html"]
    assert pages
    for page in pages:
        twin = plain / page.relative_to(out)
        baseline = twin.read_text(encoding="utf-8") if twin.exists() else None
        problems = html_problems(page.read_text(encoding="utf-8"), MARKERS, baseline)
        assert problems == [], f"{page.name}: {problems}"
    for path in output_files(out):
        if path.suffix in (".xml", ".svg"):
            root = ET.fromstring(path.read_bytes())  # profile text cannot break the document
            assert not [e.tag for e in root.iter() if any(m in str(e.tag) for m in MARKERS)]
        if path.suffix == ".css":
            assert not any(m in path.read_text(encoding="utf-8") for m in MARKERS)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert str(escape(hostile["fields"].values["person.name"])) in index


# --------------------------------------------------------------------------- paths at the canary


def path_routes(folder: Path, canary: Canary) -> dict[str, str]:
    """Ways a path field can point at the canary; the symlinks are made inside the profile folder."""
    (folder / "link.png").symlink_to(canary.path)
    (folder / "dir").symlink_to(canary.path.parent, target_is_directory=True)
    return {
        "dotdot": "../canary.txt",
        "absolute": str(canary.path),
        "url": canary.url,
        "symlink": "link.png",
        "symlinked-folder": "dir/canary.txt",
    }


@pytest.mark.parametrize("field", ["photo", "thumbnail", "bibtex", "cv.templates", "homepage.templates"])
def test_path_fields_never_reach_the_canary(field, tmp_path, cli):
    folder = tmp_path / "p"
    folder.mkdir()
    with Canary(tmp_path) as canary:
        for route, value in path_routes(folder, canary).items():
            data: dict = {"person": {"name": "Ada Lovelace"}}
            if field == "photo":
                data["person"]["photo"] = value
            elif field == "thumbnail":
                data["publications"] = [{"title": "T", "thumbnail": value}]
            elif field == "bibtex":
                data["publications"] = [{"bibtex": value}]
            else:
                data[field.split(".")[0]] = {"templates": value}
            profile = folder / f"{route}.yaml"
            profile.write_text(yaml.safe_dump(data), encoding="utf-8")
            code, _, err = cli("build", profile, "--pdf", "-o", tmp_path / "out")
            assert code == 1, (route, err)
            assert "Traceback" not in err and f"{profile}:" in err, (route, err)
            assert not (tmp_path / "out").exists(), "a refused profile wrote files"
            assert not canary.opened(), route


# --------------------------------------------------------------------------- hostile user templates


TEMPLATE_ATTACKS = {
    "img-file-url": '<img src="{url}">',
    "img-relative": '<img src="../canary.txt">',
    "stylesheet-remote": '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
    "stylesheet-file": '<link rel="stylesheet" href="{url}">',
    "css-import": "<style>@import url('{url}');</style>",
    "css-background": "<style>body {{ background: url('{url}') }}</style>",
    "font-face": "<style>@font-face {{ font-family: X; src: url('{url}') }} p {{ font-family: X }}</style>",
    "object-data": '<object data="{url}" type="image/png"></object>',
    "embed-src": '<embed src="{url}" type="image/png">',
    "attachment": '<link rel="attachment" href="{url}">',
    "symlink-in-templates": '<img src="leak.png">',
    "device": '<img src="file:///dev/zero">',
}


@pytest.mark.parametrize("attack", TEMPLATE_ATTACKS)
def test_hostile_user_template_is_refused_by_the_fetcher(attack, tmp_path, cli):
    """A template override (cv.templates) may pull nothing from outside: the build fails, says
    `blocked`, reads nothing and writes no PDF."""
    folder = tmp_path / "p"
    (folder / "tpl" / "cv").mkdir(parents=True)
    with Canary(tmp_path) as canary:
        (folder / "leak.png").symlink_to(canary.path)  # base URL: the profile folder
        body = TEMPLATE_ATTACKS[attack].format(url=canary.url)
        (folder / "tpl" / "cv" / "cv.html.j2").write_text(
            f"<html><head>{body if 'style' in body else ''}</head><body><p>{{{{ doc.name }}}}</p>"
            f"{'' if 'style' in body else body}</body></html>",
            encoding="utf-8",
        )
        (folder / "p.yaml").write_text("person: {name: Ada Lovelace}\ncv: {templates: tpl}\n", encoding="utf-8")
        code, _, err = cli("build", folder / "p.yaml", "--pdf", "-o", tmp_path / "out")
        assert code == 1, err
        assert err.startswith("error: PDF engine") and "blocked" in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
        assert not (tmp_path / "out" / "cv.pdf").exists()
        assert not canary.opened()


def test_user_template_can_use_files_inside_the_profile_folder(tmp_path, cli):
    """The confinement is not a blanket refusal: an image inside the profile folder prints."""
    folder = tmp_path / "p"
    (folder / "tpl" / "cv").mkdir(parents=True)
    from PIL import Image

    Image.new("RGB", (8, 8), "red").save(folder / "dot.png")
    (folder / "tpl" / "cv" / "cv.html.j2").write_text(
        '<html><body><p>{{ doc.name }}</p><img src="dot.png"></body></html>', encoding="utf-8"
    )
    (folder / "p.yaml").write_text("person: {name: Ada Lovelace}\ncv: {templates: tpl}\n", encoding="utf-8")
    code, _, err = cli("build", folder / "p.yaml", "--pdf", "-o", tmp_path / "out")
    assert code == 0, err


def test_user_template_cannot_run_python(tmp_path, cli):
    """A template is part of the (untrusted) profile folder: it must not reach Python's internals."""
    folder = tmp_path / "p"
    (folder / "tpl" / "cv").mkdir(parents=True)
    marker = tmp_path / "PWNED"
    (folder / "tpl" / "cv" / "cv.html.j2").write_text(
        "<html><body>{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}</body></html>",
        encoding="utf-8",
    )
    (folder / "p.yaml").write_text("person: {name: Ada Lovelace}\ncv: {templates: tpl}\n", encoding="utf-8")
    code, _, err = cli("build", folder / "p.yaml", "--html", "-o", tmp_path / "out")
    assert not marker.exists(), "the template ran a shell command"
    assert code == 1 and "Traceback" not in err


def test_user_template_include_cannot_follow_a_symlink_out(tmp_path, cli):
    folder = tmp_path / "p"
    (folder / "tpl" / "cv").mkdir(parents=True)
    with Canary(tmp_path) as canary:
        (folder / "tpl" / "cv" / "part.html").symlink_to(canary.path)
        (folder / "tpl" / "cv" / "cv.html.j2").write_text(
            '<html><body>{% include "cv/part.html" %}</body></html>', encoding="utf-8"
        )
        (folder / "p.yaml").write_text("person: {name: Ada Lovelace}\ncv: {templates: tpl}\n", encoding="utf-8")
        code, _, err = cli("build", folder / "p.yaml", "--html", "-o", tmp_path / "out")
        assert not canary.opened(), "the template loader read a file outside the profile folder"
        assert code == 1 and "Traceback" not in err


# --------------------------------------------------------------------------- the instruments themselves


def test_the_canary_notices_a_reader(tmp_path):
    """inotify sees an open from another process; otherwise "not opened" would prove nothing."""
    import subprocess
    import sys

    if not sys.platform.startswith("linux"):
        if IN_CI:
            pytest.fail("CI runs on Linux; the canary needs inotify")
        pytest.skip("inotify is Linux only")
    with Canary(tmp_path) as canary:
        assert not canary.opened()
        subprocess.run(["cat", str(canary.path)], capture_output=True, check=True)
        assert canary.opened()


@pytest.mark.parametrize(
    "page",
    [
        "<p>x</p><script>alert('XSS')</script>",
        '<p title="" onmouseover="XSS()">x</p>',
        '<a href="javascript:XSS()">x</a>',
        '<a href=" JaVaScRiPt:alert(1)">x</a>',
        '<div style="color: red; background: url(CSSX)">x</div>',
        "<style>p { color: red } CSSX</style>",
        '<script type="application/ld+json">{"name": "</script><script>XSS()</script>"}</script>',
        "<p><b XSS>x</b></p>",
    ],
)
def test_the_html_checker_catches_breakouts(page):
    assert html_problems(page, MARKERS, "<p>x</p>") != []


def test_the_html_checker_accepts_escaped_text():
    page = '<p title="&quot; onmouseover=&quot;XSS()">&lt;script&gt;XSS&lt;/script&gt;</p><a href="https://x.org/?a=1">x</a>'
    assert html_problems(page, MARKERS, "<p>x</p>") == []
