"""language: text a build language lacks, and cvgen's own words its catalog lacks.

A profile builds in its `lang` and in each of `homepage.languages`. A text given per language
(`{en: ..., de: ...}`) without one of them prints another language's text there; a catalog
without some of cvgen's words prints those in English.
"""

from __future__ import annotations

from cvgen.profile.languages import build_languages, text_mappings
from cvgen.text import i18n
from cvgen.tools.lint.context import Finding, LintContext, finding

_SHOWN = 4  # missing catalog entries named in a finding; the rest are counted


def _where_tag(ctx: LintContext, tag: str) -> tuple[str | int, ...]:
    languages = ctx.profile.homepage.languages or []
    if tag != ctx.profile.lang and tag in languages:
        return ("homepage", "languages", languages.index(tag))
    return ("lang",)


def _catalog_findings(ctx: LintContext, tag: str) -> list[Finding]:
    name = i18n.catalog_for(tag)
    where = ctx.at(*_where_tag(ctx, tag))
    if name is None:
        return [
            finding(
                "language",
                where,
                f"cvgen has no words in '{tag}' (headings, dates' words, page numbers print in English); "
                f"its languages: {', '.join(i18n.catalog_languages())}",
            )
        ]
    missing = i18n.missing(tag)
    if not missing:
        return []
    shown = ", ".join(repr(m) for m in missing[:_SHOWN])
    more = f" and {len(missing) - _SHOWN} more" if len(missing) > _SHOWN else ""
    return [
        finding(
            "language",
            where,
            f"cvgen's catalog for '{name}' lacks {shown}{more}, which print in English; "
            f"add them to cvgen/locale/{name}/LC_MESSAGES/cvgen.po",
        )
    ]


def check_languages(ctx: LintContext) -> list[Finding]:
    """Each build language: cvgen's catalog for it complete, and every per-language text given in it."""
    tags = build_languages(ctx.profile)
    out = [f for tag in tags for f in _catalog_findings(ctx, tag)]
    for path, texts in text_mappings(ctx.loaded.data):
        given = [str(k) for k in texts]
        lacking = [tag for tag in tags if i18n.best_match(tag, given) is None]
        if lacking:
            shown = i18n.pick({str(k): v for k, v in texts.items()}, [ctx.profile.lang])
            used = next((k for k in given if texts[k] is shown), given[0])
            out.append(
                finding(
                    "language",
                    ctx.at(*path),
                    f"no text in {', '.join(repr(t) for t in lacking)} (given: {', '.join(given)}); "
                    f"{'that build prints' if len(lacking) == 1 else 'those builds print'} the '{used}' text",
                )
            )
    return out
