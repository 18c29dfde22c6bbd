"""Custody records and use-of-force reports reconciled both ways (K-UF2, K-UF3), and restraint
left without an end.

Inspectors do this by hand: for each use of force a custody record shows, has every officer it
names reported it? For each report of force in the custody block, does a custody record show
force on that person at about that time? Was the end of every restraint recorded, so that its
duration is known? This module answers from plain values; ``reconciliation`` loads them.

Pure: no Django, no clock. Times are timezone-aware.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, NamedTuple

from bridewell.rules.localtime import LONDON, day_words, month_name

WINDOW: Final = dt.timedelta(hours=2)
"""How far apart a report's time and a custody force entry's may be and still match (K-UF3)."""


def _midnight(day: dt.date) -> dt.datetime:
    """The start of a UK calendar day, in UTC (midnight always exists in Europe/London)."""
    return dt.datetime.combine(day, dt.time(), tzinfo=LONDON).astimezone(dt.UTC)


class Period(NamedTuple):
    """[start, end): whole UK calendar days, held as UTC instants."""

    start: dt.datetime
    end: dt.datetime

    @classmethod
    def days(cls, first: dt.date, after_last: dt.date) -> Period:
        """From the start of ``first`` to the start of ``after_last`` (not included)."""
        if after_last <= first:
            raise ValueError("the period must end after it starts")
        return cls(_midnight(first), _midnight(after_last))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return cls.days(dt.date(year, month, 1), following)

    @classmethod
    def month_of(cls, at: dt.datetime) -> Period:
        """The UK calendar month that ``at`` falls in."""
        local = at.astimezone(LONDON)
        return cls.month(local.year, local.month)

    def __contains__(self, at: object) -> bool:
        return isinstance(at, dt.datetime) and self.start <= at < self.end

    @property
    def first_day(self) -> dt.date:
        return self.start.astimezone(LONDON).date()

    @property
    def last_day(self) -> dt.date:
        return (self.end.astimezone(LONDON) - dt.timedelta(days=1)).date()

    @property
    def label(self) -> str:
        """``November 2026`` for a whole month, else ``3 November 2026 to 9 November 2026``."""
        first, last = self.first_day, self.last_day
        if first.day == 1 and Period.month(first.year, first.month) == self:
            return month_name(first.year, first.month)
        if first == last:
            return day_words(first)
        return f"{day_words(first)} to {day_words(last)}"


class ForceEvent(NamedTuple):
    """A custody record's ``force_used`` entry (as corrected), as its incident mirrors it."""

    incident_ref: str
    record_id: str
    suite: str
    person: str
    at: dt.datetime
    officers: tuple[str, ...]
    forms: tuple[tuple[str, str], ...] = ()
    """(officer, form_ref): forms the custody record says exist outside Bridewell."""


class HeldReport(NamedTuple):
    """A report held in Bridewell, draft or submitted."""

    report_ref: str
    incident_ref: str
    staff_id: str
    submitted: bool
    occurred_at: dt.datetime | None
    person: str | None
    """Its incident's person: known when the incident names a custody record."""
    suites: frozenset[str]
    """Its incident's suite; for an incident without one, the suites its officer works in."""
    custody_block: bool = False
    on_force_event: bool = False
    """Its incident mirrors a custody ``force_used`` entry (started from the record)."""
    restraint_started_at: dt.datetime | None = None
    restraint_ended_at: dt.datetime | None = None


class Restraint(NamedTuple):
    """A ``restraint_applied`` entry of a custody record."""

    record_id: str
    suite: str
    event_id: str
    kind: str
    at: dt.datetime
    in_custody: bool = False
    """The custody record is still open, so the restraint may still be on."""


class Removal(NamedTuple):
    """A ``restraint_removed`` entry of a custody record."""

    record_id: str
    kind: str
    at: dt.datetime


class Status(StrEnum):
    REPORTED = "reported"
    IN_PROGRESS = "in_progress"
    FORM_ELSEWHERE = "form_elsewhere"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: Final[dict[Status, str]] = {
    Status.REPORTED: "Submitted",
    Status.IN_PROGRESS: "Draft only",
    Status.FORM_ELSEWHERE: "Form held elsewhere",
    Status.MISSING: "Missing",
}
OUTSTANDING: Final = frozenset({Status.IN_PROGRESS, Status.MISSING})
"""An officer in these states has no submitted report and no form to point to."""


class OfficerCheck(NamedTuple):
    staff_id: str
    status: Status
    report_ref: str = ""
    form_ref: str = ""
    linked: bool = True
    """The report is on this incident (not one the officer opened separately)."""


class IncidentCheck(NamedTuple):
    event: ForceEvent
    officers: tuple[OfficerCheck, ...]

    @property
    def submitted(self) -> int:
        return sum(o.status is Status.REPORTED for o in self.officers)

    @property
    def complete(self) -> bool:
        """Every officer named has submitted a report in Bridewell (K-UF2)."""
        return all(o.status is Status.REPORTED for o in self.officers)

    @property
    def accounted_for(self) -> bool:
        """Every officer named has submitted a report or has a form held elsewhere."""
        return not any(o.status in OUTSTANDING for o in self.officers)


class Match(NamedTuple):
    """A submitted custody-block report, and the custody force entry nearest in time to it on
    any of its person's custody records (None when there is no such entry within the window)."""

    report: HeldReport
    event: ForceEvent | None
    reason: str = ""

    @property
    def matched(self) -> bool:
        return self.event is not None


NO_RECORD: Final = "no custody record named"
NO_TIME: Final = "no time given"
NO_FORCE: Final = "no use of force on this person's custody records within 2 hours"


def _near(a: dt.datetime, b: dt.datetime) -> bool:
    return abs(a - b) <= WINDOW


def check_incident(event: ForceEvent, reports: Iterable[HeldReport]) -> IncidentCheck:
    """Each officer the entry names, and the report that answers for them.

    A report on the incident answers; failing that, one the officer opened separately (not
    from a custody force entry) on the same person within the window, since the force is the
    same even if the officer did not start from the record. A submitted report outranks a
    draft; a form the record says is held elsewhere comes after any report held here.
    """
    candidates: dict[str, list[HeldReport]] = defaultdict(list)
    for r in reports:
        if r.incident_ref == event.incident_ref:
            candidates[r.staff_id].insert(0, r)
        elif (
            not r.on_force_event
            and r.person == event.person
            and r.occurred_at is not None
            and _near(r.occurred_at, event.at)
        ):
            candidates[r.staff_id].append(r)
    forms = dict(event.forms)
    checks = []
    for officer in dict.fromkeys(event.officers):
        theirs = candidates.get(officer, [])
        best = next((r for r in theirs if r.submitted), theirs[0] if theirs else None)
        form = forms.get(officer, "")
        if best is not None:
            status = Status.REPORTED if best.submitted else Status.IN_PROGRESS
            linked = best.incident_ref == event.incident_ref
            checks.append(OfficerCheck(officer, status, best.report_ref, form, linked))
        else:
            status = Status.FORM_ELSEWHERE if form else Status.MISSING
            checks.append(OfficerCheck(officer, status, form_ref=form))
    return IncidentCheck(event, tuple(checks))


def match(report: HeldReport, events: Iterable[ForceEvent]) -> Match:
    """The custody force entry on the report's person nearest its time, within the window
    (inclusive), on any of that person's custody records in any suite."""
    if report.person is None:
        return Match(report, None, NO_RECORD)
    if report.occurred_at is None:
        return Match(report, None, NO_TIME)
    at = report.occurred_at
    near = [e for e in events if e.person == report.person and _near(e.at, at)]
    if not near:
        return Match(report, None, NO_FORCE)
    return Match(report, min(near, key=lambda e: (abs(e.at - at), e.at)))


def restraint_ends(
    applied: Iterable[Restraint], removed: Iterable[Removal]
) -> list[tuple[Restraint, dt.datetime | None]]:
    """Each restraint with the time it was removed, or None when no removal is recorded.

    Removals pair with the earliest application of the same kind still on, on the same record
    (first in, first out, as the rules engine's DATA-RESTRAINT-OPEN check pairs them); a
    removal at the same instant as an application counts."""
    by_record: dict[str, list[Restraint]] = defaultdict(list)
    for r in applied:
        by_record[r.record_id].append(r)
    removals: dict[str, list[Removal]] = defaultdict(list)
    for removal in removed:
        removals[removal.record_id].append(removal)
    ends: dict[Restraint, dt.datetime] = {}
    for record_id, on_record in by_record.items():
        pending = sorted(on_record, key=lambda r: r.at)
        on: dict[str, deque[Restraint]] = defaultdict(deque)
        i = 0
        for removal in sorted(removals.get(record_id, ()), key=lambda r: r.at):
            while i < len(pending) and pending[i].at <= removal.at:
                on[pending[i].kind].append(pending[i])
                i += 1
            if on[removal.kind]:
                ends[on[removal.kind].popleft()] = removal.at
    everything = sorted((r for rs in by_record.values() for r in rs), key=lambda r: r.at)
    return [(r, ends.get(r)) for r in everything]


@dataclass(frozen=True)
class Reconciliation:
    period: Period
    suites: tuple[str, ...]
    incidents: tuple[IncidentCheck, ...]
    """Every custody force entry in the period and suites, oldest first."""
    custody_reports: tuple[Match, ...]
    """Every submitted report of force in the custody block in the period and suites."""
    open_restraints: tuple[Restraint, ...]
    """Restraint applied in the period with no removal recorded on the custody record."""
    reports_without_restraint_end: tuple[HeldReport, ...]
    """Submitted reports giving a restraint start but no end."""

    @property
    def complete(self) -> int:
        return sum(i.complete for i in self.incidents)

    @property
    def accounted_for(self) -> int:
        return sum(i.accounted_for for i in self.incidents)

    @property
    def with_a_report(self) -> int:
        """Incidents with at least one submitted report (K-UF3 (a))."""
        return sum(i.submitted > 0 for i in self.incidents)

    @property
    def officers(self) -> Counter[Status]:
        return Counter(o.status for i in self.incidents for o in i.officers)

    @property
    def outstanding(self) -> list[tuple[IncidentCheck, OfficerCheck]]:
        """Officers with no submitted report and no form held elsewhere."""
        return [(i, o) for i in self.incidents for o in i.officers if o.status in OUTSTANDING]

    @property
    def forms_elsewhere(self) -> list[tuple[IncidentCheck, OfficerCheck]]:
        return [
            (i, o) for i in self.incidents for o in i.officers if o.status is Status.FORM_ELSEWHERE
        ]

    @property
    def matched(self) -> int:
        return sum(m.matched for m in self.custody_reports)

    @property
    def unmatched(self) -> list[Match]:
        return [m for m in self.custody_reports if not m.matched]

    @property
    def complete_share(self) -> float | None:
        """K-UF2: the share of custody incidents where every officer has a report."""
        return share(self.complete, len(self.incidents))

    @property
    def reported_share(self) -> float | None:
        """K-UF3 (a): the share of custody incidents with a report."""
        return share(self.with_a_report, len(self.incidents))

    @property
    def matched_share(self) -> float | None:
        """K-UF3 (b): the share of custody-block reports matched to a custody record entry."""
        return share(self.matched, len(self.custody_reports))

    @property
    def reconciles(self) -> bool:
        """Nothing to follow up: no officer without a report or a form elsewhere, no custody-block
        report unmatched, no restraint without an end."""
        return not (
            self.outstanding
            or self.unmatched
            or self.open_restraints
            or self.reports_without_restraint_end
        )


def share(part: int, whole: int) -> float | None:
    """``part / whole`` as a percentage; None when there is nothing to divide."""
    return 100 * part / whole if whole else None


def reconcile(
    period: Period,
    suites: Sequence[str],
    events: Iterable[ForceEvent],
    reports: Iterable[HeldReport],
    applied: Iterable[Restraint] = (),
    removed: Iterable[Removal] = (),
) -> Reconciliation:
    """Reconcile the period and suites both ways.

    ``events`` and ``reports`` may hold more than the period and suites (and should: a report
    near the start of the period may match an entry just before it, in another suite, on
    another record of the same person); only those in scope are reconciled."""
    wanted = frozenset(suites)
    events = list(events)
    reports = list(reports)
    in_scope = sorted(
        (e for e in events if e.suite in wanted and e.at in period),
        key=lambda e: (e.at, e.incident_ref),
    )
    scoped_reports = sorted(
        (r for r in reports if r.submitted and r.suites & wanted and r.occurred_at in period),
        key=lambda r: (r.occurred_at or period.start, r.report_ref),
    )
    return Reconciliation(
        period=period,
        suites=tuple(sorted(wanted)),
        incidents=tuple(check_incident(e, reports) for e in in_scope),
        custody_reports=tuple(match(r, events) for r in scoped_reports if r.custody_block),
        open_restraints=tuple(
            r
            for r, end in restraint_ends(applied, removed)
            if end is None and r.suite in wanted and r.at in period
        ),
        reports_without_restraint_end=tuple(
            r for r in scoped_reports if r.restraint_started_at and not r.restraint_ended_at
        ),
    )
