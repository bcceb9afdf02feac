"""The messages of cvgen's catalogs: every word cvgen prints, gathered from the code, templates and registries.

    python -m cvgen.tools.messages          # rewrites cvgen/locale/cvgen.pot and adds new messages to each .po

Messages are what `_("...")`, `gettext("...")`, `words(fmt, "...")` and `css_words("...")` print, in the
Python code and the built-in templates, and the titles of the registries (sections, publication groups,
link labels). A translator fills in the `msgstr` of `cvgen/locale/<tag>/LC_MESSAGES/cvgen.po`.
"""

from __future__ import annotations

import ast
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from cvgen.profile.sections import HOMEPAGE_TITLES, SECTION_TITLES, TYPE_TITLES
from cvgen.render import templates_root
from cvgen.text.i18n import LOCALE_DIR
from cvgen.views import homepage, homepage_pages, homepage_papers
from cvgen.views.links import LINK_WORDS

PACKAGE = Path(__file__).resolve().parent.parent
_FIRST = {"_": 0, "gettext": 0, "css_words": 0, "say": 0, "words": 1}
# `_("...")`, `_('...')` and `css_words("...")` in a template (Jinja and the TeX delimiters alike).
_TEMPLATE_CALL = re.compile(r"""\b(?:_|css_words)\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")


def _python_messages(path: Path) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        index = _FIRST.get(name or "")
        if index is None or len(node.args) <= index:
            continue
        arg = node.args[index]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            out.append(arg.value)
    return out


def _template_messages(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    found = []
    for m in _TEMPLATE_CALL.finditer(text):
        raw = m[1] if m[1] is not None else m[2]
        found.append(re.sub(r"\\(.)", r"\1", raw))
    return found


def extract() -> list[str]:
    """Every message, once, in a stable order: registries first, then code, then templates."""
    found: list[str] = [*SECTION_TITLES.values(), *TYPE_TITLES.values()]
    for titles in HOMEPAGE_TITLES.values():
        found += titles.values()
    found += LINK_WORDS
    for words in (homepage.WORDS, homepage_pages.PAGE_WORDS, homepage_papers.WORDS, homepage_papers.BUTTON_LABELS):
        found += words.values()  # the homepage's words, looked up where they are printed
    for path in sorted(PACKAGE.rglob("*.py")):
        found += _python_messages(path)
    root = templates_root()
    for path in sorted(root.rglob("*.j2")) + sorted(root.rglob("*.css")):
        found += _template_messages(path)
    return list(dict.fromkeys(m for m in found if m.strip()))


def template_catalog(messages: list[str]) -> Catalog:
    catalog = Catalog(project="cvgen", header_comment="# cvgen's own words; English is the source language.")
    for message in messages:
        catalog.add(message)
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=0, omit_header=False, no_location=True, sort_output=False)
    return buf.getvalue()


def main() -> int:
    messages = extract()
    pot = template_catalog(messages)
    (LOCALE_DIR / "cvgen.pot").write_bytes(_po_bytes(pot))
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/cvgen.po")):
        with open(po_path, "rb") as f:
            catalog = read_po(f)
        catalog.update(pot, no_fuzzy_matching=True)
        po_path.write_bytes(_po_bytes(catalog))
    print(f"{len(messages)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
