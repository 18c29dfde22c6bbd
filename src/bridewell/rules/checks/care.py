"""Care in the cell (all regimes): visits and rousing, failed rousing, observation, meals, rest.

The visit timer is one walk over the events that move it, in time order. Events at the same
instant are taken as one step, in an order that does not depend on how the record lists them:
requirement changes first (they take effect at once), then visits, then the detainee leaving the
cell. A shuffled record therefore gives the same findings.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from operator import itemgetter
from typing import Final, NamedTuple

from bridewell.rules import model as m
from bridewell.rules.config import HOUR, MINUTE
from bridewell.rules.context import Context
from bridewell.rules.localtime import clock_after, day_clock, duration
from bridewell.rules.timeline import Timeline

VISIT_INTERVAL: Final = 60 * MINUTE
ROUSE_INTERVAL: Final = 30 * MINUTE
LEVEL_SLA: Final = 30 * MINUTE
WINDOW: Final = 24 * HOUR
MIN_REST: Final = 8 * HOUR

CARE_1: Final = "PACE-CARE-1"
CARE_2: Final = "PACE-CARE-2"
_NEVER: Final = dt.datetime.max.replace(tzinfo=dt.UTC)

READINGS: Final[dict[str, str]] = {
    CARE_1: "The visit timer starts at DA, so a pace or tact record with no detention authorised "
    "has none. While the level is 3 or 4 the timer does not run; when the level drops below 3 it "
    "restarts at that moment, as at the end of an absence, with the next visit due 60 min later "
    "(30 min if rousing is required). A lapse ends at the next visit that counts, or when the "
    "detainee leaves the cell, goes on constant observation or custody ends; a deadline falling "
    "exactly then is met.",
    CARE_2: "A lapse stays one finding, under the rule in force at its due time, even if rousing "
    "becomes required before the next visit; from then on only a roused visit ends it. When "
    "rousing stops being required the 60-minute cadence runs from the last visit that counted. "
    "Entries made at the same minute are read protectively: they take effect before a visit that "
    "minute, and rousing is required if any of them requires it.",
    "PACE-CARE-3": "Only an HCP request or ambulance call at or after the visit counts; one made "
    "before the detainee failed to respond does not.",
    "APP-OBS-2": "A level counts as already in force when it was set at or before the risk "
    "assessment. The 30 minutes run even if custody ends sooner, since the level should have "
    "been set while the detainee was still held.",
    "PACE-REST-1": "The 24-hour windows start at the arrest when the relevant time is an arrest "
    "at the station or after voluntary attendance (PACE records), otherwise at the first arrival. "
    "Only the part of a rest period inside a window counts towards that window.",
}


def check(ctx: Context) -> None:
    _visit_timer(ctx)
    _failed_rousing(ctx)
    _observation_level(ctx)
    _meals(ctx)
    _rest(ctx)


# Cell visits and rousing (PACE-CARE-1, PACE-CARE-2)

# Each mark is (at, rank, event id, event). The rank orders the marks of one instant: the
# detainee's arrival in or return to the cell and requirement changes first (they take effect at
# once; among levels and among assessments, the one asking most of visits is taken last), then
# visits, then leaving the cell.
_DA, _BACK, _LEVEL, _RISK, _SEEN, _GONE = 0, 1, 10, 40, 50, 60

_Mark = tuple[dt.datetime, int, str, m.EventBase | None]
_MARK_KEY: Final = itemgetter(0, 1, 2)


def _level_order(level: m.ObservationLevelSet) -> int:
    """Among levels set at the same instant the one asking most of cell visits is the latest."""
    runs = level.level <= 2
    rouses = level.level == 2 and level.rousing_required
    return 10 * runs + 5 * rouses + 4 - level.level


def _requires_rousing(risk: m.RiskAssessed) -> bool:
    return risk.intoxicated or risk.swallowed_drugs


def _visit_timer(ctx: Context) -> None:
    tl = ctx.tl
    da, end = tl.da, tl.end
    if da is None or da.at > end:
        return
    marks: list[_Mark] = [(da.at, _DA, da.id, None)]
    for iv in tl.absences:
        marks.append((iv.start, _GONE, iv.start_id or "", None))
        if iv.end_id is not None:
            marks.append((iv.end, _BACK, iv.end_id, None))
    marks += [(lv.at, _LEVEL + _level_order(lv), lv.id, lv) for lv in tl.of(m.ObservationLevelSet)]
    marks += [(r.at, _RISK + _requires_rousing(r), r.id, r) for r in tl.of(m.RiskAssessed)]
    marks += [(v.at, _SEEN, v.id, v) for v in tl.of(m.CellVisit)]
    marks.sort(key=_MARK_KEY)

    timer = _VisitTimer(ctx, {ev.id for ev in tl.of(m.InterviewStarted)})
    instant = da.at
    restart_id = change_id = ""
    unsettled = False
    for at, rank, event_id, event in marks:
        if at != instant:
            if unsettled:
                timer.settle(instant, restart_id, change_id)
                unsettled = False
            if at > end:
                break
            timer.reach(at)
            instant, restart_id, change_id = at, "", ""
        if rank < _SEEN:
            timer.apply(rank, event)
            unsettled = True
            if rank < _RISK:
                restart_id = event_id
            if rank >= _LEVEL:
                change_id = event_id
            continue
        if unsettled:
            timer.settle(at, restart_id, change_id)
            unsettled = False
        if rank == _SEEN:
            assert isinstance(event, m.CellVisit)
            timer.visit(event)
        else:
            timer.leave(at, event_id)
    if unsettled:
        timer.settle(instant, restart_id, change_id)
    timer.finish()


class _VisitTimer:
    """When the next visit is due, and the lapse (missed deadline) still open, if any."""

    def __init__(self, ctx: Context, interview_ids: set[str]) -> None:
        self.ctx = ctx
        self.interview_ids = interview_ids
        self.present = self.absent = self.risk = False
        self.level: m.ObservationLevelSet | None = None
        self.leave_id = ""
        self.running = self.rousing = False
        self.anchor_at, self.anchor_id = _NEVER, ""
        self.due, self.due_by = _NEVER, ""
        self.lapse: tuple[dt.datetime, str, str] | None = None

    def apply(self, rank: int, event: m.EventBase | None) -> None:
        if rank == _DA:
            self.present = True
        elif rank == _BACK:
            self.absent = False
        elif rank < _RISK:
            assert isinstance(event, m.ObservationLevelSet)
            self.level = event
        else:
            assert isinstance(event, m.RiskAssessed)
            self.risk = _requires_rousing(event)

    def reach(self, at: dt.datetime) -> None:
        """A deadline that passed before ``at`` with no counting visit opens a lapse."""
        if self.running and self.lapse is None and self.due < at:
            self.lapse = (self.due, CARE_2 if self.rousing else CARE_1, self.due_by)

    def settle(self, at: dt.datetime, restart_id: str, change_id: str) -> None:
        """Work out whether the timer runs and what it needs, after the changes made at ``at``."""
        level = self.level
        constant = level is not None and level.level >= 3
        running = self.present and not self.absent and not constant
        rousing = self.risk or (level is not None and level.level == 2 and level.rousing_required)
        if self.running and not running:
            if self.lapse is not None:
                if self.absent:
                    where = "interview" if self.leave_id in self.interview_ids else "hospital"
                    lead, closer = f"the detainee left the cell for {where} at", self.leave_id
                else:
                    assert level is not None
                    lead, closer = "constant observation began at", level.id
                self._close(at, f"none before {lead}", "later", closer)
            self.due = _NEVER
        elif running and not self.running:
            self._restart(at, restart_id, rousing)
        elif running and self.lapse is None:
            if rousing and not self.rousing and at + ROUSE_INTERVAL < self.due:
                self.due, self.due_by = at + ROUSE_INTERVAL, change_id
            elif self.rousing and not rousing:
                self.due, self.due_by = self.anchor_at + VISIT_INTERVAL, self.anchor_id
        self.running, self.rousing = running, rousing

    def visit(self, visit: m.CellVisit) -> None:
        if not self.running or (self.rousing and not visit.roused):
            return
        if self.lapse is not None:
            noun = "roused visit" if self.rousing else "visit"
            self._close(visit.at, f"next {noun}", "late", visit.id)
        self._restart(visit.at, visit.id, self.rousing)

    def leave(self, at: dt.datetime, leave_id: str) -> None:
        self.absent = True
        self.leave_id = leave_id
        self.settle(at, "", "")

    def finish(self) -> None:
        tl, report = self.ctx.tl, self.ctx.report
        end = tl.end
        self.reach(end)
        if tl.is_open and self.running:
            noun = "Roused visit" if self.rousing else "Cell visit"
            if self.lapse is not None:
                due, rule, due_by = self.lapse
                report.obligation(rule, due, f"{noun} overdue since {day_clock(due)}", [due_by])
            else:
                rule = CARE_2 if self.rousing else CARE_1
                report.obligation(
                    rule, self.due, f"{noun} due {day_clock(self.due)}", [self.due_by]
                )
        if self.lapse is not None:
            if tl.end_event is None:
                self._close(end, "none by", "overdue", None)
            else:
                self._close(end, "none before custody ended at", "later", tl.end_event.id)

    def _restart(self, at: dt.datetime, anchor_id: str, rousing: bool) -> None:
        self.anchor_at, self.anchor_id = at, anchor_id
        self.due = at + (ROUSE_INTERVAL if rousing else VISIT_INTERVAL)
        self.due_by = anchor_id

    def _close(self, at: dt.datetime, lead: str, tail: str, closer: str | None) -> None:
        assert self.lapse is not None
        due, rule, due_by = self.lapse
        what = "Roused visit" if rule == CARE_2 else "Cell visit"
        self.ctx.report.finding(
            rule,
            at=due,
            due=due,
            message=f"{what} due {day_clock(due)}; {lead} {clock_after(at, due)} "
            f"({duration(at - due)} {tail})",
            events=list(dict.fromkeys(i for i in (due_by, closer) if i)),
        )
        self.lapse = None


# Failed rousing (PACE-CARE-3)


def _failed_rousing(ctx: Context) -> None:
    tl, sla = ctx.tl, ctx.config.sla_failed_rouse
    failed = [v for v in tl.of(m.CellVisit) if v.response == "no_response" and v.at + sla < tl.at]
    if not failed:
        return
    calls = sorted(
        [(ev.at, ev.id, "HCP requested") for ev in tl.of(m.HcpRequested)]
        + [(ev.at, ev.id, "ambulance called") for ev in tl.of(m.AmbulanceCalled)]
    )
    times = [c[0] for c in calls]
    for visit in failed:
        deadline = visit.at + sla
        i = bisect_left(times, visit.at)
        if i < len(calls) and calls[i][0] <= deadline:
            continue
        message = (
            f"No response at the cell visit {day_clock(visit.at)} and no HCP or ambulance "
            f"called within {duration(sla)}"
        )
        events = [visit.id]
        if i < len(calls):
            at, call_id, what = calls[i]
            message += f"; {what} {clock_after(at, visit.at)} ({duration(at - visit.at)} after)"
            events.append(call_id)
        ctx.report.finding("PACE-CARE-3", at=visit.at, due=deadline, message=message, events=events)


# Observation level after an intoxication finding (APP-OBS-2)


def _observation_level(ctx: Context) -> None:
    tl = ctx.tl
    flagged = [
        r for r in tl.of(m.RiskAssessed) if _requires_rousing(r) and r.at + LEVEL_SLA < tl.at
    ]
    if not flagged:
        return
    levels = sorted(tl.of(m.ObservationLevelSet), key=lambda lv: (lv.at, _level_order(lv), lv.id))
    times = [lv.at for lv in levels]
    for risk in flagged:
        deadline = risk.at + LEVEL_SLA
        in_force = bisect_right(times, risk.at)
        if in_force and levels[in_force - 1].level >= 2:
            continue
        start, stop = bisect_left(times, risk.at), bisect_right(times, deadline)
        if any(lv.level >= 2 for lv in levels[start:stop]):
            continue
        found = " and ".join(
            what
            for what, flag in (
                ("intoxicated", risk.intoxicated),
                ("to have swallowed drugs", risk.swallowed_drugs),
            )
            if flag
        )
        message = (
            f"Risk assessment {day_clock(risk.at)} found the detainee {found}, but no "
            f"observation level of 2 or above was set within {duration(LEVEL_SLA)}"
        )
        events = [risk.id]
        later = next((lv for lv in levels[stop:] if lv.level >= 2), None)
        if later is not None:
            message += (
                f"; level {later.level} set {clock_after(later.at, risk.at)} "
                f"({duration(later.at - risk.at)} after)"
            )
            events.append(later.id)
        ctx.report.finding("APP-OBS-2", at=risk.at, due=deadline, message=message, events=events)


# Meals (PACE-COND-5)


def _meals(ctx: Context) -> None:
    tl = ctx.tl
    da = tl.da
    windows = (tl.end - da.at) // WINDOW if da is not None else 0
    if da is None or windows <= 0:
        return
    meals = sorted(tl.of(m.MealOffered), key=lambda ev: (ev.at, ev.id))
    times = [ev.at for ev in meals]
    for k in range(windows):
        start, stop = da.at + k * WINDOW, da.at + (k + 1) * WINDOW
        offered = meals[bisect_left(times, start) : bisect_left(times, stop)]
        light = sum(ev.kind == "light" for ev in offered)
        main = len(offered) - light
        if light >= 2 and main >= 1:
            continue
        what = (
            f"{_count(light, 'light meal')} and {_count(main, 'main meal')}"
            if light or main
            else "no meal"
        )
        ctx.report.finding(
            "PACE-COND-5",
            at=stop,
            due=stop,
            message=f"In the 24 h to {day_clock(stop)} the detainee was offered {what}; "
            "at least 2 light meals and 1 main meal are needed",
            events=[da.id] + [ev.id for ev in offered],
        )


def _count(n: int, noun: str) -> str:
    return f"no {noun}" if n == 0 else f"{n} {noun}" + ("s" if n > 1 else "")


# Rest (PACE-REST-1)


class _Block(NamedTuple):
    """Interruptions that overlap or touch, merged: rest cannot run through any of it."""

    start: dt.datetime
    end: dt.datetime
    ids: list[str]


def _rest(ctx: Context) -> None:
    tl, clock = ctx.tl, ctx.clock
    anchor: m.EventBase | None = tl.first_arrived
    if clock is not None and isinstance(clock.relevant_event, m.Arrested):
        anchor = clock.relevant_event
    windows = (tl.end - anchor.at) // WINDOW if anchor is not None else 0
    if anchor is None or windows <= 0:
        return
    blocks = _interruptions(tl)
    ends = [b.end for b in blocks]
    for k in range(windows):
        start, stop = anchor.at + k * WINDOW, anchor.at + (k + 1) * WINDOW
        longest, cursor, ids = dt.timedelta(0), start, []
        for block in blocks[bisect_right(ends, start) :]:
            if block.start >= stop:
                break
            longest = max(longest, block.start - cursor)
            cursor = max(cursor, block.end)
            ids.extend(block.ids)
        longest = max(longest, stop - cursor)
        if longest >= MIN_REST:
            continue
        ctx.report.finding(
            "PACE-REST-1",
            at=stop,
            due=stop,
            message=f"In the 24 h to {day_clock(stop)} the longest rest free of interruption "
            f"was {duration(longest)}; at least {duration(MIN_REST)} is needed",
            events=[anchor.id, *dict.fromkeys(ids)],
        )


def _interruptions(tl: Timeline) -> list[_Block]:
    """Interviews and code (a) interruptions; rest is joined across codes (b) and (c)."""
    raw = [(iv.start, iv.end, iv.start_id or "") for iv in tl.interviews]
    raw += [(ev.at, ev.at, ev.id) for ev in tl.of(m.RestInterrupted) if ev.code == "a"]
    blocks: list[_Block] = []
    for start, end, event_id in sorted(raw):
        if blocks and start <= blocks[-1].end:
            last = blocks[-1]
            last.ids.append(event_id)
            if end > last.end:
                blocks[-1] = last._replace(end=end)
        else:
            blocks.append(_Block(start, end, [event_id]))
    return blocks
