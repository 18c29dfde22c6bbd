"""Median, nearest-rank 90th percentile, rates per 1,000, proportions and restraint pairing."""

from __future__ import annotations

import datetime as dt

import pytest

from bridewell.force.stats import Proportion, median, per_thousand, percentile, spans

T0 = dt.datetime(2026, 1, 12, 20, 0, tzinfo=dt.UTC)


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def test_median_of_an_odd_and_an_even_count_and_of_nothing():
    assert median([7, 1, 3]) == 3
    assert median([4, 1, 3, 10]) == 3.5
    assert median([5]) == 5
    assert median([]) is None


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([5], 5),
        ([1, 2], 2),
        (list(range(1, 11)), 9),
        (list(range(1, 12)), 10),
        (list(range(1, 21)), 18),
        ([30, 10, 20], 30),
    ],
)
def test_the_90th_percentile_is_the_nearest_rank_value(values, expected):
    assert percentile(values, 90) == expected


def test_percentiles_of_nothing_are_none_and_out_of_range_ones_are_refused():
    assert percentile([], 90) is None
    assert percentile([1, 2, 3, 4], 50) == 2
    assert percentile([1, 2, 3, 4], 100) == 4
    with pytest.raises(ValueError, match="percentile"):
        percentile([1], 0)


def test_rate_per_thousand_to_one_decimal_and_none_without_a_denominator():
    assert per_thousand(3, 1500) == 2.0
    assert per_thousand(1, 3) == 333.3
    assert per_thousand(0, 10) == 0.0
    assert per_thousand(2, 0) is None


def test_a_proportion_shows_its_numerator_and_denominator():
    assert str(Proportion(3, 4)) == "75% (3 of 4)"
    assert Proportion(1, 3).percent == pytest.approx(33.333, rel=1e-3)
    assert str(Proportion(0, 0)) == "none to count"
    assert Proportion(0, 0).percent is None


def test_spans_pair_removals_with_the_earliest_open_application_of_their_kind():
    found = spans(
        [("handcuffs", at(0)), ("handcuffs", at(5)), ("spit_guard", at(2))],
        [("handcuffs", at(20)), ("handcuffs", at(30)), ("spit_guard", at(12))],
    )
    assert [(s.kind, s.minutes) for s in found] == [
        ("handcuffs", 20),
        ("spit_guard", 10),
        ("handcuffs", 25),
    ]


def test_a_removal_before_any_application_is_ignored_and_an_unremoved_one_has_no_end():
    found = spans(
        [("handcuffs", at(10)), ("leg_restraints", at(15))],
        [("handcuffs", at(5)), ("handcuffs", at(40)), ("leg_restraints", at(12))],
    )
    assert [(s.kind, s.start, s.end, s.minutes) for s in found] == [
        ("handcuffs", at(10), at(40), 30),
        ("leg_restraints", at(15), None, None),
    ]


def test_a_removal_at_the_same_instant_as_the_application_is_a_zero_length_span():
    assert [s.minutes for s in spans([("other", at(0))], [("other", at(0))])] == [0]
