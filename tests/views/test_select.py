"""Stage 3: variants, filters and order."""

from pathlib import Path

import pytest

from cvgen.errors import CvgenError
from cvgen.profile.load import load_text
from cvgen.profile.validate import validate
from cvgen.views.select import select

PROFILE = """\
person: {name: Ada Lovelace}
publications:
  - {title: Old, year: 2010, selected: true, type: journal}
  - {title: New, year: 2023}
  - {title: Mid, year: 2018, selected: true}
  - {title: Undated}
awards:
  - {title: A2015, year: 2015}
  - {title: A2022, year: 2022}
cv:
  sections: [awards, publications]
variants:
  short:
    cv: {paper: letter, font_size: 9}
    publications: {selected_only: true}
    max_pages: 2
  recent: {cv: {since: 2020}}
  top1: {publications: {max: 1}}
"""


@pytest.fixture
def profile():
    return validate(load_text(PROFILE, Path("p.yaml")))


def titles(sel):
    return [p.title for p in sel.publications]


def test_default_newest_first_undated_last(profile):
    sel = select(profile, profile.publication_list(), "cv")
    assert titles(sel) == ["New", "Mid", "Old", "Undated"]
    assert sel.sections == ("awards", "publications")
    assert [a.title for a in sel.entries("awards")] == ["A2022", "A2015"]
    assert sel.options.numbering == "descending" and sel.cv.paper is None


def test_variant_overrides(profile):
    sel = select(profile, profile.publication_list(), "cv", "short")
    assert titles(sel) == ["Mid", "Old"]
    assert sel.cv.paper == "letter" and sel.cv.font_size == 9 and sel.cv.max_pages == 2
    assert sel.cv.sections == ["awards", "publications"]  # kept from the base


def test_since_applies_to_every_dated_section(profile):
    sel = select(profile, profile.publication_list(), "cv", "recent")
    assert titles(sel) == ["New", "Undated"]
    assert [a.title for a in sel.entries("awards")] == ["A2022"]


def test_max(profile):
    assert titles(select(profile, profile.publication_list(), "cv", "top1")) == ["New"]


def test_homepage_ignores_cv_variant_publication_filter(profile):
    sel = select(profile, profile.publication_list(), "homepage", "short")
    assert len(sel.publications) == 4 and sel.options.own_name == "underline"


def test_unknown_variant(profile):
    with pytest.raises(CvgenError, match="unknown variant 'long'.*recent, short, top1"):
        select(profile, profile.publication_list(), "cv", "long")
