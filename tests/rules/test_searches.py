"""Searches and clothing: PACE-SRCH-2/3/4, APP-CLOTH-1, DATA-CLOTH-STRIP."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bridewell.rules import model as m
from tests.builders import (
    CONSTABLE,
    DETENTION_OFFICER,
    DOCTOR,
    INSPECTOR,
    SERGEANT,
    STAFF_CO,
    assessed,
    booking,
    ev,
    found,
    record,
)

RULES = ("PACE-SRCH-2", "PACE-SRCH-3", "PACE-SRCH-4", "APP-CLOTH-1", "DATA-CLOTH-STRIP")

MALE_DO = {"sex": "male", "role": "detention_officer"}
MALE_CO = {"sex": "male", "role": "custody_officer"}
FEMALE_DO = {"sex": "female", "role": "detention_officer"}
FEMALE_AA = {"sex": "female", "role": "appropriate_adult"}
JUVENILE = {"birth_date": "2010-03-01"}
CHIEF_INSPECTOR_OPS = {"id": "CI2", "rank": "chief_inspector", "role": "other"}


def search(
    when: str,
    level: str = "strip",
    by: dict[str, str] = SERGEANT,
    place: str = "custody_suite",
    present: list[dict[str, str]] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """A search with two men present besides a male detainee, authorised by the custody officer."""
    return ev(
        "search",
        when,
        id=fields.pop("id", "s1"),
        level=level,
        authorised_by=by,
        place=place,
        present=[MALE_DO, MALE_CO] if present is None else present,
        **fields,
    )


def removed(when: str, *, beyond_outer: bool = False, replaced: bool = True) -> dict[str, Any]:
    return ev(
        "clothing_removed",
        when,
        id="c1",
        by=SERGEANT,
        reason="ligature risk",
        beyond_outer=beyond_outer,
        replacement_offered=replaced,
    )


def rules_found(*events: dict[str, Any], detainee: dict[str, Any] | None = None) -> list[Any]:
    return found(record(booking(), *events, detainee=detainee), "200:00", *RULES)


def messages(rec: m.Record, rule: str, at: str = "200:00") -> list[str]:
    return [f.message for f in assessed(rec, at).findings if f.rule == rule]


# PACE-SRCH-2


def test_strip_search_authorised_by_a_constable_is_reported():
    rec = record(booking(), search("1:00", by=CONSTABLE))
    assert found(rec, "200:00", *RULES) == [("PACE-SRCH-2", "1:00")]
    assert messages(rec, "PACE-SRCH-2") == [
        "Strip search 21:00 GMT on 12 Jan was authorised by C1, a constable (arresting "
        "officer), not a custody officer"
    ]


@pytest.mark.parametrize("by", [SERGEANT, STAFF_CO])
def test_strip_search_authorised_by_a_custody_officer_passes(by):
    assert rules_found(search("1:00", by=by)) == []


@pytest.mark.parametrize(
    "by",
    [
        {"id": "S2", "rank": "sergeant", "role": "investigating_officer"},
        {"id": "C9", "rank": "constable", "role": "custody_officer"},
        INSPECTOR,
    ],
)
def test_strip_search_needs_the_custody_officer_role_and_rank(by):
    assert rules_found(search("1:00", by=by)) == [("PACE-SRCH-2", "1:00")]


def test_an_authoriser_with_no_particular_role_is_named_by_rank():
    rec = record(booking(), search("1:00", by=CHIEF_INSPECTOR_OPS))
    assert messages(rec, "PACE-SRCH-2") == [
        "Strip search 21:00 GMT on 12 Jan was authorised by CI2, a chief inspector, not a "
        "custody officer"
    ]


def test_search_exposing_intimate_parts_also_needs_the_custody_officer():
    rules = rules_found(search("1:00", level="strip_exposing_intimate_parts", by=CONSTABLE))
    assert rules == [("PACE-SRCH-2", "1:00")]


@pytest.mark.parametrize("level", ["outer", "intimate_harm"])
def test_other_levels_are_not_strip_searches(level):
    rules = rules_found(search("1:00", level=level, by=INSPECTOR, present=[]))
    assert rules == []


def test_a_correction_to_the_authoriser_is_what_counts():
    fixed = search("1:00", by=SERGEANT, id="s2")
    correction = ev(
        "correction", "1:20", by=SERGEANT, corrects="s1", reason="wrong officer", replacement=fixed
    )
    rec = record(booking(), search("1:00", by=CONSTABLE), correction)
    assert found(rec, "1:10", *RULES) == [("PACE-SRCH-2", "1:00")]
    assert found(rec, "1:20", *RULES) == []


# PACE-SRCH-3


def test_exposing_intimate_parts_with_one_person_present_is_reported():
    rec = record(
        booking(), search("1:00", level="strip_exposing_intimate_parts", present=[MALE_DO])
    )
    assert found(rec, "200:00", *RULES) == [("PACE-SRCH-3", "1:00")]
    assert messages(rec, "PACE-SRCH-3") == [
        "Strip search exposing intimate parts 21:00 GMT on 12 Jan: only 1 person present when "
        "intimate parts were exposed (2 needed unless urgent)"
    ]


def test_exposing_intimate_parts_with_two_present_passes():
    assert rules_found(search("1:00", level="strip_exposing_intimate_parts")) == []


def test_exposing_intimate_parts_alone_is_allowed_when_urgent():
    s = search("1:00", level="strip_exposing_intimate_parts", present=[], urgent=True)
    assert rules_found(s) == []


def test_a_strip_search_not_exposing_intimate_parts_needs_no_second_person():
    assert rules_found(search("1:00", present=[MALE_DO])) == []


def test_nobody_present_is_named_in_the_message():
    rec = record(booking(), search("1:00", level="strip_exposing_intimate_parts", present=[]))
    assert messages(rec, "PACE-SRCH-3") == [
        "Strip search exposing intimate parts 21:00 GMT on 12 Jan: nobody present besides the "
        "detainee when intimate parts were exposed (2 needed unless urgent)"
    ]


def test_someone_of_the_opposite_sex_present_is_reported():
    rec = record(booking(), search("1:00", present=[MALE_DO, FEMALE_DO]))
    assert found(rec, "200:00", *RULES) == [("PACE-SRCH-3", "1:00")]
    assert messages(rec, "PACE-SRCH-3") == [
        "Strip search 21:00 GMT on 12 Jan: a female detention officer present with a male detainee"
    ]


def test_opposite_sex_applies_to_a_female_detainee_too():
    rules = rules_found(search("1:00", present=[FEMALE_DO, MALE_DO]), detainee={"sex": "female"})
    assert rules == [("PACE-SRCH-3", "1:00")]


def test_an_appropriate_adult_of_the_opposite_sex_is_exempt():
    assert rules_found(search("1:00", present=[MALE_DO, FEMALE_AA])) == []


@pytest.mark.parametrize("sex", ["other", "not_stated"])
def test_opposite_sex_does_not_apply_when_the_detainee_is_not_male_or_female(sex):
    rules = rules_found(search("1:00", present=[MALE_DO, FEMALE_DO]), detainee={"sex": sex})
    assert rules == []


def test_someone_of_unstated_sex_with_a_male_detainee_is_reported():
    person = {"sex": "not_stated", "role": "hcp"}
    rec = record(booking(), search("1:00", present=[MALE_DO, person]))
    assert messages(rec, "PACE-SRCH-3") == [
        "Strip search 21:00 GMT on 12 Jan: a health care professional whose sex is recorded as "
        "not stated present with a male detainee"
    ]


def test_juvenile_strip_searched_without_an_appropriate_adult_is_reported():
    rec = record(booking(), search("1:00"), detainee=JUVENILE)
    assert found(rec, "200:00", *RULES) == [("PACE-SRCH-3", "1:00")]
    assert messages(rec, "PACE-SRCH-3") == [
        "Strip search 21:00 GMT on 12 Jan: no appropriate adult present for a juvenile"
    ]


@pytest.mark.parametrize(
    "fields",
    [{"appropriate_adult_present": True}, {"urgent": True}, {"aa_declined_by_juvenile": True}],
)
def test_juvenile_strip_search_passes_with_an_aa_urgency_or_a_juvenile_declining(fields):
    assert rules_found(search("1:00", **fields), detainee=JUVENILE) == []


def test_an_adult_who_turns_18_before_custody_is_not_a_juvenile():
    assert rules_found(search("1:00"), detainee={"birth_date": "2008-01-12"}) == []
    assert rules_found(search("1:00"), detainee={"birth_date": "2008-01-13"}) == [
        ("PACE-SRCH-3", "1:00")
    ]


def test_vulnerable_adult_cannot_decline_the_appropriate_adult():
    s = search("1:00", aa_declined_by_juvenile=True)
    assert rules_found(s, detainee={"vulnerable": True}) == [("PACE-SRCH-3", "1:00")]


def test_vulnerability_is_taken_at_the_time_of_the_search():
    def identified(when: str) -> dict[str, Any]:
        return ev("vulnerability_identified", when, kind="mental_health")

    assert rules_found(identified("1:01"), search("1:00")) == []
    assert rules_found(identified("1:00"), search("1:00")) == [("PACE-SRCH-3", "1:00")]
    rec = record(booking(), identified("0:30"), search("1:00"))
    assert messages(rec, "PACE-SRCH-3") == [
        "Strip search 21:00 GMT on 12 Jan: no appropriate adult present for a vulnerable adult"
    ]


def test_several_faults_give_one_finding_naming_each():
    s = search("1:00", level="strip_exposing_intimate_parts", present=[FEMALE_DO])
    rec = record(booking(), s, detainee=JUVENILE)
    assert found(rec, "200:00", *RULES) == [("PACE-SRCH-3", "1:00")]
    assert messages(rec, "PACE-SRCH-3") == [
        "Strip search exposing intimate parts 21:00 GMT on 12 Jan: only 1 person present when "
        "intimate parts were exposed (2 needed unless urgent); a female detention officer "
        "present with a male detainee; no appropriate adult present for a juvenile"
    ]


def test_conduct_rules_do_not_apply_to_outer_or_intimate_searches():
    outer = search("1:00", level="outer", present=[FEMALE_DO])
    intimate = search(
        "2:00", id="s2", level="intimate_harm", by=INSPECTOR, place="medical_premises", present=[]
    )
    assert rules_found(outer, intimate, detainee=JUVENILE) == []


def test_search_messages_show_british_summer_time():
    summer = dt.datetime(2026, 5, 5, 9, 30, tzinfo=dt.UTC)
    rec = record(
        booking(),
        ev("search", summer, level="strip", authorised_by=CONSTABLE, place="custody_suite"),
    )
    assert messages(rec, "PACE-SRCH-2", dt.datetime(2026, 6, 1, tzinfo=dt.UTC)) == [
        "Strip search 10:30 BST on 5 May was authorised by C1, a constable (arresting officer), "
        "not a custody officer"
    ]


# PACE-SRCH-4


def test_intimate_search_authorised_below_inspector_is_reported():
    rec = record(booking(), search("1:00", level="intimate_harm", by=SERGEANT))
    assert found(rec, "200:00", *RULES) == [("PACE-SRCH-4", "1:00")]
    assert messages(rec, "PACE-SRCH-4") == [
        "Intimate search for a harmful article 21:00 GMT on 12 Jan: authorised by S1, a sergeant "
        "(custody officer), not an inspector or above"
    ]


@pytest.mark.parametrize("by", [INSPECTOR, CHIEF_INSPECTOR_OPS])
def test_intimate_search_by_an_inspector_or_above_passes(by):
    assert rules_found(search("1:00", level="intimate_harm", by=by)) == []


def test_intimate_search_authorised_by_a_doctor_is_reported():
    rec = record(booking(), search("1:00", level="intimate_harm", by=DOCTOR))
    assert messages(rec, "PACE-SRCH-4") == [
        "Intimate search for a harmful article 21:00 GMT on 12 Jan: authorised by DR1, a doctor, "
        "not an inspector or above"
    ]


def test_intimate_drugs_search_in_the_custody_suite_is_reported():
    rec = record(booking(), search("1:00", level="intimate_drugs", by=INSPECTOR))
    assert found(rec, "200:00", *RULES) == [("PACE-SRCH-4", "1:00")]
    assert messages(rec, "PACE-SRCH-4") == [
        "Intimate drugs search 21:00 GMT on 12 Jan: carried out in the custody suite, not at "
        "medical premises"
    ]


def test_intimate_drugs_search_at_medical_premises_passes():
    s = search("1:00", level="intimate_drugs", by=INSPECTOR, place="medical_premises")
    assert rules_found(s) == []


def test_harm_search_may_be_carried_out_in_the_custody_suite():
    assert rules_found(search("1:00", level="intimate_harm", by=INSPECTOR)) == []


def test_intimate_search_with_both_faults_gives_one_finding():
    rec = record(booking(), search("1:00", level="intimate_drugs", by=DETENTION_OFFICER))
    assert found(rec, "200:00", *RULES) == [("PACE-SRCH-4", "1:00")]
    assert messages(rec, "PACE-SRCH-4") == [
        "Intimate drugs search 21:00 GMT on 12 Jan: authorised by D1, a member of staff "
        "(detention officer), not an inspector or above; carried out in the custody suite, not at "
        "medical premises"
    ]


# APP-CLOTH-1


def test_clothing_removed_without_replacement_offered_is_reported():
    rec = record(booking(), removed("2:00", replaced=False))
    assert found(rec, "200:00", *RULES) == [("APP-CLOTH-1", "2:00")]
    assert messages(rec, "APP-CLOTH-1") == [
        "Clothing removed 22:00 GMT on 12 Jan without replacement clothing being offered"
    ]


def test_clothing_removed_with_replacement_offered_passes():
    assert rules_found(removed("2:00")) == []


# DATA-CLOTH-STRIP


def test_removal_beyond_outer_clothing_without_a_strip_search_is_reported():
    rec = record(booking(), removed("2:00", beyond_outer=True))
    assert found(rec, "200:00", *RULES) == [("DATA-CLOTH-STRIP", "2:00")]
    assert messages(rec, "DATA-CLOTH-STRIP") == [
        "More than outer clothing removed 22:00 GMT on 12 Jan but no strip search recorded "
        "between 21:30 GMT and 22:30 GMT"
    ]
    finding = next(f for f in assessed(rec).findings if f.rule == "DATA-CLOTH-STRIP")
    assert (finding.due, finding.events, finding.severity) == (None, ["c1"], "data")


@pytest.mark.parametrize(
    ("searched", "expected"),
    [
        ("1:29", [("DATA-CLOTH-STRIP", "2:00")]),
        ("1:30", []),
        ("2:00", []),
        ("2:30", []),
        ("2:31", [("DATA-CLOTH-STRIP", "2:00")]),
    ],
)
def test_a_strip_search_within_30_minutes_either_side_counts(searched, expected):
    assert rules_found(removed("2:00", beyond_outer=True), search(searched)) == expected


@pytest.mark.parametrize("level", ["strip", "strip_exposing_intimate_parts"])
def test_both_strip_levels_record_the_removal(level):
    assert rules_found(removed("2:00", beyond_outer=True), search("2:10", level=level)) == []


@pytest.mark.parametrize("level", ["outer", "intimate_harm"])
def test_other_search_levels_do_not_record_the_removal(level):
    s = search("2:10", level=level, by=INSPECTOR, place="medical_premises")
    assert rules_found(removed("2:00", beyond_outer=True), s) == [("DATA-CLOTH-STRIP", "2:00")]


def test_removal_of_outer_clothing_only_needs_no_strip_search():
    assert rules_found(removed("2:00")) == []


def test_missing_strip_search_is_reported_only_once_the_window_has_passed():
    rec = record(booking(), removed("2:00", beyond_outer=True))
    assert found(rec, "2:30", *RULES) == []
    assert found(rec, "2:31", *RULES) == [("DATA-CLOTH-STRIP", "2:00")]
    late_search = record(booking(), removed("2:00", beyond_outer=True), search("2:30"))
    assert found(late_search, "2:31", *RULES) == []


def test_removal_and_replacement_faults_are_reported_together():
    rules = rules_found(removed("2:00", beyond_outer=True, replaced=False))
    assert rules == [("APP-CLOTH-1", "2:00"), ("DATA-CLOTH-STRIP", "2:00")]


def test_each_removal_is_matched_on_its_own_window():
    first = removed("2:00", beyond_outer=True)
    second = {**removed("4:00", beyond_outer=True), "id": "c2"}
    assert rules_found(first, second, search("2:20")) == [("DATA-CLOTH-STRIP", "4:00")]


# All rules of the family, all regimes, shared examples


def test_the_rules_apply_to_s136_detentions_too():
    rec = record(
        ev("arrived", "0:00", station="HOLD-A"),
        search("1:00", by=CONSTABLE),
        removed("2:00", replaced=False),
        regime="mha_s136",
        offences=[],
    )
    assert found(rec, "3:00", *RULES) == [("PACE-SRCH-2", "1:00"), ("APP-CLOTH-1", "2:00")]


def test_a_compliant_record_gives_no_search_findings():
    rec = record(
        booking(),
        search("1:00", level="strip_exposing_intimate_parts", id="s1"),
        removed("1:05", beyond_outer=True),
        search("3:00", id="s2", level="intimate_drugs", by=INSPECTOR, place="medical_premises"),
        ev("released", "5:00", by=SERGEANT, outcome="bail"),
    )
    assert found(rec, "200:00", *RULES) == []
