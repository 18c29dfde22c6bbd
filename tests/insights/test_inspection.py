"""The inspection pack's figures on hand-built records, with the answers worked out by hand.

The five records of ``test_kpis`` (all on Mon 12 Jan 2026, GMT): A-1, C-1 (s.136) and D-1
(refused) in HOLD-A; B-1 (a girl of 15, charged, refused bail) and E-1 in HOLD-B. Their stories
are in ``tests/insights/test_kpis.py``; each expected row below is worked out from them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridewell.insights.inspection import (
    TOPICS,
    Builder,
    Figures,
    Period,
    markdown,
    number,
    tables,
)
from bridewell.rules import model as m
from bridewell.rules.catalogue import rule
from tests.builders import DETENTION_OFFICER, SERGEANT, booking, ev, record
from tests.insights.test_facts import fx
from tests.insights.test_kpis import records

DAY = Period(dt.date(2026, 1, 12), dt.date(2026, 1, 12))
DOCS = Path(__file__).resolve().parents[2] / "docs"


def figures(
    recs: list[m.Record],
    period: Period = DAY,
    suites: tuple[str, ...] = (),
    at: dt.datetime | str = "200:00",
) -> Figures:
    builder = Builder(period, suites)
    for rec in recs:
        builder.add(fx(rec, at))
    return builder.result()


def table(
    name: str, recs: list[m.Record] | None = None, suites: tuple[str, ...] = ()
) -> list[list[str]]:
    fig = figures(records() if recs is None else recs, suites=suites)
    (found,) = [t for t in tables(fig) if t.topic.file == name]
    assert len(found.header) == len(found.topic.columns)
    assert all(len(row) == len(found.header) for row in found.rows)
    return found.rows


def test_throughput():
    assert table("throughput.csv") == [
        # detentions, children (n, %), vulnerable adults, s.136, VA, refused (n, % of 4 / 2 / 2)
        ["force-wide", "4", "1", "25", "1", "1", "0", "1", "25"],
        ["HOLD-A", "2", "0", "0", "1", "1", "0", "1", "50"],
        ["HOLD-B", "2", "1", "50", "0", "0", "0", "0", "0"],
    ]


def test_demographics():
    assert table("demographics.csv") == [
        ["force-wide", "age band", "14-17", "1", "25"],
        ["force-wide", "age band", "25-34", "1", "25"],
        ["force-wide", "age band", "35-44", "1", "25"],
        ["force-wide", "age band", "not known", "1", "25"],
        ["force-wide", "sex", "female", "1", "25"],
        ["force-wide", "sex", "male", "3", "75"],
        ["force-wide", "ethnic group", "Asian", "1", "25"],
        ["force-wide", "ethnic group", "Not stated", "1", "25"],
        ["force-wide", "ethnic group", "White", "2", "50"],
        ["HOLD-A", "age band", "35-44", "1", "50"],
        ["HOLD-A", "age band", "not known", "1", "50"],
        ["HOLD-A", "sex", "male", "2", "100"],
        ["HOLD-A", "ethnic group", "Asian", "1", "50"],
        ["HOLD-A", "ethnic group", "White", "1", "50"],
        ["HOLD-B", "age band", "14-17", "1", "50"],
        ["HOLD-B", "age band", "25-34", "1", "50"],
        ["HOLD-B", "sex", "female", "1", "50"],
        ["HOLD-B", "sex", "male", "1", "50"],
        ["HOLD-B", "ethnic group", "Not stated", "1", "50"],
        ["HOLD-B", "ethnic group", "White", "1", "50"],
    ]


def test_detention_lengths():
    # Time in custody: A 100, C 50 (HOLD-A); B 840 (child), E 420 (HOLD-B). D was refused.
    assert table("detention_lengths.csv") == [
        ["force-wide", "4", "260", "840", "0", "0", "0", "0", "3", "100", "420", "1", "840",
         "840", "0"],
        ["HOLD-A", "2", "75", "100", "0", "0", "0", "0", "2", "75", "100", "0", "", "", "0"],
        ["HOLD-B", "2", "630", "840", "0", "0", "0", "0", "1", "420", "420", "1", "840", "840",
         "0"],
    ]  # fmt: skip


def test_detention_over_24_and_36_hours_and_warrants():
    long = record(
        booking("0:00", "0:10"),
        ev("released", "30:00", by=SERGEANT, outcome="nfa"),
        record_id="L-1",
    )
    longer = record(
        booking("0:00", "0:10"),
        ev("warrant_issued", "35:00", by={"id": "MC", "rank": "none", "role": "court"},
           until="60:00"),
        ev("released", "40:00", by=SERGEANT, outcome="nfa"),
        record_id="L-2",
    )  # fmt: skip
    short = record(
        booking("0:00", "0:10"), ev("released", "2:00", by=SERGEANT, outcome="nfa"), record_id="S"
    )
    (row, _) = table("detention_lengths.csv", [long, longer, short])
    # 120, 1800, 2400 minutes: 2 of 3 over 24 h, 1 over 36 h, one warrant.
    assert row[:8] == ["force-wide", "3", "1800", "2400", "2", "66.7", "1", "33.3"]
    assert row[-1] == "1"


def test_reviews():
    # K-P1: B on time, E missed its first review (due 6:10, held by telephone at 6:30).
    assert table("reviews.csv") == [
        ["force-wide", "2", "1", "50", "1", "2", "1", "50", "0", "0", "1", "50"],
        ["HOLD-A", "0", "0", "", "0", "1", "1", "100", "0", "0", "0", "0"],
        ["HOLD-B", "2", "1", "50", "1", "1", "0", "0", "0", "0", "1", "100"],
    ]


def test_children():
    assert table("children.csv") == [
        ["force-wide", "1", "25", "1", "100", "1", "1", "0", "1", "1"],
        ["HOLD-A", "0", "0", "0", "", "0", "0", "0", "0", "0"],
        ["HOLD-B", "1", "50", "1", "100", "1", "1", "0", "1", "1"],
    ]


def test_s136():
    assert table("s136.csv") == [
        ["force-wide", "1", "0", "25"],
        ["HOLD-A", "1", "0", "50"],
        ["HOLD-B", "0", "0", "0"],
    ]


def test_strip_searches_all_and_by_characteristic():
    rows = table("strip_searches.csv")
    force_wide = [r[1:] for r in rows if r[0] == "force-wide"]
    # One strip search (A-1: White, 35-44, male; recorded completely) in four detentions.
    assert force_wide == [
        ["all", "all", "4", "1", "25", "1", "100"],
        ["ethnic group", "Asian", "1", "0", "0", "0", ""],
        ["ethnic group", "Not stated", "1", "0", "0", "0", ""],
        ["ethnic group", "White", "2", "1", "50", "1", "100"],
        ["age band", "14-17", "1", "0", "0", "0", ""],
        ["age band", "25-34", "1", "0", "0", "0", ""],
        ["age band", "35-44", "1", "1", "100", "1", "100"],
        ["age band", "not known", "1", "0", "0", "0", ""],
        ["sex", "female", "1", "0", "0", "0", ""],
        ["sex", "male", "3", "1", "33.3", "1", "100"],
    ]
    hold_b = [r[1:] for r in rows if r[0] == "HOLD-B"]
    assert hold_b[0] == ["all", "all", "2", "0", "0", "0", ""]
    # Every suite has a row for every category met anywhere, empty where it has none.
    assert ["ethnic group", "Asian", "0", "0", "", "0", ""] in hold_b
    assert len(hold_b) == len(force_wide)


def test_strip_searches_by_group_add_up_to_the_total():
    fig = figures(records())
    for characteristic in ("ethnic group", "age band", "sex"):
        cats = fig.categories(characteristic)
        for area in fig.areas:
            split = [fig.split_value(characteristic, c, area) for c in cats]
            total = fig.value(area, "K-SS1")
            assert sum(v.numerator for v in split) == total.numerator
            assert sum(v.denominator for v in split) == total.denominator


def test_clothing_removal():
    assert table("clothing_removal.csv") == [
        ["force-wide", "4", "2", "50", "1", "25", "1", "50", "1", "50", "1", "2", "35", "45"],
        ["HOLD-A", "2", "1", "50", "0", "0", "1", "100", "1", "100", "0", "1", "25", "25"],
        ["HOLD-B", "2", "1", "50", "1", "50", "0", "0", "0", "0", "1", "1", "45", "45"],
    ]


def test_use_of_force_tactics_and_restraints():
    assert table("use_of_force.csv") == [
        ["force-wide", "4", "1", "250", "2"],
        ["HOLD-A", "2", "1", "500", "2"],
        ["HOLD-B", "2", "0", "0", "0"],
    ]
    assert table("use_of_force_tactics.csv") == [
        ["force-wide", "escorting", "1"],
        ["force-wide", "handcuffing_non_compliant", "1"],
        ["HOLD-A", "escorting", "1"],
        ["HOLD-A", "handcuffing_non_compliant", "1"],
    ]
    assert table("restraint_durations.csv") == [
        ["force-wide", "handcuffs", "1", "12", "12"],
        ["force-wide", "leg_restraints", "0", "", ""],
        ["force-wide", "spit_guard", "0", "", ""],
        ["HOLD-A", "handcuffs", "1", "12", "12"],
        ["HOLD-A", "leg_restraints", "0", "", ""],
        ["HOLD-A", "spit_guard", "0", "", ""],
        ["HOLD-B", "handcuffs", "0", "", ""],
        ["HOLD-B", "leg_restraints", "0", "", ""],
        ["HOLD-B", "spit_guard", "0", "", ""],
    ]


def test_health_care_waits():
    # A-1 waited 30 minutes; E-1 100 minutes for its first request, its second never answered.
    assert table("health_care.csv") == [
        ["force-wide", "2", "65", "100", "1"],
        ["HOLD-A", "1", "30", "30", "0"],
        ["HOLD-B", "1", "100", "100", "1"],
    ]


def test_findings_by_rule_count_records_and_findings():
    late = record(
        booking("0:00", "0:10"),
        ev("cell_visit", "1:00", by=DETENTION_OFFICER, recorded_at="3:00"),
        ev("cell_visit", "1:30", by=DETENTION_OFFICER, recorded_at="3:00"),
        ev("prra_completed", "3:05", by=SERGEANT),
        ev("released", "3:10", by=SERGEANT, outcome="nfa"),
        record_id="LATE",
    )
    rows = table("findings_by_rule.csv", [*records(), late])
    force_wide = {r[1]: r[2:] for r in rows if r[0] == "force-wide"}
    meta = rule("DATA-LATE-ENTRY")
    # Two records (E-1 and LATE), three findings (one in E-1, two in LATE).
    assert force_wide["DATA-LATE-ENTRY"] == [meta.title, meta.source, "data", "2", "3"]
    assert force_wide["APP-PRRA-1"][2:] == ["warning", "4", "4"]
    assert force_wide["PACE-REVIEW-1"][2:] == ["breach", "1", "1"]
    hold_a = {r[1] for r in rows if r[0] == "HOLD-A"}
    assert hold_a == {"APP-OBS-2", "APP-PRRA-1", "MHA-136-5", "UOF-FORM-1", "DATA-LATE-ENTRY",
                      "PACE-CARE-1"}  # fmt: skip


def test_findings_carry_the_rule_catalogue_title_and_source():
    rows = table("findings_by_rule.csv")
    for row in rows:
        meta = rule(row[1])
        assert row[2:5] == [meta.title, meta.source, meta.severity]


@pytest.mark.parametrize(
    ("da", "counted"),
    [
        (dt.datetime(2026, 3, 31, 22, 50, tzinfo=dt.UTC), False),  # 23:50 BST 31 Mar
        (dt.datetime(2026, 3, 31, 23, 10, tzinfo=dt.UTC), True),  # 00:10 BST 1 Apr
        (dt.datetime(2026, 4, 30, 22, 50, tzinfo=dt.UTC), True),  # 23:50 BST 30 Apr
        (dt.datetime(2026, 4, 30, 23, 10, tzinfo=dt.UTC), False),  # 00:10 BST 1 May
    ],
)
def test_period_days_are_uk_days_in_summer_time(da, counted):
    april = Period(dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    rec = record(booking(da - dt.timedelta(minutes=20), da), record_id="R")
    fig = figures([rec], april, at=da + dt.timedelta(days=1))
    assert fig.value(None, "K-T1").numerator == int(counted)


@pytest.mark.parametrize(
    ("da", "counted"),
    [
        (dt.datetime(2026, 10, 31, 23, 59, tzinfo=dt.UTC), False),
        (dt.datetime(2026, 11, 1, 0, 0, tzinfo=dt.UTC), True),
        (dt.datetime(2026, 11, 1, 23, 59, tzinfo=dt.UTC), True),
        (dt.datetime(2026, 11, 2, 0, 0, tzinfo=dt.UTC), False),
    ],
)
def test_period_days_are_uk_days_in_winter(da, counted):
    one_day = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 1))
    rec = record(booking(da - dt.timedelta(minutes=20), da), record_id="R")
    fig = figures([rec], one_day, at=da + dt.timedelta(days=1))
    assert fig.value(None, "K-T1").numerator == int(counted)


def test_a_record_counts_on_the_day_of_its_authorisation_not_its_arrival():
    da = dt.datetime(2026, 11, 2, 0, 5, tzinfo=dt.UTC)  # arrived 23:45 on 1 Nov
    rec = record(booking(da - dt.timedelta(minutes=20), da), record_id="R")
    builder = Builder(Period(dt.date(2026, 11, 1), dt.date(2026, 11, 1)))
    builder.add(fx(rec, da + dt.timedelta(hours=1)))
    assert builder.outside == 1
    assert builder.result().suites == ()


def test_suites_asked_for_have_a_row_even_without_records():
    rows = table("throughput.csv", [r for r in records() if r.suite == "HOLD-A"],
                 suites=("HOLD-A", "HOLD-C"))  # fmt: skip
    assert [r[0] for r in rows] == ["force-wide", "HOLD-A", "HOLD-C"]
    assert rows[2] == ["HOLD-C", "0", "0", "", "0", "0", "0", "0", ""]


def test_an_empty_pack_has_force_wide_rows_of_nothing():
    fig = figures([])
    rows = {t.topic.file: t.rows for t in tables(fig)}
    assert rows["throughput.csv"] == [["force-wide", "0", "0", "", "0", "0", "0", "0", ""]]
    assert rows["health_care.csv"] == [["force-wide", "0", "", "", "0"]]
    assert rows["findings_by_rule.csv"] == []


def test_period_words():
    assert Period(dt.date(2026, 4, 1), dt.date(2026, 9, 30)).words() == (
        "1 April 2026 to 30 September 2026"
    )
    assert DAY.words() == "12 January 2026"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, ""), (0.0, "0"), (25.0, "25"), (200 / 3, "66.7"), (12.25, "12.2"), (0.04, "0")],
)
def test_numbers_have_one_decimal_place(value, shown):
    assert number(value) == shown


def test_every_column_has_a_unit_or_is_a_label():
    labels = {"suite", "characteristic", "category", "tactic", "restraint", "rule_id", "title",
              "source", "severity"}  # fmt: skip
    units = ("_count", "_percent", "_minutes", "_per_100_detentions", "_per_1000_detentions")
    for topic in TOPICS:
        for column in topic.columns:
            assert column.name in labels or column.name.endswith(units), column.name
            assert column.definition


def test_inspection_page_is_generated_from_the_topics():
    assert (DOCS / "inspection-pack.md").read_text() == markdown(), (
        "docs/inspection-pack.md is out of date: run `python -c 'from "
        'bridewell.insights.inspection import markdown; print(markdown(), end="")\' > '
        "docs/inspection-pack.md`"
    )


LABELS = ("characteristic", "category", "tactic", "restraint", "rule_id")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["HOLD-A", "HOLD-B", "HOLD-C"]), min_size=5, max_size=5))
def test_force_wide_counts_are_the_sum_of_the_suites(suites):
    """Whichever suites the records are in, every count in a force-wide row is the sum of the
    suites' counts in the rows of the same category."""
    recs = [msgspec.structs.replace(r, suite=s) for r, s in zip(records(), suites, strict=True)]
    for t in tables(figures(recs)):
        names = [c.name for c in t.topic.columns]
        keys = [i for i, n in enumerate(names) if n in LABELS]
        counts = [i for i, n in enumerate(names) if n.endswith("_count")]
        whole: dict[tuple[str, ...], list[int]] = {}
        summed: dict[tuple[str, ...], list[int]] = {}
        for row in t.rows:
            key = tuple(row[i] for i in keys)
            values = [int(row[i]) for i in counts]
            if row[0] == "force-wide":
                whole[key] = values
            else:
                before = summed.get(key, [0] * len(counts))
                summed[key] = [a + b for a, b in zip(before, values, strict=True)]
        assert whole == summed, t.topic.file
