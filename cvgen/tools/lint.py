"""`cvgen lint`: likely mistakes in a valid profile, as located warnings.

Validation says whether a profile can be built; lint says what a careful
reader of the result would frown at. The checks come from mistakes real
homepages contain:

- duplicate-url    two papers link the same paper URL (a card that copied
                   another card's PDF), or two news items link the same URL;
- duplicate-entry  two publications with the same title;
- duplicate-venue  one service line naming a venue twice;
- news-link        a news item that names a paper (by its short name, key or
                   title) but links something else than that paper's links;
- missing-file     photo, thumbnails or .bib files that are not there, and
                   relative links (al-folio's `pdf = {paper.pdf}`) without
                   their file;
- future-date      news, talks, awards or papers dated after today
                   (SOURCE_DATE_EPOCH when set);
- owner-missing    a paper whose author list does not contain the owner
                   (by person.name and person.aliases);
- author-spelling  a co-author spelled two ways across papers (`Van Der
                   Maaten` / `van der Maaten`, `Weingerger` / `Weinberger`),
                   or two one-word "authors" in a row (`Tinghui, Zhou`: a
                   stray comma);
- bibtex           what the .bib reader had to guess or drop.

Every finding is a warning; `cvgen lint --strict` exits 1 when there is any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cvgen.errors import Problem, ProfileError
from cvgen.profile.files import resolve_input
from cvgen.profile.load import Path_, dotted, load_file
from cvgen.profile.model import BibtexInclude, Publication
from cvgen.profile.validate import validate
from cvgen.text.names import NameMatcher, fold

if TYPE_CHECKING:
    from cvgen.profile.source import Source

# Links that identify one paper; two papers sharing one is a slip. Code,
# project pages and the like are legitimately shared (a paper and its journal
# extension often share a repository).
SHARED_KINDS = frozenset({"code", "github", "project", "website", "data", "demo", "blog", "dataset", "homepage"})


@dataclass(frozen=True)
class Finding:
    problem: Problem
    check: str
    severity: str = "warning"

    def __str__(self) -> str:
        return str(self.problem)


# ---------------------------------------------------------------- URLs
_ARXIV_RX = re.compile(r"arxiv\.org/(?:abs|pdf|html)/([a-z\-]+/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?", re.I)


def normalize_url(url: str) -> str:
    """One spelling per resource: arXiv abs/pdf/vN alike, http = https, no www, no trailing slash."""
    url = url.strip()
    m = _ARXIV_RX.search(url)
    if m:
        return f"arxiv:{m[1].lower()}"
    m = re.match(r"^https?://(dx\.)?doi\.org/(.+)$", url, re.I)
    if m:
        return f"doi:{m[2].lower()}"
    m = re.match(r"^(https?)://([^/?#]+)([^#]*)", url, re.I)
    if not m:
        return url
    host = m[2].lower().removeprefix("www.")
    rest = m[3].rstrip("/")
    if host in ("github.com", "gitlab.com"):
        rest = rest.lower().removesuffix(".git")
    return f"{host}{rest}"


@dataclass
class _Pub:
    """A resolved publication and where it is written."""

    index: int
    pub: Publication
    file: str
    line: int | None
    col: int | None
    path: str
    yaml_index: int | None  # index in profile.publications when written (or overridden) in YAML
    override: Publication | None
    bib_fields: dict[str, tuple[int, int | None]] = dataclass_field(default_factory=dict)

    def where(self, loaded: Any, field: tuple[str | int, ...] = ()) -> tuple[str, int | None, int | None, str]:
        if self.yaml_index is not None and (
            self.override is None or (field and field[0] in self.override.model_fields_set)
        ):
            path: Path_ = ("publications", self.yaml_index, *field)
            line, col = loaded.where(path)
            return str(loaded.file), line, col, dotted(path)
        suffix = "." + ".".join(str(f) for f in field) if field else ""
        line, col = self.line, self.col
        if field:
            name = {"authors": "author", "venue": "abbr", "thumbnail": "preview"}.get(str(field[0]), str(field[0]))
            if field[0] == "links" and len(field) > 1:
                name = str(field[1])
            pos = self.bib_fields.get(name) or (self.bib_fields.get("url") if name == "html" else None)
            if pos:
                line, col = pos[0], pos[1] or 1
        return self.file, line, col, self.path + suffix

    def label(self) -> str:
        return f"'{self.pub.title}'"


class _Linter:
    def __init__(self, source: Source):
        self.source = source
        self.loaded = source.loaded
        self.profile = source.profile
        self.file = str(source.loaded.file)
        self.findings: list[Finding] = []
        self.bib_warnings: list[Problem] = []
        self.pubs = self._locate()

    def add(self, check: str, where: tuple[str, int | None, int | None, str], message: str) -> None:
        file, line, col, path = where
        self.findings.append(Finding(Problem(file, line, col, path, message), check))

    def at(self, *path: str | int) -> tuple[str, int | None, int | None, str]:
        line, col = self.loaded.where(path)
        return self.file, line, col, dotted(path)

    # ------------------------------------------------ where each publication is written
    def _locate(self) -> list[_Pub]:
        from cvgen.profile.bibtex import load_bibtex

        profile, loaded = self.profile, self.loaded
        yaml_index = {id(item): i for i, item in enumerate(profile.publications) if isinstance(item, Publication)}
        yaml_by_key = {item.key: i for i, item in enumerate(profile.publications)
                       if isinstance(item, Publication) and item.key}  # fmt: skip
        bib_where: dict[str, tuple[str, int, int]] = {}
        bib_fields: dict[str, dict[str, tuple[int, int | None]]] = {}
        for i, item in enumerate(profile.publications):
            if not isinstance(item, BibtexInclude):
                continue
            try:
                path = resolve_input(loaded, item.bibtex, ("publications", i, "bibtex"))
                result = load_bibtex(path, self.source.folder)
            except ProfileError:
                continue  # reported by the file check (missing) or by validation (syntax)
            self.bib_warnings += result.warnings
            for key, (line, col) in result.locations.items():
                bib_where.setdefault(key, (result.file, line, col))
                bib_fields.setdefault(key, result.field_locations.get(key, {}))
        out = []
        for n, pub in enumerate(self.source.publications):
            if id(pub) in yaml_index:
                i = yaml_index[id(pub)]
                line, col = loaded.where(("publications", i))
                out.append(_Pub(n, pub, self.file, line, col, dotted(("publications", i)), i, None))
            elif pub.key in bib_where:
                file, line, col = bib_where[pub.key]
                i = yaml_by_key.get(pub.key)
                override = profile.publications[i] if i is not None else None
                out.append(_Pub(n, pub, file, line, col, pub.key, i, override, bib_fields.get(pub.key, {})))  # type: ignore[arg-type]
            else:
                out.append(_Pub(n, pub, self.file, None, None, f"publications[{pub.key or n}]", None, None))
        return out

    # ------------------------------------------------ checks
    def run(self) -> list[Finding]:
        news_claims = self._news_links()
        self.check_duplicate_urls(news_claims)
        self.check_duplicate_titles()
        self.check_service_venues()
        self.check_files()
        self.check_future_dates()
        self.check_owner()
        self.check_author_spelling()
        for p in self.bib_warnings:
            self.findings.append(Finding(p, "bibtex"))
        seen: set[str] = set()
        out = []
        for f in sorted(
            self.findings,
            key=lambda f: (f.problem.file != self.file, f.problem.file, f.problem.line or 0, f.problem.col or 0),
        ):
            if str(f) not in seen:
                seen.add(str(f))
                out.append(f)
        return out

    def _names(self, p: Publication) -> set[str]:
        """Short names a news item may use for this paper."""
        names = {_compact(p.title)}
        head = p.title.split(":", 1)[0]
        if ":" in p.title and len(head.split()) <= 4:
            names.add(_compact(head))
        if p.key:
            m = re.match(r"^[a-z]+[\-_]?\d{2,4}[\-_]?([a-z][\w\-]*)$", p.key, re.I)
            if m and len(m[1]) >= 3:
                names.add(_compact(m[1]))
        if p.thumbnail:
            stem = Path(p.thumbnail).stem
            if len(stem) >= 3:
                names.add(_compact(stem))
        names.discard("")
        return names

    def _paper_for(self, link_text: str, news_text: str) -> _Pub | None:
        """The paper a news link names: by its short name, key or title; venue and year break ties."""
        text = _compact(link_text)
        words = {_compact(w) for w in re.split(r"[\s/]+", link_text)}
        hits = []
        for p in self.pubs:
            names = self._names(p.pub)
            if text in names or (names & words and len(words) <= 3):
                hits.append(p)
        if len(hits) > 1:
            folded = fold(news_text)
            narrowed = [p for p in hits if p.pub.venue and fold(p.pub.venue) in folded
                        and (not p.pub.year or str(p.pub.year.year) in news_text)]  # fmt: skip
            hits = narrowed or hits
        return hits[0] if len(hits) == 1 else None

    def _news_links(self) -> dict[str, set[int]]:
        """Check news links against papers; return URL -> papers that news items say it belongs to."""
        claims: dict[str, set[int]] = {}
        self.news_links: list[list[tuple[str, str]]] = []
        for i, item in enumerate(self.profile.news):
            links = markdown_links(item.text)
            self.news_links.append(links)
            for text, url in links:
                paper = self._paper_for(text, item.text)
                if paper is None:
                    continue
                norm = normalize_url(url)
                own = {normalize_url(u): (k, u) for k, u in _links(paper.pub)}
                if norm in own:
                    claims.setdefault(norm, set()).add(paper.index)
                    continue
                if not own:
                    continue
                file, line, _, _ = paper.where(self.loaded)
                paper_links = ", ".join(u for k, u in _links(paper.pub) if k not in SHARED_KINDS) or ", ".join(
                    u for _, u in _links(paper.pub)
                )
                message = (
                    f"links [{text}] to {url}, but the paper {paper.label()} ({_loc(file, line, self.file)}) "
                    f"links {paper_links}"
                )
                own_ids = {n for n, (k, _) in own.items() if k not in SHARED_KINDS}
                copied = [o for o in self.pubs if o is not paper
                          and own_ids & {normalize_url(u) for _, u in _links(o.pub)}]  # fmt: skip
                if copied:
                    message += f" (also the link of {copied[0].label()})"
                others = [
                    o for o in self.pubs if o is not paper and norm in {normalize_url(u) for _, u in _links(o.pub)}
                ]
                if others:
                    message += f"; {url} is the link of {others[0].label()}"
                else:
                    twins = [
                        j for j, ls in enumerate(self.news_links[:-1]) if any(normalize_url(u) == norm for _, u in ls)
                    ]
                    if twins:
                        line_j = self.loaded.where(("news", twins[0]))[0]
                        message += f"; news[{twins[0]}] (line {line_j}) links the same URL"
                self.add("news-link", self.at("news", i, "text"), message + ". One of them is wrong.")
                self._explained_news = getattr(self, "_explained_news", set()) | {(i, norm)}
        return claims

    def check_duplicate_urls(self, claims: dict[str, set[int]]) -> None:
        by_url: dict[str, list[tuple[_Pub, str, str]]] = {}
        for p in self.pubs:
            seen: set[str] = set()
            for kind, url in _links(p.pub):
                norm = normalize_url(url)
                if norm in seen:
                    continue
                seen.add(norm)
                by_url.setdefault(norm, []).append((p, kind, url))
        pairs: dict[tuple[int, int], list[tuple[str, str, str]]] = {}
        for norm, users in by_url.items():
            for a in range(len(users)):
                for b in range(a + 1, len(users)):
                    pa, pb = users[a][0], users[b][0]
                    pairs.setdefault((pa.index, pb.index), []).append(
                        {pa.index: users[a][1:], pb.index: users[b][1:], "norm": norm}
                    )
        by_index = {p.index: p for p in self.pubs}
        for (ia, ib), shared in pairs.items():
            if all(s[ib][0] in SHARED_KINDS and s[ia][0] in SHARED_KINDS for s in shared):
                continue
            first, second = by_index[ia], by_index[ib]
            # The paper a news item vouches for keeps the link; the other one copied it.
            culprit, other = second, first
            if not any(first.index in claims.get(s["norm"], set()) for s in shared) and any(
                second.index in claims.get(s["norm"], set()) for s in shared
            ):
                culprit, other = first, second
            mine = [s[culprit.index] for s in shared]
            what = " and ".join(f"{kind} {url}" for kind, url in mine)
            file, line, _, _ = other.where(self.loaded)
            self.add(
                "duplicate-url",
                culprit.where(self.loaded, ("links", mine[0][0])),
                f"{culprit.label()} links {what}, the same as {other.label()} ({_loc(file, line, self.file)}); "
                "each paper should link its own PDF/page",
            )
        # news items linking the same URL (not already explained by a news-link finding)
        explained = getattr(self, "_explained_news", set())
        first_seen: dict[str, int] = {}
        for i, links in enumerate(self.news_links):
            for text, url in links:
                norm = normalize_url(url)
                if norm in first_seen and first_seen[norm] != i:
                    j = first_seen[norm]
                    if (i, norm) in explained or (j, norm) in explained:
                        continue
                    line_j = self.loaded.where(("news", j))[0]
                    self.add(
                        "duplicate-url",
                        self.at("news", i, "text"),
                        f"links [{text}] to {url}, like news[{j}] (line {line_j}); "
                        "two news items about different things should not share a link",
                    )
                else:
                    first_seen.setdefault(norm, i)

    def check_duplicate_titles(self) -> None:
        seen: dict[str, _Pub] = {}
        for p in self.pubs:
            norm = _compact(p.pub.title)
            if norm in seen:
                first = seen[norm]
                file, line, _, _ = first.where(self.loaded)
                hint = ""
                if first.pub.key and p.pub.key != first.pub.key and (first.file != p.file):
                    hint = f"; to override a .bib entry, give the YAML entry `key: {first.pub.key}`"
                self.add(
                    "duplicate-entry",
                    p.where(self.loaded, ("title",)),
                    f"the same title as {first.label()} ({_loc(file, line, self.file)}){hint}",
                )
            else:
                seen[norm] = p

    def check_service_venues(self) -> None:
        for i, s in enumerate(self.profile.service):
            if not s.venue:
                continue
            names = [v.strip() for v in re.split(r",|;|\band\b|&", s.venue)]
            seen: dict[str, str] = {}
            for name in names:
                key = fold(name).strip(". ")
                if not key or key in ("etc", "") or set(key) <= {"."}:
                    continue
                if key in seen:
                    self.add(
                        "duplicate-venue",
                        self.at("service", i, "venue"),
                        f"{s.role}: '{name}' is listed twice in '{s.venue}'",
                    )
                else:
                    seen[key] = name

    def check_files(self) -> None:
        wanted: list[tuple[str, Path_]] = []
        profile = self.profile
        if profile.person.photo:
            wanted.append((profile.person.photo, ("person", "photo")))
        for i, item in enumerate(profile.publications):
            if isinstance(item, Publication) and item.thumbnail:
                wanted.append((item.thumbnail, ("publications", i, "thumbnail")))
            elif isinstance(item, BibtexInclude):
                wanted.append((item.bibtex, ("publications", i, "bibtex")))
        for rel, where in wanted:
            try:
                resolve_input(self.loaded, rel, where)
            except ProfileError as exc:
                for p in exc.problems:
                    self.findings.append(Finding(p, "missing-file"))
        # relative links (al-folio's assets/pdf/...) are files the site must carry
        folder = self.source.folder
        for p in self.pubs:
            for kind, url in p.pub.links.items():
                if re.match(r"^[a-z][a-z0-9+.\-]*:", url, re.I) or url.startswith(("#", "/")):
                    continue
                rel = re.split(r"[?#]", url, maxsplit=1)[0]
                target = (folder / rel).resolve()
                if not rel or (folder in target.parents and target.is_file()):
                    continue
                self.add(
                    "missing-file",
                    p.where(self.loaded, ("links", kind)),
                    f"{kind} link '{url}' of {p.label()} is a relative link, but there is no such file in "
                    "the profile's folder; the homepage would link a missing file (give a full URL or add the file)",
                )

    def check_future_dates(self) -> None:
        from cvgen.clock import build_date

        today = build_date()
        now = (today.year, today.month, today.day)

        def future(d: Any) -> bool:
            return d is not None and not d.present and (d.year, d.month or 1, d.day or 1) > now

        for i, n in enumerate(self.profile.news):
            if future(n.date):
                self.add("future-date", self.at("news", i, "date"), f"news dated {n.date}, after today ({today})")
        for i, t in enumerate(self.profile.talks):
            if future(t.date):
                self.add(
                    "future-date",
                    self.at("talks", i, "date"),
                    f"talk dated {t.date}, after today ({today}); "
                    "list upcoming talks when they have happened, or say 'upcoming' in the event",
                )
        for i, a in enumerate(self.profile.awards):
            if future(a.year):
                self.add("future-date", self.at("awards", i, "year"), f"award dated {a.year}, after today ({today})")
        for p in self.pubs:
            y = p.pub.year
            if y is not None and not y.present and y.year > today.year:
                self.add(
                    "future-date",
                    p.where(self.loaded, ("year",)),
                    f"published {y}, after this year ({today.year}); if it is to appear, say so in `note`",
                )

    def check_owner(self) -> None:
        person = self.profile.person
        matcher = NameMatcher(person.name, person.aliases)
        for p in self.pubs:
            authors = p.pub.authors
            if not authors:
                self.add(
                    "owner-missing",
                    p.where(self.loaded),
                    f"{p.label()} lists no authors, so {person.name} cannot be marked in it",
                )
                continue
            if any(matcher(a) for a in authors):
                continue
            hidden = any(fold(a) in ("et al", "others") for a in authors)
            message = (
                f"{person.name} is not among the authors of {p.label()} "
                f"({', '.join(authors[:6])}{', ...' if len(authors) > 6 else ''})"
            )
            message += (
                "; they may be hidden in 'et al.'"
                if hidden
                else "; if one of them is you, add that spelling to person.aliases"
            )
            self.add("owner-missing", p.where(self.loaded, ("authors",)), message)

    def check_author_spelling(self) -> None:
        from cvgen.text.names import split_marks

        uses: dict[str, list[tuple[_Pub, int, str]]] = {}  # folded name -> (pub, index, as written)
        for p in self.pubs:
            names = [split_marks(a)[0] for a in p.pub.authors]
            for k, name in enumerate(names):
                if fold(name) in ("et al", "others") or not name:
                    continue
                uses.setdefault(fold(name), []).append((p, k, " ".join(name.split())))
                nxt = names[k + 1] if k + 1 < len(names) else ""
                if (
                    " " not in name
                    and nxt
                    and " " not in nxt
                    and name.isascii()
                    and nxt.isascii()
                    and name.isalpha()
                    and nxt.isalpha()
                ):
                    self.add(
                        "author-spelling",
                        p.where(self.loaded, ("authors", k)),
                        f"authors '{name}' and '{nxt}' of {p.label()} look like one name split by a stray comma",
                    )
        # the same folded name written differently (capitals, accents)
        for variants in uses.values():
            counts: dict[str, int] = {}
            for _, _, written in variants:
                counts[written] = counts.get(written, 0) + 1
            if len(counts) < 2:
                continue
            usual = max(counts, key=lambda w: (counts[w], -list(counts).index(w)))
            for p, k, written in variants:
                if written != usual:
                    self.add(
                        "author-spelling",
                        p.where(self.loaded, ("authors", k)),
                        f"'{written}' in {p.label()} is written '{usual}' in {counts[usual]} other "
                        f"entr{'y' if counts[usual] == 1 else 'ies'}",
                    )
        # near-identical surnames with the same given names: a typo
        by_given: dict[str, list[str]] = {}
        for name in uses:
            parts = name.split()
            if len(parts) >= 2:
                by_given.setdefault(" ".join(parts[:-1]), []).append(name)
        for names in by_given.values():
            for a in names:
                for b in names:
                    sa, sb = a.split()[-1], b.split()[-1]
                    if a >= b or min(len(sa), len(sb)) < 6 or _distance(sa, sb) != 1:
                        continue
                    rare, usual = (a, b) if len(uses[a]) < len(uses[b]) else (b, a)
                    if len(uses[rare]) == len(uses[usual]):
                        continue  # no way to tell which one is the typo
                    for p, k, written in uses[rare]:
                        self.add(
                            "author-spelling",
                            p.where(self.loaded, ("authors", k)),
                            f"'{written}' in {p.label()}: a typo for '{uses[usual][0][2]}' "
                            f"({len(uses[usual])} other entries)?",
                        )


# ---------------------------------------------------------------- helpers
def _distance(a: str, b: str) -> int:
    """Levenshtein distance (small strings)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _compact(text: str) -> str:
    return re.sub(r"[^\w]", "", fold(text)).replace("_", "")


def _loc(file: str, line: int | None, home: str) -> str:
    if line is None:
        return file
    return f"line {line}" if file == home else f"{file}:{line}"


def _links(p: Publication) -> list[tuple[str, str]]:
    out = list(p.links.items())
    if p.doi and not any(normalize_url(u) == f"doi:{p.doi.lower()}" for _, u in out):
        out.append(("doi", f"https://doi.org/{p.doi}"))
    return out


def markdown_links(text: str) -> list[tuple[str, str]]:
    """(link text, URL) of each Markdown link in `text`."""
    from cvgen.text.html import markdown_parser

    out = []
    for block in markdown_parser().parse(text):
        if block.type != "inline":
            continue
        label: list[str] | None = None
        href = ""
        for tok in block.children or []:
            if tok.type == "link_open":
                label, href = [], str(tok.attrs.get("href", ""))
            elif tok.type == "link_close" and label is not None:
                out.append(("".join(label), href))
                label = None
            elif label is not None and tok.type in ("text", "code_inline"):
                label.append(tok.content)
    return out


def lint(source: Source) -> list[Finding]:
    """Findings for a read profile (see the module docstring), sorted by file and line."""
    return _Linter(source).run()


def lint_file(path: Path) -> list[Finding]:
    """Load, validate and lint PROFILE; missing files are findings here, not errors.

    Raises ProfileError when the profile is not valid (lint has nothing to say then).
    """
    from cvgen.profile.source import Source, resolve_publications

    loaded = load_file(Path(path))
    profile = validate(loaded)
    keep = []
    for i, item in enumerate(profile.publications):
        if isinstance(item, BibtexInclude):
            try:
                resolve_input(loaded, item.bibtex, ("publications", i, "bibtex"))
            except ProfileError:
                continue  # the file check reports it
        keep.append(item)
    trimmed = profile.model_copy(update={"publications": keep})
    publications = resolve_publications(loaded, trimmed)
    return lint(Source(loaded, profile, publications))
