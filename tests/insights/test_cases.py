"""The ethnicity-blind case sample: reproducible, order-independent, and identifying nobody."""

import datetime as dt
import random

import pytest

from bridewell.insights.cases import (
    ID_REDACTED,
    KINDS,
    REDACTED,
    Candidates,
    case,
    default_seed,
    draw_number,
    redactor,
    sample,
)
from bridewell.insights.facts import facts
from bridewell.insights.pseudonyms import Pseudonyms
from bridewell.rules.engine import assess
from bridewell.synth import SynthOptions, generate
from tests.builders import DETENTION_OFFICER, SERGEANT, booking, ev, record

AT = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
PSEUDONYM = Pseudonyms(b"force-secret-0123456789")


@pytest.fixture(scope="module")
def synthetic():
    options = SynthOptions(records=250, start=dt.date(2025, 10, 1), seed=11, suites=2)
    return [r for r, _ in generate(options)]


def candidates(records, month="2025-10", suite=None):
    found = Candidates(month, suite)
    for r in records:
        found.add(r, facts(r, assess(r, AT), AT))
    return found


def test_the_sample_is_reproducible_and_independent_of_input_order(synthetic):
    shuffled = list(synthetic)
    random.Random(3).shuffle(shuffled)
    seed = default_seed("2025-10", None)
    first = sample(candidates(synthetic), 3, seed, PSEUDONYM, AT)
    again = sample(candidates(shuffled), 3, seed, PSEUDONYM, AT)
    assert first == again
    assert all(first.candidates[k] >= 3 for k in KINDS), first.candidates
    assert all(len(first.cases[k]) == 3 for k in KINDS)


def test_the_draw_is_the_lowest_draw_numbers_and_changes_with_the_seed(synthetic):
    found = candidates(synthetic)
    drawn = [r.record_id for r, _ in found.draw("strip_search", 3, "s1")]
    every = [r.record_id for r, _ in found.draw("strip_search", 10_000, "s1")]
    assert drawn == sorted(every, key=lambda i: draw_number("s1", i))[:3]
    other = [r.record_id for r, _ in found.draw("strip_search", 3, "another seed")]
    assert other != drawn


def test_default_seed_names_the_month_and_suite():
    assert default_seed("2026-10", None) == "2026-10/force"
    assert default_seed("2026-10", "HOLD-A") == "2026-10/HOLD-A"


def test_candidates_are_the_months_records_of_the_suite(synthetic):
    everyone = candidates(synthetic)
    suite = synthetic[0].suite
    one = candidates(synthetic, suite=suite)
    for kind in KINDS:
        chosen = one.draw(kind, 10_000, "s")
        assert all(r.suite == suite for r, _ in chosen)
        assert one.count(kind) <= everyone.count(kind)
    assert candidates(synthetic, month="2025-09").count("strip_search") == 0


def test_cases_carry_no_ethnicity_names_ids_or_staff(synthetic):
    drawn = sample(candidates(synthetic), 5, "s", PSEUDONYM, AT)
    by_id = {r.record_id: r for r in synthetic}
    text = repr(drawn)
    for r in by_id.values():
        assert r.record_id not in text
        assert r.detainee.person_id not in text
    assert "ethnic" not in text.lower()
    assert "nationality" not in text.lower()
    staff = {e.by.id for r in synthetic for e in r.events if getattr(e, "by", None) is not None}
    assert staff
    assert not {s for s in staff if f"'{s}'" in text or f" {s} " in text}


def strip_search_record():
    return record(
        booking("0:00", "0:10"),
        ev(
            "search",
            "1:05",
            level="strip",
            authorised_by=SERGEANT,
            place="custody_suite",
            present=[{"sex": "male", "role": "detention_officer"}],
        ),
        ev(
            "clothing_removed",
            "1:10",
            by=DETENTION_OFFICER,
            reason="John Smith (P1) said he would harm himself; T-9 noted",
            beyond_outer=True,
        ),
        ev("note", "1:20", by=SERGEANT, text="Smithy calm; Jon SMITH spoke to sister"),
        ev("released", "3:00", by=SERGEANT, outcome="bail"),
        record_id="T-9",
        detainee={"person_id": "P1", "sex": "male", "ethnicity_self": "B2", "nationality": "GB"},
    )


def test_a_case_shows_times_from_arrival_and_what_was_recorded():
    rec = strip_search_record()
    f = facts(rec, assess(rec, AT), AT)
    made = case(rec, f, "strip_search", "C-ABC", AT, ["SMITH, John", "Jon Smith"])
    lines = {ln.what: ln for ln in made.lines}
    assert lines["Arrived at the custody suite"].after == "arrival"
    search = lines["Strip search"]
    assert search.after == "+1 h 05 min"
    assert "authorised by: sergeant (custody officer)" in search.details
    assert "people present: detention officer (male)" in search.details
    removed = lines["Clothing removed"]
    assert removed.details[0] == (
        f"reason: {REDACTED} {REDACTED} ({ID_REDACTED}) said he would harm himself; "
        f"{ID_REDACTED} noted"
    )
    # Whole words only: "Smithy" is not the name; a full name held goes as one.
    assert lines["Note"].details == (f"Smithy calm; {REDACTED} spoke to sister",)
    assert made.outcome == "released: bail"
    assert made.sex == "male"
    for hidden in ("B2", "GB", "'S1'", "T-9", "'P1'"):
        assert hidden not in repr(made)


def test_the_redactor_ignores_case_and_leaves_other_words():
    clean = redactor(["O'Neil", "Ann", "x"])
    assert clean("ann met o'neil and Annabel") == f"{REDACTED} met {REDACTED} and Annabel"
    assert redactor([])("unchanged") == "unchanged"


def test_known_names_come_only_for_the_drawn_records(synthetic):
    asked: list[list[str]] = []

    def names(ids):
        asked.append(list(ids))
        return {}

    drawn = sample(candidates(synthetic), 2, "s", PSEUDONYM, AT, names)
    assert len(asked) == 1
    assert 0 < len(asked[0]) <= 2 * len(KINDS)
    assert sum(len(c) for c in drawn.cases.values()) >= len(asked[0])
