"""`cvgen import`: a JSON Resume document or a RenderCV YAML file -> a cvgen profile.

The result is YAML text plus a report of everything that could not be carried over
exactly, so nothing is lost silently:

- `dropped`: no place in a cvgen profile (RenderCV's design/locale, JSON Resume's references, ...);
- `changed`: kept, but in another form (a RenderCV project becomes a line of a custom
  section; a date like "Fall 2023" keeps only its year);
- `check`: things to do by hand (copy a photo next to the profile).

Modules: `read` (the entry point), `json_resume`, `rendercv` and `rendercv_entries` (the
formats), `common` (shared helpers), `validate` (the result always validates), `result`.
"""

from cvgen.tools.importers.json_resume import from_json_resume
from cvgen.tools.importers.read import import_file
from cvgen.tools.importers.rendercv import from_rendercv
from cvgen.tools.importers.result import ImportResult

__all__ = ["ImportResult", "from_json_resume", "from_rendercv", "import_file"]
