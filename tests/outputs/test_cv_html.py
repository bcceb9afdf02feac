"""The HTML the CV PDF is printed from: golden copies for both seed profiles."""

import pytest

from cvgen.build import read_profile, render_cv_html
from tests.conftest import PROFILES
from tests.golden import assert_golden


@pytest.mark.parametrize("name", ["gao-huang", "haoyu-he"])
def test_golden_cv_html(name, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    html, _ = render_cv_html(read_profile(PROFILES / f"{name}.yaml"), None)
    assert_golden(html, f"cv/{name}.html")


def test_short_variant_html_only_selected(monkeypatch):
    source = read_profile(PROFILES / "gao-huang.yaml")
    html, max_pages = render_cv_html(source, "short")
    selected = [p.title for p in source.publications if p.selected]
    others = [p.title for p in source.publications if not p.selected]
    assert max_pages == 2 and selected
    assert all(t.replace("'", "&#39;") in html for t in selected)
    assert not any(f"{t}." in html for t in others)
