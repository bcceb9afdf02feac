"""`cvgen lint`: positions, degrees, grants and students without dates (missing-date)."""

from __future__ import annotations

from cvgen.tools.lint import lint_file

PROFILE = """person: {name: Ada Lovelace}
positions:
  - {title: Professor, organization: University of London, end: present}
  - {title: Tutor, organization: University of London}
  - {title: Lecturer, organization: University of London, start: 2010, end: 2012}
education:
  - {degree: PhD, institution: University of London}
  - {degree: MSc, institution: University of London, end: 1835}
grants: [{title: Engine, agency: Crown}]
students: [{name: Charles Babbage, end: present}]
"""


def test_missing_dates_are_warned_where_they_are(write_profile):
    findings = [f for f in lint_file(write_profile(PROFILE)) if f.check == "missing-date"]
    where = [(f.problem.path, f.problem.line) for f in findings]
    assert where == [
        ("positions[0]", 3),
        ("positions[1]", 4),
        ("education[0]", 7),
        ("grants[0]", 9),
        ("students[0]", 10),
    ]
    messages = [f.problem.message for f in findings]
    assert "position 'Professor' has no start" in messages[0] and "'current'" in messages[0]
    assert messages[1].startswith("position 'Tutor' has no dates: add `start:` and `end:`")
    assert "degree 'PhD' has no date: add `end:` (the year of the degree" in messages[2]
    assert "student 'Charles Babbage' has no start" in messages[4]


def test_a_dated_profile_has_no_missing_date_warning(write_profile):
    dated = "person: {name: A}\npositions: [{title: T, organization: O, start: 2020, end: present}]\n"
    assert not [f for f in lint_file(write_profile(dated)) if f.check == "missing-date"]
