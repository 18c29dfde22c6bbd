from tests.builders import booking, found, record


def test_clean_booking_has_no_review_finding_before_six_hours():
    assert found(record(booking()), "5:00", "PACE-REVIEW-1") == []
