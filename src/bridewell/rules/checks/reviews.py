"""Reviews of detention under PACE s.40: the 6 h / 9 h schedule, postponements, who may review."""

from __future__ import annotations

import datetime as dt
from typing import Final

from bridewell.rules import model as m
from bridewell.rules.authority import review_is_valid
from bridewell.rules.config import HOUR
from bridewell.rules.context import Context
from bridewell.rules.localtime import clock_after, day_clock, duration

FIRST = 6 * HOUR
INTERVAL = 9 * HOUR

READINGS: Final[dict[str, str]] = {
    "PACE-REVIEW-1": (
        "Reviews and postponements before detention was authorised or after custody ended are "
        "ignored. A review held exactly at the deadline is on time."
    ),
    "PACE-REVIEW-2": (
        "A postponement made after a deadline was missed, before the late review is held, "
        "postpones nothing: there is no on-time deadline left to postpone, so the missed review "
        "is still owed and the next deadline stays 9 hours after the missed one. A postponement "
        "that is not valid (wrong rank) is ignored."
    ),
    "PACE-REVIEW-4": (
        "The first valid review after a postponement is the postponed review, even when a later "
        "deadline has passed meanwhile. A postponed review never held is reported only when its "
        "60 minutes ran out while the person was still detained."
    ),
    "PACE-REVIEW-6": "Applies to every valid review held by telephone, before or after charge.",
}


def check(ctx: Context) -> None:
    tl, report = ctx.tl, ctx.report
    if not tl.is_pace or tl.da is None:
        return
    da, end, charge_at = tl.da, tl.end, tl.charge_at

    def detained(ev: m.EventBase) -> bool:
        return da.at <= ev.at <= end

    reviews = [r for r in tl.of(m.Review) if detained(r)]
    valid_reviews = []
    for r in reviews:
        if review_is_valid(r, charge_at):
            valid_reviews.append(r)
            if r.mode == "telephone" and not r.video_not_practicable:
                report.finding(
                    "PACE-REVIEW-6",
                    at=r.at,
                    message=f"Review at {day_clock(r.at)} held by telephone without recording "
                    "that a video link was not practicable",
                    events=[r.id],
                )
        else:
            needed = (
                "an inspector" if charge_at is None or r.at < charge_at else "a custody officer"
            )
            report.finding(
                "PACE-REVIEW-3",
                at=r.at,
                message=f"Review at {day_clock(r.at)} by a {r.by.rank.replace('_', ' ')} does not "
                f"count: it needed {needed} or above",
                events=[r.id],
            )
    postponements = [
        p for p in tl.of(m.ReviewPostponed) if detained(p) and review_is_valid(p, charge_at)
    ]
    items: list[m.Review | m.ReviewPostponed] = sorted(
        [*valid_reviews, *postponements], key=lambda ev: ev.at
    )
    _walk_schedule(ctx, da, items, valid_reviews)


def _walk_schedule(
    ctx: Context,
    da: m.EventBase,
    items: list[m.Review | m.ReviewPostponed],
    valid_reviews: list[m.Review],
) -> None:
    """Walk the schedule in time order, reporting each deadline that passed (rules-v1, Reviews).

    A postponement made while a missed review is still outstanding postpones nothing: there is
    no on-time deadline left to postpone, so the late review is still owed (the reading that
    protects the detainee; see docs/rules.md).
    """
    tl, report, sla = ctx.tl, ctx.report, ctx.config.postponed_review_sla
    end = tl.end
    due = da.at + FIRST
    first = True
    anchor = da.id
    outstanding: dt.datetime | None = None
    pending: list[m.ReviewPostponed] = []
    pending_due: list[dt.datetime] = []

    def missed(deadline: dt.datetime) -> None:
        nonlocal outstanding
        late = next((r for r in valid_reviews if r.at > deadline), None)
        what = "First review" if first else "Review"
        if late is not None and late.at <= deadline + INTERVAL:
            outcome = f"held {clock_after(late.at, deadline)} ({duration(late.at - deadline)} late)"
        elif late is not None:
            outcome = f"no review until {clock_after(late.at, deadline)}"
        else:
            outcome = _no_review_by(ctx, deadline)
        report.finding(
            "PACE-REVIEW-1" if first else "PACE-REVIEW-2",
            at=deadline,
            due=deadline,
            message=f"{what} due {day_clock(deadline)}; {outcome}",
            events=[anchor] + ([late.id] if late is not None and late.at <= end else []),
        )
        if outstanding is None:
            outstanding = deadline

    for item in items:
        while due < item.at and due < end:
            missed(due)
            due += INTERVAL
            first = False
        if isinstance(item, m.Review):
            if pending:
                for p, deadline in zip(pending, pending_due, strict=True):
                    if item.at > deadline + sla:
                        _postponed_late(ctx, p, deadline, item)
                pending, pending_due = [], []
                continue
            due = item.at + INTERVAL
            first = False
            anchor = item.id
            outstanding = None
        elif outstanding is None:
            pending.append(item)
            pending_due.append(due)
            due += INTERVAL
            first = False
            anchor = item.id
    while due < end:
        missed(due)
        due += INTERVAL
        first = False
    for p, deadline in zip(pending, pending_due, strict=True):
        if deadline + sla < end:
            _postponed_late(ctx, p, deadline, None)

    if tl.is_open:
        if outstanding is not None:
            report.obligation(
                "PACE-REVIEW-1" if outstanding == da.at + FIRST else "PACE-REVIEW-2",
                outstanding,
                f"Review overdue since {day_clock(outstanding)}",
                [anchor],
            )
        elif pending:
            report.obligation(
                "PACE-REVIEW-4",
                pending_due[0] + sla,
                f"Postponed review to be held by {day_clock(pending_due[0] + sla)}",
                [pending[0].id],
            )
        else:
            report.obligation(
                "PACE-REVIEW-1" if first else "PACE-REVIEW-2",
                due,
                f"{'First review' if first else 'Next review'} due {day_clock(due)}",
                [anchor],
            )


def _postponed_late(
    ctx: Context, postponement: m.ReviewPostponed, deadline: dt.datetime, held: m.Review | None
) -> None:
    sla = ctx.config.postponed_review_sla
    if held is not None:
        outcome = f"held {clock_after(held.at, deadline)} ({duration(held.at - deadline)} after)"
    else:
        outcome = _no_review_by(ctx, deadline)
    ctx.report.finding(
        "PACE-REVIEW-4",
        at=deadline + sla,
        due=deadline + sla,
        message=f"Review due {day_clock(deadline)} was postponed; {outcome}",
        events=[postponement.id] + ([held.id] if held is not None else []),
    )


def _no_review_by(ctx: Context, after: dt.datetime) -> str:
    tl = ctx.tl
    if tl.is_open:
        return f"no review by {clock_after(tl.end, after)}"
    return f"no review before custody ended at {clock_after(tl.end, after)}"
