"""What the CV says and how it arranges it (issue 10): headings, numbering, notes, dates, service, header."""

from pathlib import Path

from cvgen.profile.load import load_text
from cvgen.profile.validate import validate
from cvgen.text.html import HtmlFormat
from cvgen.text.typography import NBSP, WORD_JOINER
from cvgen.views.cv import CvDoc, column_width, cv_context, short_url
from cvgen.views.select import select

FMT = HtmlFormat(printed=True)


def doc(text: str, variant: str | None = None) -> CvDoc:
    profile = validate(load_text(text, Path("p.yaml")))
    return cv_context(select(profile, profile.publication_list(), "cv", variant), FMT)


def section(d: CvDoc, sid: str):
    return next(s for s in d.sections if s.id == sid)


PUBS = """publications:
  - {title: C2, year: 2024, type: conference, authors: [Ada Lovelace]}
  - {title: J1, year: 2023, type: journal, authors: [Ada Lovelace], selected: true}
  - {title: C1, year: 2022, type: conference, authors: [Ada Lovelace], selected: true}
  - {title: W1, year: 2025, type: workshop, authors: [Ada Lovelace]}
"""


def test_numbers_count_per_type_group_with_its_letter_by_default():
    pubs = section(doc("person: {name: Ada Lovelace}\n" + PUBS), "publications")
    assert [[r.when for r in g.rows] for g in pubs.groups] == [["[C2]", "[C1]"], ["[J1]"], ["[W1]"]]


def test_numbering_scope_all_counts_across_groups():
    text = "person: {name: Ada Lovelace}\ncv: {publications: {numbering_scope: all, numbering: ascending}}\n"
    pubs = section(doc(text + PUBS), "publications")
    assert [[r.when for r in g.rows] for g in pubs.groups] == [["[1]", "[2]"], ["[3]"], ["[4]"]]


def test_a_cv_that_selects_says_selected_publications():
    text = "person: {name: Ada Lovelace}\n" + PUBS + "variants: {short: {publications: {selected_only: true}}}\n"
    assert section(doc(text), "publications").title == "Publications"
    assert section(doc(text, "short"), "publications").title == "Selected Publications"


def test_honours_are_badges_other_notes_plain_and_remarks_a_line_of_their_own():
    text = """person: {name: Ada Lovelace}
publications:
  - {title: A, year: 2024, authors: [Ada Lovelace], note: Best Paper Award, extra: "Also *invited*."}
  - {title: B, year: 2023, authors: [Ada Lovelace], note: Findings, links: {code: "https://e.org/c"}}
"""
    a, b = section(doc(text), "publications").groups[0].rows
    assert "<strong> Best Paper Award.</strong>" in a.head and a.lines == ["Also<em> invited</em>."]
    assert "Findings." in b.head and "<strong> Findings" not in b.head and b.lines == []


def test_positions_heading_claims_academic_only_when_every_position_is():
    academic = """person: {name: Ada Lovelace}
positions:
  - {title: Professor, organization: University of London, start: 2020}
  - {title: Fellow, organization: Royal Society, kind: visiting, start: 2019, end: 2020}
"""
    assert section(doc(academic), "positions").title == "Academic Positions"
    industry = academic + "  - {title: Engineer, organization: TikTok, start: 2018, end: 2019}\n"
    assert section(doc(industry), "positions").title == "Positions"
    labelled = academic + "  - {title: Researcher, organization: Bell Labs, kind: academic, start: 2017}\n"
    assert section(doc(labelled), "positions").title == "Academic Positions"


def test_what_is_known_of_a_date_is_shown_and_an_undated_section_has_no_date_column():
    text = """person: {name: Ada Lovelace}
positions:
  - {title: Professor, organization: University of London, end: present}
  - {title: Lecturer, organization: University of London, end: 2018}
  - {title: Tutor, organization: University of London}
education:
  - {degree: PhD, institution: University of London}
  - {degree: MSc, institution: University of London}
"""
    d = doc(text)
    positions = section(d, "positions")
    assert [r.when for r in positions.groups[0].rows] == ["current", "until 2018", ""]
    assert positions.dated and not section(d, "education").dated


def test_service_is_grouped_under_title_case_headings_newest_first():
    text = """person: {name: Ada Lovelace}
service:
  - {role: Associate Editor, venue: TPAMI, years: "2023-", category: editorial}
  - {role: Associate Editor, venue: Big Data, years: "2021-", category: editorial}
  - {role: Associate Editor, venue: Pattern Recognition, years: "2022-", category: editorial}
  - {role: Area Chair, venue: AAAI, years: [2018, 2020], category: area chair}
  - {role: Reviewer, venue: "JMLR, TPAMI", category: journal reviewing}
  - {role: Reviewer, venue: "NeurIPS, ICML", category: conference reviewing}
"""
    groups = section(doc(text), "service").groups
    assert [g.title for g in groups] == ["Editorial", "Area Chair", "Reviewing"]
    assert [r.when for r in groups[0].rows] == ["2023–", "2022–", "2021–"]
    assert groups[1].rows[0].when == "2020, 2018" and groups[1].rows[0].head == "<strong>AAAI</strong>"
    assert [r.head for r in groups[2].rows] == [
        "<strong>Reviewer</strong> for journals: JMLR, TPAMI",
        "<strong>Reviewer</strong> for conferences: NeurIPS, ICML",
    ]


def test_a_single_service_group_has_no_sub_heading():
    text = "person: {name: Ada Lovelace}\nservice: [{role: Reviewer, venue: CVPR, category: reviewing}]\n"
    assert [g.title for g in section(doc(text), "service").groups] == [None]


def test_header_items_stay_whole_and_profile_links_print_their_address():
    text = """person:
  name: Ada Lovelace
  email: ada@example.org
  website: https://www.example.org/ada/
  address: 12 St James's Square, London SW1Y 4JH, United Kingdom
  links: {github: "https://github.com/ada", orcid: 0000-0002-1825-0097, lab_github: "https://github.com/lab",
          google_scholar: "https://scholar.google.com/citations?user=ID&hl=en"}
"""
    d = doc(text)
    assert d.contact[1] == '<a href="https://www.example.org/ada/">example.org/ada</a>'
    assert [link.replace(WORD_JOINER, "") for link in d.links] == [  # no break after the hyphens
        '<a href="https://github.com/ada">github.com/ada</a>',
        '<a href="https://orcid.org/0000-0002-1825-0097">orcid.org/0000-0002-1825-0097</a>',
        f'<a href="https://github.com/lab">Lab{NBSP}GitHub:{NBSP}github.com/lab</a>',
        '<a href="https://scholar.google.com/citations?user=ID&amp;hl=en">scholar.google.com/citations?user=ID</a>',
    ]
    # a line breaks in the address after a comma only
    assert d.address == f"12{NBSP}St{NBSP}James’s{NBSP}Square, London{NBSP}SW1Y{NBSP}4JH, United{NBSP}Kingdom"
    assert short_url("https://example.org") == "example.org"


def test_the_date_column_fits_its_widest_date():
    wide = doc("person: {name: A}\npositions: [{title: T, organization: O, start: 2020-05, end: 2024-11}]\n")
    narrow = doc("person: {name: A}\npositions: [{title: T, organization: O, start: 2020, end: 2024}]\n")
    assert wide.when_width > narrow.when_width == 4.5  # "May 2020–Nov 2024" needs more than the least
    assert 7.6 < wide.when_width < 9.5
    assert column_width(wide.sections, True, 1.8, 4.0) == 1.8  # no publications: the least


def test_new_settings_are_validated_with_a_hint(write_profile):
    import pytest

    from cvgen.errors import ProfileError
    from cvgen.profile.source import read_profile

    text = """person: {name: A}
positions: [{title: T, organization: O, kind: acadmic}]
cv: {publications: {numbering_scope: groups}}
"""
    with pytest.raises(ProfileError) as err:
        read_profile(write_profile(text))
    message = str(err.value)
    assert "positions[0].kind: must be one of" in message and "did you mean 'academic'?" in message
    assert (
        "cv.publications.numbering_scope: must be one of 'group' or 'all'; got 'groups'; did you mean 'group'?"
        in message
    )


def test_the_homepage_keeps_the_order_the_profile_leads_with():
    """The CV lists type groups in the committee order; a homepage in the order of its newest papers
    (Gao Huang's 2025 Best Paper workshop paper stays on top)."""
    from cvgen.views.publications import publication_groups

    profile = validate(load_text("person: {name: Ada Lovelace}\n" + PUBS, Path("p.yaml")))
    cv = select(profile, profile.publication_list(), "cv")
    homepage = select(profile, profile.publication_list(), "homepage")
    assert [g.title for g in publication_groups(cv, FMT)] == [
        "Conference Papers",
        "Journal Articles",
        "Workshop Papers",
    ]
    assert [g.title for g in publication_groups(homepage, FMT)] == [
        "Workshop Papers",
        "Conference Papers",
        "Journal Articles",
    ]


def test_a_single_service_group_keeps_a_heading_that_says_more_than_its_role():
    text = "person: {name: Ada Lovelace}\nservice: [{role: Reviewer, venue: CVPR, category: journal reviewing}]\n"
    assert [g.title for g in section(doc(text), "service").groups] == ["Journal Reviewing"]
