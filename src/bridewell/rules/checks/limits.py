"""Detention limits under PACE: extensions, warrant applications and the limit in force."""

from __future__ import annotations

from typing import Final

from bridewell.rules.context import Context
from bridewell.rules.localtime import clock_after, day_clock, duration
from bridewell.rules.model import type_name

READINGS: Final[dict[str, str]] = {}


def check(ctx: Context) -> None:
    tl, clock, report = ctx.tl, ctx.clock, ctx.report
    if clock is None or clock.relevant_time is None:
        return
    for ext, faults in clock.extensions:
        if faults:
            report.finding(
                "PACE-EXT-36",
                at=ext.at,
                message=f"Extension given {day_clock(ext.at)} does not count: {'; '.join(faults)}",
                events=[ext.id],
            )
    for app in clock.late_applications:
        deadline = clock.application_deadline(app)
        report.finding(
            "PACE-WFD-1",
            at=app.at,
            due=deadline,
            message=(
                f"Warrant applied for {day_clock(app.at)}, after the deadline of "
                f"{clock_after(deadline, app.at)} ({duration(app.at - deadline)} late)"
            ),
            events=[app.id],
        )

    limit = clock.limit
    assert limit is not None
    held_until = clock.pre_charge_end
    if held_until > limit.due:
        report.finding(
            limit.rule,
            at=limit.due,
            due=limit.due,
            message=(
                f"The {limit.label} fell at {day_clock(limit.due)}; "
                f"{_how_it_ended(ctx)} {clock_after(held_until, limit.due)} "
                f"({duration(held_until - limit.due)} over)"
            ),
            events=limit.events + _ending_ids(ctx),
        )
    cap = clock.after(96)
    if held_until > cap:
        report.finding(
            "PACE-LIMIT-96",
            at=cap,
            due=cap,
            message=(
                f"96 hours without charge ran out at {day_clock(cap)}; "
                f"{_how_it_ended(ctx)} {clock_after(held_until, cap)} "
                f"({duration(held_until - cap)} over)"
            ),
            events=limit.events + _ending_ids(ctx),
        )
    if tl.is_open and tl.charge_at is None:
        report.obligation(
            limit.rule,
            limit.due,
            f"Charge or release by {day_clock(limit.due)} ({limit.label})",
            limit.events,
        )


def _how_it_ended(ctx: Context) -> str:
    tl = ctx.tl
    if tl.charged is not None and tl.charged.at <= tl.end:
        return "charged at"
    if tl.end_event is None:
        return "still held without charge at"
    return f"{type_name(tl.end_event).replace('_', ' ')} without charge at"


def _ending_ids(ctx: Context) -> list[str]:
    """The charge or the end of custody that shows how long pre-charge detention lasted."""
    tl = ctx.tl
    ending = tl.charged if tl.charged is not None and tl.charged.at <= tl.end else tl.end_event
    return [ending.id] if ending is not None else []
