"""The recommendation tracker: every change is written to the history as it is made.

A recommendation (or area for improvement) from an inspection, IOPC learning or an internal
review has an owner, a due date and a status; closing it needs a note and at least one evidence
link. The history (``Update``) is insert-only: it says who changed what, when, and why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet

from bridewell.accounts import access
from bridewell.custody.models import Suite
from bridewell.learning import evidence
from bridewell.learning.evidence import Refused
from bridewell.learning.models import Evidence, Recommendation, Update
from bridewell.rules.localtime import day_words

Status = Recommendation.Status


def visible(user: User) -> QuerySet[Recommendation]:
    """Force-wide recommendations, and those for the user's suites."""
    return Recommendation.objects.filter(
        Q(suite__isnull=True) | Q(suite__in=access.suites(user))
    ).select_related("suite", "owner")


def _who(user: User) -> str:
    return user.get_full_name() or user.username


@transaction.atomic
def create(
    *,
    source_type: str,
    category: str,
    source_reference: str,
    text: str,
    suite: Suite | None,
    owner: User,
    due: dt.date,
    by: User,
    now: dt.datetime,
) -> Recommendation:
    made = Recommendation.objects.create(
        source_type=source_type,
        category=category,
        source_reference=source_reference.strip(),
        text=text.strip(),
        suite=suite,
        owner=owner,
        due=due,
        created_at=now,
        created_by=by,
    )
    Update.objects.create(
        recommendation=made,
        at=now,
        by=by,
        changes=[f"Added, owner {_who(owner)}, due {day_words(due)}"],
    )
    return made


@transaction.atomic
def update(
    rec: Recommendation,
    *,
    by: User,
    now: dt.datetime,
    status: str | None = None,
    owner: User | None = None,
    due: dt.date | None = None,
    note: str = "",
) -> Update:
    """Change the status (not to closed: see ``close``), the owner or the due date, with a note."""
    if rec.status == Status.CLOSED:
        raise Refused("This recommendation is closed")
    if status == Status.CLOSED:
        raise Refused("Close a recommendation with its evidence")
    changes = []
    if status and status != rec.status:
        old = rec.get_status_display()
        rec.status = status
        changes.append(f"Status: {old} to {rec.get_status_display()}")
    if owner is not None and owner.pk != rec.owner_id:
        changes.append(f"Owner: {_who(rec.owner)} to {_who(owner)}")
        rec.owner = owner
    if due is not None and due != rec.due:
        changes.append(f"Due: {day_words(rec.due)} to {day_words(due)}")
        rec.due = due
    if not changes and not note.strip():
        raise Refused("Change something or enter a note")
    rec.save()
    return Update.objects.create(
        recommendation=rec, at=now, by=by, changes=changes, note=note.strip()
    )


@transaction.atomic
def add_evidence(rec: Recommendation, *, by: User, now: dt.datetime, **link: Any) -> Evidence:
    if rec.status == Status.CLOSED:
        raise Refused("This recommendation is closed")
    added = evidence.add(rec, by=by, now=now, **link)
    Update.objects.create(
        recommendation=rec,
        at=now,
        by=by,
        changes=[f"Evidence added: {evidence.describe(added)}"],
    )
    return added


@transaction.atomic
def close(rec: Recommendation, *, note: str, by: User, now: dt.datetime) -> Update:
    if rec.status == Status.CLOSED:
        raise Refused("This recommendation is already closed")
    if not note.strip():
        raise Refused("Enter how the recommendation was met")
    if not rec.evidence.exists():
        raise Refused("Add at least one evidence link before closing the recommendation")
    old = rec.get_status_display()
    rec.status, rec.closed_at, rec.closed_by = Status.CLOSED, now, by
    rec.save()
    return Update.objects.create(
        recommendation=rec,
        at=now,
        by=by,
        changes=[f"Status: {old} to Closed"],
        note=note.strip(),
    )
