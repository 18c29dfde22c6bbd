"""Reminders to officers whose use-of-force reports are overdue, and who cannot be reminded.

An officer named in a custody ``force_used`` event owes a report; it is overdue once
``BRIDEWELL_FORCE_REPORT_DUE_HOURS`` (24 by default) have passed since the force was used. Each
officer with an account and an email address gets one email listing every report they owe;
the others (no account for the staff number the custody record gives, a closed account, no
address) are listed so that a custody manager can chase them, since a missing reminder must
not become a missing report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db.models import Exists, OuterRef

from bridewell.accounts.models import StaffProfile
from bridewell.force.models import Incident, Involvement, Report
from bridewell.rules import localtime

DEFAULT_DUE_HOURS = 24


def due_hours() -> int:
    """Hours after force is used by which each officer's report is due."""
    return int(getattr(settings, "BRIDEWELL_FORCE_REPORT_DUE_HOURS", DEFAULT_DUE_HOURS))


def due_at(occurred_at: dt.datetime) -> dt.datetime:
    return occurred_at + dt.timedelta(hours=due_hours())


@dataclass(frozen=True)
class Overdue:
    """One report an officer owes and has not submitted in time."""

    incident: Incident
    drafted: bool

    @property
    def due_at(self) -> dt.datetime:
        return due_at(self.incident.occurred_at)


@dataclass(frozen=True)
class Officer:
    """An officer who owes overdue reports, and their account if the staff number has one."""

    staff_id: str
    user: User | None
    overdue: tuple[Overdue, ...]

    @property
    def why_not(self) -> str:
        """Why this officer cannot be emailed; empty when they can."""
        if self.user is None:
            return "no account for this staff number"
        if not self.user.is_active:
            return "account closed"
        if not self.user.email:
            return "no email address"
        return ""

    @property
    def name(self) -> str:
        return (self.user.get_full_name() or self.user.username) if self.user else self.staff_id


def overdue(now: dt.datetime) -> list[Officer]:
    """Every officer with a report overdue at ``now``, by staff number; oldest report first."""
    submitted = Report.objects.filter(
        incident=OuterRef("incident"), staff_id=OuterRef("staff_id"), status=Report.SUBMITTED
    )
    owed = list(
        Involvement.objects.filter(
            ~Exists(submitted), incident__occurred_at__lte=now - dt.timedelta(hours=due_hours())
        )
        .select_related("incident__suite", "incident__record")
        .order_by("staff_id", "incident__occurred_at", "pk")
    )
    staff = {i.staff_id for i in owed}
    drafts = set(
        Report.objects.filter(staff_id__in=staff, status=Report.DRAFT).values_list(
            "incident_id", "staff_id"
        )
    )
    users = {
        p.staff_id: p.user
        for p in StaffProfile.objects.filter(staff_id__in=staff).select_related("user")
    }
    return [
        Officer(
            staff_id,
            users.get(staff_id),
            tuple(Overdue(i.incident, (i.incident_id, staff_id) in drafts) for i in group),
        )
        for staff_id, group in groupby(owed, key=lambda i: i.staff_id)
    ]


def describe(item: Overdue, now: dt.datetime) -> str:
    """One overdue report in a line: when and where, and how late."""
    incident = item.incident
    where = f" at {incident.suite.name}" if incident.suite else ""
    record = f", custody record {incident.record.record_id}" if incident.record else ""
    draft = " You have started a draft." if item.drafted else ""
    return (
        f"{localtime.full(incident.occurred_at)}{where}{record} (incident "
        f"{incident.incident_ref}): due {localtime.duration(now - item.due_at)} ago.{draft}"
    )


def message(officer: Officer, now: dt.datetime, link: str = "") -> tuple[str, str]:
    """The reminder's subject and body."""
    count = len(officer.overdue)
    reports = "report" if count == 1 else "reports"
    lines = "\n".join(f"- {describe(item, now)}" for item in officer.overdue)
    where = f"\n\n{link}" if link else ""
    body = (
        f"Dear {officer.name},\n\n"
        f"The custody records name you ({officer.staff_id}) as using force, and Bridewell has no "
        f"submitted report from you for {'it' if count == 1 else 'them'}. A use of force "
        f"report is due within {due_hours()} hours.\n\n"
        f"{lines}\n\n"
        "Please complete your report: sign in to Bridewell and open ‘Your use of force reports’."
        f"{where}\n\n"
        "If a custody record names you by mistake, ask the custody officer to correct it.\n"
    )
    return f"Use of force: {count} {reports} overdue", body


@dataclass(frozen=True)
class Sent:
    reminded: Sequence[Officer]
    not_reminded: Sequence[tuple[Officer, str]]
    """Each officer who could not be emailed, and why."""


def send(now: dt.datetime, link: str = "") -> Sent:
    """Email every officer with overdue reports who can be emailed; list the others."""
    reminded: list[Officer] = []
    not_reminded: list[tuple[Officer, str]] = []
    for officer in overdue(now):
        if officer.why_not:
            not_reminded.append((officer, officer.why_not))
            continue
        assert officer.user is not None
        subject, body = message(officer, now, link)
        try:
            send_mail(subject, body, None, [officer.user.email])
        except OSError as exc:
            not_reminded.append((officer, f"email not sent: {exc}"))
        else:
            reminded.append(officer)
    return Sent(reminded, not_reminded)
