"""The reconciliation page, the review queue, the incident page, nominating and reviewing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from bridewell.accounts.models import AccessLog
from bridewell.accounts.roles import FORCE_REVIEW, ROLES
from bridewell.force import reports, reviews
from bridewell.force.models import Review
from bridewell.web import clock
from tests import factories as f
from tests.force.builders import force_used, incident_for, submitted

pytestmark = pytest.mark.django_db

LATER = f.NOW + dt.timedelta(days=2)


@pytest.fixture(autouse=True)
def now(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: LATER)
    return LATER


@pytest.fixture
def northgate():
    return f.suite("NORTHGATE")


@pytest.fixture
def record(northgate):
    return f.booked(northgate, f.person("JONES", "Sam"))


@pytest.fixture
def officer(northgate):
    return f.staff("detention_officer", northgate, username="pc1")


@pytest.fixture
def incident(record, officer):
    """Force naming two officers: ``officer`` has reported it, PC404 has not."""
    found = incident_for(force_used(record, [officer.staff.staff_id, "PC404"]))
    submitted(officer, found, f.NOW + dt.timedelta(hours=3))
    return found


def sign_in(client, role, suite):
    user = f.staff(role, suite)
    client.force_login(user)
    return user


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def text(page: str) -> str:
    """The page's words, without tags, on one line."""
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def url(name, *args):
    return reverse(name, args=args)


# The reconciliation page


@pytest.mark.parametrize("role", sorted(FORCE_REVIEW))
def test_reviewing_roles_see_the_reconciliation(client, northgate, incident, role):
    sign_in(client, role, northgate)
    page = html(client.get(url("force-reconciliation")))
    assert "Reconciliation: January 2026" in text(page)  # the clock says 14 January 2026
    assert url("force-incident", incident.incident_ref) in page


@pytest.mark.parametrize("role", sorted(set(ROLES) - FORCE_REVIEW))
def test_other_roles_do_not(client, northgate, role):
    sign_in(client, role, northgate)
    assert client.get(url("force-reconciliation")).status_code == 403


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(url("force-reconciliation"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_page_shows_the_current_uk_month_by_default_with_counts_and_lists(
    client, northgate, incident
):
    sign_in(client, "custody_manager", northgate)
    words = text(html(client.get(url("force-reconciliation"))))
    assert "Reconciliation: January 2026" in words
    assert "Every officer has reported 0 of 1 (0%)" in words
    assert "Custody-block reports matched 1 of 1 (100%)" in words
    assert "1 officer named by a custody record with no submitted report" in words
    assert "PC404 Missing" in words


def test_a_month_or_days_can_be_chosen(client, northgate, incident):
    sign_in(client, "inspector", northgate)
    december = text(html(client.get(url("force-reconciliation"), {"month": "2025-12"})))
    assert "Reconciliation: December 2025" in december
    assert "No use of force is recorded on a custody record in this period" in december
    days = {
        "month": "2026-01",
        "date_from_day": "12",
        "date_from_month": "1",
        "date_from_year": "2026",
        "date_to_day": "12",
        "date_to_month": "1",
        "date_to_year": "2026",
    }
    words = text(html(client.get(url("force-reconciliation"), days)))
    assert "Reconciliation: 12 January 2026" in words
    assert incident.incident_ref in words


def test_dates_out_of_order_are_an_error(client, northgate):
    sign_in(client, "inspector", northgate)
    days = {
        "date_from_day": "12",
        "date_from_month": "1",
        "date_from_year": "2026",
        "date_to_day": "11",
        "date_to_month": "1",
        "date_to_year": "2026",
    }
    page = html(client.get(url("force-reconciliation"), days))
    assert "There is a problem" in page
    assert "The ‘to’ date must be the same as or after the ‘from’ date" in page
    assert "Summary" not in text(page)


def test_another_suites_uses_of_force_are_not_shown(client, northgate, incident):
    riverside = f.suite("RIVERSIDE")
    sign_in(client, "inspector", riverside)
    words = text(html(client.get(url("force-reconciliation"))))
    assert incident.incident_ref not in words
    assert "Uses of force in custody 0 incidents" in words


def test_a_suite_can_be_chosen(client, northgate, incident):
    riverside = f.suite("RIVERSIDE")
    manager = f.staff("custody_manager", northgate, riverside)
    client.force_login(manager)
    words = text(html(client.get(url("force-reconciliation"), {"suite": "RIVERSIDE"})))
    assert "in RIVERSIDE" in words
    assert incident.incident_ref not in words


# The review queue


def test_the_queue_lists_incidents_awaiting_review_with_their_age(client, northgate, incident):
    sign_in(client, "inspector", northgate)
    page = html(client.get(url("force-review-queue")))
    words = text(page)
    assert url("force-incident", incident.incident_ref) in page
    assert "Mon 12 Jan 2026 20:30 GMT 1 day 1 of 2 submitted 1 owed Not reviewed" in words
    assert "The 7-day service level is a local choice" in words


def test_a_detention_officer_has_no_queue_unless_nominated(client, northgate, incident):
    user = sign_in(client, "detention_officer", northgate)
    assert client.get(url("force-review-queue")).status_code == 403
    reviews.nominate(incident, user, f.staff("custody_manager", northgate), f.NOW)
    assert url("force-incident", incident.incident_ref) in html(
        client.get(url("force-review-queue"))
    )


# The incident page


def test_the_incident_page_shows_the_record_and_reports_and_logs_the_read(
    client, northgate, incident, officer
):
    user = sign_in(client, "inspector", northgate)
    page = html(client.get(url("force-incident", incident.incident_ref)))
    words = text(page)
    assert "JONES, Sam" in words
    assert "Handcuffing: non-compliant" in words
    assert "Protect self" in words
    assert "Supervising custody officer S0001" in words
    assert "1 of 2 officers have submitted a report" in words
    assert "PC404 Missing None" in words
    assert url("force-report", f"{incident.incident_ref}-{officer.staff.staff_id}") in page
    assert url("force-review", incident.incident_ref) in page
    [read] = AccessLog.objects.all()
    assert (read.user, read.record, read.purpose) == (user, incident.record, "use of force review")


def test_another_suites_incident_is_not_found(client, incident):
    sign_in(client, "inspector", f.suite("RIVERSIDE"))
    assert client.get(url("force-incident", incident.incident_ref)).status_code == 404
    assert client.get(url("force-review", incident.incident_ref)).status_code == 404
    assert not AccessLog.objects.exists()


def test_a_detention_officer_is_refused(client, northgate, incident):
    sign_in(client, "detention_officer", northgate)
    assert client.get(url("force-incident", incident.incident_ref)).status_code == 403
    assert client.get(url("force-review", incident.incident_ref)).status_code == 403
    assert not AccessLog.objects.exists()


def test_a_custody_manager_nominates_a_reviewer_but_does_not_review(client, northgate, incident):
    sign_in(client, "custody_manager", northgate)
    sergeant = f.staff("custody_officer", northgate)
    page = html(client.get(url("force-incident", incident.incident_ref)))
    assert url("force-nominate", incident.incident_ref) in page
    assert url("force-review", incident.incident_ref) not in page
    assert client.get(url("force-review", incident.incident_ref)).status_code == 403
    response = client.post(url("force-nominate", incident.incident_ref), {"reviewer": sergeant.pk})
    assert response["Location"] == url("force-incident", incident.incident_ref)
    incident.refresh_from_db()
    assert incident.reviewer == sergeant


def test_a_nomination_must_name_someone(client, northgate, incident):
    sign_in(client, "custody_manager", northgate)
    page = html(client.post(url("force-nominate", incident.incident_ref), {"reviewer": ""}))
    assert "Choose who will review this use of force" in page
    incident.refresh_from_db()
    assert incident.reviewer is None


def test_an_inspector_may_not_nominate(client, northgate, incident):
    sign_in(client, "inspector", northgate)
    sergeant = f.staff("custody_officer", northgate)
    response = client.post(url("force-nominate", incident.incident_ref), {"reviewer": sergeant.pk})
    assert response.status_code == 403


# Recording the review


def review_form(**changes):
    data = {
        "cctv_reviewed": "yes",
        "cctv_reference": "NG-CAM3-0112",
        "cctv_reviewed_by": "",
        "cctv_reviewed_at_day": "13",
        "cctv_reviewed_at_month": "1",
        "cctv_reviewed_at_year": "2026",
        "cctv_reviewed_at_time": "10:15",
        "cctv_reviewed_at_zone": "",
        "cctv_not_reviewed_reason": "",
        "outcome": Review.LEARNING,
        "reasons": "Justified, but the hold went on longer than the footage suggests it needed to.",
    }
    data.update(changes)
    return data


def test_the_form_starts_with_the_reviewer_and_now(client, northgate, incident):
    user = sign_in(client, "inspector", northgate)
    page = html(client.get(url("force-review", incident.incident_ref)))
    assert f'value="{user.staff.staff_id}"' in page
    assert 'name="cctv_reviewed_at_time" value="20:00"' in page  # LATER, 14 Jan 20:00 GMT


def test_a_review_is_checked_then_recorded_once_and_shown_read_only(client, northgate, incident):
    user = sign_in(client, "inspector", northgate)
    sergeant = f.staff("custody_officer", northgate)
    form = review_form(cctv_reviewed_by=sergeant.staff.staff_id)
    response = client.post(url("force-review", incident.incident_ref), form)
    assert response["Location"] == url("force-review-check", incident.incident_ref)
    words = text(html(client.get(response["Location"])))
    assert "CCTV reference NG-CAM3-0112" in words
    assert f"Reviewed by {sergeant.get_full_name()} ({sergeant.staff.staff_id})" in words
    assert "Reviewed at Tue 13 Jan 2026 10:15 GMT" in words
    assert "Outcome Learning for the officer" in words
    assert not Review.objects.exists()
    response = client.post(url("force-review-check", incident.incident_ref))
    assert response["Location"] == url("force-incident", incident.incident_ref)
    review = Review.objects.get()
    assert (review.reviewer, review.reviewed_at, review.cctv_reviewed_by) == (user, LATER, sergeant)
    assert review.outcome == Review.LEARNING
    words = text(html(client.get(response["Location"])))
    assert "Review recorded" in words
    assert "Yes, footage NG-CAM3-0112" in words
    assert url("force-review", incident.incident_ref) not in words
    again = client.get(url("force-review", incident.incident_ref))
    assert again["Location"] == url("force-incident", incident.incident_ref)
    assert client.post(url("force-review-check", incident.incident_ref)).status_code == 302
    assert Review.objects.count() == 1


def test_a_review_with_gaps_is_refused_with_each_problem(client, northgate, incident):
    sign_in(client, "inspector", northgate)
    form = review_form(cctv_reviewed="no", outcome="", reasons=" ")
    page = html(client.post(url("force-review", incident.incident_ref), form))
    assert "There is a problem" in page
    assert re.findall(r'<li><a href="#(id_[a-z_0-9]+)">([^<]+)</a></li>', page) == [
        ("id_cctv_not_reviewed_reason", "Explain why the CCTV has not been reviewed"),
        ("id_outcome_0", "Select the outcome of the review"),
        ("id_reasons", "Give the reasons for the outcome"),
    ]
    assert "force-review-" not in "".join(client.session.keys())


def test_a_cctv_time_that_is_not_a_real_time_is_refused(client, northgate, incident):
    sign_in(client, "inspector", northgate)
    form = review_form(cctv_reviewed_at_time="25:00")
    page = html(client.post(url("force-review", incident.incident_ref), form))
    assert "Enter a real date and a time in 24-hour form" in page


def test_the_nominated_reviewer_records_the_review(client, northgate, incident):
    user = sign_in(client, "detention_officer", northgate)
    reviews.nominate(incident, user, f.staff("custody_manager", northgate), f.NOW)
    html(client.get(url("force-incident", incident.incident_ref)))
    form = review_form(cctv_reviewed_by=user.staff.staff_id)
    client.post(url("force-review", incident.incident_ref), form)
    client.post(url("force-review-check", incident.incident_ref))
    assert Review.objects.get().reviewer == user


def test_the_check_page_without_answers_goes_back_to_the_form(client, northgate, incident):
    sign_in(client, "inspector", northgate)
    response = client.get(url("force-review-check", incident.incident_ref))
    assert response["Location"] == url("force-review", incident.incident_ref)


def test_a_draft_is_shown_as_a_draft_only_without_a_link(client, northgate, record):
    one, two = (f.staff("detention_officer", northgate) for _ in range(2))
    incident = incident_for(force_used(record, [one.staff.staff_id, two.staff.staff_id]))
    draft = reports.start(two, incident, f.NOW + dt.timedelta(hours=1))
    sign_in(client, "inspector", northgate)
    page = html(client.get(url("force-incident", incident.incident_ref)))
    assert "Draft only" in page
    assert "Draft: only the officer can see it" in page
    assert url("force-report", draft.report_ref) not in page
