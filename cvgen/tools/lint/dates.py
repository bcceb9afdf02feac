"""future-date: news, talks, awards or papers dated after today (SOURCE_DATE_EPOCH when set)."""

from __future__ import annotations

import datetime as dt

from cvgen.clock import build_date
from cvgen.profile.types import PartialDate
from cvgen.tools.lint.context import Finding, LintContext, finding


def _after(d: PartialDate | None, today: dt.date) -> bool:
    return d is not None and not d.present and (d.year, d.month or 1, d.day or 1) > (today.year, today.month, today.day)


def check_future_dates(ctx: LintContext) -> list[Finding]:
    """News, talks and awards dated after today; papers published after this year."""
    today = build_date()
    profile = ctx.profile
    out = [
        finding("future-date", ctx.at("news", i, "date"), f"news dated {n.date}, after today ({today})")
        for i, n in enumerate(profile.news)
        if _after(n.date, today)
    ]
    out += [
        finding(
            "future-date",
            ctx.at("talks", i, "date"),
            f"talk dated {t.date}, after today ({today}); "
            "list upcoming talks when they have happened, or say 'upcoming' in the event",
        )
        for i, t in enumerate(profile.talks)
        if _after(t.date, today)
    ]
    out += [
        finding("future-date", ctx.at("awards", i, "year"), f"award dated {a.year}, after today ({today})")
        for i, a in enumerate(profile.awards)
        if _after(a.year, today)
    ]
    out += [
        finding(
            "future-date",
            p.where(ctx.loaded, ("year",)),
            f"published {p.pub.year}, after this year ({today.year}); if it is to appear, say so in `note`",
        )
        for p in ctx.pubs
        if p.pub.year is not None and not p.pub.year.present and p.pub.year.year > today.year
    ]
    return out
