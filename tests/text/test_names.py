"""Own-name matching on real author lists (cvgen/names.py)."""

from __future__ import annotations

import pytest

from cvgen.text.names import NameMatcher, fold, parse_authors, parse_name, split_marks

GAO = NameMatcher("Gao Huang", ["G. Huang"])


@pytest.mark.parametrize(
    "author",
    ["Gao Huang", "G. Huang", "G Huang", "Huang, Gao", "Huang, G.", "GAO HUANG", "HUANG Gao", "Gao Huang*",
     "Gao Huang†", "Gao  Huang", "Gao X. Huang", "G. X. Huang", "Gao\u00a0Huang"],
)  # fmt: skip
def test_owner_spellings_match(author):
    assert GAO(author)


@pytest.mark.parametrize(
    "author",
    # a different full given name, a reversed name without comma, surname or given name alone
    ["Rui Huang", "Gang Huang", "Zeyi Huang", "Hao Huang", "Huang Gao", "Huang, Rui", "Gao Hua", "Huang", "Gao",
     "Yang Gao", "et al.", ""],
)  # fmt: skip
def test_no_false_positives(author):
    assert not GAO(author)


def test_initials_alias_never_overrules_a_full_name():
    # With the alias "G. Huang", "Gang Huang" must not become the owner.
    assert not GAO("Gang Huang")
    # ... but an owner known only by initials matches any G. Huang.
    assert NameMatcher("G. Huang")("Gang Huang")


@pytest.mark.parametrize(
    ("owner", "yes", "no"),
    [
        ("Kilian Q. Weinberger",
         ["Kilian Weinberger", "K. Weinberger", "K. Q. Weinberger", "Kilian Q Weinberger", "Weinberger, Kilian Q."],
         ["K. R. Weinberger", "Kilian R. Weinberger", "Killian Weinberger"]),
        ("Zoë Smith-Jones",
         ["Zoe Smith-Jones", "Zoë Smith Jones", "Z. Smith-Jones", "Smith-Jones, Zoé", "ZOË SMITH-JONES"],
         ["Zoe Jones", "Zoe Smith", "Ana Smith-Jones"]),
        ("Yu-Lin Wang", ["Yulin Wang", "Y.-L. Wang", "Y. L. Wang", "Y. Wang", "Wang, Yu-Lin", "YL Wang"],
         ["Yu Wang", "Yuli Wang", "Lin Wang"]),
        ("Laurens van der Maaten",
         ["Laurens Van Der Maaten", "L. van der Maaten", "van der Maaten, Laurens", "Maaten, Laurens van der"],
         ["Laura van der Maaten"]),
        ("Jean-Pierre Dupont", ["J.-P. Dupont", "J. P. Dupont", "JP Dupont", "Jean Pierre Dupont", "J. Dupont"],
         ["Pierre Dupont", "Jean Dupont"]),
        ("Martin Luther King Jr.", ["King, Jr., Martin Luther", "Martin L. King", "M. L. King", "King, Martin Luther"],
         ["Coretta King"]),
        ("Søren Ørsted", ["Soren Orsted", "Ørsted, Søren", "S. Orsted"], ["Soren Olsen"]),
        ("Stefan Groß", ["Stefan Gross", "Gross, Stefan"], ["Stefan Grosz"]),
        ("Haoyu He", ["H. He", "He, Haoyu", "Hao-Yu He"], ["Haowei He", "Hong He"]),
    ],
)  # fmt: skip
def test_real_world_variants(owner, yes, no):
    m = NameMatcher(owner)
    for a in yes:
        assert m(a), f"{a!r} should match {owner!r}"
    for a in no:
        assert not m(a), f"{a!r} should not match {owner!r}"


def test_aliases_for_what_rules_cannot_derive():
    m = NameMatcher("Gao Huang", ["黄高", "Huang Gao"])
    assert m("黄高") and m("Huang Gao")
    assert not NameMatcher("Gao Huang")("黄高")


def test_split_marks_and_parse_authors():
    assert split_marks("Gao Huang*†") == ("Gao Huang", True, True)
    assert split_marks("Gao Huang ∗") == ("Gao Huang", True, False)
    assert split_marks("Gao Huang‡") == ("Gao Huang", False, True)
    authors = parse_authors(["Gao Huang*", "Zhuang Liu*", "Kilian Weinberger†"], GAO)
    assert [(a.name, a.equal, a.corresponding, a.is_owner) for a in authors] == [
        ("Gao Huang", True, False, True),
        ("Zhuang Liu", True, False, False),
        ("Kilian Weinberger", False, True, False),
    ]


def test_fold_and_parse():
    assert fold("Zoë Ørsted-Łukasz, Jr.") == "zoe orsted lukasz, jr"
    assert fold("Weiß") == "weiss"
    parsed = parse_name("van der Maaten, Laurens")
    assert parsed is not None and parsed.surname == "maaten" and parsed.given[0].compact == "laurens"
    assert parse_name("et al.") is None and parse_name("") is None
