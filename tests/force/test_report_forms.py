"""The report's pages as forms: answers in and out, problems back on their fields, words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bridewell.force import report_forms as rf
from bridewell.force.report import Problem, ReportData, problems
from tests.force.builders import complete

AT = dt.datetime(2026, 5, 4, 19, 0, tzinfo=dt.UTC)  # 20:00 BST


def uk_time(name: str, day: str, month: str, year: str, time: str) -> dict[str, str]:
    """A GOV.UK date and time input's boxes, as posted."""
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year, f"{name}_time": time}


def posted(page: type[rf.Section], answers: ReportData, **data: Any) -> rf.Section:
    form = page(data, answers=answers)
    assert form.is_valid(), form.errors
    return form


def test_a_page_writes_only_its_own_answers_with_uk_times_as_utc():
    before = ReportData(tactics=["escorting"], account="Kept")
    form = posted(
        rf.WhenWhere,
        before,
        **uk_time("occurred_at", "4", "5", "2026", "20:00"),
        locations=["street_highway", "vehicle_caged"],
    )
    answers = rf.compose(before, [form])
    assert answers.occurred_at == AT
    assert answers.locations == ["street_highway", "vehicle_caged"]
    assert (answers.tactics, answers.account) == (["escorting"], "Kept")
    assert before.locations == []


def test_radios_keep_codes_yes_no_keeps_a_bool_and_not_applicable_takes_an_answer_back():
    before = ReportData(officer_injured="yes", officer_injury_level="minor")
    form = posted(
        rf.Injuries,
        before,
        officer_injured="no",
        officer_injury_level=rf.NONE,
        medical_assistance_offered="yes",
        outcomes=["arrested"],
    )
    answers = rf.compose(before, [form])
    assert answers.officer_injured == "no"
    assert answers.officer_injury_level is None
    assert answers.medical_assistance_offered is True
    assert answers.subject_injured is None


def test_a_code_is_never_mistaken_for_taking_an_answer_back():
    form = posted(rf.Subject, ReportData(), subject_health="none", subject_age="not_reported")
    answers = rf.compose(ReportData(), [form])
    assert (answers.subject_health, answers.subject_age) == ("none", "not_reported")


def test_a_code_that_is_not_on_the_list_is_refused():
    form = rf.Tactics({"tactics": ["headbutt"]}, answers=ReportData())
    assert not form.is_valid()
    assert "tactics" in form.errors


def test_a_page_shows_the_answers_already_given():
    answers = complete(AT, medical_assistance_offered=False)
    form = rf.Injuries(answers=answers)
    assert form["medical_assistance_offered"].value() == "no"
    assert form["officer_injured"].value() == "no"
    assert rf.WhenWhere(answers=answers)["locations"].value() == ["custody_block"]


def test_problems_go_to_their_fields_and_the_rest_are_handed_back():
    form = posted(rf.Injuries, ReportData(), subject_injured="no", subject_injury_level="minor")
    found = problems(rf.compose(ReportData(), [form]), submitting=True, now=AT)
    elsewhere = form.place(found)
    assert form.errors["subject_injury_level"] == [
        "You did not say the subject was injured: remove the level or answer ‘yes’"
    ]
    assert "officer_injured" in form.errors
    assert {p.field for p in elsewhere} >= {"tactics", "account", "occurred_at"}
    assert not {p.field for p in elsewhere} & set(rf.Injuries.base_fields)


def test_problems_can_be_shown_on_a_page_not_yet_posted():
    form = rf.Account(answers=ReportData())
    assert form.place([Problem("account", "Explain what happened")]) == []
    assert form.errors["account"] == ["Explain what happened"]


def test_custody_details_are_asked_and_kept_only_when_force_was_used_in_custody():
    answers = complete(AT)
    assert rf.Custody in rf.sections_for(answers)
    form = posted(
        rf.WhenWhere,
        answers,
        locations=["street_highway"],
        **uk_time("occurred_at", "4", "5", "2026", "20:00"),
    )
    moved = rf.compose(answers, [form])
    assert rf.Custody not in rf.sections_for(moved)
    assert moved.supervising_officer == ""
    assert moved.restraint_started_at is None
    assert moved.juvenile is None
    assert (moved.occurred_at, moved.tactics) == (AT, answers.tactics)


def test_the_summary_reads_in_words_and_uk_local_time():
    parts = {part.slug: part for part in rf.summary(complete(AT, impact_factors=[]))}
    assert list(parts) == [
        "when",
        "tactics",
        "reasons",
        "subject",
        "injuries",
        "custody",
        "account",
    ]
    rows = {row.field: row for part in parts.values() for row in part.rows}
    assert rows["occurred_at"].value == "Mon 4 May 2026 20:00 BST"
    assert rows["tactics"].value == ["Handcuffing: non-compliant"]
    assert rows["subject_age"].value == "18 to 34"
    assert rows["clothing_removed"].value == "No"
    assert rows["impact_factors"].value == rf.NOT_ANSWERED
    assert rows["occurred_at"].target == "id_occurred_at_0"
    assert rows["supervising_officer"].target == "id_supervising_officer"


def test_what_changed_between_versions_is_listed_in_report_order():
    before = complete(AT)
    after = complete(
        AT, subject_injured="yes", subject_injury_level="minor", tactics=["ced_aimed", "ced_fired"]
    )
    assert rf.changes(before, after) == [
        rf.Change(
            "Tactics", "Handcuffing: non-compliant", "Taser (CED): aimed; Taser (CED): fired"
        ),
        rf.Change("Subject injured", "No", "Yes"),
        rf.Change("Subject's injury", rf.NOT_ANSWERED, "Minor"),
    ]
    assert rf.changes(before, complete(AT)) == []


def test_task_status_follows_what_submission_still_needs():
    answers = ReportData(reasons=["protect_self"])
    gaps = problems(answers, submitting=True, now=AT)
    assert rf.status(rf.Reasons, gaps, answers) == "Completed"
    assert rf.status(rf.Subject, gaps, answers) == "Not yet started"
    answers.subject_age = "18_34"
    gaps = problems(answers, submitting=True, now=AT)
    assert rf.status(rf.Subject, gaps, answers) == "In progress"
