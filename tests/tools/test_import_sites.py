"""`cvgen import SITE/`: al-folio and academicpages site folders (tests/data/import/alfolio, .../academicpages)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cvgen.profile.load import load_text
from cvgen.profile.source import read_profile
from cvgen.profile.validate import validate
from cvgen.tools.importers import import_path

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
ALFOLIO = DATA / "alfolio"
ACADEMICPAGES = DATA / "academicpages"


def site_copy(src: Path, tmp: Path) -> Path:
    dst = tmp / src.name
    shutil.copytree(src, dst)
    return dst


def imported_into(site: Path):
    """Import `site` into `site/profile.yaml`, as the README says; the profile, resolved."""
    out = site / "profile.yaml"
    result = import_path(site, out)
    out.write_text(result.yaml(), encoding="utf-8")
    return result, read_profile(out)


@pytest.fixture(scope="module")
def alfolio(tmp_path_factory):
    return imported_into(site_copy(ALFOLIO, tmp_path_factory.mktemp("alfolio")))


@pytest.fixture(scope="module")
def academicpages(tmp_path_factory):
    return imported_into(site_copy(ACADEMICPAGES, tmp_path_factory.mktemp("academicpages")))


# ---------------------------------------------------------------- al-folio
def test_alfolio_person_and_pages(alfolio):
    result, source = alfolio
    person = source.profile.person
    assert (person.name, person.email, str(person.website)) == ("Priya Raman", "priya.raman@example.io",
                                                                 "https://praman.example.io/")  # fmt: skip
    assert person.affiliation == "Department of Earth Sciences, University of Northfield."
    assert person.address == "Room 214, Hall of Geology, 100 Campus Drive, Northfield, MN 55057"
    assert person.photo == "assets/img/prof_pic.jpg"
    assert person.links["google_scholar"] == "https://scholar.google.com/citations?user=BBBBBBBBBBBB"
    assert person.links["orcid"] == "0000-0001-5109-3700" and "cv_pdf" not in person.links
    bio = source.profile.bio or ""
    assert "**data-driven seismology**" in bio and "[join page](/join/)" in bio and "{%" not in bio
    assert any("Liquid tag(s) of the site left out" in x for x in result.changed)
    assert [n.text.split(" ")[0] for n in source.profile.news] == ["Our", "Field", "Started"]
    assert any("announcement_2.md: the body of the news post" in x for x in result.dropped)


def test_alfolio_says_what_it_found(alfolio):
    result, _ = alfolio
    found = result.found[0]
    assert found.startswith("an al-folio site in ")
    for part in ("_config.yml", "_data/socials.yml", "_pages/about.md", "_news/ (3 items)", "_data/cv.yml (8 sections)",
                 "_bibliography/papers.bib (6 publications)", "assets/json/resume.json (the theme's sample)"):  # fmt: skip
        assert part in found, part


def test_alfolio_cv_yml_every_type(alfolio):
    result, source = alfolio
    p = source.profile
    assert [(e.degree, str(e.start), str(e.end), e.thesis, e.advisors) for e in p.education] == [
        ("PhD in Geophysics", "2019", "2023", "Ocean-bottom seismology with learned phase pickers", ["Ingrid K. Solberg"]),
        ("BSc in Physics", "2015", "2019", None, []),
    ]  # fmt: skip
    assert [(x.title, str(x.end)) for x in p.positions] == [("Research Scientist", "present"),
                                                            ("Visiting Researcher", "2022")]  # fmt: skip
    # a time_table row with `items` gives one award per item; its year range is kept
    assert [(a.title, str(a.year), a.note) for a in p.awards] == [
        ("Graduate Research Fellowship (National Science Agency)", "2021", "2021–2023"),
        ("Outstanding Student Presentation Award (AGU)", "2022", None),
        ("Departmental Teaching Award", "2022", None),
    ]
    assert p.interests == ["Seismology: Ambient noise; Ice quakes", "Machine learning: Self-supervised learning"]
    assert [(s.role, s.venue) for s in p.service] == [
        ("Reviewer", "Seismological Research Letters, Geophysical Journal International"),
        ("Co-organiser", "Northfield Seismology Seminar")]  # fmt: skip
    sections = {s.title: s.entries for s in p.sections}
    assert sections["General Information"] == ["**Languages:** English, Tamil, German (basic)"]  # Full Name: the person
    assert sections["Other Interests"] == ["Hobbies: Bouldering, sourdough"]  # <u>...</u> made text
    assert sections["Projects"] == ["**QuakeIO**: fast reading of seismic archives"]
    assert all(c.unaccounted == 0 for c in result.counts)


def test_alfolio_bib_is_referenced_not_copied(alfolio):
    result, source = alfolio
    assert [x.model_dump(exclude_defaults=True) for x in source.profile.publications] == [
        {"bibtex": "_bibliography/papers.bib"}
    ]
    titles = [p.title for p in source.publications]
    assert "A Preprint with 100% Recall & #1 Rank on Under_Score Benchmarks" in titles  # fault 9
    assert "Robust k-Means Clustering of Seismic Noise Sources" in titles  # fault 9: JATS
    count = next(c for c in result.counts if c.source == "_bibliography/papers.bib")
    assert count.received == 6 and sum(count.placed.values()) == len(source.publications) == 6
    thumb = next(p for p in source.publications if p.key == "raman2025icequakes").thumbnail
    assert thumb == "assets/img/publication_preview/das.png"
    assert not result.check  # written into the site: every path resolves


def test_alfolio_theme_samples_are_skipped(alfolio):
    result, source = alfolio
    assert any("assets/json/resume.json: it names 'Albert Einstein', not 'Priya Raman'" in x for x in result.skipped)
    assert "Nobel" not in Path(source.loaded.file).read_text(encoding="utf-8")
    assert any("_posts/: 1 blog post(s)" in x for x in result.skipped)


def test_alfolio_scholar_names_become_aliases_only_when_they_name_the_owner(tmp_path):
    site = site_copy(ALFOLIO, tmp_path)
    config = site / "_config.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("first_name: [Priya, P.]", "first_name: [Priya, P., Priyanka]"), encoding="utf-8")
    result = import_path(site, site / "profile.yaml")
    assert result.data["person"]["aliases"] == ["Priyanka Raman"]
    assert "person.aliases: 'Priyanka Raman', from _config.yml scholar names" in result.changed
    config.write_text(text.replace("last_name: [Raman]", "last_name: [Einstein]"), encoding="utf-8")
    result = import_path(site, site / "profile.yaml")
    assert "aliases" not in result.data["person"]
    assert any("scholar names 'Einstein' do not name 'Priya Raman'" in x for x in result.skipped)


def test_alfolio_resume_json_of_the_owner_adds_what_is_missing(tmp_path):
    site = site_copy(ALFOLIO, tmp_path)
    (site / "assets/json/resume.json").write_text(
        '{"basics": {"name": "Priya Raman"}, "work": [{"name": "X", "position": "Y", "startDate": "2020"}],'
        ' "volunteer": [{"organization": "Seismology Society", "position": "Board member", "startDate": "2024"}]}',
        encoding="utf-8",
    )
    result = import_path(site, site / "profile.yaml")
    assert [s["role"] for s in result.data["service"]] == ["Reviewer", "Co-organiser"]  # cv.yml gave service
    assert any("assets/json/resume.json: positions (1): the site's own files already give positions" in x
               for x in result.skipped)  # fmt: skip
    lines = [c.line() for c in result.counts if c.source.startswith("assets/json/resume.json")]
    assert "assets/json/resume.json: work: 1 in -> 1 skipped" in lines


def test_alfolio_photo_and_bib_outside_the_output_folder_are_reported(tmp_path):
    result = import_path(ALFOLIO, tmp_path / "elsewhere" / "profile.yaml")
    assert sum("write the profile there" in x for x in result.check) == 2


# ---------------------------------------------------------------- academicpages
def test_academicpages_person_and_pages(academicpages):
    result, source = academicpages
    person = source.profile.person
    assert (person.name, person.position, person.affiliation, person.address) == (
        "Chidi Okafor", "Postdoctoral researcher in geomicrobiology", "University of Northfield", "Northfield, MN")  # fmt: skip
    assert person.photo == "images/profile.png"
    assert person.links == {"google_scholar": "https://scholar.google.com/citations?user=CCCCCCCCCCCC",
                            "orcid": "https://orcid.org/0000-0003-0000-0001", "github": "https://github.com/cokafor",
                            "linkedin": "https://www.linkedin.com/in/chidi-okafor"}  # fmt: skip
    assert "**microbial mats**" in (source.profile.bio or "")
    assert any("author.pronouns ('he/him')" in x for x in result.dropped)


def test_academicpages_publications(academicpages):
    result, source = academicpages
    pubs = {p.title: p for p in source.publications}
    assert set(pubs) == {
        "Microbial Mats Record Earthquake Shaking", "Biosignatures of Hot-Spring Mats across a Temperature Gradient",
        "Fault-Zone Metagenomes from Deep Boreholes", "Deep Life Responds to Seismic Stress",
        "Microbial Ecology of Alkaline Springs",
    }  # fmt: skip
    assert pubs["Microbial Mats Record Earthquake Shaking"].type == "preprint"  # category preprints -> its title
    assert pubs["Microbial Mats Record Earthquake Shaking"].authors == ["C. Okafor", "P. Raman"]  # from the citation
    assert pubs["Biosignatures of Hot-Spring Mats across a Temperature Gradient"].extra == (
        "Lipid biosignatures change abruptly at 68 °C.")  # fmt: skip
    merged = pubs["Fault-Zone Metagenomes from Deep Boreholes"]  # page + .bib entry: one paper, the .bib's authors
    assert merged.authors == ["Chidi Okafor", "Ana Lima", "Jonas Albrecht"] and merged.type == "conference"
    assert merged.links["slides"] == "https://example.org/goldschmidt-slides.pdf"
    assert merged.venue_full == "Goldschmidt Conference"
    assert pubs["Deep Life Responds to Seismic Stress"].type == "journal"  # no category: guessed from PNAS, reported
    assert any("2025-01-15-proceedings-pnas.md: type 'journal' from the venue" in x for x in result.guessed)
    assert any("files/bibtex1.bib: the .bib file of the theme's sample" in x for x in result.skipped)
    assert any("Paper Title Number 1" in x for x in result.skipped)


def test_academicpages_talks_and_teaching(academicpages):
    result, source = academicpages
    p = source.profile
    assert [(t.title, t.event, str(t.date)) for t in p.talks] == [
        ("What Microbes Remember about Earthquakes", "Geology Department Seminar, University of Northfield",
         "2023-10-12"),
        ("Seismic Signals in Microbial Mats", "AGU Fall Meeting (Poster)", "2024-12-10"),
    ]  # fmt: skip
    assert [(t.course, t.institution, str(t.year)) for t in p.teaching] == [
        ("Geomicrobiology (BIOL 355)", "University of Northfield, Department of Biology", "2022"),
        ("Field Methods Summer School", "Deep Life Observatory", "2024"),
    ]
    assert "ran the weekly lab sections" in (p.teaching[0].note or "")
    counts = [c.line() for c in result.counts]
    assert "_talks/: 3 in -> 2 talks, 1 skipped" in counts and "_teaching/: 3 in -> 2 teaching, 1 skipped" in counts
    assert "_publications/: 5 in -> 1 publications (preprint), 2 publications (journal), " \
           "1 publications (conference), 1 skipped" in counts  # fmt: skip


# ---------------------------------------------------------------- the command line
def test_cli_imports_a_site_folder(cli, tmp_path):
    site = site_copy(ACADEMICPAGES, tmp_path)
    code, out, err = cli("import", site, "-o", site / "profile.yaml")
    assert code == 0, err
    assert "found: an academicpages site in" in err and "count: _talks/: 3 in -> 2 talks, 1 skipped" in err
    code, _, err = cli("validate", site / "profile.yaml")
    assert code == 0, err
    code, _, err = cli("import", site, "-o", site / "p2.yaml", "--strict")
    assert code == 1 and "not imported: _config.yml: author.pronouns" in err


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"notes.txt": "x"}, "a folder, but not an al-folio site"),
        (
            {"_config.yml": "title: x\n", "_news/a.md": "---\ndate: 2024-01-01\ntext: [unclosed\n---\nbody\n"},
            "_news/a.md:4:1: YAML syntax error",
        ),
        (
            {"_config.yml": "title: x\n", "_data/cv.yml": "- title: A\n  type: list\n  contents: [a, b\n"},
            "_data/cv.yml:",
        ),
        ({"_config.yml": "author: {name: A}\n", "_publications/p.md": "---\n- a list\n---\n"}, "not a mapping"),
        ({"_config.yml": "title: x\n", "_news/a.md": "---\ndate: 2024-01-01\n---\n\xff", "x": ""}, None),
    ],
)
def test_cli_bad_site_files_are_located_errors(cli, tmp_path, files, message):
    for rel, text in files.items():
        path = tmp_path / "site" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    code, _, err = cli("import", tmp_path / "site")
    assert "Traceback" not in err
    if message:
        assert code == 1 and message in err, err


def test_a_non_utf8_page_is_a_located_error(cli, tmp_path):
    site = tmp_path / "site"
    (site / "_news").mkdir(parents=True)
    (site / "_config.yml").write_text("title: x\n", encoding="utf-8")
    (site / "_news" / "a.md").write_bytes(b"---\ndate: 2024-01-01\n---\n\xff\xfe")
    code, _, err = cli("import", site)
    assert code == 1 and "_news/a.md:4: not UTF-8 text" in err


def test_a_link_out_of_the_site_is_not_followed(tmp_path):
    outside = tmp_path / "secret.md"
    outside.write_text("---\ndate: 2024-01-01\n---\nsecret\n", encoding="utf-8")
    site = site_copy(ALFOLIO, tmp_path)
    (site / "_news" / "zz.md").symlink_to(outside)
    result = import_path(site, site / "profile.yaml")
    assert all("secret" not in n["text"] for n in result.data["news"])


def test_loaded_profile_validates(alfolio, academicpages, tmp_path):
    for result, _ in (alfolio, academicpages):
        validate(load_text(result.yaml(), tmp_path / "x.yaml"))


def test_alfolio_news_with_a_title_and_no_inline_key_is_a_post(tmp_path):
    site = site_copy(ALFOLIO, tmp_path)
    (site / "_news" / "announcement_4.md").write_text(
        "---\nlayout: post\ntitle: A long story\ndate: 2022-01-05\n---\nThe story itself.\n", encoding="utf-8"
    )
    result = import_path(site, site / "profile.yaml")
    assert {"date": "2022-01-05", "text": "A long story"} in result.data["news"]
    assert any("announcement_4.md: the body of the news post" in x for x in result.dropped)


def test_an_empty_about_page_is_counted_as_skipped(tmp_path):
    site = site_copy(ACADEMICPAGES, tmp_path)
    (site / "_pages" / "about.md").write_text("---\ntitle: About\n---\n", encoding="utf-8")
    result = import_path(site, site / "profile.yaml")
    assert "_pages/about.md: 1 in -> 1 skipped" in [c.line() for c in result.counts] and "bio" not in result.data


def test_an_unreadable_folder_is_a_located_error(cli, tmp_path, monkeypatch):
    site = site_copy(ALFOLIO, tmp_path)

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", refuse)
    code, _, err = cli("import", site)
    assert code == 1 and "cannot list the folder: Permission denied" in err and "Traceback" not in err


def test_a_bib_file_linked_from_outside_the_site_is_not_read(tmp_path):
    outside = tmp_path / "other.bib"
    outside.write_text("@article{x, title = {Outside}, author = {A B}, journal = {J}, year = 2020}\n", encoding="utf-8")
    site = site_copy(ACADEMICPAGES, tmp_path)
    (site / "files" / "zz.bib").symlink_to(outside)
    result = import_path(site, site / "profile.yaml")
    assert {"bibtex": "files/zz.bib"} not in result.data["publications"]
    assert all("zz.bib" not in line for line in result.full_report())


def test_academicpages_publication_text_becomes_its_abstract(academicpages):
    """A publication page's text is its abstract (plain text); the sample page of the theme is not."""
    result, source = academicpages
    abstracts = {p.title: p.abstract for p in source.publications if p.abstract}
    assert abstracts == {
        "Microbial Mats Record Earthquake Shaking":
            "Microbial mats in a fault-zone spring changed their layering after each of three earthquakes.",
        "Biosignatures of Hot-Spring Mats across a Temperature Gradient": "We sampled twelve mats along an outflow channel.",
    }  # fmt: skip
    assert not any("abstract" in x for x in result.dropped)
    assert sum("is the abstract" in x for x in result.changed) == 2
