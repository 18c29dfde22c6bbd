"""Record keeping: late entries and arrivals with no detention decision."""

from __future__ import annotations

from typing import Final

from bridewell.rules import model as m
from bridewell.rules.context import Context, describe
from bridewell.rules.localtime import clock_after, day_clock, duration

READINGS: Final[dict[str, str]] = {}


def check(ctx: Context) -> None:
    tl, report = ctx.tl, ctx.report
    threshold = ctx.config.late_entry_threshold
    for ev in tl.events:
        recorded = ev.recorded_at
        if recorded is not None and recorded - ev.at > threshold:
            report.finding(
                "DATA-LATE-ENTRY",
                at=ev.at,
                due=ev.at + threshold,
                message=(
                    f"{describe(ev)} at {day_clock(ev.at)} was recorded at "
                    f"{clock_after(recorded, ev.at)} ({duration(recorded - ev.at)} later)"
                ),
                events=[ev.id],
            )

    if tl.is_pace and not tl.is_open and tl.first_arrived is not None:
        decided = [
            ev
            for cls in (m.DetentionAuthorised, m.DetentionRefused)
            for ev in tl.of(cls)
            if ev.at <= tl.end
        ]
        if not decided:
            report.finding(
                "DATA-NO-AUTHORISATION",
                at=tl.end,
                message=(
                    f"Arrived {day_clock(tl.first_arrived.at)}; no decision to authorise or "
                    f"refuse detention before custody ended at "
                    f"{clock_after(tl.end, tl.first_arrived.at)}"
                ),
                events=[tl.first_arrived.id],
            )
