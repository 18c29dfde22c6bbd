"""Mental Health Act s.136 at a police station: who may be held there, for how long, and the
half-hourly welfare checks by a healthcare professional (regime ``mha_s136``).

S, the start of the s.136 period, is the first ``arrived``: moving between places of safety does
not restart the clock (s.136(3)).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from bridewell.rules import model as m
from bridewell.rules.config import HOUR, MINUTE
from bridewell.rules.context import Context
from bridewell.rules.localtime import clock_after, day_clock, duration, local_date
from bridewell.rules.model import type_name

PERIOD = 24 * HOUR
LONGEST = 36 * HOUR
WELFARE_INTERVAL = 30 * MINUTE

READINGS: Final[dict[str, str]] = {
    "MHA-136-1": "When several valid extensions were given by the end of the episode, the latest "
    "one sets the limit (a later authorisation replaces an earlier one), even when its end is "
    "earlier than S + 24h.",
    "MHA-136-2": "A superintendent's approval is required for every extension, because a "
    "mha_s136 record is always a detention at a police station.",
    "MHA-136-4": "Of several authorisations, the finding describes the latest one given at or "
    "before arrival, else the first given after it.",
    "MHA-136-5": "Checks are counted from S to END with no pause for hospital trips or "
    "interviews; a check before S or after END does not count. A gap is one finding however "
    "long it lasts.",
}


def check(ctx: Context) -> None:
    tl = ctx.tl
    arrived = tl.first_arrived
    if tl.regime != "mha_s136" or arrived is None:
        return
    _place_of_safety(ctx, arrived)
    _period(ctx, arrived, _valid_extensions(ctx, arrived.at))
    _welfare_checks(ctx, arrived)


def _place_of_safety(ctx: Context, arrived: m.Arrived) -> None:
    """A child may never be held at a police station; an adult only on an inspector's say-so."""
    tl, s = ctx.tl, arrived.at
    if tl.juvenile:
        age = tl.record.detainee.age_on(local_date(s))
        who = f"A {age}-year-old" if age is not None else "A child"
        ctx.report.finding(
            "MHA-136-3",
            at=s,
            message=f"{who} was held at the police station as a place of safety from "
            f"{day_clock(s)}; a police station is never a place of safety for anyone under 18",
            events=[arrived.id],
        )
        return
    before: m.S136PoliceStationAuthorised | None = None
    after: m.S136PoliceStationAuthorised | None = None
    for auth in tl.of(m.S136PoliceStationAuthorised):
        if auth.at > s:
            after = auth
            break
        if auth.imminent_risk and auth.by.at_least("inspector"):
            return
        before = auth
    shown = before or after
    if shown is None:
        why = "with no authorisation recorded"
    else:
        why = f"without a valid authorisation: the one at {clock_after(shown.at, s)} " + _and(
            _authorisation_faults(shown, s)
        )
    ctx.report.finding(
        "MHA-136-4",
        at=s,
        message=f"Adult held at the police station as a place of safety from {day_clock(s)} {why}",
        events=[arrived.id] + ([shown.id] if shown is not None else []),
    )


def _authorisation_faults(auth: m.S136PoliceStationAuthorised, s: dt.datetime) -> list[str]:
    faults = []
    if auth.at > s:
        faults.append("came after arrival")
    if not auth.by.at_least("inspector"):
        faults.append(f"was by {_rank(auth.by.rank)}")
    if not auth.imminent_risk:
        faults.append("recorded no imminent risk of serious injury or death")
    return faults


def _valid_extensions(ctx: Context, s: dt.datetime) -> list[m.S136ExtensionAuthorised]:
    """Report each invalid extension (naming every fault) and return the valid ones."""
    valid = []
    for ext in ctx.tl.of(m.S136ExtensionAuthorised):
        faults = _extension_faults(ext, s)
        if not faults:
            valid.append(ext)
            continue
        ctx.report.finding(
            "MHA-136-2",
            at=ext.at,
            message=f"Extension of s.136 detention given {day_clock(ext.at)} does not count: "
            + "; ".join(faults),
            events=[ext.id],
        )
    return valid


def _extension_faults(ext: m.S136ExtensionAuthorised, s: dt.datetime) -> list[str]:
    faults = []
    if ext.by.role != "doctor":
        faults.append("not authorised by a doctor")
    if ext.approved_by is None:
        faults.append("not approved by a superintendent or above")
    elif not ext.approved_by.at_least("superintendent"):
        faults.append(f"approved by {_rank(ext.approved_by.rank)}, not a superintendent or above")
    if ext.at > s + PERIOD:
        faults.append(f"given after the 24 hours ran out at {clock_after(s + PERIOD, ext.at)}")
    if ext.until > s + LONGEST:
        faults.append(f"runs beyond 36 hours from arrival ({clock_after(s + LONGEST, ext.at)})")
    return faults


def _period(ctx: Context, arrived: m.Arrived, valid: list[m.S136ExtensionAuthorised]) -> None:
    """The 24-hour period, or the latest valid extension given by END (see READINGS)."""
    tl, report = ctx.tl, ctx.report
    end = tl.end
    given = [ext for ext in valid if ext.at <= end]
    if given:
        due, label, events = given[-1].until, "s.136 extension", [given[-1].id]
    else:
        due, label, events = arrived.at + PERIOD, "24-hour s.136 period", [arrived.id]
    if end > due:
        report.finding(
            "MHA-136-1",
            at=due,
            due=due,
            message=f"The {label} ran out at {day_clock(due)}; {_how_it_ended(ctx)} "
            f"{clock_after(end, due)} ({duration(end - due)} over)",
            events=events + ([tl.end_event.id] if tl.end_event is not None else []),
        )
    if tl.is_open:
        report.obligation(
            "MHA-136-1",
            due,
            f"Detention under s.136 must end by {day_clock(due)} ({label})",
            events,
        )


def _welfare_checks(ctx: Context, arrived: m.Arrived) -> None:
    """One finding per gap of more than 30 min between S, the checks and END."""
    tl, report = ctx.tl, ctx.report
    end = tl.end
    last_at, last_id, first = arrived.at, arrived.id, True
    for welfare in tl.of(m.HcpWelfareCheck):
        if welfare.at < arrived.at:
            continue
        if welfare.at > end:
            break
        due = last_at + WELFARE_INTERVAL
        if welfare.at > due:
            late = duration(welfare.at - due)
            outcome = f"next check {clock_after(welfare.at, due)} ({late} late)"
            _missed_check(ctx, due, first, outcome, [last_id, welfare.id])
        last_at, last_id, first = welfare.at, welfare.id, False
    due = last_at + WELFARE_INTERVAL
    if end > due:
        if tl.end_event is None:
            outcome = f"none by {clock_after(end, due)} ({duration(end - due)} overdue)"
            events = [last_id]
        else:
            outcome = f"none before custody ended at {clock_after(end, due)}"
            events = [last_id, tl.end_event.id]
        _missed_check(ctx, due, first, outcome, events)
    if tl.is_open:
        what = "First HCP welfare check" if first else "Next HCP welfare check"
        report.obligation(
            "MHA-136-5",
            due,
            f"HCP welfare check overdue since {day_clock(due)}"
            if end > due
            else f"{what} due {day_clock(due)}",
            [last_id],
        )


def _missed_check(
    ctx: Context, due: dt.datetime, first: bool, outcome: str, events: list[str]
) -> None:
    what = "First HCP welfare check" if first else "HCP welfare check"
    ctx.report.finding(
        "MHA-136-5",
        at=due,
        due=due,
        message=f"{what} due {day_clock(due)}; {outcome}",
        events=events,
    )


def _how_it_ended(ctx: Context) -> str:
    ending = ctx.tl.end_event
    if ending is None:
        return "still held at"
    return f"{type_name(ending).replace('_', ' ')} at"


def _rank(rank: m.Rank) -> str:
    """``inspector`` → ``an inspector``; people outside the police have no rank to name."""
    if rank == "none":
        return "someone with no police rank"
    if rank == "staff":
        return "a member of police staff"
    words = rank.replace("_", " ")
    return f"an {words}" if rank == "inspector" else f"a {words}"


def _and(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
