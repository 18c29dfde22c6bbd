"""The demo's incident register and recommendation tracker, made through the services.

Candidates are found in the demo's custody records by the real rules; a share of them is then
decided, reviewed, referred and given learning actions, in a fixed pattern so every demo shows
each stage: waiting for a decision, rejected with a reason, confirmed and awaiting review (some
overdue), reviewed with actions open or closed on evidence. Four recommendations show the
tracker's statuses, one of them overdue.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.contrib.auth.models import User
from django.db import transaction

from bridewell.custody.models import Suite
from bridewell.learning import incidents, recommendations
from bridewell.learning.models import Incident
from bridewell.rules.localtime import local_date

REJECTION = {
    "failed_rousing": "CCTV checked: the detainee was asleep, woke when the door opened and "
    "responded; the visit entry was made before the response",
}
"""Why a demo candidate was rejected, by type; other types use ``OTHER_REJECTION``."""
OTHER_REJECTION = "Checked with the custody sergeant: no harm came of it and no near miss"


class Loaded(NamedTuple):
    candidates: int
    decided: int
    reviewed: int
    actions: int
    recommendations: int


@transaction.atomic
def seed(now: dt.datetime, manager: User, qa: User) -> Loaded:
    """Fill the register and tracker of the demo; ``manager`` closes, ``qa`` does the rest."""
    incidents.find_candidates(now)
    found = list(Incident.objects.filter(status=Incident.Status.CANDIDATE).order_by("-pk"))
    decided = reviewed = actions = 0
    today = local_date(now)
    for n, incident in enumerate(found):
        step = n % 4
        if step == 0:
            continue
        decided += 1
        if step == 1:
            reason = REJECTION.get(incident.kind, OTHER_REJECTION)
            incidents.reject(incident, reason=reason, by=qa, now=now)
            continue
        incidents.confirm(incident, kind=incident.kind, summary=incident.summary, by=qa, now=now)
        if step == 2:
            continue
        reviewed += 1
        incidents.review(
            incident,
            findings="Care plan and observation level were right; the visit log was completed "
            "late. Briefing for the detention officers on recording as they go.",
            by=qa,
            now=now,
        )
        if incident.kind in incidents.MUST_REFER:
            incidents.refer(
                incident,
                referred=True,
                referred_on=today,
                reference=f"2026/{incident.pk:06d}",
                mode=Incident.Mode.AWAITED,
                by=manager,
                now=now,
            )
        else:
            incidents.refer(
                incident,
                referred=False,
                reason="No death or serious injury, and no allegation of misconduct",
                by=manager,
                now=now,
            )
        action = incidents.add_action(
            incident,
            description="Brief every team on recording cell visits as they happen",
            owner=qa,
            due=today + dt.timedelta(days=14 if n % 8 == 3 else -3),
            by=qa,
            now=now,
        )
        actions += 1
        if n % 8 == 7:
            incidents.add_action_evidence(
                action,
                kind="document",
                title="Team briefing record",
                location="Custody/Briefings/visit-recording.pdf",
                by=qa,
                now=now,
            )
            incidents.close_action(action, note="All four teams briefed", by=manager, now=now)
    return Loaded(len(found), decided, reviewed, actions, _recommendations(now, manager, qa))


def _recommendations(now: dt.datetime, manager: User, qa: User) -> int:
    today = local_date(now)
    first = Suite.objects.order_by("code").first()
    prra = recommendations.create(
        source_type="inspection",
        category="recommendation",
        source_reference="Joint inspection of police custody, 2026, recommendation 3",
        text="The force should make sure that a pre-release risk assessment is completed and "
        "recorded for every detainee before release.",
        suite=None,
        owner=manager,
        due=today - dt.timedelta(days=20),
        by=manager,
        now=now - dt.timedelta(days=200),
    )
    recommendations.update(
        prra, by=qa, now=now - dt.timedelta(days=60), status="in_progress",
        note="Dip sampling of releases started; K-RL1 reported monthly to the custody board",
    )  # fmt: skip
    rousing = recommendations.create(
        source_type="iopc",
        category="improvement",
        source_reference="IOPC Learning the Lessons, custody issue, case 4",
        text="Rousing checks should get a verbal or physical response, not only a look "
        "through the hatch.",
        suite=first,
        owner=qa,
        due=today + dt.timedelta(days=45),
        by=manager,
        now=now - dt.timedelta(days=30),
    )
    recommendations.add_evidence(
        rousing, by=qa, now=now, kind="document", title="Rousing guidance, version 2",
        location="Custody/Guidance/rousing-v2.pdf",
    )  # fmt: skip
    recommendations.create(
        source_type="internal",
        category="improvement",
        source_reference="Custody review board, quarterly review, item 7",
        text="Every cell is checked daily for ligature points and the check is recorded.",
        suite=None,
        owner=qa,
        due=today + dt.timedelta(days=90),
        by=manager,
        now=now - dt.timedelta(days=5),
    )
    visits = recommendations.create(
        source_type="inspection",
        category="improvement",
        source_reference="Joint inspection of police custody, 2026, area for improvement 9",
        text="Cell visit entries should say what was seen, not repeat stock phrases.",
        suite=None,
        owner=manager,
        due=today - dt.timedelta(days=10),
        by=manager,
        now=now - dt.timedelta(days=150),
    )
    month = (today.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    recommendations.add_evidence(
        visits, by=qa, now=now - dt.timedelta(days=12), kind="kpi", kpi_id="K-DC3", month=month
    )
    recommendations.close(
        visits, note="Boilerplate visit entries down to 4% across the force", by=manager, now=now
    )
    return 4
