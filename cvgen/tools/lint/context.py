"""What every check reads: the profile, its publications with where each is written, and the news links."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cvgen.errors import Problem, ProfileError
from cvgen.profile.files import resolve_input
from cvgen.profile.load import Loaded, Path_, dotted
from cvgen.profile.model import BibtexInclude, Profile, Publication
from cvgen.profile.source import Source
from cvgen.tools.lint.news import NewsLinks, read_news

Where = tuple[str, int | None, int | None, str]  # file, line, column, dotted path

# The .bib field a publication field comes from, when the names differ.
_BIB_FIELD = {"authors": "author", "venue": "abbr", "thumbnail": "preview"}


@dataclass(frozen=True)
class Finding:
    problem: Problem
    check: str
    severity: str = "warning"

    def __str__(self) -> str:
        return str(self.problem)


def finding(check: str, where: Where, message: str) -> Finding:
    file, line, col, path = where
    return Finding(Problem(file, line, col, path, message), check)


@dataclass
class LocatedPub:
    """A resolved publication and where it is written."""

    index: int  # position in Source.publications (and in LintContext.pubs)
    pub: Publication
    file: str
    line: int | None
    col: int | None
    path: str
    yaml_index: int | None  # index in profile.publications when written (or overridden) in YAML
    override: Publication | None
    bib_fields: dict[str, tuple[int, int | None]] = field(default_factory=dict)

    def where(self, loaded: Loaded, fields: Path_ = ()) -> Where:
        """Where `fields` of this publication is written: in the YAML when set there, else in its .bib entry."""
        if self.yaml_index is not None and (
            self.override is None or (fields and fields[0] in self.override.model_fields_set)
        ):
            path: Path_ = ("publications", self.yaml_index, *fields)
            line, col = loaded.where(path)
            return str(loaded.file), line, col, dotted(path)
        suffix = "." + ".".join(str(f) for f in fields) if fields else ""
        line, col = self.line, self.col
        if fields:
            name = _BIB_FIELD.get(str(fields[0]), str(fields[0]))
            if fields[0] == "links" and len(fields) > 1:
                name = str(fields[1])
            pos = self.bib_fields.get(name) or (self.bib_fields.get("url") if name == "html" else None)
            if pos:
                line, col = pos[0], pos[1] or 1
        return self.file, line, col, self.path + suffix

    def label(self) -> str:
        return f"'{self.pub.title}'"


@dataclass(frozen=True)
class LintContext:
    source: Source
    pubs: list[LocatedPub]
    bib_warnings: list[Problem]  # what the .bib reader had to guess or drop
    news: NewsLinks

    @property
    def loaded(self) -> Loaded:
        return self.source.loaded

    @property
    def profile(self) -> Profile:
        return self.source.profile

    @property
    def file(self) -> str:
        """The profile's file: findings in it come first."""
        return str(self.source.loaded.file)

    def at(self, *path: str | int) -> Where:
        line, col = self.loaded.where(path)
        return self.file, line, col, dotted(path)

    def loc(self, file: str, line: int | None) -> str:
        """`line N` in the profile, `file:N` elsewhere."""
        if line is None:
            return file
        return f"line {line}" if file == self.file else f"{file}:{line}"


def build_context(source: Source) -> LintContext:
    bibs = _read_bibs(source)
    return LintContext(
        source, _locate(source, bibs), bibs.warnings, read_news(source.profile.news, source.publications)
    )


@dataclass
class _Bibs:
    """Where each entry of the profile's .bib files starts, and its fields."""

    where: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # key -> file, line, col
    fields: dict[str, dict[str, tuple[int, int | None]]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


def _read_bibs(source: Source) -> _Bibs:
    from cvgen.profile.bibtex import load_bibtex  # only profiles with .bib files pay for the parser

    out = _Bibs()
    for i, item in enumerate(source.profile.publications):
        if not isinstance(item, BibtexInclude):
            continue
        try:
            path: Path = resolve_input(source.loaded, item.bibtex, ("publications", i, "bibtex"))
            result = load_bibtex(path, source.folder)
        except ProfileError:
            continue  # reported by the file check (missing) or by validation (syntax)
        out.warnings += result.warnings
        for key, (line, col) in result.locations.items():
            out.where.setdefault(key, (result.file, line, col))
            out.fields.setdefault(key, result.field_locations.get(key, {}))
    return out


def _locate(source: Source, bibs: _Bibs) -> list[LocatedPub]:
    """Where each publication is written: a YAML entry, a .bib entry (maybe overridden in YAML), or unknown."""
    loaded, home = source.loaded, str(source.loaded.file)
    yaml_entries = [(i, item) for i, item in enumerate(source.profile.publications) if isinstance(item, Publication)]
    yaml_index = {id(item): i for i, item in yaml_entries}
    overrides = {item.key: (i, item) for i, item in yaml_entries if item.key}
    out = []
    for n, pub in enumerate(source.publications):
        if id(pub) in yaml_index:
            i = yaml_index[id(pub)]
            line, col = loaded.where(("publications", i))
            out.append(LocatedPub(n, pub, home, line, col, dotted(("publications", i)), i, None))
        elif pub.key is not None and pub.key in bibs.where:
            file, line, col = bibs.where[pub.key]
            yaml_i, entry = overrides.get(pub.key, (None, None))
            out.append(LocatedPub(n, pub, file, line, col, pub.key, yaml_i, entry, bibs.fields.get(pub.key, {})))
        else:
            out.append(LocatedPub(n, pub, home, None, None, f"publications[{pub.key or n}]", None, None))
    return out
