"""Synthetic officers' reports: reproducible, mostly complete and consistent with the custody
record, with each kind of gap reconciliation must find, and never invalid."""

import datetime as dt
import random
from collections import Counter

import pytest

from bridewell.force.report import counted_tactics, problems
from bridewell.rules import model as m
from bridewell.rules.timeline import Timeline
from bridewell.synth import SynthOptions, generate
from bridewell.synth import force as synth
from bridewell.synth.force import OfficerReport

START = dt.date(2026, 3, 1)
HOUR = dt.timedelta(hours=1)


def _force(record: m.Record) -> list[m.ForceUsed]:
    return [e for e in record.events if isinstance(e, m.ForceUsed)]


@pytest.fixture(scope="module")
def drawn() -> list[tuple[m.Record, list[OfficerReport]]]:
    """Every record with force among 3,000 (about 190 uses of force, 450 officers)."""
    records = (
        r for r, _ in generate(SynthOptions(records=3000, start=START, seed=11, defects=0.3))
    )
    return [(r, synth.officer_reports(r, random.Random(r.record_id))) for r in records if _force(r)]


def _reports(drawn: list[tuple[m.Record, list[OfficerReport]]]) -> list[OfficerReport]:
    return [r for _, found in drawn for r in found]


def test_the_same_record_and_seed_give_the_same_reports(drawn):
    record, found = drawn[0]
    assert synth.officer_reports(record, random.Random(record.record_id)) == found
    again = [synth.officer_reports(r, random.Random(r.record_id)) for r, _ in drawn[:40]]
    assert again == [found for _, found in drawn[:40]]
    other = [synth.officer_reports(r, random.Random(f"x{r.record_id}")) for r, _ in drawn[:40]]
    assert other != again


def test_every_officer_named_has_an_entry(drawn):
    for record, found in drawn:
        named = Counter((e.id, o) for e in _force(record) for o in dict.fromkeys(e.officers))
        assert Counter((r.event_id, r.officer) for r in found) == named


def test_most_officers_submit_and_each_kind_of_gap_occurs(drawn):
    found = _reports(drawn)
    filings = Counter(r.filing for r in found)
    share = filings["submitted"] / len(found)
    assert 0.78 < share < 0.9, filings
    assert filings["draft"]
    assert filings["missing"]
    assert filings["elsewhere"]
    flaws = Counter(r.flaw for r in found if r.flaw)
    assert set(flaws) == {"time_off", "unlinked", "no_restraint_end"}
    assert sum(flaws.values()) < 0.2 * filings["submitted"]
    # Most uses of force have at least one report linked to them.
    linked = {
        (record.record_id, r.event_id)
        for record, reports in drawn
        for r in reports
        if r.filing == "submitted" and r.flaw != "unlinked"
    }
    assert len(linked) > 0.85 * sum(len(_force(record)) for record, _ in drawn)


def test_submitted_reports_pass_validation_and_drafts_have_no_contradiction(drawn):
    for r in _reports(drawn):
        if r.filing == "submitted":
            assert r.answers is not None
            assert r.submitted_at is not None
            assert r.started_at is not None
            assert r.started_at <= r.submitted_at
            assert problems(r.answers, submitting=True, now=r.submitted_at) == []
        elif r.filing == "draft":
            assert r.answers is not None
            assert r.started_at is not None
            assert r.submitted_at is None
            assert problems(r.answers, submitting=False, now=r.started_at) == []
        else:
            assert r.answers is None
            assert r.started_at is None
            assert r.submitted_at is None


def test_answers_follow_the_custody_record(drawn):
    for record, found in drawn:
        tl = Timeline(record, max(e.at for e in record.events))
        events = {e.id: e for e in _force(record)}
        custody_officers = {
            e.by.id for e in record.events if e.by and e.by.role == "custody_officer"
        }
        intoxicated = any(r.intoxicated or r.swallowed_drugs for r in tl.of(m.RiskAssessed))
        for r in found:
            a = r.answers
            if a is None or r.filing != "submitted":
                continue
            event = events[r.event_id]
            assert set(a.tactics) <= {*event.tactics, "tactical_communication"}
            assert counted_tactics(list(a.tactics))
            if r.officer == event.officers[0]:
                assert set(event.tactics) <= set(a.tactics)
            assert a.locations == ["custody_block"]
            assert a.supervising_officer in custody_officers
            assert a.juvenile is tl.juvenile
            assert (a.appropriate_adult_present is not None) is tl.juvenile
            assert a.subject_gender == synth.GENDER_OF_SEX[record.detainee.sex]
            if {"alcohol", "drugs"} & set(a.impact_factors):
                assert intoxicated
            if record.regime == "mha_s136":
                assert "detained_mha" in a.outcomes
            if r.flaw != "time_off":
                assert a.occurred_at == event.at
                assert a.health_check_at is None or event.at < a.health_check_at


def test_the_gaps_are_the_ones_reconciliation_looks_for(drawn):
    found = _reports(drawn)
    events = {(record.record_id, e.id): e for record, _ in drawn for e in _force(record)}
    by_event = {r.event_id: record.record_id for record, reports in drawn for r in reports}
    for r in found:
        assert r.answers is not None or r.filing in ("missing", "elsewhere")
        if r.flaw == "time_off":
            assert r.answers is not None
            assert r.answers.occurred_at is not None
            at = events[by_event[r.event_id], r.event_id].at
            assert abs(r.answers.occurred_at - at) > 2 * HOUR
            assert r.answers.locations == ["custody_block"]
        if r.flaw == "no_restraint_end":
            assert r.answers is not None
            assert r.answers.restraint_started_at is not None
            assert r.answers.restraint_ended_at is None
    # Durations are mostly known: restraint with an end in the great majority.
    restrained = [r.answers for r in found if r.answers and r.answers.restraint_started_at]
    ended = [a for a in restrained if a.restraint_ended_at]
    assert len(ended) > 0.8 * len(restrained)


def test_health_care_follows_force_mostly_within_the_hour_with_some_refusals(drawn):
    incidents = {}
    for _, found in drawn:
        for r in found:
            if r.answers and r.filing == "submitted" and r.flaw != "time_off":
                incidents[r.event_id, id(found)] = r.answers
    within = sum(
        a.health_check_at is not None
        and a.occurred_at is not None
        and a.health_check_at - a.occurred_at <= HOUR
        for a in incidents.values()
    )
    refused = sum(bool(a.health_check_refused) for a in incidents.values())
    assert within > 0.6 * len(incidents)
    assert 0 < refused < 0.25 * len(incidents)
    injured = Counter(a.subject_injured for a in incidents.values())
    assert injured["no"] > 0.7 * len(incidents)
    assert injured["yes"] > 0
    with_cctv = sum(bool(a.cctv_reference) for a in incidents.values())
    assert 0.75 * len(incidents) < with_cctv < len(incidents)


def test_nothing_is_started_or_submitted_after_now(drawn):
    record, _ = next((rec, f) for rec, f in drawn if len(f) > 1)
    at = _force(record)[0].at
    for now in (at, at + 30 * dt.timedelta(minutes=1), at + 3 * HOUR, at + 2 * 24 * HOUR):
        for r in synth.officer_reports(record, random.Random(1), now=now):
            assert r.started_at is None or r.started_at <= now
            assert r.submitted_at is None or r.submitted_at <= now
    assert {r.filing for r in synth.officer_reports(record, random.Random(1), now=at)} <= {
        "missing",
        "elsewhere",
    }


def test_fixed_filings_are_kept(drawn):
    record, found = drawn[0]
    first = found[0]
    for filing in ("submitted", "draft", "missing"):
        fixed = {(first.event_id, first.officer): filing}
        [mine] = [
            r
            for r in synth.officer_reports(record, random.Random(2), fixed=fixed)
            if (r.event_id, r.officer) == (first.event_id, first.officer)
        ]
        assert mine.filing == filing
        assert mine.flaw in (None, "no_restraint_end")


def test_the_custody_record_lists_the_forms_it_could_know_of(drawn):
    for record, _ in drawn[:60]:
        noted, found = synth.reported(record, random.Random(record.record_id))
        assert found == synth.officer_reports(record, random.Random(record.record_id))
        forms = {(e.id, f.officer) for e in _force(noted) for f in e.forms}
        expected = {
            (r.event_id, r.officer)
            for r in found
            if r.filing == "elsewhere" or (r.filing == "submitted" and r.flaw != "unlinked")
        }
        assert forms == expected
        assert [type(e) for e in noted.events] == [type(e) for e in record.events]
    quiet = next(
        r for r, _ in generate(SynthOptions(records=40, start=START, seed=2)) if not _force(r)
    )
    assert synth.reported(quiet, random.Random(1)) == (quiet, [])


def test_reviews_come_after_the_force_and_by_now_and_explain_unseen_footage():
    at = dt.datetime(2026, 5, 1, 22, tzinfo=dt.UTC)
    now = at + 90 * 24 * HOUR
    plans = [synth.review("NORTHGATE", at, now, "CCTV-NG-1", random.Random(n)) for n in range(400)]
    done = [p for p in plans if p is not None]
    assert 0.55 * len(plans) < len(done) < 0.85 * len(plans)
    for p in done:
        assert at < p.at <= now
        assert p.outcome in synth.REVIEW_REASONS
        assert p.reasons
        if p.cctv_reviewed:
            assert p.cctv_reference == "CCTV-NG-1"
            assert p.cctv_reviewed_at is not None
            assert at <= p.cctv_reviewed_at <= p.at
        else:
            assert p.cctv_not_reviewed_reason
            assert not p.cctv_reference
    assert sum(p.at - at <= 7 * 24 * HOUR for p in done) < len(done)
    assert synth.review("NORTHGATE", at, at + HOUR, "", random.Random(1)) is None
