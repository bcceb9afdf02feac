"""What search engines and link previews read: description, Open Graph tags, schema.org Person data."""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup

from cvgen.text.html import HtmlFormat
from cvgen.text.i18n import gettext
from cvgen.views.links import profile_url
from cvgen.views.select import Selection

# Person links that identify the same person elsewhere (schema.org sameAs), most telling first.
SAME_AS_ORDER = ("google_scholar", "orcid", "github", "dblp", "semantic_scholar", "linkedin", "researchgate")


def json_for_script(data: Any) -> Markup:
    """JSON that cannot end its <script> element: <, > and & become \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def base_url(sel: Selection) -> str | None:
    """`homepage.base_url` with a final slash, when it is an http(s) address."""
    base = sel.homepage.base_url
    if not base or not base.lower().startswith(("http://", "https://")):
        return None
    return base if base.endswith("/") else base + "/"


def description(sel: Selection, fmt: HtmlFormat) -> str:
    """The meta description: the profile's own, else position and affiliation, else the bio's start."""
    if sel.homepage.description:
        return sel.homepage.description
    p = sel.profile.person
    head = ", ".join(x for x in (p.position, p.affiliation) if x)
    if head:
        return f"{p.name}: {head}."
    if sel.profile.bio:
        text = fmt.plain(sel.profile.bio)
        return text[:157] + "…" if len(text) > 160 else text
    return gettext("Homepage of %(name)s") % {"name": p.name}


def person_jsonld(sel: Selection, base: str | None, image: str | None, email_public: bool) -> Markup:
    """schema.org `Person` with `sameAs` links to the owner's other profiles."""
    p = sel.profile.person
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person", "name": p.name}
    if p.native_name:
        data["alternateName"] = p.native_name
    if p.position:
        data["jobTitle"] = p.position
    if p.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": p.affiliation}
    url = base or p.website
    if url:
        data["url"] = url
    if base and image:
        data["image"] = base + image
    if p.email and email_public:  # an obfuscated address stays out of machine-readable data
        data["email"] = f"mailto:{p.email}"
    keys = sorted(p.links, key=lambda k: (SAME_AS_ORDER.index(k) if k in SAME_AS_ORDER else len(SAME_AS_ORDER), k))
    same = [u for u in (profile_url(k, p.links[k]) for k in keys) if re.match(r"^https?://", u)]
    if p.website and p.website != url:
        same.append(p.website)
    if same:
        data["sameAs"] = same
    if sel.profile.interests:
        data["knowsAbout"] = list(sel.profile.interests)
    return json_for_script(data)


def open_graph(page_url: str | None, title: str, summary: str, image_url: str | None, name: str) -> dict[str, str]:
    tags = {"og:type": "profile", "og:title": title, "og:description": summary}
    if page_url:
        tags["og:url"] = page_url
    if image_url:
        tags["og:image"] = image_url
        tags["og:image:alt"] = gettext("Photo of %(name)s") % {"name": name}
    return tags
