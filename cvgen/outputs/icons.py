"""Icons of profile links as inline SVG, read at build time from Font Awesome Free's installed package.

Font Awesome Free's icons are licensed CC BY 4.0 (fontawesome.com/license/free); each symbol keeps
the attribution comment of its file. A page carries the symbols of the icons it uses once, in a
hidden sprite, and each link draws one with `<use>`; the icon is decorative (`aria-hidden`), the
link's text is its name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files

from markupsafe import Markup, escape

from cvgen.errors import BuildError

# Link kind (a key of person.links, or cvgen's own: email, cv, website) -> Font Awesome file.
ICON_FILES = {
    "google_scholar": "brands/google-scholar",
    "orcid": "brands/orcid",
    "github": "brands/github",
    "gitlab": "brands/gitlab",
    "linkedin": "brands/linkedin",
    "x": "brands/x-twitter",
    "twitter": "brands/x-twitter",
    "mastodon": "brands/mastodon",
    "bluesky": "brands/bluesky",
    "researchgate": "brands/researchgate",
    "youtube": "brands/youtube",
    "dblp": "solid/database",  # Font Awesome has no DBLP mark
    "semantic_scholar": "solid/graduation-cap",
    "email": "solid/envelope",
    "cv": "solid/file-lines",
    "website": "solid/globe",
}
_SVG = re.compile(r'<svg[^>]*viewBox="([0-9. ]+)"[^>]*>(<!--.*?-->)?(.*)</svg>', re.S)


def icon_file(kind: str) -> str | None:
    """The icon file of a link kind; a kind like `lab_github` takes the icon of its last known word."""
    if kind in ICON_FILES:
        return ICON_FILES[kind]
    for word in reversed(kind.split("_")):
        if word in ICON_FILES:
            return ICON_FILES[word]
    return None


@lru_cache(maxsize=64)
def _read(name: str) -> tuple[str, str, str]:
    """(viewBox, attribution comment, drawing) of one Font Awesome SVG."""
    try:
        root = files("fontawesomefree").joinpath("static", "fontawesomefree", "svgs")
        text = root.joinpath(*f"{name}.svg".split("/")).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise BuildError(f"icon '{name}' not found ({exc}); reinstall cvgen (it needs fontawesomefree)") from None
    m = _SVG.search(text)
    if m is None:
        raise BuildError(f"icon '{name}' of fontawesomefree is not an SVG cvgen can read")
    return m[1], m[2] or "", m[3].strip()


def icon_sprite(kinds: Iterable[str]) -> tuple[dict[str, str], Markup]:
    """(kind -> symbol id, the hidden sprite holding those symbols) for the link kinds of one page."""
    ids: dict[str, str] = {}
    symbols: dict[str, str] = {}
    comment = ""
    for kind in kinds:
        name = icon_file(kind)
        if name is None:
            continue
        symbol = "i-" + name.split("/")[-1]
        ids[kind] = symbol
        if symbol not in symbols:
            box, comment, drawing = _read(name)
            symbols[symbol] = f'<symbol id="{escape(symbol)}" viewBox="{escape(box)}">{drawing}</symbol>'
    if not symbols:
        return {}, Markup("")
    body = comment + "".join(symbols[s] for s in sorted(symbols))
    return ids, Markup(f'<svg class="sprite" aria-hidden="true">{body}</svg>')
