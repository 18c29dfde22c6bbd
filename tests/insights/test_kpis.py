"""Every KPI on one small hand-built month, with the answers worked out by hand.

Five records in January 2026 (GMT), offsets from BASE (20:00 on 12 Jan):

- A-1 (HOLD-A) man of 35, W1. Arrived 0:00, DA 0:20, rights 0:20; intoxicated at 0:25, level 2
  at 0:30; roused visits 0:50 ("AIO") and 1:20; force 0:40 with handcuffs 0:40-0:52; strip search
  1:00 (complete, found); clothing removed by force 1:05, replacement offered, returned 1:30;
  HCP requested 0:30, seen 1:00; early review by an inspector in person 1:10; PRRA 1:35; released 1:40 (no review was due).
- B-1 (HOLD-B) girl of 15, ethnicity not stated. Arrived 0:00, DA 1:30, rights 1:30; AA
  requested 1:35, arrived 3:30, rights again with AA 3:35; charged 4:00, bail refused 4:10, LA
  transfer requested 4:20, s.38(6) certificate 5:00; hourly visits 2:30-13:30; post-charge
  review by the custody officer 7:00 in person (on time; not a K-P2 review); HCP seen 3:00 with
  no request (not a wait); transferred to court 14:00 (held past midnight GMT at 4:00).
- C-1 (HOLD-A) s.136, age unknown, A1, flagged vulnerable. Authorised by an inspector -0:05, arrived
  0:00; intoxicated at 0:10, no level set; roused
  visit 0:35; released 0:50 without a PRRA.
- D-1 (HOLD-A) detention refused: arrived 0:00, refused 0:15, released 0:20.
- E-1 (HOLD-B) man of 25, W3. Arrived 0:00, DA 0:10, rights 0:40; visits 1:00, 2:00, 3:30
  (recorded 5:00), 4:30, 5:30, 6:30; clothing beyond outer removed 5:00 with no replacement,
  returned 5:45; HCP requested 1:00 and 2:00, seen 2:40 (answers the 1:00 request; the 2:00 one
  is never answered); review by telephone 6:30 (first review was due 6:10); released 7:00, no
  PRRA.
"""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from bridewell.insights.kpis import CATALOGUE
from bridewell.insights.monthly import Accumulator, KpiValue
from bridewell.rules import model as m
from tests.builders import (
    DETENTION_OFFICER,
    INSPECTOR,
    SERGEANT,
    booking,
    ev,
    record,
)
from tests.insights.test_facts import fx

DO = DETENTION_OFFICER
STRIP_PRESENT = [{"sex": "male", "role": "detention_officer"}]


def released(when: str) -> dict[str, Any]:
    return ev("released", when, by=SERGEANT, outcome="nfa")


def in_suite(rec: m.Record, suite: str) -> m.Record:
    return msgspec.structs.replace(rec, suite=suite)


def records() -> list[m.Record]:
    a = record(
        booking("0:00", "0:20"),
        ev("risk_assessed", "0:25", by=SERGEANT, stage="initial", intoxicated=True),
        ev("observation_level_set", "0:30", by=SERGEANT, level=2, reason="intoxicated"),
        ev("cell_visit", "0:50", by=DO, roused=True, response="responded", note="AIO"),
        ev("cell_visit", "1:20", by=DO, roused=True, response="responded",
           note="Asleep, roused, responded"),
        ev("force_used", "0:40", officers=["C1"],
           tactics=["handcuffing_non_compliant", "escorting", "tactical_communication"]),
        ev("restraint_applied", "0:40", kind="handcuffs"),
        ev("restraint_removed", "0:52", kind="handcuffs"),
        ev("search", "1:00", level="strip", authorised_by=SERGEANT, place="custody_suite",
           present=STRIP_PRESENT, found=True),
        ev("clothing_removed", "1:05", by=SERGEANT, reason="ligature risk",
           replacement_offered=True, by_force=True),
        ev("clothing_returned", "1:30"),
        ev("hcp_requested", "0:30", reason="injury"),
        ev("hcp_seen", "1:00"),
        ev("review", "1:10", by=INSPECTOR, mode="in_person", outcome="continue"),
        ev("prra_completed", "1:35", by=SERGEANT),
        released("1:40"),
        record_id="A-1",
        detainee={"birth_date": "1990-05-05", "ethnicity_self": "W1"},
    )  # fmt: skip
    b = record(
        booking("0:00", "1:30"),
        ev("appropriate_adult_requested", "1:35"),
        ev("appropriate_adult_arrived", "3:30"),
        ev("rights_given", "3:35", by=SERGEANT, appropriate_adult_present=True),
        ev("charged", "4:00", by=SERGEANT, offences=["O1"]),
        ev("bail_refused", "4:10", by=SERGEANT, grounds="fail to appear"),
        ev("la_transfer_requested", "4:20"),
        ev("s38_6_certificate", "5:00", by=SERGEANT, reason="impracticable"),
        [ev("cell_visit", f"{h}:30", by=DO) for h in range(2, 14)],
        ev("review", "7:00", by=SERGEANT, mode="in_person", outcome="continue"),
        ev("hcp_seen", "3:00"),
        ev("transferred", "14:00", to="court"),
        record_id="B-1",
        detainee={"birth_date": "2010-03-01", "sex": "female"},
    )
    c = record(
        ev("arrived", "0:00", station="HOLD-A"),
        ev("s136_police_station_authorised", "-0:05", by=INSPECTOR, imminent_risk=True),
        ev("risk_assessed", "0:10", by=SERGEANT, stage="initial", intoxicated=True),
        ev("cell_visit", "0:35", by=DO, roused=True, response="responded"),
        ev("released", "0:50", by=SERGEANT, outcome="other"),
        record_id="C-1",
        regime="mha_s136",
        offences=[],
        detainee={"ethnicity_self": "A1", "vulnerable": True},
    )
    d = record(
        ev("arrested", "-0:30", place="elsewhere", offences=["O1"]),
        ev("arrived", "0:00", station="HOLD-A"),
        ev("detention_refused", "0:15", by=SERGEANT),
        released("0:20"),
        record_id="D-1",
    )
    e = record(
        booking("0:00", "0:10", rights=False),
        ev("rights_given", "0:40", by=SERGEANT),
        ev("cell_visit", "1:00", by=DO),
        ev("cell_visit", "2:00", by=DO),
        ev("hcp_requested", "1:00"),
        ev("hcp_requested", "2:00"),
        ev("hcp_seen", "2:40"),
        ev("cell_visit", "3:30", by=DO, recorded_at="5:00"),
        ev("cell_visit", "4:30", by=DO),
        ev("clothing_removed", "5:00", by=SERGEANT, reason="self-harm risk", beyond_outer=True),
        ev("clothing_returned", "5:45"),
        ev("cell_visit", "5:30", by=DO),
        ev("cell_visit", "6:30", by=DO),
        ev("review", "6:30", by=INSPECTOR, mode="telephone", outcome="continue"),
        released("7:00"),
        record_id="E-1",
        detainee={"birth_date": "2000-02-01", "ethnicity_self": "W3"},
    )
    return [a, in_suite(b, "HOLD-B"), c, d, in_suite(e, "HOLD-B")]


def force_wide() -> dict[str, KpiValue]:
    acc = Accumulator()
    for rec in records():
        acc.add(fx(rec))
    return acc.result()[("2026-01", None)]


# (numerator, denominator, value, records in the numerator)
RATES: dict[str, tuple[int, int, float, tuple[str, ...]]] = {
    "K-T2": (1, 4, 25.0, ("D-1",)),
    "K-T3-OVER60": (1, 4, 25.0, ("B-1",)),
    "K-T4-OVER24": (0, 4, 0.0, ()),
    "K-T4-OVER36": (0, 4, 0.0, ()),
    "K-P1": (1, 2, 50.0, ("B-1",)),
    "K-P2-IN-PERSON": (1, 2, 50.0, ("A-1",)),
    "K-P2-VIDEO": (0, 2, 0.0, ()),
    "K-P2-TELEPHONE": (1, 2, 50.0, ("E-1",)),
    "K-L1": (2, 3, 200 / 3, ("A-1", "B-1")),
    "K-L2-REQUESTED": (1, 1, 100.0, ("B-1",)),
    "K-L2-PRESENT": (1, 1, 100.0, ("B-1",)),
    "K-CH1": (1, 4, 25.0, ("B-1",)),
    "K-CH2": (1, 1, 100.0, ("B-1",)),
    "K-CH3-REQUESTED": (1, 1, 100.0, ("B-1",)),
    "K-CH3-TRANSFERRED": (0, 1, 0.0, ()),
    "K-CH3-CERTIFICATE": (1, 1, 100.0, ("B-1",)),
    "K-RK3": (1, 2, 50.0, ("A-1",)),
    "K-DC1": (3, 4, 75.0, ("A-1", "B-1", "C-1")),
    "K-DC3": (1, 2, 50.0, ("A-1",)),
    "K-SS1": (1, 4, 25.0, ("A-1",)),
    "K-SS2": (1, 1, 100.0, ("A-1",)),
    "K-CR1": (2, 4, 50.0, ("A-1", "E-1")),
    "K-CR1-BEYOND-OUTER": (1, 4, 25.0, ("E-1",)),
    "K-CR2": (1, 2, 50.0, ("A-1",)),
    "K-CR3": (1, 2, 50.0, ("A-1",)),
    "K-UF1": (1, 4, 250.0, ("A-1",)),
    "K-RL1": (1, 3, 100 / 3, ("A-1",)),
    "K-DQ1": (3, 4, 75.0, ("A-1", "C-1", "E-1")),
    "K-DQ3": (1, 5, 20.0, ("E-1",)),
    "K-DQ4": (1, 24, 100 / 24, ("E-1",)),
}

COUNTS: dict[str, tuple[int, tuple[str, ...]]] = {
    "K-T1": (4, ("A-1", "B-1", "C-1", "E-1")),
    "K-T1-VA": (0, ()),
    "K-T1-S136": (1, ("C-1",)),
    "K-T1-VULNERABLE": (1, ("C-1",)),
    "K-T4-WFD": (0, ()),
    "K-P1-MISSED": (1, ("E-1",)),
    "K-CH3": (1, ("B-1",)),
    "K-MH1": (1, ("C-1",)),
    "K-MH1-CHILD": (0, ()),
    "K-DC1-LAPSES": (1, ("E-1",)),
    "K-CR4": (1, ("E-1",)),
    "K-H1-UNSEEN": (1, ("E-1",)),
}

# (n, median, P90, records)
DURATIONS: dict[str, tuple[int, float | None, float | None, tuple[str, ...]]] = {
    "K-T3": (4, 17.5, 90.0, ("A-1", "B-1", "D-1", "E-1")),  # 20, 90, 15, 10
    "K-T3-CHILD": (1, 90.0, 90.0, ("B-1",)),
    "K-T4": (4, 260.0, 840.0, ("A-1", "B-1", "C-1", "E-1")),  # 100, 840, 50, 420
    "K-T4-CHILD": (1, 840.0, 840.0, ("B-1",)),
    "K-T4-ADULT": (3, 100.0, 420.0, ("A-1", "C-1", "E-1")),
    "K-L2": (1, 120.0, 120.0, ("B-1",)),
    "K-CR4-DURATION": (2, 35.0, 45.0, ("A-1", "E-1")),  # 25, 45
    "K-UF6-HANDCUFFS": (1, 12.0, 12.0, ("A-1",)),
    "K-UF6-LEG": (0, None, None, ()),
    "K-UF6-SPIT": (0, None, None, ()),
    "K-H1": (2, 65.0, 100.0, ("A-1", "E-1")),  # 30, 100
}

BREAKDOWNS: dict[str, dict[str, tuple[int, tuple[str, ...]]]] = {
    "K-T1-AGE": {
        "14-17": (1, ("B-1",)),
        "25-34": (1, ("E-1",)),
        "35-44": (1, ("A-1",)),
        "not known": (1, ("C-1",)),
    },
    "K-T1-SEX": {"female": (1, ("B-1",)), "male": (3, ("A-1", "C-1", "E-1"))},
    "K-T1-ETH": {
        "Asian": (1, ("C-1",)),
        "Not stated": (1, ("B-1",)),
        "White": (2, ("A-1", "E-1")),
    },
    # Tactical communication is recorded but not counted.
    "K-UF1-TACTIC": {"escorting": (1, ("A-1",)), "handcuffing_non_compliant": (1, ("A-1",))},
    # The engine's findings (the rules are tested in tests/rules); here, only their counting.
    # A PRRA is expected before every release or transfer, detention or not (APP-PRRA-1).
    "K-FR": {
        "APP-CLOTH-1": (1, ("E-1",)),
        "APP-OBS-2": (1, ("C-1",)),
        "APP-PRRA-1": (4, ("B-1", "C-1", "D-1", "E-1")),
        "DATA-CLOTH-STRIP": (1, ("E-1",)),
        "DATA-LATE-ENTRY": (1, ("E-1",)),
        "MHA-136-5": (1, ("C-1",)),
        "PACE-CARE-1": (1, ("E-1",)),
        "PACE-REVIEW-1": (1, ("E-1",)),
        "PACE-REVIEW-6": (1, ("E-1",)),
        "UOF-FORM-1": (1, ("A-1",)),
    },
}


def test_every_kpi_has_a_hand_computed_answer():
    tested = set(RATES) | set(COUNTS) | set(DURATIONS) | set(BREAKDOWNS)
    assert tested == {k.id for k in CATALOGUE}


@pytest.mark.parametrize("kpi", sorted(RATES))
def test_rates(kpi):
    num, den, value, ids = RATES[kpi]
    got = force_wide()[kpi]
    assert (got.numerator, got.denominator, got.records) == (num, den, ids)
    assert got.value == pytest.approx(value)


@pytest.mark.parametrize("kpi", sorted(COUNTS))
def test_counts(kpi):
    n, ids = COUNTS[kpi]
    got = force_wide()[kpi]
    assert (got.numerator, got.value, got.records) == (n, float(n), ids)


@pytest.mark.parametrize("kpi", sorted(DURATIONS))
def test_durations(kpi):
    n, med, p90, ids = DURATIONS[kpi]
    got = force_wide()[kpi]
    assert (got.n, got.median, got.p90, got.value, got.records) == (n, med, p90, med, ids)


@pytest.mark.parametrize("kpi", sorted(BREAKDOWNS))
def test_breakdowns(kpi):
    got = force_wide()[kpi]
    assert {k: (p.count, p.records) for k, p in got.parts.items()} == BREAKDOWNS[kpi]
    assert got.numerator == sum(p.count for p in got.parts.values())


def test_exceptions_are_the_denominator_outside_the_numerator():
    got = force_wide()
    assert got["K-P1"].exceptions == ("E-1",)
    assert got["K-SS1"].exceptions == ()  # kept for rates only
    assert got["K-RL1"].exceptions == ("C-1", "E-1")
    assert got["K-T1"].exceptions == ()
