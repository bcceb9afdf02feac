"""Typography of the printed CV: typographic quotes, names kept whole, WeasyPrint-safe markup, long words."""

from markupsafe import Markup

from cvgen.text.html import HtmlFormat, spaces_inside_elements
from cvgen.text.tex import TexFormat, escape_tex
from cvgen.text.typography import NBSP, WORD_JOINER, smart_quotes, unbreakable

HTML = HtmlFormat(printed=True)
TEX = TexFormat(printed=True)


def test_apostrophes_and_quotes_become_typographic():
    assert smart_quotes("Bachelor's degree") == "Bachelor’s degree"
    assert smart_quotes("the students' work") == "the students’ work"
    assert smart_quotes("'90s and '20s") == "’90s and ’20s"
    assert smart_quotes("'Word' and \"Mover's\" distance") == "‘Word’ and “Mover’s” distance"
    assert smart_quotes('("quoted")') == "(“quoted”)"
    assert smart_quotes("no quotes at all") == "no quotes at all"


def test_addresses_keep_their_quotes():
    text = "see https://example.org/it's or o'neil@example.org, it's here"
    assert smart_quotes(text) == "see https://example.org/it's or o'neil@example.org, it’s here"


def test_markdown_code_and_links_keep_their_quotes():
    md = "`don't` \"x\" [Mover's](https://example.org/?q='1') **it's**"
    assert HTML.markdown(md, inline=True) == Markup(
        "<code>don't</code> “x”<a href=\"https://example.org/?q='1'\"> Mover’s</a><strong> it’s</strong>"
    )
    tex = TEX.markdown(md, inline=True)
    assert r"\texttt{don\textquotesingle{}t}" in tex and "“x”" in tex and "Mover’s" in tex and "it’s" in tex


def test_only_the_printed_formats_curl_quotes():
    assert HtmlFormat().text("Mover's") == "Mover&#39;s"
    assert HTML.text("Mover's") == "Mover’s"
    assert TexFormat().text("Mover's") == r"Mover\textquotesingle{}s"
    assert TEX.text("Mover's") == "Mover’s"
    assert escape_tex("Mover's") == r"Mover\textquotesingle{}s"  # the escaper itself stays literal


def test_a_name_is_kept_on_one_line_in_both_engines():
    name = unbreakable("Yong-Jin  van der Liu")
    assert name == f"Yong-{WORD_JOINER}Jin{NBSP}van{NBSP}der{NBSP}Liu"
    assert escape_tex(name) == r"Yong\mbox{-}\nobreak{}Jin~van~der~Liu"
    assert HTML.text(name) == name  # Pango honours the no-break space and the word joiner


def test_no_run_of_text_ends_in_a_space_at_an_inline_element():
    assert spaces_inside_elements("a, <strong>b </strong>c") == "a,<strong> b</strong> c"
    assert spaces_inside_elements('x. <em>V</em>, 2024. <a href="u">[code]</a>') == (
        'x.<em> V</em>, 2024.<a href="u"> [code]</a>'
    )
    assert HTML.join([HTML.text("Yi Zhu, "), HTML.strong(HTML.text("Gao"))]) == "Yi Zhu,<strong> Gao</strong>"
    assert HtmlFormat().join(["Yi Zhu, ", HtmlFormat().strong("Gao")]) == "Yi Zhu, <strong>Gao</strong>"


def test_printed_underline_leaves_a_moved_space_without_a_rule():
    assert HTML.join([HTML.text("A, "), HTML.underline(HTML.text("Gao"))]) == ('A,<span class="own"> <u>Gao</u></span>')


def test_long_runs_may_break_in_tex():
    assert r"\allowbreak" not in escape_tex("x" * 39)
    word = escape_tex("x" * 50)
    assert word.replace(r"\allowbreak{}", "") == "x" * 50 and word.count(r"\allowbreak{}") == 8
    url = escape_tex("https://example.org/" + "/".join(["segment"] * 6))
    assert r"org/\allowbreak{}segment/\allowbreak{}" in url
    assert r"\allowbreak" not in escape_tex("gaohuang-net.github.io and ten more words like these ones")


def test_text_longer_than_a_name_keeps_its_break_points():
    consortium = "The International Consortium for Very Long Author Names"
    assert unbreakable(consortium) == consortium
