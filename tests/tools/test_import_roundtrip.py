"""Import -> build -> every entry is in the CV: each title, and as many rows per section as the import counted."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from cvgen.build import BuildOptions, build
from cvgen.profile.source import read_profile
from cvgen.tools.importers import import_path

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
SOURCES = ["rendercv-seismologist.yaml", "rendercv.yaml", "jsonresume-researcher.json", "alfolio", "academicpages"]
_SECTION_RX = re.compile(r'<section class="cv-section[^"]*" id="([^"]+)">(.*?)</section>', re.S)
# What names each entry of a section, as the CV prints it.
_NAMES = {"positions": "title", "education": "degree", "awards": "title", "grants": "title", "service": "role",
          "teaching": "course", "students": "name", "talks": "title"}  # fmt: skip


def visible(page: str) -> str:
    """The text of an HTML page as a reader sees it (tags off, entities decoded, no-break spaces plain)."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    text = text.replace("\u00a0", " ").replace("\u2060", "").replace("\u00ad", "")
    return " ".join(text.split())


def imported(name: str, tmp: Path) -> Path:
    """Import the test source `name` (a site is copied first) into a profile written next to it."""
    src = DATA / name
    if src.is_dir():
        src = Path(shutil.copytree(src, tmp / name))
        out = src / "profile.yaml"
    else:
        out = tmp / "profile.yaml"
    out.write_text(import_path(src, out).yaml(), encoding="utf-8")
    return out


@pytest.mark.parametrize("name", SOURCES)
def test_import_then_build_keeps_every_entry(name, tmp_path):
    profile_path = imported(name, tmp_path)
    source = read_profile(profile_path)
    build(profile_path, BuildOptions(html=True, tex=True, outdir=tmp_path / "out"))
    page = (tmp_path / "out" / "cv.html").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "cv.tex").stat().st_size > 0
    rows = {sid: body.count('class="row"') for sid, body in _SECTION_RX.findall(page)}
    profile = source.profile
    expected = {s: len(getattr(profile, s)) for s in _NAMES if getattr(profile, s)}
    expected.update({s.section_id(): len(s.entries) for s in profile.sections})
    if source.publications:
        expected["publications"] = len(source.publications)
    shown = profile.cv.sections or list(expected)  # no order: every section with entries, free sections last
    for section, n in expected.items():
        if section in shown:
            assert rows.get(section) == n, (section, rows)
    assert set(expected) <= set(shown) | {"news"}, "an imported section the CV does not show"
    text = visible(page)
    for pub in source.publications:
        assert " ".join((pub.title or "").split()) in text, pub.title
    for section, field in _NAMES.items():
        for entry in getattr(profile, section):
            assert " ".join(str(getattr(entry, field)).split()) in text, (section, getattr(entry, field))


def test_homepage_of_an_imported_site_lists_every_paper(tmp_path):
    profile_path = imported("alfolio", tmp_path)
    source = read_profile(profile_path)
    build(profile_path, BuildOptions(homepage=True, outdir=tmp_path / "site"))
    pages = " ".join(visible(p.read_text(encoding="utf-8")) for p in (tmp_path / "site").glob("*.html"))
    assert len(source.publications) == 6
    for pub in source.publications:
        assert pub.title and pub.title in pages, pub.title
    for item in source.profile.news:
        assert visible(item.text).split(" ")[0] in pages
