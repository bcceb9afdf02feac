"""The WeasyPrint CV: content by extracted text, metadata, outline, fonts. Never bytes."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from cvgen.profile.source import read_profile
from tests.conftest import PROFILES, pdf_fonts, pdf_text

SEEDS = ["gao-huang", "haoyu-he"]


# The printed CV sets typographic quotes (cvgen/text/typography.py) and keeps names whole with word joiners.
_AS_TYPED = {0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"', 0x2060: None}


def squash(text: str) -> str:
    """Compare modulo line breaks, ligatures and typographic quotes: drop whitespace, NFKC."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(_AS_TYPED))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each seed profile built once, full and short."""
    from cvgen.cli import main

    out = {}
    for name in SEEDS:
        for variant in (None, "short"):
            folder = tmp_path_factory.mktemp(f"{name}-{variant or 'full'}")
            args = ["build", str(PROFILES / f"{name}.yaml"), "--pdf", "-o", str(folder)]
            if variant:
                args += ["--variant", variant]
            assert main(args) == 0
            out[(name, variant)] = folder / (f"cv-{variant}.pdf" if variant else "cv.pdf")
    return out


@pytest.mark.parametrize("name", SEEDS)
def test_every_entry_of_the_seed_is_in_the_pdf(built, name):
    source = read_profile(PROFILES / f"{name}.yaml")
    text = squash(pdf_text(built[(name, None)]))
    p = source.profile
    expected = (
        [pub.title for pub in source.publications]
        + [a.title for a in p.awards]
        + [s.role for s in p.service]
        + [s.venue for s in p.service if s.venue]
        + [t.course for t in p.teaching]
        + [e.institution for e in p.education]
        + [x.organization for x in p.positions]
        + [p.person.name]
    )
    missing = [e for e in expected if squash(e) not in text]
    assert not missing, f"not in the PDF text: {missing}"
    # every author of every paper, with the equal-contribution marks
    for pub in source.publications:
        for author in pub.authors:
            assert squash(author.replace("†", "")) in text, author
    has_equal = any(a.rstrip("†").endswith("*") for pub in source.publications for a in pub.authors)
    assert ("*equalcontribution" in text) == has_equal


@pytest.mark.parametrize("name, pages", [("gao-huang", (4, 8)), ("haoyu-he", (1, 3))])
def test_page_count_and_metadata(built, name, pages):
    reader = PdfReader(built[(name, None)])
    assert pages[0] <= len(reader.pages) <= pages[1]
    meta = reader.metadata
    person = read_profile(PROFILES / f"{name}.yaml").profile.person
    assert meta.title == f"{person.name} – Curriculum Vitae"
    assert meta.author == person.name
    assert "curriculum vitae" in meta["/Keywords"]
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Publications" in outline and "Education" in outline
    text = pdf_text(built[(name, None)])
    assert f"Page 1 of {len(reader.pages)}" in text
    assert f"{person.name} — Curriculum Vitae" in text  # running header from page 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4


@pytest.mark.parametrize("name", SEEDS)
def test_short_variant_is_two_pages_of_selected_work(built, name):
    reader = PdfReader(built[(name, "short")])
    assert len(reader.pages) <= 2
    source = read_profile(PROFILES / f"{name}.yaml")
    text = squash(pdf_text(built[(name, "short")]))
    for pub in source.publications:
        assert (squash(pub.title) in text) == pub.selected, pub.title


def test_links_are_clickable(built):
    reader = PdfReader(built[("haoyu-he", None)])
    uris = {
        a.get_object()["/A"]["/URI"]
        for page in reader.pages
        for a in page.get("/Annots", []) or []
        if "/A" in a.get_object() and "/URI" in a.get_object()["/A"]
    }
    assert (
        "https://arxiv.org/abs/2311.17352" in uris
        and "https://github.com/ziplab/SPT" in uris
        or any("github.com/ziplab" in u for u in uris)
    )


def test_cjk_name_has_real_glyphs(built):
    text = pdf_text(built[("gao-huang", None)])
    assert "黄高" in text
    assert "Noto" in pdf_fonts(built[("gao-huang", None)]) and "CJK" in pdf_fonts(built[("gao-huang", None)])


WORLD = """\
person:
  name: "Nguyễn Thị Minh Khai"
  native_name: 王小明
  aliases: ["Łukasz Żółć"]
  position: "R&D lead {50%} #1 $5 ~home ^up_under \\\\back <tag> \\"q\\" 'a' `tick` -- --- |pipe|"
bio: |
  **Bold** and *italic* and [a link](https://example.org/a_b?c=1&d=%20#e) and `code`.

  <script>alert(1)</script> stays text.
interests: ["Ελληνικά: αβγ", "Polski: zażółć gęślą jaźń", "Tiếng Việt: đường", "Русский: ёж"]
publications:
  - title: "\\\\input{/etc/hostname} & 100% of $x^2$ #hash_tag ~ {braces}"
    authors: ["Nguyễn Thị Minh Khai*", "Łukasz Żółć*", "Σωκράτης Παπαδόπουλος†", "山田太郎"]
    year: 2024
    venue: "Ω-Conf"
    note: "Best Paper <Award>"
sections:
  - title: Extra
    entries: ["Plain **strong** [link](https://example.org/x~y) <b>not bold</b>"]
cv: {sections: [interests, publications, extra, about]}
"""


def test_any_script_and_special_characters_survive_literally(write_profile, tmp_path, cli):
    path = write_profile(WORLD)
    code, _, err = cli("build", path, "--pdf", "--html", "-o", tmp_path / "out")
    assert code == 0, err
    text = squash(pdf_text(tmp_path / "out" / "cv.pdf"))
    for literal in [
        "Nguyễn Thị Minh Khai",
        "王小明",
        "Łukasz Żółć",
        "Σωκράτης Παπαδόπουλος",
        "山田太郎",
        "R&D lead {50%} #1 $5 ~home ^up_under \\back <tag> \"q\" 'a' `tick` -- --- |pipe|",
        "Ελληνικά: αβγ",
        "zażółć gęślą jaźń",
        "Tiếng Việt: đường",
        "Русский: ёж",
        "\\input{/etc/hostname} & 100% of $x^2$ #hash_tag ~ {braces}",
        "Best Paper <Award>",
        "<script>alert(1)</script> stays text.",
        "<b>not bold</b>",
        "Ω-Conf",
    ]:
        assert squash(literal) in text, literal
    assert squash("Bold and italic and a link and code.") in text
    html = (tmp_path / "out" / "cv.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>not bold" not in html
    # the space before the link sits inside it (cvgen/text/html.py: spaces_inside_elements)
    assert '<a href="https://example.org/a_b?c=1&amp;d=%20#e"> a link</a>' in html
    assert "<strong>Bold</strong>" in html
    fonts = pdf_fonts(tmp_path / "out" / "cv.pdf")
    assert "CJK" in fonts


def test_letter_paper_and_font_size(write_profile, tmp_path, cli):
    path = write_profile("person: {name: A}\ncv: {paper: letter, font_size: 11}\ninterests: [x]\n")
    assert cli("build", path, "--pdf", "-o", tmp_path)[0] == 0
    box = PdfReader(tmp_path / "cv.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_weasyprint_reads_no_file_outside_the_profile_folder(tmp_path, cli):
    """A hostile user template cannot pull /etc/passwd or a sibling file into the PDF."""
    secret = tmp_path / "secret.txt"
    secret.write_text("CANARY-SECRET", encoding="utf-8")
    folder = tmp_path / "p"
    (folder / "tpl" / "cv").mkdir(parents=True)
    (folder / "tpl" / "cv" / "cv.html.j2").write_text(
        f'<html><body><p>hi</p><img src="file://{secret}"><img src="../secret.txt">'
        '<img src="https://example.org/x.png"><object data="/etc/passwd"></object></body></html>',
        encoding="utf-8",
    )
    (folder / "p.yaml").write_text("person: {name: A}\ncv: {templates: tpl}\n", encoding="utf-8")
    code, _, err = cli("build", folder / "p.yaml", "--pdf", "-o", tmp_path / "out")
    assert code == 1 and "blocked" in err and "Traceback" not in err
    assert not (tmp_path / "out" / "cv.pdf").exists()


def test_missing_image_fails_the_build(tmp_path, cli):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "p.yaml").write_text(
        "person: {name: A, photo: me.png}\npublications: [{title: T, thumbnail: t.png}]\n", encoding="utf-8"
    )
    code, _, err = cli("build", folder / "p.yaml", "--pdf", "-o", tmp_path / "out")
    assert code == 1
    assert "p.yaml:1:" in err and "person.photo: no file 'me.png'" in err
    assert "publications[0].thumbnail: no file 't.png'" in err


def test_symlink_leaving_the_folder_is_refused(tmp_path, cli):
    folder = tmp_path / "p"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes(b"x")
    (folder / "me.png").symlink_to(tmp_path / "outside.png")
    (folder / "p.yaml").write_text("person: {name: A, photo: me.png}\n", encoding="utf-8")
    code, _, err = cli("validate", folder / "p.yaml")
    assert code == 1 and "leads outside the profile's folder" in err


def test_pdf_bytes_are_reproducible(write_profile, tmp_path, cli, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    path = write_profile("person: {name: A}\ninterests: [x]\n")
    cli("build", path, "--pdf", "-o", tmp_path / "a")
    cli("build", path, "--pdf", "-o", tmp_path / "b")
    assert (tmp_path / "a" / "cv.pdf").read_bytes() == (tmp_path / "b" / "cv.pdf").read_bytes()


def test_validate_does_not_import_weasyprint(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys; from cvgen.cli import main; "
        f"rc = main(['validate', {str(PROFILES / 'gao-huang.yaml')!r}]); "
        "assert 'weasyprint' not in sys.modules, 'weasyprint imported'; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_path_helper_is_not_empty():
    assert Path(PROFILES / "images").is_dir()
