"""Exports: `--bib` (clean BibTeX that reads back the same) and `--json-resume` (valid against the official schema)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from cvgen.outputs.bib import bib_name, citation_keys, to_bibtex
from cvgen.outputs.json_resume import to_json_resume
from cvgen.profile.bibtex import read_bibtex
from cvgen.profile.model import Publication
from cvgen.profile.source import read_profile
from cvgen.text.tex import escape_bibtex as tex_escape

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = ROOT / "node_modules" / "resume-schema" / "schema.json"
PROFILES = [ROOT / "profiles" / "gao-huang.yaml", ROOT / "profiles" / "haoyu-he.yaml",
            ROOT / "tests" / "data" / "bib" / "profile.yaml"]  # fmt: skip


def resume_validator() -> jsonschema.Draft4Validator:
    if not SCHEMA_FILE.exists():
        pytest.fail("node_modules/resume-schema is missing: run `npm ci` (scripts/test.sh does)")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def test_bib_names():
    assert bib_name("Gao Huang*") == "Huang*, Gao"
    assert bib_name("Kilian Weinberger†") == r"Weinberger\textdagger{}, Kilian"
    assert bib_name("Laurens van der Maaten") == "van der Maaten, Laurens"
    assert bib_name("Martin Luther King Jr.") == "King, Jr., Martin Luther"
    assert bib_name("Zoë Müller") == r"M{\"u}ller, Zo{\"e}"
    assert bib_name("黄高") == "{黄高}"
    assert bib_name("et al.") == "others"


def test_escaping():
    assert tex_escape("50% & $5 #1 a_b {x} ~") == r"50{\%} {\&} {\$}5 {\#}1 a{\_}b {\{}x{\}} {\textasciitilde}"
    assert tex_escape("1–10 — “q”") == "1--10 --- ``q''"


def test_keys_are_kept_safe_and_unique():
    def pub(**kw):
        return Publication.model_validate({"title": "Densely Connected Networks", "year": 2017, **kw})

    pubs = [pub(authors=["Gao Huang"]), pub(authors=["Gao Huang"]), pub(key="my key,{x}"), pub(key="k1"), pub(key="K1")]
    assert citation_keys(pubs) == ["huang2017densely", "huang2017denselya", "mykeyx", "k1", "K1a"]


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.parent.name + "/" + p.name)
def test_bib_reads_back_the_same(profile, tmp_path):
    source = read_profile(profile)
    text = to_bibtex(source.publications)
    (tmp_path / "publications.bib").write_text(text, encoding="utf-8")
    # thumbnails are files of the original folder: give them to the re-read too
    back = read_bibtex(tmp_path / "publications.bib", source.folder)
    assert len(back) == len(source.publications)
    for want, got in zip(source.publications, back, strict=True):
        expected = want.model_dump(exclude={"key"})
        assert got.model_dump(exclude={"key"}) == expected, want.title
    assert "\\url" not in text and not re.search(r"[^\x00-\x7f]", text.replace("黄高", "").replace("王小明", ""))


def test_bib_is_clean_bibtex():
    source = read_profile(PROFILES[0])
    text = to_bibtex(source.publications)
    entry = text[text.index("@inproceedings{huang2017densenet,") :]
    entry = entry[: entry.index("\n}\n")]
    assert "  author    = {Huang*, Gao and Liu*, Zhuang and van der Maaten, Laurens and Weinberger, Kilian}" in entry
    assert "title     = {Densely Connected Convolutional Networks}" in entry
    assert "selected  = {true}" in entry and "note      = {Best Paper Award}" in entry
    assert "month" not in entry or re.search(r"month\s+= [a-z]{3},", entry)
    cond = text[text.index("@inproceedings{huang2018condensenet,") :]
    assert "title     = {{CondenseNet}: An Efficient {DenseNet} using Learned Group Convolutions}" in cond


def test_cli_writes_both_exports(cli, tmp_path):
    code, out, err = cli("build", PROFILES[2], "--bib", "--json-resume", "-o", tmp_path)
    assert code == 0, err
    assert "publications.bib" in out and "resume.json" in out
    assert "lists the 104 publications of the .bib include(s) inline" in err
    assert (tmp_path / "publications.bib").read_text(encoding="utf-8").count("\n@") == 104
    assert not (tmp_path / "cv.pdf").exists()  # exports alone build nothing else


def test_variant_exports_its_cut(cli, tmp_path):
    code, out, err = cli("build", PROFILES[0], "--bib", "--variant", "short", "-o", tmp_path)
    assert code == 0, err
    source = read_profile(PROFILES[0])
    n_selected = sum(p.selected for p in source.publications)
    assert (tmp_path / "publications.bib").read_text(encoding="utf-8").count("\n@") == n_selected


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.parent.name + "/" + p.name)
def test_json_resume_validates(profile):
    source = read_profile(profile)
    doc = to_json_resume(source)
    errors = sorted(resume_validator().iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert doc["basics"]["name"] == source.profile.person.name
    assert len(doc["publications"]) == len(source.publications)
    # academic fields travel in extension keys
    first = doc["publications"][0]["x-cvgen"]
    assert first["title"] == source.publications[0].title and "authors" in first
    assert doc["meta"]["x-cvgen"]["version"] == 1


def test_json_resume_is_reproducible(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    source = read_profile(PROFILES[0])
    a, b = to_json_resume(source), to_json_resume(source)
    assert a == b and a["meta"]["lastModified"] == "2023-11-14T00:00:00"
