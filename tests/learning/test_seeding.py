"""The demo's register and tracker: every stage shown, made through the real services."""

from __future__ import annotations

import datetime as dt

import pytest

from bridewell.custody import records
from bridewell.learning import seeding
from bridewell.learning.models import Incident, LearningAction, Recommendation
from tests import factories as f
from tests.learning.conftest import visit

pytestmark = pytest.mark.django_db

NOW = f.NOW + dt.timedelta(days=20)


def test_the_demo_shows_every_stage():
    suite = f.suite()
    for n in range(8):
        rec = f.booked(suite, at=f.NOW + dt.timedelta(minutes=n))
        at = f.NOW + dt.timedelta(hours=1, minutes=n)
        records.append(rec, visit(at, "no_response"), None, now=at)
    manager = f.staff("custody_manager", suite)
    qa = f.staff("qa_officer", suite)

    loaded = seeding.seed(NOW, manager, qa)

    assert loaded == seeding.Loaded(
        candidates=8, decided=6, reviewed=2, actions=2, recommendations=4
    )
    statuses = sorted(Incident.objects.values_list("status", flat=True))
    assert statuses == ["candidate"] * 2 + ["confirmed"] * 2 + ["rejected"] * 2 + ["reviewed"] * 2
    assert all(i.referred is False for i in Incident.objects.filter(status="reviewed"))
    assert sorted(LearningAction.objects.values_list("status", flat=True)) == ["done", "open"]
    assert sorted(Recommendation.objects.values_list("status", flat=True)) == [
        "closed",
        "in_progress",
        "open",
        "open",
    ]
    closed = Recommendation.objects.get(status="closed")
    assert closed.evidence.get().kpi_id == "K-DC3"
    assert seeding.seed(NOW, manager, qa).candidates == 2  # found again: nothing new proposed
