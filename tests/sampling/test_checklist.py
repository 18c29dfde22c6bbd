"""The checklist of a record: its items, what a complete set of answers is, and what each counts as."""

from __future__ import annotations

import datetime as dt

from bridewell.rules import catalogue
from bridewell.rules.findings import Finding
from bridewell.sampling import checklist
from bridewell.sampling.checklist import Answer

AT = dt.datetime(2026, 11, 17, 12, 0, tzinfo=dt.UTC)


def finding(rule: str) -> Finding:
    return Finding(
        record_id="R1",
        rule=rule,
        severity="breach",
        at=AT,
        due=AT,
        source="PACE Code C 9.3",
        message="Visit late",
        events=["e1"],
    )


def keys(items: list[checklist.Item]) -> list[str]:
    return [i.key for i in items]


def test_an_adult_pace_record_is_checked_in_every_family_but_s136_and_juveniles():
    items = checklist.items([], regime="pace", juvenile=False, force_or_strip=False)
    assert keys(items) == [
        "engine:limits",
        "engine:reviews",
        "engine:care",
        "engine:rights",
        "engine:searches",
        "engine:release",
        "engine:force",
        "engine:records",
        "risk_assessment",
        "prra",
        "checks_meaningful",
        "grounds",
        "cctv",
    ]
    assert all(i.choices == ("confirm", "dispute") for i in items[:8])
    assert items[-1].choices == ("meets", "does_not_meet", "not_applicable")


def test_a_child_on_s136_adds_those_families():
    items = checklist.items([], regime="mha_s136", juvenile=True, force_or_strip=False)
    assert {"engine:mha", "engine:juveniles"} <= set(keys(items))


def test_findings_are_grouped_under_their_family():
    care = next(r for r in catalogue.RULES if r.family == "care")
    items = checklist.items([finding(care.id)], regime="pace", juvenile=False, force_or_strip=False)
    by_key = {i.key: i for i in items}
    assert [f.rule for f in by_key["engine:care"].findings] == [care.id]
    assert by_key["engine:care"].findings[0].title == care.title
    assert by_key["engine:limits"].findings == ()


def test_cctv_cannot_be_not_applicable_after_force_or_a_strip_search():
    items = checklist.items([], regime="pace", juvenile=False, force_or_strip=True)
    cctv = items[-1]
    assert cctv.choices == ("meets", "does_not_meet")
    answers = all_passing(items) | {"cctv": Answer("not_applicable")}
    assert checklist.problems(items, answers) == {
        "cctv": "CCTV cannot be not applicable: the record shows force or a strip search"
    }


def all_passing(items: list[checklist.Item]) -> dict[str, Answer]:
    return {i.key: Answer("confirm" if i.kind == "engine" else "meets") for i in items}


def test_every_item_needs_an_answer_and_disputes_need_a_reason():
    items = checklist.items([], regime="pace", juvenile=False, force_or_strip=False)
    assert checklist.problems(items, all_passing(items)) == {}
    answers = all_passing(items)
    del answers["prra"]
    answers["engine:care"] = Answer("dispute", "   ")
    answers["grounds"] = Answer("does_not_meet")
    answers["checks_meaningful"] = Answer("maybe")
    answers["engine:limits"] = Answer("not_applicable")
    assert checklist.problems(items, answers) == {
        "prra": "Select an answer for ‘Quality of the pre-release risk assessment’",
        "engine:care": "Explain why you dispute the engine on ‘Care in the cell (all regimes)’",
        "grounds": "Explain why ‘Grounds for detention recorded properly’ does not meet the "
        "standard",
        "checks_meaningful": "Select one of the answers offered for ‘Check and visit entries "
        "are meaningful’",
        "engine:limits": "Select one of the answers offered for ‘Detention limits (PACE)’",
    }
    answers |= {
        "prra": Answer("not_applicable"),
        "engine:care": Answer("dispute", "The 09:10 visit was made: see the CCTV log"),
        "grounds": Answer("does_not_meet", "Grounds copied from the last record"),
        "checks_meaningful": Answer("meets"),
        "engine:limits": Answer("confirm"),
    }
    assert checklist.problems(items, answers) == {}


def test_what_each_answer_counts_as():
    assert checklist.outcome("engine", "confirm", had_findings=False) == "pass"
    assert checklist.outcome("engine", "confirm", had_findings=True) == "fail"
    assert checklist.outcome("engine", "dispute", had_findings=False) == "fail"
    assert checklist.outcome("engine", "dispute", had_findings=True) == "disputed"
    assert checklist.outcome("judgement", "meets", had_findings=False) == "pass"
    assert checklist.outcome("judgement", "does_not_meet", had_findings=False) == "fail"
    assert checklist.outcome("judgement", "not_applicable", had_findings=False) == "na"


def test_item_titles():
    assert checklist.item_title("engine:care") == "Care in the cell (all regimes)"
    assert checklist.item_title("prra") == "Quality of the pre-release risk assessment"


def test_answers_in_words():
    assert checklist.answer_text("engine", "confirm", had_findings=False) == "Confirmed: no issue"
    assert checklist.answer_text("engine", "dispute", had_findings=True) == (
        "Disputed the engine's findings"
    )
    assert checklist.answer_text("judgement", "does_not_meet", had_findings=False) == (
        "Does not meet the standard"
    )
