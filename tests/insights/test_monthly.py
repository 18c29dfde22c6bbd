"""Monthly aggregation: UK calendar months, suites, force-wide totals and duration statistics."""

from __future__ import annotations

import datetime as dt

import msgspec
from hypothesis import given
from hypothesis import strategies as st

from bridewell.insights.facts import RecordFacts
from bridewell.insights.kpis import BY_ID, CATALOGUE
from bridewell.insights.monthly import Accumulator
from tests.builders import SERGEANT, booking, ev, record
from tests.insights.test_facts import fx


def held(da: dt.datetime, record_id: str, suite: str = "HOLD-A") -> RecordFacts:
    """A detention authorised at ``da`` (arrival 10 minutes earlier), released an hour later."""
    rec = record(
        booking(da - dt.timedelta(minutes=10), da),
        ev("released", da + dt.timedelta(hours=1), by=SERGEANT, outcome="nfa"),
        record_id=record_id,
    )
    return msgspec.structs.replace(fx(rec, da + dt.timedelta(days=1)), suite=suite)


def throughput(facts: list[RecordFacts]) -> dict[tuple[str, str | None], int]:
    acc = Accumulator()
    for f in facts:
        acc.add(f)
    return {cell: values["K-T1"].numerator for cell, values in acc.result().items()}


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def test_month_boundary_in_summer_time_is_midnight_bst():
    # 22:30 UTC on 31 Mar 2026 is 23:30 BST (March); 23:10 UTC is 00:10 BST on 1 Apr.
    cells = throughput([held(utc(2026, 3, 31, 22, 30), "R1"), held(utc(2026, 3, 31, 23, 10), "R2")])
    assert cells == {
        ("2026-03", None): 1,
        ("2026-03", "HOLD-A"): 1,
        ("2026-04", None): 1,
        ("2026-04", "HOLD-A"): 1,
    }


def test_month_boundary_in_winter_is_midnight_gmt():
    cells = throughput([held(utc(2026, 10, 31, 23, 50), "R1"), held(utc(2026, 11, 1, 0, 0), "R2")])
    assert cells[("2026-10", None)] == 1
    assert cells[("2026-11", None)] == 1


def test_a_record_counts_in_the_month_of_its_authorisation_not_its_arrival():
    f = held(utc(2026, 2, 1, 0, 5), "R1")  # arrived 23:55 GMT on 31 Jan
    assert f.month == "2026-02"
    assert list(throughput([f])) == [("2026-02", None), ("2026-02", "HOLD-A")]


def test_cells_are_per_suite_with_force_wide_first():
    da = utc(2026, 5, 10, 9, 0)
    cells = throughput(
        [held(da, "R1", "HOLD-B"), held(da, "R2", "HOLD-A"), held(da, "R3", "HOLD-B")]
    )
    assert list(cells.items()) == [
        (("2026-05", None), 3),
        (("2026-05", "HOLD-A"), 1),
        (("2026-05", "HOLD-B"), 2),
    ]


def test_duration_median_and_nearest_rank_p90():
    base = held(utc(2026, 5, 10, 9, 0), "R0")
    acc = Accumulator()
    for wait in range(1, 11):  # booking waits of 1..10 minutes
        acc.add(msgspec.structs.replace(base, record_id=f"R{wait}", booking_wait=float(wait)))
    value = acc.result()[("2026-05", None)]["K-T3"]
    # median of 1..10 is 5.5; P90 is the value at rank ceil(0.9 * 10) = 9.
    assert (value.n, value.median, value.p90) == (10, 5.5, 9.0)
    assert value.records == tuple(f"R{i}" for i in range(1, 11))


def test_an_empty_accumulator_has_no_cells():
    assert Accumulator().result() == {}


_TEMPLATES = [
    held(utc(2026, 5, 10, 9, 0), "T1"),
    msgspec.structs.replace(held(utc(2026, 5, 10, 9, 0), "T2"), juvenile=True, overnight=True),
    msgspec.structs.replace(held(utc(2026, 5, 10, 9, 0), "T3"), authorised=False, refused=True),
]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(range(len(_TEMPLATES))),
            st.sampled_from(["HOLD-A", "HOLD-B", "HOLD-C"]),
            st.sampled_from(["2026-05", "2026-06"]),
        ),
        max_size=30,
    )
)
def test_force_wide_is_the_sum_of_the_suites(picks):
    acc = Accumulator()
    for i, (template, suite, month) in enumerate(picks):
        acc.add(
            msgspec.structs.replace(
                _TEMPLATES[template], record_id=f"R{i}", suite=suite, month=month
            )
        )
    result = acc.result()
    for month in {month for month, _ in result}:
        force = result[(month, None)]
        suites = [values for (mo, suite), values in result.items() if mo == month and suite]
        for kpi in CATALOGUE:
            whole = force[kpi.id]
            assert whole.numerator == sum(s[kpi.id].numerator for s in suites)
            assert whole.denominator == sum(s[kpi.id].denominator for s in suites)
            assert whole.n == sum(s[kpi.id].n for s in suites)
            assert sorted(whole.records) == sorted(r for s in suites for r in s[kpi.id].records)


def test_a_period_function_names_the_cell_and_leaves_records_out():
    """An inspection's days, not the month: records the function names None are left out."""
    inside = {"R1", "R3"}
    acc = Accumulator(catalogue=(BY_ID["K-T1"],), period=lambda f: "pack" if f.record_id in inside
                      else None)  # fmt: skip
    for n, day in enumerate((3, 20, 28), start=1):
        acc.add(held(utc(2026, 3, day, 12, 0), f"R{n}", suite="HOLD-B" if n == 3 else "HOLD-A"))
    result = acc.result()
    assert list(result) == [("pack", None), ("pack", "HOLD-A"), ("pack", "HOLD-B")]
    assert result[("pack", None)]["K-T1"].records == ("R1", "R3")
    assert result[("pack", "HOLD-A")]["K-T1"].numerator == 1


def test_without_a_period_function_records_count_in_their_month():
    default, explicit = Accumulator(), Accumulator(period=lambda f: f.month)
    for n, day in enumerate((3, 31), start=1):
        f = held(utc(2026, 3, day, 23, 30), f"R{n}")  # 31 Mar 23:30 UTC is 1 Apr BST
        default.add(f)
        explicit.add(f)
    assert default.result() == explicit.result()
    assert [cell for cell in default.result() if cell[1] is None] == [
        ("2026-03", None),
        ("2026-04", None),
    ]
