"""Samples drawn from the database: candidates, strata, storing once, answers and pack figures."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bridewell.sampling import checklist, figures, samples, sampling
from bridewell.sampling.models import Answer, Sample
from tests import factories as f
from tests.sampling.builders import closed

pytestmark = pytest.mark.django_db

WEEK = "2026-W47"  # Monday 16 to Sunday 22 November 2026, GMT
MONDAY = dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.UTC)
AFTER = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


def test_candidates_are_the_week_s_closed_records_with_strata_from_their_events():
    suite = f.suite()
    plain = closed(suite, MONDAY)
    child = closed(suite, MONDAY + dt.timedelta(days=1), child=True)
    forced = closed(suite, MONDAY + dt.timedelta(days=2), force=True, strip=True)
    long = closed(suite, MONDAY + dt.timedelta(days=3), hours=30)
    vulnerable = closed(suite, MONDAY + dt.timedelta(days=1), vulnerable=True)
    at_midnight = closed(suite, MONDAY - dt.timedelta(hours=12))  # ends 00:00 Monday: in
    # Ended the Sunday before, the week after, still open, or in another suite: not candidates.
    closed(suite, MONDAY - dt.timedelta(hours=13))
    closed(suite, MONDAY + dt.timedelta(days=6, hours=14), hours=2)
    f.booked(suite, at=MONDAY + dt.timedelta(days=2))
    closed(f.suite("EASTBANK"), MONDAY)

    found = {c.record_id: c.strata for c in samples.candidates(suite, WEEK)}
    assert found == {
        plain.record_id: frozenset(),
        child.record_id: {"child"},
        forced.record_id: {"force", "strip"},
        long.record_id: {"long"},
        vulnerable.record_id: {"vulnerable"},
        at_midnight.record_id: frozenset(),
    }


def test_drawing_again_returns_the_stored_sample():
    suite = f.suite()
    made = [closed(suite, MONDAY + dt.timedelta(hours=4 * n)) for n in range(12)]
    sample, created = samples.draw(suite, WEEK, AFTER)
    assert created
    first = list(sample.records.values_list("record__record_id", "reason"))
    assert len(first) == 10
    assert {r for r, _ in first} <= {r.record_id for r in made}
    assert (sample.seed, sample.month, sample.candidates) == (
        sampling.seed(suite.code, WEEK),
        "2026-11",
        12,
    )
    assert sample.due_at == dt.datetime(2026, 11, 30, 0, 0, tzinfo=dt.UTC)

    # A record that closes late into the week does not change a sample already drawn.
    closed(suite, MONDAY + dt.timedelta(days=5))
    again, created = samples.draw(suite, WEEK, AFTER + dt.timedelta(days=1))
    assert not created
    assert again.pk == sample.pk
    assert list(again.records.values_list("record__record_id", "reason")) == first
    assert Sample.objects.count() == 1


def test_a_week_without_closed_records_has_an_empty_sample():
    sample, _ = samples.draw(f.suite(), WEEK, AFTER)
    assert sample.records.count() == 0
    assert sample.candidates == 0


def test_the_command_draws_each_suite_once(settings):
    settings.BRIDEWELL_DIP_SAMPLE_SIZE = 6
    north, east = f.suite("NORTHGATE"), f.suite("EASTBANK")
    for n in range(8):
        closed(north, MONDAY + dt.timedelta(hours=5 * n))
    closed(east, MONDAY, force=True)

    out = StringIO()
    call_command("draw_dip_samples", "--week", WEEK, stdout=out)
    assert out.getvalue().splitlines() == [
        f"EASTBANK {WEEK}: drawn, 1 of 1 closed records (seed {sampling.seed('EASTBANK', WEEK)})",
        f"NORTHGATE {WEEK}: drawn, 6 of 8 closed records (seed {sampling.seed('NORTHGATE', WEEK)})",
    ]
    kept = list(Sample.objects.values_list("pk", "records__record_id").order_by("pk", "records"))

    out = StringIO()
    call_command("draw_dip_samples", "--week", WEEK, "--suite", "NORTHGATE", stdout=out)
    assert "NORTHGATE 2026-W47: already drawn, 6 of 8" in out.getvalue()
    assert "EASTBANK" not in out.getvalue()
    assert (
        list(Sample.objects.values_list("pk", "records__record_id").order_by("pk", "records"))
        == kept
    )


def test_the_command_refuses_a_week_not_yet_over_and_unknown_suites():
    f.suite()
    with pytest.raises(CommandError, match="has not ended"):
        call_command("draw_dip_samples", "--week", "2999-W01")
    with pytest.raises(CommandError, match="not an ISO week"):
        call_command("draw_dip_samples", "--week", "November")
    with pytest.raises(CommandError, match="no such suite: NOWHERE"):
        call_command("draw_dip_samples", "--week", WEEK, "--suite", "NOWHERE")


def answer_all(sampled, user, at, **special):
    prepared = samples.prepare(sampled.record, at)
    answers = {
        i.key: checklist.Answer("confirm" if i.kind == "engine" else "meets")
        for i in prepared.items
    }
    answers |= special
    samples.record_answers(sampled, prepared, answers, user, at)
    return prepared


def test_answers_are_recorded_once_with_who_and_when():
    suite = f.suite()
    auditor = f.staff("qa_officer", suite)
    closed(suite, MONDAY, force=True)
    sample, _ = samples.draw(suite, WEEK, AFTER)
    sampled = sample.records.get()
    prepared = answer_all(
        sampled,
        auditor,
        AFTER,
        **{"engine:records": checklist.Answer("dispute", "The PRRA time was wrongly entered")},
    )
    sampled.refresh_from_db()
    assert sampled.completed_at == AFTER
    assert sampled.completed_by == auditor
    assert Answer.objects.count() == len(prepared.items)
    dispute = Answer.objects.get(item="engine:records")
    assert (dispute.outcome, dispute.note, dispute.answered_by) == (
        "fail",
        "The PRRA time was wrongly entered",
        auditor,
    )
    with pytest.raises(samples.AlreadyAnswered):
        answer_all(sampled, auditor, AFTER)


def test_incomplete_answers_are_refused():
    suite = f.suite()
    closed(suite, MONDAY)
    sampled = samples.draw(suite, WEEK, AFTER)[0].records.get()
    prepared = samples.prepare(sampled.record, AFTER)
    with pytest.raises(ValueError, match="incomplete"):
        samples.record_answers(sampled, prepared, {}, f.staff("qa_officer", suite), AFTER)
    assert Answer.objects.count() == 0


def test_governance_figures_for_a_month():
    north, east = f.suite("NORTHGATE"), f.suite("EASTBANK")
    auditor = f.staff("qa_officer", north, east)
    closed(north, MONDAY)
    closed(north, MONDAY + dt.timedelta(days=1))
    closed(east, MONDAY)
    north_sample, _ = samples.draw(north, WEEK, AFTER)
    samples.draw(east, WEEK, AFTER)
    first, second = north_sample.records.all()
    answer_all(first, auditor, AFTER, prra=checklist.Answer("does_not_meet", "No PRRA content"))
    answer_all(
        second,
        auditor,
        AFTER,
        **{"engine:care": checklist.Answer("dispute", "Visit at 10:00 missed by the engine")},
    )

    figs = figures.governance_figures("2026-11")
    assert figs.label == "November 2026"
    assert (figs.samples_due, figs.samples_completed) == (2, 1)
    assert (figs.records_sampled, figs.records_completed) == (3, 2)
    rates = {i.key: i for i in figs.items}
    assert (rates["prra"].passed, rates["prra"].failed, rates["prra"].shown) == (1, 1, "50%")
    assert rates["engine:care"].shown == "50%"
    assert rates["grounds"].shown == "100%"
    [dispute] = figs.disputes
    assert (dispute.rules, dispute.record_id, dispute.reason) == (
        (),
        second.record.record_id,
        "Visit at 10:00 missed by the engine",
    )
    assert dispute.auditor.endswith(f"({auditor.staff.staff_id})")
    assert [(s.code, s.samples, s.samples_complete) for s in figs.suites] == [
        ("EASTBANK", 1, 0),
        ("NORTHGATE", 1, 1),
    ]

    only_east = figures.governance_figures("2026-11", ["EASTBANK"])
    assert (only_east.samples_due, only_east.items, only_east.disputes) == (1, (), ())
    assert figures.governance_figures("2026-10").samples_due == 0

    html = figures.pack_html(figs)
    assert "Dip samples due in November 2026" in html
    assert "Visit at 10:00 missed by the engine" in html
    assert "<script" not in html
    assert "http" not in html
