"""`cvgen import`: a JSON Resume or RenderCV file, or an al-folio / academicpages site folder -> a profile.

The result is YAML text plus a report (result.py) of everything that could not be
carried over exactly, so nothing is lost silently: per source section the entries
in -> out, what was not imported, what was changed or moved, what was guessed, what
was skipped as a placeholder or a theme's sample, and what to check by hand.

Modules: `read` (the entry point; tells the formats and site kinds apart), the formats
(`json_resume`, `rendercv` + `rendercv_entries`, `alfolio` + `alfolio_cv`,
`academicpages` + `academicpages_pages`), and what they share: `routes` (a section
title -> a profile section or publication type), `builder` (free sections, aliases,
order), `lines` (a text line -> an entry), `fields` (unread fields are reported),
`text` (TeX, placeholders, years, notes), `authors`, `venues`, `pages` (site files),
`bibrefs` (.bib includes), `merge`, `common`, `validate` (the result always validates).
"""

from cvgen.tools.importers.json_resume import from_json_resume
from cvgen.tools.importers.read import import_file, import_path
from cvgen.tools.importers.rendercv import from_rendercv
from cvgen.tools.importers.result import ImportResult

__all__ = ["ImportResult", "from_json_resume", "from_rendercv", "import_file", "import_path"]
