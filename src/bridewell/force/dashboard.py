"""The use-of-force dashboard's figures, read from the database for some suites and a period.

"In custody" means an incident in one of the suites, that is, linked to a custody record (from
its ``force_used`` event, or a report an officer linked to it). An incident belongs to the
period by the time force was used, a detention by the time the detainee arrived. The numbers
are counts only, with no names, since the scrutiny role sees this page too.

Each section is computed on its own (:func:`volume`, :func:`tactics`, :func:`restraints`,
:func:`governance`) so that the chart of one section does not compute the rest. The arithmetic
is :mod:`bridewell.force.stats`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth

from bridewell.custody.models import CustodyRecord, Event, Suite
from bridewell.custody.records import rules_record
from bridewell.force import incidents as incident_sync
from bridewell.force.codes import TACTICS
from bridewell.force.models import Incident, Report, Review
from bridewell.force.report import counted_tactics
from bridewell.force.stats import Proportion, Span, median, per_thousand, percentile, spans
from bridewell.rules import model as m
from bridewell.rules.localtime import LONDON, duration, short_month
from bridewell.rules.timeline import Timeline

REVIEW_DAYS: Final = 7
"""A custody use of force should be reviewed within 7 days (K-UF4; a proposal, unverified)."""

RESTRAINT_KINDS: Final[dict[str, str]] = {
    "handcuffs": "Handcuffs",
    "limb_restraints": "Limb restraints",
    "leg_restraints": "Leg restraints",
    "spit_guard": "Spit and bite guard",
    "other": "Other restraint",
}


@dataclass(frozen=True)
class Scope:
    """What the dashboard shows: incidents in ``suites`` with force used in [start, end)."""

    suites: tuple[Suite, ...]
    start: dt.datetime
    end: dt.datetime
    now: dt.datetime

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every UK calendar month the period touches, in order."""
        first = self.start.astimezone(LONDON)
        last = (self.end - dt.timedelta(microseconds=1)).astimezone(LONDON)
        months = []
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            months.append((year, month))
            year, month = (year, month + 1) if month < 12 else (year + 1, 1)
        return months

    def incidents(self) -> QuerySet[Incident]:
        return Incident.objects.filter(
            suite__in=self.suites, occurred_at__gte=self.start, occurred_at__lt=self.end
        )


def prepare() -> None:
    """Bring incidents up to date with the custody records before anything is counted."""
    incident_sync.sync()


# Volume: by suite and by month, with the rate per 1,000 detentions


@dataclass(frozen=True)
class Row:
    """Uses of force (incidents) against detentions, for a suite or a month."""

    label: str
    incidents: int
    detentions: int
    reports: int = 0

    @property
    def rate(self) -> float | None:
        return per_thousand(self.incidents, self.detentions)


@dataclass(frozen=True)
class Volume:
    suites: list[Row]
    months: list[Row]
    total: Row


def volume(scope: Scope) -> Volume:
    held = scope.incidents()
    detained = CustodyRecord.objects.filter(
        suite__in=scope.suites, arrived_at__gte=scope.start, arrived_at__lt=scope.end
    )
    by_suite = _counts(held.values("suite").annotate(n=Count("pk")), "suite")
    reports = _counts(
        Report.objects.filter(incident__in=held, status=Report.SUBMITTED)
        .values("incident__suite")
        .annotate(n=Count("pk")),
        "incident__suite",
    )
    detentions = _counts(detained.values("suite").annotate(n=Count("pk")), "suite")
    suites = [Row(s.name, by_suite[s.pk], detentions[s.pk], reports[s.pk]) for s in scope.suites]
    month_of = TruncMonth("arrived_at", tzinfo=LONDON)
    detained_by_month = Counter[tuple[int, int]]()
    for item in detained.annotate(month=month_of).values("month").annotate(n=Count("pk")):
        local = item["month"].astimezone(LONDON)
        detained_by_month[(local.year, local.month)] += item["n"]
    held_by_month = Counter[tuple[int, int]]()
    for at in held.values_list("occurred_at", flat=True):
        local = at.astimezone(LONDON)
        held_by_month[(local.year, local.month)] += 1
    months = [
        Row(short_month(*ym), held_by_month[ym], detained_by_month[ym]) for ym in scope.months()
    ]
    total = Row(
        "All suites shown",
        sum(r.incidents for r in suites),
        sum(r.detentions for r in suites),
        sum(r.reports for r in suites),
    )
    return Volume(suites, months, total)


def _counts(rows: Iterable[Mapping[str, Any]], key: str) -> Counter[int]:
    return Counter({row[key]: row["n"] for row in rows})


# Tactics


@dataclass(frozen=True)
class TacticRow:
    code: str
    label: str
    incidents: int
    reports: int


def tactics(scope: Scope) -> list[TacticRow]:
    """Each tactic used in the period: the incidents it was used in (by the custody record's
    event or any officer's submitted report) and the submitted reports that count it (the
    Home Office way). Tactics not used are left out."""
    in_incidents: Counter[str] = Counter()
    in_reports: Counter[str] = Counter()
    held = scope.incidents().prefetch_related(
        Prefetch("reports", queryset=Report.objects.filter(status=Report.SUBMITTED))
    )
    for incident in held:
        used = set(counted_tactics(list(incident.tactics)))
        for report in incident.reports.all():
            theirs = counted_tactics(list(report.answers.tactics))
            in_reports.update(theirs)
            used.update(theirs)
        in_incidents.update(used)
    return [
        TacticRow(code, label, in_incidents[code], in_reports[code])
        for code, label in TACTICS.items()
        if in_incidents[code] or in_reports[code]
    ]


# Restraint durations


@dataclass(frozen=True)
class Durations:
    """How long restraints lasted, in minutes, and how many have no recorded end."""

    label: str
    minutes: list[float]
    unended: int

    @property
    def uses(self) -> int:
        return len(self.minutes) + self.unended

    @property
    def median(self) -> float | None:
        return median(self.minutes)

    @property
    def p90(self) -> float | None:
        return percentile(self.minutes, 90)

    @property
    def median_text(self) -> str:
        return _minutes(self.median)

    @property
    def p90_text(self) -> str:
        return _minutes(self.p90)


def _minutes(value: float | None) -> str:
    """``12 min``, ``1 h 05 min``, to the nearest minute; a dash when there is nothing to show."""
    return "–" if value is None else duration(dt.timedelta(minutes=round(value)))


def restraints(scope: Scope) -> list[Durations]:
    """From officers' submitted reports (restraint start to end, one per report), then from the
    custody records' ``restraint_applied``/``restraint_removed`` events, by kind of restraint
    (K-UF6). Each counts restraints that began in the period."""
    reported = Report.objects.filter(
        status=Report.SUBMITTED,
        incident__suite__in=scope.suites,
        restraint_started_at__gte=scope.start,
        restraint_started_at__lt=scope.end,
    ).values_list("restraint_started_at", "restraint_ended_at")
    from_reports = [Span("report", start, end) for start, end in reported if start is not None]
    rows = [_durations("Officers' reports (each officer's own)", from_reports)]
    from_records = _custody_restraints(scope)
    rows += [
        _durations(f"Custody records: {label}", [s for s in from_records if s.kind == kind])
        for kind, label in RESTRAINT_KINDS.items()
    ]
    return rows


def _durations(label: str, found: Sequence[Span[str]]) -> Durations:
    minutes = [span.minutes for span in found if span.minutes is not None]
    return Durations(label, minutes, len(found) - len(minutes))


def _custody_restraints(scope: Scope) -> list[Span[str]]:
    """Restraints applied in the period, each paired with its removal as the custody rules
    pair them (same kind, first in first out), with corrections applied."""
    kinds = ("restraint_applied", "restraint_removed")
    applied = Event.objects.filter(
        record=OuterRef("pk"), type="restraint_applied", at__gte=scope.start, at__lt=scope.end
    )
    corrected = Event.objects.filter(
        record=OuterRef("pk"), type="correction", payload__replacement__type__in=kinds
    )
    held = (
        CustodyRecord.objects.filter(suite__in=scope.suites)
        .filter(Q(Exists(applied)) | Q(Exists(corrected)))
        .select_related("suite")
        .prefetch_related("offences", Prefetch("events", queryset=Event.objects.order_by("seq")))
    )
    found: list[Span[str]] = []
    for record in held:
        decoded = rules_record(record, [e.payload for e in record.events.all()])
        tl = Timeline(decoded, max(scope.now, scope.end))
        found += spans(
            ((ev.kind, ev.at) for ev in tl.of(m.RestraintApplied)),
            ((ev.kind, ev.at) for ev in tl.of(m.RestraintRemoved)),
        )
    return [s for s in found if scope.start <= s.start < scope.end]


# Governance: forms, reviews and CCTV


@dataclass
class Oversight:
    """Form completeness, review timeliness and CCTV review for a suite (or all shown)."""

    label: str
    incidents: int = 0
    named: int = 0
    """Incidents whose custody record names officers (each owes a report)."""
    complete: int = 0
    """Of those, incidents where every officer named has submitted a report (K-UF2)."""
    officers_named: int = 0
    officers_reported: int = 0
    due: int = 0
    """Incidents reviewed, or unreviewed with their 7 days gone (the rest are not yet due)."""
    on_time: int = 0
    """Incidents reviewed within 7 days of the use of force (K-UF4)."""
    awaiting: int = 0
    overdue: int = 0
    cctv: int = 0
    """Incidents whose CCTV the review says was reviewed (K-UF5)."""
    review_days: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)

    @property
    def forms_complete(self) -> Proportion:
        return Proportion(self.complete, self.named)

    @property
    def officer_forms(self) -> Proportion:
        return Proportion(self.officers_reported, self.officers_named)

    @property
    def reviewed_on_time(self) -> Proportion:
        return Proportion(self.on_time, self.due)

    @property
    def cctv_reviewed(self) -> Proportion:
        return Proportion(self.cctv, self.incidents)

    @property
    def median_review_days(self) -> float | None:
        return median(self.review_days)

    def outcome_counts(self) -> list[tuple[str, int]]:
        return [(label, self.outcomes[code]) for code, label in Review.OUTCOMES.items()]

    def add(self, incident: Incident, now: dt.datetime) -> None:
        self.incidents += 1
        named = {i.staff_id for i in incident.involvements.all()}
        reported = {r.staff_id for r in incident.reports.all()}
        if named:
            self.named += 1
            self.complete += named <= reported
            self.officers_named += len(named)
            self.officers_reported += len(named & reported)
        limit = incident.occurred_at + dt.timedelta(days=REVIEW_DAYS)
        review: Review | None = getattr(incident, "review", None)
        if review is None:
            self.awaiting += 1
            if now > limit:
                self.due += 1
                self.overdue += 1
            return
        self.due += 1
        self.on_time += review.reviewed_at <= limit
        self.review_days.append((review.reviewed_at - incident.occurred_at).total_seconds() / 86400)
        self.cctv += review.cctv_reviewed
        self.outcomes[review.outcome] += 1


@dataclass(frozen=True)
class Governance:
    suites: list[Oversight]
    total: Oversight


def governance(scope: Scope) -> Governance:
    held = (
        scope.incidents()
        .select_related("review")
        .prefetch_related(
            "involvements",
            Prefetch("reports", queryset=Report.objects.filter(status=Report.SUBMITTED)),
        )
    )
    per_suite = {s.pk: Oversight(s.name) for s in scope.suites}
    total = Oversight("All suites shown")
    for incident in held:
        assert incident.suite_id is not None
        per_suite[incident.suite_id].add(incident, scope.now)
        total.add(incident, scope.now)
    return Governance(list(per_suite.values()), total)
