"""Detention limits (PACE s.41–44): relevant time, hospital time, extensions and warrants."""

import datetime as dt

from bridewell.rules.clock import DetentionClock
from bridewell.rules.timeline import Timeline
from tests.builders import (
    CHIEF_INSPECTOR,
    INSPECTOR,
    SERGEANT,
    SUPERINTENDENT,
    assessed,
    booking,
    ev,
    found,
    record,
    t,
)

LIMIT_RULES = (
    "PACE-EXT-36",
    "PACE-WFD-1",
    "PACE-LIMIT-24",
    "PACE-LIMIT-36",
    "PACE-LIMIT-WARRANT",
    "PACE-LIMIT-96",
)
SUMMARY_ONLY = [{"ref": "O1", "title": "Common assault", "mode_of_trial": "summary_only"}]


def released(when):
    return ev("released", when, id="out", by=SERGEANT, outcome="bail")


def reviews_every_eight_hours(until_hours):
    return [
        ev("review", f"{h}:00", id=f"r{h}", by=INSPECTOR, mode="in_person", outcome="continue")
        for h in range(5, until_hours, 8)
    ]


def extension(when, until="36:00", by=SUPERINTENDENT, **kw):
    return ev("extension_authorised", when, id=kw.pop("id", "ext"), by=by, until=until, **kw)


def limits_found(*events, at="200:00", **kw):
    return found(record(booking(), *events, **kw), at, *LIMIT_RULES)


def clock_of(*events, at="200:00", **kw):
    rec = record(*events, **kw)
    return DetentionClock(Timeline(rec, t(at)))


def test_twenty_four_hours_from_arrival():
    # RT is the arrival at 0:00; release at exactly RT+24h is in time.
    assert limits_found(*reviews_every_eight_hours(24), released("24:00")) == []
    assert limits_found(*reviews_every_eight_hours(24), released("24:01")) == [
        ("PACE-LIMIT-24", "24:00")
    ]


def test_limit_finding_explains_itself():
    rec = record(booking(), *reviews_every_eight_hours(30), released("26:30"))
    [f] = [f for f in assessed(rec).findings if f.rule == "PACE-LIMIT-24"]
    assert f.message == (
        "The 24-hour limit fell at 20:00 GMT on 13 Jan; "
        "released without charge at 22:30 GMT (2 h 30 min over)"
    )
    assert f.events == ["arrive", "out"]
    assert f.source == "PACE s.41(1)"
    assert f.due == f.at == t("24:00")


def test_relevant_time_is_arrival_not_arrest_elsewhere():
    # Edge case 4: arrest at 08:00Z elsewhere, arrival 09:30Z → RT = 09:30Z.
    clock = clock_of(
        ev("arrested", "-1:30", place="elsewhere", offences=["O1"]),
        ev("arrived", "0:00", station="HOLD-A"),
    )
    assert clock.relevant_time == t("0:00")
    assert clock.relevant_basis == "arrival at the station"


def test_relevant_time_for_a_voluntary_attendee_is_the_arrest():
    # Edge case 4: voluntary attendee arrived 09:00Z and arrested at 11:00Z → RT = 11:00Z.
    clock = clock_of(
        ev("arrived", "0:00", station="HOLD-A"),
        ev("arrested", "2:00", place="at_station", voluntary_attendance=True, offences=["O1"]),
    )
    assert clock.relevant_time == t("2:00")
    assert clock.relevant_basis == "arrest after voluntary attendance"


def test_medical_hospital_time_pauses_the_clock_but_police_questioning_there_does_not():
    # Edge case 3: RT 0:00; hospital 4:00–9:00 for treatment with 30 min of questioning there:
    # the 24-hour limit moves to RT + 28h30m.
    trip = [
        ev("hospital_departed", "4:00", purpose="medical"),
        ev("interview_started", "6:00"),
        ev("interview_ended", "6:30"),
        ev("hospital_returned", "9:00"),
    ]
    clock = clock_of(booking(), *trip)
    assert clock.after(24) == t("28:30")
    assert clock.elapsed(t("10:00")) == dt.timedelta(hours=5, minutes=30)
    events = [*trip, *reviews_every_eight_hours(28), released("28:30")]
    assert limits_found(*events) == []
    events[-1] = released("28:31")
    assert limits_found(*events) == [("PACE-LIMIT-24", "28:30")]


def test_an_investigative_hospital_trip_pauses_nothing():
    trip = [
        ev("hospital_departed", "4:00", purpose="investigative"),
        ev("hospital_returned", "9:00"),
    ]
    assert clock_of(booking(), *trip).after(24) == t("24:00")


def test_hospital_time_straddling_the_limit_extends_it():
    # Treatment from 23:00 to 26:00: the limit is RT + 24h + 3h, as time stops at 23:00.
    trip = [
        ev("hospital_departed", "23:00", purpose="medical"),
        ev("hospital_returned", "26:00"),
    ]
    assert clock_of(booking(), *trip).after(24) == t("27:00")


def test_a_further_arrest_does_not_restart_the_clock():
    # Edge case 7: a further arrest 20 hours in keeps the original relevant time.
    events = [
        ev("further_arrest", "20:00", offences=["O1"]),
        *reviews_every_eight_hours(26),
        released("24:30"),
    ]
    assert limits_found(*events) == [("PACE-LIMIT-24", "24:00")]


def test_a_valid_extension_moves_the_limit_to_its_until():
    events = [*reviews_every_eight_hours(36), extension("22:00", until="34:00"), released("34:00")]
    assert limits_found(*events) == []
    events[-1] = released("34:10")
    assert limits_found(*events) == [("PACE-LIMIT-36", "34:00")]


def test_invalid_extensions_are_reported_and_the_24_hour_limit_stays():
    # Edge case 11, every way an extension can fail.
    reviews = reviews_every_eight_hours(30)  # reviews at 5:00, 13:00, 21:00, 29:00
    cases = {
        "before the second review": ([*reviews, extension("12:00")], {}),
        "too late": ([*reviews, extension("24:05")], {}),
        "summary-only offence": ([*reviews, extension("22:00")], {"offences": SUMMARY_ONLY}),
        "chief inspector": ([*reviews, extension("22:00", by=CHIEF_INSPECTOR)], {}),
        "beyond 36 hours": ([*reviews, extension("22:00", until="36:01")], {}),
    }
    for name, (events, kw) in cases.items():
        at = "24:05" if name == "too late" else events[-1]["at"]
        result = limits_found(*events, released("25:00"), **kw)
        ext_at = "24:05" if name == "too late" else ("12:00" if "second" in name else "22:00")
        assert result == sorted(
            [("PACE-EXT-36", ext_at), ("PACE-LIMIT-24", "24:00")], key=lambda f: t(f[1])
        ), (name, at, result)


def test_invalid_extension_message_names_every_fault():
    rec = record(
        booking(),
        extension("12:00", by=CHIEF_INSPECTOR, until="40:00"),
        released("20:00"),
        offences=SUMMARY_ONLY,
    )
    [f] = [f for f in assessed(rec).findings if f.rule == "PACE-EXT-36"]
    assert f.message == (
        "Extension given 08:00 GMT on 13 Jan does not count: authorised by a chief inspector; "
        "no offence is indictable; given before the second review; "
        "runs beyond 36 hours after the relevant time"
    )


def test_warrant_issued_after_an_extension_sets_the_limit():
    # Edge case 12: extension to 36h, warrant issued at RT+32h for 36 hours → RT+68h.
    events = [
        *reviews_every_eight_hours(70),
        extension("22:00", until="36:00"),
        ev("warrant_applied", "30:00", id="app"),
        ev("warrant_issued", "32:00", id="wfd", until="68:00"),
        released("68:00"),
    ]
    assert limits_found(*events) == []
    events[-1] = released("69:00")
    assert limits_found(*events) == [("PACE-LIMIT-WARRANT", "68:00")]
    clock = clock_of(booking(), *events)
    assert clock.limit is not None
    assert clock.limit.events == ["app", "wfd"]


def test_warrants_never_run_past_96_hours():
    events = [
        *reviews_every_eight_hours(100),
        extension("22:00", until="36:00"),
        ev("warrant_applied", "30:00"),
        ev("warrant_issued", "32:00", until="68:00"),
        ev("warrant_extended", "66:00", until="96:00"),
        released("96:00"),
    ]
    assert limits_found(*events) == []
    events[-2] = ev("warrant_extended", "66:00", until="97:00")
    events[-1] = released("97:00")
    assert limits_found(*events) == [("PACE-LIMIT-96", "96:00"), ("PACE-LIMIT-WARRANT", "96:00")]


def test_a_late_warrant_application_does_not_count():
    # Edge case 12: application at RT+37h with a court sitting → invalid; the extension's limit
    # (36h) is the one passed.
    events = [
        *reviews_every_eight_hours(50),
        extension("22:00", until="36:00"),
        ev("warrant_applied", "37:00"),
        ev("warrant_issued", "38:00", until="60:00"),
        released("40:00"),
    ]
    assert limits_found(*events) == [("PACE-LIMIT-36", "36:00"), ("PACE-WFD-1", "37:00")]


def test_court_not_sitting_allows_six_more_hours_to_apply():
    base = [*reviews_every_eight_hours(50), extension("22:00", until="36:00")]
    in_time = [
        *base,
        ev("warrant_applied", "41:00", court_not_sitting=True),
        ev("warrant_issued", "41:30", until="60:00"),
        released("50:00"),
    ]
    assert limits_found(*in_time) == []
    too_late = [
        *base,
        ev("warrant_applied", "42:01", court_not_sitting=True),
        ev("warrant_issued", "42:30", until="60:00"),
        released("50:00"),
    ]
    assert limits_found(*too_late) == [("PACE-LIMIT-36", "36:00"), ("PACE-WFD-1", "42:01")]


def test_a_warrant_extension_needs_a_warrant():
    events = [
        *reviews_every_eight_hours(50),
        extension("22:00", until="36:00"),
        ev("warrant_applied", "30:00"),
        ev("warrant_extended", "32:00", until="60:00"),
        released("40:00"),
    ]
    assert limits_found(*events) == [("PACE-LIMIT-36", "36:00")]


def test_a_warrant_cannot_rescue_detention_past_an_expired_limit():
    # Reading: no extension, so detention lapsed at 24h; an application at 30h is within the
    # 36 hours s.43(5) allows, but the hours from 24h were already unauthorised.
    events = [
        *reviews_every_eight_hours(50),
        ev("warrant_applied", "30:00"),
        ev("warrant_issued", "31:00", until="60:00"),
        released("40:00"),
    ]
    assert limits_found(*events) == [("PACE-LIMIT-24", "24:00")]


def test_a_warrant_applied_for_in_time_sets_the_limit_without_an_extension():
    events = [
        *reviews_every_eight_hours(50),
        ev("warrant_applied", "20:00"),
        ev("warrant_issued", "23:00", until="48:00"),
        released("40:00"),
    ]
    assert limits_found(*events) == []


def test_charge_stops_the_pre_charge_clock():
    charged = ev("charged", "23:00", id="chg", by=SERGEANT, offences=["O1"])
    events = [*reviews_every_eight_hours(40), charged, released("40:00")]
    assert limits_found(*events) == []
    events[-2] = ev("charged", "24:30", id="chg", by=SERGEANT, offences=["O1"])
    rec = record(booking(), *events)
    [f] = [f for f in assessed(rec).findings if f.rule in LIMIT_RULES]
    assert (f.rule, f.message, f.events) == (
        "PACE-LIMIT-24",
        "The 24-hour limit fell at 20:00 GMT on 13 Jan; charged at 20:30 GMT (30 min over)",
        ["arrive", "chg"],
    )


def test_open_record_past_its_limit_is_a_finding_and_an_overdue_obligation():
    a = assessed(record(booking(), *reviews_every_eight_hours(26)), "25:00")
    assert ("PACE-LIMIT-24", t("24:00")) in [(f.rule, f.at) for f in a.findings]
    [limit] = [o for o in a.obligations if o.rule == "PACE-LIMIT-24"]
    assert limit.due == t("24:00")
    assert limit.message == "Charge or release by 20:00 GMT on 13 Jan (24-hour limit)"
    assert a.clock is not None
    assert a.clock.limit == t("24:00")
    assert a.clock.elapsed == dt.timedelta(hours=25)


def test_open_record_before_its_limit_has_an_obligation_only():
    a = assessed(record(booking(), *reviews_every_eight_hours(20)), "20:00")
    assert [f for f in a.findings if f.rule in LIMIT_RULES] == []
    assert [o.due for o in a.obligations if o.rule == "PACE-LIMIT-24"] == [t("24:00")]


def test_the_autumn_clock_change_does_not_add_an_hour():
    # Edge case 10: arrival 2025-10-26 00:30 BST (23:30Z on the 25th): the 24-hour limit is
    # 2025-10-26T23:30Z (23:30 GMT), not 00:30 on the 27th.
    arrival = dt.datetime(2025, 10, 25, 23, 30, tzinfo=dt.UTC)
    rec = record(
        ev("arrived", arrival, station="HOLD-A"),
        ev("detention_authorised", arrival, by=SERGEANT, grounds="other"),
    )
    clock = DetentionClock(Timeline(rec, arrival + dt.timedelta(hours=1)))
    assert clock.after(24) == dt.datetime(2025, 10, 26, 23, 30, tzinfo=dt.UTC)


def test_no_arrival_no_clock():
    rec = record(ev("arrested", "0:00", place="elsewhere", offences=["O1"]))
    a = assessed(rec, "30:00")
    assert a.clock is None
    assert [f for f in a.findings if f.rule in LIMIT_RULES] == []
