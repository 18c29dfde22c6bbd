"""The register and tracker screens: who may see and do what, suite scoping, the logged read,
overdue highlighting as the clock moves, and the forms' messages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from bridewell.accounts.models import AccessLog
from bridewell.accounts.roles import QA_OVERSIGHT, ROLES
from bridewell.custody import records
from bridewell.learning import incidents, recommendations
from bridewell.learning.models import Incident, LearningAction, Recommendation
from bridewell.web import clock
from tests import factories as f
from tests.learning.conftest import visit

pytestmark = pytest.mark.django_db

REFUSED = sorted(set(ROLES) - QA_OVERSIGHT)


@pytest.fixture
def northgate():
    return f.suite("NORTHGATE")


@pytest.fixture
def eastgate():
    return f.suite("EASTGATE")


@pytest.fixture
def manager(northgate):
    return f.staff("custody_manager", northgate)


@pytest.fixture
def candidate(northgate):
    """A failed rousing candidate on a record of Northgate, found by the command's service."""
    rec = f.booked(northgate, f.person("JONES", "Sam"))
    at = f.NOW + dt.timedelta(hours=1)
    records.append(rec, visit(at, "no_response"), None, now=at)
    incidents.find_candidates(clock.now())
    return Incident.objects.get()


@pytest.fixture
def rec(northgate, manager):
    return recommendations.create(
        source_type="iopc",
        category="improvement",
        source_reference="IOPC Learning the Lessons 41, case 3",
        text="Rousing checks should test the detainee's response, not only look at them",
        suite=northgate,
        owner=manager,
        due=clock.now().date() - dt.timedelta(days=3),
        by=manager,
        now=clock.now(),
    )


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize("role", sorted(QA_OVERSIGHT))
def test_oversight_roles_see_the_register_and_an_incident_and_the_read_is_logged(
    client, northgate, candidate, role
):
    user = f.staff(role, northgate)
    client.force_login(user)
    page = html(client.get(reverse("learning-incidents")))
    assert candidate.ref in page
    assert "JONES" not in page  # the register names no detainee and reads no record
    assert not AccessLog.objects.exists()

    page = html(client.get(reverse("learning-incident", args=[candidate.pk])))
    assert "JONES" in page
    assert "No response to rousing" in page
    assert "Cell visit" in page  # the entry behind the candidate, in words
    log = AccessLog.objects.get()
    assert (log.user, log.record, log.purpose) == (
        user,
        candidate.record,
        f"incident register: {candidate.ref}",
    )


@pytest.mark.parametrize("role", REFUSED)
def test_other_roles_are_refused(client, northgate, candidate, rec, role):
    client.force_login(f.staff(role, northgate))
    for url in (
        reverse("learning-incidents"),
        reverse("learning-incident", args=[candidate.pk]),
        reverse("learning-recommendations"),
        reverse("learning-recommendation", args=[rec.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert not AccessLog.objects.exists()


def test_signed_out_people_are_sent_to_sign_in(client, candidate):
    response = client.get(reverse("learning-incident", args=[candidate.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_another_suites_incidents_and_recommendations_are_not_found(
    client, eastgate, candidate, rec
):
    client.force_login(f.staff("custody_manager", eastgate))
    assert candidate.ref not in html(client.get(reverse("learning-incidents")))
    assert rec.ref not in html(client.get(reverse("learning-recommendations")))
    for url in (
        reverse("learning-incident", args=[candidate.pk]),
        reverse("learning-incident-decide", args=[candidate.pk]),
        reverse("learning-recommendation", args=[rec.pk]),
        reverse("learning-recommendation-close", args=[rec.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert not AccessLog.objects.exists()


def test_the_review_becomes_overdue_as_the_clock_moves(client, northgate, manager):
    booked = f.booked(northgate)
    incidents.record(
        custody_record=booked,
        kind="self_harm",
        occurred_at=clock.now() - dt.timedelta(days=6),
        summary="Cut forearm with a broken plastic spoon",
        event_ids=[],
        by=manager,
        now=clock.now(),
    )
    client.force_login(manager)
    page = html(client.get(reverse("learning-incidents")))
    assert "Review overdue" not in page
    assert "Due in 1 day" in page
    clock.advance(dt.timedelta(days=2))
    page = html(client.get(reverse("learning-incidents")))
    assert "Review overdue" in page
    assert "1 with the review overdue" in page


def test_the_register_filters_by_status_type_and_suite(client, northgate, manager, candidate):
    client.force_login(manager)
    url = reverse("learning-incidents")
    assert candidate.ref in html(client.get(url, {"status": "candidate"}))
    assert candidate.ref not in html(client.get(url, {"status": "closed"}))
    assert candidate.ref in html(client.get(url, {"kind": "failed_rousing"}))
    assert candidate.ref not in html(client.get(url, {"kind": "escape"}))
    assert candidate.ref in html(client.get(url, {"suite": "NORTHGATE"}))


def test_rejecting_a_candidate_needs_a_reason(client, manager, candidate):
    client.force_login(manager)
    url = reverse("learning-incident-decide", args=[candidate.pk])
    page = html(client.post(url, {"decision": "reject"}))
    assert "There is a problem" in page
    assert "Enter why this is not an incident" in page
    response = client.post(url, {"decision": "reject", "reason": "Asleep, roused next visit"})
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert (candidate.status, candidate.decided_by) == ("rejected", manager)


def test_the_referral_form_refuses_not_referring_a_death_or_serious_injury(
    client, northgate, manager
):
    found = incidents.record(
        custody_record=f.booked(northgate),
        kind="death_or_serious_injury",
        occurred_at=clock.now(),
        summary="Collapsed in cell; admitted to hospital",
        event_ids=[],
        by=manager,
        now=clock.now(),
    )
    client.force_login(manager)
    url = reverse("learning-incident-referral", args=[found.pk])
    page = html(client.post(url, {"referred": "no", "reason": "Not needed"}))
    assert "must be referred to the IOPC" in page
    day = clock.now().date()
    referred = {
        "referred": "yes",
        "referred_on_day": day.day,
        "referred_on_month": day.month,
        "referred_on_year": day.year,
        "reference": "2026/00991",
    }
    response = client.post(url, referred | {"mode": "independent"})
    assert response.status_code == 302
    found.refresh_from_db()
    assert (found.referred, found.referral.iopc_reference, found.referral.iopc_mode) == (
        True,
        "2026/00991",
        "independent",
    )
    page = html(client.get(url))  # changing it starts from what is recorded
    assert 'value="2026/00991"' in page
    assert 'value="independent" checked' in page
    assert "Earlier referral records" not in html(
        client.get(reverse("learning-incident", args=[found.pk]))
    )
    client.post(url, referred | {"mode": "local"})  # the IOPC's decision, changed
    page = html(client.get(reverse("learning-incident", args=[found.pk])))
    assert "Earlier referral records (1)" in page
    assert "Independent investigation by the IOPC" in page  # the first record, kept
    assert "Local investigation by the force" in page


def test_only_custody_managers_close_and_closing_needs_evidence(client, northgate, manager, rec):
    qa = f.staff("qa_officer", northgate)
    client.force_login(qa)
    page = html(client.get(reverse("learning-recommendation", args=[rec.pk])))
    assert "Overdue" in page
    assert "Close with evidence" not in page
    assert client.get(reverse("learning-recommendation-close", args=[rec.pk])).status_code == 403

    client.force_login(manager)
    close = reverse("learning-recommendation-close", args=[rec.pk])
    page = html(client.post(close, {"note": "Done"}))
    assert "Add at least one evidence link before closing the recommendation" in page
    response = client.post(
        reverse("learning-recommendation-evidence", args=[rec.pk]),
        {"kind": "document", "title": "Rousing guidance v2", "location": "https://intranet/r2"},
    )
    assert response.status_code == 302
    assert client.post(close, {"note": "Guidance issued"}).status_code == 302
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.CLOSED
    page = html(client.get(reverse("learning-recommendation", args=[rec.pk])))
    assert "Rousing guidance v2" in page
    assert "Status: Open to Closed" in page
    assert "Guidance issued" in page


def test_an_incident_evidence_link_must_be_one_the_user_can_see(
    client, eastgate, northgate, manager, rec
):
    theirs = incidents.record(
        custody_record=f.booked(eastgate),
        kind="other",
        occurred_at=clock.now(),
        summary="x",
        event_ids=[],
        by=f.staff("custody_manager", eastgate),
        now=clock.now(),
    )
    client.force_login(manager)
    page = html(
        client.post(
            reverse("learning-recommendation-evidence", args=[rec.pk]),
            {"kind": "incident", "incident_ref": theirs.ref},
        )
    )
    assert "Enter the reference of an incident you can see" in page
    assert rec.evidence.count() == 0


def test_a_learning_action_from_add_to_close(client, northgate, manager):
    found = incidents.record(
        custody_record=f.booked(northgate),
        kind="failed_rousing",
        occurred_at=clock.now(),
        summary="No response at 03:00 visit",
        event_ids=[],
        by=manager,
        now=clock.now(),
    )
    client.force_login(manager)
    due = clock.now().date() + dt.timedelta(days=14)
    response = client.post(
        reverse("learning-action-new", args=[found.pk]),
        {
            "description": "Refresher on rousing for all detention officers",
            "owner": manager.pk,
            "due_day": due.day,
            "due_month": due.month,
            "due_year": due.year,
        },
    )
    assert response.status_code == 302
    action = LearningAction.objects.get()
    url = reverse("learning-action-close", args=[action.pk])
    page = html(client.post(url, {"note": "Training delivered"}))
    assert "Add at least one evidence link before closing the action" in page
    client.post(
        reverse("learning-action-evidence", args=[action.pk]),
        {"kind": "qa", "qa_reference": "DS-2026-W44-NORTHGATE"},
    )
    assert client.post(url, {"note": "Training delivered"}).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.closed_by) == ("done", manager)

    qa = f.staff("qa_officer", northgate)
    client.force_login(qa)
    assert client.post(url, {"note": "x"}).status_code == 403


def test_recording_an_incident_by_hand(client, northgate, eastgate, manager):
    booked = f.booked(northgate)
    theirs = f.booked(eastgate)
    entry = booked.events.get(type="risk_assessed").event_id
    client.force_login(manager)
    url = reverse("learning-incident-new")
    when = clock.now().astimezone(dt.UTC)
    answers = {
        "kind": "assault",
        "occurred_at_day": when.day,
        "occurred_at_month": when.month,
        "occurred_at_year": when.year,
        "occurred_at_time": "10:15",
        "summary": "Detainee punched a detention officer during booking in",
    }
    page = html(client.post(url, {**answers, "record_id": theirs.record_id}))
    assert "Enter the number of a custody record in your suites" in page
    page = html(client.post(url, {**answers, "record_id": booked.record_id, "event_ids": "zz9"}))
    assert "The record has no entry zz9" in page
    response = client.post(url, {**answers, "record_id": booked.record_id, "event_ids": entry})
    assert response.status_code == 302
    made = Incident.objects.get()
    assert (made.status, made.kind, made.recorded_by, made.event_ids) == (
        "confirmed",
        "assault",
        manager,
        [entry],
    )
