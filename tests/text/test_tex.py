"""TeX escaping (cvgen/markup_tex.py) without TeX: the guarantees as properties of the output.

The compile tests in test_latex.py prove the same text comes out of XeLaTeX;
these prove, for any input, that the TeX we write has no live special
character in it, so nothing a profile says can act as TeX.
"""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cvgen.render import tex_environment
from cvgen.text.tex import Tex, TexFormat, cjk_font_command, clean_text, escape_tex, escape_url, finalize_tex

SPECIALS = "\\{}$&#^_~%[]<>|\"'`"

# Every piece escape_tex may produce: a command for a special character, a
# font wrapper, a broken ligature, or a character without meaning in TeX.
_SAFE_TOKEN = re.compile(
    r"\\text(?:backslash|asciicircum|asciitilde|less|greater|bar|quotedbl|quotesingle|asciigrave)\{\}"
    r"|\\[{}$&#_%]"
    r"|\{\[\}|\{\]\}"
    r"|\{\\cvfb |\{\\cvcjk |\}"
    r"|[-,]\{\}|\\-"
    r"|\\allowbreak\{\}|\\nobreak\{\}|\\mbox\{-\}"  # break points of long runs; names kept whole
    r"|~"
    r"|[^\\{}$&#^_~%\[\]<>|\"'`\x00-\x08\x0a-\x1f\x7f]",
    re.S,
)


def assert_inert(tex: str) -> None:
    """`tex` is a sequence of safe tokens, its braces balance, it has one line."""
    pos = 0
    depth = 0
    while pos < len(tex):
        m = _SAFE_TOKEN.match(tex, pos)
        assert m, f"unsafe TeX at {pos}: {tex[pos : pos + 20]!r} in {tex!r}"
        token = m.group(0)
        if token.startswith(("{\\cvfb", "{\\cvcjk")):
            depth += 1
        elif token == "}":
            depth -= 1
            assert depth >= 0, f"unbalanced braces in {tex!r}"
        pos = m.end()
    assert depth == 0, f"unbalanced braces in {tex!r}"
    plain = tex.replace("\\-", "\x00")  # the soft hyphen command is not a hyphen character
    assert "\n" not in tex and "^^" not in tex and "--" not in plain and ",," not in plain


@pytest.mark.parametrize(
    ("text", "tex"),
    [
        ("\\", r"\textbackslash{}"), ("{", r"\{"), ("}", r"\}"), ("$", r"\$"), ("&", r"\&"), ("#", r"\#"),
        ("_", r"\_"), ("%", r"\%"), ("^", r"\textasciicircum{}"), ("~", r"\textasciitilde{}"),
        ("<", r"\textless{}"), (">", r"\textgreater{}"), ("|", r"\textbar{}"), ('"', r"\textquotedbl{}"),
        ("'", r"\textquotesingle{}"), ("`", r"\textasciigrave{}"), ("[", "{[}"), ("]", "{]}"),
        ("a\u00a0b", "a~b"), ("Elec\u00adtron", "Elec\\-tron"), ("a--b", "a-{}-b"), ("---", "-{}-{}-{}"), (",,", ",{},{}"), ("a-b", "a-b"),
        ("x-", "x-{}"), ("^^5cinput", r"\textasciicircum{}\textasciicircum{}5cinput"),
        ("\\input{/etc/hostname}", r"\textbackslash{}input\{/etc/hostname\}"),
        ("Zoë Nguyễn Văn Đức", "Zoë Nguyễn Văn Đức"), ("β-VAE", "β-VAE"),
        ("Иван Петров", r"{\cvfb Иван} {\cvfb Петров}"), ("Καθηγητής", r"{\cvfb Καθηγητής}"),
        ("ℓ₁-norm", r"ℓ{\cvfb ₁}-norm"), ("ĸℓĸ", r"{\cvfb ĸ}ℓ{\cvfb ĸ}"),
        ("黄高", r"{\cvcjk 黄高}"), ("山田 太郎", r"{\cvcjk 山田 太郎}"), ("黄高（Gao）", r"{\cvcjk 黄高（}Gao{\cvcjk ）}"),
    ],
)  # fmt: skip
def test_escape_tex_table(text, tex):
    assert escape_tex(text) == tex
    assert_inert(escape_tex(text))


@given(st.text())
@settings(max_examples=500)
def test_any_text_escapes_to_inert_tex(text):
    assert_inert(escape_tex(text))
    assert_inert(escape_tex(text + "\u00ad-" + text))


def test_line_breaks_and_controls_fold():
    assert escape_tex("a\n\nb\r\nc\rd\u2028e\u2029f\x85g") == "a b c d e f g"
    assert escape_tex("a\x00b\x07c\x1bd\x7fe\x9bf\ud800g\uffffh") == "abcdefgh"
    assert escape_tex("tab\there") == "tab here"
    assert clean_text("e\u0301") == "é"  # NFC


def test_tex_passes_through_and_finalize():
    already = Tex(r"\textbf{x}")
    assert escape_tex(already) is already
    assert finalize_tex(None) == ""
    assert finalize_tex(already) == r"\textbf{x}"
    assert finalize_tex("50%") == r"50\%"
    assert finalize_tex(10.5) == "10.5"


def test_template_values_are_escaped():
    env = tex_environment()
    tpl = env.from_string(r"\textbf{<< x >>} << y >>")
    assert tpl.render(x="$\\input{a}", y=Tex(r"\emph{ok}")) == r"\textbf{\$\textbackslash{}input\{a\}} \emph{ok}"


def test_escape_is_linear():
    start = time.perf_counter()
    escape_tex("a" * 1_000_000)
    escape_tex("ή" * 200_000 + " x" * 200_000)
    escape_tex("黄 " * 200_000 + "-" * 100_000)
    assert time.perf_counter() - start < 3


# ------------------------------------------------------------ URLs
URL_CHARS = st.text(alphabet=st.sampled_from("abcxyzABC019-._~:/?@!$'()*+,;=[]%#&"), min_size=1, max_size=40).map(
    lambda s: "https://x.org/" + s
)


def unescape_url(tex: str) -> str:
    return re.sub(r"\\([%#&])", r"\1", tex)


@given(URL_CHARS)
def test_url_characters_come_back_exactly(url):
    tex = escape_url(url)
    assert unescape_url(tex) == url
    assert re.fullmatch(r"(?:\\[%#&]|[A-Za-z0-9\-._~:/?@!$'()*+,;=\[\]])*", tex)


@given(st.text())
def test_any_url_is_inert(url):
    tex = escape_url(url)
    # nothing that TeX reads as a special character except the three escapes hyperref undoes
    assert re.fullmatch(r"(?:\\[%#&]|[A-Za-z0-9\-._~:/?@!$'()*+,;=\[\]])*", tex), tex
    assert "^" not in tex and "{" not in tex and "\\\\" not in tex


def test_url_percent_encodes_what_is_not_a_url_character():
    assert escape_url("https://x.org/a b/ä{}^\\") == r"https://x.org/a\%20b/\%C3\%A4\%7B\%7D\%5E\%5C"
    assert escape_url("https://x.org/~u/a%20b?q=1&r=2#f") == r"https://x.org/~u/a\%20b?q=1\&r=2\#f"
    assert escape_url(" https://x.org/\n") == "https://x.org/"


# ------------------------------------------------------------ TexFormat
FMT = TexFormat()


def test_markdown_inline():
    assert FMT.markdown("**b** *i* `c{}` [l](https://x.org/a%20b#c)", inline=True) == (
        r"\textbf{b} \emph{i} \texttt{c\{\}} \href{https://x.org/a\%20b\#c}{l}"
    )
    # inline Markdown is one paragraph, as HtmlFormat's renderInline: no lists, no headings
    assert (
        " ".join(FMT.markdown("# not a heading\n\n- not a list", inline=True).split())
        == r"\# not a heading - not a list"
    )
    # a hard break never lets the next line's [ or * become an argument of \\
    assert FMT.markdown("a\\\n[b] *c*", inline=True) == r"a\\{}{[}b{]} \emph{c}"


def test_markdown_blocks():
    tex = FMT.markdown("# Head\n\nPara *one*.\n\n- a\n- [b]\n\n3. x\n\n> q")
    assert r"\textbf{Head}" in tex and r"Para \emph{one}.\par" in tex
    assert "\\begin{itemize}\n\\item{} a\n\\item{} {[}b{]}\n\\end{itemize}" in tex
    assert r"\begin{enumerate}\setcounter{enumi}{2}" in tex and r"\begin{quote}" in tex


def test_markdown_unsafe_links_and_html_are_text():
    assert FMT.markdown("[x](javascript:alert(1))", inline=True) == r"{[}x{]}(javascript:alert(1))"
    assert FMT.markdown("<b>x</b> <script>", inline=True) == (
        r"\textless{}b\textgreater{}x\textless{}/b\textgreater{} \textless{}script\textgreater{}"
    )
    assert FMT.link("javascript:alert(1)", "label") == "label"
    assert FMT.link("https://x.org/?a=1&b=2", FMT.text("A & B")) == r"\href{https://x.org/?a=1\&b=2}{A \& B}"


def test_marks_and_languages():
    assert FMT.underline(FMT.strong(FMT.text("Gao Huang"))) == r"\uline{\textbf{Gao Huang}}"
    assert FMT.lang(FMT.text("黄高"), "zh-Hans") == r"{\cjkfont {\cvcjk 黄高}}"
    assert FMT.lang("山田", "ja") == r"{\cjkfontjp {\cvcjk 山田}}"
    assert FMT.lang("金", "ko-KR") == r"{\cjkfontkr {\cvcjk 金}}"
    assert FMT.lang("陳", "zh-TW") == r"{\cjkfonttc {\cvcjk 陳}}"
    assert FMT.lang("Иван", "ru") == r"{\cvfb Иван}"
    assert cjk_font_command(None) is None and cjk_font_command("zh-Hant-HK") == r"\cjkfonttc"
    assert FMT.join(["a-", Tex(r"\textbf{b}")], ", ") == r"a-{}, \textbf{b}"
