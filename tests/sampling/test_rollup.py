"""Pass rates on hand-built answers, with the rates worked out by hand."""

from __future__ import annotations

from bridewell.sampling import rollup
from bridewell.sampling.rollup import AnswerRow, SampleRow


def test_rates_per_item_suite_and_month_and_force_wide():
    samples = [
        SampleRow("NORTH", "2026-11", records=3, completed_records=3),
        SampleRow("NORTH", "2026-11", records=2, completed_records=1),
        SampleRow("EAST", "2026-11", records=4, completed_records=4),
        SampleRow("EAST", "2026-10", records=0, completed_records=0),
    ]
    answers = [
        # NORTH, November: prra 2 pass, 1 fail, 1 n/a -> 2/3
        AnswerRow("NORTH", "2026-11", "prra", "pass"),
        AnswerRow("NORTH", "2026-11", "prra", "pass"),
        AnswerRow("NORTH", "2026-11", "prra", "fail"),
        AnswerRow("NORTH", "2026-11", "prra", "na"),
        # EAST, November: prra 1 pass, 1 fail -> 1/2; care 1 disputed only -> no rate
        AnswerRow("EAST", "2026-11", "prra", "pass"),
        AnswerRow("EAST", "2026-11", "prra", "fail"),
        AnswerRow("EAST", "2026-11", "engine:care", "disputed"),
    ]
    cells = rollup.roll_up(samples, answers)

    north = cells[("2026-11", "NORTH")]
    assert (north.samples, north.samples_complete, north.records, north.records_complete) == (
        2,
        1,
        5,
        4,
    )
    prra = north.items["prra"]
    assert (prra.passed, prra.failed, prra.not_applicable, prra.assessed) == (2, 1, 1, 3)
    assert prra.rate == 2 / 3

    east = cells[("2026-11", "EAST")]
    assert east.items["prra"].rate == 1 / 2
    assert east.items["engine:care"].rate is None
    assert east.items["engine:care"].disputed == 1

    force = cells[("2026-11", None)]
    assert (force.samples, force.samples_complete, force.records, force.records_complete) == (
        3,
        2,
        9,
        8,
    )
    # 3 passed of 5 assessed across both suites.
    assert force.items["prra"].rate == 3 / 5
    assert [k for k, _ in force.ordered()] == ["engine:care", "prra"]

    october = cells[("2026-10", None)]
    assert october.samples == october.samples_complete == 1
    assert october.items == {}


def test_percent_words():
    assert rollup.percent(None) == "no data"
    assert rollup.percent(2 / 3) == "67%"
    assert rollup.percent(1.0) == "100%"
