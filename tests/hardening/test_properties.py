"""Property: any text in any field either builds (PDF, CV HTML, homepage) and shows up literally and
escaped, or is refused by validation with a located message. No third outcome.

The alphabet is what the installed fonts print (Latin, Latin-1, Latin Extended-A, Greek, Cyrillic,
CJK unified ideographs, common punctuation) plus every TeX/HTML/Markdown special character. One PDF
per example; derandomized in CI so a failure there is reproducible.
"""

from __future__ import annotations

import os
import re
import unicodedata

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from cvgen.text.format import markdown_parser
from tests.conftest import IN_CI
from tests.hardening.support import (
    DANGEROUS_TAGS,
    _Skeleton,
    html_problems,
    output_files,
    pdf_body_text,
    squash,
    visible_markdown,
)

RANGES = [
    (0x20, 0x7E),  # ASCII
    (0xA0, 0xFF),  # Latin-1 supplement
    (0x100, 0x17F),  # Latin Extended-A
    (0x370, 0x3FF),  # Greek
    (0x400, 0x4FF),  # Cyrillic
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0x2010, 0x2027),  # dashes, quotes, bullets, ellipsis
    (0x2030, 0x203A),  # per mille, primes, angle quotes
]
SPECIALS = "\\{}$&#^_~%<>|\"'`*[]()!-:/@;=?+.,\n\t "


def printable(ch: str) -> bool:
    # no controls, format characters (soft hyphen), unassigned code points, combining marks, separators
    return unicodedata.category(ch)[0] not in "CMZ" or ch in " \n\t"


CHARS = st.one_of(
    st.sampled_from(SPECIALS),
    *[st.characters(min_codepoint=a, max_codepoint=b).filter(printable) for a, b in RANGES],
)
TEXT = st.text(CHARS, min_size=1, max_size=40)

# field -> (where it goes in the profile, kind: text | inline | block Markdown)
FIELDS = {
    "name": (("person", "name"), "text"),
    "position": (("person", "position"), "text"),
    "bio": (("bio",), "block"),
    "news": (("news", 0, "text"), "inline"),
    "title": (("publications", 0, "title"), "text"),
    "venue": (("publications", 0, "venue"), "text"),
    "pub_note": (("publications", 0, "note"), "text"),
    "author": (("publications", 0, "authors", 0), "text"),
    "award": (("awards", 0, "title"), "text"),
    "award_note": (("awards", 0, "note"), "inline"),
    "thesis": (("education", 0, "thesis"), "text"),
    "student": (("students", 0, "name"), "text"),
    "talk": (("talks", 0, "title"), "text"),
    "custom": (("sections", 0, "entries", 0), "inline"),
}
SKELETON = {
    "person": {"name": "", "position": ""},
    "bio": "",
    "news": [{"date": "2024-03", "text": ""}],
    "publications": [{"title": "", "venue": "", "note": "", "authors": ["", "Ada Lovelace"], "year": 2024}],
    "awards": [{"title": "", "note": "", "year": 2020}],
    "education": [{"degree": "PhD", "institution": "U", "thesis": ""}],
    "students": [{"name": ""}],
    "talks": [{"title": ""}],
    "sections": [{"title": "Other", "id": "other", "entries": [""]}],
    "cv": {
        "sections": ["about", "news", "publications", "awards", "education", "students", "talks", "other"],
    },
}


def profile_data(texts: dict[str, str]) -> dict:
    data = yaml.safe_load(yaml.safe_dump(SKELETON))
    for field, (where, _) in FIELDS.items():
        node = data
        for step in where[:-1]:
            node = node[step]
        node[where[-1]] = texts[field]
    return data


def shown(value: str, kind: str) -> str:
    value = value.strip()
    if kind == "text":
        return value
    return visible_markdown(value, inline=kind == "inline")


@st.composite
def profiles(draw):
    texts = {field: draw(TEXT) for field in FIELDS}
    # an author's trailing * or † is a mark, not part of the name: keep the name's own text apart
    texts["author"] = texts["author"].rstrip("*∗†‡ \n\t") + " X"
    return texts


@settings(
    max_examples=int(os.environ.get("CVGEN_PROPERTY_EXAMPLES", "25")),
    deadline=None,
    derandomize=IN_CI,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=profiles())
def test_any_text_builds_literally_or_is_refused(texts, tmp_path_factory, cli):
    folder = tmp_path_factory.mktemp("prop")
    profile = folder / "profile.yaml"
    profile.write_text(yaml.safe_dump(profile_data(texts), allow_unicode=True), encoding="utf-8")
    out = folder / "out"
    flags = ["--pdf", "--html", "--homepage"]
    code, stdout, err = cli("build", profile, *flags, "-o", out)
    assert "Traceback" not in err
    event("built" if code == 0 else "refused by validation")
    if code != 0:
        # the only other outcome: validation refused it, located, and nothing was written
        assert code == 1 and err.rstrip().endswith("nothing was written."), err
        assert all(line.startswith(f"{profile}:") for line in err.splitlines()[:-1]), err
        assert not out.exists() or not any(out.iterdir())
        return

    text = pdf_body_text(out / "cv.pdf", texts["name"].strip())
    missing = [f for f, (_, kind) in FIELDS.items() if squash(shown(texts[f], kind)) not in text]
    assert not missing, f"not in the PDF text: {missing}"

    page = (out / "cv.html").read_text(encoding="utf-8")
    typed = as_typed(page)
    for field, (_, kind) in FIELDS.items():
        value = texts[field].strip()
        if kind == "text":
            assert as_typed(str(escape(value))) in typed, field
        else:
            md = markdown_parser()
            rendered = md.render(value) if kind == "block" else md.renderInline(value)
            assert as_typed(rendered.strip()) in typed, field
    check_page(page)
    for path in output_files(out):
        if path.suffix == ".html" and path.name != "cv.html":
            check_page(path.read_text(encoding="utf-8"))


def as_typed(html: str) -> str:
    """The printed CV curls quotes, keeps names whole and moves spaces into inline elements
    (cvgen/text/typography.py, cvgen/text/html.py): HTML compared as typed, without whitespace."""
    html = html.replace("&#39;", "'").replace("&#34;", '"').replace("&quot;", '"')
    return re.sub(r"\s+", "", html.translate({0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"', 0x2060: None}))


def check_page(page: str) -> None:
    """No event attributes or unsafe links anywhere, no dangerous element in the body."""
    assert html_problems(page, []) == []
    body = _Skeleton()
    body.feed(page.split("<body", 1)[1])
    allowed_in_body = {"img", "svg", "script"}  # the homepage's own photo, icons and JSON-LD, never from text
    assert not [t for t, _ in body.tags if t in DANGEROUS_TAGS - allowed_in_body]
    assert not [t for t, a in body.tags if t == "script" and a.get("type") != "application/ld+json"]


def test_alphabet_prints_in_the_installed_fonts():
    """Sanity for the property: each range is non-empty after filtering."""
    for a, b in RANGES:
        assert any(printable(chr(c)) for c in range(a, b + 1)), (a, b)


@pytest.mark.parametrize("where", ["name", "author"])
def test_a_name_that_is_only_a_comma(where, tmp_path, cli):
    """Found by the property: a person or author name of only commas crashed the CV with IndexError."""
    texts = {field: "x" for field in FIELDS}
    texts[where] = ","
    profile = tmp_path / "profile.yaml"
    profile.write_text(yaml.safe_dump(profile_data(texts), allow_unicode=True), encoding="utf-8")
    code, _, err = cli("build", profile, "--pdf", "-o", tmp_path / "out")
    assert code == 0, err
