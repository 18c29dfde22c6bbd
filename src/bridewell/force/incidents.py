"""Incidents: one for each use of force a custody record shows, and those officers report.

The custody app knows nothing of use of force; this module reads its events. :func:`sync` turns
every ``force_used`` event not yet seen into an incident with one involvement per officer named,
and follows corrections of those events (a corrected list of officers changes who owes a report;
a report already written stays). It reads only events stored since its last run, so the screens
and commands that need current incidents call it first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from bridewell.custody.models import Event
from bridewell.force.models import Incident, Involvement, SyncMark


def sync() -> int:
    """Bring incidents up to date with the custody events; how many were created or changed."""
    with transaction.atomic():
        mark, _ = SyncMark.objects.select_for_update().get_or_create(pk=1)
        events = (
            Event.objects.filter(pk__gt=mark.last_event, type__in=("force_used", "correction"))
            .select_related("record")
            .order_by("pk")
        )
        changed = 0
        last = mark.last_event
        for event in events.iterator():
            last = event.pk
            if event.type == "force_used":
                _create(event)
                changed += 1
            elif _follow(event):
                changed += 1
        newest = Event.objects.order_by("-pk").values_list("pk", flat=True).first() or last
        if newest != mark.last_event:
            mark.last_event = newest
            mark.save(update_fields=["last_event"])
    return changed


def _create(event: Event) -> Incident:
    record = event.record
    incident = Incident.objects.create(
        incident_ref=f"UOF-{record.record_id}-{event.seq}",
        suite_id=record.suite_id,
        record=record,
        event=event,
        person_id=record.person_id,
        occurred_at=event.at,
    )
    _involve(incident, event.payload)
    return incident


def _follow(correction: Event) -> bool:
    """Apply a correction of a force event: the replacement says who was involved."""
    replacement = correction.payload["replacement"]
    if replacement.get("type") != "force_used":
        return False
    incident = Incident.objects.filter(
        record_id=correction.record_id, event__event_id=correction.payload["corrects"]
    ).first()
    if incident is None:
        return False
    _involve(incident, replacement)
    return True


def _involve(incident: Incident, payload: dict[str, Any]) -> None:
    """Match the incident to the officers, tactics and supervisor the event records.

    An officer no longer named stops owing a report, unless they have already started one."""
    forms = {f["officer"]: f["form_ref"] for f in payload.get("forms", [])}
    officers = list(dict.fromkeys(payload["officers"]))
    reporting = set(incident.reports.values_list("staff_id", flat=True))
    for gone in incident.involvements.exclude(staff_id__in=officers):
        if gone.staff_id not in reporting:
            gone.delete()
    for officer in officers:
        Involvement.objects.update_or_create(
            incident=incident, staff_id=officer, defaults={"form_ref": forms.get(officer, "")}
        )
    by = payload.get("by") or {}
    incident.tactics = list(payload["tactics"])
    incident.supervising_officer = by.get("id", "") if by.get("role") == "custody_officer" else ""
    incident.occurred_at = dt.datetime.fromisoformat(payload["at"])
    incident.save(update_fields=["tactics", "supervising_officer", "occurred_at"])
