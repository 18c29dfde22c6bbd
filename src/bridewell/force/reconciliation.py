"""Loads the database into :mod:`bridewell.force.reconcile` for a period and suites.

Custody force entries come from the incidents that mirror them (``incidents.sync`` keeps those
up to date with corrections), so reconciliation and the officers' owed lists cannot disagree.
Restraint entries are read through the rules engine's timeline (``records.rules_record``), so a
corrected application or removal counts as corrected, exactly as the custody record page and
the DATA-RESTRAINT-OPEN check see it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from django.db.models import Q, QuerySet

from bridewell.custody import records
from bridewell.custody.models import CustodyRecord, Event, Suite
from bridewell.force import incidents
from bridewell.force.models import Incident, Report
from bridewell.force.reconcile import (
    WINDOW,
    ForceEvent,
    HeldReport,
    IncidentCheck,
    Period,
    Reconciliation,
    Removal,
    Restraint,
    check_incident,
    reconcile,
)
from bridewell.rules import model as m
from bridewell.rules.timeline import Timeline


def run(period: Period, suites: Sequence[Suite], now: dt.datetime) -> Reconciliation:
    """Reconcile ``period`` in ``suites``, as the custody records stand at ``now``."""
    incidents.sync()
    wide = (period.start - WINDOW, period.end + WINDOW)
    scoped = Incident.objects.filter(
        event__isnull=False,
        suite__in=suites,
        occurred_at__gte=period.start,
        occurred_at__lt=period.end,
    )
    scoped_reports = Report.objects.filter(
        Q(incident__suite__in=suites)
        | Q(incident__suite__isnull=True, officer__staff__suites__in=suites),
        status=Report.SUBMITTED,
        occurred_at__gte=period.start,
        occurred_at__lt=period.end,
    )
    people = Q(person__in=scoped.values("person")) | Q(
        person__in=scoped_reports.values("incident__person")
    )
    nearby = Incident.objects.filter(
        people, event__isnull=False, occurred_at__gte=wide[0], occurred_at__lt=wide[1]
    )
    held = Report.objects.filter(
        Q(incident__in=scoped)
        | Q(pk__in=scoped_reports.values("pk"))
        | Q(
            incident__in=Incident.objects.filter(people, event__isnull=True),
            occurred_at__gte=wide[0],
            occurred_at__lt=wide[1],
        )
    )
    applied, removed = restraints(period, suites, now)
    return reconcile(
        period,
        [s.code for s in suites],
        [force_event(i) for i in _with_officers(nearby)],
        [held_report(r) for r in _with_suites(held)],
        applied,
        removed,
    )


def incident_check(incident: Incident) -> IncidentCheck:
    """One incident's officers and the report that answers for each (for its review page)."""
    nearby = Report.objects.none()
    if incident.person_id is not None:
        nearby = Report.objects.filter(
            incident__person_id=incident.person_id,
            incident__event__isnull=True,
            occurred_at__gte=incident.occurred_at - WINDOW,
            occurred_at__lte=incident.occurred_at + WINDOW,
        )
    held = Report.objects.filter(Q(incident=incident) | Q(pk__in=nearby.values("pk")))
    return check_incident(force_event(incident), [held_report(r) for r in _with_suites(held)])


def _with_officers(found: QuerySet[Incident]) -> list[Incident]:
    return list(
        found.select_related("record", "suite", "person").prefetch_related(
            "involvements", "reports"
        )
    )


def _with_suites(found: QuerySet[Report]) -> Iterator[Report]:
    return (
        found.distinct()
        .select_related("incident__suite", "incident__person", "incident__event")
        .prefetch_related("officer__staff__suites")
        .iterator(chunk_size=500)
    )


def force_event(incident: Incident) -> ForceEvent:
    """An incident as the custody entry it mirrors; an incident that officers reported without
    an entry on the record names the officers who reported it."""
    named = [i.staff_id for i in incident.involvements.all()]
    reporting = [r.staff_id for r in incident.reports.all()]
    return ForceEvent(
        incident_ref=incident.incident_ref,
        record_id=incident.record.record_id if incident.record else "",
        suite=incident.suite.code if incident.suite else "",
        person=incident.person.person_id if incident.person else "",
        at=incident.occurred_at,
        officers=tuple(dict.fromkeys([*named, *reporting])),
        forms=tuple((i.staff_id, i.form_ref) for i in incident.involvements.all() if i.form_ref),
    )


def held_report(report: Report) -> HeldReport:
    incident = report.incident
    if incident.suite is not None:
        suites = frozenset({incident.suite.code})
    else:
        suites = frozenset(s.code for s in report.officer.staff.suites.all())
    return HeldReport(
        report_ref=report.report_ref,
        incident_ref=incident.incident_ref,
        staff_id=report.staff_id,
        submitted=report.submitted,
        occurred_at=report.occurred_at,
        person=incident.person.person_id if incident.person else None,
        suites=suites,
        custody_block=report.in_custody_block,
        on_force_event=incident.event_id is not None,
        restraint_started_at=report.restraint_started_at,
        restraint_ended_at=report.restraint_ended_at,
    )


def restraints(
    period: Period, suites: Iterable[Suite], now: dt.datetime
) -> tuple[list[Restraint], list[Removal]]:
    """Restraint applications and removals on every record in ``suites`` with restraint applied
    in ``period`` (as first entered, or as a correction has it)."""
    touched = Event.objects.filter(record__suite__in=suites).filter(
        Q(type="restraint_applied", at__gte=period.start, at__lt=period.end)
        | Q(type="correction", payload__replacement__type="restraint_applied")
    )
    applied: list[Restraint] = []
    removed: list[Removal] = []
    for record in CustodyRecord.objects.filter(pk__in=touched.values("record")).select_related(
        "suite"
    ):
        a, r = record_restraints(record, now)
        applied += a
        removed += r
    return applied, removed


def record_restraints(
    record: CustodyRecord, now: dt.datetime
) -> tuple[list[Restraint], list[Removal]]:
    """One record's restraint entries as they stand at ``now``, corrections applied."""
    tl = Timeline(records.rules_record(record), now)
    code = record.suite.code
    return (
        [
            Restraint(record.record_id, code, e.id, e.kind, e.at, tl.is_open)
            for e in tl.of(m.RestraintApplied)
        ],
        [Removal(record.record_id, e.kind, e.at) for e in tl.of(m.RestraintRemoved)],
    )
