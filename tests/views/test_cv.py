"""Stage 4: publications formatted once, the same way for every format."""

from pathlib import Path

from markupsafe import Markup

from cvgen.profile.load import load_text
from cvgen.profile.model import Publication
from cvgen.profile.validate import validate
from cvgen.text.html import HtmlFormat
from cvgen.text.names import NameMatcher
from cvgen.views.cv import cv_context
from cvgen.views.publications import format_publication
from cvgen.views.select import select

FMT = HtmlFormat()
OWNER = NameMatcher("Gao Huang", ["G. Huang"])


def pub(**kw) -> Publication:
    base = {
        "title": "Densely Connected Convolutional Networks",
        "year": 2017,
        "venue": "CVPR",
        "venue_full": "IEEE Conference on Computer Vision and Pattern Recognition",
    }
    return Publication.model_validate({**base, **kw})


def test_citation_marks_owner_and_contributions():
    view = format_publication(
        pub(
            authors=["Gao Huang*", "Zhuang Liu*", "Kilian Weinberger†"],
            note="Best Paper Award",
            links={"code": "https://github.com/liuzhuang13/DenseNet"},
        ),
        FMT,
        OWNER,
        "bold",
        None,
        3,
    )
    assert view.citation == Markup(
        "<strong>Gao Huang</strong>*, Zhuang Liu*, Kilian Weinberger†. Densely Connected Convolutional Networks. "
        "<em>IEEE Conference on Computer Vision and Pattern Recognition (CVPR)</em>, 2017. "
        "<strong>Best Paper Award.</strong> "
        '<a href="https://github.com/liuzhuang13/DenseNet">[code]</a>'
    )
    assert view.has_equal and view.has_corresponding and view.number == 3


def test_alias_and_underline():
    view = format_publication(pub(authors=["G. Huang", "Rui Huang"]), FMT, OWNER, "underline", None)
    assert view.authors == Markup('<span class="own">G. Huang</span>, Rui Huang')


def test_et_al_never_hides_the_owner():
    authors = [f"Author {i}" for i in range(10)] + ["Gao Huang"]
    view = format_publication(pub(authors=authors), FMT, OWNER, "bold", 3)
    assert view.authors == Markup("Author 0, Author 1, <strong>Gao Huang</strong>, et al.")


def test_user_text_is_escaped():
    view = format_publication(
        pub(title="<script>alert(1)</script> & Co", authors=["<b>X</b>"]), FMT, OWNER, "bold", None
    )
    assert "<script>" not in view.citation and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in view.citation
    assert "&lt;b&gt;X&lt;/b&gt;" in view.citation


def test_cv_sections_follow_order_and_legend():
    text = """person: {name: Gao Huang, native_name: 黄高}
publications:
  - {title: J, year: 2020, type: journal, authors: ["Gao Huang*", "B*"]}
  - {title: C, year: 2021, type: conference, authors: [Gao Huang]}
service: [{role: Area Chair, venue: CVPR, years: [2026, 2022], category: conference}]
"""
    profile = validate(load_text(text, Path("p.yaml")))
    doc = cv_context(select(profile, profile.publication_list(), "cv"), FMT)
    assert [s.id for s in doc.sections] == ["publications", "service"]
    pubs = doc.sections[0]
    assert [g.title for g in pubs.groups] == ["Conference Papers", "Journal Articles"]
    assert [r.when for g in pubs.groups for r in g.rows] == ["[C1]", "[J1]"]  # numbered per type group
    assert pubs.legend == "* equal contribution"
    assert doc.native_name == Markup('<span lang="zh-Hans">黄高</span>')
    assert doc.sections[1].groups[0].rows[0].when == "2026, 2022"
