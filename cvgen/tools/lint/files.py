"""missing-file: photo, thumbnails and .bib files that are not there, and relative links without their file."""

from __future__ import annotations

import re

from cvgen.errors import ProfileError
from cvgen.profile.files import resolve_input
from cvgen.profile.source import local_files
from cvgen.tools.lint.context import Finding, LintContext, finding


def check_missing_files(ctx: LintContext) -> list[Finding]:
    """The photo, thumbnails and .bib files the profile names (template folders are the build's concern)."""
    out = []
    for item in local_files(ctx.profile):
        if item.kind == "templates":
            continue
        try:
            resolve_input(ctx.loaded, item.relpath, item.where)
        except ProfileError as exc:
            out += [Finding(p, "missing-file") for p in exc.problems]
    return out


def check_relative_links(ctx: LintContext) -> list[Finding]:
    """Relative links (al-folio's `pdf = {paper.pdf}`) are files the site must carry."""
    folder = ctx.source.folder
    out = []
    for p in ctx.pubs:
        for kind, url in p.pub.links.items():
            if re.match(r"^[a-z][a-z0-9+.\-]*:", url, re.I) or url.startswith(("#", "/")):
                continue
            rel = re.split(r"[?#]", url, maxsplit=1)[0]
            target = (folder / rel).resolve()
            if not rel or (folder in target.parents and target.is_file()):
                continue
            out.append(
                finding(
                    "missing-file",
                    p.where(ctx.loaded, ("links", kind)),
                    f"{kind} link '{url}' of {p.label()} is a relative link, but there is no such file in "
                    "the profile's folder; the homepage would link a missing file (give a full URL or add the file)",
                )
            )
    return out
