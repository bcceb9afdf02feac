"""The registry of checks, in the order they run, and the entry points that run them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cvgen.errors import ProfileError
from cvgen.profile.files import resolve_input
from cvgen.profile.load import load_file
from cvgen.profile.model import BibtexInclude
from cvgen.profile.source import Source, resolve_publications
from cvgen.profile.validate import validate
from cvgen.tools.lint.authors import check_owner, check_spelling_variants, check_stray_commas, check_surname_typos
from cvgen.tools.lint.context import Finding, LintContext, build_context
from cvgen.tools.lint.dates import check_future_dates
from cvgen.tools.lint.dates_missing import check_missing_dates
from cvgen.tools.lint.entries import check_bibtex, check_duplicate_titles, check_service_venues
from cvgen.tools.lint.files import check_missing_files, check_relative_links
from cvgen.tools.lint.languages import check_languages
from cvgen.tools.lint.links import check_duplicate_news_urls, check_duplicate_urls, check_news_links
from cvgen.tools.lint.markup import check_markup

Check = Callable[[LintContext], list[Finding]]

# Order matters only between findings at the same place: they are listed in this order.
CHECKS: tuple[Check, ...] = (
    check_news_links,  # news-link
    check_duplicate_urls,  # duplicate-url
    check_duplicate_news_urls,  # duplicate-url
    check_duplicate_titles,  # duplicate-entry
    check_service_venues,  # duplicate-venue
    check_missing_files,  # missing-file
    check_relative_links,  # missing-file
    check_future_dates,  # future-date
    check_missing_dates,  # missing-date
    check_owner,  # owner-missing
    check_stray_commas,  # author-spelling
    check_spelling_variants,  # author-spelling
    check_surname_typos,  # author-spelling
    check_markup,  # markup
    check_bibtex,  # bibtex
    check_languages,  # language
)


def lint(source: Source) -> list[Finding]:
    """Findings for a read profile (see the package docstring): the profile's first, then by file and line."""
    ctx = build_context(source)
    findings = [f for check in CHECKS for f in check(ctx)]
    findings.sort(key=lambda f: (f.problem.file != ctx.file, f.problem.file, f.problem.line or 0, f.problem.col or 0))
    seen: set[str] = set()
    out = []
    for f in findings:
        if str(f) not in seen:
            seen.add(str(f))
            out.append(f)
    return out


def lint_file(path: Path) -> list[Finding]:
    """Load, validate and lint PROFILE; missing files are findings here, not errors.

    Raises ProfileError when the profile is not valid (lint has nothing to say then).
    """
    loaded = load_file(Path(path))
    profile = validate(loaded)
    keep = []
    for i, item in enumerate(profile.publications):
        if isinstance(item, BibtexInclude):
            try:
                resolve_input(loaded, item.bibtex, ("publications", i, "bibtex"))
            except ProfileError:
                continue  # check_missing_files reports it
        keep.append(item)
    trimmed = profile.model_copy(update={"publications": keep})
    return lint(Source(loaded, profile, resolve_publications(loaded, trimmed)))
