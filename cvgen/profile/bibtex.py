"""BibTeX -> publications: the entries of a `- bibtex: papers.bib` include.

Parsing is bibtexparser v2's splitter (a maintained, tolerant parser that
keeps line numbers); everything after it is done here, because a CV needs
more than its default middlewares give:

- `@string` macros, `#` concatenation and the month macros (`jan`..`dec`);
- `crossref`: a child inherits the fields it lacks (a parent's `title`
  becomes the child's `booktitle`); parents without authors (proceedings
  volumes) are not publications of their own;
- TeX -> Unicode with pylatexenc (`{\\"o}`, `\\'e`, `{\\ss}`, `--`, `~`),
  protected capitals keep their case (`{CNN}` -> CNN), math stays readable
  (`$\\alpha$-NN` -> α-NN, `$O(n^2)$` -> O(n²));
- names: `Last, First and ...` -> display names `First Last`; `and others`
  -> a final `et al.`; a `*`/`†` on a name (al-folio style, `Huang*, Gao`,
  also `$^*$`, `\\textsuperscript{*}`, `\\dag`) -> equal contribution /
  corresponding marks;
- entry types -> publication types, and the keys al-folio users keep in
  their bib files (selected, preview, pdf, code, html, slides, poster,
  video, website, arxiv, award/award_name, abbr, note, additional_info).

Syntax errors become a `ProfileError` located in the .bib file (never a
traceback); doubtful but usable input becomes a warning that `cvgen lint`
prints (a preview image that does not exist, an undefined @string).
Results are cached per file version, so lint and build parse once.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from cvgen.errors import Problem, ProfileError
from cvgen.profile.model import Publication

PREVIEW_DIR = "assets/img/publication_preview"  # where al-folio keeps `preview` images
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
TYPE_MAP = {
    "inproceedings": "conference", "conference": "conference", "article": "journal",
    "book": "book", "booklet": "book", "incollection": "chapter", "inbook": "chapter",
    "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "techreport": "report", "report": "report", "patent": "patent",
    "unpublished": "preprint", "misc": "other", "online": "other", "electronic": "other",
    "www": "other", "manual": "other", "proceedings": "other", "collection": "other",
}  # fmt: skip
PREPRINT_RX = re.compile(r"\b(arxiv|corr|biorxiv|medrxiv|ssrn|preprint|techrxiv|chemrxiv|openreview)\b", re.I)
# Link fields: al-folio's buttons plus common extras. Relative values are al-folio asset paths.
LINK_FIELDS = ("pdf", "code", "html", "arxiv", "slides", "poster", "video", "website", "blog", "supp",
               "talk", "project", "demo", "data", "url")  # fmt: skip
ASSET_DIRS = {"pdf": "assets/pdf", "supp": "assets/pdf", "poster": "assets/pdf", "slides": "assets/pdf",
              "html": "assets/html"}  # fmt: skip
MARKS = "*∗†‡§¶‖&^"


@dataclass
class BibResult:
    """Publications of one .bib file, where each entry starts, and warnings for lint."""

    file: str
    publications: list[Publication]
    locations: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> (line, col)
    field_locations: dict[str, dict[str, tuple[int, int | None]]] = field(default_factory=dict)  # key -> field -> pos
    warnings: list[Problem] = field(default_factory=list)


def read_bibtex(path: Path, root: Path | None = None) -> list[Publication]:
    """Publications of `path`. `root` is the profile's folder (for al-folio `preview` images)."""
    return load_bibtex(path, root).publications


def load_bibtex(path: Path, root: Path | None = None) -> BibResult:
    path = Path(path)
    real = path.resolve()
    root = (root or real.parent).resolve()
    try:
        st = real.stat()
    except OSError as exc:
        raise ProfileError([Problem(_display(path), None, None, "", f"cannot read the file: {exc.strerror}")]) from None
    return _load_cached(str(real), st.st_mtime_ns, st.st_size, str(root), _display(path))


def _display(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@lru_cache(maxsize=32)
def _load_cached(real: str, mtime: int, size: int, root: str, shown: str) -> BibResult:
    raw = Path(real).read_bytes()
    warnings: list[Problem] = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        warnings.append(Problem(shown, line, None, "", "the file is not UTF-8; read as Latin-1 (save it as UTF-8)"))
        text = raw.decode("latin-1")
    return _Reader(shown, text, Path(root), warnings).read()


# ---------------------------------------------------------------- TeX -> Unicode
_SUP = str.maketrans("0123456789+-=()nijk*", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱʲᵏ*")
_SUB = str.maketrans("0123456789+-=()aeijkmnoprstx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₘₙₒₚᵣₛₜₓ")
_SCRIPT_RX = re.compile(r"([\^_])(?:\{([^{}$\\]*)\}|([0-9a-zA-Z*+\-]))")
_FAST_OK = re.compile(r"^[^\\$%]*$")


def _scripts(match: re.Match) -> str:
    op, braced, single = match[1], match[2], match[3]
    body = braced if braced is not None else single
    table = _SUP if op == "^" else _SUB
    mapped = body.translate(table)
    if all(c != o or c == "*" for c, o in zip(mapped, body, strict=True)) and body:
        return mapped
    return match[0]


def _math_scripts(tex: str) -> str:
    """Inside $...$, x^2 -> x², H_2 -> H₂ where Unicode has the characters."""
    if "$" not in tex:
        return tex
    parts = re.split(r"(?<!\\)(\$\$?)", tex)
    inside = False
    out = []
    for part in parts:
        if part in ("$", "$$"):
            inside = not inside
            out.append(part)
        elif inside:
            part = re.sub(r"\^\s*\\(dagger|dag)\b", "†", part)
            part = re.sub(r"\^\s*\\ddagger\b", "‡", part)
            out.append(_SCRIPT_RX.sub(_scripts, part))
        else:
            out.append(part)
    return "".join(out)


@lru_cache(maxsize=1)
def _decoder() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    db = get_default_latex_context_db()
    plain = [
        "mathcal",
        "mathscr",
        "mathfrak",
        "mathbf",
        "mathbb",
        "boldsymbol",
        "bm",
        "mathrm",
        "mathit",
        "mathsf",
        "mathtt",
        "operatorname",
        "text",
        "textrm",
        "textnormal",
        "mbox",
        "hbox",
        "ensuremath",
    ]
    db.add_context_category(
        "cvgen",
        prepend=True,
        macros=[
            MacroTextSpec("url", simplify_repl="%s"),
            MacroTextSpec("href", simplify_repl="%(2)s"),
            MacroTextSpec("LaTeX", simplify_repl="LaTeX"),
            MacroTextSpec("TeX", simplify_repl="TeX"),
            MacroTextSpec("BibTeX", simplify_repl="BibTeX"),
            MacroTextSpec("textsuperscript", simplify_repl="%s"),
            MacroTextSpec("textsubscript", simplify_repl="%s"),
            MacroTextSpec("dag", simplify_repl="†"),
            MacroTextSpec("ddag", simplify_repl="‡"),
            MacroTextSpec("textasciicircum", simplify_repl="^"),
            *[MacroTextSpec(m, simplify_repl="%s") for m in plain],
        ],
    )
    return LatexNodes2Text(latex_context=db, math_mode="text", strict_latex_spaces="macros")


@lru_cache(maxsize=8192)
def tex_to_text(tex: str) -> str:
    """A BibTeX field value -> plain Unicode text."""
    if not tex:
        return ""
    if _FAST_OK.match(tex):
        text = tex.replace("---", "—").replace("--", "–").replace("``", "“").replace("''", "”").replace("~", " ")
        text = text.replace("{", "").replace("}", "")
    else:
        tex = re.sub(r"(?<!\\)%", r"\\%", tex)  # a bare % is text in a .bib value, not a comment
        tex = re.sub(r"\\ensuremath\{([^{}]*)\}", r"$\1$", tex)
        tex = _math_scripts(tex)
        try:
            text = _decoder().latex_to_text(tex)
        except Exception:  # pylatexenc is tolerant; keep the text rather than fail the build
            text = tex.replace("{", "").replace("}", "")
        text = text.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- values
def _split_concat(value: str) -> list[str]:
    """`Pr # cvpr # " 2020"` -> ['Pr', 'cvpr', '" 2020"'] (top-level # only)."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, c in enumerate(value):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == '"' and depth == 0 and (i == 0 or value[i - 1] != "\\"):
            quoted = not quoted
        elif c == "#" and depth == 0 and not quoted:
            parts.append(value[start:i].strip())
            start = i + 1
    parts.append(value[start:].strip())
    return [p for p in parts if p]


def _evaluate(value: Any, macros: dict[str, str], undefined: list[str]) -> str:
    """A raw field value (with its braces/quotes) -> TeX text, macros expanded."""
    if not isinstance(value, str):
        return str(value)
    out = []
    for part in _split_concat(value):
        if (part.startswith("{") and part.endswith("}")) or (part.startswith('"') and part.endswith('"')):
            out.append(part[1:-1])
        elif part.isdigit():
            out.append(part)
        elif part.lower() in macros:
            out.append(macros[part.lower()])
        else:
            undefined.append(part)
            out.append(part)
    return "".join(out)


# ---------------------------------------------------------------- names
def _strip_marks(text: str) -> tuple[str, str]:
    """Trailing marks of a decoded name part: ('Huang', '*')."""
    marks = ""
    text = text.strip()
    while text and text[-1] in MARKS:
        marks = text[-1] + marks
        text = text[:-1].rstrip()
    return text, marks


def bib_names(tex: str) -> list[str]:
    """A BibTeX `author` value -> display names with * / † marks; `and others` -> `et al.`"""
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

    out = []
    for raw in split_multiple_persons_names(tex):
        raw = raw.strip()
        if raw.lower() == "others":
            out.append("et al.")
            continue
        # Marks written in TeX: $^*$, \textsuperscript{*}, $^\dagger$, \dag
        raw = re.sub(
            r"\$\s*\^\s*\{?\s*(\\ast|\*)\s*\}?\s*\$|\\textsuperscript\{\s*\*\s*\}|\\textasteriskcentered\b", "*", raw
        )
        raw = re.sub(
            r"\$\s*\^\s*\{?\s*\\d?dagger\s*\}?\s*\$|\\textsuperscript\{\s*\\(dag|dagger)\s*\}|\\dag\b", "†", raw
        )
        try:
            parts = parse_single_name_into_parts(raw, strict=False)
        except Exception:
            parts = None
        marks = ""
        if parts is None:
            words = [tex_to_text(raw)]
        else:
            words = []
            for piece in (*parts.first, *parts.von, *parts.last):
                text, m = _strip_marks(tex_to_text(piece))
                marks += m
                if text:
                    words.append(text)
            for piece in parts.jr:
                words.append(tex_to_text(piece))
        name, m = _strip_marks(" ".join(w for w in words if w))
        marks += m
        if not name:
            continue
        suffix = ("*" if any(c in marks for c in "*∗") else "") + ("†" if any(c in marks for c in "†‡") else "")
        out.append(name + suffix)
    return out


# ---------------------------------------------------------------- the reader
def _truthy(text: str) -> bool:
    return text.strip().lower() in ("true", "yes", "1", "y", "on")


def _month(text: str) -> int | None:
    text = text.strip().lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    m = re.match(r"([a-z]{3})", text)
    return MONTHS.get(m[1]) if m else None


def _link(value: str, kind: str) -> str:
    value = value.strip().replace(" ", "%20")
    if kind == "arxiv" and not re.match(r"^[a-z]+://", value, re.I):
        ident = re.sub(r"^(arxiv:)", "", value, flags=re.I)
        return f"https://arxiv.org/abs/{ident}"
    if value.lower().startswith("www."):
        return "https://" + value
    if not re.match(r"^[a-z][a-z0-9+.\-]*:", value, re.I) and not value.startswith(("/", "#")) and kind in ASSET_DIRS:
        return f"{ASSET_DIRS[kind]}/{value}"  # al-folio: a bare file name lives under assets/
    return value


class _Reader:
    def __init__(self, shown: str, text: str, root: Path, warnings: list[Problem]):
        self.shown = shown
        self.text = text
        self.lines = text.splitlines()
        self.root = root
        self.warnings = warnings
        self.errors: list[Problem] = []
        self.locations: dict[str, tuple[int, int]] = {}
        self.field_locations: dict[str, dict[str, tuple[int, int | None]]] = {}

    # -------------------------------------------------- locations
    def _col(self, line: int, needle: str) -> int | None:
        if 1 <= line <= len(self.lines):
            m = re.search(re.escape(needle), self.lines[line - 1], re.I)
            if m:
                return m.start() + 1
        return None

    def _at(self, offset: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def warn(self, line: int | None, col: int | None, path: str, message: str) -> None:
        self.warnings.append(Problem(self.shown, line, col, path, message))

    def error(self, line: int | None, col: int | None, path: str, message: str) -> None:
        self.errors.append(Problem(self.shown, line, col, path, message))

    # -------------------------------------------------- parsing
    def read(self) -> BibResult:
        import bibtexparser
        from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, String

        splitter_log = logging.getLogger("bibtexparser.splitter")
        was_disabled = splitter_log.disabled
        splitter_log.disabled = True  # failed blocks are reported below, located
        try:
            library = bibtexparser.parse_string(self.text, parse_stack=[])
        except Exception as exc:  # the splitter refuses input it cannot even split
            raise ProfileError([Problem(self.shown, None, None, "", f"cannot parse this BibTeX file: {exc}")]) from None
        finally:
            splitter_log.disabled = was_disabled

        strings: list[String] = []
        entries: list[Entry] = []
        for block in library.blocks:
            if isinstance(block, String):
                strings.append(block)
            elif isinstance(block, Entry):
                entries.append(block)
            elif isinstance(block, DuplicateBlockKeyBlock):
                dup = block.ignore_error_block
                line = (block.start_line or 0) + 1
                first = (block._previous_block.start_line or 0) + 1
                if isinstance(dup, String):
                    strings.append(dup)
                    self.warn(
                        line,
                        1,
                        dup.key,
                        f"@string '{dup.key}' is defined again (first on line {first}); the later one is used",
                    )
                else:
                    self.error(
                        line,
                        self._col(line, block.key),
                        block.key,
                        f"duplicate entry key '{block.key}' (first on line {first}); keep one or rename it",
                    )
            elif isinstance(block, DuplicateFieldKeyBlock):
                entry = block.ignore_error_block
                seen: set[str] = set()
                kept = []
                for f in entry.fields:
                    if f.key.lower() in seen:
                        line = f.start_line + 1
                        self.warn(
                            line,
                            self._col(line, f.key),
                            f"{entry.key}.{f.key.lower()}",
                            f"field '{f.key}' is given twice; the first one is used (as BibTeX does)",
                        )
                        continue
                    seen.add(f.key.lower())
                    kept.append(f)
                entry.fields = kept
                entries.append(entry)
            elif hasattr(block, "error"):
                self._syntax_error(block)

        macros = {k: str(v) for k, v in MONTHS.items()}
        for s in strings:
            undefined: list[str] = []
            macros[s.key.lower()] = _evaluate(s.value, macros, undefined)
            for name in undefined:
                line = (s.start_line or 0) + 1
                self.warn(line, None, s.key, f"@string '{s.key}' uses the undefined macro '{name}'")

        raw_entries = [self._fields(e, macros) for e in entries]
        by_key = {r["key"].lower(): r for r in raw_entries}
        parents = self._crossrefs(raw_entries, by_key)
        pubs = []
        for r in raw_entries:
            if r["key"].lower() in parents and "author" not in r["fields"]:
                continue  # a proceedings volume that only supplies fields to its papers
            pub = self._publication(r)
            if pub is not None:
                pubs.append(pub)
                self.locations[r["key"]] = (r["line"], r["col"])
                self.field_locations[r["key"]] = {
                    name: (line, self._col(line, name)) for name, line in r["lines"].items()
                }
        if self.errors:
            raise ProfileError(self.errors)
        self.warnings.sort(key=lambda p: (p.line or 0, p.col or 0))
        return BibResult(self.shown, pubs, self.locations, self.field_locations, self.warnings)

    def _syntax_error(self, block: Any) -> None:
        raw = block.raw or ""
        m = re.match(r"\s*@\s*(\w+)\s*[{(]\s*([^,\s]*)", raw)
        key = m[2] if m else ""
        start = (block.start_line or 0) + 1
        err = block.error
        reason = getattr(err, "abort_reason", "") or str(err) or type(err).__name__
        end = getattr(err, "end_index", None)
        if end is not None:
            line, col = self._at(end)
        else:
            line, col = len(self.lines) or 1, None
        what = f"@{m[1]}{{{key}" if m else "an entry"
        reason = reason.strip().rstrip(".")
        self.error(line, col, key, f"BibTeX syntax error in {what} (starting on line {start}): {reason}")

    def _fields(self, entry: Any, macros: dict[str, str]) -> dict[str, Any]:
        start = (entry.start_line or 0) + 1
        fields: dict[str, str] = {}
        lines: dict[str, int] = {}
        for f in entry.fields:
            name = f.key.lower().strip()
            if name in fields:
                continue
            undefined: list[str] = []
            fields[name] = _evaluate(f.value, macros, undefined)
            lines[name] = f.start_line + 1
            for macro in undefined:
                self.warn(
                    f.start_line + 1,
                    self._col(f.start_line + 1, macro),
                    f"{entry.key}.{name}",
                    f"undefined @string macro '{macro}'; its name is used as text",
                )
        return {
            "key": entry.key,
            "type": entry.entry_type.lower(),
            "fields": fields,
            "lines": lines,
            "line": start,
            "col": self._col(start, "@") or 1,
        }

    def _crossrefs(self, entries: list[dict], by_key: dict[str, dict]) -> set[str]:
        parents: set[str] = set()
        for r in entries:
            ref = r["fields"].get("crossref")
            if not ref:
                continue
            seen = {r["key"].lower()}
            parent = by_key.get(ref.strip().lower())
            if parent is None:
                line = r["lines"]["crossref"]
                self.warn(
                    line,
                    self._col(line, "crossref"),
                    f"{r['key']}.crossref",
                    f"crossref '{ref}' is not an entry of this file; nothing is inherited",
                )
                continue
            while parent is not None and parent["key"].lower() not in seen:
                seen.add(parent["key"].lower())
                parents.add(parent["key"].lower())
                for name, value in parent["fields"].items():
                    if name in ("crossref", "key", "ids", "preview", "selected"):
                        continue
                    target = name
                    if name == "title":
                        if r["type"] not in ("inproceedings", "conference", "incollection", "inbook"):
                            continue
                        target = "booktitle"
                    if target not in r["fields"]:
                        r["fields"][target] = value
                        r["lines"][target] = r["lines"].get("crossref", r["line"])
                nxt = parent["fields"].get("crossref")
                parent = by_key.get(nxt.strip().lower()) if nxt else None
        return parents

    # -------------------------------------------------- one entry -> Publication
    def _publication(self, r: dict[str, Any]) -> Publication | None:
        from pydantic import ValidationError

        key, kind, f = r["key"], r["type"], r["fields"]
        line_of = r["lines"]

        def text(name: str) -> str:
            return tex_to_text(f.get(name, ""))

        title = text("title")
        if not title:
            self.error(r["line"], r["col"], key, f"entry '{key}' has no title")
            return None
        data: dict[str, Any] = {"title": title, "key": key}
        names = f.get("author") or f.get("editor") or ""
        data["authors"] = bib_names(names) if names.strip() else []

        # type and venue
        ptype = TYPE_MAP.get(kind)
        if ptype is None:
            self.warn(r["line"], r["col"], key, f"unknown entry type @{kind}; listed as 'other'")
            ptype = "other"
        venue_full = text("journal") or text("journaltitle") or text("booktitle")
        eprint = f.get("eprint", "").strip()
        archive = (f.get("archiveprefix") or f.get("eprinttype") or "").strip().lower()
        is_arxiv_eprint = bool(eprint) and (
            archive in ("arxiv", "") and re.match(r"^(\d{4}\.\d{4,5}|[a-z\-]+/\d{7})(v\d+)?$", eprint, re.I)
        )
        if kind == "article" and venue_full and PREPRINT_RX.search(venue_full):
            ptype = "preprint"
        elif kind in ("misc", "unpublished", "online") and (
            is_arxiv_eprint or "arxiv" in f or PREPRINT_RX.search(text("howpublished") + " " + venue_full)
        ):
            ptype = "preprint"
        elif ptype == "conference" and re.search(r"\bworkshops?\b", venue_full, re.I):
            ptype = "workshop"
        if kind == "phdthesis":
            venue_full = "PhD thesis" + (f", {text('school')}" if f.get("school") else "")
        elif kind == "mastersthesis":
            venue_full = "Master's thesis" + (f", {text('school')}" if f.get("school") else "")
        elif kind == "thesis":
            venue_full = ", ".join(x for x in (text("type"), text("school") or text("institution")) if x)
        elif kind in ("techreport", "report"):
            venue_full = venue_full or text("institution")
        elif kind in ("book", "booklet"):
            venue_full = venue_full or text("series")
        if not venue_full:
            venue_full = text("howpublished") or text("organization")
        if not venue_full and ptype == "preprint" and is_arxiv_eprint:
            venue_full = f"arXiv preprint arXiv:{eprint}"
        data["type"] = ptype
        if venue_full:
            data["venue_full"] = venue_full
        if f.get("abbr"):
            data["venue"] = text("abbr")
        elif ptype == "preprint" and ("arxiv" in venue_full.lower() or is_arxiv_eprint or "arxiv" in f):
            data["venue"] = "arXiv"

        # date
        year = self._date(r, text("year"), text("month"), text("date"))
        if year:
            data["year"] = year

        # details
        for name in ("volume", "number", "pages", "publisher"):
            if f.get(name):
                data[name] = text(name)
        if "number" not in data and f.get("issue"):
            data["number"] = text("issue")
        if f.get("doi"):
            doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", f["doi"].strip(), flags=re.I)
            data["doi"] = doi.replace("\\_", "_")

        # al-folio keys
        data["selected"] = _truthy(f.get("selected", ""))
        award_name, award, note = text("award_name"), text("award"), text("note")
        extras = []
        if award_name or award:
            data["note"] = award_name or award
            if award and award_name and award != award_name:
                extras.append(award)
            if note:
                extras.append(note)
        elif note:
            data["note"] = note
        if f.get("additional_info"):
            extras.append(text("additional_info").lstrip(", "))
        if extras:
            data["extra"] = " ".join(extras)
        links: dict[str, str] = {}
        for name in LINK_FIELDS:
            value = f.get(name, "").strip()
            if not value:
                continue
            value = re.sub(r"^\\url\{(.*)\}$", r"\1", value).replace("\\_", "_").replace("\\%", "%").replace("\\#", "#")
            url = _link(value, name)
            target = name
            if name == "url":
                if url in links.values():
                    continue
                target = "html" if "html" not in links else "url"
            links[target] = url
        if "arxiv" not in links and is_arxiv_eprint:
            links["arxiv"] = f"https://arxiv.org/abs/{eprint}"
        if links:
            data["links"] = links
        if f.get("preview"):
            thumb = self._preview(r, f["preview"].strip())
            if thumb:
                data["thumbnail"] = thumb

        try:
            return Publication.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                loc = [str(x) for x in err["loc"]]
                name = loc[1] if loc and loc[0] == "links" and len(loc) > 1 else (loc[0] if loc else "")
                name = {"thumbnail": "preview", "venue": "abbr", "venue_full": "booktitle"}.get(name, name)
                if name == "html" and "html" not in f and "url" in f:
                    name = "url"
                line = line_of.get(name, r["line"])
                self.error(
                    line,
                    self._col(line, name) if name in line_of else r["col"],
                    f"{key}.{name}" if name else key,
                    err["msg"],
                )
            return None

    def _date(self, r: dict[str, Any], year: str, month: str, date: str) -> str | None:
        key, lines = r["key"], r["lines"]
        if date and re.match(r"^\d{4}(-\d{1,2}){0,2}$", date) and not year:
            return date
        if not year:
            return None
        m = re.search(r"\b(\d{4})\b", year)
        if not m:
            line = lines.get("year", r["line"])
            self.warn(line, self._col(line, "year"), f"{key}.year", f"'{year}' is not a year; the entry has no date")
            return None
        value = m[1]
        if month:
            mm = _month(month)
            if mm:
                value += f"-{mm:02d}"
            else:
                line = lines.get("month", r["line"])
                self.warn(line, self._col(line, "month"), f"{key}.month", f"'{month}' is not a month; ignored")
        return value

    def _preview(self, r: dict[str, Any], value: str) -> str | None:
        key = r["key"]
        line = r["lines"].get("preview", r["line"])
        col = self._col(line, "preview")
        if "://" in value:
            self.warn(
                line,
                col,
                f"{key}.preview",
                f"preview '{value}' is a URL; thumbnails must be local files, so it is not shown",
            )
            return None
        candidates = [f"{PREVIEW_DIR}/{value}", value]
        for rel in candidates:
            if ".." in rel.split("/") or rel.startswith("/"):
                continue
            path = (self.root / rel).resolve()
            if self.root in path.parents and path.is_file():
                return rel
        self.warn(
            line,
            col,
            f"{key}.preview",
            f"preview '{value}' not found (looked for {PREVIEW_DIR}/{value} in the profile's folder); not shown",
        )
        return None
