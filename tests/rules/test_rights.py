"""Rights, appropriate adults and interpreters (PACE ss.56, 58; Code C 3, 11, 13)."""

from bridewell.rules.catalogue import RULES
from tests.builders import (
    CHIEF_INSPECTOR,
    CONSTABLE,
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

RIGHTS_RULES = tuple(r.id for r in RULES if r.family == "rights")
JUVENILE = {"birth_date": "2010-05-01"}
VULNERABLE = {"vulnerable": True}
NEEDS_INTERPRETER = {"needs_interpreter": True, "language": "pl"}
SUMMARY_ONLY = [{"ref": "O1", "title": "Common assault", "mode_of_trial": "summary_only"}]


def released(when):
    return ev("released", when, id="out", by=SERGEANT, outcome="bail")


def rights_found(*events, at="200:00", detainee=None, offences=None):
    rec = record(*events, detainee=detainee, offences=offences)
    return found(rec, at, *RIGHTS_RULES)


def messages(*events, at="200:00", detainee=None, offences=None):
    rec = record(*events, detainee=detainee, offences=offences)
    return [f.message for f in assessed(rec, at).findings if f.rule in RIGHTS_RULES]


def only(*events, at="200:00", detainee=None, offences=None):
    """The single finding of this family for the record."""
    rec = record(*events, detainee=detainee, offences=offences)
    (finding,) = [f for f in assessed(rec, at).findings if f.rule in RIGHTS_RULES]
    return finding


def interview(when, **fields):
    return ev("interview_started", when, id=fields.pop("id", "iv"), **fields)


def delay(when, right="inform_someone", by=INSPECTOR, **fields):
    return ev(
        "right_delay_authorised",
        when,
        id=fields.pop("id", "delay"),
        right=right,
        by=by,
        grounds="would alert other suspects",
        **fields,
    )


def delay_ended(when, right="inform_someone"):
    return ev("right_delay_ended", when, id="delay-end", right=right)


def obligations(rec, at):
    """This family's obligations for an open record, as (rule, due, message, events)."""
    return [
        (o.rule, o.due, o.message, o.events)
        for o in assessed(rec, at).obligations
        if o.rule in RIGHTS_RULES
    ]


# PACE-RIGHTS-1: rights given between DA and END


def test_a_clean_booking_breaks_no_rule_of_the_family():
    assert rights_found(booking(), released("8:00")) == []


def test_no_rights_given_is_reported_at_the_end_of_custody():
    assert rights_found(booking(rights=False), released("8:00")) == [("PACE-RIGHTS-1", "8:00")]
    f = only(booking(rights=False), released("8:00"))
    assert f.due == t("8:00")
    assert f.events == ["da", "out"]
    assert f.message == (
        "No rights given after detention was authorised at 20:10 GMT on 12 Jan and before "
        "custody ended at 04:00 GMT on 13 Jan"
    )


def test_rights_given_at_the_end_of_custody_count_but_not_a_minute_after():
    given = ev("rights_given", "8:00", by=SERGEANT)
    assert rights_found(booking(rights=False), given, released("8:00")) == []
    late = ev("rights_given", "8:01", by=SERGEANT)
    assert rights_found(booking(rights=False), late, released("8:00")) == [
        ("PACE-RIGHTS-1", "8:00")
    ]


def test_rights_given_before_detention_was_authorised_do_not_count():
    early = ev("rights_given", "0:05", by=SERGEANT)
    assert rights_found(booking(rights=False), early, released("8:00")) == [
        ("PACE-RIGHTS-1", "8:00")
    ]
    assert messages(booking(rights=False), early, released("8:00")) == [
        "No rights given after detention was authorised at 20:10 GMT on 12 Jan and before "
        "custody ended at 04:00 GMT on 13 Jan; the rights given at 20:05 GMT came before "
        "authorisation"
    ]


def test_rights_are_not_reported_missing_while_custody_continues():
    assert rights_found(booking(rights=False), at="8:00") == []


def test_without_a_detention_authorisation_any_rights_before_the_end_count():
    arrival = booking(rights=False)[:2]
    assert rights_found(arrival, released("1:00")) == [("PACE-RIGHTS-1", "1:00")]
    assert messages(arrival, released("1:00")) == [
        "No rights given before custody ended at 21:00 GMT on 12 Jan; detention was never "
        "authorised"
    ]
    given = ev("rights_given", "0:05", by=SERGEANT)
    assert rights_found(arrival, given, released("1:00")) == []


def test_refused_detention_needs_no_rights():
    arrival = booking(rights=False)[:2]
    refused = ev("detention_refused", "0:10", by=SERGEANT)
    assert rights_found(arrival, refused, released("0:15")) == []


def test_rights_rules_apply_to_pace_records_only():
    rec = record(
        ev("arrived", "0:00", station="HOLD-A"),
        ev("released", "8:00", by=SERGEANT, outcome="other"),
        regime="mha_s136",
        detainee={**JUVENILE, **NEEDS_INTERPRETER},
        offences=[],
    )
    assert found(rec, "200:00", *RIGHTS_RULES) == []


# PACE-RIGHTS-4 / PACE-RIGHTS-5: delaying s.56 and s.58 rights


def test_an_inspector_may_delay_telling_someone_for_an_indictable_offence():
    assert rights_found(booking(), delay("1:00"), delay_ended("5:00"), released("8:00")) == []


def test_a_delay_of_telling_someone_by_a_sergeant_is_reported_at_its_authorisation():
    events = [booking(), delay("1:00", by=SERGEANT), delay_ended("5:00"), released("8:00")]
    assert rights_found(*events) == [("PACE-RIGHTS-4", "1:00")]
    f = only(*events)
    assert f.due is None
    assert f.events == ["delay"]
    assert f.message == (
        "Telling someone of the arrest delayed at 21:00 GMT on 12 Jan: authorised by a "
        "sergeant, not an inspector or above"
    )


def test_no_right_may_be_delayed_without_an_indictable_offence():
    events = [booking(), delay("1:00", by=SUPERINTENDENT), delay_ended("5:00"), released("8:00")]
    assert rights_found(*events, offences=SUMMARY_ONLY) == [("PACE-RIGHTS-4", "1:00")]
    assert messages(*events, offences=SUMMARY_ONLY) == [
        "Telling someone of the arrest delayed at 21:00 GMT on 12 Jan: no offence is indictable"
    ]
    legal = [booking(), delay("1:00", "legal_advice", SUPERINTENDENT), released("8:00")]
    assert rights_found(*legal, offences=SUMMARY_ONLY) == [("PACE-RIGHTS-5", "1:00")]


def test_a_delay_must_end_by_36_hours_after_the_relevant_time():
    # Arrival at 0:00 is the relevant time, so L(36) = 36:00; ending at it is in time.
    assert rights_found(booking(), delay("1:00"), delay_ended("36:00"), released("40:00")) == []
    events = [booking(), delay("1:00"), delay_ended("36:01"), released("40:00")]
    assert rights_found(*events) == [("PACE-RIGHTS-4", "36:00")]
    f = only(*events)
    assert f.due == t("36:00")
    assert f.events == ["delay", "arrive", "delay-end"]
    assert f.message == (
        "Telling someone of the arrest delayed at 21:00 GMT on 12 Jan: still in force when 36 "
        "hours of detention ran out at 08:00 GMT on 14 Jan; delay ended at 08:01 GMT on 14 Jan"
    )


def test_fulfilling_the_right_ends_its_delay_but_not_a_delay_of_another_right():
    fulfilled = ev("right_fulfilled", "36:00", id="ok", right="inform_someone")
    assert rights_found(booking(), delay("1:00"), fulfilled, released("40:00")) == []
    other = ev("right_fulfilled", "2:00", right="legal_advice")
    assert rights_found(booking(), delay("1:00"), other, released("40:00")) == [
        ("PACE-RIGHTS-4", "36:00")
    ]


def test_an_ending_before_the_delay_does_not_end_it():
    early_end = delay_ended("0:30")
    assert rights_found(booking(), early_end, delay("1:00"), released("40:00")) == [
        ("PACE-RIGHTS-4", "36:00")
    ]


def test_a_delay_left_open_ends_with_custody():
    # Released before L(36) and never charged: the delay never outlasted its limits.
    assert rights_found(booking(), delay("1:00"), released("20:00")) == []
    assert rights_found(booking(), delay("1:00"), released("20:00"), delay_ended("37:00")) == []
    assert messages(booking(), delay("1:00"), released("37:00")) == [
        "Telling someone of the arrest delayed at 21:00 GMT on 12 Jan: still in force when 36 "
        "hours of detention ran out at 08:00 GMT on 14 Jan; not ended before custody ended at "
        "09:00 GMT on 14 Jan"
    ]


def test_a_delay_still_in_force_is_reported_once_36_hours_have_passed_in_an_open_record():
    events = [booking(), delay("1:00")]
    assert rights_found(*events, at="36:00") == []
    assert rights_found(*events, at="36:01") == [("PACE-RIGHTS-4", "36:00")]
    assert messages(*events, at="36:01") == [
        "Telling someone of the arrest delayed at 21:00 GMT on 12 Jan: still in force when 36 "
        "hours of detention ran out at 08:00 GMT on 14 Jan; still in force at 08:01 GMT on 14 Jan"
    ]


def test_time_at_hospital_for_treatment_moves_the_36_hour_point():
    trip = [
        ev("hospital_departed", "4:00", purpose="medical"),
        ev("hospital_returned", "9:00"),
    ]
    assert (
        rights_found(booking(), *trip, delay("1:00"), delay_ended("41:00"), released("45:00")) == []
    )
    assert rights_found(
        booking(), *trip, delay("1:00"), delay_ended("41:01"), released("45:00")
    ) == [("PACE-RIGHTS-4", "41:00")]


def test_the_relevant_time_is_the_arrest_for_a_voluntary_attendee():
    events = [
        ev("arrived", "0:00", id="arrive", station="HOLD-A"),
        ev("arrested", "2:00", id="arrest", place="at_station", voluntary_attendance=True),
        ev("detention_authorised", "2:10", id="da", by=SERGEANT, grounds="charging_decision"),
        ev("rights_given", "2:10", by=SERGEANT),
        delay("3:00"),
        delay_ended("38:01"),
        released("40:00"),
    ]
    assert rights_found(*events) == [("PACE-RIGHTS-4", "38:00")]


def test_a_delay_must_end_at_charge():
    charged = ev("charged", "10:00", id="charge", by=SERGEANT, offences=["O1"])
    assert (
        rights_found(booking(), delay("1:00"), charged, delay_ended("10:00"), released("12:00"))
        == []
    )
    events = [booking(), delay("1:00"), charged, delay_ended("10:01"), released("12:00")]
    assert rights_found(*events) == [("PACE-RIGHTS-4", "10:00")]
    f = only(*events)
    assert f.due == t("10:00")
    assert f.events == ["delay", "charge", "delay-end"]
    assert f.message == (
        "Telling someone of the arrest delayed at 21:00 GMT on 12 Jan: still in force after "
        "charge at 06:00 GMT on 13 Jan; delay ended at 06:01 GMT on 13 Jan"
    )


def test_charged_and_released_together_leaves_no_delay_in_force_after_charge():
    charged = ev("charged", "10:00", by=SERGEANT, offences=["O1"])
    assert rights_found(booking(), delay("1:00"), charged, released("10:00")) == []


def test_a_delay_given_after_charge_is_reported_at_its_own_time():
    charged = ev("charged", "10:00", id="charge", by=SERGEANT, offences=["O1"])
    events = [booking(), charged, delay("11:00"), released("12:00")]
    assert rights_found(*events) == [("PACE-RIGHTS-4", "11:00")]
    f = only(*events)
    assert f.due == t("10:00")
    assert f.message == (
        "Telling someone of the arrest delayed at 07:00 GMT on 13 Jan: given after charge at "
        "06:00 GMT; not ended before custody ended at 08:00 GMT"
    )


def test_one_delay_with_several_faults_is_one_finding_at_its_authorisation():
    charged = ev("charged", "30:00", by=SERGEANT, offences=["O1"])
    events = [booking(), delay("1:00", by=CONSTABLE), charged, released("35:00")]
    assert rights_found(*events, offences=SUMMARY_ONLY) == [("PACE-RIGHTS-4", "1:00")]
    f = only(*events, offences=SUMMARY_ONLY)
    assert f.due is None
    assert f.message == (
        "Telling someone of the arrest delayed at 21:00 GMT on 12 Jan: authorised by a "
        "constable, not an inspector or above; no offence is indictable; still in force after "
        "charge at 02:00 GMT on 14 Jan; not ended before custody ended at 07:00 GMT on 14 Jan"
    )


def test_overrunning_both_charge_and_36_hours_is_reported_at_the_earlier():
    charged = ev("charged", "30:00", by=SERGEANT, offences=["O1"])
    events = [booking(), delay("1:00"), charged, delay_ended("37:00"), released("40:00")]
    assert rights_found(*events) == [("PACE-RIGHTS-4", "30:00")]


def test_legal_advice_may_be_delayed_only_by_a_superintendent():
    ok = [booking(), delay("1:00", "legal_advice", SUPERINTENDENT), released("8:00")]
    assert rights_found(*ok) == []
    for officer in (INSPECTOR, CHIEF_INSPECTOR):
        events = [booking(), delay("1:00", "legal_advice", officer), released("8:00")]
        assert rights_found(*events) == [("PACE-RIGHTS-5", "1:00")]
    assert messages(
        booking(), delay("1:00", "legal_advice", CHIEF_INSPECTOR), released("8:00")
    ) == [
        "Access to legal advice delayed at 21:00 GMT on 12 Jan: authorised by a chief "
        "inspector, not a superintendent or above"
    ]


def test_a_legal_advice_delay_must_end_by_36_hours():
    events = [
        booking(),
        delay("1:00", "legal_advice", SUPERINTENDENT),
        delay_ended("36:00", "legal_advice"),
        released("40:00"),
    ]
    assert rights_found(*events) == []
    events[2] = delay_ended("36:01", "legal_advice")
    assert rights_found(*events) == [("PACE-RIGHTS-5", "36:00")]


def test_someone_outside_the_police_cannot_delay_a_right():
    doctor = {"id": "DR1", "rank": "none", "role": "doctor"}
    assert messages(booking(), delay("1:00", by=doctor), released("8:00")) == [
        "Telling someone of the arrest delayed at 21:00 GMT on 12 Jan: authorised by a doctor, "
        "not an inspector or above"
    ]


def test_a_consular_delay_is_outside_rule_set_v1():
    assert rights_found(booking(), delay("1:00", "consular", SERGEANT), released("40:00")) == []


# PACE-AA-4: appropriate adult requested for a juvenile or vulnerable detainee


def test_no_appropriate_adult_requested_for_a_juvenile_is_reported_at_the_end():
    assert rights_found(booking(), released("8:00"), detainee=JUVENILE) == [("PACE-AA-4", "8:00")]
    f = only(booking(), released("8:00"), detainee=JUVENILE)
    assert f.due == t("8:00")
    assert f.events == ["out"]
    assert f.message == (
        "No appropriate adult requested for a juvenile before custody ended at 04:00 GMT on 13 Jan"
    )


def test_an_appropriate_adult_requested_at_the_end_counts_but_not_a_minute_after():
    on_time = ev("appropriate_adult_requested", "8:00")
    assert rights_found(booking(), on_time, released("8:00"), detainee=JUVENILE) == []
    late = ev("appropriate_adult_requested", "8:01")
    assert rights_found(booking(), late, released("8:00"), detainee=JUVENILE) == [
        ("PACE-AA-4", "8:00")
    ]


def test_an_adult_who_is_not_vulnerable_needs_no_appropriate_adult():
    assert rights_found(booking(), released("8:00"), detainee={"birth_date": "1990-01-01"}) == []


def test_a_detainee_who_appears_17_is_a_juvenile_without_a_birth_date():
    # Edge case 13: apparent age decides when there is no birth date.
    assert rights_found(booking(), released("8:00"), detainee={"apparent_age": 17}) == [
        ("PACE-AA-4", "8:00")
    ]


def test_vulnerability_is_judged_at_the_end_of_custody():
    assert rights_found(booking(), released("8:00"), detainee=VULNERABLE) == [("PACE-AA-4", "8:00")]
    identified = ev("vulnerability_identified", "7:00", id="vuln", kind="mental_health")
    f = only(booking(), identified, released("8:00"))
    assert (f.rule, f.events) == ("PACE-AA-4", ["vuln", "out"])
    assert f.message == (
        "No appropriate adult requested for a detainee identified as vulnerable (mental health) "
        "before custody ended at 04:00 GMT on 13 Jan"
    )
    after_release = ev("vulnerability_identified", "8:01", kind="learning_disability")
    assert rights_found(booking(), after_release, released("8:00")) == []


def test_an_open_record_owes_an_appropriate_adult_now_not_a_finding():
    rec = record(booking(), detainee=JUVENILE)
    assert found(rec, "3:00", *RIGHTS_RULES) == []
    assert obligations(rec, "3:00") == [
        ("PACE-AA-4", t("3:00"), "Request an appropriate adult now for a juvenile", [])
    ]
    requested = record(booking(), ev("appropriate_adult_requested", "0:20"), detainee=JUVENILE)
    assert obligations(requested, "3:00") == []


def test_an_appropriate_adult_is_owed_from_when_vulnerability_is_identified():
    rec = record(booking(), ev("vulnerability_identified", "2:00", id="vuln", kind="communication"))
    assert obligations(rec, "1:59") == []
    assert obligations(rec, "2:00") == [
        (
            "PACE-AA-4",
            t("2:00"),
            "Request an appropriate adult now for a detainee identified as vulnerable "
            "(communication)",
            ["vuln"],
        )
    ]


# PACE-AA-5: rights given again with the appropriate adult present


def aa_arrived(when, id="aa"):
    return ev("appropriate_adult_arrived", when, id=id)


def rights_with_aa(when):
    return ev("rights_given", when, by=SERGEANT, appropriate_adult_present=True)


def test_rights_given_again_when_the_appropriate_adult_arrives_are_fine():
    requested = ev("appropriate_adult_requested", "0:15")
    events = [booking(), requested, aa_arrived("2:00"), rights_with_aa("2:00"), released("8:00")]
    assert rights_found(*events, detainee=JUVENILE) == []


def test_rights_not_repeated_with_the_appropriate_adult_are_reported_at_the_arrival():
    requested = ev("appropriate_adult_requested", "0:15")
    events = [booking(), requested, aa_arrived("2:00"), released("8:00")]
    assert rights_found(*events, detainee=JUVENILE) == [("PACE-AA-5", "2:00")]
    f = only(*events, detainee=JUVENILE)
    assert f.due is None
    assert f.events == ["aa", "out"]
    assert f.message == (
        "Appropriate adult arrived 22:00 GMT on 12 Jan; rights were not given again in their "
        "presence before custody ended at 04:00 GMT on 13 Jan"
    )


def test_rights_with_the_appropriate_adult_must_come_at_or_after_the_first_arrival():
    requested = ev("appropriate_adult_requested", "0:15")
    before = [booking(), requested, rights_with_aa("1:59"), aa_arrived("2:00"), released("8:00")]
    assert rights_found(*before, detainee=JUVENILE) == [("PACE-AA-5", "2:00")]
    without = ev("rights_given", "3:00", by=SERGEANT)
    events = [booking(), requested, aa_arrived("2:00"), without, released("8:00")]
    assert rights_found(*events, detainee=JUVENILE) == [("PACE-AA-5", "2:00")]
    after_end = [booking(), requested, aa_arrived("2:00"), released("8:00"), rights_with_aa("8:01")]
    assert rights_found(*after_end, detainee=JUVENILE) == [("PACE-AA-5", "2:00")]


def test_the_first_arrival_is_the_one_that_counts():
    requested = ev("appropriate_adult_requested", "0:15")
    events = [
        booking(),
        requested,
        aa_arrived("2:00", id="aa1"),
        ev("appropriate_adult_left", "3:00"),
        aa_arrived("5:00", id="aa2"),
        rights_with_aa("5:10"),
        released("8:00"),
    ]
    assert rights_found(*events, detainee=JUVENILE) == []


def test_an_appropriate_adult_arriving_after_custody_ended_creates_no_duty():
    requested = ev("appropriate_adult_requested", "0:15")
    events = [booking(), requested, released("8:00"), aa_arrived("8:01")]
    assert rights_found(*events, detainee=JUVENILE) == []


def test_rights_with_the_appropriate_adult_are_not_due_while_custody_continues():
    events = [booking(), ev("appropriate_adult_requested", "0:15"), aa_arrived("2:00")]
    assert rights_found(*events, at="8:00", detainee=JUVENILE) == []


def test_an_appropriate_adults_arrival_triggers_the_rule_for_any_detainee():
    # rules-v1 has no juvenile or vulnerable condition on PACE-AA-5.
    assert rights_found(booking(), aa_arrived("2:00"), released("8:00")) == [("PACE-AA-5", "2:00")]


# PACE-AA-6: interviews of juvenile or vulnerable detainees


def interview_ended(when):
    return ev("interview_ended", when)


def test_interviewing_a_juvenile_without_an_appropriate_adult_is_reported_at_the_interview():
    requested = ev("appropriate_adult_requested", "0:15")
    events = [booking(), requested, interview("2:00"), interview_ended("2:30"), released("8:00")]
    assert rights_found(*events, detainee=JUVENILE) == [("PACE-AA-6", "2:00")]
    f = only(*events, detainee=JUVENILE)
    assert f.events == ["iv"]
    assert f.message == (
        "Interview of a juvenile started 22:00 GMT on 12 Jan without an appropriate adult; no "
        "urgent interview was authorised by a superintendent or above"
    )


def test_interviewing_with_the_appropriate_adult_present_is_fine():
    requested = ev("appropriate_adult_requested", "0:15")
    with_aa = interview("2:00", appropriate_adult_present=True)
    events = [booking(), requested, with_aa, interview_ended("2:30"), released("8:00")]
    assert rights_found(*events, detainee=JUVENILE) == []


def test_an_urgent_interview_needs_a_superintendents_authorisation():
    requested = ev("appropriate_adult_requested", "0:15")
    urgent = interview("2:00", urgent_authorised_by=SUPERINTENDENT)
    assert rights_found(booking(), requested, urgent, released("8:00"), detainee=JUVENILE) == []
    too_low = interview("2:00", urgent_authorised_by=CHIEF_INSPECTOR)
    events = [booking(), requested, too_low, released("8:00")]
    assert rights_found(*events, detainee=JUVENILE) == [("PACE-AA-6", "2:00")]
    assert messages(*events, detainee=JUVENILE) == [
        "Interview of a juvenile started 22:00 GMT on 12 Jan without an appropriate adult; its "
        "urgent authorisation by a chief inspector needed a superintendent or above"
    ]


def test_vulnerability_counts_from_the_moment_it_is_identified():
    identified = ev("vulnerability_identified", "2:00", id="vuln", kind="learning_disability")
    requested = ev("appropriate_adult_requested", "2:05")
    events = [
        booking(),
        interview("1:59", id="iv1"),
        interview_ended("2:00"),
        identified,
        requested,
        interview("2:00", id="iv2"),
        interview_ended("2:30"),
        released("8:00"),
    ]
    assert rights_found(*events) == [("PACE-AA-6", "2:00")]
    f = only(*events)
    assert f.events == ["iv2", "vuln"]
    assert f.message.startswith(
        "Interview of a detainee identified as vulnerable (learning disability) started 22:00"
    )


def test_a_juvenile_stays_one_after_turning_18_in_custody():
    # 18th birthday on 13 Jan, the day after arrival: still a juvenile at the interview.
    turns_18 = {"birth_date": "2008-01-13"}
    requested = ev("appropriate_adult_requested", "0:15")
    events = [booking(), requested, interview("14:00"), released("16:00")]
    assert rights_found(*events, detainee=turns_18) == [("PACE-AA-6", "14:00")]


def test_an_interview_without_an_appropriate_adult_is_reported_in_an_open_record():
    events = [booking(), interview("2:00")]
    assert rights_found(*events, at="3:00", detainee=VULNERABLE) == [("PACE-AA-6", "2:00")]


# PACE-INT-1: interpreter requested


def test_no_interpreter_requested_is_reported_at_the_end_of_custody():
    assert rights_found(booking(), released("8:00"), detainee=NEEDS_INTERPRETER) == [
        ("PACE-INT-1", "8:00")
    ]
    f = only(booking(), released("8:00"), detainee=NEEDS_INTERPRETER)
    assert f.due == t("8:00")
    assert f.events == ["out"]
    assert f.message == (
        "The detainee needs an interpreter (pl) but none was requested before custody ended at "
        "04:00 GMT on 13 Jan"
    )


def test_an_interpreter_requested_at_the_end_counts_but_not_a_minute_after():
    on_time = ev("interpreter_requested", "8:00")
    assert rights_found(booking(), on_time, released("8:00"), detainee=NEEDS_INTERPRETER) == []
    late = ev("interpreter_requested", "8:01")
    assert rights_found(booking(), late, released("8:00"), detainee=NEEDS_INTERPRETER) == [
        ("PACE-INT-1", "8:00")
    ]


def test_no_interpreter_is_owed_to_a_detainee_who_does_not_need_one():
    assert rights_found(booking(), released("8:00")) == []
    assert obligations(record(booking()), "3:00") == []


def test_an_open_record_owes_an_interpreter_now_not_a_finding():
    rec = record(booking(), detainee={"needs_interpreter": True})
    assert found(rec, "3:00", *RIGHTS_RULES) == []
    assert obligations(rec, "3:00") == [("PACE-INT-1", t("3:00"), "Request an interpreter now", [])]
    requested = record(booking(), ev("interpreter_requested", "0:05"), detainee=NEEDS_INTERPRETER)
    assert obligations(requested, "3:00") == []


# PACE-INT-2: interviews without a needed interpreter


def test_interviewing_without_a_needed_interpreter_is_reported_at_the_interview():
    requested = ev("interpreter_requested", "0:05")
    events = [booking(), requested, interview("2:00"), released("8:00")]
    assert rights_found(*events, detainee=NEEDS_INTERPRETER) == [("PACE-INT-2", "2:00")]
    f = only(*events, detainee=NEEDS_INTERPRETER)
    assert f.events == ["iv"]
    assert f.message == (
        "Interview started 22:00 GMT on 12 Jan without the interpreter the detainee needs (pl); "
        "no urgent interview was authorised by a superintendent or above"
    )


def test_an_interview_with_the_interpreter_or_urgent_authority_is_fine():
    requested = ev("interpreter_requested", "0:05")
    present = interview("2:00", interpreter_present=True)
    urgent = interview("2:00", urgent_authorised_by=SUPERINTENDENT)
    for iv in (present, urgent):
        events = [booking(), requested, iv, released("8:00")]
        assert rights_found(*events, detainee=NEEDS_INTERPRETER) == []
    too_low = interview("2:00", urgent_authorised_by=INSPECTOR)
    events = [booking(), requested, too_low, released("8:00")]
    assert rights_found(*events, detainee=NEEDS_INTERPRETER) == [("PACE-INT-2", "2:00")]
    assert messages(*events, detainee=NEEDS_INTERPRETER) == [
        "Interview started 22:00 GMT on 12 Jan without the interpreter the detainee needs (pl); "
        "its urgent authorisation by an inspector needed a superintendent or above"
    ]


def test_an_interview_without_an_interpreter_is_fine_when_none_is_needed():
    assert rights_found(booking(), interview("2:00"), released("8:00")) == []


def test_one_interview_can_break_both_the_aa_and_the_interpreter_rules():
    requested = [ev("appropriate_adult_requested", "0:05"), ev("interpreter_requested", "0:05")]
    events = [booking(), *requested, interview("2:00"), released("8:00")]
    assert rights_found(*events, detainee={**JUVENILE, **NEEDS_INTERPRETER}) == [
        ("PACE-AA-6", "2:00"),
        ("PACE-INT-2", "2:00"),
    ]
