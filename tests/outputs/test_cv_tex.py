"""The LaTeX route: golden .tex, compiled PDFs (text, links, metadata, bytes), escaping and the TeX sandbox.

Each document is compiled once per module (XeLaTeX takes about a second), so
the whole file stays well under a minute on two cores. TeX tools are required
through `require`: missing in CI is a failure, never a skip.
"""

from __future__ import annotations

import html as html_lib
import os
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from cvgen.build import BuildOptions, build, read_profile
from cvgen.cli import main
from cvgen.errors import BuildError
from tests.conftest import PROFILES, require
from tests.golden import assert_golden

SEEDS = ["gao-huang", "haoyu-he"]
EPOCH = "1700000000"  # 2023-11-14: "Last updated November 2023", fixed PDF dates
INSTALL = "apt-get install texlive-xetex latexmk texlive-fonts-recommended fonts-noto-cjk fonts-dejavu-core"


@pytest.fixture(scope="module", autouse=True)
def fixed_date():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        yield


def need_tex() -> None:
    for tool in ("latexmk", "xelatex", "pdftotext", "fc-list"):
        require(tool, INSTALL + " poppler-utils")


# The printed CV sets typographic quotes (cvgen/text/typography.py): compared as typed.
AS_TYPED = {0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"', 0x2060: None}


def raw_text(pdf: Path) -> str:
    """pdftotext in content order (-raw: no de-hyphenation), whitespace folded, hyphens at line ends rejoined,
    quotes as typed."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    text = " ".join(out.stdout.decode("utf-8").translate(AS_TYPED).split())
    return re.sub(r"-\s+", "-", text)


def norm(text: str) -> str:
    return re.sub(r"-\s+", "-", " ".join(text.translate(AS_TYPED).split()))


def uris(pdf: Path) -> set[str]:
    found = set()
    for page in PdfReader(pdf).pages:
        for annot in page.get("/Annots", []) or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                found.add(str(action["/URI"]))
    return found


def run_cli(*args: object) -> None:
    code = main([str(a) for a in args])
    assert code == 0, f"cvgen {' '.join(map(str, args))} exited {code}"


def build_error(profile: Path, out: Path, **options) -> str:
    with pytest.raises(BuildError) as info:
        build(profile, BuildOptions(pdf=True, engine="latex", outdir=out, **options))
    return str(info.value)


# ------------------------------------------------------------ golden .tex (no TeX needed)
@pytest.mark.parametrize("name", SEEDS)
def test_golden_tex_without_tex_installed(name, tmp_path, monkeypatch):
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # --tex must not need TeX
    run_cli("build", PROFILES / f"{name}.yaml", "--tex", "-o", tmp_path / "out")
    assert_golden((tmp_path / "out" / "cv.tex").read_text(encoding="utf-8"), f"latex/{name}.tex")


def test_tex_only_build_never_imports_weasyprint(tmp_path):
    code = (
        "import sys; from cvgen.cli import main; "
        f"assert main(['build', {str(PROFILES / 'haoyu-he.yaml')!r}, '--tex', '-o', {str(tmp_path)!r}]) == 0; "
        "assert 'weasyprint' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_tex_missing_says_what_to_install(tmp_path, monkeypatch, cli):
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, _, err = cli("build", PROFILES / "haoyu-he.yaml", "--engine", "latex", "--pdf", "-o", tmp_path / "out")
    assert code == 1
    assert "apt-get install" in err and "texlive-xetex latexmk texlive-fonts-recommended fonts-noto-cjk" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out" / "cv.pdf").exists()


# ------------------------------------------------------------ the seed CVs, compiled once
@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """Both seeds: HTML CV and LaTeX PDF from one build each, plus the short variant of gao-huang."""
    need_tex()
    out = {}
    for name in SEEDS:
        folder = tmp_path_factory.mktemp(name)
        run_cli("build", PROFILES / f"{name}.yaml", "--html", "--engine", "latex", "--pdf", "-o", folder)
        out[name] = folder
    short = tmp_path_factory.mktemp("gao-huang-short")
    run_cli("build", PROFILES / "gao-huang.yaml", "--variant", "short", "--html", "--engine", "latex", "--pdf",
            "-o", short)  # fmt: skip
    out["short"] = short
    return out


def html_text(path: Path) -> str:
    body = path.read_text(encoding="utf-8")
    return norm(html_lib.unescape(re.sub(r"<[^>]+>", " ", body.split("<body>", 1)[1])))


def titles_in(text: str, titles: list[str]) -> set[str]:
    squashed = re.sub(r"\s+", "", text)
    return {t for t in titles if re.sub(r"\s+", "", norm(t)) in squashed}


@pytest.mark.parametrize("name", SEEDS)
def test_every_entry_is_in_the_latex_pdf(seeds, name):
    source = read_profile(PROFILES / f"{name}.yaml")
    p = source.profile
    text = raw_text(seeds[name] / "cv.pdf")
    squashed = re.sub(r"\s+", "", text)
    expected = (
        [pub.title for pub in source.publications]
        + [a.title for a in p.awards]
        + [s.venue or s.role for s in p.service]
        + [s.role for s in p.service]  # on the line, or in a sub-heading over its lines (Area Chair)
        + [t.course for t in p.teaching]
        + [e.institution for e in p.education]
        + [x.organization for x in p.positions]
        + [p.person.name]
    )
    missing = [e for e in expected if re.sub(r"\s+", "", norm(e)) not in squashed]
    assert not missing, f"not in the LaTeX PDF text: {missing}"
    for pub in source.publications:  # authors with their marks
        for author in pub.authors:
            assert re.sub(r"\s+", "", author.replace("†", "")) in squashed, author
    has_equal = any(a.rstrip("†").endswith("*") for pub in source.publications for a in pub.authors)
    assert ("* equal contribution" in text) == has_equal


@pytest.mark.parametrize("name", [*SEEDS, "short"])
def test_html_and_latex_cvs_hold_the_same_entries(seeds, name):
    profile = "gao-huang" if name == "short" else name
    base = "cv-short" if name == "short" else "cv"
    source = read_profile(PROFILES / f"{profile}.yaml")
    titles = [pub.title for pub in source.publications]
    in_html = titles_in(html_text(seeds[name] / f"{base}.html"), titles)
    in_tex = titles_in(raw_text(seeds[name] / f"{base}.pdf"), titles)
    assert in_html == in_tex
    if name == "short":
        assert in_tex == {pub.title for pub in source.publications if pub.selected}
        assert len(PdfReader(seeds[name] / f"{base}.pdf").pages) <= 2  # variants.short.max_pages
    else:
        assert in_tex == set(titles)
    # same sections in the same order: the HTML headings and the PDF bookmarks
    page = (seeds[name] / f"{base}.html").read_text(encoding="utf-8")
    headings = [html_lib.unescape(h) for h in re.findall(r"<h2>(.*?)</h2>", page)]
    outline = [item.title for item in PdfReader(seeds[name] / f"{base}.pdf").outline if not isinstance(item, list)]
    assert outline == headings


@pytest.mark.parametrize("name", SEEDS)
def test_pages_metadata_and_links(seeds, name):
    pdf = seeds[name] / "cv.pdf"
    reader = PdfReader(pdf)
    person = read_profile(PROFILES / f"{name}.yaml").profile.person
    assert reader.metadata.title == f"{person.name} – Curriculum Vitae"
    assert reader.metadata.author == person.name
    assert "curriculum vitae" in reader.metadata["/Keywords"]
    assert reader.metadata["/CreationDate"].startswith("D:20231114")  # SOURCE_DATE_EPOCH
    text = raw_text(pdf)
    n = len(reader.pages)
    assert f"Page 1 of {n}" in text and f"Page {n} of {n}" in text
    if n > 1:
        assert f"{person.name} — Curriculum Vitae" in text
    assert "Last updated November 2023" in text
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    html = (seeds[name] / "cv.html").read_text(encoding="utf-8")
    html_links = {html_lib.unescape(u) for u in re.findall(r'<a href="([^"]+)"', html)}
    assert uris(pdf) == html_links  # the same link targets, exactly


def test_cjk_name_uses_noto(seeds):
    pdf = seeds["gao-huang"] / "cv.pdf"
    assert "Gao Huang 黄高" in " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split()
    )
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NotoSerifCJK" in fonts and "TeXGyrePagella" in fonts


def test_two_builds_give_identical_bytes(seeds, tmp_path):
    run_cli("build", PROFILES / "haoyu-he.yaml", "--engine", "latex", "--pdf", "-o", tmp_path)
    assert (tmp_path / "cv.pdf").read_bytes() == (seeds["haoyu-he"] / "cv.pdf").read_bytes()
    assert (tmp_path / "cv.log").is_file()  # the full log is kept next to the output


# ------------------------------------------------------------ special characters, links, injection
@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    need_tex()
    folder = tmp_path_factory.mktemp("hostile")
    secret = folder / "secret.tex"
    secret.write_text("CANARY-7d1f-SECRET\n", encoding="utf-8")
    pwned = folder / "pwned"
    payloads = [
        "\\input{/etc/hostname}",
        "^^5cinput{/etc/hostname}",
        f"\\input{{{secret}}}",
        f"^^5cinput{{{secret}}}",
        "\\write18{touch /tmp/pwned}",
        f"\\immediate\\write18{{touch {pwned}}}",
        "\\catcode`\\{=12 \\catcode`\\^^M=13",
        "\\def\\x{y}\\x \\let\\input\\relax",
        "\\csname input\\endcsname{/etc/hostname} $\\alpha$ \\\\ \\par",
    ]
    data = {
        "person": {
            "name": "Zoë O'Brien-Smith",
            "native_name": "黄高",
            "native_lang": "zh-Hans",
            "aliases": ["Z. O'Brien-Smith"],
            "position": "\\ { } $ & # ^ _ ~ % < > | \" ' ` -- --- ,, !` ?` [x] ^^5c",
            "affiliation": "Профессор · Καθηγητής · Giáo sư Nguyễn Văn Đức · 山田太郎",
            "email": "a_b%c@x.org",
            "website": "https://example.org/~user/a%20b?q=1&r=2#frag",
            "links": {"github": "https://github.com/a~b/c%25d#e&f"},
        },
        "awards": [{"title": p, "year": 2000 + i} for i, p in enumerate(payloads)],
        "publications": [
            {
                "title": "On \\input{/etc/hostname} & 100% of $x^2$ #hash_tag ~ {braces}",
                "authors": ["Zoë O'Brien-Smith*", "Иван Петров*", "山田太郎†"],
                "venue": "J. Weird $Chars$ & {Braces}",
                "year": 2021,
                "links": {"pdf": "https://x.org/p.pdf?x=%41&y=~z#p", "code": "https://x.org/a&b#c%20d~e"},
            }
        ],
        "sections": [{"title": "Misc % & #", "entries": ["**bold** [link](https://x.org/p?a=1&b=2#c%20d~e)"]}],
        # one entry of every kind, each with special characters, so every row layout compiles
        "bio": "# Head & #1\n\nPara *em* `c{}` 100%.\n\n- [x] item ~\n- *two*\n\n3. three\n\n> quote $\n\n    code ^^5c",
        "interests": ["A & B", "C_D"],
        "news": [{"date": "2024-03", "text": "News with [link](https://x.org/n?a=1&b=2) & 5%"}],
        "education": [
            {
                "degree": "PhD",
                "field": "R&D",
                "institution": "U#1",
                "start": 2010,
                "end": 2014,
                "advisors": ["A. $mith"],
                "thesis": "On {braces}",
                "note": "line\\\n[not an option]",
            }
        ],
        "positions": [
            {
                "title": "Prof. ~",
                "organization": "Org_1",
                "department": "D%",
                "start": "2015-01",
                "end": "present",
                "note": "*n* & [l](https://x.org/~p)",
            }
        ],
        "grants": [{"title": "G#1", "agency": "A&A", "role": "PI", "amount": "$1M", "start": 2020, "end": 2023}],
        "talks": [{"title": "T^2", "event": "E|E", "location": "L<L>", "date": "2022-05", "url": "https://x.org/t#1"}],
        "teaching": [{"role": "TA", "course": "C&C", "code": "CS_101", "institution": "U", "year": 2019}],
        "students": [{"name": "S \\ S", "degree": "PhD", "start": 2018, "end": 2022, "now": "N%N"}],
        "service": [{"role": "Chair & co", "venue": "V#", "years": "2021-2024", "category": "c_1"}],
        "cv": {
            "sections": [
                "about",
                "interests",
                "news",
                "positions",
                "education",
                "awards",
                "grants",
                "publications",
                "talks",
                "teaching",
                "students",
                "service",
                "misc",
            ],
            "paper": "letter",
            "font_size": 11,
        },
    }
    profile = folder / "hostile.yaml"
    profile.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    tmp_pwned_before = Path("/tmp/pwned").exists()
    run_cli("build", profile, "--engine", "latex", "--pdf", "--html", "-o", folder / "out")
    return {"pdf": folder / "out" / "cv.pdf", "data": data, "payloads": payloads, "pwned": pwned,
            "secret": secret, "tmp_pwned_before": tmp_pwned_before}  # fmt: skip


def test_every_tex_special_character_prints_literally(hostile):
    text = raw_text(hostile["pdf"])
    person = hostile["data"]["person"]
    for literal in (person["name"], person["position"], person["affiliation"], "黄高", "Иван Петров*",
                    hostile["data"]["publications"][0]["title"], "J. Weird $Chars$ & {Braces}", "Misc % & #"):  # fmt: skip
        assert norm(literal) in text, literal
    reader = PdfReader(hostile["pdf"])
    assert reader.metadata.author == person["name"]
    assert reader.metadata.title == f"{person['name']} – Curriculum Vitae"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # cv.paper: letter


def test_link_targets_come_out_exactly(hostile):
    assert uris(hostile["pdf"]) == {
        "mailto:a_b%c@x.org",
        "https://example.org/~user/a%20b?q=1&r=2#frag",
        "https://github.com/a~b/c%25d#e&f",
        "https://x.org/p.pdf?x=%41&y=~z#p",
        "https://x.org/a&b#c%20d~e",
        "https://x.org/p?a=1&b=2#c%20d~e",
        "https://x.org/t#1",
        "https://x.org/n?a=1&b=2",
        "https://x.org/~p",
    }


def test_injection_is_printed_not_executed(hostile):
    text = raw_text(hostile["pdf"])
    squashed = re.sub(r"\s+", "", text)  # a long path may wrap (text/tex.py: LONG_RUN)
    for payload in hostile["payloads"]:
        assert re.sub(r"\s+", "", norm(payload)) in squashed, payload
    assert "CANARY-7d1f-SECRET" not in text
    hostname = Path("/etc/hostname").read_text(encoding="utf-8").strip() if Path("/etc/hostname").exists() else ""
    if len(hostname) >= 6:
        assert text.count(hostname) == 0
    assert not hostile["pwned"].exists()
    assert Path("/tmp/pwned").exists() == hostile["tmp_pwned_before"]


def test_sandbox_holds_even_for_raw_tex(tmp_path):
    """The UNSAFE raw preamble cannot read or write outside the build folder nor run commands."""
    need_tex()
    secret = tmp_path / "secret.tex"
    secret.write_text("CANARY-SECRET-2\n", encoding="utf-8")
    outside = tmp_path / "outside.txt"
    pwned = tmp_path / "pwned"
    cases = {
        "read": f"\\input{{{secret}}}",
        "write": f"\\immediate\\write18{{touch {pwned}}}\\newwrite\\w\\immediate\\openout\\w={outside}\\relax"
        "\\immediate\\write\\w{x}\\immediate\\closeout\\w",
    }
    for name, raw in cases.items():
        profile = tmp_path / f"{name}.yaml"
        profile.write_text(yaml.safe_dump({"person": {"name": "A"}, "cv": {"raw_tex_preamble": raw}}), encoding="utf-8")
        message = build_error(profile, tmp_path / name)
        assert "cv.raw_tex_preamble" in message and "cv.log" in message, message
        assert not (tmp_path / name / "cv.pdf").exists()
        assert "CANARY-SECRET-2" not in (tmp_path / name / "cv.log").read_text(encoding="utf-8")
    assert not pwned.exists() and not outside.exists()


def test_tex_error_names_the_line_and_field(tmp_path):
    need_tex()
    profile = tmp_path / "p.yaml"
    profile.write_text('person: {name: A}\ncv:\n  raw_tex_preamble: "\\\\newcommand\\\\x{\\\\undefinedthing}\\\\x"\n',
                       encoding="utf-8")  # fmt: skip
    message = build_error(profile, tmp_path / "out")
    assert "Undefined control sequence" in message
    assert re.search(r"cv\.tex:\d+: \\newcommand", message), message
    assert f"from cv.raw_tex_preamble ({profile}:3:3)" in message
    assert "\n" not in message and "Traceback" not in message


def first_char_no_font_has() -> str:
    for ch in ("\U00010000", "\U00010380", "\U0001d400", "\U00012000"):
        found = subprocess.run(["fc-list", f":charset={ord(ch):x}", "family"], capture_output=True, text=True)
        if not found.stdout.strip():
            return ch
    pytest.fail("every candidate character has a font here; add one that none has")


def test_missing_glyph_fails_naming_the_character(tmp_path):
    need_tex()
    ch = first_char_no_font_has()
    profile = tmp_path / "p.yaml"
    profile.write_text(f"person: {{name: A}}\npublications:\n  - title: 'Sign {ch} here'\n    year: 2020\n",
                       encoding="utf-8")  # fmt: skip
    message = build_error(profile, tmp_path / "out")
    assert f"U+{ord(ch):04X} {unicodedata.name(ch)}" in message and ch in message
    assert f"publications[0].title ({profile}:3:5)" in message
    assert not (tmp_path / "out" / "cv.pdf").exists()


# ------------------------------------------------------------ any text survives (hypothesis)
def _covered() -> list[str]:
    """Latin, Greek, Cyrillic and CJK characters the installed fonts have (NFC-stable, visible)."""
    from fontTools.ttLib import TTCollection, TTFont

    def path(name: str) -> str:
        return subprocess.run(["fc-match", "-f", "%{file}", name], capture_output=True, text=True).stdout

    cover = set(TTFont(path("TeX Gyre Pagella")).getBestCmap()) | set(TTFont(path("DejaVu Serif")).getBestCmap())
    cjk_file = path("Noto Serif CJK SC")
    cjk = TTCollection(cjk_file) if cjk_file.endswith(".ttc") else None
    fonts = cjk.fonts if cjk else [TTFont(cjk_file)]
    sc = next((f for f in fonts if "SC" in f["name"].getDebugName(1)), fonts[0])
    cover |= set(sc.getBestCmap())
    ranges = [(0x20, 0x7E), (0xA1, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x1EA0, 0x1EF9), (0x3040, 0x30FF),
              (0x4E00, 0x9FFF), (0xAC00, 0xD7A3)]  # fmt: skip
    out = []
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if cp in cover and unicodedata.category(ch)[0] in "LNPS" and unicodedata.normalize("NFC", ch) == ch:
                out.append(ch)
    return [c for c in out if c not in "⟦⟧"] + [" "]


ALPHABET = None
TRICKY = [
    "\\ { } $ & # ^ _ ~ % < > | \" ' `", "-- --- ,, !` ?` << >> `` ''", "^^5cinput{x} ^^M ^^@", "[x] [", "]",
    "Καθηγητής β-VAE", "Иван Петров", "黄高（Gao）", "Nguyễn Văn Đức", "ﬁ ff fi fl ffi", "a\\\\b\\par c",
    "ℓ₁-norm ĸℓĸ Иван₁ x²", "Ελληνικά ǅ ŉ ſ", "Elec\u00adtron\u00a0volt",
]  # fmt: skip


def texts():
    global ALPHABET
    if ALPHABET is None:
        need_tex()
        ALPHABET = _covered()
    return st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=24), min_size=150, max_size=150)


@settings(max_examples=2, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))  # fmt: skip
@example(strings=TRICKY)
@given(strings=st.deferred(texts))
def test_any_text_survives_into_the_pdf_literally(strings, tmp_path_factory):
    folder = tmp_path_factory.mktemp("prop")
    pubs = [{"title": f"⟦{i}⟧{s}⟦/{i}⟧", "year": 2020, "type": "other"} for i, s in enumerate(strings)]
    data = {"person": {"name": "P"}, "publications": pubs,
            "cv": {"sections": ["publications"], "publications": {"group_by": "none"}}}  # fmt: skip
    profile = folder / "p.yaml"
    profile.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    build(profile, BuildOptions(pdf=True, engine="latex", outdir=folder / "out"))
    text = raw_text(folder / "out" / "cv.pdf")
    found = {int(m.group(1)): m.group(2) for m in re.finditer(r"⟦(\d+)⟧(.*?)⟦/\1⟧", text)}
    wrong = {}
    for i, s in enumerate(strings):
        want = "".join(s.replace("\u00ad", "").translate(AS_TYPED).split())  # a soft hyphen is invisible
        got = "".join(found.get(i, "<missing>").split())
        if got != want:
            wrong[i] = (s, found.get(i))
    assert not wrong, f"changed on the way to the PDF: {wrong}"


# ------------------------------------------------------------ LuaLaTeX
def test_lualatex_option(tmp_path):
    need_tex()
    require("lualatex", "apt-get install texlive-luatex")
    folder = tmp_path / "p"
    folder.mkdir()
    text = (PROFILES / "haoyu-he.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["person"].pop("photo", None)
    for pub in data.get("publications", []):
        pub.pop("thumbnail", None)
    data.setdefault("cv", {})["latex_engine"] = "lualatex"
    tricky = TRICKY[0] + " " + TRICKY[1] + " Καθηγητής Иван 黄高 ℓ₁"  # LuaTeX forms ligatures across {}
    data["publications"].append({"title": tricky, "year": 2010})
    (folder / "p.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    run_cli("build", folder / "p.yaml", "--engine", "latex", "--pdf", "-o", tmp_path / "out")
    pdf = tmp_path / "out" / "cv.pdf"
    titles = [pub["title"] for pub in data["publications"]]
    assert titles_in(raw_text(pdf), titles) == set(titles)
    assert norm(tricky) in raw_text(pdf)
    assert "LuaTeX" in str(PdfReader(pdf).metadata.get("/Producer", ""))


def test_a_run_that_never_ends_is_stopped():
    need_tex()
    from cvgen.engines.latexmk import compile_tex

    start = time.perf_counter()
    with pytest.raises(BuildError, match="did not finish within 2 s"):
        compile_tex("\\documentclass{article}\\begin{document}\\def\\x{\\x}\\x\\end{document}\n", timeout=2)
    assert time.perf_counter() - start < 6
    time.sleep(0.2)
    leftover = []
    for cwd in Path("/proc").glob("[0-9]*/cwd"):
        try:
            target = os.readlink(cwd)
        except OSError:
            continue
        if "cvgen-tex-" in target and target.endswith("(deleted)"):
            leftover.append(cwd.parent.name)
    assert not leftover, f"processes outlived the timeout in a removed build folder: {leftover}"


def test_hostile_profile_same_links_and_sections_as_html(hostile):
    page = (hostile["pdf"].parent / "cv.html").read_text(encoding="utf-8")
    assert uris(hostile["pdf"]) == {html_lib.unescape(u) for u in re.findall(r'<a href="([^"]+)"', page)}
    headings = [html_lib.unescape(h) for h in re.findall(r"<h2>(.*?)</h2>", page)]
    outline = [item.title for item in PdfReader(hostile["pdf"]).outline if not isinstance(item, list)]
    assert outline == headings and len(headings) == 13


def test_a_missing_font_names_its_package(tmp_path):
    from cvgen.engines.latexmk import TexError, TexResult
    from cvgen.engines.tex_errors import failure_message

    source = read_profile(PROFILES / "haoyu-he.yaml")
    result = TexResult(
        None, "", None, 0.1, [], [TexError('Package fontspec Error: The font "DejaVu Serif" cannot be found.', 12)]
    )
    message = failure_message(result, "x\n" * 20, source, "out/cv.tex", tmp_path / "cv.log", "xelatex")
    assert "(install it: apt-get install fonts-dejavu-core)" in message and "out/cv.tex:12" in message
