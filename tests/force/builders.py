"""Custody uses of force and officers' reports for the use-of-force tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User

from bridewell.custody import records
from bridewell.custody.models import CustodyRecord, Event
from bridewell.force import incidents, reports
from bridewell.force.models import Incident, Report
from bridewell.force.report import ReportData
from tests import factories as f

SERGEANT = {"id": "S0001", "rank": "sergeant", "role": "custody_officer"}


def force_used(
    record: CustodyRecord,
    officers: Sequence[str],
    *,
    minutes: int = 30,
    tactics: Sequence[str] = ("handcuffing_non_compliant",),
    forms: Sequence[tuple[str, str]] = (),
    booked_at: dt.datetime = f.NOW,
) -> Event:
    """A ``force_used`` event ``minutes`` after the booking in (``booked_at``, by default 20:00
    GMT), recorded by the custody sergeant S0001."""
    at = booked_at + dt.timedelta(minutes=minutes)
    payload = {
        "type": "force_used",
        "at": at.isoformat(),
        "by": SERGEANT,
        "officers": list(officers),
        "tactics": list(tactics),
        "forms": [{"officer": o, "form_ref": ref} for o, ref in forms],
        "reason": ["protect_self"],
    }
    return records.append(record, payload, None, now=at)


def incident_for(event: Event) -> Incident:
    incidents.sync()
    return Incident.objects.get(event=event)


def complete(at: dt.datetime, **changes: Any) -> ReportData:
    """Answers that a custody-block report can be submitted with."""
    answers: dict[str, Any] = {
        "occurred_at": at,
        "tactics": ["handcuffing_non_compliant"],
        "reasons": ["protect_self"],
        "outcomes": ["arrested"],
        "locations": ["custody_block"],
        "subject_age": "18_34",
        "subject_gender": "male",
        "subject_ethnicity": "white",
        "subject_health": "none",
        "officer_injured": "no",
        "officer_assaulted": "no",
        "subject_injured": "no",
        "medical_assistance_offered": True,
        "account": "He lashed out at the booking-in desk; I held his arms and cuffed him.",
        "supervising_officer": "S0001",
        "restraint_started_at": at,
        "restraint_ended_at": at + dt.timedelta(minutes=12),
        "clothing_removed": False,
        "health_check_at": at + dt.timedelta(minutes=40),
        "juvenile": False,
    }
    answers.update(changes)
    return ReportData(**answers)


def submitted(user: User, incident: Incident, now: dt.datetime, **changes: Any) -> Report:
    """``user``'s report on ``incident``, completed and submitted at ``now``."""
    draft = reports.start(user, incident, now)
    reports.save_draft(draft, user, complete(incident.occurred_at, **changes), now)
    reports.submit(draft, user, now)
    return draft
