"""BibTeX -> publications: the entries of a `- bibtex: papers.bib` include.

A CV needs more from a bib file than a BibTeX parser gives, so bibtexparser
only splits the file and this package does the rest:

- reader.py: the file -> blocks; syntax errors, duplicate keys and fields,
  each located in the file; results cached per file version;
- fields.py: `@string` macros, `#` concatenation, month macros;
- crossref.py: a child inherits the fields it lacks (a parent's `title`
  becomes its `booktitle`);
- decode.py: TeX -> Unicode (`{\\"o}`, `--`, `{CNN}`, `$O(n^2)$` -> O(n²));
- names.py: `Last, First and others` -> `First Last`, `et al.`, with
  equal-contribution / corresponding marks (`Huang*`, `$^\\dagger$`);
- entries.py: one entry -> a `Publication` (type, venue, date, details);
- alfolio.py: the keys al-folio users keep (selected, award, links, preview).
"""

from cvgen.profile.bibtex.decode import tex_to_text
from cvgen.profile.bibtex.names import bib_names
from cvgen.profile.bibtex.reader import BibResult, clear_caches, load_bibtex, read_bibtex

__all__ = ["BibResult", "bib_names", "clear_caches", "load_bibtex", "read_bibtex", "tex_to_text"]
