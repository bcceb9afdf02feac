from markupsafe import Markup, escape

from cvgen.render import html_environment, tex_environment
from cvgen.text.tex import Tex, escape_tex
from cvgen.text.words import fill


def test_fill_escapes_message_and_plain_values_but_keeps_markup():
    out = fill("<b>%(a)s</b> & %(b)s", {"a": "<i>", "b": Markup("<em>x</em>")}, escape)
    assert out == "&lt;b&gt;&lt;i&gt;&lt;/b&gt; &amp; <em>x</em>"


def test_fill_in_tex_keeps_tex_commands_and_escapes_the_rest():
    out = fill("100% of %(page)s_%(n)s", {"page": Tex(r"\thepage{}"), "n": "#1"}, escape_tex)
    assert out == r"100\% of \thepage{}\_\#1"


def test_templates_print_words_through_underscore():
    html = html_environment().from_string('{{ _("Last updated %(date)s", date="<x>") }}').render()
    assert html == "Last updated &lt;x&gt;"
    tex = tex_environment().from_string('<< _("Page %(p)s of 5%", p=tex("\\\\thepage")) >>').render()
    assert tex == r"Page \thepage of 5\%"


def test_a_missing_value_is_named():
    try:
        fill("%(a)s", {}, escape)
    except KeyError as exc:
        assert "%(a)s" in str(exc)
    else:
        raise AssertionError("no error")
