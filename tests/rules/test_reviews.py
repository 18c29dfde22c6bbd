"""Reviews of detention (PACE s.40): the schedule, postponements, authority, telephone reviews."""

import datetime as dt

from tests.builders import (
    CHIEF_INSPECTOR,
    INSPECTOR,
    SERGEANT,
    assessed,
    booking,
    ev,
    found,
    record,
    t,
)

REVIEW_RULES = ("PACE-REVIEW-1", "PACE-REVIEW-2", "PACE-REVIEW-3", "PACE-REVIEW-4", "PACE-REVIEW-6")


def review(when, by=INSPECTOR, **fields):
    return ev(
        "review", when, by=by, mode=fields.pop("mode", "in_person"), outcome="continue", **fields
    )


def released(when):
    return ev("released", when, id="out", by=SERGEANT, outcome="bail")


def review_findings(rec, at="200:00"):
    return [f for f in assessed(rec, at).findings if f.rule in REVIEW_RULES]


def reviews_found(*events, at="200:00"):
    return found(record(booking(), *events), at, *REVIEW_RULES)


def test_first_review_is_due_six_hours_after_detention_was_authorised():
    # DA at 0:10, so the first review is due at 6:10; a deadline is met at or before it.
    assert reviews_found(review("6:10"), released("8:00")) == []
    assert reviews_found(review("6:11"), released("8:00")) == [("PACE-REVIEW-1", "6:10")]


def test_later_reviews_are_due_nine_hours_after_the_previous_one():
    on_time = [review("6:00", id="r1"), review("15:00", id="r2"), released("20:00")]
    assert reviews_found(*on_time) == []
    late = [review("6:00", id="r1"), review("15:01", id="r2"), released("20:00")]
    assert reviews_found(*late) == [("PACE-REVIEW-2", "15:00")]


def test_an_early_review_pulls_the_schedule_forward():
    # Edge case 2: first review at DA+3h, so the second is due at DA+12h, not DA+15h.
    assert reviews_found(review("3:10"), review("12:11"), released("14:00")) == [
        ("PACE-REVIEW-2", "12:10")
    ]


def test_a_postponed_review_does_not_push_the_schedule_back():
    # Edge case 1: postponed at the deadline (in interview), held at DA+7h10m: the second
    # review is still due at DA+15h, and holding the postponed one 70 min late is REVIEW-4.
    events = [
        ev("review_postponed", "6:10", id="pp", by=INSPECTOR, reason="in interview"),
        review("7:20", id="r1"),
        review("15:10", id="r2"),
        released("20:00"),
    ]
    assert reviews_found(*events) == [("PACE-REVIEW-4", "7:10")]
    events[2] = review("15:11", id="r2")
    assert reviews_found(*events) == [("PACE-REVIEW-4", "7:10"), ("PACE-REVIEW-2", "15:10")]


def test_a_postponed_review_held_within_an_hour_is_fine():
    events = [
        ev("review_postponed", "6:00", by=INSPECTOR, reason="no inspector available"),
        review("7:10"),
        released("9:00"),
    ]
    assert reviews_found(*events) == []


def test_a_postponed_review_never_held_is_reported_once_its_hour_has_passed():
    pp = ev("review_postponed", "6:00", id="pp", by=INSPECTOR, reason="in interview")
    assert reviews_found(pp, released("7:10")) == []
    assert reviews_found(pp, released("7:11")) == [("PACE-REVIEW-4", "7:10")]
    [f] = review_findings(record(booking(), pp, released("7:11")))
    assert f.message == (
        "Review due 02:10 GMT on 13 Jan was postponed; no review before custody ended at 03:11 GMT"
    )
    assert f.events == ["pp"]


def test_a_missed_review_held_late_within_nine_hours_counts_as_the_missed_review():
    events = [review("8:00", id="late"), review("17:00"), released("20:00")]
    assert reviews_found(*events) == [("PACE-REVIEW-1", "6:10")]
    [f] = review_findings(record(booking(), *events))
    assert f.message == "First review due 02:10 GMT on 13 Jan; held 04:00 GMT (1 h 50 min late)"
    assert f.events == ["da", "late"]
    assert f.due == f.at == t("6:10")


def test_each_missed_deadline_is_one_finding():
    assert reviews_found(released("25:00")) == [
        ("PACE-REVIEW-1", "6:10"),
        ("PACE-REVIEW-2", "15:10"),
        ("PACE-REVIEW-2", "24:10"),
    ]


def test_a_deadline_at_the_end_of_custody_is_not_missed():
    assert reviews_found(released("6:10")) == []


def test_a_review_below_inspector_before_charge_does_not_count():
    events = [review("5:00", by=SERGEANT, id="bad"), released("8:00")]
    assert reviews_found(*events) == [("PACE-REVIEW-3", "5:00"), ("PACE-REVIEW-1", "6:10")]
    f = review_findings(record(booking(), *events))[0]
    assert f.message == (
        "Review at 01:00 GMT on 13 Jan by a sergeant does not count: it needed an inspector or above"
    )


def test_ranks_above_inspector_may_review():
    assert reviews_found(review("5:00", by=CHIEF_INSPECTOR), released("8:00")) == []


def test_after_charge_the_custody_officer_reviews():
    events = [
        review("5:00"),
        ev("charged", "10:00", by=SERGEANT, offences=["O1"]),
        review("13:30", by=SERGEANT),
        released("20:00"),
    ]
    assert reviews_found(*events) == []


def test_an_invalid_postponement_postpones_nothing():
    events = [ev("review_postponed", "6:00", by=SERGEANT, reason="busy"), released("7:00")]
    assert reviews_found(*events) == [("PACE-REVIEW-1", "6:10")]


def test_a_postponement_cannot_postpone_a_review_already_missed():
    # Reading: with the first review missed at 6:10, a postponement at 7:00 has no on-time
    # deadline to postpone; the missed review is still owed and is due again by 15:10.
    events = [
        ev("review_postponed", "7:00", by=INSPECTOR, reason="late"),
        review("15:11"),
        released("16:00"),
    ]
    assert reviews_found(*events) == [("PACE-REVIEW-1", "6:10"), ("PACE-REVIEW-2", "15:10")]


def test_telephone_review_needs_video_ruled_out():
    phone = review("5:00", mode="telephone", id="ph")
    assert reviews_found(phone, released("8:00")) == [("PACE-REVIEW-6", "5:00")]
    ruled_out = review("5:00", mode="telephone", video_not_practicable=True)
    assert reviews_found(ruled_out, released("8:00")) == []
    assert reviews_found(review("5:00", mode="video"), released("8:00")) == []


def test_open_record_shows_the_next_review_due():
    a = assessed(record(booking(), review("5:00")), "7:00")
    assert [(o.rule, o.due) for o in a.obligations if o.rule.startswith("PACE-REVIEW")] == [
        ("PACE-REVIEW-2", t("14:00"))
    ]
    assert [o.message for o in a.obligations if o.rule == "PACE-REVIEW-2"] == [
        "Next review due 10:00 GMT on 13 Jan"
    ]


def test_an_overdue_review_is_an_obligation_and_a_finding():
    a = assessed(record(booking()), "7:00")
    overdue = [o for o in a.obligations if o.rule == "PACE-REVIEW-1"]
    assert [(o.due, o.message) for o in overdue] == [
        (t("6:10"), "Review overdue since 02:10 GMT on 13 Jan")
    ]
    assert [(f.rule, f.at) for f in a.findings if f.rule in REVIEW_RULES] == [
        ("PACE-REVIEW-1", t("6:10"))
    ]


def test_obligation_due_before_t_always_has_its_finding():
    rec = record(
        booking(), review("5:00"), ev("review_postponed", "14:00", by=INSPECTOR, reason="x")
    )
    for minutes in range(0, 26 * 60, 17):
        a = assessed(rec, BASE_PLUS(minutes))
        rules_found = {f.rule for f in a.findings}
        for o in a.obligations:
            if o.due < a.at:
                assert o.rule in rules_found, (minutes, o)


def BASE_PLUS(minutes):
    return t(dt.timedelta(minutes=minutes))


def test_reviews_follow_utc_across_the_spring_clock_change():
    # Edge case 9: DA 2025-03-30 00:30 GMT; first review due 06:30Z, shown as 07:30 BST.
    start = dt.datetime(2025, 3, 30, 0, 0, tzinfo=dt.UTC)
    rec = record(
        ev("arrived", start, station="HOLD-A"),
        ev("detention_authorised", start + dt.timedelta(minutes=30), by=SERGEANT, grounds="other"),
        ev("released", start + dt.timedelta(hours=8), by=SERGEANT, outcome="nfa"),
    )
    [f] = [
        f for f in assessed(rec, start + dt.timedelta(days=1)).findings if f.rule in REVIEW_RULES
    ]
    assert f.rule == "PACE-REVIEW-1"
    assert f.at == dt.datetime(2025, 3, 30, 6, 30, tzinfo=dt.UTC)
    assert f.message.startswith("First review due 07:30 BST on 30 Mar")
