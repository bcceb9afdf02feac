"""Value types: dates, year lists, links, local paths."""

import pytest
from pydantic_core import PydanticCustomError

from cvgen.profile.types import PartialDate, Years, check_local_path, check_url


@pytest.mark.parametrize(
    "value, text, display",
    [
        (2024, "2024", "2024"),
        ("2024-3", "2024-03", "Mar 2024"),
        ("2024-03-15", "2024-03-15", "Mar 2024"),
        ("present", "present", "present"),
    ],
)
def test_dates(value, text, display):
    d = PartialDate.parse(value)
    assert str(d) == text and d.display() == display


@pytest.mark.parametrize("value", ["2020-13", "2020-02-30", "20-01", "soon", True, 3.5, "2020-13-45"])
def test_bad_dates(value):
    with pytest.raises(PydanticCustomError):
        PartialDate.parse(value)


def test_present_sorts_last():
    assert PartialDate.parse("present").key() > PartialDate.parse("2099-12-31").key()


@pytest.mark.parametrize(
    "value, text, latest",
    [
        (2023, "2023", 2023),
        ([2025, 2023], "2025, 2023", 2025),
        ("2023-", "2023–", 9999),
        ("2021-2024", "2021–2024", 2024),
        ("2025, 2023", "2025, 2023", 2025),
        ("2019-present", "2019–", 9999),
    ],
)
def test_years(value, text, latest):
    y = Years.parse(value)
    assert str(y) == text and y.latest() == latest


@pytest.mark.parametrize("value", ["2024-2021", "twenty", [], [True]])
def test_bad_years(value):
    with pytest.raises(PydanticCustomError):
        Years.parse(value)


@pytest.mark.parametrize(
    "url", ["https://a.org/x?y=1#z", "http://a.b", "mailto:a@b.c", "cv.pdf", "papers/x.pdf", "#top"]
)
def test_good_urls(url):
    assert check_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>",
        "file:///etc/passwd",
        "//evil.org/x",
        "https://",
        "a b",
        "vbscript:x",
    ],
)
def test_bad_urls(url):
    with pytest.raises(PydanticCustomError):
        check_url(url)


@pytest.mark.parametrize("path", ["../x.png", "/etc/passwd", "a/../../b", "C:\\x.png", "https://x.org/a.png"])
def test_paths_stay_inside(path):
    with pytest.raises(PydanticCustomError):
        check_local_path(path)
