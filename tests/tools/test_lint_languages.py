"""lint `language`: text a build language lacks; cvgen words a catalog lacks."""

from __future__ import annotations

from pathlib import Path

from cvgen.text import i18n
from cvgen.tools.lint import lint_file

DATA = Path(__file__).resolve().parents[1] / "data" / "i18n"
PROFILE = """\
lang: de
person:
  name: Anna Schmidt
  position: {en: Professor, de: Professorin}
  affiliation: {en: University of Bonn, zh: 波恩大学}
teaching:
  - course: {de: Optik, en: Optics, zh-Hant: 光學}
    year: 2024
homepage:
  languages: [de, en, sv, zh-Hant]
"""


def language_findings(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(f) for f in lint_file(path) if f.check == "language"]


def test_text_without_a_build_language_is_named_where_it_is(tmp_path):
    found = language_findings(tmp_path, PROFILE)
    position = [f for f in found if "person.position" in f]
    affiliation = [f for f in found if "person.affiliation" in f]
    assert position == [
        f"{tmp_path / 'p.yaml'}:4:3: person.position: no text in 'sv', 'zh-Hant' (given: en, de); "
        "those builds print the 'de' text"
    ]
    assert len(affiliation) == 1 and "no text in 'de', 'sv' (given: en, zh)" in affiliation[0]
    teaching = [f for f in found if "teaching[0].course" in f]
    assert len(teaching) == 1 and "no text in 'sv' (given: de, en, zh-Hant)" in teaching[0]


def test_a_language_without_a_catalog_is_named(tmp_path):
    found = language_findings(tmp_path, PROFILE)
    sv = [f for f in found if "homepage.languages[2]" in f]
    assert len(sv) == 1 and "cvgen has no words in 'sv'" in sv[0] and "zh-Hans" in sv[0]


def test_missing_catalog_entries_are_named(tmp_path, monkeypatch):
    have = i18n.translations("de")
    monkeypatch.setattr(
        i18n, "translations", lambda tag: {k: v for k, v in have.items() if k != "Teaching"} if tag == "de" else {}
    )
    found = language_findings(tmp_path, "lang: de\nperson: {name: A}\n")
    assert found == [
        f"{tmp_path / 'p.yaml'}:1:1: lang: cvgen's catalog for 'de' lacks 'Teaching', which print in English; "
        "add them to cvgen/locale/de/LC_MESSAGES/cvgen.po"
    ]


def test_a_complete_trilingual_profile_is_clean():
    assert not [f for f in lint_file(DATA / "weber-en-de-zh.yaml") if f.check == "language"]
