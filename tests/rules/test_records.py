"""Record keeping: late entries and arrivals without a detention decision."""

from tests.builders import SERGEANT, assessed, booking, ev, found, record

RULES = ("DATA-LATE-ENTRY", "DATA-NO-AUTHORISATION")


def test_an_entry_more_than_fifteen_minutes_late_is_reported():
    # Edge case 15: a visit at 10:00Z keyed at 10:40Z is judged on 10:00Z and flagged.
    on_the_limit = ev("note", "1:00", by=SERGEANT, text="ok", recorded_at="1:15")
    late = ev("note", "2:00", id="late", by=SERGEANT, text="ok", recorded_at="2:16")
    rec = record(booking(), on_the_limit, late)
    assert found(rec, "3:00", *RULES) == [("DATA-LATE-ENTRY", "2:00")]
    [f] = [f for f in assessed(rec, "3:00").findings if f.rule == "DATA-LATE-ENTRY"]
    assert f.message == "Note at 22:00 GMT on 12 Jan was recorded at 22:16 GMT (16 min later)"
    assert f.events == ["late"]


def test_a_corrected_entry_is_judged_on_its_replacement():
    original = ev("note", "1:00", id="n1", by=SERGEANT, text="x", recorded_at="3:00")
    fix = ev(
        "correction",
        "3:30",
        by=SERGEANT,
        corrects="n1",
        reason="wrong time",
        replacement=ev("note", "2:50", id="n1b", by=SERGEANT, text="x", recorded_at="3:00"),
    )
    assert found(record(booking(), original), "4:00", *RULES) == [("DATA-LATE-ENTRY", "1:00")]
    assert found(record(booking(), original, fix), "4:00", *RULES) == []


def test_arrival_with_no_detention_decision_in_an_ended_record():
    rec = record(
        ev("arrived", "0:00", id="arrive", station="HOLD-A"),
        ev("released", "2:00", by=SERGEANT, outcome="nfa"),
    )
    assert found(rec, "3:00", *RULES) == [("DATA-NO-AUTHORISATION", "2:00")]
    [f] = [f for f in assessed(rec, "3:00").findings if f.rule == "DATA-NO-AUTHORISATION"]
    assert f.message == (
        "Arrived 20:00 GMT on 12 Jan; no decision to authorise or refuse detention before "
        "custody ended at 22:00 GMT"
    )


def test_a_refusal_is_a_decision_and_open_records_are_not_judged_yet():
    refused = record(
        ev("arrived", "0:00", station="HOLD-A"),
        ev("detention_refused", "0:20", by=SERGEANT),
        ev("released", "0:20", by=SERGEANT, outcome="nfa"),
    )
    assert found(refused, "3:00", *RULES) == []
    still_open = record(ev("arrived", "0:00", station="HOLD-A"))
    assert found(still_open, "3:00", *RULES) == []


def test_no_authorisation_applies_to_pace_records_only():
    s136 = record(
        ev("arrived", "0:00", station="HOLD-A"),
        ev("released", "2:00", by=SERGEANT, outcome="other"),
        regime="mha_s136",
        offences=[],
    )
    assert found(s136, "3:00", "DATA-NO-AUTHORISATION") == []
