"""Mental Health Act s.136 at a police station (MHA-136-1 … MHA-136-5) and its obligations."""

import datetime as dt

from tests.builders import (
    CHIEF_INSPECTOR,
    DOCTOR,
    HCP,
    INSPECTOR,
    SERGEANT,
    SUPERINTENDENT,
    assessed,
    ev,
    found,
    record,
    t,
)

MHA_RULES = ("MHA-136-1", "MHA-136-2", "MHA-136-3", "MHA-136-4", "MHA-136-5")
ADULT = {"birth_date": "1990-01-01"}


def hm(minutes):
    return f"{minutes // 60}:{minutes % 60:02d}"


def arrival(when="0:00"):
    return ev("arrived", when, id="arrive", station="HOLD-A")


def authorised(when="0:00", by=INSPECTOR, imminent_risk=True, **fields):
    return ev("s136_police_station_authorised", when, by=by, imminent_risk=imminent_risk, **fields)


def welfare_checks(until, start=30, every=30):
    """An HCP welfare check every ``every`` minutes from ``start`` up to ``until`` (minutes)."""
    return [ev("hcp_welfare_check", hm(m), by=HCP) for m in range(start, until + 1, every)]


def extension(when, until, by=DOCTOR, approved_by=SUPERINTENDENT, **fields):
    if approved_by is not None:
        fields["approved_by"] = approved_by
    return ev("s136_extension_authorised", when, by=by, until=until, **fields)


def released(when):
    return ev("released", when, id="out", by=SERGEANT, outcome="other")


def s136(*events, detainee=ADULT):
    return record(*events, regime="mha_s136", offences=[], detainee=detainee)


def mha_found(*events, at="200:00", rules=MHA_RULES, detainee=ADULT):
    return found(s136(*events, detainee=detainee), at, *rules)


def only(rule, *events, at="200:00", detainee=ADULT):
    """The single finding of ``rule``."""
    (finding,) = [
        f for f in assessed(s136(*events, detainee=detainee), at).findings if f.rule == rule
    ]
    return finding


def obligations(*events, at, detainee=ADULT):
    result = assessed(s136(*events, detainee=detainee), at)
    return [(o.rule, o.due, o.message) for o in result.obligations if o.rule in MHA_RULES]


def test_a_compliant_detention_has_no_finding():
    events = [arrival(), authorised("-0:10"), *welfare_checks(6 * 60), released("6:00")]
    assert mha_found(*events) == []


# MHA-136-1: the 24-hour period


def test_the_period_is_24_hours_from_the_first_arrival():
    assert mha_found(arrival(), released("24:00"), rules=["MHA-136-1"]) == []
    assert mha_found(arrival(), released("24:01"), rules=["MHA-136-1"]) == [("MHA-136-1", "24:00")]


def test_moving_between_places_of_safety_does_not_restart_the_clock():
    events = [arrival(), ev("arrived", "3:00", station="HOLD-B"), released("24:30")]
    assert mha_found(*events, rules=["MHA-136-1"]) == [("MHA-136-1", "24:00")]


def test_a_valid_extension_moves_the_limit_to_its_end():
    ext = extension("23:00", "36:00")
    assert mha_found(arrival(), ext, released("36:00"), rules=["MHA-136-1"]) == []
    assert mha_found(arrival(), ext, released("36:01"), rules=["MHA-136-1"]) == [
        ("MHA-136-1", "36:00")
    ]


def test_an_invalid_extension_leaves_the_24_hour_limit_in_force():
    # Edge case 15: a doctor's extension without a superintendent's approval is invalid.
    events = [arrival(), extension("23:00", "35:00", approved_by=None), released("30:00")]
    assert mha_found(*events, rules=["MHA-136-1", "MHA-136-2"]) == [
        ("MHA-136-2", "23:00"),
        ("MHA-136-1", "24:00"),
    ]


def test_the_latest_valid_extension_sets_the_limit():
    shortened = [extension("20:00", "36:00"), extension("22:00", "30:00")]
    lengthened = [extension("20:00", "30:00"), extension("22:00", "36:00")]
    assert mha_found(arrival(), *shortened, released("33:00"), rules=["MHA-136-1"]) == [
        ("MHA-136-1", "30:00")
    ]
    assert mha_found(arrival(), *lengthened, released("33:00"), rules=["MHA-136-1"]) == []


def test_an_extension_ending_before_24_hours_is_the_limit():
    events = [arrival(), extension("10:00", "20:00"), released("21:00")]
    assert mha_found(*events, rules=["MHA-136-1"]) == [("MHA-136-1", "20:00")]


def test_an_extension_given_after_the_episode_ended_does_not_change_the_limit():
    events = [arrival(), released("21:00"), extension("22:00", "20:00")]
    assert mha_found(*events, rules=["MHA-136-1"]) == []


def test_the_limit_is_24_elapsed_hours_across_the_clocks_going_back():
    # Arrival 00:30 BST on 25 Oct 2026 (23:30 UTC on 24 Oct); the clocks go back at 02:00 BST.
    arrive = dt.datetime(2026, 10, 24, 23, 30, tzinfo=dt.UTC)
    events = [
        ev("arrived", arrive, id="arrive", station="HOLD-A"),
        ev("released", arrive + dt.timedelta(hours=24, minutes=5), by=SERGEANT, outcome="other"),
    ]
    finding = only("MHA-136-1", *events, at=arrive + dt.timedelta(days=3))
    assert finding.at == arrive + dt.timedelta(hours=24)
    assert finding.message == (
        "The 24-hour s.136 period ran out at 23:30 GMT on 25 Oct; released at 23:35 GMT "
        "(5 min over)"
    )


def test_period_messages():
    assert only("MHA-136-1", arrival(), released("25:30")).message == (
        "The 24-hour s.136 period ran out at 20:00 GMT on 13 Jan; released at 21:30 GMT "
        "(1 h 30 min over)"
    )
    finding = only("MHA-136-1", arrival(), extension("23:00", "30:00", id="x1"), at="31:00")
    assert finding.message == (
        "The s.136 extension ran out at 02:00 GMT on 14 Jan; still held at 03:00 GMT (1 h over)"
    )
    assert (finding.due, finding.events, finding.severity) == (t("30:00"), ["x1"], "breach")


def test_open_records_show_the_limit_in_force():
    assert (
        "MHA-136-1",
        t("24:00"),
        "Detention under s.136 must end by 20:00 GMT on 13 Jan (24-hour s.136 period)",
    ) in obligations(arrival(), at="2:00")
    ext = extension("23:00", "34:00")
    assert (
        "MHA-136-1",
        t("34:00"),
        "Detention under s.136 must end by 06:00 GMT on 14 Jan (s.136 extension)",
    ) in obligations(arrival(), ext, at="23:30")


def test_an_overdue_limit_is_both_an_obligation_and_a_finding():
    assert mha_found(arrival(), at="24:30", rules=["MHA-136-1"]) == [("MHA-136-1", "24:00")]
    assert [o[:2] for o in obligations(arrival(), at="24:30") if o[0] == "MHA-136-1"] == [
        ("MHA-136-1", t("24:00"))
    ]


def test_closed_records_have_no_obligations():
    assert obligations(arrival(), released("1:00"), at="2:00") == []


# MHA-136-2: extensions


def test_an_extension_must_come_from_a_doctor_with_a_superintendents_approval():
    assert mha_found(arrival(), extension("20:00", "30:00"), rules=["MHA-136-2"]) == []
    assert mha_found(arrival(), extension("20:00", "30:00", by=HCP), rules=["MHA-136-2"]) == [
        ("MHA-136-2", "20:00")
    ]
    below = extension("20:00", "30:00", approved_by=CHIEF_INSPECTOR)
    assert mha_found(arrival(), below, rules=["MHA-136-2"]) == [("MHA-136-2", "20:00")]
    chief_super = {"id": "CS1", "rank": "chief_superintendent", "role": "other"}
    above = extension("20:00", "30:00", approved_by=chief_super)
    assert mha_found(arrival(), above, rules=["MHA-136-2"]) == []


def test_an_extension_must_be_given_within_24_hours():
    assert mha_found(arrival(), extension("24:00", "30:00"), rules=["MHA-136-2"]) == []
    assert mha_found(arrival(), extension("24:01", "30:00"), rules=["MHA-136-2"]) == [
        ("MHA-136-2", "24:01")
    ]


def test_an_extension_may_run_to_36_hours_at_most():
    assert mha_found(arrival(), extension("20:00", "36:00"), rules=["MHA-136-2"]) == []
    assert mha_found(arrival(), extension("20:00", "36:01"), rules=["MHA-136-2"]) == [
        ("MHA-136-2", "20:00")
    ]


def test_one_finding_per_extension_names_every_fault():
    events = [arrival(), extension("24:01", "36:30", by=HCP, approved_by=None, id="x1")]
    finding = only("MHA-136-2", *events)
    assert finding.message == (
        "Extension of s.136 detention given 20:01 GMT on 13 Jan does not count: not authorised "
        "by a doctor; not approved by a superintendent or above; given after the 24 hours ran out "
        "at 20:00 GMT; runs beyond 36 hours from arrival (08:00 GMT on 14 Jan)"
    )
    assert (finding.at, finding.due, finding.events) == (t("24:01"), None, ["x1"])
    below = extension("20:00", "30:00", approved_by=INSPECTOR)
    assert only("MHA-136-2", arrival(), below).message == (
        "Extension of s.136 detention given 16:00 GMT on 13 Jan does not count: approved by an "
        "inspector, not a superintendent or above"
    )


# MHA-136-3: children


def test_a_child_at_a_police_station_is_an_absolute_breach():
    # Edge case 15: a 16-year-old under s.136 at a police station; an authorisation cannot cure it.
    sixteen = {"birth_date": "2009-06-01"}
    events = [arrival(), authorised("-0:10"), released("2:00")]
    assert mha_found(*events, detainee=sixteen, rules=["MHA-136-3", "MHA-136-4"]) == [
        ("MHA-136-3", "0:00")
    ]
    finding = only("MHA-136-3", *events, detainee=sixteen)
    assert finding.message == (
        "A 16-year-old was held at the police station as a place of safety from 20:00 GMT on "
        "12 Jan; a police station is never a place of safety for anyone under 18"
    )
    assert finding.events == ["arrive"]


def test_age_18_on_the_day_of_arrival_is_an_adult():
    # BASE is 12 Jan 2026: born 12 Jan 2008 is 18 that day, born 13 Jan 2008 is still 17.
    events = [arrival(), authorised("-0:10"), released("2:00")]
    rules = ["MHA-136-3", "MHA-136-4"]
    assert mha_found(*events, detainee={"birth_date": "2008-01-12"}, rules=rules) == []
    assert mha_found(*events, detainee={"birth_date": "2008-01-13"}, rules=rules) == [
        ("MHA-136-3", "0:00")
    ]
    assert mha_found(*events, detainee={"apparent_age": 17}, rules=rules) == [("MHA-136-3", "0:00")]


# MHA-136-4: adults need an inspector's authorisation at or before arrival


def test_an_adult_needs_an_inspectors_authorisation_of_imminent_risk():
    rules = ["MHA-136-4"]
    assert mha_found(arrival(), released("2:00"), rules=rules) == [("MHA-136-4", "0:00")]
    assert mha_found(arrival(), authorised("0:00"), released("2:00"), rules=rules) == []
    assert mha_found(arrival(), authorised("-0:30"), released("2:00"), rules=rules) == []
    chief = authorised("0:00", by=CHIEF_INSPECTOR)
    assert mha_found(arrival(), chief, released("2:00"), rules=rules) == []


def test_a_late_low_ranking_or_riskless_authorisation_does_not_count():
    rules = ["MHA-136-4"]
    for auth in (
        authorised("0:01"),
        authorised("0:00", by=SERGEANT),
        authorised("0:00", imminent_risk=False),
    ):
        assert mha_found(arrival(), auth, released("2:00"), rules=rules) == [("MHA-136-4", "0:00")]


def test_a_valid_authorisation_among_invalid_ones_counts():
    auths = [authorised("-0:20", by=SERGEANT), authorised("-0:10"), authorised("0:30")]
    assert mha_found(arrival(), *auths, released("2:00"), rules=["MHA-136-4"]) == []


def test_authorisation_messages():
    assert only("MHA-136-4", arrival(), released("2:00")).message == (
        "Adult held at the police station as a place of safety from 20:00 GMT on 12 Jan with no "
        "authorisation recorded"
    )
    finding = only(
        "MHA-136-4",
        arrival(),
        authorised("-0:10", by=SERGEANT, imminent_risk=False, id="a1"),
        released("2:00"),
    )
    assert finding.message == (
        "Adult held at the police station as a place of safety from 20:00 GMT on 12 Jan without "
        "a valid authorisation: the one at 19:50 GMT was by a sergeant and recorded no imminent "
        "risk of serious injury or death"
    )
    assert finding.events == ["arrive", "a1"]
    late = only("MHA-136-4", arrival(), authorised("0:15"), released("2:00"))
    assert late.message.endswith("the one at 20:15 GMT came after arrival")


# MHA-136-5: HCP welfare checks every 30 minutes


def test_a_check_is_due_30_minutes_after_arrival():
    rules = ["MHA-136-5"]
    assert mha_found(arrival(), *welfare_checks(60), released("1:30"), rules=rules) == []
    late_first = [arrival(), *welfare_checks(61, start=31), released("1:01")]
    assert mha_found(*late_first, rules=rules) == [("MHA-136-5", "0:30")]


def test_each_check_is_due_30_minutes_after_the_previous_one():
    events = [arrival(), *welfare_checks(60), ev("hcp_welfare_check", "1:31", by=HCP)]
    assert mha_found(*events, released("2:00"), rules=["MHA-136-5"]) == [("MHA-136-5", "1:30")]


def test_the_last_check_must_be_within_30_minutes_of_the_end():
    rules = ["MHA-136-5"]
    assert mha_found(arrival(), *welfare_checks(60), released("1:30"), rules=rules) == []
    assert mha_found(arrival(), *welfare_checks(60), released("1:31"), rules=rules) == [
        ("MHA-136-5", "1:30")
    ]


def test_a_long_gap_is_one_finding():
    events = [
        arrival(),
        ev("hcp_welfare_check", "0:30", by=HCP),
        ev("hcp_welfare_check", "3:00", by=HCP),
    ]
    assert mha_found(*events, released("3:20"), rules=["MHA-136-5"]) == [("MHA-136-5", "1:00")]


def test_checks_before_arrival_or_after_the_end_do_not_count():
    events = [ev("hcp_welfare_check", "-0:10", by=HCP), arrival(), released("0:40")]
    after = ev("hcp_welfare_check", "0:45", by=HCP)
    assert mha_found(*events, after, rules=["MHA-136-5"]) == [("MHA-136-5", "0:30")]
    assert only("MHA-136-5", *events, after).message == (
        "First HCP welfare check due 20:30 GMT on 12 Jan; none before custody ended at 20:40 GMT"
    )


def test_welfare_messages():
    events = [arrival(), ev("hcp_welfare_check", "0:45", by=HCP, id="w1"), released("1:30")]
    first = [f for f in assessed(s136(*events)).findings if f.rule == "MHA-136-5"]
    assert [(f.message, f.events) for f in first] == [
        (
            "First HCP welfare check due 20:30 GMT on 12 Jan; next check 20:45 GMT (15 min late)",
            ["arrive", "w1"],
        ),
        (
            "HCP welfare check due 21:15 GMT on 12 Jan; none before custody ended at 21:30 GMT",
            ["w1", "out"],
        ),
    ]
    still_held = only("MHA-136-5", arrival(), ev("hcp_welfare_check", "0:30", by=HCP), at="1:15")
    assert still_held.message == (
        "HCP welfare check due 21:00 GMT on 12 Jan; none by 21:15 GMT (15 min overdue)"
    )
    assert (still_held.at, still_held.due) == (t("1:00"), t("1:00"))


def test_open_records_show_the_next_welfare_check():
    assert ("MHA-136-5", t("0:30"), "First HCP welfare check due 20:30 GMT on 12 Jan") in (
        obligations(arrival(), at="0:10")
    )
    assert ("MHA-136-5", t("1:20"), "Next HCP welfare check due 21:20 GMT on 12 Jan") in (
        obligations(arrival(), ev("hcp_welfare_check", "0:50", by=HCP), at="1:00")
    )


def test_an_overdue_welfare_check_is_both_an_obligation_and_a_finding():
    events = [arrival(), ev("hcp_welfare_check", "0:30", by=HCP)]
    assert ("MHA-136-5", t("1:00"), "HCP welfare check overdue since 21:00 GMT on 12 Jan") in (
        obligations(*events, at="1:01")
    )
    assert mha_found(*events, at="1:01", rules=["MHA-136-5"]) == [("MHA-136-5", "1:00")]
    # Exactly at the deadline nothing is overdue yet.
    assert mha_found(*events, at="1:00", rules=["MHA-136-5"]) == []


def test_every_past_due_obligation_has_a_matching_finding():
    events = [
        arrival(),
        extension("23:00", "30:00", approved_by=None),
        *welfare_checks(20 * 60),
    ]
    for at in ("0:29", "0:31", "20:45", "24:00", "24:01", "40:00"):
        result = assessed(s136(*events), at)
        findings = {(f.rule, f.at) for f in result.findings}
        for o in result.obligations:
            if o.rule in MHA_RULES and o.due < result.at:
                assert (o.rule, o.due) in findings, (at, o)


# Scope


def test_only_s136_records_are_covered():
    events = [
        ev("arrested", "-0:30", place="elsewhere", offences=["O1"]),
        arrival(),
        ev("detention_authorised", "0:10", by=SERGEANT, grounds="other"),
        released("30:00"),
    ]
    assert found(record(*events), "200:00", *MHA_RULES) == []
    assert found(s136(ev("hcp_welfare_check", "0:30", by=HCP)), "200:00", *MHA_RULES) == []
