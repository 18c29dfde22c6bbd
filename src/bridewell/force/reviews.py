"""Supervisory review of custody uses of force: who may review, nominating a reviewer, recording
the review once, and the queue with its ageing (K-UF4, K-UF5).

An inspector or superintendent of the incident's suite reviews it, or a reviewer a custody
manager nominates (anyone with a staff profile in that suite). Nobody reviews force they used
or supervised. The review looks at the incident whether or not every officer has reported it:
sampling only incidents that already have a form is the gap inspectors found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from bridewell.accounts.access import roles, suites
from bridewell.accounts.models import StaffProfile
from bridewell.accounts.roles import FORCE_REVIEW
from bridewell.custody.models import Event
from bridewell.force.models import Incident, Review
from bridewell.force.report import Problem

REVIEWERS: Final = frozenset({"inspector", "superintendent"})
"""Roles that review the custody uses of force in their suites without being nominated."""
NOMINATORS: Final = frozenset({"custody_manager"})
SERVICE_LEVEL: Final = dt.timedelta(days=7)
"""Reviewed within 7 days of the use of force: a local choice (the research marks the 7-day
service level of K-UF4 as a proposal, not a national standard)."""
RECENT: Final = dt.timedelta(days=30)


class NotAllowed(Exception):
    """The user may not review this incident, or nominate its reviewer."""


class AlreadyReviewed(Exception):
    """A review is recorded once."""


class ReviewInvalid(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems


def visible(user: User | AnonymousUser) -> QuerySet[Incident]:
    """Custody incidents the user may open for review: their suites' if they hold a reviewing
    role, and any nominated to them."""
    scope = Q(reviewer_id=user.pk)
    if roles(user) & FORCE_REVIEW:
        scope |= Q(suite__in=suites(user))
    return Incident.objects.filter(scope, record__isnull=False)


def involved(incident: Incident) -> set[str]:
    """Staff numbers of the officers who used force and the custody officer supervising it."""
    officers = set(incident.involvements.values_list("staff_id", flat=True))
    officers |= set(incident.reports.values_list("staff_id", flat=True))
    if incident.supervising_officer:
        officers.add(incident.supervising_officer)
    return officers


def _staff_id(user: User) -> str:
    try:
        return user.staff.staff_id
    except StaffProfile.DoesNotExist:
        return ""


def _in_suite(user: User, incident: Incident) -> bool:
    return incident.suite_id is not None and suites(user).filter(pk=incident.suite_id).exists()


def why_not_review(user: User, incident: Incident) -> str:
    """Why ``user`` may not review ``incident``, in words; empty when they may."""
    if hasattr(incident, "review"):
        return "This use of force has already been reviewed"
    nominated = incident.reviewer_id == user.pk
    if not nominated and not (roles(user) & REVIEWERS and _in_suite(user, incident)):
        return (
            "Only an inspector or superintendent of the suite, or the reviewer a custody "
            "manager nominates, may review this use of force"
        )
    if _staff_id(user) in involved(incident):
        return "You used or supervised this force, so someone else must review it"
    return ""


def may_review(user: User, incident: Incident) -> bool:
    return not why_not_review(user, incident)


def may_nominate(user: User, incident: Incident) -> bool:
    return bool(roles(user) & NOMINATORS) and _in_suite(user, incident)


def candidates(incident: Incident) -> QuerySet[User]:
    """Who may be nominated: staff of the incident's suite who were not involved."""
    return (
        User.objects.filter(is_active=True, staff__suites=incident.suite_id)
        .exclude(staff__staff_id__in=involved(incident))
        .select_related("staff")
        .order_by("last_name", "first_name", "username")
    )


def nominate(incident: Incident, nominee: User, by: User, now: dt.datetime) -> None:
    """Make ``nominee`` the incident's reviewer (replacing any earlier nomination)."""
    if not may_nominate(by, incident):
        raise NotAllowed("only a custody manager of the suite nominates a reviewer")
    if hasattr(incident, "review"):
        raise AlreadyReviewed("this use of force has already been reviewed")
    if not candidates(incident).filter(pk=nominee.pk).exists():
        raise ReviewInvalid(
            [Problem("reviewer", "Choose a member of the suite's staff who was not involved")]
        )
    incident.reviewer, incident.nominated_by, incident.nominated_at = nominee, by, now
    incident.save(update_fields=["reviewer", "nominated_by", "nominated_at"])


@dataclass(frozen=True)
class Entry:
    """The custody record's ``force_used`` entry as corrected, and the corrections made to it."""

    payload: dict[str, Any]
    corrections: list[Event]


def force_entry(incident: Incident) -> Entry | None:
    """What the custody record now says about the force (None when it has no entry for it)."""
    if incident.event is None:
        return None
    payload, current, corrections = incident.event.payload, incident.event.event_id, []
    for correction in Event.objects.filter(record_id=incident.record_id, type="correction"):
        if correction.payload["corrects"] == current:
            payload = correction.payload["replacement"]
            current = payload["id"]
            corrections.append(correction)
    return Entry(payload, corrections)


@dataclass(frozen=True)
class Answers:
    """What a reviewer records. The CCTV answers that do not apply are dropped when saved."""

    cctv_reviewed: bool | None = None
    cctv_reference: str = ""
    cctv_reviewed_by: str = ""
    """The staff number of who reviewed the CCTV."""
    cctv_reviewed_at: dt.datetime | None = None
    cctv_not_reviewed_reason: str = ""
    outcome: str = ""
    reasons: str = ""


def problems(answers: Answers, incident: Incident, now: dt.datetime) -> list[Problem]:
    found: list[Problem] = []
    if answers.cctv_reviewed is None:
        found.append(Problem("cctv_reviewed", "Select whether the CCTV has been reviewed"))
    elif answers.cctv_reviewed:
        found += _cctv_problems(answers, incident, now)
    elif not answers.cctv_not_reviewed_reason.strip():
        found.append(
            Problem("cctv_not_reviewed_reason", "Explain why the CCTV has not been reviewed")
        )
    if answers.outcome not in Review.OUTCOMES:
        found.append(Problem("outcome", "Select the outcome of the review"))
    if not answers.reasons.strip():
        found.append(Problem("reasons", "Give the reasons for the outcome"))
    return found


def _cctv_problems(answers: Answers, incident: Incident, now: dt.datetime) -> list[Problem]:
    found: list[Problem] = []
    if not answers.cctv_reference.strip():
        found.append(Problem("cctv_reference", "Enter the reference of the CCTV footage"))
    if not answers.cctv_reviewed_by.strip():
        found.append(Problem("cctv_reviewed_by", "Enter the staff number of who reviewed the CCTV"))
    elif reviewer_of_cctv(answers) is None:
        found.append(Problem("cctv_reviewed_by", "There is no member of staff with that number"))
    at = answers.cctv_reviewed_at
    if at is None:
        found.append(Problem("cctv_reviewed_at", "Enter when the CCTV was reviewed"))
    elif at > now:
        found.append(Problem("cctv_reviewed_at", "The CCTV review must be in the past"))
    elif at < incident.occurred_at:
        found.append(Problem("cctv_reviewed_at", "The CCTV review must be after the use of force"))
    return found


def reviewer_of_cctv(answers: Answers) -> User | None:
    return User.objects.filter(staff__staff_id__iexact=answers.cctv_reviewed_by.strip()).first()


def record(incident: Incident, user: User, answers: Answers, now: dt.datetime) -> Review:
    """Record the review of ``incident`` by ``user`` at ``now``; once only."""
    refusal = why_not_review(user, incident)
    if refusal:
        raise AlreadyReviewed(refusal) if hasattr(incident, "review") else NotAllowed(refusal)
    found = problems(answers, incident, now)
    if found:
        raise ReviewInvalid(found)
    cctv = bool(answers.cctv_reviewed)
    try:
        with transaction.atomic():
            return Review.objects.create(
                incident=incident,
                cctv_reviewed=cctv,
                cctv_reference=answers.cctv_reference.strip() if cctv else "",
                cctv_not_reviewed_reason="" if cctv else answers.cctv_not_reviewed_reason.strip(),
                cctv_reviewed_by=reviewer_of_cctv(answers) if cctv else None,
                cctv_reviewed_at=answers.cctv_reviewed_at if cctv else None,
                outcome=answers.outcome,
                reasons=answers.reasons.strip(),
                reviewer=user,
                reviewed_at=now,
            )
    except IntegrityError:
        raise AlreadyReviewed("this use of force has already been reviewed") from None


@dataclass(frozen=True)
class Waiting:
    """A custody incident in the queue, with how its reports stand."""

    incident: Incident
    age: dt.timedelta
    officers: int
    submitted: int
    cctv_references: list[str]
    """The CCTV references officers gave in their reports (to find the footage)."""

    @property
    def owed(self) -> int:
        return self.officers - self.submitted

    @property
    def days(self) -> int:
        return self.age.days

    @property
    def overdue(self) -> bool:
        return self.age > SERVICE_LEVEL


@dataclass(frozen=True)
class Done:
    review: Review

    @property
    def took(self) -> dt.timedelta:
        return self.review.reviewed_at - self.review.incident.occurred_at

    @property
    def days(self) -> int:
        return self.took.days

    @property
    def late(self) -> bool:
        return self.took > SERVICE_LEVEL


def waiting(user: User, now: dt.datetime) -> list[Waiting]:
    """Custody incidents the user may see that await review, oldest first."""
    found = (
        visible(user)
        .filter(review__isnull=True, occurred_at__lte=now)
        .select_related("suite", "record", "reviewer")
        .prefetch_related("involvements", "reports")
        .order_by("occurred_at", "pk")
    )
    queue = []
    for incident in found:
        officers = {i.staff_id for i in incident.involvements.all()}
        reports = list(incident.reports.all())
        officers |= {r.staff_id for r in reports}
        submitted = [r for r in reports if r.submitted]
        references = [r.answers.cctv_reference for r in submitted]
        queue.append(
            Waiting(
                incident,
                now - incident.occurred_at,
                len(officers),
                len(submitted),
                [ref for ref in dict.fromkeys(references) if ref],
            )
        )
    return queue


def recently_reviewed(user: User, now: dt.datetime) -> list[Done]:
    """Reviews of incidents the user may see recorded in the last 30 days, newest first."""
    found = (
        Review.objects.filter(incident__in=visible(user), reviewed_at__gte=now - RECENT)
        .select_related("incident__suite", "reviewer", "cctv_reviewed_by")
        .order_by("-reviewed_at", "-pk")
    )
    return [Done(r) for r in found]
