"""The draw: reproducible, independent of input order, stratified, sized, closed records only."""

from __future__ import annotations

import datetime as dt
import hashlib
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bridewell.sampling import sampling
from bridewell.sampling.sampling import STRATA, Candidate

WEEK = "2026-W47"

candidate_lists = st.lists(
    st.builds(
        Candidate,
        st.text(alphabet="0123456789ABC", min_size=1, max_size=6),
        st.frozensets(st.sampled_from(sorted(STRATA))),
    ),
    max_size=40,
    unique_by=lambda c: c.record_id,
)
sizes = st.integers(min_value=len(STRATA), max_value=25)


@given(candidate_lists, sizes, st.sampled_from(["NORTHGATE", "EASTBANK"]))
def test_the_same_week_draws_the_same_sample(pool, size, suite):
    assert sampling.draw(pool, suite, WEEK, size) == sampling.draw(list(pool), suite, WEEK, size)


@given(candidate_lists, sizes, st.randoms(use_true_random=False))
def test_the_order_candidates_come_in_does_not_matter(pool, size, rnd):
    shuffled = list(pool)
    rnd.shuffle(shuffled)
    assert sampling.draw(shuffled, "NORTHGATE", WEEK, size) == sampling.draw(
        pool, "NORTHGATE", WEEK, size
    )


@given(candidate_lists, sizes)
def test_every_non_empty_stratum_is_represented(pool, size):
    picked = sampling.draw(pool, "NORTHGATE", WEEK, size)
    covered = set().union(*(p.strata for p in picked)) if picked else set()
    present = set().union(*(c.strata for c in pool)) if pool else set()
    assert covered == present


@given(candidate_lists, sizes)
def test_the_size_is_kept_or_every_record_taken(pool, size):
    picked = sampling.draw(pool, "NORTHGATE", WEEK, size)
    assert len(picked) == min(size, len(pool))
    assert len({p.record_id for p in picked}) == len(picked)
    assert {p.record_id for p in picked} <= {c.record_id for c in pool}


def test_a_record_picked_for_a_stratum_says_so_and_the_rest_are_random():
    pool = [Candidate(f"R{n:03d}", frozenset()) for n in range(30)]
    pool.append(Candidate("R900", frozenset({"strip", "force"})))
    picked = sampling.draw(pool, "NORTHGATE", WEEK, 10)
    assert picked[0] == sampling.Pick("R900", frozenset({"strip", "force"}), "force")
    assert [p.reason for p in picked[1:]] == ["random"] * 9


def test_a_rare_stratum_is_taken_even_when_the_week_is_busy():
    pool = [Candidate(f"R{n:03d}", frozenset()) for n in range(200)]
    pool.append(Candidate("R-CHILD", frozenset({"child"})))
    pool.append(Candidate("R-LONG", frozenset({"long"})))
    ids = [p.record_id for p in sampling.draw(pool, "NORTHGATE", WEEK, 6)]
    assert ids[:2] == ["R-CHILD", "R-LONG"]
    assert len(ids) == 6


def test_different_weeks_and_suites_draw_differently():
    pool = [Candidate(f"R{n:03d}", frozenset()) for n in range(100)]
    draws = {
        tuple(p.record_id for p in sampling.draw(pool, suite, week, 10))
        for suite in ("NORTHGATE", "EASTBANK")
        for week in ("2026-W46", "2026-W47")
    }
    assert len(draws) == 4


def test_the_documented_recipe_re_draws_the_sample():
    """What docs/dip-sampling.md tells an inspector to do, step by step."""
    pool = [Candidate(f"R{n:03d}", frozenset()) for n in range(50)]
    rng = random.Random(int(sampling.seed("NORTHGATE", WEEK), 16))
    by_hand = rng.sample(sorted(c.record_id for c in pool), 10)
    assert [p.record_id for p in sampling.draw(pool, "NORTHGATE", WEEK, 10)] == by_hand


def test_the_seed_is_the_start_of_a_sha256():
    digest = hashlib.sha256(b"bridewell-dip-sample-v1|NORTHGATE|2026-W47").hexdigest()
    assert sampling.seed("NORTHGATE", "2026-W47") == digest[:16]


def test_a_size_too_small_for_the_strata_is_refused():
    with pytest.raises(ValueError, match="room for every stratum"):
        sampling.draw([], "NORTHGATE", WEEK, 5)


def test_a_record_given_twice_is_refused():
    twice = [Candidate("R1", frozenset()), Candidate("R1", frozenset())]
    with pytest.raises(ValueError, match="twice"):
        sampling.draw(twice, "NORTHGATE", WEEK, 10)


ARRIVED = dt.datetime(2026, 11, 17, 9, 0, tzinfo=dt.UTC)


def strata(**kw: object) -> frozenset[str]:
    facts = {
        "regime": "pace",
        "juvenile": False,
        "vulnerable": False,
        "arrived_at": ARRIVED,
        "ended_at": ARRIVED + dt.timedelta(hours=5),
        "events": [],
    }
    facts.update(kw)
    return sampling.strata_of(**facts)  # type: ignore[arg-type]


def test_strata_come_from_the_record():
    assert strata() == frozenset()
    assert strata(juvenile=True, vulnerable=True) == {"child"}
    assert strata(vulnerable=True) == {"vulnerable"}
    assert strata(regime="mha_s136") == {"s136"}
    assert strata(events=[("force_used", None)]) == {"force"}
    assert strata(events=[("search", "strip_exposing_intimate_parts")]) == {"strip"}
    assert strata(events=[("search", "outer"), ("search", "intimate_drugs")]) == frozenset()


def test_long_means_more_than_24_hours():
    assert strata(ended_at=ARRIVED + dt.timedelta(hours=24)) == frozenset()
    assert strata(ended_at=ARRIVED + dt.timedelta(hours=24, minutes=1)) == {"long"}


def test_weeks_are_iso_weeks_on_the_uk_calendar():
    # 23:30 GMT on Sunday 22 November is still in week 47; 00:30 BST on Monday 30 March 2026
    # (23:30 UTC on Sunday) is already in week 14.
    assert sampling.week_of(dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC)) == "2026-W47"
    assert sampling.week_of(dt.datetime(2026, 3, 29, 23, 30, tzinfo=dt.UTC)) == "2026-W14"
    start, end = sampling.week_bounds("2026-W14")
    assert start == dt.datetime(2026, 3, 29, 23, 0, tzinfo=dt.UTC)
    assert end == dt.datetime(2026, 4, 5, 23, 0, tzinfo=dt.UTC)


def test_week_arithmetic_across_a_year_end():
    assert sampling.previous_week("2026-W01") == "2025-W52"
    assert sampling.week_start("2026-W01") == dt.date(2025, 12, 29)
    assert sampling.month_of_week("2026-W01") == "2026-01"
    assert sampling.month_of_week("2026-W48") == "2026-11"
    with pytest.raises(ValueError, match="not an ISO week"):
        sampling.week_start("2026-47")
