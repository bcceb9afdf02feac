"""Stage 2: every problem at once, as file:line:col: path: message, with hints."""

from pathlib import Path

import pytest

from cvgen.errors import ProfileError
from cvgen.profile.load import load_text
from cvgen.profile.validate import validate

BAD = """\
person:
  nmae: X
  email: foo
education:
  - degree: PhD
    start: 2020-13
publications:
  - title: A
    type: journl
    linsk: {pdf: "https://x.org"}
  - title: B
    links: {pdf: "javascript:alert(1)"}
  - bibtex: ../x.bib
service:
  - role: Reviewer
    years: "2025-2023"
positions:
  - {title: T, organization: O, start: 2020, end: 2019}
awards: 5
"""


def messages(text: str) -> list[str]:
    with pytest.raises(ProfileError) as info:
        validate(load_text(text, Path("p.yaml")))
    return [str(p) for p in info.value.problems]


def test_all_problems_at_once_located_with_hints():
    got = messages(BAD)
    expected = [
        "p.yaml:1:1: person.name: required, but missing; add `name: ...`",
        "p.yaml:2:3: person.nmae: unknown key 'nmae'; did you mean 'name'?",
        "p.yaml:3:3: person.email: 'foo' is not an e-mail address",
        "p.yaml:5:5: education[0].institution: required, but missing; add `institution: ...`",
        "p.yaml:6:5: education[0].start: '2020-13': month 13 is not 1-12",
        "p.yaml:9:5: publications[0].type: must be one of 'conference', 'journal', 'workshop', 'preprint', "
        "'book', 'chapter', 'thesis', 'patent', 'report' or 'other'; got 'journl'; did you mean 'journal'?",
        "p.yaml:10:5: publications[0].linsk: unknown key 'linsk'; did you mean 'links'?",
        "p.yaml:12:13: publications[1].links.pdf: 'javascript:' links are not allowed; use http(s), mailto or a relative path",
        "p.yaml:13:5: publications[2].bibtex: the path may not leave the profile's folder ('..')",
        "p.yaml:16:5: service[0].years: '2025-2023' ends before it starts",
        "p.yaml:18:5: positions[0]: end (2019) is before start (2020)",
        "p.yaml:19:1: awards: expected a list (- item lines or [a, b]), got 5",
    ]
    assert got == expected


def test_unknown_top_level_key_lists_nothing_close():
    (msg,) = messages("person: {name: A}\nzzzz: 1\n")
    assert "unknown key 'zzzz'; allowed here: lang, person, bio," in msg


def test_unknown_section_in_order():
    (msg,) = messages("person: {name: A}\ncv: {sections: [education, hobbies]}\n")
    assert "unknown section 'hobbies'" in msg


def test_not_a_mapping():
    (msg,) = messages("- a\n- b\n")
    assert msg.startswith("p.yaml:1:1:") and "mapping" in msg


def test_minimal_profile_is_valid():
    profile = validate(load_text("person: {name: A}\n", Path("p.yaml")))
    assert profile.person.name == "A" and profile.publications == []


def test_seed_profiles_are_valid():
    root = Path(__file__).resolve().parents[2] / "profiles"
    for name in ("gao-huang.yaml", "haoyu-he.yaml"):
        path = root / name
        profile = validate(load_text(path.read_text(encoding="utf-8"), path))
        assert profile.publications


def test_untitled_entry_must_override_a_bib_entry(write_profile, cli):
    path = write_profile("person: {name: A}\npublications:\n  - {key: nope, note: Oral}\n  - {note: Oral}\n")
    code, _, err = cli("validate", path)
    assert code == 1
    assert f"{path}:4:5: publications[1].title: required, but missing; add `title: ...`" in err
    code, _, err = cli("validate", write_profile("person: {name: A}\npublications:\n  - {key: nope, note: Oral}\n"))
    assert code == 1 and "publications[0].key: no bib entry has the key 'nope'" in err
