"""Detention limits under PACE: extensions, warrant applications and the limit in force."""

from __future__ import annotations

from typing import Final

from bridewell.rules.config import HOUR
from bridewell.rules.context import Context
from bridewell.rules.localtime import clock_after, day_clock, duration
from bridewell.rules.model import type_name

READINGS: Final[dict[str, str]] = {
    "PACE-EXT-36": (
        "Whether an offence is indictable is judged on all the offences on the record. When "
        "several valid extensions exist, the latest one given sets the limit. Each invalid "
        "extension is one finding that names every fault."
    ),
    "PACE-WFD-1": (
        "`warrant_applied` is the application under s.43. An extension of a warrant (s.44) "
        "counts once a warrant has been issued after a valid application; v1 has no separate "
        "event for the s.44 application."
    ),
    "PACE-LIMIT-24": (
        "The limit in force is built up in time order: 24 hours, then a valid extension, then a "
        "counting warrant. A warrant counts towards the limit only if it was applied for while "
        "detention was still authorised (or under the court-not-sitting exception once detention "
        "had been extended to 36 hours). A warrant applied for after the 24-hour limit had "
        "passed, with no extension, does not make the hours already spent lawful, so "
        "PACE-LIMIT-24 is reported."
    ),
    "PACE-LIMIT-36": (
        "As for PACE-LIMIT-24: an extension's limit is the one reported when a warrant was "
        "applied for only after the extension had run out."
    ),
}


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
    # L(96) is never earlier than RT + 96 h, so most records need not work it out.
    cap = clock.after(96) if held_until > clock.relevant_time + 96 * HOUR else held_until
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
