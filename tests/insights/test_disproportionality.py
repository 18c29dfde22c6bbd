"""Disproportionality (K-DP1): rates, relative rates and their intervals against hand arithmetic."""

from __future__ import annotations

import math
from statistics import NormalDist

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridewell.insights.disproportionality import (
    OUTCOMES,
    Outcome,
    PublishedRow,
    RelativeRate,
    Subject,
    publish,
    rate_table,
    relative_rate,
)
from bridewell.insights.groups import ETHNIC_GROUPS, ethnic_group
from bridewell.insights.suppression import Shown, Suppressed


def people(
    group: str,
    n: int,
    with_outcome: int,
    outcome: Outcome = "use_of_force",
    *,
    sex: str = "male",
    age_band: str = "25-34",
    child: bool = False,
) -> list[Subject]:
    """``n`` detentions of ``group``, the first ``with_outcome`` of them with ``outcome``."""
    return [
        Subject(
            group,
            age_band,
            sex,
            frozenset({outcome}) if k < with_outcome else frozenset(),
            f"{group}-{age_band}-{sex}-{k}",
            child,
        )
        for k in range(n)
    ]


# White 20 of 200, Black 12 of 50, Asian 5 of 40, Mixed 0 of 30, Other none held, not stated 3 of 15.
COHORT = [
    *people("white", 200, 20),
    *people("black", 50, 12),
    *people("asian", 40, 5),
    *people("mixed", 30, 0),
    *people("not_stated", 15, 3),
]


def test_relative_rate_by_hand():
    # Black 12 of 50 against White 20 of 200:
    #   RR = (12/50) / (20/200) = 0.24 / 0.10 = 2.4
    #   SE(ln RR) = sqrt(1/12 − 1/50 + 1/20 − 1/200) = sqrt(0.108333…) = 0.329140
    #   ln 2.4 = 0.875469; 1.96 × 0.329140 = 0.645115
    #   CI = exp(0.230354) to exp(1.520584) = 1.2590 to 4.5749: excludes 1, significant.
    rr = relative_rate(12, 50, 20, 200)
    assert rr is not None
    assert rr.ratio == pytest.approx(2.4)
    assert rr.low == pytest.approx(1.2590, rel=1e-3)
    assert rr.high == pytest.approx(4.5749, rel=1e-3)
    assert rr.significant


def test_an_interval_spanning_one_is_not_significant():
    # Asian 5 of 40 against White 20 of 200:
    #   RR = 0.125 / 0.10 = 1.25; SE = sqrt(1/5 − 1/40 + 1/20 − 1/200) = sqrt(0.22) = 0.469042
    #   CI = 1.25 × exp(∓1.96 × 0.469042) = 1.25 × exp(∓0.919322) = 0.4985 to 3.1345.
    rr = relative_rate(5, 40, 20, 200)
    assert rr == pytest.approx(RelativeRate(1.25, 0.4985, 3.1345), rel=1e-3)
    assert rr is not None
    assert not rr.significant


def test_interval_against_an_independent_formula():
    # The same variance written as (1 − p1)/a + (1 − p0)/c, with z from the normal distribution.
    a, n1, c, n0 = 37, 410, 88, 2250
    p1, p0 = a / n1, c / n0
    se = math.sqrt((1 - p1) / a + (1 - p0) / c)
    z = NormalDist().inv_cdf(0.975)
    expected = (p1 / p0, (p1 / p0) * math.exp(-z * se), (p1 / p0) * math.exp(z * se))
    assert relative_rate(a, n1, c, n0) == pytest.approx(expected, rel=1e-12)


def test_a_lower_rate_can_be_significant_too():
    rr = relative_rate(10, 1000, 50, 1000)  # RR 0.2; SE = sqrt(0.1 − 0.001 + 0.02 − 0.001) = 0.3435
    assert rr is not None
    assert rr.high == pytest.approx(0.2 * math.exp(1.96 * math.sqrt(0.118)), rel=1e-3)
    assert rr.significant


@pytest.mark.parametrize(
    ("a", "n1", "c", "n0"), [(0, 30, 20, 200), (12, 50, 0, 200), (0, 0, 20, 200), (1, 1, 0, 0)]
)
def test_zero_counts_are_not_computable(a, n1, c, n0):
    assert relative_rate(a, n1, c, n0) is None


def test_rate_table_by_ethnic_group():
    table = rate_table(COHORT, "use_of_force", "ethnic_group")
    assert table.reference == "white"
    assert [r.category for r in table.rows] == list(ETHNIC_GROUPS)
    rows = {r.category: r for r in table.rows}
    assert (rows["white"].cases, rows["white"].throughput, rows["white"].rate) == (20, 200, 0.1)
    assert rows["black"].relative == relative_rate(12, 50, 20, 200)
    assert rows["mixed"].rate == 0
    assert rows["other"].rate is None
    assert [table.status(r) for r in table.rows] == [
        "reference",
        "not_computable",  # mixed: 0 of 30
        "computed",
        "computed",
        "not_computable",  # other: nobody held
        "computed",
    ]


def test_child_overnight_counts_only_children():
    # White children 4 of 20 held overnight, Black children 5 of 10; 200 White adults ignored.
    #   RR = 0.5 / 0.2 = 2.5; SE = sqrt(1/5 − 1/10 + 1/4 − 1/20) = sqrt(0.3) = 0.547723
    #   CI = 2.5 × exp(∓1.073537) = 0.8545 to 7.3143.
    subjects = [
        *people("white", 200, 0),
        *people("white", 20, 4, "child_overnight", age_band="14-17", child=True),
        *people("black", 10, 5, "child_overnight", age_band="14-17", child=True),
    ]
    table = rate_table(subjects, "child_overnight", "ethnic_group")
    rows = {r.category: r for r in table.rows}
    assert rows["white"].throughput == 20
    assert rows["black"].relative == pytest.approx(RelativeRate(2.5, 0.8545, 7.3143), rel=1e-3)


def test_by_sex_against_men_and_by_age_against_the_largest_band():
    subjects = [
        *people("white", 300, 30, sex="male", age_band="25-34"),
        *people("white", 60, 3, sex="female", age_band="18-24"),
        *people("black", 100, 20, sex="male", age_band="18-24"),
    ]
    by_sex = rate_table(subjects, "use_of_force", "sex")
    assert by_sex.reference == "male"
    female = next(r for r in by_sex.rows if r.category == "female")
    assert female.relative == relative_rate(3, 60, 50, 400)
    by_age = rate_table(subjects, "use_of_force", "age_band")
    assert by_age.reference == "25-34"  # 300 detentions against 160
    younger = next(r for r in by_age.rows if r.category == "18-24")
    assert younger.relative == relative_rate(23, 160, 30, 300)
    named = rate_table(subjects, "use_of_force", "age_band", reference="18-24")
    assert next(r for r in named.rows if r.category == "25-34").relative == relative_rate(
        30, 300, 23, 160
    )


def test_a_reference_nobody_matches_still_has_a_row():
    table = rate_table(people("white", 20, 2, sex="female"), "use_of_force", "sex")
    assert [(r.category, r.throughput, r.relative) for r in table.rows] == [
        ("female", 20, None),
        ("male", 0, None),
    ]


def test_ethnic_group_from_census_code():
    assert [ethnic_group(c) for c in ("W1", "M3", "A5", "B2", "O1", "not_stated")] == [
        "white",
        "mixed",
        "asian",
        "black",
        "other",
        "not_stated",
    ]


def test_publish_hides_small_counts_and_what_is_built_on_them():
    # Cases | not: white 20|180, mixed 0|30, asian 5|35, black 12|38, other 0|0, not stated 3|12.
    # 5 and 3 are small; the cheapest partners are Asian's 35 (row) and not stated's 12, which
    # mends both its row and the "not" column. Throughputs all stay.
    (rows,) = publish([rate_table(COHORT, "use_of_force", "ethnic_group")])
    by = {r.category: r for r in rows}
    assert by["asian"].cases == Suppressed("small")
    assert by["asian"].throughput == Shown(40)
    assert by["asian"].rate == Suppressed("derived")
    assert by["asian"].relative == Suppressed("derived")
    assert by["not_stated"].relative == Suppressed("derived")
    assert by["black"].cases == Shown(12)
    assert by["black"].rate == Shown(0.24)
    assert by["black"].relative == Shown(relative_rate(12, 50, 20, 200))
    assert by["white"].relative is None  # the reference
    assert by["mixed"].rate == Shown(0.0)
    assert by["mixed"].relative is None  # not computable: 0 cases
    assert by["other"].rate is None
    assert by["all"] == PublishedRow("all", Shown(40), Shown(335), Shown(40 / 335), None)


def test_a_small_reference_hides_every_relative_rate():
    subjects = [*people("white", 100, 4), *people("black", 100, 30)]
    (rows,) = publish([rate_table(subjects, "strip_search", "ethnic_group")])
    assert all(r.relative is None for r in rows)  # no strip searches: nothing computable
    (rows,) = publish([rate_table(subjects, "use_of_force", "ethnic_group")])
    black = next(r for r in rows if r.category == "black")
    assert black.relative == Suppressed("derived")


def test_an_unknown_ethnic_reference_is_refused():
    with pytest.raises(ValueError, match="no ethnic group"):
        rate_table(COHORT, "use_of_force", "ethnic_group", reference="W1")


subjects = st.lists(
    st.builds(
        Subject,
        st.sampled_from(ETHNIC_GROUPS),
        st.sampled_from(["10-17", "18-24", "25-34"]),
        st.sampled_from(["male", "female"]),
        st.frozensets(st.sampled_from(OUTCOMES)),
        st.just("r"),
        st.booleans(),
    ),
    max_size=150,
)


@settings(max_examples=100, deadline=None)
@given(subjects, st.integers(3, 12))
def test_published_tables_agree_and_hide_every_small_count(people_, threshold):
    tables = [
        rate_table(people_, outcome, dimension)
        for outcome in OUTCOMES
        for dimension in ("ethnic_group", "age_band", "sex")
    ]
    published = publish(tables, threshold)
    # Every figure that appears in several tables is shown in all of them or in none.
    seen: dict[tuple, set[bool]] = {}
    for table, rows in zip(tables, published, strict=True):
        children = table.outcome == "child_overnight"
        for row in rows:
            if row.category == "all":
                seen.setdefault(("cases", table.outcome), set()).add(isinstance(row.cases, Shown))
                seen.setdefault(("all", children), set()).add(isinstance(row.throughput, Shown))
            else:
                key = ("throughput", children, table.dimension, row.category)
                seen.setdefault(key, set()).add(isinstance(row.throughput, Shown))
    assert all(len(shown) == 1 for shown in seen.values())
    for table, rows in zip(tables, published, strict=True):
        assert [r.category for r in rows] == [*(r.category for r in table.rows), "all"]
        for row, out in zip(table.rows, rows[:-1], strict=True):
            if 0 < row.cases < threshold:
                assert out.cases == Suppressed("small")
            elif isinstance(out.cases, Shown):
                assert out.cases.value == row.cases
            if isinstance(out.rate, Shown):
                assert isinstance(out.cases, Shown)
                assert isinstance(out.throughput, Shown)
            if isinstance(out.relative, Shown):
                assert out.relative.value == row.relative
                assert isinstance(out.rate, Shown)
