"""Use of force and restraint: UOF-FORM-1, DATA-RESTRAINT-OPEN."""

from __future__ import annotations

from typing import Any

from bridewell.rules import model as m
from tests.builders import SERGEANT, assessed, booking, ev, found, record

RULES = ("UOF-FORM-1", "DATA-RESTRAINT-OPEN")


def force(when: str, officers: list[str], with_forms: list[str], **fields: Any) -> dict[str, Any]:
    """A use of force by ``officers``, with a form submitted by each of ``with_forms``."""
    forms = [{"officer": o, "form_ref": f"UOF-{o}"} for o in with_forms]
    return ev(
        "force_used",
        when,
        id=fields.pop("id", "f1"),
        officers=officers,
        tactics=fields.pop("tactics", ["handcuffing_non_compliant"]),
        forms=forms,
        **fields,
    )


def applied(when: str, kind: str = "handcuffs", id: str = "r1") -> dict[str, Any]:
    return ev("restraint_applied", when, id=id, kind=kind)


def lifted(when: str, kind: str = "handcuffs", id: str = "u1") -> dict[str, Any]:
    return ev("restraint_removed", when, id=id, kind=kind)


def released(when: str = "6:00") -> dict[str, Any]:
    return ev("released", when, id="rel", by=SERGEANT, outcome="bail")


def ours(rec: m.Record, at: str = "200:00") -> list[tuple[str, str]]:
    return found(rec, at, *RULES)


def finding(rec: m.Record, rule: str, at: str = "200:00") -> Any:
    (only,) = [f for f in assessed(rec, at).findings if f.rule == rule]
    return only


# UOF-FORM-1


def test_force_without_a_form_from_one_officer_is_reported():
    rec = record(booking(), force("1:00", ["C1", "C2"], ["C1"]))
    assert ours(rec) == [("UOF-FORM-1", "1:00")]
    f = finding(rec, "UOF-FORM-1")
    assert f.message == "Force used 21:00 GMT on 12 Jan with no use-of-force form from officer C2"
    assert (f.due, f.events, f.severity) == (None, ["f1"], "warning")


def test_force_with_a_form_from_every_officer_passes():
    assert ours(record(booking(), force("1:00", ["C1", "C2"], ["C2", "C1"]))) == []


def test_every_officer_without_a_form_is_named():
    rec = record(booking(), force("1:00", ["C1", "C2", "C3"], []))
    assert finding(rec, "UOF-FORM-1").message == (
        "Force used 21:00 GMT on 12 Jan with no use-of-force form from officers C1, C2 and C3"
    )


def test_a_form_from_someone_who_did_not_use_force_does_not_count():
    rec = record(booking(), force("1:00", ["C1", "C2"], ["C1", "S1"]))
    assert ours(rec) == [("UOF-FORM-1", "1:00")]


def test_an_officer_listed_twice_is_named_once():
    rec = record(booking(), force("1:00", ["C2", "C1", "C2"], ["C1"]))
    assert finding(rec, "UOF-FORM-1").message.endswith("from officer C2")


def test_one_finding_per_use_of_force():
    rec = record(
        booking(),
        force("1:00", ["C1"], []),
        force("2:00", ["C1"], ["C1"], id="f2"),
        force("3:00", ["C1", "C2"], [], id="f3"),
    )
    assert ours(rec) == [("UOF-FORM-1", "1:00"), ("UOF-FORM-1", "3:00")]


def test_tactical_communication_alone_still_needs_forms():
    rec = record(booking(), force("1:00", ["C1"], [], tactics=["tactical_communication"]))
    assert ours(rec) == [("UOF-FORM-1", "1:00")]


def test_missing_forms_are_reported_while_the_record_is_open():
    rec = record(booking(), force("1:00", ["C1"], []))
    assert found(rec, "1:00", *RULES) == [("UOF-FORM-1", "1:00")]
    assert [o for o in assessed(rec, "1:00").obligations if o.rule in RULES] == []


def test_a_form_added_by_correction_clears_the_finding():
    fixed = force("1:00", ["C1"], ["C1"], id="f1b")
    rec = record(
        booking(),
        force("1:00", ["C1"], []),
        ev(
            "correction", "3:00", by=SERGEANT, corrects="f1", reason="form added", replacement=fixed
        ),
    )
    assert found(rec, "2:59", *RULES) == [("UOF-FORM-1", "1:00")]
    assert found(rec, "3:00", *RULES) == []


# DATA-RESTRAINT-OPEN


def test_restraint_never_removed_is_reported_at_its_application():
    rec = record(booking(), applied("1:00"), released("6:00"))
    assert ours(rec) == [("DATA-RESTRAINT-OPEN", "1:00")]
    f = finding(rec, "DATA-RESTRAINT-OPEN")
    assert f.message == (
        "Handcuffs applied 21:00 GMT on 12 Jan with no removal recorded before custody ended at "
        "02:00 GMT on 13 Jan"
    )
    assert (f.due, f.events, f.severity) == (None, ["r1", "rel"], "data")


def test_restraint_removed_before_the_end_passes():
    assert ours(record(booking(), applied("1:00"), lifted("1:20"), released())) == []


def test_open_records_are_not_checked():
    rec = record(booking(), applied("1:00"), released("6:00"))
    assert found(rec, "5:59", *RULES) == []
    assert found(rec, "6:00", *RULES) == [("DATA-RESTRAINT-OPEN", "1:00")]


def test_a_removal_at_the_end_counts_and_one_after_it_does_not():
    assert ours(record(booking(), applied("1:00"), lifted("6:00"), released("6:00"))) == []
    late = record(booking(), applied("1:00"), lifted("6:01"), released("6:00"))
    assert ours(late) == [("DATA-RESTRAINT-OPEN", "1:00")]


def test_a_removal_in_the_same_minute_counts_but_not_one_before():
    assert ours(record(booking(), applied("1:00"), lifted("1:00"), released())) == []
    before = record(booking(), lifted("0:59"), applied("1:00"), released())
    assert ours(before) == [("DATA-RESTRAINT-OPEN", "1:00")]


def test_a_removal_of_another_kind_does_not_match():
    rec = record(booking(), applied("1:00", "spit_guard"), lifted("1:10", "handcuffs"), released())
    assert ours(rec) == [("DATA-RESTRAINT-OPEN", "1:00")]
    assert finding(rec, "DATA-RESTRAINT-OPEN").message.startswith(
        "Spit guard applied 21:00 GMT on 12 Jan"
    )


def test_overlapping_restraints_of_one_kind_pair_first_in_first_out():
    rec = record(booking(), applied("1:00"), applied("1:10", id="r2"), lifted("1:20"), released())
    assert ours(rec) == [("DATA-RESTRAINT-OPEN", "1:10")]
    assert finding(rec, "DATA-RESTRAINT-OPEN").events == ["r2", "rel"]


def test_each_application_needs_its_own_removal():
    rec = record(
        booking(),
        applied("1:00"),
        lifted("1:20"),
        applied("2:00", id="r2"),
        applied("2:05", "leg_restraints", id="r3"),
        lifted("2:30", "leg_restraints", id="u2"),
        applied("3:00", "limb_restraints", id="r4"),
        released(),
    )
    assert ours(rec) == [
        ("DATA-RESTRAINT-OPEN", "2:00"),
        ("DATA-RESTRAINT-OPEN", "3:00"),
    ]


def test_a_spare_removal_does_not_close_a_later_application():
    rec = record(
        booking(),
        applied("1:00"),
        lifted("1:10"),
        lifted("1:30", id="u2"),
        applied("2:00", id="r2"),
        released(),
    )
    assert ours(rec) == [("DATA-RESTRAINT-OPEN", "2:00")]


def test_restraint_on_at_transfer_is_reported():
    rec = record(
        booking(),
        applied("5:50", "handcuffs"),
        ev("transferred", "6:00", id="tr", to="court"),
    )
    assert ours(rec) == [("DATA-RESTRAINT-OPEN", "5:50")]
    assert finding(rec, "DATA-RESTRAINT-OPEN").events == ["r1", "tr"]


def test_restraint_rules_apply_to_s136_detentions_too():
    rec = record(
        ev("arrived", "0:00", station="HOLD-A"),
        applied("0:30", "other"),
        force("0:30", ["C1"], []),
        released("4:00"),
        regime="mha_s136",
        offences=[],
    )
    assert ours(rec) == [
        ("DATA-RESTRAINT-OPEN", "0:30"),
        ("UOF-FORM-1", "0:30"),
    ]
    assert finding(rec, "DATA-RESTRAINT-OPEN").message.startswith("Other restraint applied")


def test_a_compliant_restraint_episode_gives_no_findings():
    rec = record(
        booking(),
        force("1:00", ["C1", "C2"], ["C1", "C2"]),
        applied("1:00"),
        applied("1:00", "leg_restraints", id="r2"),
        lifted("1:15", "leg_restraints"),
        lifted("1:25", id="u2"),
        released(),
    )
    assert ours(rec) == []
