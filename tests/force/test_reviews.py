"""Who reviews a custody use of force, nominating a reviewer, recording the review once, and
the queue with its ageing."""

from __future__ import annotations

import datetime as dt

import pytest

from bridewell.custody import records
from bridewell.force import reviews
from bridewell.force.models import Review
from tests import factories as f
from tests.force.builders import SERGEANT, force_used, incident_for, submitted

pytestmark = pytest.mark.django_db

USED = f.NOW + dt.timedelta(minutes=30)  # when force_used puts the force by default
LATER = f.NOW + dt.timedelta(days=2)


@pytest.fixture
def northgate():
    return f.suite("NORTHGATE")


@pytest.fixture
def record(northgate):
    return f.booked(northgate)


@pytest.fixture
def officer(northgate):
    return f.staff("detention_officer", northgate, username="pc1")


@pytest.fixture
def incident(record, officer):
    return incident_for(force_used(record, [officer.staff.staff_id]))


def answers(**changes) -> reviews.Answers:
    given = {
        "cctv_reviewed": True,
        "cctv_reference": "NG-CAM3-20260112-2030",
        "cctv_reviewed_by": "",
        "cctv_reviewed_at": USED + dt.timedelta(days=1),
        "outcome": Review.JUSTIFIED,
        "reasons": "Footage shows him swinging at the sergeant; cuffing was brief and necessary.",
        **changes,
    }
    return reviews.Answers(**given)


def mine(user, **changes) -> reviews.Answers:
    return answers(cctv_reviewed_by=user.staff.staff_id, **changes)


# Who may review


@pytest.mark.parametrize("role", ["inspector", "superintendent"])
def test_inspectors_and_superintendents_of_the_suite_review(northgate, incident, role):
    assert reviews.may_review(f.staff(role, northgate), incident)


def test_nobody_else_reviews_unless_nominated(northgate, incident):
    for role in ("custody_manager", "custody_officer", "detention_officer", "hcp", "scrutiny"):
        assert not reviews.may_review(f.staff(role, northgate), incident), role
    elsewhere = f.staff("inspector", f.suite("RIVERSIDE"))
    assert "Only an inspector or superintendent" in reviews.why_not_review(elsewhere, incident)


def test_the_nominated_reviewer_reviews(northgate, incident):
    manager = f.staff("custody_manager", northgate)
    sergeant = f.staff("custody_officer", northgate)
    reviews.nominate(incident, sergeant, manager, f.NOW)
    incident.refresh_from_db()
    assert incident.reviewer == sergeant
    assert (incident.nominated_by, incident.nominated_at) == (manager, f.NOW)
    assert reviews.may_review(sergeant, incident)


def test_nobody_reviews_force_they_used(northgate, record):
    inspector = f.staff("inspector", northgate)
    incident = incident_for(force_used(record, [inspector.staff.staff_id]))
    assert reviews.why_not_review(inspector, incident) == (
        "You used or supervised this force, so someone else must review it"
    )


# Nominating


def test_only_a_custody_manager_of_the_suite_nominates(northgate, incident):
    sergeant = f.staff("custody_officer", northgate)
    for nominator in (
        f.staff("inspector", northgate),
        f.staff("custody_manager", f.suite("RIVERSIDE")),
    ):
        with pytest.raises(reviews.NotAllowed):
            reviews.nominate(incident, sergeant, nominator, f.NOW)


def test_the_nominee_works_in_the_suite_and_was_not_involved(northgate, incident, officer):
    manager = f.staff("custody_manager", northgate)
    outsider = f.staff("inspector", f.suite("RIVERSIDE"))
    for nominee in (outsider, officer):
        with pytest.raises(reviews.ReviewInvalid) as refused:
            reviews.nominate(incident, nominee, manager, f.NOW)
        assert refused.value.problems[0].field == "reviewer"
    assert officer not in reviews.candidates(incident)
    assert manager in reviews.candidates(incident)


# Recording the review


def test_a_review_is_recorded_once(northgate, incident):
    inspector = f.staff("inspector", northgate)
    review = reviews.record(incident, inspector, mine(inspector), LATER)
    assert (review.reviewer, review.reviewed_at, review.outcome) == (
        inspector,
        LATER,
        Review.JUSTIFIED,
    )
    assert (review.cctv_reviewed_by, review.cctv_reference) == (inspector, "NG-CAM3-20260112-2030")
    incident.refresh_from_db()
    with pytest.raises(reviews.AlreadyReviewed):
        reviews.record(incident, f.staff("superintendent", northgate), answers(), LATER)
    assert Review.objects.count() == 1


def test_someone_who_may_not_review_is_refused(northgate, incident):
    with pytest.raises(reviews.NotAllowed):
        reviews.record(incident, f.staff("detention_officer", northgate), answers(), LATER)
    assert not Review.objects.exists()


def test_another_member_of_staff_may_have_watched_the_cctv(northgate, incident):
    inspector, sergeant = f.staff("inspector", northgate), f.staff("custody_officer", northgate)
    review = reviews.record(incident, inspector, mine(sergeant), LATER)
    assert review.cctv_reviewed_by == sergeant


def test_cctv_not_reviewed_needs_a_reason_and_keeps_no_cctv_details(northgate, incident):
    inspector = f.staff("inspector", northgate)
    with pytest.raises(reviews.ReviewInvalid) as refused:
        reviews.record(incident, inspector, answers(cctv_reviewed=False), LATER)
    assert [p.field for p in refused.value.problems] == ["cctv_not_reviewed_reason"]
    review = reviews.record(
        incident,
        inspector,
        answers(cctv_reviewed=False, cctv_not_reviewed_reason="Camera 3 was out of order"),
        LATER,
    )
    assert not review.cctv_reviewed
    assert (review.cctv_reference, review.cctv_reviewed_by, review.cctv_reviewed_at) == (
        "",
        None,
        None,
    )
    assert review.cctv_not_reviewed_reason == "Camera 3 was out of order"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"cctv_reviewed": None}, "cctv_reviewed", "Select whether the CCTV has been reviewed"),
        ({"cctv_reference": " "}, "cctv_reference", "Enter the reference of the CCTV footage"),
        (
            {"cctv_reviewed_by": ""},
            "cctv_reviewed_by",
            "Enter the staff number of who reviewed the CCTV",
        ),
        (
            {"cctv_reviewed_by": "XX9999"},
            "cctv_reviewed_by",
            "There is no member of staff with that number",
        ),
        ({"cctv_reviewed_at": None}, "cctv_reviewed_at", "Enter when the CCTV was reviewed"),
        (
            {"cctv_reviewed_at": LATER + dt.timedelta(minutes=1)},
            "cctv_reviewed_at",
            "The CCTV review must be in the past",
        ),
        (
            {"cctv_reviewed_at": USED - dt.timedelta(minutes=1)},
            "cctv_reviewed_at",
            "The CCTV review must be after the use of force",
        ),
        ({"outcome": ""}, "outcome", "Select the outcome of the review"),
        ({"reasons": "  "}, "reasons", "Give the reasons for the outcome"),
    ],
)
def test_what_a_review_must_say(northgate, incident, changes, field, message):
    inspector = f.staff("inspector", northgate)
    given = mine(inspector, **changes) if "cctv_reviewed_by" not in changes else answers(**changes)
    with pytest.raises(reviews.ReviewInvalid) as refused:
        reviews.record(incident, inspector, given, LATER)
    assert [(p.field, p.message) for p in refused.value.problems] == [(field, message)]


def test_a_nomination_ends_with_the_review(northgate, incident):
    inspector = f.staff("inspector", northgate)
    reviews.record(incident, inspector, mine(inspector), LATER)
    incident.refresh_from_db()
    with pytest.raises(reviews.AlreadyReviewed):
        reviews.nominate(incident, inspector, f.staff("custody_manager", northgate), f.NOW)


# The queue


def test_the_queue_is_oldest_first_with_ageing_and_reports(northgate, record, officer):
    inspector = f.staff("inspector", northgate)
    newer = incident_for(force_used(record, [officer.staff.staff_id, "PC404"], minutes=60 * 24))
    older = incident_for(force_used(record, [officer.staff.staff_id], minutes=30))
    submitted(officer, newer, LATER, cctv_reference="CAM-7")
    now = older.occurred_at + dt.timedelta(days=7, minutes=1)
    queue = reviews.waiting(inspector, now)
    assert [w.incident for w in queue] == [older, newer]
    assert [(w.days, w.overdue) for w in queue] == [(7, True), (6, False)]
    assert [(w.submitted, w.officers, w.owed) for w in queue] == [(0, 1, 1), (1, 2, 1)]
    assert queue[1].cctv_references == ["CAM-7"]


def test_reviewed_incidents_leave_the_queue_for_the_recent_list(northgate, incident):
    inspector = f.staff("inspector", northgate)
    late = USED + dt.timedelta(days=8)
    reviews.record(incident, inspector, mine(inspector), late)
    assert reviews.waiting(inspector, late) == []
    [done] = reviews.recently_reviewed(inspector, late)
    assert (done.review.incident, done.days, done.late) == (incident, 8, True)
    assert reviews.recently_reviewed(inspector, late + dt.timedelta(days=31)) == []


def test_the_queue_shows_the_users_suites_and_their_nominations_only(northgate, incident):
    riverside = f.suite("RIVERSIDE")
    theirs = incident_for(force_used(f.booked(riverside), ["PC404"]))
    assert [w.incident for w in reviews.waiting(f.staff("inspector", riverside), LATER)] == [theirs]
    sergeant = f.staff("custody_officer", northgate)
    assert reviews.waiting(sergeant, LATER) == []
    reviews.nominate(incident, sergeant, f.staff("custody_manager", northgate), f.NOW)
    assert [w.incident for w in reviews.waiting(sergeant, LATER)] == [incident]


def test_what_the_record_says_follows_corrections(record, incident):
    original = incident.event
    assert reviews.force_entry(incident).corrections == []
    replacement = dict(original.payload, id="c1", tactics=["spit_bite_guard"])
    records.append(
        record,
        {
            "type": "correction",
            "at": (f.NOW + dt.timedelta(hours=1)).isoformat(),
            "by": SERGEANT,
            "corrects": original.event_id,
            "reason": "It was a spit guard",
            "replacement": replacement,
        },
        None,
        now=f.NOW + dt.timedelta(hours=1),
    )
    entry = reviews.force_entry(incident)
    assert entry.payload["tactics"] == ["spit_bite_guard"]
    assert [c.payload["reason"] for c in entry.corrections] == ["It was a spit guard"]
