"""The CV's view: the selection as sections of rows, formatted for one output (HTML or TeX).

Everything a CV shows is decided and formatted here, in Python, through a
`Format`, so the HTML and LaTeX CVs hold the same entries and escaping
happens in one place per format. Templates add layout, not content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cvgen.clock import build_date
from cvgen.profile.model import Person
from cvgen.profile.sections import SECTION_TITLES
from cvgen.text.format import Format, guess_lang
from cvgen.views.entries import Group, Row, section_groups
from cvgen.views.links import profile_label, profile_url
from cvgen.views.publications import publication_groups, publication_legend
from cvgen.views.select import Selection


@dataclass
class Section:
    id: str
    title: str
    groups: list[Group] = field(default_factory=list)
    text: str | None = None  # a paragraph instead of rows
    legend: str | None = None


@dataclass
class CvDoc:
    name: str
    native_name: str | None
    headline: list[str]
    contact: list[str]
    links: list[str]
    sections: list[Section]
    meta: dict[str, str]
    paper: str
    font_size: float
    updated: str
    photo: str | None


def contact_lines(person: Person, fmt: Format) -> tuple[list[str], list[str]]:
    t = fmt.text
    contact = []
    if person.email:
        contact.append(fmt.link(f"mailto:{person.email}", t(person.email)))
    if person.phone:
        contact.append(t(person.phone))
    if person.website:
        contact.append(fmt.link(person.website, t(person.website.split("://", 1)[-1].rstrip("/"))))
    if person.address:
        contact.append(t(person.address))
    links = [fmt.link(profile_url(k, v), t(profile_label(k))) for k, v in person.links.items()]
    return contact, links


def cv_context(sel: Selection, fmt: Format, photo: str | None = None) -> CvDoc:
    profile = sel.profile
    person = profile.person
    custom = {s.section_id(): s.title for s in profile.sections}
    sections: list[Section] = []
    for sid in sel.sections:
        title = custom.get(sid) or SECTION_TITLES.get(sid, sid)
        if sid == "publications":
            groups = publication_groups(sel, fmt)
            if not any(g.items for g in groups):
                continue
            rows = [
                Group(g.title, [Row(f"[{v.number}]" if v.number else "", v.citation, number=v.number) for v in g.items])
                for g in groups
            ]
            sections.append(
                Section(
                    sid, title, rows, legend=publication_legend(groups, fmt) or None
                )
            )
        elif sid == "interests":
            if profile.interests:
                sections.append(Section(sid, title, text=fmt.text("; ".join(profile.interests))))
        elif sid == "about":
            if profile.bio:
                sections.append(Section(sid, title, text=fmt.markdown(profile.bio)))
        elif sid == "contact":
            continue  # the CV header carries the contact details
        else:
            entries = sel.entries(sid)
            if entries:
                sections.append(Section(sid, title, section_groups(sid, entries, fmt)))
    contact, links = contact_lines(person, fmt)
    headline = [fmt.text(x) for x in (person.position, person.affiliation) if x]
    native = (
        fmt.lang(fmt.text(person.native_name), person.native_lang or guess_lang(person.native_name))
        if person.native_name
        else None
    )
    updated = build_date()
    meta = {
        "title": f"{person.name} – Curriculum Vitae",
        "author": person.name,
        "keywords": ", ".join(["curriculum vitae", *profile.interests]),
        "description": ", ".join(x for x in (person.position, person.affiliation) if x) or "Curriculum vitae",
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
        updated=f"{updated:%B %Y}",
        photo=photo,
    )
