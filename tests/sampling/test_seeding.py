"""The demo's dip samples: drawn for past weeks, older weeks finished, last week half done."""

from __future__ import annotations

import datetime as dt

import pytest

from bridewell.rules.localtime import LONDON
from bridewell.sampling import sampling, seeding
from bridewell.sampling.models import Answer, Sample
from bridewell.web import clock
from tests import factories as f
from tests.sampling.builders import closed

pytestmark = pytest.mark.django_db


def test_the_demo_has_finished_samples_and_work_due():
    suite = f.suite()
    auditor = f.staff("qa_officer", suite)
    now = clock.now()
    week = sampling.week_of(now)
    for _ in range(seeding.WEEKS):
        week = sampling.previous_week(week)
        monday = dt.datetime.combine(sampling.week_start(week), dt.time(9), LONDON)
        for day in range(4):
            closed(suite, monday + dt.timedelta(days=day, hours=3))

    loaded = seeding.load(now, [auditor])
    assert loaded.samples == seeding.WEEKS
    assert Sample.objects.count() == seeding.WEEKS
    last = Sample.objects.get(week=sampling.previous_week(sampling.week_of(now)))
    assert last.records.filter(completed_at__isnull=False).count() == 2
    for older in Sample.objects.exclude(pk=last.pk):
        assert not older.records.filter(completed_at__isnull=True).exists()
    assert loaded.records_answered == 4 * (seeding.WEEKS - 1) + 2
    assert set(Answer.objects.values_list("answered_by", flat=True)) == {auditor.pk}

    again = seeding.load(now, [auditor])
    assert (again.samples, again.records_answered) == (seeding.WEEKS, 0)


def test_the_demo_needs_an_auditor():
    with pytest.raises(ValueError, match="auditor"):
        seeding.load(clock.now(), [])
