"""Release: the pre-release risk assessment that should precede every release or transfer (APP)."""

from __future__ import annotations

from typing import Final

from bridewell.rules import model as m
from bridewell.rules.config import HOUR
from bridewell.rules.context import Context
from bridewell.rules.localtime import clock_after, day_clock, duration

WINDOW = 2 * HOUR

READINGS: Final[dict[str, str]] = {
    "APP-PRRA-1": "Applies in every regime, because the APP release guidance covers everyone "
    "leaving custody. A pre-release risk assessment counts whether or not the detainee was "
    "present, and only when it is timed in the two hours up to and including the release or "
    "transfer; one recorded afterwards does not count.",
}

_DESTINATION: Final[dict[str, str]] = {
    "court": "court",
    "other_suite": "another custody suite",
    "other_force": "another force",
    "prison": "prison",
    "immigration": "immigration detention",
}


def check(ctx: Context) -> None:
    tl = ctx.tl
    ending = tl.end_event
    if isinstance(ending, m.Released):
        left = "Released"
    elif isinstance(ending, m.Transferred) and ending.to != "hospital_admission":
        left = f"Transferred to {_DESTINATION[ending.to]}"
    else:
        return
    end = ending.at
    earlier: m.PrraCompleted | None = None
    for prra in tl.of(m.PrraCompleted):
        if prra.at > end:
            break
        if prra.at >= end - WINDOW:
            return
        earlier = prra
    message = (
        f"{left} {day_clock(end)} with no pre-release risk assessment in the "
        f"{duration(WINDOW)} before"
    )
    if earlier is not None:
        message += (
            f"; the last was at {clock_after(earlier.at, end)} "
            f"({duration(end - earlier.at)} before)"
        )
    ctx.report.finding(
        "APP-PRRA-1",
        at=end,
        due=end,
        message=message,
        events=[ending.id] + ([earlier.id] if earlier is not None else []),
    )
