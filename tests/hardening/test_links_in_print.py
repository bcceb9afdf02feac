"""Failure 13: a relative link in the WeasyPrint PDF became `file:///<build folder>/...`, which names
the build machine's folders and opens nothing for a reader. No PDF link may point at a file."""

from __future__ import annotations

import pypdf
import pytest

from tests.hardening.support import run_cvgen

PROFILE = """\
person:
  name: Ada Lovelace
  email: ada@example.org
bio: "My [thesis](papers/thesis.pdf) and [slides](../../etc/passwd)."
publications:
  - title: A Relative Paper
    authors: [Ada Lovelace]
    venue: Journal of Tests
    year: 2020
    links: {pdf: papers/a.pdf, code: "https://github.com/ada/a"}
cv:
  sections: [about, publications]
"""


def _uris(pdf):
    return [
        a.get_object()["/A"].get("/URI")
        for page in pypdf.PdfReader(pdf).pages
        for a in page.get("/Annots") or []
        if a.get_object().get("/A")
    ]


@pytest.mark.parametrize("engine", ["weasyprint", pytest.param("latex", marks=pytest.mark.latex)])
@pytest.mark.parametrize("base", [None, "https://ada.example.org/"])
def test_no_pdf_link_points_at_a_file(tmp_path, engine, base):
    text = PROFILE + (f"homepage:\n  base_url: {base}\n" if base else "")
    (tmp_path / "cv.yaml").write_text(text)
    done = run_cvgen("build", tmp_path / "cv.yaml", "--pdf", "--engine", engine, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    uris = _uris(tmp_path / "out" / "cv.pdf")
    assert not [u for u in uris if not u.startswith(("https://", "mailto:"))], uris
    assert "https://github.com/ada/a" in uris
    if base:
        assert "https://ada.example.org/papers/a.pdf" in uris
        assert "https://ada.example.org/papers/thesis.pdf" in uris
