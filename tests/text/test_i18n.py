"""cvgen's words per language: the catalogs, the language of a build, CLDR dates."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from markupsafe import Markup

from cvgen.render import html_environment, tex_environment
from cvgen.text import i18n
from cvgen.text.words import css_words
from cvgen.tools.messages import extract

LANGUAGES = ["en", "de", "fr", "es", "it", "pt", "nl", "zh-Hans", "zh-Hant", "ja", "ko", "ru"]
_PLACE = re.compile(r"%\((\w+)\)s")


def _po(tag: str) -> dict[str, str]:
    with open(i18n.LOCALE_DIR / tag / "LC_MESSAGES" / "cvgen.po", "rb") as f:
        return {str(m.id): str(m.string) for m in read_po(f) if m.id}


def test_the_shipped_languages():
    assert i18n.catalog_languages() == sorted(LANGUAGES)


def test_the_template_catalog_lists_every_message_cvgen_prints():
    """cvgen/locale/cvgen.pot is up to date: `python -m cvgen.tools.messages` rewrites it."""
    assert list(i18n.all_messages()) == extract()
    for message in ("Publications", "Page %(page)s of %(total)s", "present", "* equal contribution", "Website"):
        assert message in i18n.all_messages()


@pytest.mark.parametrize("tag", LANGUAGES)
def test_every_catalog_is_complete_and_keeps_the_places(tag):
    catalog = _po(tag)
    missing = [m for m in i18n.all_messages() if not catalog.get(m)]
    assert not missing, f"{tag} lacks {missing}"
    assert not i18n.missing(tag)
    for message, text in catalog.items():
        assert sorted(_PLACE.findall(text)) == sorted(_PLACE.findall(message)), (tag, message, text)
        assert "%" not in _PLACE.sub("", text), (tag, text)  # a stray % would break the filling


def test_the_english_catalog_is_the_english_words():
    assert all(text == message for message, text in _po("en").items())


def test_translations_differ_from_english_where_a_reader_would_notice():
    de, zh = i18n.translations("de"), i18n.translations("zh-Hans")
    assert de["Publications"] == "Publikationen" and de["Teaching"] == "Lehre"
    assert zh["Publications"] == "发表论文" and zh["Teaching"] == "教学"
    for tag in LANGUAGES[1:]:
        words = i18n.translations(tag)
        same = [m for m in ("Education", "Teaching", "Page %(page)s of %(total)s", "present") if words[m] == m]
        assert not same, (tag, same)


def test_gettext_follows_the_build_language_and_falls_back_to_english():
    assert i18n.gettext("Teaching") == "Teaching"
    with i18n.use("de"):
        assert i18n.gettext("Teaching") == "Lehre"
        assert i18n.gettext("not a message of cvgen") == "not a message of cvgen"
        with i18n.use("zh"):
            assert i18n.gettext("Teaching") == "教学"
        assert i18n.current() == "de"
    with i18n.use("de-AT"):
        assert i18n.gettext("Teaching") == "Lehre"
    with i18n.use("zh-TW"):
        assert i18n.gettext("Teaching") == "教學"
    with i18n.use("sv"):  # no catalog: English
        assert i18n.gettext("Teaching") == "Teaching"
    assert i18n.current() == "en"


@pytest.mark.parametrize(
    ("wanted", "available", "found"),
    [
        ("zh", ["en", "zh-Hans"], "zh-Hans"),
        ("zh-Hans", ["en", "zh"], "zh"),
        ("zh-TW", ["zh-Hans", "zh-Hant"], "zh-Hant"),
        ("zh-Hant", ["en", "zh"], "zh"),  # the same language in the other script beats another language
        ("de-CH", ["en", "de"], "de"),
        ("DE", ["en", "de"], "de"),
        ("fr", ["en", "de"], None),
        ("pt-BR", ["pt"], "pt"),
    ],
)
def test_best_match(wanted, available, found):
    assert i18n.best_match(wanted, available) == found


def test_pick_takes_the_build_language_then_the_profiles_then_the_first():
    texts = {"de": "Lehre", "en": "Teaching", "zh": "教学"}
    assert i18n.pick(texts, ["zh-Hans", "en"]) == "教学"
    assert i18n.pick(texts, ["fr", "en"]) == "Teaching"
    assert i18n.pick(texts, ["fr", "it"]) == "Lehre"
    assert i18n.pick(texts, [None, None]) == "Lehre"


@pytest.mark.parametrize(
    ("tag", "short", "full"),
    [
        ("en", "Mar 2024", "March 2024"),
        ("de", "März 2024", "März 2024"),
        ("fr", "mars 2024", "mars 2024"),
        ("zh-Hans", "2024年3月", "2024年3月"),
        ("ja", "2024年3月", "2024年3月"),
        ("ko", "2024년 3월", "2024년 3월"),
        ("ru", "март 2024", "март 2024"),
    ],
)
def test_dates_follow_cldr(tag, short, full):
    with i18n.use(tag):
        assert i18n.month_year(2024, 3) == short
        assert i18n.month_year(2024, 3, full=True) == full
        assert i18n.month_year(2024, None) == "2024"


def test_german_months_are_abbreviated_as_german_writes_them():
    with i18n.use("de"):
        assert i18n.month_year(2024, 9) == "Sept. 2024"


def test_templates_print_the_build_language():
    with i18n.use("de"):
        html = html_environment().from_string('{{ _("Last updated %(date)s", date="<x>") }}').render()
        tex = tex_environment().from_string('<< _("Page %(page)s of %(total)s", page=tex("\\\\thepage"), total="2") >>')
        tex = tex.render()
    assert html == "Stand: &lt;x&gt;"
    assert tex == r"Seite \thepage von 2"


def test_css_words_quote_the_text_and_keep_the_counters():
    page = css_words("Page %(page)s of %(total)s", page="counter(page)", total="counter(pages)")
    assert page == '"Page " counter(page) " of " counter(pages)' and isinstance(page, Markup)
    with i18n.use("zh-Hans"):
        page = css_words("Page %(page)s of %(total)s", page="counter(page)", total="counter(pages)")
    assert page == '"第 " counter(page) " 页，共 " counter(total) " 页"'.replace("counter(total)", "counter(pages)")


def test_css_words_escape_what_could_end_the_string_or_the_style():
    from cvgen.text.words import _css_string

    assert _css_string('a"b\\c</style>') == '"a\\22 b\\5c c\\3c /style\\3e "'


def test_is_language():
    assert i18n.is_language("zh-Hans") and i18n.is_language("de") and i18n.is_language("pt-BR")
    assert not i18n.is_language("xx") and not i18n.is_language("english")
    # only BCP 47's form reaches `<html lang>`, `pdflang` and the switcher
    for tag in ('de-"><x', "zh_Hans", "de-}{", "en-" + "x" * 50, "de\\x"):
        assert not i18n.is_language(tag), tag


def test_language_names_are_in_their_own_language():
    assert [i18n.language_name(t) for t in ("en", "de", "fr", "zh", "ja")] == [
        "English",
        "Deutsch",
        "Français",
        "中文",
        "日本語",
    ]
