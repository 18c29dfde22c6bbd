"""The incident register's services: candidates stored once, decisions, reviews, the IOPC rule,
learning actions closed only with evidence, and the command that finds candidates."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bridewell.custody import records
from bridewell.learning import evidence, incidents
from bridewell.learning.evidence import Refused
from bridewell.learning.governance import governance_figures
from bridewell.learning.models import Evidence, Incident, LearningAction, Referral
from bridewell.web import clock
from tests import factories as f
from tests.learning.conftest import visit

pytestmark = pytest.mark.django_db

NOW = f.NOW + dt.timedelta(days=1)


@pytest.fixture
def suite():
    return f.suite("NORTHGATE")


@pytest.fixture
def manager(suite):
    return f.staff("custody_manager", suite)


@pytest.fixture
def record_with_failed_rousing(suite):
    rec = f.booked(suite)
    at = f.NOW + dt.timedelta(hours=1)
    records.append(rec, visit(at, "no_response"), None, now=at)
    return rec


def confirmed(record, kind: str = "self_harm", *, by) -> Incident:
    return incidents.record(
        custody_record=record,
        kind=kind,
        occurred_at=f.NOW + dt.timedelta(hours=1),
        summary="Found with a ligature",
        event_ids=[],
        by=by,
        now=NOW,
    )


def run(*args: str) -> str:
    out = StringIO()
    call_command("find_incident_candidates", *args, stdout=out)
    return out.getvalue()


def test_the_command_proposes_each_candidate_once_and_rejected_ones_stay_rejected(
    record_with_failed_rousing, manager
):
    assert run() == "1 new candidate incident(s) proposed; 0 already on the register.\n"
    found = Incident.objects.get()
    assert found.status == "candidate"
    assert found.kind == "failed_rousing"
    assert found.record == record_with_failed_rousing
    assert found.suite.code == "NORTHGATE"
    assert found.recorded_by is None
    visit_id = record_with_failed_rousing.events.get(type="cell_visit").event_id
    assert found.event_ids == [visit_id]
    assert found.key == f"{record_with_failed_rousing.record_id}/failed-rousing/{visit_id}"

    incidents.reject(found, reason="Detainee asleep; roused on the next visit", by=manager, now=NOW)
    assert run() == "0 new candidate incident(s) proposed; 1 already on the register.\n"
    found.refresh_from_db()
    assert found.status == "rejected"
    assert Incident.objects.count() == 1


def test_the_command_since_leaves_out_earlier_events(record_with_failed_rousing):
    assert run("--since", "2026-01-13").startswith("0 new")
    assert run("--since", "2026-01-12").startswith("1 new")
    with pytest.raises(CommandError, match="--since needs a date"):
        run("--since", "12/01/2026")


def test_confirm_and_reject_are_for_candidates_and_a_rejection_needs_a_reason(
    record_with_failed_rousing, manager
):
    run()
    found = Incident.objects.get()
    with pytest.raises(Refused, match="why this is not an incident"):
        incidents.reject(found, reason="  ", by=manager, now=NOW)
    incidents.confirm(found, kind="near_miss", summary="No response; roused by HCP", by=manager,
                      now=NOW)  # fmt: skip
    found.refresh_from_db()
    assert (found.status, found.kind, found.decided_by, found.decided_at) == (
        "confirmed",
        "near_miss",
        manager,
        NOW,
    )
    with pytest.raises(Refused):
        incidents.confirm(found, kind="near_miss", summary="again", by=manager, now=NOW)
    with pytest.raises(Refused):
        incidents.reject(found, reason="changed my mind", by=manager, now=NOW)


def test_a_review_records_findings_who_and_when(suite, manager):
    found = confirmed(f.booked(suite), by=manager)
    with pytest.raises(Refused, match="findings"):
        incidents.review(found, findings="", by=manager, now=NOW)
    incidents.review(found, findings="Search on arrival missed the sock", by=manager, now=NOW)
    found.refresh_from_db()
    assert (found.status, found.reviewed_by, found.reviewed_at) == ("reviewed", manager, NOW)
    assert found.findings == "Search on arrival missed the sock"


def test_a_death_or_serious_injury_must_be_referred_and_cannot_close_without_it(suite, manager):
    found = confirmed(f.booked(suite), "death_or_serious_injury", by=manager)
    with pytest.raises(Refused, match="must be referred"):
        incidents.refer(found, referred=False, reason="Not serious", by=manager, now=NOW)
    incidents.review(found, findings="Taken to hospital, fractured wrist", by=manager, now=NOW)
    assert "Record the referral to the IOPC before closing a death or serious injury" in (
        incidents.closing_problems(found)
    )
    with pytest.raises(Refused, match="referral to the IOPC"):
        incidents.close(found, by=manager, now=NOW)

    with pytest.raises(Refused, match="date of the referral"):
        incidents.refer(found, referred=True, mode="independent", by=manager, now=NOW)
    incidents.refer(
        found,
        referred=True,
        referred_on=dt.date(2026, 1, 13),
        reference="2026/012345",
        mode="independent",
        by=manager,
        now=NOW,
    )
    incidents.close(found, by=manager, now=NOW)
    found.refresh_from_db()
    assert (found.status, found.closed_by, found.referral.iopc_reference) == (
        "closed",
        manager,
        "2026/012345",
    )


def test_other_incidents_may_be_recorded_as_not_referred_with_a_reason(suite, manager):
    found = confirmed(f.booked(suite), by=manager)
    with pytest.raises(Refused, match="why the incident was not referred"):
        incidents.refer(found, referred=False, by=manager, now=NOW)
    incidents.refer(
        found, referred=False, reason="No serious harm; below the threshold", by=manager, now=NOW
    )
    found.refresh_from_db()
    assert (found.referred, found.referral.by) == (False, manager)
    incidents.review(found, findings="Handled well", by=manager, now=NOW)
    incidents.close(found, by=manager, now=NOW)
    assert Incident.objects.get().status == "closed"


def test_an_incident_cannot_close_before_review_or_while_actions_are_open(suite, manager):
    found = confirmed(f.booked(suite), by=manager)
    assert incidents.closing_problems(found) == ["Review the incident before closing it"]
    incidents.review(found, findings="Briefing needed", by=manager, now=NOW)
    action = incidents.add_action(
        found, description="Brief all teams", owner=manager, due=dt.date(2026, 2, 1), by=manager,
        now=NOW,
    )  # fmt: skip
    assert incidents.closing_problems(found) == ["Close its learning actions first"]
    incidents.add_action_evidence(
        action, kind="document", title="Briefing note", location="https://intranet/brief",
        by=manager, now=NOW,
    )  # fmt: skip
    incidents.close_action(action, note="All four teams briefed", by=manager, now=NOW)
    incidents.close(found, by=manager, now=NOW)
    assert Incident.objects.get().status == "closed"


def test_closing_a_learning_action_needs_a_note_and_evidence(suite, manager):
    found = confirmed(f.booked(suite), by=manager)
    action = incidents.add_action(
        found, description="Replace cell 4 hatch", owner=manager, due=dt.date(2026, 2, 1),
        by=manager, now=NOW,
    )  # fmt: skip
    incidents.start_action(action)
    assert LearningAction.objects.get().status == "in_progress"
    with pytest.raises(Refused, match="at least one evidence link"):
        incidents.close_action(action, note="Done", by=manager, now=NOW)
    with pytest.raises(Refused, match="Enter what was done"):
        incidents.close_action(action, note=" ", by=manager, now=NOW)
    with pytest.raises(Refused, match="title and a URL"):
        incidents.add_action_evidence(action, kind="document", title="Work order", by=manager,
                                      now=NOW)  # fmt: skip
    incidents.add_action_evidence(
        action, kind="document", title="Work order", location="WO-2026-0042", by=manager, now=NOW
    )
    incidents.close_action(action, note="Hatch replaced", by=manager, now=NOW)
    action.refresh_from_db()
    assert (action.status, action.closed_by, action.closed_at, action.closure_note) == (
        "done",
        manager,
        NOW,
        "Hatch replaced",
    )
    with pytest.raises(Refused, match="closed"):
        incidents.add_action_evidence(action, kind="qa", qa_reference="DS-1", by=manager, now=NOW)


def test_evidence_is_never_changed_or_deleted(suite, manager):
    found = confirmed(f.booked(suite), by=manager)
    action = incidents.add_action(
        found, description="x", owner=manager, due=dt.date(2026, 2, 1), by=manager, now=NOW
    )
    link = incidents.add_action_evidence(
        action, kind="kpi", kpi_id="K-P1", month="2026-10", suite_code="NORTHGATE", by=manager,
        now=NOW,
    )  # fmt: skip
    assert evidence.link(link).href == "/insights/kpi/K-P1/?month=2026-10&suite=NORTHGATE"
    assert evidence.link(link).text == "K-P1 2026-10 NORTHGATE"
    link.title = "changed"
    with pytest.raises(PermissionError):
        link.save()
    with pytest.raises(PermissionError):
        link.delete()
    with pytest.raises(PermissionError):
        Evidence.objects.all().delete()
    with pytest.raises(PermissionError):
        Evidence.objects.update(title="x")


def test_review_days_is_a_setting(settings):
    settings.BRIDEWELL_INCIDENT_REVIEW_DAYS = 3
    assert incidents.review_days() == 3
    del settings.BRIDEWELL_INCIDENT_REVIEW_DAYS
    assert incidents.review_days() == 7


def test_every_referral_record_is_kept_and_the_pack_counts_the_decision_when_first_made(
    suite, manager, monkeypatch
):
    found = confirmed(f.booked(suite), by=manager)
    first = dt.datetime(2026, 10, 20, 9, tzinfo=dt.UTC)
    later = dt.datetime(2026, 11, 4, 9, tzinfo=dt.UTC)
    referred = {"referred": True, "referred_on": dt.date(2026, 10, 20), "by": manager}
    incidents.refer(found, **referred, mode="awaited", now=first)
    incidents.refer(found, **referred, reference="2026/000321", mode="local", now=later)
    found.refresh_from_db()
    latest = found.referral
    assert (latest.iopc_mode, latest.iopc_reference, latest.at) == (
        "local",
        "2026/000321",
        later,
    )
    kept = list(found.referrals.values_list("at", "iopc_mode", "iopc_reference"))
    assert kept == [(first, "awaited", ""), (later, "local", "2026/000321")]
    with pytest.raises(PermissionError):
        Referral.objects.update(iopc_mode="independent")
    with pytest.raises(PermissionError):
        found.referrals.first().delete()

    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    october, november = governance_figures("2026-10", None), governance_figures("2026-11", None)
    assert (october.iopc_referred, november.iopc_referred) == (1, 0)
