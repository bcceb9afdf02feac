"""The CV's view: the selection as sections of rows, formatted for one output (HTML or TeX).

Everything a CV shows is decided and formatted here, in Python, through a
`Format`, so the HTML and LaTeX CVs hold the same entries and escaping
happens in one place per format. Templates add layout, not content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit

from cvgen.clock import build_date
from cvgen.profile.model import CvSettings, Person, Position
from cvgen.profile.sections import section_title
from cvgen.text import i18n
from cvgen.text.format import Format, guess_lang
from cvgen.text.i18n import gettext as _
from cvgen.text.typography import unbreakable
from cvgen.views.design import Design, design_of
from cvgen.views.entries import Group, Row, section_groups
from cvgen.views.links import LINK_LABELS, profile_label, profile_url
from cvgen.views.publications import PubGroup, publication_groups, publication_legend
from cvgen.views.select import Selection


@dataclass
class Section:
    id: str
    title: str
    groups: list[Group] = field(default_factory=list)
    text: str | None = None  # a paragraph instead of rows
    legend: str | None = None
    dated: bool = True  # some row has a date (or number): the section has a date column


@dataclass
class CvDoc:
    name: str
    native_name: str | None
    headline: list[str]
    contact: list[str]  # e-mail, phone, website: each kept on one line; a line breaks between them only
    links: list[str]  # profiles, printed as addresses a reader can type (github.com/NAME)
    sections: list[Section]
    meta: dict[str, str]
    paper: str
    font_size: float
    updated: str
    photo: str | None
    address: str | None = None  # the postal address; a line breaks in it after a comma only
    spacing: float = 1.0  # vertical space between entries and sections; page fitting lowers it
    when_width: float = 7.6  # the date column, in em of the body text
    number_width: float = 2.6  # the publications' number column ([C12]), in em of the body text
    pdf_standard: str = "pdf/ua-1"
    lang: str = "en"
    design: Design = field(default_factory=lambda: design_of(CvSettings()))
    contact_kinds: list[str] = field(default_factory=list)  # email, phone, website: what each contact item is


# ---------------------------------------------------------------- header


def short_url(url: str) -> str:
    """An address as printed on paper: no scheme, no `www.`, no trailing slash, no tracking or language
    parameters (`https://scholar.google.com/citations?user=ID&hl=en` -> `scholar.google.com/citations?user=ID`)."""
    parts = urlsplit(url)
    if not parts.netloc:
        return url
    host = parts.netloc.removeprefix("www.")
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("hl", "view_op", "lang", "ref", "utm_source")]
    text = host + parts.path.rstrip("/") + (f"?{urlencode(query)}" if query else "")
    return text


def _item(fmt: Format, text: str, url: str | None = None) -> str:
    """One contact item, never broken inside."""
    label = fmt.text(unbreakable(text))
    return fmt.link(url, label) if url else label


def contact_lines(person: Person, fmt: Format) -> tuple[list[str], list[str]]:
    """(e-mail, phone, website) and the profile links as a reader can type them: `github.com/NAME`,
    `orcid.org/ID`; a link under a name of the profile's own says which it is (`Lab GitHub: github.com/...`)."""
    contact = []
    if person.email:
        contact.append(_item(fmt, person.email, f"mailto:{person.email}"))
    if person.phone:
        contact.append(_item(fmt, person.phone))
    if person.website:
        contact.append(_item(fmt, short_url(person.website), person.website))
    links = []
    for key, value in person.links.items():
        url = profile_url(key, value)
        shown = short_url(url)
        if key not in LINK_LABELS:
            shown = f"{profile_label(key)}: {shown}"
        links.append(_item(fmt, shown, url))
    return contact, links


def contact_kinds(person: Person) -> list[str]:
    """What each item of contact_lines' first list is, for themes that label them."""
    return [kind for kind in ("email", "phone", "website") if getattr(person, kind)]


def address_pieces(address: str | None, fmt: Format) -> list[str]:
    """`617A Centre Main Building, Tsinghua University, Beijing 100084, China`: a line may break after a
    comma only, so that "Beijing 100084" stays together."""
    if not address:
        return []
    return [_item(fmt, piece) for piece in re.split(r"(?<=,)\s+", address.strip())]


# ---------------------------------------------------------------- sections

_ACADEMIC_PLACE = re.compile(
    r"universit|college|institut|school|academy|polytechnic|école|ecole|hochschule|universidad|universidade|"
    r"университет|институт|академи|大学|大學|研究所|研究院|대학|연구소|"
    r"\b(ETH|EPFL|MIT|CNRS|INRIA|Inria|CNR|CSIC|Max Planck|RIKEN)\b",
    re.I,
)


def _academic(p: Position) -> bool:
    if p.kind is not None:
        return p.kind in ("academic", "visiting")
    return bool(_ACADEMIC_PLACE.search(" ".join(x for x in (p.organization, p.department or "") if x)))


def positions_title(positions: list[Position], title: str) -> str:
    """'Academic Positions' only when every position is academic; 'Positions' otherwise (an industry job)."""
    if title != section_title("positions") or all(_academic(p) for p in positions):
        return title
    return _("Positions")


def _selects(sel: Selection) -> bool:
    """Does this CV show a selection of the publications (a variant's cut) rather than all of them?"""
    o = sel.options
    return bool(o.selected_only or o.max or o.since is not None or o.types or sel.cv.since is not None)


def _publications(sel: Selection, fmt: Format, title: str) -> Section | None:
    groups: list[PubGroup] = publication_groups(sel, fmt)
    if not any(g.items for g in groups):
        return None
    rows = [
        Group(
            g.title,
            [
                Row(f"[{v.label}]" if v.label else "", v.citation, [v.extra] if v.extra else [], v.number)
                for v in g.items
            ],
        )  # fmt: skip
        for g in groups
    ]
    if title == section_title("publications") and _selects(sel):
        title = _("Selected Publications")
    return Section("publications", title, rows, legend=publication_legend(groups, fmt) or None)


def _section(sel: Selection, sid: str, title: str, fmt: Format) -> Section | None:
    profile = sel.profile
    if sid == "publications":
        return _publications(sel, fmt, title)
    if sid == "interests":
        return Section(sid, title, text=fmt.text(_("; ").join(profile.interests))) if profile.interests else None
    if sid == "about":
        return Section(sid, title, text=fmt.markdown(profile.bio)) if profile.bio else None
    if sid == "contact":
        return None  # the CV header carries the contact details
    entries = sel.entries(sid)
    if not entries:
        return None
    if sid == "positions":
        title = positions_title(entries, title)
    groups = section_groups(sid, entries, fmt)
    return Section(sid, title, groups, dated=any(r.when for g in groups for r in g.rows))


# Advance widths (em) of TeX Gyre Pagella Regular, the CV's font, for the characters of dates and numbers:
# the date column is sized to its widest label. Other characters count as an `m`, so a column is never short.
_WIDTHS = dict(zip(" ,.-–—’'()[]/?:", (0.25, 0.25, 0.25, 0.333, 0.5, 1.0, 0.278, 0.208, 0.456, 0.456, 0.428,
                                       0.428, 0.486, 0.444, 0.25), strict=True))  # fmt: skip
_WIDTHS.update(dict.fromkeys("0123456789", 0.5))
_WIDTHS.update(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (0.778, 0.611, 0.709, 0.774, 0.611, 0.556, 0.763, 0.832, 0.337,
    0.333, 0.726, 0.611, 0.946, 0.831, 0.786, 0.604, 0.786, 0.668, 0.525, 0.613, 0.778, 0.722, 1.0, 0.667, 0.667,
    0.667), strict=True))  # fmt: skip
_WIDTHS.update(zip("abcdefghijklmnopqrstuvwxyz", (0.5, 0.553, 0.444, 0.611, 0.479, 0.333, 0.556, 0.582, 0.287,
    0.234, 0.556, 0.291, 0.883, 0.582, 0.546, 0.601, 0.56, 0.395, 0.424, 0.326, 0.603, 0.565, 0.834, 0.516, 0.556,
    0.5), strict=True))  # fmt: skip


def _text_width(text: str) -> float:
    return sum(_WIDTHS.get(c, 1.0 if c >= "\u2e80" else 0.883) for c in text)  # CJK characters are 1 em wide


# How much wider than TeX Gyre Pagella's (the table above) the dates of a theme's font run; a font of the
# user's own counts as 20% wider, so that its column is never short.
FONT_WIDTH = {"TeX Gyre Pagella": 1.0, "Lato": 1.16, "Charis SIL": 1.13}


def when_most() -> float:
    """The widest date column, in em: dates in other languages run longer (`Sept. 2022–Aug. 2027`, `2017年10月–`)."""
    return 9.5 if i18n.is_english() else 11.0


def column_width(sections: list[Section], numbers: bool, least: float, most: float, scale: float = 0.95) -> float:
    """The date column (or with `numbers`, the publications' number column) in em of the body text: its
    widest label (set at `scale`), between `least` and `most`."""
    labels = [
        r.when for s in sections if (s.id == "publications") == numbers for g in s.groups for r in g.rows if r.when
    ]
    widest = max((_text_width(w) for w in labels), default=0.0) * scale
    return round(min(max(widest + 0.1, least), most), 2)


def cv_context(sel: Selection, fmt: Format, photo: str | None = None, spacing: float = 1.0) -> CvDoc:
    profile = sel.profile
    person = profile.person
    custom = {s.section_id(): s.title for s in profile.sections}
    sections = [
        s for sid in sel.sections if (s := _section(sel, sid, custom.get(sid) or section_title(sid), fmt)) is not None
    ]
    contact, links = contact_lines(person, fmt)
    design = design_of(sel.cv)
    widen = FONT_WIDTH.get(design.font, 1.2)
    headline = [fmt.text(x) for x in (person.position, person.affiliation) if x]
    native = (
        fmt.lang(fmt.text(person.native_name), person.native_lang or guess_lang(person.native_name))
        if person.native_name
        else None
    )
    updated = build_date()
    meta = {
        "title": f"{person.name} – {_('Curriculum Vitae')}",
        "author": person.name,
        "keywords": ", ".join([_("curriculum vitae"), *profile.interests]),
        "description": ", ".join(x for x in (person.position, person.affiliation) if x) or _("Curriculum vitae"),
        "created": updated.isoformat(),
    }
    return CvDoc(
        name=fmt.text(person.name),
        native_name=native,
        headline=headline,
        contact=contact,
        links=links,
        sections=sections,
        meta=meta,
        paper=sel.cv.paper or "a4",
        font_size=sel.cv.font_size or 10.0,
        updated=i18n.month_year(updated.year, updated.month, full=True),
        photo=photo,
        address=fmt.join(address_pieces(person.address, fmt), " ") if person.address else None,
        spacing=spacing,
        when_width=column_width(sections, False, 4.5, when_most(), 0.95 * widen),
        number_width=column_width(sections, True, 1.8, 4.0, 0.95 * widen),
        pdf_standard=sel.cv.pdf_standard or "pdf/ua-1",
        design=design,
        contact_kinds=contact_kinds(person),
        lang=i18n.current(),
    )
