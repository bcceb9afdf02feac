"""`cvgen import`: JSON Resume and RenderCV -> a valid cvgen profile, with a report of what did not map."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cvgen.outputs.json_resume import to_json_resume
from cvgen.profile.load import load_text
from cvgen.profile.source import read_profile
from cvgen.profile.validate import validate
from cvgen.tools.importers import from_json_resume, import_file
from tests.outputs.test_exports import PROFILES, resume_validator

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "node_modules" / "resume-schema" / "sample.resume.json"
RENDERCV = ROOT / "tests" / "data" / "import" / "rendercv.yaml"


def profile_of(text: str, tmp_path: Path):
    return validate(load_text(text, tmp_path / "imported.yaml"))


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.parent.name + "/" + p.name)
def test_json_resume_round_trip(profile, tmp_path):
    """export -> validate against the official schema -> import -> the same profile, but for what the report lists."""
    source = read_profile(profile)
    doc = to_json_resume(source)
    assert not list(resume_validator().iter_errors(doc))
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = import_file(path)
    back = profile_of(result.yaml(), tmp_path)
    # .bib includes come back as the entries they contained: the resolved list is what must survive
    expected = source.profile.model_copy(update={"publications": source.publications})
    assert back.model_dump() == expected.model_dump()
    # the report lists only files to copy (photo, thumbnails), nothing lost
    assert not result.dropped and not result.changed
    local = [source.profile.person.photo] + [p.thumbnail for p in source.publications]
    assert len(result.check) == len([x for x in local if x])
    assert all("copy the file" in line for line in result.check)


def test_plain_json_resume_from_other_tools(tmp_path):
    if not SAMPLE.exists():
        pytest.fail("node_modules/resume-schema is missing: run `npm ci`")
    result = import_file(SAMPLE)
    profile = profile_of(result.yaml(), tmp_path)
    assert profile.person.name == "Richard Hendriks"
    assert profile.person.links["twitter"] == "https://twitter.com/neutralthoughts"
    assert [p.title for p in profile.positions] == ["CEO/President"]
    assert profile.positions[0].start is not None and str(profile.positions[0].start) == "2013-12-01"
    assert profile.education[0].degree == "Bachelor" and "Courses:" in (profile.education[0].note or "")
    assert profile.awards[0].organization == "Techcrunch"
    assert profile.service[0].role == "Teacher" and str(profile.service[0].years) == "2012–2013"
    assert profile.publications[0].title == "Video compression for 3d media"
    assert {s.title for s in profile.sections} == {"Skills", "Languages", "Projects"}
    report = result.report()
    for needle in (
        "not imported: references[0]",
        "changed: skills",
        "changed: volunteer: imported as service",
        "check: publications: JSON Resume has no author lists",
    ):
        assert needle in report
    # the report is also in the written file, as comments
    assert "#   not imported: references[0]" in result.yaml()


def test_json_resume_ongoing_job_and_odd_dates(tmp_path):
    doc = {"basics": {"name": "A B", "image": "https://x.org/me.jpg", "profiles": [{"network": "Mastodon", "username": "@a@x.social"}]},
           "work": [{"name": "Uni", "position": "Prof", "startDate": "2020-01"}],
           "awards": [{"title": "Prize", "date": "Spring 2019"}, {"title": "Other", "date": "sometime"}]}  # fmt: skip
    result = from_json_resume(doc)
    profile = profile_of(result.yaml(), tmp_path)
    assert str(profile.positions[0].end) == "present"
    assert str(profile.awards[0].year) == "2019" and profile.awards[1].year is None
    assert profile.person.links == {"mastodon": "https://x.social/@a"}
    assert any("basics.image" in x for x in result.dropped)
    assert any("Spring 2019" in x for x in result.changed) and any("sometime" in x for x in result.changed)


def test_rendercv(tmp_path):
    result = import_file(RENDERCV)
    profile = profile_of(result.yaml(), tmp_path)
    person = profile.person
    assert (person.name, person.position, person.phone) == ("Zoë Martínez-López", "Assistant Professor of Computer Science",
                                                            "+41-44-000-00-00")  # fmt: skip
    assert person.links["orcid"] == "0000-0002-1825-0097" and person.links["mastodon"] == "https://sigmoid.social/@zoe"
    assert profile.bio and "Möbius" in profile.bio
    assert [(e.degree, e.field, str(e.start), str(e.end)) for e in profile.education] == [
        ("PhD", "Computer Science", "2015-09", "2020-06")
    ]
    assert [(p.title, str(p.end)) for p in profile.positions] == [("Assistant Professor", "present"),
                                                                  ("Postdoctoral Researcher", "2021-12")]  # fmt: skip
    pubs = profile.publications
    assert pubs[0].authors == ["Ana Pérez", "Z. Martínez-López", "Jörg Müller"]  # RenderCV's ***bold*** owner, unmarked
    assert (pubs[0].type, str(pubs[0].year), pubs[0].doi) == ("conference", "2023-07", "10.5555/example.2023")
    assert pubs[1].type == "journal" and pubs[1].links == {"html": "https://jmlr.org/papers/v23/example.html"}
    assert profile.awards[0].title == "Best Paper Award, ICML"
    assert profile.talks[0].title == "Inversion at Scale" and str(profile.talks[0].date) == "2023-11"
    assert profile.teaching[0].course == "Graph Machine Learning" and str(profile.teaching[0].year) == "2022–2024"
    assert profile.service[0].role == "Area Chair" and profile.service[0].venue == "NeurIPS"
    assert profile.interests == ["Graph learning", "Combinatorics"]
    sections = {s.title: s.entries for s in profile.sections}
    assert sections["Skills"] == ["**Languages:** Spanish (native), German, English", "**Programming:** Python, Rust"]
    assert "Fall 2023" in sections["Projects"][0]
    assert not result.dropped and not result.lost  # everything with a place in a profile was imported
    assert set(result.skipped) == {
        "design (RenderCV layout and tooling settings; cvgen has its own cv: settings)",
        "locale (RenderCV layout and tooling settings; cvgen has its own cv: settings)",
    }
    assert profile.cv.sections and profile.cv.sections[0] == "education"


def test_rendercv_owner_spelling_becomes_an_alias(tmp_path):
    path = tmp_path / "cv.yaml"
    path.write_text("cv:\n  name: Gao Huang\n  sections:\n    publications:\n"
                    "      - {title: T, authors: [\"**Huang Gao**\", B C], date: 2020}\n", encoding="utf-8")  # fmt: skip
    profile = profile_of(import_file(path).yaml(), tmp_path)
    assert profile.person.aliases == ["Huang Gao"]


def test_cli_import(cli, tmp_path):
    out_file = tmp_path / "new" / "profile.yaml"
    code, out, err = cli("import", RENDERCV, "-o", out_file)
    assert code == 0, err
    assert out_file.exists() and f"wrote {out_file}" in out and "skipped: design" in err
    code, out, err = cli("import", RENDERCV, "-o", out_file)
    assert code == 1 and "exists" in err
    code, out, err = cli("validate", out_file)
    assert code == 0, err
    code, out, err = cli("import", RENDERCV)  # no -o: the profile on stdout, the report on stderr
    assert code == 0 and out.startswith("# cvgen profile imported from a RenderCV file") and "count: " in err
    code, out, err = cli("import", RENDERCV, "--strict")  # layout settings are not content: nothing lost
    assert code == 0, err


def test_cli_import_errors(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"basics": {"name": "x"},\n  oops}', encoding="utf-8")
    code, out, err = cli("import", bad)
    assert code == 1 and "bad.json:2:" in err and "Traceback" not in err
    other = tmp_path / "other.yaml"
    other.write_text("just: a mapping\n", encoding="utf-8")
    code, out, err = cli("import", other)
    assert code == 1 and "neither a JSON Resume" in err
    code, out, err = cli("import", tmp_path / "missing.json")
    assert code == 1 and "no such file" in err
