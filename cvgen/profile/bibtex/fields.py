"""An entry's fields as TeX text: `@string` macros expanded, `#` joined, lines kept.

The reader runs bibtexparser without middlewares, so values arrive as
written (`{...}`, `"..."`, `cvpr # " 2020"`); BibTeX's rules for them are
applied here. An undefined macro is a warning and its name is kept as text,
as BibTeX does.

Expansion is bounded: macros that repeat each other (`@string{b = a # a}`,
28 times over) would grow a few hundred bytes into gigabytes. What macros add
to one value, and to the whole file, has a limit; past it the value is an
error located at the @string or field, checked before the text is built.
"""

from __future__ import annotations

from dataclasses import dataclass

from bibtexparser.model import Entry, String

from cvgen.profile.bibtex.problems import BibProblems

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_HINT = "; macros that repeat one another grow without bound: write the text out instead"


@dataclass
class BibEntry:
    """One entry: lower-case field names -> TeX values, and where the entry and each field start."""

    key: str
    entry_type: str  # lower case: article, inproceedings, ...
    fields: dict[str, str]
    lines: dict[str, int]  # field -> line
    line: int
    col: int

    def field_line(self, name: str) -> int:
        """The line of field `name`, or the entry's when the field is not there."""
        return self.lines.get(name, self.line)


def string_macros(strings: list[String], problems: BibProblems) -> dict[str, str]:
    """The month macros and the file's `@string`s (lower-case names), each expanded with those before it."""
    macros = {k: str(v) for k, v in MONTHS.items()}
    for s in strings:
        undefined: list[str] = []
        line = (s.start_line or 0) + 1
        refused = problems.budget.take(expansion_size(s.value, macros))
        if refused:
            problems.error(line, problems.column(line, s.key), s.key, f"@string '{s.key}': {refused}{_HINT}")
            macros[s.key.lower()] = ""  # reported; later uses of it expand to nothing
            continue
        macros[s.key.lower()] = expand_value(s.value, macros, undefined)
        for name in undefined:
            problems.warn(line, None, s.key, f"@string '{s.key}' uses the undefined macro '{name}'")
    return macros


def entry_fields(entry: Entry, macros: dict[str, str], problems: BibProblems) -> BibEntry:
    """An entry's fields expanded; of a repeated field the first is kept."""
    start = (entry.start_line or 0) + 1
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    for f in entry.fields:
        name = f.key.lower().strip()
        if name in fields:
            continue
        undefined: list[str] = []
        lines[name] = f.start_line + 1
        refused = problems.budget.take(expansion_size(f.value, macros))
        if refused:
            where = problems.column(f.start_line + 1, f.key)
            problems.error(f.start_line + 1, where, f"{entry.key}.{name}", f"field '{f.key}': {refused}{_HINT}")
            fields[name] = ""
            continue
        fields[name] = expand_value(f.value, macros, undefined)
        for macro in undefined:
            problems.warn(
                f.start_line + 1,
                problems.column(f.start_line + 1, macro),
                f"{entry.key}.{name}",
                f"undefined @string macro '{macro}'; its name is used as text",
            )
    return BibEntry(entry.key, entry.entry_type.lower(), fields, lines, start, problems.column(start, "@") or 1)


def expansion_size(value: object, macros: dict[str, str]) -> int:
    """How many characters the macros in `value` would add, counted without building the text."""
    if not isinstance(value, str):
        return 0
    return sum(len(macros[part.lower()]) for part in split_concatenation(value) if part.lower() in macros)


def expand_value(value: object, macros: dict[str, str], undefined: list[str]) -> str:
    """A raw field value (with its braces/quotes) -> TeX text, macros expanded; unknown macros go to `undefined`."""
    if not isinstance(value, str):
        return str(value)
    out = []
    for part in split_concatenation(value):
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


def split_concatenation(value: str) -> list[str]:
    """`Pr # cvpr # " 2020"` -> ['Pr', 'cvpr', '" 2020"'] (top-level # only)."""
    parts: list[str] = []
    depth, quoted, start = 0, False, 0
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
