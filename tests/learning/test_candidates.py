"""Candidate incidents proposed from hand-built records, one rule at a time."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bridewell.learning.candidates import propose, propose_incidents
from tests.builders import DETENTION_OFFICER, SERGEANT, booking, ev, record, t

END = t("48:00")


def visit(when: str, response: str, id: str, **extra: object) -> dict[str, object]:
    return ev(
        "cell_visit", when, id=id, by=DETENTION_OFFICER, roused=response != "not_roused",
        response=response, **extra,
    )  # fmt: skip


def force(when: str, id: str, reason: list[str] | None = None) -> dict[str, object]:
    return ev(
        "force_used", when, id=id, by=SERGEANT, officers=["D1"], tactics=["ground_restraint"],
        reason=reason or ["protect_self"],
    )  # fmt: skip


def seen(rec: object) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(c.rule, c.kind, c.event_ids) for c in propose(rec, END)]  # type: ignore[arg-type]


def test_an_uneventful_record_proposes_nothing() -> None:
    rec = record(booking(), visit("1:00", "responded", "v1"), visit("2:00", "not_roused", "v2"))
    assert propose(rec, END) == []


def test_a_visit_with_no_response_to_rousing_is_a_failed_rousing() -> None:
    rec = record(booking(), visit("1:00", "responded", "v1"), visit("1:30", "no_response", "v2"))
    [candidate] = propose(rec, END)
    assert (candidate.rule, candidate.kind, candidate.event_ids) == (
        "failed-rousing",
        "failed_rousing",
        ("v2",),
    )
    assert candidate.at == t("1:30")
    assert candidate.key == "T-1/failed-rousing/v2"
    assert candidate.suite == "HOLD-A"


def test_visits_with_no_response_in_a_row_are_one_incident_until_a_response() -> None:
    rec = record(
        booking(),
        visit("1:00", "no_response", "v1"),
        visit("1:05", "no_response", "v2"),
        visit("1:10", "responded", "v3"),
        visit("3:00", "no_response", "v4"),
    )
    assert seen(rec) == [
        ("failed-rousing", "failed_rousing", ("v1", "v2")),
        ("failed-rousing", "failed_rousing", ("v4",)),
    ]
    assert propose(rec, END)[0].summary == "No response to rousing at a cell 2 visits in a row"


def test_a_corrected_visit_is_read_as_corrected() -> None:
    """The sergeant corrects a visit entered as ‘no response’: the rules see the replacement,
    so the candidate goes; and a visit corrected to ‘no response’ proposes one, by its new id."""
    wrong = visit("1:00", "no_response", "v1")
    fixed = visit("1:00", "responded", "v1c")
    later = visit("2:00", "responded", "v2")
    failed = visit("2:00", "no_response", "v2c")
    rec = record(
        booking(),
        wrong,
        later,
        ev("correction", "1:20", id="c1", by=SERGEANT, corrects="v1", reason="typo",
           replacement=fixed),
        ev("correction", "2:20", id="c2", by=SERGEANT, corrects="v2", reason="typo",
           replacement=failed),
    )  # fmt: skip
    assert seen(rec) == [("failed-rousing", "failed_rousing", ("v2c",))]


def test_force_then_an_ambulance_and_hospital_is_a_hospital_transfer() -> None:
    rec = record(
        booking(),
        ev("hospital_departed", "0:40", id="h0", purpose="medical"),
        ev("hospital_returned", "0:50", id="h0r"),
        force("1:00", "f1"),
        ev("ambulance_called", "1:10", id="a1", reason="head injury"),
        ev("hospital_departed", "1:40", id="h1", purpose="medical"),
        ev("hospital_returned", "5:00", id="h1r"),
    )
    [candidate] = propose(rec, END)
    assert (candidate.rule, candidate.kind, candidate.event_ids) == (
        "hospital-after-force",
        "hospital_transfer",
        ("f1", "a1", "h1"),
    )
    assert candidate.summary == "Force used, then an ambulance called and taken to hospital"


def test_force_used_twice_before_one_ambulance_is_one_candidate() -> None:
    rec = record(
        booking(),
        force("1:00", "f1"),
        force("1:05", "f2"),
        ev("ambulance_called", "1:10", id="a1"),
        force("6:00", "f3"),
        ev("ambulance_called", "6:10", id="a2"),
    )
    assert seen(rec) == [
        ("hospital-after-force", "hospital_transfer", ("f1", "f2", "a1")),
        ("hospital-after-force", "hospital_transfer", ("f3", "a2")),
    ]


def test_an_investigative_hospital_trip_after_force_is_not_proposed() -> None:
    rec = record(
        booking(),
        force("1:00", "f1"),
        ev("hospital_departed", "1:40", id="h1", purpose="investigative"),
        ev("hospital_returned", "3:00", id="h1r"),
    )
    assert propose(rec, END) == []


def test_a_hospital_trip_before_any_force_is_not_proposed() -> None:
    rec = record(
        booking(),
        ev("hospital_departed", "0:40", id="h0", purpose="medical"),
        ev("hospital_returned", "0:50", id="h0r"),
        force("1:00", "f1"),
    )
    assert propose(rec, END) == []


def test_a_note_of_a_ligature_with_the_search_that_found_it() -> None:
    rec = record(
        booking(),
        ev("search", "1:00", id="s1", level="outer", authorised_by=SERGEANT,
           place="custody_suite", found=True),
        ev("note", "1:20", id="n1", by=SERGEANT,
           text="Ligature made from a sock found on the detainee and removed"),
        ev("note", "2:00", id="n2", by=SERGEANT, text="Solicitor called"),
    )  # fmt: skip
    [candidate] = propose(rec, END)
    assert (candidate.rule, candidate.kind, candidate.event_ids) == (
        "self-harm-noted",
        "self_harm",
        ("n1", "s1"),
    )
    assert candidate.at == t("1:00")
    assert candidate.key == "T-1/self-harm-noted/n1"


def test_self_harm_in_a_visit_note_without_a_search() -> None:
    rec = record(
        booking(),
        ev("search", "0:10", id="s1", level="outer", authorised_by=SERGEANT,
           place="custody_suite", found=True),
        visit("3:00", "responded", "v1", note="Detainee self-harming, scratching arm; HCP called"),
    )  # fmt: skip
    assert seen(rec) == [("self-harm-noted", "self_harm", ("v1",))]


def test_words_that_only_look_alike_are_not_self_harm() -> None:
    rec = record(
        booking(),
        ev("note", "1:00", id="n1", by=SERGEANT, text="Harmless items returned; shelf harm none"),
    )
    assert propose(rec, END) == []


def test_talk_of_a_risk_is_not_an_incident_but_an_incident_beside_it_is() -> None:
    rec = record(
        booking(),
        ev("note", "1:00", id="n1", by=SERGEANT, text="Cords and laces removed: ligature risk"),
        ev("note", "1:10", id="n2", by=SERGEANT, text="Risk of self-harm; level 2 obs"),
        ev("note", "1:20", id="n3", by=SERGEANT, text="Cell checked for ligature points"),
        ev("note", "5:00", id="n4", by=SERGEANT,
           text="Self-harm risk high. Ligature found tied to the bench, removed"),
    )  # fmt: skip
    assert seen(rec) == [("self-harm-noted", "self_harm", ("n4",))]


def test_force_to_prevent_an_escape_is_an_escape() -> None:
    rec = record(booking(), force("1:00", "f1", ["prevent_escape", "protect_self"]))
    assert seen(rec) == [("escape-prevented", "escape", ("f1",))]


def test_custody_ending_in_hospital_admission_is_a_possible_death_or_serious_injury() -> None:
    rec = record(booking(), ev("transferred", "4:00", id="x1", to="hospital_admission"))
    assert seen(rec) == [("admitted-to-hospital", "death_or_serious_injury", ("x1",))]


def test_force_then_admission_to_hospital_proposes_both() -> None:
    rec = record(
        booking(),
        force("1:00", "f1"),
        ev("transferred", "2:00", id="x1", to="hospital_admission"),
    )
    assert seen(rec) == [
        ("hospital-after-force", "hospital_transfer", ("f1", "x1")),
        ("admitted-to-hospital", "death_or_serious_injury", ("x1",)),
    ]


def test_events_after_the_time_asked_about_are_not_read() -> None:
    rec = record(booking(), visit("1:00", "no_response", "v1"))
    assert propose(rec, t("0:30")) == []


def test_propose_incidents_goes_through_every_record() -> None:
    first = record(booking(), visit("1:00", "no_response", "v1"), record_id="A")
    second = record(booking(), force("1:00", "f1", ["prevent_escape"]), record_id="B")
    keys = [c.key for c in propose_incidents([first, second], END)]
    assert keys == ["A/failed-rousing/v1", "B/escape-prevented/f1"]


@given(st.lists(st.sampled_from(["responded", "no_response", "not_roused"]), max_size=12))
def test_every_visit_without_a_response_is_in_exactly_one_failed_rousing(
    responses: list[str],
) -> None:
    """Runs are split by a response only: a visit that did not try to rouse keeps the run."""
    visits = [visit(f"{1 + n}:00", r, f"v{n}") for n, r in enumerate(responses)]
    found = [c for c in propose(record(booking(), *visits), END) if c.rule == "failed-rousing"]
    listed = [i for c in found for i in c.event_ids]
    assert listed == [f"v{n}" for n, r in enumerate(responses) if r == "no_response"]
    runs = "".join(
        "x" if r == "no_response" else "|" if r == "responded" else "" for r in responses
    )
    assert len(found) == len([run for run in runs.split("|") if run])
    assert len({c.key for c in found}) == len(found)
