"""CV variants: `--variant NAME` applies the overrides under `variants:`; `max_pages` is enforced with the real count."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from cvgen.build import BuildOptions, build, read_profile
from tests.conftest import pdf_text

ROOT = Path(__file__).resolve().parent.parent
GAO = ROOT / "profiles" / "gao-huang.yaml"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def short_cv(tmp_path_factory):
    """profiles/gao-huang.yaml --variant short --pdf, built once."""
    out = tmp_path_factory.mktemp("short")
    report = build(GAO, BuildOptions(pdf=True, variant="short", outdir=out))
    return out / "cv-short.pdf", report


def test_short_variant_is_two_pages_of_selected_work(short_cv):
    pdf, report = short_cv
    assert pdf.exists() and report.pages is not None and report.pages <= 2
    text = _squash(pdf_text(pdf))
    pubs = read_profile(GAO).publications
    selected = [p for p in pubs if p.selected]
    assert 5 <= len(selected) < len(pubs)
    for p in pubs:
        shown = _squash(p.title) in text
        assert shown == p.selected, f"{p.title!r}: selected={p.selected} but shown={shown}"


def test_max_pages_exceeded_fails_with_the_real_count(short_cv, cli, tmp_path):
    _, report = short_cv
    data = yaml.safe_load(GAO.read_text(encoding="utf-8"))
    data["variants"]["one"] = {"publications": {"selected_only": True}, "max_pages": 1}
    folder = tmp_path / "p"
    shutil.copytree(GAO.parent / "images", folder / "images")
    profile = folder / "gao-huang.yaml"
    profile.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = cli("build", profile, "--variant", "one", "--pdf", "-o", out)
    assert code == 1
    assert f"has {report.pages} pages" in err and "variant 'one' allows at most 1" in err
    assert "Traceback" not in err and not (out / "cv-one.pdf").exists()


def test_unknown_variant(cli):
    code, out, err = cli("build", GAO, "--variant", "nope", "--html", "-o", "/tmp/never-written")
    assert code == 1 and "unknown variant 'nope'" in err and "short" in err


@pytest.fixture
def variant_profile(write_profile):
    pubs = "\n".join(
        f"  - {{title: Paper {y}, authors: [A B, Gao Huang], year: {y}, type: {t}, selected: {str(y % 2 == 0).lower()}}}"
        for y, t in zip(range(2015, 2025), ["conference", "journal"] * 5, strict=True)
    )
    return write_profile(f"""person: {{name: Gao Huang}}
awards:
  - {{title: Old Award, year: 2012}}
  - {{title: New Award, year: 2023}}
publications:
{pubs}
variants:
  grant:
    cv: {{sections: [publications, awards], paper: letter, font_size: 9, since: 2020, max_items: 3}}
    publications: {{types: [journal], max: 2, numbering: none, group_by: none}}
  selected:
    publications: {{selected_only: true, since: 2018}}
""")


def test_variant_overrides_apply(variant_profile, tmp_path):
    build(variant_profile, BuildOptions(html=True, variant="grant", outdir=tmp_path))
    html = (tmp_path / "cv-grant.html").read_text(encoding="utf-8")
    assert "size: letter" in html and "font-size: 9.0pt" in html
    titles = re.findall(r"Paper (\d{4})", html)
    assert titles == ["2024", "2022"]  # journals only, newest first, at most 2
    assert "New Award" in html and "Old Award" not in html  # since 2020
    assert html.index("Publications") < html.index("Honors and Awards")  # the variant's section order
    # the base CV is untouched
    build(variant_profile, BuildOptions(html=True, outdir=tmp_path))
    base = (tmp_path / "cv.html").read_text(encoding="utf-8")
    assert len(re.findall(r"Paper \d{4}", base)) == 10 and "size: A4" in base


def test_selected_since(variant_profile, tmp_path):
    build(variant_profile, BuildOptions(html=True, variant="selected", outdir=tmp_path))
    html = (tmp_path / "cv-selected.html").read_text(encoding="utf-8")
    assert re.findall(r"Paper (\d{4})", html) == ["2024", "2022", "2020", "2018"]
