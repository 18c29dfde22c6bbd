"""Per-record facts on small hand-built records (BASE is 20:00 GMT on Mon 12 Jan 2026)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bridewell.insights.facts import (
    FindingRef,
    RecordFacts,
    age_band,
    facts,
    is_boilerplate,
    uk_month,
)
from bridewell.insights.groups import LABELS, ethnic_group
from bridewell.rules import model as m
from bridewell.rules.engine import assess
from tests.builders import (
    DETENTION_OFFICER,
    INSPECTOR,
    SERGEANT,
    booking,
    ev,
    record,
    t,
)

CHILD = {"birth_date": "2010-03-01"}


def fx(rec: m.Record, at: str | dt.datetime = "200:00") -> RecordFacts:
    when = t(at)
    return facts(rec, assess(rec, when), when)


def released(when: str, **fields: Any) -> dict[str, Any]:
    return ev("released", when, id=fields.pop("id", "rel"), by=SERGEANT, outcome="nfa", **fields)


def visit(when: str, note: str | None = None, **fields: Any) -> dict[str, Any]:
    if note is not None:
        fields["note"] = note
    return ev("cell_visit", when, by=DETENTION_OFFICER, **fields)


@pytest.mark.parametrize(
    ("age", "band"),
    [(None, "not known"), (12, "under 14"), (14, "14-17"), (17, "14-17"), (18, "18-24"),
     (34, "25-34"), (64, "55-64"), (65, "65 and over")],
)  # fmt: skip
def test_age_bands(age, band):
    assert age_band(age) == band


@pytest.mark.parametrize(
    ("code", "group"),
    [("A3", "Asian"), ("B1", "Black"), ("M4", "Mixed"), ("W2", "White"), ("O2", "Other"),
     ("not_stated", "Not stated")],
)  # fmt: skip
def test_ethnic_groups(code, group):
    assert LABELS[ethnic_group(code)] == group


@pytest.mark.parametrize(
    ("note", "stock"),
    [("AIO", True), ("All in order.", True), ("asleep - A.I.O", False), ("Asleep, AIO", True),
     ("ok ok", True), ("Asleep, breathing observed", False), ("okay then", False),
     ("", False), ("  ...  ", False), ("No change; all fine", True)],
)  # fmt: skip
def test_boilerplate_notes(note, stock):
    assert is_boilerplate(note) is stock


@pytest.mark.parametrize(
    ("instant", "month"),
    [
        # BST began 29 Mar 2026: 23:30 UTC on 31 Mar is 00:30 BST on 1 Apr.
        (dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC), "2026-04"),
        (dt.datetime(2026, 3, 31, 22, 59, tzinfo=dt.UTC), "2026-03"),
        # GMT again from 25 Oct 2026: 23:30 UTC on 31 Oct is 23:30 GMT, still October.
        (dt.datetime(2026, 10, 31, 23, 30, tzinfo=dt.UTC), "2026-10"),
        (dt.datetime(2026, 11, 1, 0, 0, tzinfo=dt.UTC), "2026-11"),
    ],
)
def test_month_is_the_uk_calendar_month(instant, month):
    assert uk_month(instant) == month


def test_booking_wait_and_time_in_custody_less_hospital_time():
    rec = record(
        booking("0:00", "0:25"),
        ev("hospital_departed", "2:00", purpose="medical"),
        ev("hospital_returned", "3:00"),
        released("10:00"),
        detainee={"ethnicity_self": "B2", "birth_date": "1990-05-05"},
    )
    f = fx(rec)
    assert f.month == "2026-01"
    assert (f.authorised, f.refused, f.closed, f.released) == (True, False, True, True)
    assert f.booking_wait == 25
    assert f.time_in_custody == 9 * 60  # 10 h from arrival, less 1 h at hospital
    assert (f.age, f.age_band, f.juvenile) == (35, "35-44", False)
    assert (f.ethnicity, f.ethnic_group, f.sex) == ("B2", "Black", "male")


def test_open_record_has_no_time_in_custody():
    assert fx(record(booking()), "5:00").time_in_custody is None


def test_refused_detention_has_a_booking_wait_but_is_not_a_detention():
    rec = record(
        ev("arrested", "-0:30", place="elsewhere", offences=["O1"]),
        ev("arrived", "0:00", station="HOLD-A"),
        ev("detention_refused", "0:40", by=SERGEANT),
        released("0:45"),
    )
    f = fx(rec)
    assert (f.authorised, f.refused, f.booking_wait) == (False, True, 40)


def test_reviews_by_mode_and_missed():
    on_time = record(
        booking(),
        ev("review", "6:00", id="r1", by=INSPECTOR, mode="in_person", outcome="continue"),
        ev("review", "15:00", id="r2", by=INSPECTOR, mode="telephone", outcome="continue",
           video_not_practicable=True),
        released("20:00"),
    )  # fmt: skip
    f = fx(on_time)
    assert (f.reviews_in_person, f.reviews_video, f.reviews_telephone) == (("r1",), (), ("r2",))
    assert (f.reviews_missed, f.review_due) == ((), True)
    assert fx(record(booking(), released("6:10"))).review_due is False
    missed = fx(record(booking(), released("7:00")))
    assert missed.review_due is True
    assert missed.reviews_missed == (FindingRef("PACE-REVIEW-1", ("da",)),)


def test_rights_and_appropriate_adult_for_a_child():
    rec = record(
        booking("0:00", "0:10", rights=False),
        ev("rights_given", "0:20", by=SERGEANT),
        ev("appropriate_adult_requested", "0:15"),
        ev("appropriate_adult_arrived", "2:10"),
        ev("rights_given", "2:15", by=SERGEANT, appropriate_adult_present=True),
        released("4:00"),
        detainee=CHILD,
    )
    f = fx(rec)
    assert (f.juvenile, f.age, f.age_band) == (True, 15, "14-17")
    assert (f.rights_wait, f.aa_requested, f.aa_wait, f.rights_with_aa) == (10, True, 120, True)


@pytest.mark.parametrize(("release", "overnight"), [("3:59", False), ("4:01", True)])
def test_child_overnight_in_winter(release, overnight):
    """DA at 20:10 GMT; midnight GMT is 4:00 after BASE."""
    assert fx(record(booking(), released(release), detainee=CHILD)).overnight is overnight


def test_child_overnight_in_summer_uses_bst():
    """DA at 22:30 UTC (23:30 BST), released 23:05 UTC (00:05 BST): held past UK midnight."""
    start = dt.datetime(2026, 6, 1, 22, 0, tzinfo=dt.UTC)
    rec = record(
        booking(start, start + dt.timedelta(minutes=30)),
        released(start + dt.timedelta(minutes=65)),
        detainee=CHILD,
    )
    f = fx(rec, start + dt.timedelta(days=2))
    assert f.overnight is True
    assert f.month == "2026-06"


def test_adult_is_never_held_overnight_as_a_child():
    assert fx(record(booking(), released("12:00"))).overnight is False


def test_child_charged_refused_bail_and_la_transfer():
    rec = record(
        booking(),
        ev("charged", "3:00", by=SERGEANT, offences=["O1"]),
        ev("bail_refused", "3:10", by=SERGEANT, grounds="fail to appear"),
        ev("la_transfer_requested", "3:20"),
        ev("s38_6_certificate", "5:00", by=SERGEANT, reason="impracticable"),
        ev("transferred", "12:00", to="court"),
        detainee=CHILD,
    )
    f = fx(rec)
    assert (f.charged, f.bail_refused, f.la_transfer_requested) == (True, True, True)
    assert (f.la_transfer_completed, f.s38_6_certificate, f.released) == (False, True, False)


def test_intoxication_and_observation_levels():
    rec = record(
        booking(),
        ev("risk_assessed", "0:15", by=SERGEANT, stage="initial", intoxicated=True),
        ev("observation_level_set", "0:20", by=SERGEANT, level=2, reason="drunk"),
        ev("observation_level_set", "3:00", by=SERGEANT, level=1, reason="sober"),
        released("5:00"),
    )
    f = fx(rec)
    assert (f.risk_assessed, f.intoxicated, f.level_2_rousing, f.max_level) == (True, True, True, 2)


def test_visits_lapses_and_boilerplate():
    rec = record(
        booking(),
        visit("1:00", "AIO", id="v1"),
        visit("2:00", "Awake, asked for a drink", id="v2"),
        visit("4:00", id="v3"),
        released("4:30"),
    )
    f = fx(rec)
    assert (f.visits, f.visit_notes, f.boilerplate_visits) == (3, 2, ("v1",))
    assert f.visit_lapses == (FindingRef("PACE-CARE-1", ("v2", "v3")),)


def test_searches_removals_force_restraints():
    present = [{"sex": "male", "role": "detention_officer"}]
    rec = record(
        booking(),
        ev("search", "1:00", id="s1", level="strip", authorised_by=SERGEANT,
           place="custody_suite", present=present, found=True),
        ev("search", "2:00", id="s2", level="strip_exposing_intimate_parts",
           authorised_by=INSPECTOR, place="custody_suite"),
        ev("search", "2:30", id="s3", level="outer", authorised_by=SERGEANT,
           place="custody_suite"),
        ev("clothing_removed", "1:05", id="c1", by=SERGEANT, reason="ligature risk",
           replacement_offered=True, by_force=True),
        ev("clothing_returned", "1:50"),
        ev("force_used", "0:30", id="f1", officers=["C1"],
           tactics=["handcuffing_non_compliant", "tactical_communication"]),
        ev("restraint_applied", "0:30", kind="handcuffs"),
        ev("restraint_removed", "0:42", kind="handcuffs"),
        ev("restraint_applied", "0:31", kind="spit_guard"),
        released("5:00"),
    )  # fmt: skip
    f = fx(rec)
    assert [(s.event, s.complete, s.found) for s in f.strip_searches] == [
        ("s1", True, True),
        ("s2", False, False),
    ]
    (removal,) = f.removals
    assert (removal.event, removal.by_force, removal.minutes_to_return) == ("c1", True, 45)
    assert [(x.event, x.tactics) for x in f.force] == [
        ("f1", ("handcuffing_non_compliant", "tactical_communication"))
    ]
    assert sorted((r.kind, r.minutes) for r in f.restraints) == [
        ("handcuffs", 12),
        ("spit_guard", None),
    ]


def test_child_strip_search_needs_the_appropriate_adult_status():
    present = [{"sex": "male", "role": "detention_officer"}]

    def strip(**fields: Any) -> RecordFacts:
        search = ev("search", "1:00", level="strip", authorised_by=SERGEANT,
                    place="custody_suite", present=present, **fields)  # fmt: skip
        return fx(record(booking(), search, detainee=CHILD))

    assert strip().strip_searches[0].complete is False
    assert strip(appropriate_adult_present=True).strip_searches[0].complete is True
    assert strip(aa_declined_by_juvenile=True).strip_searches[0].complete is True


def test_prra_late_entries_and_findings():
    rec = record(
        booking(),
        visit("1:00", id="v1", recorded_at="2:01"),
        visit("1:50", id="v2", recorded_at="2:50"),
        ev("prra_completed", "3:00", by=SERGEANT),
        released("3:30"),
    )
    f = fx(rec)
    assert f.prra is True
    assert (f.entries, f.late_entries) == (2, ("v1",))
    assert FindingRef("DATA-LATE-ENTRY", ("v1",)) in f.findings


def test_prra_after_release_does_not_count():
    rec = record(booking(), released("3:30"), ev("prra_completed", "3:40", by=SERGEANT))
    assert fx(rec).prra is False


def test_s136_record_is_a_police_station_detention():
    rec = record(
        ev("arrived", "0:00", station="HOLD-A"),
        ev("s136_police_station_authorised", "0:05", by=INSPECTOR, imminent_risk=True),
        regime="mha_s136",
        offences=[],
    )
    f = fx(rec, "3:00")
    assert (f.regime, f.authorised, f.s136_police_station, f.booking_wait) == (
        "mha_s136",
        True,
        True,
        None,
    )


def test_voluntary_attendance():
    rec = record(
        ev("arrived", "0:00", station="HOLD-A"),
        ev("arrested", "0:30", place="at_station", voluntary_attendance=True, offences=["O1"]),
        ev("detention_authorised", "0:40", by=SERGEANT, grounds="charging_decision"),
    )
    assert fx(rec, "2:00").voluntary_attendance is True


def test_post_charge_reviews_are_not_counted_by_mode():
    rec = record(
        booking(),
        ev("charged", "2:00", by=SERGEANT, offences=["O1"]),
        ev("review", "6:00", by=SERGEANT, mode="in_person", outcome="continue"),
        released("8:00"),
    )
    f = fx(rec)
    assert (f.reviews_in_person, f.reviews_missed, f.review_due) == ((), (), True)


def test_hospital_time_is_not_deducted_outside_pace():
    rec = record(
        ev("arrived", "-0:05", station="HOLD-A"),
        ev("s136_police_station_authorised", "-0:10", by=INSPECTOR, imminent_risk=True),
        ev("hospital_departed", "1:00", purpose="medical"),
        ev("hospital_returned", "2:00"),
        ev("released", "3:55", by=SERGEANT, outcome="other"),
        regime="mha_s136",
        offences=[],
    )
    assert fx(rec).time_in_custody == 4 * 60


def test_hcp_waits_pair_each_visit_with_the_earliest_waiting_request():
    rec = record(
        booking("0:00", "0:10"),
        ev("hcp_seen", "0:20"),  # nobody asked yet: not a wait
        ev("hcp_requested", "1:00"),
        ev("hcp_requested", "1:30"),
        ev("hcp_seen", "2:00"),  # answers 1:00
        ev("hcp_seen", "2:15"),  # answers 1:30
        ev("hcp_requested", "3:00"),  # never answered
        released("4:00"),
    )
    f = fx(rec)
    assert f.hcp_waits == (60.0, 45.0)
    assert f.hcp_unseen == 1


def test_hcp_visit_at_the_moment_of_the_request_is_a_wait_of_nothing():
    rec = record(booking("0:00", "0:10"), ev("hcp_requested", "1:00"), ev("hcp_seen", "1:00"))
    assert (fx(rec).hcp_waits, fx(rec).hcp_unseen) == ((0.0,), 0)


def test_an_hcp_visit_after_the_evaluation_time_is_not_yet_seen():
    rec = record(booking("0:00", "0:10"), ev("hcp_requested", "1:00"), ev("hcp_seen", "2:30"))
    assert (fx(rec, "2:00").hcp_waits, fx(rec, "2:00").hcp_unseen) == ((), 1)
    assert fx(rec, "3:00").hcp_waits == (90.0,)
