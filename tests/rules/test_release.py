"""Pre-release risk assessment (APP-PRRA-1), and the shared examples for this helper's families."""

from bridewell.rules.catalogue import RULES
from tests.builders import SERGEANT, assessed, booking, ev, found, record

FAMILY_RULES = {r.id for r in RULES if r.family in {"juveniles", "release", "mha"}}


def prra(when, **fields):
    return ev("prra_completed", when, by=SERGEANT, **fields)


def released(when):
    return ev("released", when, id="out", by=SERGEANT, outcome="bail")


def transferred(when, to, **fields):
    return ev("transferred", when, id=fields.pop("id", "out"), to=to, **fields)


def prra_found(*events, at="200:00", regime="pace"):
    return found(record(booking(), *events, regime=regime), at, "APP-PRRA-1")


def test_release_without_a_prra_is_reported_at_the_release():
    assert prra_found(released("8:00")) == [("APP-PRRA-1", "8:00")]


def test_the_prra_window_is_the_two_hours_up_to_and_including_release():
    assert prra_found(prra("6:00"), released("8:00")) == []
    assert prra_found(prra("8:00"), released("8:00")) == []
    assert prra_found(prra("5:59"), released("8:00")) == [("APP-PRRA-1", "8:00")]


def test_a_prra_recorded_after_release_does_not_count():
    assert prra_found(released("8:00"), prra("8:01")) == [("APP-PRRA-1", "8:00")]


def test_a_prra_counts_even_without_the_detainee_present():
    assert prra_found(prra("7:30", detainee_present=False), released("8:00")) == []


def test_transfers_need_a_prra_except_admission_to_hospital():
    assert prra_found(transferred("8:00", "court")) == [("APP-PRRA-1", "8:00")]
    assert prra_found(transferred("8:00", "prison")) == [("APP-PRRA-1", "8:00")]
    assert prra_found(transferred("8:00", "hospital_admission")) == []


def test_a_transfer_to_local_authority_accommodation_is_not_covered_in_v1():
    assert prra_found(ev("la_transfer_completed", "8:00")) == []


def test_only_the_first_ending_counts():
    # Released at 8:00 without a PRRA; a later transfer entry cannot cure it.
    assert prra_found(released("8:00"), prra("9:00"), transferred("9:30", "court", id="t2")) == [
        ("APP-PRRA-1", "8:00")
    ]


def test_an_open_record_has_no_prra_finding():
    assert prra_found(at="8:00") == []


def test_the_rule_applies_in_every_regime():
    events = [ev("arrived", "0:00", station="HOLD-A"), released("8:00")]
    assert found(record(*events, regime="mha_s136", offences=[]), "200:00", "APP-PRRA-1") == [
        ("APP-PRRA-1", "8:00")
    ]


def test_prra_messages_name_the_release_and_any_earlier_assessment():
    (finding,) = [
        f
        for f in assessed(record(booking(), prra("5:00", id="p1"), released("8:00"))).findings
        if f.rule == "APP-PRRA-1"
    ]
    assert finding.message == (
        "Released 04:00 GMT on 13 Jan with no pre-release risk assessment in the 2 h before; "
        "the last was at 01:00 GMT (3 h before)"
    )
    assert finding.events == ["out", "p1"]
    assert finding.due == finding.at
    assert finding.severity == "warning"

    (finding,) = [
        f
        for f in assessed(record(booking(), transferred("8:00", "other_force"))).findings
        if f.rule == "APP-PRRA-1"
    ]
    assert finding.message == (
        "Transferred to another force 04:00 GMT on 13 Jan with no pre-release risk assessment "
        "in the 2 h before"
    )
