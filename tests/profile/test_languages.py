"""Text in several languages: `title: {en: ..., de: ..., zh: ...}` read in the build's language."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from cvgen.errors import ProfileError
from cvgen.profile.languages import build_languages, text_mappings
from cvgen.profile.load import load_file, load_text
from cvgen.profile.schema import json_schema
from cvgen.profile.validate import validate

DATA = Path(__file__).resolve().parent.parent / "data" / "i18n"
PROFILE = """\
lang: de
person:
  name: Anna Schmidt
  position: {en: Professor of Physics, de: Professorin für Physik, zh: 物理学教授}
  affiliation: {en: University of Bonn, zh-Hant: 波恩大學}
bio:
  de: Ich **forsche** zu Quantenoptik.
  en: I **study** quantum optics.
teaching:
  - course: {en: Optics, de: Optik}
    year: 2024
interests: [{en: Optics, de: Optik}, Lasers]
"""


def profile(lang: str | None, text: str = PROFILE):
    return validate(load_text(text, Path("p.yaml")), lang)


def test_a_build_reads_its_language():
    en, de, zh = profile("en"), profile("de"), profile("zh-Hans")
    assert (en.person.position, de.person.position, zh.person.position) == (
        "Professor of Physics",
        "Professorin für Physik",
        "物理学教授",
    )
    assert de.bio == "Ich **forsche** zu Quantenoptik." and en.bio == "I **study** quantum optics."
    assert de.teaching[0].course == "Optik" and de.interests == ["Optik", "Lasers"]


def test_then_the_profiles_language_then_the_first_given():
    fr = profile("fr")
    assert fr.person.position == "Professorin für Physik"  # the profile's lang (de)
    assert fr.person.affiliation == "University of Bonn"  # no de: the first given
    assert profile(None).person.position == "Professorin für Physik"


def test_chinese_tags_meet_across_forms():
    assert profile("zh").person.position == "物理学教授"  # zh-Hans build, zh text
    assert profile("zh-TW").person.affiliation == "波恩大學"  # zh-TW build, zh-Hant text
    assert profile("zh-Hant").person.position == "物理学教授"  # no zh-Hant text: the zh text


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        (
            "  position: {en: X, dee: Y}\n",
            "p.yaml:3:21: person.position.dee: 'dee' is not a language; did you mean 'de'?",
        ),
        ("  position: {}\n", "person.position: give the text, or a mapping of languages to text"),
        (
            "  position: {en: [a, b]}\n",
            "p.yaml:3:14: person.position.en: the text in 'en' must be text, not a mapping or list",
        ),
        (
            "  position: {en: Professor, Bonn, de: Professorin}\n",
            "person.position.Bonn: 'Bonn' is not a language (a BCP 47 tag like en, de, zh-Hans)",
        ),
    ],
)
def test_wrong_mappings_are_located_with_a_hint(yaml_text, expected):
    with pytest.raises(ProfileError) as info:
        profile("en", "person:\n  name: A\n" + yaml_text)
    assert expected in "\n".join(str(p) for p in info.value.problems)


def test_the_profiles_lang_is_checked():
    with pytest.raises(ProfileError) as info:
        profile(None, "lang: germn\nperson: {name: A}\n")
    assert "p.yaml:1:1: lang: 'germn' is not a language" in str(info.value)
    assert profile(None, "person: {name: A}\n").lang == "en"


def test_a_mapping_where_a_mapping_belongs_is_not_text():
    p = profile("de", "person:\n  name: A\n  links: {github: 'https://github.com/a', de: 'https://a.de'}\n")
    assert p.person.links == {"github": "https://github.com/a", "de": "https://a.de"}


def test_the_schema_accepts_text_per_language():
    schema = json.loads(json_schema())
    data = yaml.safe_load((DATA / "weber-en-de-zh.yaml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    wrong = {"person": {"name": "A", "position": {"en": ["a"]}}}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(wrong))


def test_text_mappings_are_found_by_the_models_types():
    loaded = load_file(DATA / "weber-en-de-zh.yaml")
    paths = [path for path, _ in text_mappings(loaded.data)]
    assert ("person", "position") in paths and ("bio",) in paths and ("interests", 0) in paths
    assert ("education", 0, "thesis") in paths and ("publications", 2, "note") in paths
    assert ("person", "links") not in paths and ("cv", "publications") not in paths
    assert build_languages(validate(loaded)) == ["en", "de", "zh"]
