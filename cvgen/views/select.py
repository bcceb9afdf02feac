"""Stage 3: profile + variant -> what one output shows.

Applies a variant's overrides, then the filters (selected only, since year,
types, max items) and the order (newest first). Returns settings with every
default filled in, so later stages never ask "was this set?".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from cvgen.errors import CvgenError
from cvgen.profile.design import theme_named
from cvgen.profile.load import Path_
from cvgen.profile.model import CvSettings, HomepageSettings, Profile, Publication, PublicationOptions
from cvgen.profile.sections import CV_ORDER, HOMEPAGE_ORDER

M = TypeVar("M", bound=BaseModel)

DEFAULT_PUBLICATIONS = PublicationOptions(
    selected_only=False,
    since=None,
    max=None,
    types=None,
    group_by="type",
    numbering="none",
    max_authors=None,
    own_name="bold",
)


def overlay(base: M, over: M | None) -> M:
    """`base` with every field that `over` sets explicitly replaced (recursively for models)."""
    if over is None:
        return base
    update = {}
    for name in over.model_fields_set:
        value = getattr(over, name)
        current = getattr(base, name)
        if isinstance(value, BaseModel) and isinstance(current, BaseModel):
            value = overlay(current, value)
        update[name] = value
    return base.model_copy(update=update)


DEFAULT_STYLE: Literal["sidebar", "faculty"] = "sidebar"  # the homepage style when none is set


@dataclass(frozen=True)
class Selection:
    """What one output shows, in order, with settings resolved."""

    profile: Profile
    output: Literal["cv", "homepage"]
    sections: tuple[str, ...]
    publications: tuple[Publication, ...]
    options: PublicationOptions  # every field set
    cv: CvSettings
    homepage: HomepageSettings
    variant: str | None

    @property
    def style(self) -> Literal["sidebar", "faculty"]:
        """The homepage's style; `sidebar` unless the profile says otherwise."""
        return self.homepage.style or DEFAULT_STYLE

    def entries(self, section: str) -> list[Any]:
        """Entries of a built-in or custom section after `since` and `max_items`."""
        return _entries(self, section)


def select(
    profile: Profile, publications: list[Publication], output: Literal["cv", "homepage"], variant: str | None = None
) -> Selection:
    cv, homepage = profile.cv, profile.homepage
    pub_over: PublicationOptions | None = None
    if variant is not None:
        if variant not in profile.variants:
            known = ", ".join(sorted(profile.variants)) or "none defined"
            raise CvgenError(
                f"unknown variant '{variant}' (variants in this profile: {known}); add it under `variants:`"
            )
        v = profile.variants[variant]
        cv = overlay(cv, v.cv)
        homepage = overlay(homepage, v.homepage)
        if v.max_pages is not None:
            cv = cv.model_copy(update={"max_pages": v.max_pages})
        pub_over = v.publications
    if cv.font_size is None:  # the theme's body size (compact: 9.5 pt), so page fitting starts from it
        cv = cv.model_copy(update={"font_size": theme_named(cv.theme).font_size})
    if output == "cv":
        options = overlay(
            overlay(DEFAULT_PUBLICATIONS.model_copy(update={"numbering": "descending"}), cv.publications), pub_over
        )
        order = tuple(cv.sections) if cv.sections else CV_ORDER + tuple(s.section_id() for s in profile.sections)
    else:
        defaults = DEFAULT_PUBLICATIONS.model_copy(update={"own_name": "underline"})
        options = overlay(defaults, homepage.publications)  # a variant's `publications` cut the CV only
        order = (
            tuple(homepage.sections)
            if homepage.sections
            else HOMEPAGE_ORDER[homepage.style or DEFAULT_STYLE] + tuple(s.section_id() for s in profile.sections)
        )
    since = cv.since if output == "cv" else None
    pubs = filter_publications(publications, options, since)
    return Selection(profile, output, order, tuple(pubs), options, cv, homepage, variant)


def filter_publications(
    pubs: list[Publication], options: PublicationOptions, since: int | None = None
) -> list[Publication]:
    since = options.since if options.since is not None else since
    out = [
        p
        for p in pubs
        if (not options.selected_only or p.selected)
        and (since is None or p.year is None or p.year.year >= since)
        and (options.types is None or p.type in options.types)
    ]
    # Newest first; stable, so the profile's order breaks ties.
    out.sort(key=lambda p: p.year.key() if p.year else (0, 0, 0), reverse=True)
    if options.max is not None:
        out = out[: options.max]
    return out


def _year_of(entry: object) -> int | None:
    for name in ("date", "end", "year", "start"):
        value = getattr(entry, name, None)
        if value is None:
            continue
        if hasattr(value, "present") and value.present:
            return 9999
        if hasattr(value, "latest"):
            return int(value.latest())
        return int(value.year)
    return None


def _entries(sel: Selection, section: str) -> list[Any]:
    profile = sel.profile
    custom = {s.section_id(): s for s in profile.sections}
    if section in custom:
        items = list(custom[section].entries)
    elif section == "publications":
        return list(sel.publications)
    else:
        items = list(getattr(profile, section, []) or [])
    if sel.output == "cv" and sel.cv.since is not None:
        items = [e for e in items if (_year_of(e) or 9999) >= sel.cv.since]
    if section not in custom and section not in ("interests",):
        # Newest first, keeping the author's order among equals.
        items.sort(key=lambda e: _sort_key(e), reverse=True)
    limit = sel.cv.max_items if sel.output == "cv" else (sel.homepage.max_news if section == "news" else None)
    if limit is not None:
        items = items[:limit]
    return items


def _sort_key(entry: object) -> tuple[int, int, int]:
    for name in ("date", "end", "year", "start"):
        value = getattr(entry, name, None)
        if value is None:
            continue
        if hasattr(value, "latest"):
            return (value.latest(), 0, 0)
        if getattr(value, "present", False):
            start = getattr(entry, "start", None)
            return (9999, *(start.key()[1:] if start else (0, 0)))
        key: tuple[int, int, int] = value.key()
        return key
    return (0, 0, 0)


def cv_setting_path(profile: Profile, variant: str | None, key: str) -> Path_:
    """Where the CV's setting `key` comes from, for a located message: the variant's `cv` when it sets the
    key, else the profile's `cv`."""
    over = profile.variants[variant].cv if variant is not None and variant in profile.variants else None
    return ("variants", variant, "cv", key) if variant and over and getattr(over, key) else ("cv", key)
