"""Officers' reports: what each officer owes, drafts, submission, and edits with a reason.

The only way reports are written. Validation is :func:`bridewell.force.report.problems`: a draft
may be incomplete but never contradictory; a submission must be complete. Each submission and
each later edit is kept as a :class:`ReportRevision`, so a submitted account can be changed only
in the open, with a reason, and every version stays readable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet

from bridewell.custody.models import CustodyRecord
from bridewell.force import report
from bridewell.force.models import Incident, Involvement, Report, ReportRevision
from bridewell.force.report import ReportData, ReportInvalid


class NotYours(Exception):
    """Only the officer who used force writes or edits their report."""


def staff_id(user: User) -> str:
    try:
        return user.staff.staff_id
    except User.staff.RelatedObjectDoesNotExist:
        raise NotYours("this account has no staff number") from None


@dataclass(frozen=True)
class Owed:
    """A custody use of force naming the officer, and their report so far (if started)."""

    involvement: Involvement
    draft: Report | None

    @property
    def incident(self) -> Incident:
        return self.involvement.incident


def owed(user: User) -> list[Owed]:
    """Every custody force event naming ``user`` for which they have not submitted a report,
    oldest first (the longest overdue at the top)."""
    me = staff_id(user)
    submitted = Report.objects.filter(staff_id=me, status=Report.SUBMITTED).values("incident")
    involvements = (
        Involvement.objects.filter(staff_id=me)
        .exclude(incident__in=submitted)
        .select_related("incident__record", "incident__suite")
        .order_by("incident__occurred_at", "pk")
    )
    drafts = {r.incident_id: r for r in Report.objects.filter(staff_id=me, status=Report.DRAFT)}
    return [Owed(i, drafts.get(i.incident_id)) for i in involvements]


def mine(user: User) -> QuerySet[Report]:
    return Report.objects.filter(officer=user).select_related("incident", "incident__record")


def start(user: User, incident: Incident, now: dt.datetime) -> Report:
    """The officer's draft for ``incident``, created from what the custody record already says."""
    me = staff_id(user)
    existing = Report.objects.filter(incident=incident, staff_id=me).first()
    if existing:
        return existing
    if incident.event_id is not None and not incident.involvements.filter(staff_id=me).exists():
        raise NotYours("the custody record does not name you for this use of force")
    return _create(user, me, incident, _from_record(incident), now)


def start_unlinked(
    user: User, occurred_at: dt.datetime, now: dt.datetime, record: CustodyRecord | None = None
) -> Report:
    """A report of force the custody record does not show (on the street, or missing from it).

    It opens an incident of its own; other officers join it by its reference."""
    me = staff_id(user)
    day = occurred_at.strftime("%Y%m%d")
    taken = Incident.objects.filter(incident_ref__startswith=f"UOF-{me}-{day}-").count()
    incident = Incident.objects.create(
        incident_ref=f"UOF-{me}-{day}-{taken + 1}",
        occurred_at=occurred_at,
        record=record,
        suite_id=record.suite_id if record else None,
        person_id=record.person_id if record else None,
    )
    return _create(user, me, incident, ReportData(occurred_at=occurred_at), now)


def join(user: User, incident_ref: str, now: dt.datetime) -> Report:
    """Report on an incident another officer opened (by its reference)."""
    incident = Incident.objects.filter(incident_ref=incident_ref.strip()).first()
    if incident is None:
        raise ReportInvalid(
            [report.Problem("incident_ref", "There is no incident with that reference")]
        )
    return start(user, incident, now)


def _from_record(incident: Incident) -> ReportData:
    data = ReportData(occurred_at=incident.occurred_at)
    if incident.in_custody:
        data.locations = ["custody_block"]
        data.tactics = list(incident.tactics)
        data.supervising_officer = incident.supervising_officer
        data.juvenile = incident.record.juvenile if incident.record else None
    return data


def _create(user: User, me: str, incident: Incident, data: ReportData, now: dt.datetime) -> Report:
    return Report.objects.create(
        report_ref=f"{incident.incident_ref}-{me}",
        incident=incident,
        officer=user,
        staff_id=me,
        created=now,
        **_columns(data),
    )


def _columns(data: ReportData) -> dict[str, object]:
    return {
        "data": report.encode(data),
        "occurred_at": data.occurred_at,
        "in_custody_block": data.in_custody,
        "restraint_started_at": data.restraint_started_at,
        "restraint_ended_at": data.restraint_ended_at,
    }


def _check(target: Report, user: User) -> None:
    if target.officer_id != user.pk:
        raise NotYours("only the officer who used force writes their report")


def save_draft(target: Report, user: User, data: ReportData, now: dt.datetime) -> None:
    """Keep answers so far. Refused if they contradict each other, or the report is submitted."""
    _check(target, user)
    if target.submitted:
        raise ReportInvalid([report.Problem("report", "This report is submitted: edit it instead")])
    _raise(report.problems(data, submitting=False, now=now))
    for name, value in _columns(data).items():
        setattr(target, name, value)
    target.save()


def submit(target: Report, user: User, now: dt.datetime) -> None:
    """Submit a complete draft; its answers become version 1."""
    _check(target, user)
    data = target.answers
    _raise(report.problems(data, submitting=True, now=now))
    with transaction.atomic():
        target.status = Report.SUBMITTED
        target.submitted_at = now
        _revise(target, user, data, now, reason="")


def edit(target: Report, user: User, data: ReportData, reason: str, now: dt.datetime) -> None:
    """Change a submitted report: complete answers and a reason, kept as a new version."""
    _check(target, user)
    problems = report.problems(data, submitting=True, now=now)
    if not reason.strip():
        problems.append(report.Problem("reason", "Explain why you are changing a submitted report"))
    if data == target.answers:
        problems.append(report.Problem("report", "Nothing has changed"))
    _raise(problems)
    with transaction.atomic():
        for name, value in _columns(data).items():
            setattr(target, name, value)
        _revise(target, user, data, now, reason=reason.strip())


def _revise(target: Report, user: User, data: ReportData, now: dt.datetime, reason: str) -> None:
    target.version += 1
    target.save()
    ReportRevision.objects.create(
        report=target,
        version=target.version,
        data=report.encode(data),
        by=user,
        at=now,
        reason=reason,
    )


def _raise(problems: list[report.Problem]) -> None:
    if problems:
        raise ReportInvalid(problems)
