"""A CV in the reader's language, from one profile holding text in several: both engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import pdf_text, require

PROFILE = Path(__file__).resolve().parents[1] / "data" / "i18n" / "weber-en-de-zh.yaml"

# cvgen's own English words a CV of this profile would print: none may be left in another language.
ENGLISH = [
    "Research Interests", "Positions", "Education", "Honors and Awards", "Grants and Funding", "Publications",
    "Conference Papers", "Journal Articles", "Invited Talks", "Teaching", "Students", "Professional Service",
    "Page 1", "Last updated", "present", "equal contribution", "corresponding author", "Curriculum Vitae",
    "Thesis:", "Advisor:", "Now:", "vol. 46", "pp. 1450", "[code]", "Mar ", "Oct ", "Sep ",
]  # fmt: skip
GERMAN = [
    "Forschungsinteressen", "Beruflicher Werdegang", "Ausbildung", "Auszeichnungen", "Drittmittel", "Publikationen",
    "Konferenzbeiträge", "Zeitschriftenartikel", "Eingeladene Vorträge", "Lehre", "Betreute Studierende",
    "Seite 1 von 2", "Stand: ", "Apr. 2021–heute", "Okt. 2017–März 2021", "gleicher Beitrag", "Korrespondenzautor",
    "Lebenslauf", "Abschlussarbeit: Lernen von Formpriors", "Betreuung: Daniel Cremers", "Heute: Wissenschaftler",
    "Bd. 46(3)", "S. 1450", "[Code]", "Promotion (Dr. rer. nat.) in Informatik", "Professorin für Computer Vision",
]  # fmt: skip
CHINESE = [
    "研究兴趣", "工作经历", "教育背景", "荣誉与奖项", "科研项目", "发表论文", "会议论文", "期刊论文", "特邀报告", "教学",
    "指导学生", "学术服务", "第 1 页，共 2 页", "最后更新：", "2021年4月–至今", "2017年10月–2021年3月", "同等贡献",
    "通讯作者", "个人简历", "学位论文：基于少量样本的形状先验学习", "导师：Daniel Cremers", "现任：谷歌研究科学家",
    "第46(3)卷", "[代码]", "计算机科学博士", "计算机视觉教授", "正教授，斯图加特大学",
]  # fmt: skip
EXPECTED = {"de": GERMAN, "zh": CHINESE}


def check_text(text: str, lang: str) -> None:
    missing = [w for w in EXPECTED[lang] if w.replace(" ", "") not in text.replace(" ", "")]
    assert not missing, f"{lang}: missing {missing}"
    left = [w for w in ENGLISH if w in text]
    assert not left, f"{lang}: English left: {left}"


@pytest.mark.parametrize("lang", ["de", "zh"])
def test_weasyprint_cv_in_the_readers_language(tmp_path, cli, lang):
    code, _, err = cli("build", PROFILE, "--pdf", "--html", "--lang", lang, "-o", tmp_path)
    assert code == 0, err
    html = (tmp_path / "cv.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    check_text(pdf_text(tmp_path / "cv.pdf"), lang)


def need_tex() -> None:
    for tool in ("latexmk", "xelatex"):
        require(tool, "bash scripts/install-system-deps.sh latex")


@pytest.mark.latex
@pytest.mark.parametrize("lang", ["de", "zh"])
def test_latex_cv_in_the_readers_language(tmp_path, cli, lang):
    need_tex()
    code, _, err = cli("build", PROFILE, "--pdf", "--engine", "latex", "--lang", lang, "-o", tmp_path)
    assert code == 0, err
    tex = (tmp_path / "cv.tex").read_text(encoding="utf-8")
    assert f"pdflang={{{lang}}}" in tex
    check_text(pdf_text(tmp_path / "cv.pdf"), lang)


def test_the_profiles_language_is_the_default_and_english_stays_english(tmp_path, cli):
    code, _, err = cli("build", PROFILE, "--html", "-o", tmp_path)
    assert code == 0, err
    html = (tmp_path / "cv.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html and "Professor of Computer Vision" in html
    assert "Research Interests" in html and '"Page " counter(page) " of " counter(pages)' in html


def test_an_unknown_language_is_refused(cli):
    code, _, err = cli("build", PROFILE, "--lang", "klingon", "-o", "/nonexistent")
    assert code != 0 and "'klingon' is not a language tag" in err


SATO = PROFILE.parent / "sato-en-fr-ja-ko-ru.yaml"
OTHERS = {
    "fr": ["Formation", "Postes universitaires", "avr. 2020–aujourd’hui", "Thèse : Les changements", "Page 1 sur 1",
           "Direction : Taro Yamada", "Doctorat en linguistique", "vol. 99(2), p. 201-240"],
    "ja": ["学歴", "職歴", "2020年4月–現在", "学位論文：近世日本語における音変化", "1 / 1 ページ", "指導教員：Taro Yamada",
           "博士（言語学）", "第99(2)巻"],
    "ko": ["학력", "경력", "2020년 4월–현재", "학위 논문: 근세 일본어의 음 변화", "1 / 1 페이지", "지도교수: Taro Yamada",
           "언어학 박사", "제99(2)권"],
    "ru": ["Образование", "Академические должности", "апр. 2020–н. в.", "Диссертация: Звуковые изменения",
           "Страница 1 из 1", "Научные руководители: Taro Yamada", "PhD (лингвистика)", "т. 99(2), с. 201-240"],
}  # fmt: skip


SAME = {"fr": ("Publications", "Page 1")}  # the same word in French


def check_other(text: str, lang: str) -> None:
    """`text` holds each of OTHERS[lang] (case aside: headings are set in small capitals) and no English."""
    folded = text.replace(" ", "").replace("\u202f", "").casefold()
    missing = [w for w in OTHERS[lang] if w.replace(" ", "").casefold() not in folded]
    assert not missing, f"{lang}: missing {missing}"
    left = [w for w in ENGLISH if w in text and w not in SAME.get(lang, ())]
    assert not left, f"{lang}: English left: {left}"


@pytest.mark.parametrize("lang", sorted(OTHERS))
def test_weasyprint_cv_in_french_japanese_korean_russian(tmp_path, cli, lang):
    code, _, err = cli("build", SATO, "--pdf", "--lang", lang, "-o", tmp_path)
    assert code == 0, err
    check_other(pdf_text(tmp_path / "cv.pdf"), lang)


@pytest.mark.latex
@pytest.mark.parametrize("lang", sorted(OTHERS))
def test_latex_cv_in_french_japanese_korean_russian(tmp_path, cli, lang):
    need_tex()
    code, _, err = cli("build", SATO, "--pdf", "--engine", "latex", "--lang", lang, "-o", tmp_path)
    assert code == 0, err
    check_other(pdf_text(tmp_path / "cv.pdf"), lang)


def test_a_homepage_per_language_with_hreflang_a_switcher_and_its_cv(tmp_path, cli):
    code, _, err = cli("build", PROFILE, "-o", tmp_path)
    assert code == 0, err
    sites = {"en": tmp_path, "de": tmp_path / "de", "zh": tmp_path / "zh"}
    for lang, folder in sites.items():
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in page
        up = "" if lang == "en" else "../"
        for other, prefix in (("en", ""), ("de", "de/"), ("zh", "zh/")):
            assert f'<link rel="alternate" hreflang="{other}" href="{up}{prefix}index.html">' in page
        assert f'<link rel="alternate" hreflang="x-default" href="{up}index.html">' in page
        assert '<nav class="languages"' in page and ">Deutsch</a>" in page and ">中文</a>" in page
        assert f'lang="{lang}" aria-current="true">' in page
        assert 'href="cv.pdf"' in page and (folder / "cv.pdf").is_file()
        # the CV page below the site links its versions from one folder further down
        cv_page = (folder / "cv" / "index.html").read_text(encoding="utf-8")
        assert f'hreflang="zh" href="../{up}zh/cv/index.html"' in cv_page
    de, zh = (sites[x] / "index.html" for x in ("de", "zh"))
    assert "Neuigkeiten" in de.read_text(encoding="utf-8") and "Lebenslauf (PDF)" in de.read_text(encoding="utf-8")
    assert "最新动态" in zh.read_text(encoding="utf-8") and "计算机视觉教授" in zh.read_text(encoding="utf-8")
    check_text(pdf_text(sites["de"] / "cv.pdf"), "de")
    check_text(pdf_text(sites["zh"] / "cv.pdf"), "zh")
    assert "Research Interests" in pdf_text(tmp_path / "cv.pdf")


def test_lang_builds_one_site_in_that_language(tmp_path, cli):
    code, _, err = cli("build", PROFILE, "--homepage", "--lang", "de", "-o", tmp_path)
    assert code == 0, err
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "Neuigkeiten" in page and "hreflang" not in page and not (tmp_path / "de").exists()


def test_one_homepage_language_sets_the_sites_and_the_cvs(tmp_path, cli):
    text = PROFILE.read_text(encoding="utf-8").replace("languages: [en, de, zh]", "languages: [de]")
    profile = tmp_path / "weber.yaml"
    profile.write_text(text, encoding="utf-8")
    code, _, err = cli("build", profile, "--html", "--homepage", "-o", tmp_path / "out")
    assert code == 0, err
    assert '<html lang="de">' in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Forschungsinteressen" in (tmp_path / "out" / "cv.html").read_text(encoding="utf-8")
    assert not (tmp_path / "out" / "de").exists()


def test_with_a_base_url_hreflang_and_canonical_are_full_addresses_per_language(tmp_path, cli):
    text = PROFILE.read_text(encoding="utf-8").replace(
        "  languages: [en, de, zh]", "  languages: [en, de, zh]\n  base_url: https://weber.example.org/"
    )
    profile = tmp_path / "weber.yaml"
    profile.write_text(text, encoding="utf-8")
    code, _, err = cli("build", profile, "--homepage", "-o", tmp_path / "out")
    assert code == 0, err
    page = (tmp_path / "out" / "de" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://weber.example.org/de/">' in page
    assert '<link rel="alternate" hreflang="zh" href="https://weber.example.org/zh/">' in page
    assert '<link rel="alternate" hreflang="x-default" href="https://weber.example.org/">' in page
    assert '<a href="../zh/index.html" hreflang="zh" lang="zh">中文</a>' in page  # works from disk too
