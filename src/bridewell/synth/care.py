"""Care in the cell: visits and rousing, s.136 welfare checks, meals and drinks.

Clean schedules keep a safety margin under every limit of rules-v1: hourly visits every
40-55 minutes, roused visits every 20-28, welfare checks every 15-28. A visit is made just
before the detainee leaves the cell (interview, hospital) or goes on constant observation, and
just after they come back, so the schedule is clean however a reader restarts the timer.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from typing import Final

from bridewell.rules import model as m
from bridewell.synth.episode import Episode, State
from bridewell.synth.timing import DAY, HOUR, MINUTE, at_local, local, minutes

# Staff cadence in minutes by state; Code C Note 9B: children are visited more often.
GAPS: Final[dict[State, tuple[int, int]]] = {
    "hourly": (40, 55),
    "frequent": (20, 35),
    "roused": (20, 28),
}
CHILD_HOURLY: Final = (30, 50)
LOOK_AHEAD: Final = 55 * MINUTE
# Product assumption: local meal times (start minute, spread in minutes, kind).
MEALS: Final = ((7 * 60 + 30, 60, "light"), (12 * 60, 75, "main"), (17 * 60, 90, "light"))
MEAL_ACCEPTED: Final = 0.85
VISIT_NOTES: Final = (
    "Asleep, breathing observed",
    "Awake, no concerns",
    "Requested a drink, provided",
    "Lying on bench, responded to name",
    "Pacing cell, spoken to",
)


class States:
    """A step function of care states over time."""

    def __init__(self, changes: list[tuple[dt.datetime, State]]) -> None:
        ordered = sorted(changes, key=lambda c: c[0])
        self.times = [t for t, _ in ordered]
        self.states = [s for _, s in ordered]
        self.seen = set(self.states)

    def at(self, t: dt.datetime) -> State:
        i = bisect.bisect_right(self.times, t) - 1
        return self.states[i] if i >= 0 else "hourly"

    def _span(self, after: dt.datetime, until: dt.datetime) -> range:
        """Indices of the changes in ``(after, until]``."""
        return range(bisect.bisect_right(self.times, after), bisect.bisect_right(self.times, until))

    def changed(self, after: dt.datetime, until: dt.datetime) -> bool:
        return bool(self._span(after, until))

    def first(self, state: State, after: dt.datetime, until: dt.datetime) -> dt.datetime | None:
        """The first change to ``state`` in ``(after, until]``."""
        if state not in self.seen:
            return None
        for i in self._span(after, until):
            if self.states[i] == state:
                return self.times[i]
        return None

    def resume(self, t: dt.datetime) -> dt.datetime | None:
        """When constant observation in force at ``t`` ends."""
        for i in range(bisect.bisect_right(self.times, t), len(self.times)):
            if self.states[i] != "constant":
                return self.times[i]
        return None


def visits(ep: Episode, start: dt.datetime) -> None:
    """Cell visits from ``start`` to the end, with at most one planted lapse (``knobs.visits``)."""
    rng, end = ep.rng, ep.end
    rule, staff = States(ep.states(staff=False)), States(ep.states(staff=True))
    absences = sorted(ep.absences)
    lapse = ep.knobs.visits if ep.knobs.visits != "intox_level1" else None
    lapse_after = rng.randint(0, 3)
    made = 0
    last, last_is_visit = start, False

    def visit(t: dt.datetime, roused: bool | None) -> None:
        """A visit, roused when the staff think rousing is required (unless told)."""
        roused = staff.at(t) == "roused" if roused is None else roused
        fields: dict[str, object] = {"by": ep.roster.detention_officer(rng, t)}
        if roused:
            fields.update(roused=True, response="responded")
        if rng.random() < 0.15:
            fields["note"] = rng.choice(VISIT_NOTES)
        ep.add(t, m.CellVisit, **fields)

    ai = 0  # the first absence that has not ended by ``last``
    while last < end:
        while ai < len(absences) and absences[ai][1] <= last:
            ai += 1
        if ai < len(absences) and absences[ai][0] <= last:  # constant observation ended out
            last, last_is_visit = absences[ai][1], False
            continue
        state = staff.at(last)
        if state == "constant":
            resumed = staff.resume(last)
            if resumed is None or resumed >= end:
                return
            last, last_is_visit = resumed, False
            t = resumed + minutes(rng, 2, 8)
            if t < end and not ep.absent(t):
                visit(t, None)
                last, last_is_visit = t, True
            continue
        gap = _gap(ep, staff, state, last)
        candidate = last + gap
        stop = _interruption(staff, absences[ai : ai + 1], last, candidate)
        if stop is not None and stop[0] < end:
            at, back = stop
            if at - last > 10 * MINUTE:
                visit(at - minutes(rng, 1, 4), None)
            if back is None:  # constant observation starts
                last, last_is_visit = at, False
                continue
            last, last_is_visit = back, False
            if back < end and staff.at(back) != "constant":
                t = back + minutes(rng, 2, 8)
                if t < end:
                    visit(t, None)
                    last, last_is_visit = t, True
            continue
        if lapse is not None and made >= lapse_after and last_is_visit:
            planted = _lapse(ep, lapse, rule, staff, absences, last, visit)
            if planted is not None:
                lapse = None
                last, made = planted, made + 1
                continue
        if candidate >= end:
            return
        visit(candidate, None)
        last, last_is_visit, made = candidate, True, made + 1


def _gap(ep: Episode, staff: States, state: State, last: dt.datetime) -> dt.timedelta:
    """Roused cadence when rousing is or soon will be required, else the state's own."""
    if state == "roused" or staff.first("roused", last, last + LOOK_AHEAD) is not None:
        low, high = GAPS["roused"]
    elif state == "hourly" and ep.juvenile:
        low, high = CHILD_HOURLY
    else:
        low, high = GAPS[state]
    return minutes(ep.rng, low, high)


def _interruption(
    staff: States,
    absences: list[tuple[dt.datetime, dt.datetime]],
    last: dt.datetime,
    candidate: dt.datetime,
) -> tuple[dt.datetime, dt.datetime | None] | None:
    """The first absence (start, end) or constant observation (start, None) in the gap."""
    found: tuple[dt.datetime, dt.datetime | None] | None = None
    for a, b in absences:
        if last < a <= candidate:
            found = (a, b)
            break
    constant = staff.first("constant", last, candidate)
    if constant is not None and (found is None or constant < found[0]):
        found = (constant, None)
    return found


def _lapse(
    ep: Episode,
    kind: str,
    rule: States,
    staff: States,
    absences: list[tuple[dt.datetime, dt.datetime]],
    last: dt.datetime,
    visit: Callable[[dt.datetime, bool | None], None],
) -> dt.datetime | None:
    """Plant one lapse after the visit at ``last`` if the next stretch is quiet enough.

    Returns the time of the late visit (or None when this stretch cannot hold the lapse). The
    stretch must have no change of care state and no absence, so the due time is exactly the
    last visit plus 60 (or 30) minutes and the timer restarts at the late visit.
    """
    rng, end = ep.rng, ep.end
    state = rule.at(last)
    if kind == "hourly":
        span = 60 + rng.randint(8, 75)
        ok = state in ("hourly", "frequent") and staff.at(last) == state
    else:
        span = 30 + rng.randint(8, 40) if kind == "roused" else 56
        ok = state == "roused" and staff.at(last) == "roused"
    until = last + span * MINUTE
    if (
        not ok
        or until >= end - 10 * MINUTE
        or rule.changed(last, until)
        or staff.changed(last, until)
        or any(last < a <= until for a, _ in absences)
    ):
        return None
    if kind == "hourly":
        ep.plant("PACE-CARE-1", last + HOUR, last + HOUR)
        visit(until, None)
        return until
    ep.plant("PACE-CARE-2", last + 30 * MINUTE, last + 30 * MINUTE)
    if kind == "roused":
        visit(until, None)
        return until
    first = last + minutes(rng, 20, 28)
    visit(first, False)  # looked through the hatch but did not rouse: it does not count
    second = first + minutes(rng, 20, 28)
    visit(second, None)
    return second


def welfare_checks(ep: Episode, start: dt.datetime) -> None:
    """Health care checks at least every 30 minutes at a place of safety (Regs 2017 reg 4)."""
    rng, end = ep.rng, ep.end
    gap_at = rng.randint(2, 8) if ep.knobs.welfare_gap else -1
    t, n = start + minutes(rng, 5, 25), 0
    while t < end:
        ep.add(t, m.HcpWelfareCheck, by=ep.roster.hcp(rng, t))
        n += 1
        gap = minutes(rng, 15, 28)
        if n == gap_at:
            long_gap = minutes(rng, 38, 90)
            if t + long_gap < end - 10 * MINUTE:
                ep.plant("MHA-136-5", t + 30 * MINUTE, t + 30 * MINUTE)
                gap = long_gap
        t += gap


def meals(ep: Episode, start: dt.datetime) -> None:
    """Meals at local meal times, topped up so every complete 24 hours has 2 light + 1 main."""
    rng, end = ep.rng, ep.end
    offered: list[tuple[dt.datetime, str]] = []

    def offer(t: dt.datetime, kind: str) -> None:
        by = ep.roster.detention_officer(rng, t)
        ep.add(t, m.MealOffered, by=by, kind=kind, accepted=rng.random() < MEAL_ACCEPTED)
        ep.add(t, m.DrinkOffered, by=by, accepted=True)
        offered.append((t, kind))

    first = start + minutes(rng, 20, 90)
    if first < end:
        ep.add(first, m.DrinkOffered, by=ep.roster.detention_officer(rng, first), accepted=True)
    day = local(start).date() - DAY
    while at_local(day, 0) < end:
        for minute, spread, kind in MEALS:
            m0 = minute + rng.randint(0, spread)
            t = at_local(day, m0 // 60, m0 % 60)
            for a, b in ep.absences:
                if a <= t < b:
                    t = b + minutes(rng, 5, 20)
            if start + 30 * MINUTE < t < end - 10 * MINUTE:
                offer(t, kind)
        day += DAY
    window = start
    while window + DAY <= end:
        inside = [k for t, k in offered if window <= t < window + DAY]
        for kind, needed in (("light", 2), ("main", 1)):
            for _ in range(needed - inside.count(kind)):
                offer(window + minutes(rng, 60, 23 * 60), kind)
        window += DAY
