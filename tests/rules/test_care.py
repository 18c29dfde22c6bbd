"""Care in the cell: visits and rousing (PACE-CARE-1/2), failed rousing (PACE-CARE-3),
observation after an intoxication finding (APP-OBS-2), meals (PACE-COND-5) and rest (PACE-REST-1).

DA in ``booking()`` is at 0:10 (20:10 GMT on 12 Jan), so the first hourly visit is due at 1:10.
"""

import pytest

from bridewell.rules.catalogue import RULES
from bridewell.rules.checks.care import READINGS
from tests.builders import (
    DETENTION_OFFICER,
    SERGEANT,
    assessed,
    booking,
    ev,
    found,
    record,
    t,
)

CARE_RULES = tuple(r.id for r in RULES if r.family == "care")
VISITS = ("PACE-CARE-1", "PACE-CARE-2")


def visit(when, *, roused=False, **fields):
    return ev("cell_visit", when, by=DETENTION_OFFICER, roused=roused, **fields)


def roused(when, **fields):
    return visit(when, roused=True, response="responded", **fields)


def risk(when, *, intoxicated=False, swallowed_drugs=False, **fields):
    return ev(
        "risk_assessed",
        when,
        by=SERGEANT,
        stage="initial",
        intoxicated=intoxicated,
        swallowed_drugs=swallowed_drugs,
        **fields,
    )


def level(when, n, **fields):
    return ev("observation_level_set", when, by=SERGEANT, level=n, reason="risk", **fields)


def interview(start, end):
    return [ev("interview_started", start), ev("interview_ended", end)]


def hospital(start, end, purpose="medical"):
    return [ev("hospital_departed", start, purpose=purpose), ev("hospital_returned", end)]


def released(when):
    return ev("released", when, id="out", by=SERGEANT, outcome="bail")


def care(*events, at="200:00", rules=VISITS, **kwargs):
    """Findings of the given care rules for a record built from ``events``."""
    return found(record(*events, **kwargs), at, *rules)


def messages(*events, at="200:00", rule="PACE-CARE-1", **kwargs):
    return [f.message for f in assessed(record(*events, **kwargs), at).findings if f.rule == rule]


def obligations(*events, at, **kwargs):
    rec = record(*events, **kwargs)
    return [(o.rule, o.due, o.message) for o in assessed(rec, at).obligations if o.rule in VISITS]


# PACE-CARE-1: hourly visits


def test_hourly_visits_exactly_on_time_meet_each_deadline():
    assert care(booking(), visit("1:10"), visit("2:10"), visit("3:10"), released("3:30")) == []


def test_a_visit_one_minute_late_is_a_lapse_at_the_deadline():
    assert care(booking(), visit("1:11"), released("2:00")) == [("PACE-CARE-1", "1:10")]


def test_one_finding_per_lapse_and_the_timer_restarts_at_the_late_visit():
    events = [booking(), visit("4:00"), visit("5:00"), released("5:30")]
    assert care(*events) == [("PACE-CARE-1", "1:10")]
    events = [booking(), visit("4:00"), visit("5:01"), released("5:30")]
    assert care(*events) == [("PACE-CARE-1", "1:10"), ("PACE-CARE-1", "5:00")]


def test_lapse_message_names_the_late_visit_and_the_day_when_it_changes():
    assert messages(booking(), visit("4:00", id="v1"), released("4:30")) == [
        "Cell visit due 21:10 GMT on 12 Jan; next visit 00:00 GMT on 13 Jan (2 h 50 min late)"
    ]
    rec = record(booking(), visit("4:00", id="v1"), released("4:30"))
    [finding] = [f for f in assessed(rec).findings if f.rule == "PACE-CARE-1"]
    assert (finding.at, finding.due, finding.events) == (t("1:10"), t("1:10"), ["da", "v1"])


def test_a_deadline_falling_when_custody_ends_is_met():
    assert care(booking(), released("1:10")) == []
    assert care(booking(), released("1:11")) == [("PACE-CARE-1", "1:10")]
    assert messages(booking(), released("1:11")) == [
        "Cell visit due 21:10 GMT on 12 Jan; none before custody ended at 21:11 GMT (1 min later)"
    ]


def test_a_visit_exactly_at_the_end_of_custody_closes_the_lapse():
    assert messages(booking(), visit("1:30"), released("1:30")) == [
        "Cell visit due 21:10 GMT on 12 Jan; next visit 21:30 GMT (20 min late)"
    ]


def test_the_timer_is_suspended_during_an_interview_and_restarts_when_it_ends():
    events = [booking(), visit("0:40"), interview("1:00", "2:30")]
    assert care(*events, visit("3:30"), released("3:45")) == []
    assert care(*events, visit("3:31"), released("3:45")) == [("PACE-CARE-1", "3:30")]


@pytest.mark.parametrize("purpose", ["medical", "investigative"])
def test_any_hospital_trip_is_an_absence(purpose):
    events = [booking(), hospital("0:30", "3:00", purpose)]
    assert care(*events, visit("4:00"), released("4:30")) == []
    assert care(*events, visit("4:01"), released("4:30")) == [("PACE-CARE-1", "4:00")]


def test_a_deadline_missed_before_an_interview_is_still_a_lapse():
    events = [booking(), interview("1:20", "1:50"), visit("2:50"), released("3:00")]
    assert care(*events) == [("PACE-CARE-1", "1:10")]
    assert messages(*events) == [
        "Cell visit due 21:10 GMT on 12 Jan; none before the detainee left the cell for "
        "interview at 21:20 GMT (10 min later)"
    ]


def test_leaving_the_cell_exactly_at_the_deadline_meets_it():
    assert care(booking(), interview("1:10", "1:50"), visit("2:50"), released("3:00")) == []


def test_open_record_shows_the_next_visit_and_an_overdue_one_also_as_a_finding():
    events = [booking(), visit("0:40")]
    assert care(*events, at="1:40") == []
    assert obligations(*events, at="1:40") == [
        ("PACE-CARE-1", t("1:40"), "Cell visit due 21:40 GMT on 12 Jan")
    ]
    assert care(*events, at="1:41") == [("PACE-CARE-1", "1:40")]
    assert obligations(*events, at="1:41") == [
        ("PACE-CARE-1", t("1:40"), "Cell visit overdue since 21:40 GMT on 12 Jan")
    ]
    assert messages(*events, at="1:41") == [
        "Cell visit due 21:40 GMT on 12 Jan; none by 21:41 GMT (1 min overdue)"
    ]


def test_no_visit_obligation_while_out_of_the_cell_or_for_an_ended_record():
    assert obligations(booking(), interview("0:30", "5:00"), at="2:00") == []
    assert obligations(booking(), released("0:30"), at="2:00") == []


def test_constant_observation_stops_the_timer_until_the_level_drops():
    events = [booking(), level("0:30", 3), level("5:00", 1)]
    assert care(*events, visit("6:00"), released("6:30")) == []
    assert care(*events, visit("6:01"), released("6:30")) == [("PACE-CARE-1", "6:00")]
    assert obligations(booking(), level("0:30", 4), at="5:00") == []


def test_a_lapse_before_constant_observation_began_is_reported():
    events = [booking(), level("1:30", 3), released("3:00")]
    assert care(*events) == [("PACE-CARE-1", "1:10")]
    assert messages(*events) == [
        "Cell visit due 21:10 GMT on 12 Jan; none before constant observation began at "
        "21:30 GMT (20 min later)"
    ]


def test_level_changes_during_an_absence_take_effect_when_it_ends():
    events = [booking(), interview("1:00", "3:00"), level("1:30", 3), level("2:30", 1)]
    assert care(*events, visit("4:00"), released("4:30")) == []
    assert care(*events, visit("4:01"), released("4:30")) == [("PACE-CARE-1", "4:00")]
    assert care(booking(), interview("1:00", "3:00"), level("1:30", 4), released("9:00")) == []


def test_the_timer_starts_at_detention_authorised():
    assert care(booking(authorised="0:50"), visit("1:50"), released("2:00")) == []
    arrival_only = [ev("arrived", "0:00", station="HOLD-A"), released("5:00")]
    assert care(*arrival_only) == []


def test_mha_s136_timer_starts_at_arrival():
    events = [ev("arrived", "0:00", station="HOLD-A"), released("1:01")]
    assert care(*events, regime="mha_s136", offences=[]) == [("PACE-CARE-1", "1:00")]


def test_tact_timer_starts_at_detention_authorised():
    events = [
        ev("arrived", "0:00", station="HOLD-A"),
        ev("detention_authorised", "0:20", by=SERGEANT, grounds="other"),
        released("1:21"),
    ]
    assert care(*events, regime="tact") == [("PACE-CARE-1", "1:20")]


# PACE-CARE-2: roused visits every 30 minutes


def test_intoxicated_before_authorisation_needs_a_roused_visit_30_min_after_da():
    events = [booking(), risk("0:05", intoxicated=True)]
    assert care(*events, roused("0:40"), roused("1:10"), released("1:30")) == []
    assert care(*events, roused("0:41"), released("1:00")) == [("PACE-CARE-2", "0:40")]


def test_visits_without_rousing_do_not_count_while_rousing_is_required():
    events = [booking(), risk("0:05", intoxicated=True), visit("0:30"), visit("1:00")]
    assert care(*events, roused("1:20"), released("1:30")) == [("PACE-CARE-2", "0:40")]


def test_swallowed_drugs_requires_rousing():
    events = [booking(), risk("0:05", swallowed_drugs=True), visit("0:41"), released("1:00")]
    assert care(*events) == [("PACE-CARE-2", "0:40")]


def test_a_stricter_requirement_brings_the_next_visit_forward_at_once():
    events = [booking(), visit("0:30"), risk("0:45", intoxicated=True)]
    assert care(*events, roused("1:15"), released("1:30")) == []
    assert care(*events, roused("1:16"), released("1:30")) == [("PACE-CARE-2", "1:15")]


def test_a_stricter_requirement_never_puts_the_next_visit_back():
    events = [booking(), visit("0:30"), risk("1:20", intoxicated=True)]
    assert care(*events, roused("1:30"), released("1:45")) == []
    assert care(*events, roused("1:31"), released("1:45")) == [("PACE-CARE-2", "1:30")]


def test_rousing_level_2_by_default_and_as_stated():
    assert care(booking(), level("0:05", 2), visit("0:41"), released("1:00")) == [
        ("PACE-CARE-2", "0:40")
    ]
    no_rousing = [booking(), level("0:05", 2, rousing=False)]
    assert care(*no_rousing, visit("1:10"), released("1:30")) == []
    level_1 = [booking(), level("0:05", 1, rousing=True)]
    assert care(*level_1, visit("1:10"), released("1:30")) == []


def test_the_message_for_a_missed_roused_visit():
    events = [booking(), level("0:20", 3), level("5:40", 2), roused("6:40", id="r1")]
    assert care(*events, released("7:00")) == [("PACE-CARE-2", "6:10")]
    assert messages(*events, released("7:00"), rule="PACE-CARE-2") == [
        "Roused visit due 02:10 GMT on 13 Jan; next roused visit 02:40 GMT (30 min late)"
    ]


def test_when_rousing_ends_the_hourly_cadence_runs_from_the_last_counting_visit():
    events = [booking(), risk("0:05", intoxicated=True), roused("0:40"), visit("0:50")]
    events.append(risk("1:00", intoxicated=False))
    assert care(*events, visit("1:40"), released("2:00")) == []
    assert care(*events, visit("1:41"), released("2:00")) == [("PACE-CARE-1", "1:40")]


def test_lowering_the_level_from_2_to_1_ends_rousing():
    events = [booking(), level("0:05", 2), roused("0:40"), level("1:00", 1)]
    assert care(*events, visit("1:40"), released("2:00")) == []
    assert care(*events, visit("1:41"), released("2:00")) == [("PACE-CARE-1", "1:40")]


def test_the_rule_follows_the_requirement_at_the_due_time():
    # Hourly visit due 1:10 missed; rousing required only from 1:30: an hourly lapse.
    events = [booking(), risk("1:30", intoxicated=True), roused("2:00"), released("2:20")]
    assert care(*events) == [("PACE-CARE-1", "1:10")]


def test_a_lapse_continues_until_a_visit_that_counts_under_the_new_requirement():
    events = [booking(), risk("1:30", intoxicated=True), visit("1:30"), roused("2:00")]
    assert messages(*events, released("2:20")) == [
        "Cell visit due 21:10 GMT on 12 Jan; next roused visit 22:00 GMT (50 min late)"
    ]


@pytest.mark.parametrize("flags", [(True, False), (False, True)])
def test_assessments_at_the_same_minute_are_read_protectively(flags):
    first, second = flags
    events = [booking(), risk("0:05", intoxicated=first), risk("0:05", intoxicated=second)]
    assert care(*events, visit("0:41"), released("1:00")) == [("PACE-CARE-2", "0:40")]


def test_a_rousing_obligation_for_an_open_record():
    events = [booking(), risk("0:05", intoxicated=True), roused("0:40", id="r1")]
    assert obligations(*events, at="0:50") == [
        ("PACE-CARE-2", t("1:10"), "Roused visit due 21:10 GMT on 12 Jan")
    ]
    [obligation] = [o for o in assessed(record(*events), "0:50").obligations if o.rule in VISITS]
    assert obligation.events == ["r1"]


# PACE-CARE-3: failed rousing


def not_responding(when, **fields):
    return visit(when, roused=True, response="no_response", **fields)


def test_no_response_needs_an_hcp_or_ambulance_within_5_minutes():
    events = [booking(), not_responding("1:00")]
    rules = ("PACE-CARE-3",)
    assert care(*events, ev("hcp_requested", "1:05"), rules=rules) == []
    assert care(*events, ev("ambulance_called", "1:05"), rules=rules) == []
    assert care(*events, ev("ambulance_called", "1:00"), rules=rules) == []
    assert care(*events, ev("hcp_requested", "1:06"), rules=rules) == [("PACE-CARE-3", "1:00")]
    assert care(*events, ev("hcp_requested", "0:59"), rules=rules) == [("PACE-CARE-3", "1:00")]
    assert care(booking(), roused("1:00"), rules=rules) == []


def test_failed_rousing_is_reported_only_once_the_5_minutes_have_passed():
    events = [booking(), not_responding("1:00")]
    assert care(*events, at="1:05", rules=("PACE-CARE-3",)) == []
    assert care(*events, at="1:06", rules=("PACE-CARE-3",)) == [("PACE-CARE-3", "1:00")]


def test_failed_rousing_message_names_a_late_call():
    events = [booking(), not_responding("1:00", id="v1"), ev("hcp_requested", "1:20", id="h1")]
    [finding] = [f for f in assessed(record(*events)).findings if f.rule == "PACE-CARE-3"]
    assert finding.message == (
        "No response at the cell visit 21:00 GMT on 12 Jan and no HCP or ambulance called "
        "within 5 min; HCP requested 21:20 GMT (20 min after)"
    )
    assert (finding.at, finding.due, finding.events) == (t("1:00"), t("1:05"), ["v1", "h1"])


# APP-OBS-2: level 2 after an intoxication finding


def obs(*events, at="200:00"):
    return care(booking(), *events, at=at, rules=("APP-OBS-2",))


def test_intoxicated_needs_level_2_within_30_minutes():
    assert obs(risk("1:00", intoxicated=True), level("1:30", 2)) == []
    assert obs(risk("1:00", intoxicated=True), level("1:31", 2)) == [("APP-OBS-2", "1:00")]
    assert obs(risk("1:00", intoxicated=True), level("1:10", 1)) == [("APP-OBS-2", "1:00")]
    assert obs(risk("1:00", swallowed_drugs=True)) == [("APP-OBS-2", "1:00")]
    assert obs(risk("1:00", intoxicated=True), level("1:10", 3)) == []
    assert obs(risk("1:00")) == []


def test_a_level_already_in_force_is_enough():
    assert obs(level("0:20", 2), risk("1:00", intoxicated=True)) == []
    assert obs(level("0:20", 1), risk("1:00", intoxicated=True)) == [("APP-OBS-2", "1:00")]
    lowered = [level("0:20", 2), level("0:50", 1), risk("1:00", intoxicated=True)]
    assert obs(*lowered) == [("APP-OBS-2", "1:00")]


def test_observation_finding_waits_for_the_30_minutes_to_pass():
    assert obs(risk("1:00", intoxicated=True), at="1:30") == []
    assert obs(risk("1:00", intoxicated=True), at="1:31") == [("APP-OBS-2", "1:00")]


def test_observation_message():
    events = [booking(), risk("1:00", intoxicated=True, id="r1"), level("2:00", 2, id="l1")]
    [finding] = [f for f in assessed(record(*events)).findings if f.rule == "APP-OBS-2"]
    assert finding.message == (
        "Risk assessment 21:00 GMT on 12 Jan found the detainee intoxicated, but no observation "
        "level of 2 or above was set within 30 min; level 2 set 22:00 GMT (1 h after)"
    )
    assert (finding.at, finding.due, finding.events) == (t("1:00"), t("1:30"), ["r1", "l1"])
    [finding] = [
        f
        for f in assessed(record(booking(), risk("1:00", swallowed_drugs=True))).findings
        if f.rule == "APP-OBS-2"
    ]
    assert finding.message == (
        "Risk assessment 21:00 GMT on 12 Jan found the detainee to have swallowed drugs, but no "
        "observation level of 2 or above was set within 30 min"
    )


# PACE-COND-5: meals


def meal(when, kind, **fields):
    return ev("meal_offered", when, kind=kind, **fields)


def meals(*events):
    return care(booking(), *events, rules=("PACE-COND-5",))


DAY_OF_MEALS = [meal("2:00", "light"), meal("8:00", "light", accepted=False), meal("14:00", "main")]


def test_two_light_and_one_main_meal_in_each_24_hours():
    assert meals(*DAY_OF_MEALS, released("24:10")) == []
    assert meals(*DAY_OF_MEALS[1:], released("24:10")) == [("PACE-COND-5", "24:10")]
    assert meals(*DAY_OF_MEALS[:2], released("24:10")) == [("PACE-COND-5", "24:10")]


def test_only_complete_windows_are_judged():
    assert meals(released("24:09")) == []
    assert meals(released("24:10")) == [("PACE-COND-5", "24:10")]
    assert care(booking(), at="24:10", rules=("PACE-COND-5",)) == [("PACE-COND-5", "24:10")]
    assert care(booking(), at="24:09", rules=("PACE-COND-5",)) == []


def test_a_meal_at_the_window_end_belongs_to_the_next_window():
    events = [*DAY_OF_MEALS[:2], meal("24:10", "main"), released("48:10")]
    assert meals(*events) == [("PACE-COND-5", "24:10"), ("PACE-COND-5", "48:10")]


def test_meals_message():
    [finding] = [
        f
        for f in assessed(
            record(booking(), meal("2:00", "light", id="m1"), released("24:10"))
        ).findings
        if f.rule == "PACE-COND-5"
    ]
    assert finding.message == (
        "In the 24 h to 20:10 GMT on 13 Jan the detainee was offered 1 light meal and no main "
        "meal; at least 2 light meals and 1 main meal are needed"
    )
    assert finding.events == ["da", "m1"]


# PACE-REST-1: 8 hours' rest in 24


def rest(*events, at="200:00", **kwargs):
    return care(*events, at=at, rules=("PACE-REST-1",), **kwargs)


def interruption(when, code, **fields):
    return ev("rest_interrupted", when, code=code, reason="test", **fields)


def test_eight_continuous_hours_free_of_interviews_in_each_24():
    ok = [interview("3:00", "4:00"), interview("12:00", "13:00"), interview("20:00", "21:00")]
    assert rest(booking(), *ok, released("24:00")) == []
    short = [interview("3:00", "4:00"), interview("11:59", "13:00"), interview("20:00", "21:00")]
    assert rest(booking(), *short, released("24:00")) == [("PACE-REST-1", "24:00")]
    assert rest(booking(), *short, released("23:59")) == []


def test_code_a_interruptions_need_a_fresh_rest_but_b_and_c_do_not():
    events = [booking(), interview("3:00", "4:00"), interview("20:00", "21:00"), released("24:00")]
    assert rest(*events) == []
    for code in ("b", "c"):
        assert rest(*events, interruption("9:00", code), interruption("15:00", code)) == []
    split = [interruption("9:00", "a"), interruption("15:00", "a")]
    assert rest(*events, *split) == [("PACE-REST-1", "24:00")]
    assert rest(*events, interruption("12:00", "a")) == []


def test_rest_window_runs_from_the_arrest_of_a_voluntary_attendee():
    events = [
        ev("arrived", "0:00", station="HOLD-A"),
        ev("arrested", "2:00", place="at_station", voluntary_attendance=True, offences=["O1"]),
        ev("detention_authorised", "2:10", by=SERGEANT, grounds="other"),
        interview("7:00", "8:00"),
        interview("15:00", "16:00"),
        interview("23:00", "24:00"),
        released("26:00"),
    ]
    assert rest(*events) == [("PACE-REST-1", "26:00")]


def test_rest_window_for_s136_runs_from_arrival():
    events = [ev("arrived", "0:00", station="HOLD-A"), interview("7:00", "8:00")]
    events += [interview("15:00", "16:00"), interview("23:00", "24:00"), released("24:00")]
    assert rest(*events, regime="mha_s136", offences=[]) == [("PACE-REST-1", "24:00")]


def test_rest_message():
    events = [booking(), ev("interview_started", "7:00", id="i1"), ev("interview_ended", "8:00")]
    events += [interruption("12:00", "a", id="x1"), interruption("18:00", "a", id="x2")]
    [finding] = [
        f for f in assessed(record(*events, released("24:00"))).findings if f.rule == "PACE-REST-1"
    ]
    assert finding.message == (
        "In the 24 h to 20:00 GMT on 13 Jan the longest rest free of interruption was 7 h; "
        "at least 8 h is needed"
    )
    assert (finding.at, finding.due, finding.events) == (
        t("24:00"),
        t("24:00"),
        ["arrive", "i1", "x1", "x2"],
    )


# The family as a whole


def test_readings_are_documented_for_rules_of_this_family():
    assert set(READINGS) <= set(CARE_RULES)


@pytest.mark.parametrize(("constant_id", "rousing_id"), [("la", "lb"), ("lb", "la")])
def test_levels_set_at_the_same_minute_are_read_protectively(constant_id, rousing_id):
    events = [booking(), level("0:05", 3, id=constant_id), level("0:05", 2, id=rousing_id)]
    assert care(*events, visit("0:41"), released("1:00")) == [("PACE-CARE-2", "0:40")]


@pytest.mark.parametrize(("level_1_id", "level_2_id"), [("la", "lb"), ("lb", "la")])
def test_a_level_2_entered_with_a_level_1_at_the_same_minute_is_not_in_force(
    level_1_id, level_2_id
):
    events = [level("0:20", 1, id=level_1_id), level("0:20", 2, rousing=False, id=level_2_id)]
    assert obs(*events, risk("1:00", intoxicated=True)) == [("APP-OBS-2", "1:00")]


def test_a_roused_visit_also_counts_as_an_hourly_visit():
    assert care(booking(), roused("1:10"), roused("2:10"), released("2:30")) == []


def test_a_lapse_ended_by_a_hospital_trip_says_so():
    events = [booking(), hospital("1:40", "3:00"), visit("4:00"), released("4:10")]
    assert messages(*events) == [
        "Cell visit due 21:10 GMT on 12 Jan; none before the detainee left the cell for "
        "hospital at 21:40 GMT (30 min later)"
    ]


def test_an_overdue_hourly_visit_keeps_its_rule_when_rousing_becomes_required():
    events = [booking(), risk("1:30", intoxicated=True)]
    assert obligations(*events, at="1:45") == [
        ("PACE-CARE-1", t("1:10"), "Roused visit overdue since 21:10 GMT on 12 Jan")
    ]
    assert care(*events, at="1:45") == [("PACE-CARE-1", "1:10")]


def test_care_rules_apply_in_every_regime():
    arrival = ev("arrived", "0:00", station="HOLD-A")
    s136 = [arrival, not_responding("0:30"), risk("0:40", intoxicated=True), released("2:00")]
    assert care(*s136, regime="mha_s136", offences=[], rules=CARE_RULES) == [
        ("PACE-CARE-3", "0:30"),
        ("APP-OBS-2", "0:40"),
        ("PACE-CARE-2", "1:10"),
    ]
    tact = [arrival, ev("detention_authorised", "0:10", by=SERGEANT, grounds="other")]
    tact += [risk("0:10", swallowed_drugs=True), level("0:10", 2), roused("0:41")]
    assert care(*tact, released("1:00"), regime="tact", rules=CARE_RULES) == [
        ("PACE-CARE-2", "0:40")
    ]
