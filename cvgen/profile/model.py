"""The profile schema: every user-facing key, typed. Also yields `cvgen schema`.

Names here are a contract (../shared/DESIGN.md): extend, never rename.
Every model forbids unknown keys so that a typo is an error, not a silent loss.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator
from pydantic_core import PydanticCustomError

from cvgen.profile.design import AccentColor, DateColumn, FontFamily, Margins, SectionStyle, ThemeName
from cvgen.profile.sections import SECTION_NAMES
from cvgen.profile.types import LangTag, LocalPath, Markdown, PartialDate, ProfileLink, Text, Url, Years
from cvgen.text import i18n

LANG_RX = i18n.TAG_RX
ID_RX = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _check_span(start: PartialDate | None, end: PartialDate | None) -> None:
    if start and end and not start.present and not end.present and end.key() < start.key():
        raise PydanticCustomError(
            "date_order", "end ({end}) is before start ({start})", {"end": str(end), "start": str(start)}
        )


class Spanned(Strict):
    """An entry with an optional start and end date."""

    @model_validator(mode="after")
    def _order(self) -> Any:
        _check_span(getattr(self, "start", None), getattr(self, "end", None))
        return self


# ---------------------------------------------------------------- person
class Person(Strict):
    name: Text = Field(min_length=1, description="Full name as it should appear on the CV.")
    native_name: Text | None = Field(None, description="Name in another script, e.g. 黄高.")
    native_lang: Text | None = Field(
        None, description="BCP 47 tag of native_name (zh-Hans, ja, ko, ...); guessed if omitted."
    )
    aliases: list[Text] = Field(
        default_factory=list, description="Other spellings used in author lists, e.g. 'G. Huang'."
    )
    position: Text | None = None
    affiliation: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    address: Text | None = None
    website: Url | None = None
    photo: LocalPath | None = Field(None, description="Image file relative to the profile.")
    links: dict[str, ProfileLink] = Field(
        default_factory=dict,
        description="Profiles: google_scholar, github, orcid (URL or bare iD), dblp, linkedin, twitter, ... -> URL.",
    )

    @field_validator("native_lang")
    @classmethod
    def _lang(cls, v: str | None) -> str | None:
        if v is not None and not LANG_RX.match(v):
            raise PydanticCustomError("lang", "'{v}' is not a language tag like zh-Hans, ja or ko", {"v": v})
        return v

    @field_validator("email")
    @classmethod
    def _email(cls, v: str | None) -> str | None:
        if v is not None and ("@" not in v or " " in v.strip()):
            raise PydanticCustomError("email", "'{v}' is not an e-mail address", {"v": v})
        return v


# ---------------------------------------------------------------- entries
class News(Strict):
    date: PartialDate
    text: Markdown


class Education(Spanned):
    degree: Text
    field: Text | None = None
    institution: Text
    location: Text | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    advisors: list[Text] = Field(default_factory=list)
    thesis: Text | None = None
    note: Markdown | None = None

    @field_validator("advisors", mode="before")
    @classmethod
    def _one_advisor(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v


PositionKind = Literal["academic", "visiting", "industry", "government", "nonprofit", "other"]


class Position(Spanned):
    title: Text
    organization: Text
    kind: PositionKind | None = Field(
        None,
        description="academic, visiting, industry, government, nonprofit or other. The CV's heading says "
        "'Academic Positions' only when every position is academic or visiting (or, unset, at a university, "
        "college or institute); otherwise 'Positions'.",
    )
    department: Text | None = None
    location: Text | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    note: Markdown | None = None


class Award(Strict):
    title: Text
    year: PartialDate | None = None
    organization: Text | None = None
    note: Markdown | None = None
    url: Url | None = None


class Grant(Spanned):
    title: Text
    agency: Text | None = None
    role: Text | None = None
    amount: Text | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    note: Markdown | None = None
    url: Url | None = None


class Service(Strict):
    role: Text
    venue: Text | None = None
    years: Years | None = None
    category: Text | None = Field(None, description="Groups entries: editorial, conference, reviewing, ...")
    url: Url | None = None


class Teaching(Strict):
    role: Text | None = None
    course: Text
    code: Text | None = None
    institution: Text | None = None
    year: Years | None = None
    note: Markdown | None = None


class Student(Spanned):
    name: Text
    degree: Text | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    now: Text | None = Field(None, description="Where the student went after graduating.")
    url: Url | None = None
    note: Markdown | None = None


class Talk(Strict):
    title: Text
    event: Text | None = None
    location: Text | None = None
    date: PartialDate | None = None
    url: Url | None = None


PublicationType = Literal[
    "conference", "journal", "workshop", "preprint", "book", "chapter", "thesis", "patent", "report", "other"
]


class Publication(Strict):
    title: Text | None = Field(
        None, min_length=1, description="Required, except in an entry that overrides a bib entry by `key`."
    )
    authors: list[Text] = Field(
        default_factory=list,
        description="Display names; a trailing * marks equal contribution, † a corresponding author.",
    )
    venue: Text | None = Field(None, description="Short venue name: CVPR, TPAMI, ...")
    venue_full: Text | None = None
    year: PartialDate | None = None
    type: PublicationType = "conference"
    note: Text | None = Field(None, description="Badge such as Oral, Spotlight, Best Paper Award.")
    selected: bool = False
    links: dict[str, Url] = Field(default_factory=dict, description="pdf, code, slides, talk, poster, ... -> URL.")
    thumbnail: LocalPath | None = None
    key: Text | None = Field(
        None, description="Citation key; a YAML entry with a bib entry's key overrides its fields."
    )
    doi: Text | None = None
    volume: Text | None = None
    number: Text | None = None
    pages: Text | None = None
    publisher: Text | None = None
    extra: Markdown | None = Field(None, description="A line of extra remarks shown under the entry.")
    abstract: Text | None = Field(
        None, description="Plain text (blank lines part paragraphs); the homepage shows it behind a toggle."
    )

    @model_validator(mode="after")
    def _title_or_key(self) -> Any:
        if not self.title and not self.key:
            raise PydanticCustomError("missing_title", "required, but missing; add `title: ...`")
        return self


class BibtexInclude(Strict):
    bibtex: LocalPath = Field(description="A .bib file relative to the profile; its entries join the list.")


def _publication_tag(value: Any) -> str:
    return "bibtex" if isinstance(value, dict) and "bibtex" in value else "publication"


PublicationItem = Annotated[
    Annotated[Publication, Tag("publication")] | Annotated[BibtexInclude, Tag("bibtex")],
    Discriminator(_publication_tag),
]


class CustomSection(Strict):
    title: Text
    id: Text | None = Field(None, description="Name used in `sections:` orders; defaults to the title in lower case.")

    @field_validator("id")
    @classmethod
    def _id(cls, v: str | None) -> str | None:
        if v is not None and not ID_RX.match(v):
            raise PydanticCustomError("id", "'{v}': use letters, digits, - and _ only", {"v": v})
        return v

    entries: list[Markdown] = Field(default_factory=list)

    def section_id(self) -> str:
        return self.id or re.sub(r"[^\w-]+", "_", self.title.lower()).strip("_") or "section"


# ---------------------------------------------------------------- settings


class PublicationOptions(Strict):
    """Which publications an output shows and how it lists them."""

    selected_only: bool | None = None
    since: int | None = Field(None, description="Only work from this year on.")
    max: int | None = Field(None, ge=1, description="At most this many (newest first).")
    types: list[PublicationType] | None = None
    group_by: Literal["type", "year", "none"] | None = None
    numbering: Literal["descending", "ascending", "none"] | None = None
    numbering_scope: Literal["group", "all"] | None = Field(
        None,
        description="group: each group counts on its own, type groups with a letter (C12, J3, W1); "
        "all: one count across groups. Default: group when grouped by type, else all.",
    )
    max_authors: int | None = Field(
        None, ge=1, description="Shorten longer author lists with 'et al.' (the owner stays)."
    )
    own_name: Literal["bold", "underline", "both"] | None = None


class CvSettings(Strict):
    sections: list[Text] | None = Field(None, description="Order of sections; omitted ones are not shown.")
    paper: Literal["a4", "letter"] | None = None
    font_size: float | None = Field(None, ge=7, le=14, description="Body size in points.")
    publications: PublicationOptions | None = None
    since: int | None = Field(None, description="Only entries from this year on (publications, talks, news, ...).")
    max_items: int | None = Field(None, ge=1, description="At most this many entries per section.")
    max_pages: int | None = Field(None, ge=1, description="Fail the build when the PDF has more pages.")
    fit: bool | None = Field(
        None,
        description="Tighten spacing, then the font size (never under 9 pt), to keep within max_pages and to "
        "avoid a last page under a fifth full. Default: on when max_pages is set.",
    )
    pdf_standard: Literal["pdf/ua-1", "pdf/a-2b", "pdf/a-3b", "none"] | None = Field(
        None,
        description="pdf/ua-1 (default): a tagged, accessible PDF; pdf/a-2b, pdf/a-3b: archival PDF/A; none: "
        "neither. The LaTeX route tags as far as TeX Live 2022 can (paragraphs and links).",
    )
    engine: Literal["weasyprint", "latex"] | None = None
    latex_engine: Literal["xelatex", "lualatex"] | None = None
    templates: LocalPath | None = Field(None, description="A folder of templates that override the built-in ones.")
    raw_tex_preamble: Text | None = Field(
        None, description="UNSAFE: raw TeX added to the LaTeX preamble. Only for profiles you wrote yourself."
    )
    theme: ThemeName | None = Field(None, description="classic (default), modern or compact: `cvgen themes`.")
    accent_color: AccentColor | None = Field(None, description='"#RRGGBB"; default: the theme\'s accent colour.')
    font: FontFamily | None = Field(None, description="Main font family (installed); default: the theme's font.")
    margins: Margins | None = Field(
        None, description="Page margins as in CSS: 20mm, '22mm 18mm' or four lengths (mm, cm, in, pt)."
    )
    section_style: SectionStyle | None = Field(
        None, description="Section titles: rule-below, rule-after (a rule to the right margin) or plain."
    )
    date_column: DateColumn | None = Field(None, description="Dates on the left of the entries or on the right.")


class HomepageSettings(Strict):
    style: Literal["sidebar", "faculty"] | None = Field(
        None, description="sidebar: profile card beside the content; faculty: one column with bio and lists."
    )
    sections: list[Text] | None = None
    title: Text | None = None
    description: Text | None = None
    base_url: Url | None = Field(None, description="Where the site is published; used for feed and OpenGraph links.")
    publications: PublicationOptions | None = None
    max_news: int | None = Field(None, ge=1)
    templates: LocalPath | None = None
    lang: Text | None = Field(None, description="Language of the page (BCP 47, e.g. en, de, zh-Hans); default en.")
    languages: list[LangTag] | None = Field(
        None, description="One site per language: the first at the root, the others under /de/, /zh/, ..."
    )

    @field_validator("lang")
    @classmethod
    def _lang(cls, v: str | None) -> str | None:
        if v is not None and not LANG_RX.match(v):
            raise PydanticCustomError("lang", "'{v}' is not a language tag like en, de or zh-Hans", {"v": v})
        return v

    email: Literal["link", "obfuscate", "hide"] | None = Field(
        None,
        description="How the e-mail shows: a mailto link, 'name at host dot edu' text, or not at all. "
        "Default: obfuscate on the faculty style, link on the sidebar style.",
    )


class Variant(Strict):
    cv: CvSettings | None = None
    homepage: HomepageSettings | None = None
    publications: PublicationOptions | None = Field(None, description="Shorthand for cv.publications.")
    max_pages: int | None = Field(None, ge=1, description="Shorthand for cv.max_pages.")


class Profile(Strict):
    lang: LangTag = Field(
        "en",
        description="Language of the CV and the site (BCP 47: en, de, fr, zh-Hans, ja, ...); `--lang` overrides it.",
    )
    person: Person
    bio: Markdown | None = None
    interests: list[Text] = Field(default_factory=list)
    news: list[News] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    grants: list[Grant] = Field(default_factory=list)
    service: list[Service] = Field(default_factory=list)
    teaching: list[Teaching] = Field(default_factory=list)
    students: list[Student] = Field(default_factory=list)
    talks: list[Talk] = Field(default_factory=list)
    publications: list[PublicationItem] = Field(default_factory=list)
    sections: list[CustomSection] = Field(default_factory=list)
    cv: CvSettings = Field(default_factory=CvSettings)
    homepage: HomepageSettings = Field(default_factory=HomepageSettings)
    variants: dict[str, Variant] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _section_names(self) -> Any:
        known = set(SECTION_NAMES) | {s.section_id() for s in self.sections}
        orders = [("cv", self.cv.sections), ("homepage", self.homepage.sections)]
        for vname, v in self.variants.items():
            orders.append((f"variants.{vname}.cv", v.cv.sections if v.cv else None))
            orders.append((f"variants.{vname}.homepage", v.homepage.sections if v.homepage else None))
        for where, names in orders:
            for name in names or []:
                if name not in known:
                    raise PydanticCustomError(
                        "section",
                        "{where}.sections: unknown section '{name}'; known: {known}",
                        {"where": where, "name": name, "known": ", ".join(sorted(known))},
                    )
        return self

    def publication_list(self) -> list[Publication]:
        """Publications given in YAML (BibTeX includes are resolved by the build)."""
        return [p for p in self.publications if isinstance(p, Publication)]
