"""The HTML the CV PDF is printed from: golden copies for both seed profiles."""

import pytest

from cvgen.outputs.cv import cv_html
from cvgen.profile.source import read_profile
from cvgen.views.select import select
from tests.conftest import PROFILES
from tests.golden import assert_golden


@pytest.mark.parametrize("name", ["gao-huang", "haoyu-he"])
def test_golden_cv_html(name, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    source = read_profile(PROFILES / f"{name}.yaml")
    html = cv_html(source, select(source.profile, source.publications, "cv", None))
    assert_golden(html, f"cv/{name}.html")


def test_short_variant_html_only_selected(monkeypatch):
    source = read_profile(PROFILES / "gao-huang.yaml")
    sel = select(source.profile, source.publications, "cv", "short")
    html, max_pages = cv_html(source, sel), sel.cv.max_pages
    selected = [p.title for p in source.publications if p.selected]
    others = [p.title for p in source.publications if not p.selected]
    assert max_pages == 2 and selected
    assert all(t.replace("'", "&#39;") in html for t in selected)
    assert not any(f"{t}." in html for t in others)
