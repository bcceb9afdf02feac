"""`cvgen lint`: the mistakes real pages contain, found and located."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cvgen.tools.lint import lint_file, markdown_links, normalize_url

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def checks(findings) -> list[str]:
    return [f.check for f in findings]


# ---------------------------------------------------------------- the raw seed pages
def test_seed_000_as_published(cli):
    code, out, err = cli("lint", DATA / "raw-seed-000.yaml")
    assert code == 0 and "5 warnings" in err
    lines = out.splitlines()
    assert all(re.match(r"^\S+raw-seed-000\.yaml:\d+:\d+: \S+: ", line) for line in lines)
    # the ESTA card links SPViT's PDF and code
    esta = [line for line in lines if "publications[0].links" in line]
    assert len(esta) == 1
    assert "'Efficient Stitchable Task Adaptation' links pdf https://arxiv.org/abs/2111.11802" in esta[0]
    assert "code https://github.com/ziplab/SPViT" in esta[0] and "Pruning Self-attentions" in esta[0]
    # the POPNet card links EOPNet's PDF
    popnet = [line for line in lines if "publications[9].links" in line]
    assert len(popnet) == 1 and "2105.01241" in popnet[0] and "'End-to-end One-shot Human Parsing'" in popnet[0]
    # the Grapy-ML news item links POPNet's arXiv id
    grapy = [line for line in lines if "news[12].text" in line]
    assert len(grapy) == 1
    assert "[Grapy-ML] to https://arxiv.org/abs/2012.11810" in grapy[0] and "1911.12053" in grapy[0]
    assert "news[11]" in grapy[0]  # which news item it copied the link from
    # and the news items of the two miscopied cards point at them
    assert any("news[0].text" in line and "[ESTA]" in line for line in lines)
    assert any("news[11].text" in line and "[POPNet]" in line for line in lines)


def test_seed_004_as_published():
    findings = lint_file(DATA / "raw-seed-004.yaml")
    venue = [f for f in findings if f.check == "duplicate-venue"]
    assert len(venue) == 1
    assert venue[0].problem.path == "service[10].venue" and "'IJCV' is listed twice" in str(venue[0])
    assert venue[0].problem.line == 31
    spelling = "\n".join(str(f) for f in findings if f.check == "author-spelling")
    assert "'Tinghui' and 'Zhou'" in spelling
    assert "'Laurens Van Der Maaten'" in spelling and "'Kilian Q. Weingerger'" in spelling
    assert len(findings) == 4


@pytest.mark.parametrize("name", ["gao-huang.yaml", "haoyu-he.yaml"])
def test_corrected_profiles_are_clean(name):
    # Clean but for the dates their seed pages do not give (no date is invented): missing-date says so.
    findings = lint_file(ROOT / "profiles" / name)
    assert [str(f) for f in findings if f.check != "missing-date"] == []
    undated = {
        "gao-huang.yaml": ["positions[0]", "positions[1]"],
        "haoyu-he.yaml": [f"education[{i}]" for i in range(3)],
    }
    assert [f.problem.path for f in findings] == undated[name]


def test_strict_fails_on_any_finding(cli):
    code, out, err = cli("lint", DATA / "raw-seed-004.yaml", "--strict")
    assert code == 1 and "IJCV" in out and "--strict" in err


def test_invalid_profile_is_an_error_not_a_lint(cli, write_profile):
    code, out, err = cli("lint", write_profile("person: {nmae: X}\n"))
    assert code == 1 and "nmae" in err and out == ""


# ---------------------------------------------------------------- each check
def test_duplicate_urls_and_titles(write_profile):
    path = write_profile("""person: {name: A B}
publications:
  - {title: One, authors: [A B], year: 2020, links: {pdf: "https://arxiv.org/abs/2001.00001"}}
  - {title: Two, authors: [A B], year: 2021, links: {pdf: "http://arxiv.org/pdf/2001.00001v2.pdf"}}
  - {title: Three, authors: [A B], year: 2021, links: {code: "https://github.com/a/b"}}
  - {title: Four, authors: [A B], year: 2022, links: {code: "https://github.com/A/b.git"}}
  - {title: "one", authors: [A B], year: 2023}
""")
    findings = lint_file(path)
    assert checks(findings) == ["duplicate-url", "duplicate-entry"]  # a shared code repository is fine
    assert findings[0].problem.path == "publications[1].links.pdf" and "'One'" in str(findings[0])
    assert findings[1].problem.path == "publications[4].title"


def test_news_link_against_paper(write_profile):
    path = write_profile("""person: {name: A B}
news:
  - {date: 2023-01, text: "Our [DenseNet](https://arxiv.org/abs/1608.06993) paper won!"}
  - {date: 2023-02, text: "[FooNet](https://arxiv.org/abs/9999.99999) is out"}
  - {date: 2023-03, text: "Talk about [something else](https://example.org)"}
publications:
  - {key: huang2017densenet, title: "DenseNet: Densely Connected Networks", authors: [A B], year: 2017,
     links: {pdf: "https://arxiv.org/abs/1608.06993v5"}}
  - {key: b2020foonet, title: "Foo Networks", authors: [A B], year: 2020, links: {pdf: "https://arxiv.org/abs/2002.00002"}}
""")
    findings = lint_file(path)
    assert checks(findings) == ["news-link"]
    assert findings[0].problem.path == "news[1].text" and "'Foo Networks'" in str(findings[0])


def test_missing_files_are_findings_not_errors(write_profile):
    path = write_profile("""person: {name: A B, photo: me.png}
publications:
  - {title: T, authors: [A B], year: 2020, thumbnail: t.png}
  - bibtex: gone.bib
""")
    findings = lint_file(path)
    assert checks(findings) == ["missing-file"] * 3
    assert [f.problem.path for f in findings] == ["person.photo", "publications[0].thumbnail", "publications[1].bibtex"]


def test_future_dates(write_profile, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    path = write_profile("""person: {name: A B}
news: [{date: 2023-11, text: now}, {date: 2023-12, text: soon}]
talks: [{title: T, date: 2024-01-05}]
awards: [{title: A, year: 2024}, {title: B, year: 2023}]
publications:
  - {title: P, authors: [A B], year: 2024}
  - {title: Q, authors: [A B], year: 2023}
""")
    findings = lint_file(path)
    assert checks(findings) == ["future-date"] * 4
    assert [f.problem.path for f in findings] == [
        "news[1].date",
        "talks[0].date",
        "awards[0].year",
        "publications[0].year",
    ]


def test_owner_not_among_authors(write_profile):
    path = write_profile("""person: {name: Gao Huang, aliases: [G. Huang]}
publications:
  - {title: A, authors: [Rui Huang, Zhuang Liu], year: 2020}
  - {title: B, authors: ["Huang, G.", Zhuang Liu], year: 2020}
  - {title: C, authors: [Zhuang Liu, et al.], year: 2020}
  - {title: D, year: 2020}
""")
    findings = lint_file(path)
    assert checks(findings) == ["owner-missing"] * 3
    text = [str(f) for f in findings]
    assert "person.aliases" in text[0] and "'et al.'" in text[1] and "lists no authors" in text[2]


def test_findings_in_bib_files_point_into_them(write_profile, tmp_path):
    (tmp_path / "p.bib").write_text(
        "@article{a, title = {Same}, author = {X Y}, journal = {J}, year = 2020, pdf = {https://x.org/a.pdf}}\n"
        "@article{b, title = {Other}, author = {A B}, journal = {J}, year = 2021, pdf = {https://x.org/a.pdf},\n"
        "  preview = {nothere.png}}\n",
        encoding="utf-8",
    )
    path = write_profile("person: {name: A B}\npublications:\n  - bibtex: p.bib\n")
    findings = lint_file(path)
    by = {f.check: f.problem for f in findings}
    assert set(by) == {"owner-missing", "duplicate-url", "bibtex"}
    assert by["owner-missing"].file.endswith("p.bib") and by["owner-missing"].line == 1
    assert by["duplicate-url"].path == "b.links.pdf" and by["duplicate-url"].line == 2
    assert by["bibtex"].path == "b.preview" and by["bibtex"].line == 3


def test_helpers():
    assert normalize_url("http://www.arxiv.org/pdf/2105.01241v3.pdf") == normalize_url(
        "https://arxiv.org/abs/2105.01241"
    )
    assert normalize_url("https://doi.org/10.1/ABC") == "doi:10.1/abc"
    assert normalize_url("https://GitHub.com/Foo/Bar.git/") == "github.com/foo/bar"
    assert markdown_links("See [a (b)](https://x.org/a_(b)) and [c](https://y.org)") == [
        ("a (b)", "https://x.org/a_(b)"), ("c", "https://y.org")]  # fmt: skip


def test_lint_is_fast_and_does_not_import_weasyprint():
    import subprocess
    import sys
    import time

    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from cvgen.cli import main; code = main(['lint', sys.argv[1]]); "
         "assert 'weasyprint' not in sys.modules; sys.exit(code)", str(DATA / "raw-seed-004.yaml")],
        capture_output=True, text=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr
    assert elapsed < 3.0


def test_relative_links_need_their_file(write_profile, tmp_path):
    path = write_profile("""person: {name: A B}
publications:
  - {title: T, authors: [A B], year: 2020, links: {pdf: assets/pdf/t.pdf, code: "https://github.com/a/t"}}
""")
    findings = lint_file(path)
    assert checks(findings) == ["missing-file"] and findings[0].problem.path == "publications[0].links.pdf"
    (tmp_path / "assets" / "pdf").mkdir(parents=True)
    (tmp_path / "assets" / "pdf" / "t.pdf").write_bytes(b"%PDF")
    assert lint_file(path) == []


def test_markup_left_in_text(write_profile):
    path = write_profile(r"""person: {name: Ana Lima}
bio: "I study **fault zones** with [friends](https://x.org). Unclosed **bold"
news: [{date: 2024-01, text: "Released {SeisIO} 2.0"}]
education: [{degree: PhD, institution: 'Universit{\"a}t Hochfeld', note: "__HIDDEN__"}]
publications:
  - {title: "A study of *Drosophila* genes", authors: ['Lo{\"i}c Viens', "**Ana Lima**"], year: 2020, note: Oral}
  - {title: "Clean title", authors: [Ana Lima], year: 2021, extra: "See [the code](https://x.org/a_b) -- \\textbf{new}"}
sections: [{title: Memberships, entries: ["**AGU** member since 2015"]}]
""")
    found = [(f.problem.path, str(f).split(": ", 3)[-1]) for f in lint_file(path) if f.check == "markup"]
    assert [p for p, _ in found] == [
        "bio", "news[0].text", "education[0].institution", "education[0].note", "publications[0].title",
        "publications[0].authors[0]", "publications[0].authors[1]", "publications[1].extra",
    ]  # fmt: skip
    messages = dict(found)
    assert "stray Markdown '**' in a Markdown field" in messages["bio"]
    assert "TeX '{SeisIO}' is printed as typed" in messages["news[0].text"]
    assert "stray Markdown '__HIDDEN__'" in messages["education[0].note"]
    assert "stray Markdown '*Drosophila*' in a plain-text field" in messages["publications[0].title"]
    assert "stray Markdown '**Ana Lima**'" in messages["publications[0].authors[1]"]
    assert "TeX '\\\\textbf'" in messages["publications[1].extra"]


def test_a_name_given_twice_in_one_service_line(write_profile):
    path = write_profile("""person: {name: Ana Lima}
service:
  - {role: "Reviewer for Nature, Science and nature"}
  - {role: Reviewer, venue: "JGR: Solid Earth / GJI / J.G.R.: Solid Earth"}
  - {role: Reviewer, venue: "Nature, Science"}
sections:
  - {title: Professional Service, entries: ["**Reviewer**: Geophysical Journal International, GRL, Geophysical Journal International", "Editor of Nature"]}
  - {title: Memberships, entries: ["AGU, EGU, AGU"]}
""")
    found = [f for f in lint_file(path) if f.check == "duplicate-venue"]
    assert [f.problem.path for f in found] == ["service[0].role", "service[1].venue", "sections[0].entries[0]"]
    assert "'nature' is listed twice" in str(found[0]) and "'J.G.R.: Solid Earth' is listed twice" in str(found[1])
    assert "'Geophysical Journal International' is listed twice" in str(found[2])
