"""`cvgen lint`: likely mistakes in a valid profile, as located warnings.

Validation says whether a profile can be built; lint says what a careful
reader of the result would frown at. The checks come from mistakes real
homepages contain; `checks.CHECKS` runs them in this order:

- news-link        a news item that names a paper (by its short name, key or
                   title) but links something else than that paper's links
                   (links.check_news_links);
- duplicate-url    two papers link the same paper URL (a card that copied
                   another card's PDF), or two news items link the same URL
                   (links.check_duplicate_urls, links.check_duplicate_news_urls);
- duplicate-entry  two publications with the same title
                   (entries.check_duplicate_titles);
- duplicate-venue  one service line naming a venue twice: a service entry's
                   venue (or its role, "Reviewer for A, B, A"), or a line of a
                   free section about service (entries.check_service_venues);
- missing-file     photo, thumbnails or .bib files that are not there, and
                   relative links (al-folio's `pdf = {paper.pdf}`) without
                   their file (files.check_missing_files, files.check_relative_links);
- future-date      news, talks, awards or papers dated after today
                   (SOURCE_DATE_EPOCH when set) (dates.check_future_dates);
- owner-missing    a paper whose author list does not contain the owner
                   (by person.name and person.aliases) (authors.check_owner);
- author-spelling  two one-word "authors" in a row (`Tinghui, Zhou`: a
                   stray comma), or a co-author spelled two ways across papers
                   (`Van Der Maaten` / `van der Maaten`, `Weingerger` /
                   `Weinberger`) (authors.check_stray_commas,
                   authors.check_spelling_variants, authors.check_surname_typos);
- markup           TeX left in any text (`Lo{\\"i}c`, `{SeisIO}`), Markdown in a
                   plain-text field (`**Name**` in an author list), an unpaired
                   `**` or a `__HIDDEN__` placeholder in Markdown (markup.check_markup);
- bibtex           what the .bib reader had to guess or drop (entries.check_bibtex);
- language         text given per language (`{en: ..., de: ...}`) without one of the
                   languages the profile builds in (`lang`, `homepage.languages`), and
                   cvgen's own words its catalog for such a language lacks
                   (languages.check_languages).

Every check is a function of a `LintContext` (context.py: the profile, its
publications with where each is written, the news links read once) that
returns its findings. Every finding is a warning; `cvgen lint --strict`
exits 1 when there is any.
"""

from cvgen.tools.lint.checks import CHECKS, lint, lint_file
from cvgen.tools.lint.context import Finding, LintContext
from cvgen.tools.lint.match import SHARED_KINDS, markdown_links, normalize_url

__all__ = ["CHECKS", "SHARED_KINDS", "Finding", "LintContext", "lint", "lint_file", "markdown_links", "normalize_url"]
