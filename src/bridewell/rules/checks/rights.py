"""Rights, appropriate adults and interpreters under PACE ss.56 and 58 and Code C 3, 11 and 13."""

from __future__ import annotations

import datetime as dt
from typing import Final, NamedTuple

from bridewell.rules import model as m
from bridewell.rules.context import Context
from bridewell.rules.localtime import clock_after, day_clock
from bridewell.rules.timeline import Timeline

READINGS: Final[dict[str, str]] = {
    "PACE-RIGHTS-1": (
        "Rights count when given at or after detention was authorised and no later than the end "
        "of custody. When detention was refused the person was never detained and nothing is "
        "reported. When the decision is missing altogether, any rights given before the end "
        "count, and an ended record with none is still reported, because Code C 3.1 applies "
        "from arrival under arrest."
    ),
    "PACE-RIGHTS-4": (
        "Each authorised delay gives at most one finding, listing every fault: dated at the "
        "authorisation when the rank or offence test fails, otherwise at the moment the delay "
        "should have ended (36 hours of the detention clock, or charge, whichever came first; "
        "the authorisation itself if given after that). A delay ends at the first "
        "right_delay_ended or right_fulfilled for the same right at or after it, or at the end "
        "of custody; without a relevant time the 36-hour test is not made."
    ),
    "PACE-RIGHTS-5": (
        "As PACE-RIGHTS-4, for delays of legal_advice, which need a superintendent or above."
    ),
    "PACE-AA-4": (
        "Juvenile throughout, or vulnerable at the end of custody; a request at any time up to "
        "and including the end counts, and the finding is dated at the end. While a record is "
        "open with no request, the obligation is due now (at the evaluation time): v1 sets no "
        "deadline for the request, so it is never shown as overdue before custody ends."
    ),
    "PACE-AA-5": (
        "Triggered by any appropriate adult's arrival, whether or not the detainee is juvenile "
        "or vulnerable; only an arrival and rights given no later than the end of custody count."
    ),
    "PACE-AA-6": (
        "One finding per interview, at its start. A juvenile is one throughout; vulnerability "
        "counts from the time it was identified, at or before the interview's start."
    ),
    "PACE-INT-1": (
        "rules-v1 gives no time for this finding, so it is dated at the end of custody, the last "
        "moment the duty could be met; a request up to and including the end counts. While a "
        "record is open with no request, the obligation is due now (at the evaluation time), "
        "never overdue before custody ends."
    ),
    "PACE-INT-2": (
        "One finding per interview, at its start, when the detainee needs an interpreter and "
        "none was present, unless a superintendent or above authorised an urgent interview."
    ),
}


class _DelayRule(NamedTuple):
    """What one delayable right needs: the rule it falls under and the lowest rank that may act."""

    rule: str
    rank: m.Rank
    needed: str
    what: str


DELAY_RULES: Final[dict[str, _DelayRule]] = {
    "inform_someone": _DelayRule(
        "PACE-RIGHTS-4", "inspector", "an inspector", "Telling someone of the arrest"
    ),
    "legal_advice": _DelayRule(
        "PACE-RIGHTS-5", "superintendent", "a superintendent", "Access to legal advice"
    ),
}


def check(ctx: Context) -> None:
    tl = ctx.tl
    if not tl.is_pace:
        return
    _right_delays(ctx)
    _interviews(ctx)
    if tl.is_open:
        _due_now(ctx)
    else:
        _rights_given(ctx)
        _appropriate_adult_requested(ctx)
        _rights_again_with_appropriate_adult(ctx)
        _interpreter_requested(ctx)


def _rights_given(ctx: Context) -> None:
    """PACE-RIGHTS-1: an ended record must show rights given while the person was detained."""
    tl = ctx.tl
    da, end, end_event = tl.da, tl.end, tl.end_event
    assert end_event is not None
    if da is None and tl.first(m.DetentionRefused) is not None:
        return
    given = tl.of(m.RightsGiven)
    start = da.at if da is not None else None
    if any(r.at <= end and (start is None or start <= r.at) for r in given):
        return
    if da is None:
        message = (
            f"No rights given before custody ended at {day_clock(end)}; "
            "detention was never authorised"
        )
        events = [end_event.id]
    else:
        message = (
            f"No rights given after detention was authorised at {day_clock(da.at)} and before "
            f"custody ended at {clock_after(end, da.at)}"
        )
        early = next((r for r in given if r.at < da.at), None)
        if early is not None:
            message += (
                f"; the rights given at {clock_after(early.at, da.at)} came before authorisation"
            )
        events = [da.id, end_event.id]
    ctx.report.finding("PACE-RIGHTS-1", at=end, due=end, message=message, events=events)


def _appropriate_adult_requested(ctx: Context) -> None:
    """PACE-AA-4: whoever was juvenile or vulnerable by the end needed an AA called."""
    tl = ctx.tl
    end, end_event = tl.end, tl.end_event
    assert end_event is not None
    if not tl.needs_appropriate_adult_at(end):
        return
    requested = tl.first(m.AppropriateAdultRequested)
    if requested is not None and requested.at <= end:
        return
    whom, proof = _whom(tl)
    ctx.report.finding(
        "PACE-AA-4",
        at=end,
        due=end,
        message=f"No appropriate adult requested for {whom} before custody ended at "
        f"{day_clock(end)}",
        events=[*proof, end_event.id],
    )


def _rights_again_with_appropriate_adult(ctx: Context) -> None:
    """PACE-AA-5: once an AA arrives, rights are given again in their presence."""
    tl = ctx.tl
    end, end_event = tl.end, tl.end_event
    assert end_event is not None
    arrived = tl.first(m.AppropriateAdultArrived)
    if arrived is None or arrived.at > end:
        return
    if any(r.appropriate_adult_present and arrived.at <= r.at <= end for r in tl.of(m.RightsGiven)):
        return
    ctx.report.finding(
        "PACE-AA-5",
        at=arrived.at,
        message=f"Appropriate adult arrived {day_clock(arrived.at)}; rights were not given "
        f"again in their presence before custody ended at {clock_after(end, arrived.at)}",
        events=[arrived.id, end_event.id],
    )


def _interpreter_requested(ctx: Context) -> None:
    """PACE-INT-1: a detainee who needs an interpreter must have one called before custody ends."""
    tl = ctx.tl
    end, end_event = tl.end, tl.end_event
    assert end_event is not None
    if not tl.record.detainee.needs_interpreter:
        return
    requested = tl.first(m.InterpreterRequested)
    if requested is not None and requested.at <= end:
        return
    ctx.report.finding(
        "PACE-INT-1",
        at=end,
        due=end,
        message=f"The detainee needs an interpreter{_language(tl)} but none was requested "
        f"before custody ended at {day_clock(end)}",
        events=[end_event.id],
    )


def _due_now(ctx: Context) -> None:
    """Open records: an AA or interpreter not yet called is due now (no fixed deadline in v1)."""
    tl, report = ctx.tl, ctx.report
    if tl.needs_appropriate_adult_at(tl.at) and tl.first(m.AppropriateAdultRequested) is None:
        whom, proof = _whom(tl)
        report.obligation("PACE-AA-4", tl.at, f"Request an appropriate adult now for {whom}", proof)
    if tl.record.detainee.needs_interpreter and tl.first(m.InterpreterRequested) is None:
        report.obligation("PACE-INT-1", tl.at, f"Request an interpreter{_language(tl)} now")


def _interviews(ctx: Context) -> None:
    """PACE-AA-6 and PACE-INT-2: no interview without the AA or interpreter unless urgent."""
    tl, report = ctx.tl, ctx.report
    needs_interpreter = tl.record.detainee.needs_interpreter
    for iv in tl.of(m.InterviewStarted):
        urgent = iv.urgent_authorised_by
        if urgent is not None and urgent.at_least("superintendent"):
            continue
        if urgent is None:
            unless = "no urgent interview was authorised by a superintendent or above"
        else:
            unless = f"its urgent authorisation by {_who(urgent)} needed a superintendent or above"
        if not iv.appropriate_adult_present and tl.needs_appropriate_adult_at(iv.at):
            whom, proof = _whom(tl)
            report.finding(
                "PACE-AA-6",
                at=iv.at,
                message=f"Interview of {whom} started {day_clock(iv.at)} without an appropriate "
                f"adult; {unless}",
                events=[iv.id, *proof],
            )
        if needs_interpreter and not iv.interpreter_present:
            report.finding(
                "PACE-INT-2",
                at=iv.at,
                message=f"Interview started {day_clock(iv.at)} without the interpreter the "
                f"detainee needs{_language(tl)}; {unless}",
                events=[iv.id],
            )


class _Cutoff(NamedTuple):
    """A moment by which every delay must have ended: L(36) or charge, with the event behind it."""

    at: dt.datetime
    in_force: str
    given: str
    proof: m.EventBase | None


def _right_delays(ctx: Context) -> None:
    """PACE-RIGHTS-4/5: who may delay a right, for which offences, and until when."""
    tl, clock = ctx.tl, ctx.clock
    delays = tl.of(m.RightDelayAuthorised)
    if not delays:
        return
    cutoffs: list[_Cutoff] = []
    if clock is not None and clock.relevant_time is not None:
        cutoffs.append(
            _Cutoff(
                clock.after(36),
                "still in force when 36 hours of detention ran out at",
                "given after 36 hours of detention ran out at",
                clock.relevant_event,
            )
        )
    if tl.charged is not None:
        cutoffs.append(
            _Cutoff(
                tl.charged.at, "still in force after charge at", "given after charge at", tl.charged
            )
        )
    cutoffs.sort(key=lambda c: c.at)
    endings: list[m.RightDelayEnded | m.RightFulfilled] = [
        *tl.of(m.RightDelayEnded),
        *tl.of(m.RightFulfilled),
    ]
    for delay in delays:
        rule = DELAY_RULES.get(delay.right)
        if rule is not None:
            ended = min(
                (ev for ev in endings if ev.right == delay.right and ev.at >= delay.at),
                key=lambda ev: ev.at,
                default=None,
            )
            _judge_delay(ctx, delay, rule, ended, cutoffs)


def _judge_delay(
    ctx: Context,
    delay: m.RightDelayAuthorised,
    rule: _DelayRule,
    ended: m.RightDelayEnded | m.RightFulfilled | None,
    cutoffs: list[_Cutoff],
) -> None:
    """One finding per delay that was wrongly authorised or outlasted 36 hours or charge."""
    tl = ctx.tl
    faults: list[str] = []
    if not delay.by.at_least(rule.rank):
        faults.append(f"authorised by {_who(delay.by)}, not {rule.needed} or above")
    if not tl.record.has_indictable_offence:
        faults.append("no offence is indictable")
    invalid = bool(faults)

    until = min(ended.at, tl.end) if ended is not None else tl.end
    events = [delay.id]
    overran = [c for c in cutoffs if until > max(delay.at, c.at)]
    for c in overran:
        faults.append(f"{c.given if delay.at > c.at else c.in_force} {clock_after(c.at, delay.at)}")
        if c.proof is not None:
            events.append(c.proof.id)
    if not faults:
        return
    deadline = None
    if overran:
        faults.append(_how_delay_ended(tl, delay, ended, until))
        if ended is not None and ended.at <= tl.end:
            events.append(ended.id)
        elif tl.end_event is not None:
            events.append(tl.end_event.id)
        if not invalid:
            deadline = min(c.at for c in overran)
    ctx.report.finding(
        rule.rule,
        at=delay.at if deadline is None else max(delay.at, deadline),
        due=deadline,
        message=f"{rule.what} delayed at {day_clock(delay.at)}: {'; '.join(faults)}",
        events=events,
    )


def _how_delay_ended(
    tl: Timeline,
    delay: m.RightDelayAuthorised,
    ended: m.RightDelayEnded | m.RightFulfilled | None,
    until: dt.datetime,
) -> str:
    """How long the delay lasted, so a reader can see by how much it overran."""
    if ended is not None and ended.at <= tl.end:
        how = "right fulfilled" if isinstance(ended, m.RightFulfilled) else "delay ended"
        return f"{how} at {clock_after(until, delay.at)}"
    if tl.is_open:
        return f"still in force at {clock_after(until, delay.at)}"
    return f"not ended before custody ended at {clock_after(until, delay.at)}"


def _whom(tl: Timeline) -> tuple[str, list[str]]:
    """Why an appropriate adult is needed, in words, with the event that shows it (if any)."""
    if tl.juvenile:
        return "a juvenile", []
    if tl.record.detainee.vulnerable:
        return "a vulnerable detainee", []
    identified = tl.first(m.VulnerabilityIdentified)
    assert identified is not None
    kind = identified.kind.replace("_", " ")
    return f"a detainee identified as vulnerable ({kind})", [identified.id]


def _who(actor: m.Actor) -> str:
    """``an inspector``, ``a chief inspector``, ``a member of police staff``, ``a doctor``."""
    if actor.rank == "none":
        words = actor.role.replace("_", " ")
    elif actor.rank == "staff":
        return "a member of police staff"
    else:
        words = actor.rank.replace("_", " ")
    return f"an {words}" if words[0] in "aeiou" else f"a {words}"


def _language(tl: Timeline) -> str:
    language = tl.record.detainee.language
    return f" ({language})" if language else ""
