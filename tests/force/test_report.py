"""A report's answers: the code lists, Home Office tactic counting, and what a draft or a
submission may contain (pure: no database)."""

from __future__ import annotations

import datetime as dt
from typing import Any, get_args

import pytest

from bridewell.force import codes
from bridewell.force.report import ReportData, ReportInvalid, counted_tactics, decode, problems
from tests.force.builders import complete

AT = dt.datetime(2026, 11, 20, 21, 30, tzinfo=dt.UTC)
NOW = AT + dt.timedelta(hours=2)


def fields(data: ReportData, *, submitting: bool = True) -> list[str]:
    return [p.field for p in problems(data, submitting=submitting, now=NOW)]


@pytest.mark.parametrize(
    ("labels", "codes_type"),
    [
        (codes.TACTICS, codes.TacticCode),
        (codes.REASONS, codes.ForceReason),
        (codes.IMPACT_FACTORS, codes.ImpactFactor),
        (codes.OUTCOMES, codes.Outcome),
        (codes.LOCATIONS, codes.Location),
        (codes.AGE_BANDS, codes.AgeBand),
        (codes.GENDERS, codes.Gender),
        (codes.ETHNICITIES, codes.Ethnicity),
        (codes.HEALTH_CONDITIONS, codes.HealthCondition),
        (codes.OFFICER_INJURED, codes.OfficerInjured),
        (codes.OFFICER_INJURY_LEVELS, codes.OfficerInjuryLevel),
        (codes.SUBJECT_INJURED, codes.SubjectInjured),
        (codes.SUBJECT_INJURY_LEVELS, codes.SubjectInjuryLevel),
    ],
)
def test_every_code_has_a_label_in_the_specs_order(labels: dict[str, str], codes_type: Any):
    assert tuple(labels) == get_args(codes_type)


def test_ced_levels_are_the_taser_codes_lowest_first():
    assert list(codes.CED_LEVELS) == [t for t in codes.TACTICS if t.startswith("ced_")]


@pytest.mark.parametrize(
    ("tactics", "counted"),
    [
        (["ced_drawn", "ced_aimed", "ced_fired"], ["ced_fired"]),
        (["ced_red_dot", "ced_drawn"], ["ced_red_dot"]),
        (["handcuffing_compliant", "handcuffing_compliant"], ["handcuffing_compliant"]),
        (["tactical_communication", "escorting"], ["escorting"]),
        (["tactical_communication"], []),
        (["baton_drawn", "baton_used"], ["baton_drawn", "baton_used"]),
    ],
)
def test_home_office_counting_of_one_reports_tactics(tactics: list[str], counted: list[str]):
    assert counted_tactics(tactics) == counted


def test_a_complete_custody_report_has_no_problems():
    assert fields(complete(AT)) == []


def test_a_draft_may_leave_anything_unanswered():
    assert fields(ReportData(), submitting=False) == []


def test_a_submission_must_answer_every_home_office_question():
    missing = fields(ReportData())
    assert missing[:3] == ["occurred_at", "tactics", "reasons"]
    assert {"subject_ethnicity", "officer_injured", "medical_assistance_offered", "account"} <= set(
        missing
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"officer_injured": "no", "officer_injury_level": "minor"}, "officer_injury_level"),
        ({"subject_injured": "no", "subject_injury_level": "severe"}, "subject_injury_level"),
        ({"subject_injured": "unknown", "subject_injury_level": "minor"}, "subject_injury_level"),
        (
            {"subject_injured": "yes", "subject_injury_level": "death", "outcomes": ["arrested"]},
            "outcomes",
        ),
        (
            {"subject_injured": "yes", "subject_injury_level": "minor", "outcomes": ["fatality"]},
            "subject_injury_level",
        ),
        ({"tactics": ["tactical_communication"]}, "tactics"),
        ({"restraint_ended_at": AT - dt.timedelta(minutes=1)}, "restraint_ended_at"),
        ({"restraint_started_at": None}, "restraint_started_at"),
        ({"health_check_at": AT - dt.timedelta(minutes=5)}, "health_check_at"),
        ({"health_check_refused": True}, "health_check_refused"),
        ({"clothing_removed_reason": "ligature risk"}, "clothing_removed_reason"),
        ({"appropriate_adult_present": True}, "appropriate_adult_present"),
        ({"occurred_at": NOW + dt.timedelta(minutes=1)}, "occurred_at"),
    ],
)
def test_contradictions_are_refused_even_in_a_draft(changes: dict[str, Any], field: str):
    assert field in fields(complete(AT, **changes), submitting=False)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"supervising_officer": ""}, "supervising_officer"),
        ({"clothing_removed": None}, "clothing_removed"),
        ({"clothing_removed": True}, "clothing_removed_reason"),
        ({"health_check_at": None}, "health_check_at"),
        ({"juvenile": True}, "appropriate_adult_present"),
        ({"officer_injured": "yes"}, "officer_injury_level"),
        ({"subject_injured": "yes"}, "subject_injury_level"),
    ],
)
def test_what_a_submission_needs_depends_on_the_answers(changes: dict[str, Any], field: str):
    assert fields(complete(AT, **changes)) == [field]


def test_the_custody_extension_is_asked_only_for_the_custody_block():
    street = complete(
        AT,
        locations=["street_highway"],
        supervising_officer="",
        clothing_removed=None,
        health_check_at=None,
        juvenile=None,
    )
    assert fields(street) == []


def test_a_refused_examination_stands_in_for_its_time():
    assert fields(complete(AT, health_check_at=None, health_check_refused=True)) == []


def test_times_must_carry_an_offset_and_are_held_in_utc():
    with pytest.raises(ReportInvalid) as naive:
        decode({"occurred_at": "2026-11-20T21:30:00"})
    assert naive.value.problems[0].field == "occurred_at"
    summer = decode({"occurred_at": "2026-07-01T10:00:00+01:00"})
    assert summer.occurred_at == dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)
    assert summer.occurred_at.tzinfo == dt.UTC


def test_unknown_codes_and_fields_are_refused_by_name():
    with pytest.raises(ReportInvalid) as bad_code:
        decode({"tactics": ["chokehold"]})
    assert bad_code.value.problems[0].field == "tactics"
    with pytest.raises(ReportInvalid) as unknown:
        decode({"weather": "rain"})
    assert "weather" in str(unknown.value)
