"""The incident register: candidates found, confirmed or rejected, reviewed, referred, closed.

Each function checks what its step needs and raises ``Refused`` (with words for the screen)
otherwise. A death or serious injury after contact with the police must be referred to the IOPC
(Police Reform Act 2002 Sch 3; IOPC statutory guidance): such an incident cannot be recorded as
not referred, and cannot be closed without a referral on record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet

from bridewell.accounts import access
from bridewell.custody.models import CustodyRecord
from bridewell.insights.sources import from_database
from bridewell.learning import evidence
from bridewell.learning.candidates import Candidate, propose
from bridewell.learning.evidence import Refused
from bridewell.learning.models import Evidence, Incident, LearningAction, Referral

MUST_REFER = frozenset({"death_or_serious_injury"})
"""Kinds the IOPC must be told of: deaths and serious injuries after contact."""

Status = Incident.Status


def review_days() -> int:
    """Days after an incident within which it is reviewed: a local choice, not a national one."""
    return int(getattr(settings, "BRIDEWELL_INCIDENT_REVIEW_DAYS", 7))


def visible(user: User) -> QuerySet[Incident]:
    return Incident.objects.filter(suite__in=access.suites(user)).select_related("suite", "record")


@dataclass(frozen=True)
class Found:
    proposed: int
    already_known: int


def store_candidates(candidates: Iterable[Candidate], now: dt.datetime) -> Found:
    """Add the candidates not already in the register (by key); one already there, whatever its
    status, is left alone, so a rejected candidate stays rejected."""
    wanted = list(candidates)
    known = set(
        Incident.objects.filter(key__in=[c.key for c in wanted]).values_list("key", flat=True)
    )
    fresh = [c for c in wanted if c.key not in known]
    records = CustodyRecord.objects.in_bulk({c.record_id for c in fresh}, field_name="record_id")
    added = 0
    for c in fresh:
        stored = records.get(c.record_id)
        if stored is None or c.key in known:
            continue
        Incident.objects.create(
            record=stored,
            suite_id=stored.suite_id,
            kind=c.kind,
            occurred_at=c.at,
            summary=c.summary,
            event_ids=list(c.event_ids),
            status=Status.CANDIDATE,
            rule=c.rule,
            key=c.key,
            recorded_at=now,
        )
        known.add(c.key)
        added += 1
    return Found(added, len(wanted) - added)


def find_candidates(now: dt.datetime, since: dt.datetime | None = None) -> Found:
    """Propose incidents from every stored custody record (those from ``since`` on, reading
    only the records open at some time since then)."""
    found: list[Candidate] = []
    for item in from_database(open_since=since):
        if item.record is not None:
            found.extend(c for c in propose(item.record, now) if since is None or c.at >= since)
    return store_candidates(found, now)


def record(
    *,
    custody_record: CustodyRecord,
    kind: str,
    occurred_at: dt.datetime,
    summary: str,
    event_ids: list[str],
    by: User,
    now: dt.datetime,
) -> Incident:
    """An incident a person records themselves: confirmed as they record it."""
    return Incident.objects.create(
        record=custody_record,
        suite_id=custody_record.suite_id,
        kind=kind,
        occurred_at=occurred_at,
        summary=summary,
        event_ids=event_ids,
        status=Status.CONFIRMED,
        recorded_at=now,
        recorded_by=by,
        decided_at=now,
        decided_by=by,
    )


def confirm(incident: Incident, *, kind: str, summary: str, by: User, now: dt.datetime) -> None:
    if incident.status != Status.CANDIDATE:
        raise Refused("Only a candidate can be confirmed")
    incident.status, incident.kind, incident.summary = Status.CONFIRMED, kind, summary
    incident.decided_at, incident.decided_by = now, by
    incident.save()


def reject(incident: Incident, *, reason: str, by: User, now: dt.datetime) -> None:
    if incident.status != Status.CANDIDATE:
        raise Refused("Only a candidate can be rejected")
    if not reason.strip():
        raise Refused("Enter why this is not an incident")
    incident.status, incident.rejection_reason = Status.REJECTED, reason.strip()
    incident.decided_at, incident.decided_by = now, by
    incident.save()


def review(incident: Incident, *, findings: str, by: User, now: dt.datetime) -> None:
    if incident.status != Status.CONFIRMED:
        raise Refused("Confirm the incident before reviewing it")
    if not findings.strip():
        raise Refused("Enter the findings of the review")
    incident.status, incident.findings = Status.REVIEWED, findings.strip()
    incident.reviewed_at, incident.reviewed_by = now, by
    incident.save()


def refer(
    incident: Incident,
    *,
    referred: bool,
    by: User,
    now: dt.datetime,
    referred_on: dt.date | None = None,
    reference: str = "",
    mode: str = "",
    reason: str = "",
) -> None:
    """Record whether the IOPC was told, and what it decided or why it was not told."""
    if incident.status in (Status.CANDIDATE, Status.REJECTED, Status.CLOSED):
        raise Refused("A referral is recorded for a confirmed incident that is not closed")
    if referred:
        if referred_on is None:
            raise Refused("Enter the date of the referral")
        if not mode:
            raise Refused("Select the IOPC's decision on the mode of investigation")
        reason = ""
    else:
        if incident.kind in MUST_REFER:
            raise Refused("A death or serious injury after contact must be referred to the IOPC")
        if not reason.strip():
            raise Refused("Enter why the incident was not referred")
        referred_on, reference, mode = None, "", ""
    Referral.objects.create(
        incident=incident,
        at=now,
        by=by,
        referred=referred,
        referred_on=referred_on,
        iopc_reference=reference.strip(),
        iopc_mode=mode,
        reason=reason.strip(),
    )


def closing_problems(incident: Incident) -> list[str]:
    """Why the incident cannot be closed yet; empty when it can."""
    problems = []
    if incident.status != Status.REVIEWED:
        problems.append("Review the incident before closing it")
    if incident.kind in MUST_REFER and incident.referred is not True:
        problems.append("Record the referral to the IOPC before closing a death or serious injury")
    if incident.actions.exclude(status=LearningAction.Status.DONE).exists():
        problems.append("Close its learning actions first")
    return problems


def close(incident: Incident, *, by: User, now: dt.datetime) -> None:
    problems = closing_problems(incident)
    if problems:
        raise Refused(problems[0])
    incident.status, incident.closed_at, incident.closed_by = Status.CLOSED, now, by
    incident.save()


# Learning actions


def add_action(
    incident: Incident, *, description: str, owner: User, due: dt.date, by: User, now: dt.datetime
) -> LearningAction:
    if incident.status in (Status.CANDIDATE, Status.REJECTED, Status.CLOSED):
        raise Refused("Learning actions are added to a confirmed incident that is not closed")
    return LearningAction.objects.create(
        incident=incident,
        description=description.strip(),
        owner=owner,
        due=due,
        created_at=now,
        created_by=by,
    )


def start_action(action: LearningAction) -> None:
    if action.status != LearningAction.Status.OPEN:
        raise Refused("Only an open action can be started")
    action.status = LearningAction.Status.IN_PROGRESS
    action.save()


def add_action_evidence(
    action: LearningAction, *, by: User, now: dt.datetime, **link: Any
) -> Evidence:
    if action.status == LearningAction.Status.DONE:
        raise Refused("This action is closed")
    return evidence.add(action, by=by, now=now, **link)


@transaction.atomic
def close_action(action: LearningAction, *, note: str, by: User, now: dt.datetime) -> None:
    """Done, with a note of what was done and at least one evidence link."""
    if action.status == LearningAction.Status.DONE:
        raise Refused("This action is already closed")
    if not note.strip():
        raise Refused("Enter what was done")
    if not action.evidence.exists():
        raise Refused("Add at least one evidence link before closing the action")
    action.status, action.closure_note = LearningAction.Status.DONE, note.strip()
    action.closed_at, action.closed_by = now, by
    action.save()
