"""Synthetic officers' reports and supervisors' reviews, loaded for custody records already held.

The answers come from ``bridewell.synth.force`` (pure); this module writes them the way officers
and reviewers would, through the services only: ``incidents.sync`` for the incidents the custody
records show, ``reports.start`` (or ``start_unlinked``, for a report not linked to the record),
``save_draft`` and ``submit`` as the officer named, and ``reviews.record`` as a reviewer.
Officers named in synthetic records are staff ids without accounts, and a report needs one:
they get staff accounts that cannot sign in (an unusable password, no role) in the suites of the
records naming them, made in bulk.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from bridewell.accounts.models import StaffProfile
from bridewell.custody.models import Suite
from bridewell.force import incidents, reports, reviews
from bridewell.force.models import Incident
from bridewell.force.report import ReportData
from bridewell.rules import model as m
from bridewell.synth import force as synth
from bridewell.synth.force import OfficerReport

Drawn = tuple[m.Record, Sequence[OfficerReport]]
"""A custody record as imported, and its officers' reports (``synth.force.reported``)."""
ARRESTING: Final = m.Actor(id="-", rank="constable", role="arresting_officer")
"""Rank and role of an officer named only in force entries: the arresting officer."""


@dataclass(frozen=True)
class Loaded:
    """Officers named in custody force entries by what became of their report (``unlinked``:
    submitted, but not linked to the record), incidents, and reviews recorded."""

    incidents: int
    submitted: int
    drafts: int
    missing: int
    elsewhere: int
    unlinked: int
    reviewed: int


def load(
    drawn: Iterable[Drawn],
    now: dt.datetime,
    *,
    reviewers: Sequence[User] = (),
    named: Callable[[str], tuple[str, str]] = lambda staff_id: ("", ""),
    seed: int = 0,
) -> Loaded:
    """Write the reports of ``drawn`` (whose records must already be held), then review each
    incident that :func:`synth.force.review` says was reviewed by ``now``, as one of
    ``reviewers`` allowed to. ``named`` gives an officer's made-up (forename, surname)."""
    with_force = [(record, list(found)) for record, found in drawn if found]
    incidents.sync()
    held = _incidents([record.record_id for record, _ in with_force])
    users = _officers(with_force, named)
    counts: Counter[str] = Counter()
    for record, found in with_force:
        for r in found:
            counts["unlinked" if r.flaw == "unlinked" else r.filing] += 1
            if r.answers is not None and r.started_at is not None:
                incident = held[record.record_id, r.event_id]
                _write(r, r.answers, r.started_at, users[r.officer], incident)
    return Loaded(
        incidents=sum(len({r.event_id for r in found}) for _, found in with_force),
        submitted=counts["submitted"],
        drafts=counts["draft"],
        missing=counts["missing"],
        elsewhere=counts["elsewhere"],
        unlinked=counts["unlinked"],
        reviewed=_review(with_force, held, now, reviewers, seed),
    )


def _write(
    r: OfficerReport, answers: ReportData, started: dt.datetime, user: User, incident: Incident
) -> None:
    """Start the report as the officer would, save the answers, and submit them if they did."""
    if r.flaw == "unlinked":
        report = reports.start_unlinked(user, answers.occurred_at or incident.occurred_at, started)
    else:
        report = reports.start(user, incident, started)
    reports.save_draft(report, user, answers, started)
    if r.submitted_at is not None:
        reports.submit(report, user, r.submitted_at)


def _incidents(record_ids: list[str]) -> dict[tuple[str, str], Incident]:
    """The incidents of the records' force entries, by (record id, event id)."""
    found = Incident.objects.filter(
        record__record_id__in=record_ids, event__isnull=False
    ).select_related("record", "event")
    return {(i.record.record_id, i.event.event_id): i for i in found if i.record and i.event}


def _officers(
    drawn: list[tuple[m.Record, list[OfficerReport]]], named: Callable[[str], tuple[str, str]]
) -> dict[str, User]:
    """A staff account for every officer named; those without one get one that cannot sign in,
    with the rank and role the records give them, in the suites of the records naming them."""
    actors: dict[str, m.Actor] = {}
    suites: dict[str, set[str]] = {}
    for record, found in drawn:
        for event in record.events:
            if event.by is not None:
                actors.setdefault(event.by.id, event.by)
        for r in found:
            suites.setdefault(r.officer, set()).add(record.suite)
    profiles = StaffProfile.objects.filter(staff_id__in=suites).select_related("user")
    existing = {p.staff_id: p.user for p in profiles}
    new = {staff_id: named(staff_id) for staff_id in sorted(set(suites) - set(existing))}
    User.objects.bulk_create(
        User(username=staff_id, password=make_password(None), first_name=first, last_name=last)
        for staff_id, (first, last) in new.items()
    )
    made = {u.username: u for u in User.objects.filter(username__in=new)}
    StaffProfile.objects.bulk_create(
        StaffProfile(
            user=made[staff_id],
            staff_id=staff_id,
            rank=actors.get(staff_id, ARRESTING).rank,
            role=actors.get(staff_id, ARRESTING).role,
        )
        for staff_id in new
    )
    suite_pk = dict(Suite.objects.values_list("code", "pk"))
    StaffProfile.suites.through.objects.bulk_create(
        StaffProfile.suites.through(staffprofile_id=p.pk, suite_id=suite_pk[code])
        for p in StaffProfile.objects.filter(staff_id__in=new)
        for code in sorted(suites[p.staff_id])
    )
    return existing | made


def _review(
    drawn: list[tuple[m.Record, list[OfficerReport]]],
    held: dict[tuple[str, str], Incident],
    now: dt.datetime,
    reviewers: Sequence[User],
    seed: int,
) -> int:
    """Review the incidents whose review was done by ``now``; how many were reviewed."""
    if not reviewers:
        return 0
    done = 0
    for record, found in drawn:
        for event_id in dict.fromkeys(r.event_id for r in found):
            incident = held[record.record_id, event_id]
            rng = random.Random(f"{seed}:review:{record.record_id}:{event_id}")
            cctv = next(
                (
                    r.answers.cctv_reference
                    for r in found
                    if r.event_id == event_id and r.submitted_at and r.answers
                    if r.answers.cctv_reference
                ),
                "",
            )
            plan = synth.review(record.suite, incident.occurred_at, now, cctv, rng)
            if plan is None:
                continue
            allowed = [u for u in reviewers if reviews.may_review(u, incident)]
            if not allowed:
                continue
            reviewer = rng.choice(allowed)
            answers = reviews.Answers(
                cctv_reviewed=plan.cctv_reviewed,
                cctv_reference=plan.cctv_reference,
                cctv_reviewed_by=reviewer.staff.staff_id if plan.cctv_reviewed else "",
                cctv_reviewed_at=plan.cctv_reviewed_at,
                cctv_not_reviewed_reason=plan.cctv_not_reviewed_reason,
                outcome=plan.outcome,
                reasons=plan.reasons,
            )
            reviews.record(incident, reviewer, answers, plan.at)
            done += 1
    return done
