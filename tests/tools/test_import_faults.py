"""`cvgen import` on files shaped like real researchers' RenderCV and JSON Resume files: nothing lost unreported.

Each test names the fault of issue 12 it guards (see tests/data/import/rendercv-seismologist.yaml).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cvgen.profile.load import load_text
from cvgen.profile.validate import validate
from cvgen.tools.importers import import_path
from cvgen.tools.importers.result import ImportResult

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
SEISMOLOGIST = DATA / "rendercv-seismologist.yaml"
RESEARCHER = DATA / "jsonresume-researcher.json"


def imported(path: Path, tmp: Path):
    result = import_path(path)
    return result, validate(load_text(result.yaml(), tmp / "imported.yaml"))


def lines(result: ImportResult, kind: str) -> list[str]:
    return [x for x in result.full_report() if x.startswith(kind + ":")]


@pytest.fixture(scope="module")
def seismologist(tmp_path_factory):
    return imported(SEISMOLOGIST, tmp_path_factory.mktemp("seis"))


def by_title(profile):
    return {p.title: p for p in profile.publications}


# ---------------------------------------------------------------- fault 1: the section name decides the type
def test_section_title_decides_the_publication_type(seismologist):
    result, profile = seismologist
    pubs = by_title(profile)
    # bioRxiv and EarthArXiv under "Preprints" are preprints, not journal articles
    assert pubs["A seismic catalogue of ice-quakes beneath a tidewater glacier"].type == "preprint"
    assert [p.type for p in profile.publications].count("preprint") == 3
    # a PNAS paper under "Journal Articles" is a journal article, not a conference paper
    pnas = pubs["Velocity changes after the 2023 swarm, seen by QuakeIO ambient-noise workflows"]
    assert (pnas.type, pnas.venue_full) == ("journal", "Proceedings of the National Academy of Sciences")
    # posters are not journal articles: type other with a Poster badge, said in the report
    posters = [p for p in profile.publications if p.note == "Poster"]
    assert len(posters) == 3 and {p.type for p in posters} == {"other"}
    assert any("'Conference Posters': cvgen has no type for these" in x for x in result.changed)
    # a workshop paper under "Peer-Reviewed Conference Proceedings" follows its section
    assert pubs["Self-supervised denoising of distributed acoustic sensing records"].type == "conference"
    counts = {c.source: c.line() for c in result.counts}
    assert counts["cv.sections.Preprints"] == "cv.sections.Preprints: 3 in -> 3 publications (preprint)"
    assert counts["cv.sections.Journal Articles"].endswith("7 in -> 5 publications (journal), 2 skipped")
    assert counts["cv.sections.Conference Posters"].endswith("4 in -> 3 publications (other), 1 skipped")
    assert not any("type '" in x for x in result.guessed)  # every section named its type: nothing guessed


def test_type_is_guessed_from_the_venue_only_when_the_title_says_nothing_and_the_guess_is_reported(tmp_path):
    path = tmp_path / "cv.yaml"
    path.write_text(
        "cv:\n  name: Ana Lima\n  sections:\n    Selected Publications:\n"
        "      - {title: A, authors: [Ana Lima], journal: Proceedings of the National Academy of Sciences, date: 2024}\n"
        "      - {title: B, authors: [Ana Lima], journal: bioRxiv, date: 2024}\n"
        "      - {title: C, authors: [Ana Lima], journal: AGU Fall Meeting Abstracts, date: 2023}\n"
        "      - {title: D, authors: [Ana Lima], journal: Nature, date: 2023}\n"
        "      - {title: E, authors: [Ana Lima], journal: The Big Book of Things, date: 2022}\n",
        encoding="utf-8",
    )
    result, profile = imported(path, tmp_path)
    assert [p.type for p in profile.publications] == ["journal", "preprint", "other", "journal", "journal"]
    guesses = [x for x in result.guessed if "type '" in x]
    assert len(guesses) == 5
    assert "from the venue 'Proceedings of the National Academy of Sciences'" in guesses[0]
    assert "the venue does not tell; a journal assumed" in guesses[4]


def test_a_preprint_server_under_a_journal_title_is_flagged(tmp_path):
    path = tmp_path / "cv.yaml"
    path.write_text("cv:\n  name: Ana Lima\n  sections:\n    Journal Articles:\n"
                    "      - {title: A, authors: [Ana Lima], journal: bioRxiv, date: 2024}\n", encoding="utf-8")  # fmt: skip
    result, profile = imported(path, tmp_path)
    assert profile.publications[0].type == "journal"  # the section decides ...
    assert any("the venue 'bioRxiv' is a preprint server" in x for x in result.check)  # ... and the doubt is said


# ---------------------------------------------------------------- fault 2: nothing dropped silently
def test_teaching_entries_with_title_date_location_summary_highlights_are_imported(seismologist):
    result, profile = seismologist
    assert [t.course for t in profile.teaching] == [
        "Introduction to Seismology (GEOL 340)",
        "Time-Series Analysis for Geoscientists (GEOL 561)",
        "Seismic Instrumentation Summer School",
    ]
    first = profile.teaching[0]
    assert first.institution == "University of Northfield"
    assert first.note == ("Undergraduate lecture course, 45 students\\\n• Designed a field lab with a 20-node array\\\n"
                          "• Open course notes in Jupyter")  # fmt: skip
    assert any("Teaching[0].location ('University of Northfield') kept as the institution" in x for x in result.changed)


def test_fields_without_a_place_move_to_the_note_and_are_reported(seismologist):
    result, profile = seismologist
    assert [s.note for s in profile.students] == [
        "PhD student\\\nLocation: University of Northfield",
        "PhD, now research scientist\\\nLocation: Coastal Seismology Lab",
    ]
    assert "cv.sections.Students[0].location ('University of Northfield') moved into the note" in result.changed
    grant = profile.grants[1]  # start_date/end_date win; the other date is kept, and said
    assert (str(grant.start), str(grant.end)) == ("2019", "2021") and "Date: 2018-11" in (grant.note or "")
    assert "cv.sections.Grants[1].date ('2018-11') moved into the note" in result.changed
    pubs = by_title(profile)
    assert pubs["Groundwater loading modulates microseismicity"].extra == "Note: Featured on the journal cover"
    workshop = pubs["Self-supervised denoising of distributed acoustic sensing records"]
    assert workshop.venue_full == "NeurIPS Workshop on Machine Learning and the Physical Sciences"


def test_a_publication_without_authors_is_kept_with_a_check_line(seismologist):
    result, profile = seismologist
    first = profile.publications[8]
    assert (first.title, first.authors) == ("Real-time event detection on edge devices for nodal arrays", [])
    assert any("Proceedings[0]: no authors" in x for x in result.check)


def test_every_entry_is_accounted_for(seismologist):
    result, profile = seismologist
    assert all(c.unaccounted == 0 for c in result.counts)
    placed = {}
    for c in result.counts:
        for target, n in c.placed.items():
            placed[target.split(" ")[0]] = placed.get(target.split(" ")[0], 0) + n
    for section in ("publications", "teaching", "awards", "grants", "students", "service", "positions", "education"):
        assert placed[section] == len(getattr(profile, section)), section
    assert sum(len(s.entries) for s in profile.sections) == placed["lines"]


def test_an_entry_of_no_known_kind_is_reported_and_fails_strict(tmp_path, cli):
    path = tmp_path / "cv.yaml"
    path.write_text("cv:\n  name: Ana Lima\n  sections:\n    Misc:\n      - {when: 2020, what: something}\n"
                    "      - A line\n", encoding="utf-8")  # fmt: skip
    result = import_path(path)
    assert result.counts[0].line() == "cv.sections.Misc: 2 in -> 1 lines of the section 'Misc', 1 not imported"
    assert result.lost and any("an entry cvgen does not recognise (when, what)" in x for x in result.dropped)
    code, _, err = cli("import", path)
    assert code == 0 and "not imported: cv.sections.Misc[0]" in err
    code, _, err = cli("import", path, "--strict")
    assert code == 1 and "--strict" in err and "Traceback" not in err


# ---------------------------------------------------------------- fault 3: placeholders are skipped, never aliases
def test_placeholders_are_skipped_and_never_become_aliases(seismologist):
    result, profile = seismologist
    assert profile.person.aliases == []
    body = result.yaml().split("\n\n", 1)[1]  # the profile without its report comments
    assert "HIDDEN" not in body
    skipped = [x for x in result.skipped if "layout placeholder" in x]
    assert len(skipped) == 3 and "cv.sections.Journal Articles[0]" in skipped[0]


def test_a_placeholder_author_is_dropped_from_a_real_paper(tmp_path):
    path = tmp_path / "cv.yaml"
    path.write_text("cv:\n  name: Ana Lima\n  sections:\n    Journal Articles:\n"
                    "      - {title: Real, authors: ['**__HIDDEN__**', '**Ana Lima**', Bo Chen], journal: J, date: 2024}\n",
                    encoding="utf-8")  # fmt: skip
    result, profile = imported(path, tmp_path)
    assert profile.publications[0].authors == ["Ana Lima", "Bo Chen"] and profile.person.aliases == []
    assert any("placeholder author '**__HIDDEN__**'" in x for x in result.skipped)


# ---------------------------------------------------------------- fault 4: TeX decoded, split names joined
def test_tex_in_yaml_text_is_decoded_and_reported(seismologist):
    result, profile = seismologist
    pubs = by_title(profile)
    assert pubs["Groundwater loading modulates microseismicity"].authors == [
        "Loïc Marchetti", "Ingrid K. Solberg", "Anke Krüger-Vogt"]  # fmt: skip
    assert profile.education[0].institution == "Universität Hochfeld"
    assert profile.education[0].advisors == ["Anke Krüger-Vogt"]
    software = next(s for s in profile.sections if s.title == "Software").entries[0]
    assert software.startswith("**[QuakeIO](https://github.com/isolberg/QuakeIO)**") and "{" not in software
    assert any("TeX decoded: 'Lo{\\\\\"i}c Marchetti' -> 'Loïc Marchetti'" in x for x in result.changed)


def test_split_author_pairs_are_joined_and_reported(seismologist):
    result, profile = seismologist
    pnas = by_title(profile)["Velocity changes after the 2023 swarm, seen by QuakeIO ambient-noise workflows"]
    assert pnas.authors == ["Ingrid K. Solberg*", "L. Marchetti*", "Priya Raman"]
    assert any("surname and given names were separate items; joined into 3 names" in x for x in result.guessed)


# ---------------------------------------------------------------- fault 5: year lists and ranges kept
def test_teaching_years_stay_a_list_and_award_ranges_are_kept(seismologist):
    result, profile = seismologist
    assert [str(t.year) for t in profile.teaching] == ["2023, 2024, 2026", "2022, 2024", "2019"]
    fellowship = profile.awards[0]
    assert str(fellowship.year) == "2019" and (fellowship.note or "").startswith("2019–2021")
    assert any("the range '2019 - 2021' is kept in the note" in x for x in result.changed)
    postdoc = profile.positions[1]  # `date: 2014 - 2017` is a span
    assert (str(postdoc.start), str(postdoc.end)) == ("2014", "2017")


# ---------------------------------------------------------------- fault 6: one Professional Service section
def test_one_professional_service_section(seismologist):
    result, profile = seismologist
    assert all(s.title != "Professional Service" for s in profile.sections)
    assert [(s.role, s.venue, str(s.years) if s.years else None) for s in profile.service] == [
        ("Associate Editor", "Seismological Research Letters", "2022–"),
        ("Session convener", "AGU Fall Meeting", "2023"),
        ("Reviewer", "Geophysical Journal International, Journal of Geophysical Research: Solid Earth, "
                     "Geophysical Journal International, Nature Geoscience", None),
        ("Panelist", "National Science Agency Geophysics Program", "2021, 2023"),
    ]  # fmt: skip
    assert sum("read as a service entry" in x for x in result.guessed) == 2


def test_lines_that_cannot_be_entries_never_repeat_a_built_in_title(tmp_path):
    path = tmp_path / "cv.yaml"
    path.write_text("cv:\n  name: Ana Lima\n  sections:\n    Education:\n"
                    "      - {institution: Uni, area: Physics, degree: PhD, date: 2020}\n"
                    "      - Summer school on seismology, somewhere\n", encoding="utf-8")  # fmt: skip
    result, profile = imported(path, tmp_path)
    assert [s.title for s in profile.sections] == ["Education (more)"] and len(profile.education) == 1
    assert any("is titled 'Education (more)'" in x for x in result.changed)


# ---------------------------------------------------------------- fault 7: JSON Resume highlights and venues
def test_json_resume_highlights_are_lines_and_the_venue_loses_a_repeated_year(tmp_path):
    result, profile = imported(RESEARCHER, tmp_path)
    assert profile.positions[0].note == (
        "Lead of the scientific machine learning team.\\\n"
        "• Shipped a self-supervised denoiser used on 40 TB of seismic data\\\n"
        "• Mentored four interns\\\n• Co-organised the lab's reading group"
    )
    assert ".;" not in result.yaml()
    icml = profile.publications[0]
    assert (icml.venue, icml.venue_full, str(icml.year)) == ("ICML", None, "2022-07-17")
    assert (icml.type, profile.publications[1].type) == ("conference", "journal")
    assert "publications[0].publisher: 'ICML 2022' -> 'ICML' (the year is in `year`)" in result.changed
    assert [c.line() for c in result.counts][:2] == ["work: 2 in -> 2 positions", "education: 1 in -> 1 education"]
    assert "references: 1 in -> 1 not imported" in [c.line() for c in result.counts]


def test_highlights_render_as_separate_lines(tmp_path):
    from cvgen.text.html import HtmlFormat

    _, profile = imported(RESEARCHER, tmp_path)
    html = HtmlFormat().markdown(profile.positions[0].note or "", inline=True)
    assert html.count("<br />") == 3


def test_a_value_the_profile_rejects_is_reported_as_not_imported(tmp_path):
    path = tmp_path / "cv.yaml"
    path.write_text("cv:\n  name: Ana Lima\n  sections:\n    Awards:\n"
                    "      - {name: Prize, date: 2020, url: 'javascript:alert(1)'}\n", encoding="utf-8")  # fmt: skip
    result, profile = imported(path, tmp_path)
    assert profile.awards[0].title == "Prize" and profile.awards[0].url is None
    assert any(x.startswith("awards[0].url: left out, the profile would not be valid") for x in result.dropped)
    assert result.lost
