"""owner-missing and author-spelling: author lists without the owner, co-authors spelled two ways."""

from __future__ import annotations

from cvgen.text.names import ET_AL, NameMatcher, fold, split_marks
from cvgen.tools.lint.context import Finding, LintContext, LocatedPub, finding

_Use = tuple[LocatedPub, int, str]  # a paper, the author's index in it, the name as written


def check_owner(ctx: LintContext) -> list[Finding]:
    """A paper whose author list does not contain the owner (by person.name and person.aliases)."""
    person = ctx.profile.person
    matcher = NameMatcher(person.name, person.aliases)
    out = []
    for p in ctx.pubs:
        authors = p.pub.authors
        if not authors:
            message = f"{p.label()} lists no authors, so {person.name} cannot be marked in it"
            out.append(finding("owner-missing", p.where(ctx.loaded), message))
            continue
        if any(matcher(a) for a in authors):
            continue
        message = (
            f"{person.name} is not among the authors of {p.label()} "
            f"({', '.join(authors[:6])}{', ...' if len(authors) > 6 else ''})"
        )
        if any(fold(a) in ET_AL for a in authors):
            message += "; they may be hidden in 'et al.'"
        else:
            message += "; if one of them is you, add that spelling to person.aliases"
        out.append(finding("owner-missing", p.where(ctx.loaded, ("authors",)), message))
    return out


def _names(p: LocatedPub) -> list[str]:
    """The paper's authors without their equal-contribution / corresponding marks."""
    return [split_marks(a)[0] for a in p.pub.authors]


def _counted(name: str) -> bool:
    """A real co-author, not `et al.` or an empty slot."""
    return bool(name) and fold(name) not in ET_AL


def check_stray_commas(ctx: LintContext) -> list[Finding]:
    """Two one-word "authors" in a row (`Tinghui, Zhou`: a stray comma)."""
    out = []
    for p in ctx.pubs:
        names = _names(p)
        for k, name in enumerate(names):
            nxt = names[k + 1] if k + 1 < len(names) else ""
            if not _counted(name) or not nxt or not all(_one_word(n) for n in (name, nxt)):
                continue
            out.append(
                finding(
                    "author-spelling",
                    p.where(ctx.loaded, ("authors", k)),
                    f"authors '{name}' and '{nxt}' of {p.label()} look like one name split by a stray comma",
                )
            )
    return out


def _one_word(name: str) -> bool:
    return " " not in name and name.isascii() and name.isalpha()


def _uses(ctx: LintContext) -> dict[str, list[_Use]]:
    """Folded name -> every place it is used, as written there."""
    uses: dict[str, list[_Use]] = {}
    for p in ctx.pubs:
        for k, name in enumerate(_names(p)):
            if _counted(name):
                uses.setdefault(fold(name), []).append((p, k, " ".join(name.split())))
    return uses


def check_spelling_variants(ctx: LintContext) -> list[Finding]:
    """The same co-author written differently (capitals, accents): `Van Der Maaten` / `van der Maaten`."""
    out = []
    for variants in _uses(ctx).values():
        counts: dict[str, int] = {}
        for _, _, written in variants:
            counts[written] = counts.get(written, 0) + 1
        if len(counts) < 2:
            continue
        usual = max(counts, key=lambda w: (counts[w], -list(counts).index(w)))
        out += [
            finding(
                "author-spelling",
                p.where(ctx.loaded, ("authors", k)),
                f"'{written}' in {p.label()} is written '{usual}' in {counts[usual]} other "
                f"entr{'y' if counts[usual] == 1 else 'ies'}",
            )
            for p, k, written in variants
            if written != usual
        ]
    return out


def check_surname_typos(ctx: LintContext) -> list[Finding]:
    """Near-identical surnames with the same given names (`Weingerger` / `Weinberger`): a typo."""
    uses = _uses(ctx)
    by_given: dict[str, list[str]] = {}
    for name in uses:
        parts = name.split()
        if len(parts) >= 2:
            by_given.setdefault(" ".join(parts[:-1]), []).append(name)
    out = []
    for names in by_given.values():
        for a in names:
            for b in names:
                sa, sb = a.split()[-1], b.split()[-1]
                if a >= b or min(len(sa), len(sb)) < 6 or _distance(sa, sb) != 1:
                    continue
                rare, usual = (a, b) if len(uses[a]) < len(uses[b]) else (b, a)
                if len(uses[rare]) == len(uses[usual]):
                    continue  # no way to tell which one is the typo
                out += [
                    finding(
                        "author-spelling",
                        p.where(ctx.loaded, ("authors", k)),
                        f"'{written}' in {p.label()}: a typo for '{uses[usual][0][2]}' ({len(uses[usual])} other entries)?",
                    )
                    for p, k, written in uses[rare]
                ]
    return out


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (small strings)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
