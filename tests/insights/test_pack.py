"""The pack's figures on hand-built records with hand-worked answers.

Report month M is January 2026 (``BASE`` is 12 January 2026, 20:00 GMT), so the 13-month window
is January 2025 to January 2026 and disproportionality covers February 2025 to January 2026.
"""

import datetime as dt

import msgspec
import pytest

from bridewell.insights.pack import (
    Collector,
    PackData,
    add_months,
    collect,
    month_start,
    months_ending,
)
from bridewell.insights.sources import Item
from bridewell.interchange.reader import RecordError
from tests.builders import DETENTION_OFFICER, SERGEANT, booking, ev, record, t

AT = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def clean(record_id: str, arrived: str = "0:00", suite: str = "HOLD-A", **detainee):
    """Fifty minutes in custody with nothing wrong: no findings at all."""
    start = t(arrived)

    def at(minutes: int) -> dt.datetime:
        return start + dt.timedelta(minutes=minutes)

    rec = record(
        booking(at(0), at(10)),
        ev("risk_assessed", at(15), by=SERGEANT, stage="initial"),
        ev("observation_level_set", at(15), by=SERGEANT, level=1, reason="initial"),
        ev("cell_visit", at(40), by=DETENTION_OFFICER),
        ev("prra_completed", at(45), by=SERGEANT),
        ev("released", at(50), by=SERGEANT, outcome="nfa"),
        record_id=record_id,
        detainee=detainee or None,
    )
    return msgspec.structs.replace(rec, suite=suite)


def at_utc(when: dt.datetime, record_id: str):
    """A clean record booked in at an exact instant (for month boundaries in UK time)."""
    return clean(record_id, when)


def over_24_hours(record_id: str):
    return record(
        booking("0:00", "0:10"),
        ev("released", "30:00", by=SERGEANT, outcome="nfa"),
        record_id=record_id,
    )


def items(*records):
    return [Item("test", r, None) for r in records]


def pack(*records, suite=None, month="2026-01") -> PackData:
    return collect(items(*records), Collector(month, suite, AT))


def test_months_and_boundaries_are_uk_calendar_months():
    assert months_ending("2026-01", 13)[0] == "2025-01"
    assert months_ending("2026-01", 13)[-1] == "2026-01"
    assert add_months("2026-01", -1) == "2025-12"
    # BST: August 2025 begins at 23:00 UTC on 31 July.
    assert month_start("2025-08") == dt.datetime(2025, 7, 31, 23, 0, tzinfo=dt.UTC)
    assert month_start("2026-01") == dt.datetime(2026, 1, 1, 0, 0, tzinfo=dt.UTC)


def test_thirteen_month_window_keeps_m_minus_12_and_skips_older_and_later_records():
    data = pack(
        clean("NOW-1"),
        clean("NOW-2", "24:00"),
        clean("YEAR-AGO", "-8760:00"),  # 12 January 2025: M-12
        clean("TOO-OLD", "-9500:00"),  # 11 December 2024: outside the window
        clean("NEXT", "600:00"),  # 7 February 2026: after M
    )
    assert data.months == months_ending("2026-01", 13)
    assert data.records_read == 5
    assert [v.numerator if v else None for v in data.trend("K-T1")] == [1] + [None] * 11 + [2]
    assert data.value("2026-01", "K-T1").records == ("NOW-1", "NOW-2")
    assert ("2024-12", None) not in data.cells
    assert ("2026-02", None) not in data.cells
    # Disproportionality is over the 12 months ending M: M-12 is not in it.
    assert {s.record_id for s in data.subjects} == {"NOW-1", "NOW-2"}


def test_a_record_counts_in_the_uk_month_of_its_authorisation():
    # 31 July 2025 23:00 UTC is 1 August 00:00 BST (booking at +10 minutes).
    summer = at_utc(dt.datetime(2025, 7, 31, 23, 0, tzinfo=dt.UTC), "SUMMER")
    # 31 January 2026 23:00 UTC is still January (GMT).
    winter = at_utc(dt.datetime(2026, 1, 31, 23, 0, tzinfo=dt.UTC), "WINTER")
    data = pack(summer, winter)
    assert data.value("2025-08", "K-T1").numerator == 1
    assert data.value("2025-07", "K-T1") is None
    assert data.value("2026-01", "K-T1").records == ("WINTER",)


def test_headline_median_is_over_the_twelve_months_before_m():
    data = pack(
        clean("A", "-8760:00"),  # January 2025
        clean("B", "-7000:00"),  # March 2025
        clean("C", "-6980:00"),  # March 2025
        clean("D", "-5000:00"),  # June 2025
        clean("E"),
    )
    # Months with a value: Jan 2025 (1), Mar 2025 (2), Jun 2025 (1) → median 1.
    assert data.twelve_month_median("K-T1") == 1
    assert data.value(data.previous, "K-T1") is None


def test_suite_filter_keeps_the_comparison_but_not_the_other_suites_exceptions():
    data = pack(
        over_24_hours("A-LONG"),
        msgspec.structs.replace(over_24_hours("B-LONG"), suite="HOLD-B"),
        clean("B-CLEAN", suite="HOLD-B"),
        suite="HOLD-A",
    )
    assert data.suites == ("HOLD-A", "HOLD-B")
    assert data.value("2026-01", "K-T1").numerator == 1
    assert data.value("2026-01", "K-T1", "HOLD-B").numerator == 2
    assert data.cells[("2026-01", None)]["K-T1"].numerator == 3
    assert [b.record_id for b in data.exceptions] == ["A-LONG"]
    assert [s.record_id for s in data.subjects] == ["A-LONG"]
    assert [(s.suite, s.subject.record_id) for s in data.month_subjects] == [
        ("HOLD-A", "A-LONG"),
        ("HOLD-B", "B-CLEAN"),
        ("HOLD-B", "B-LONG"),
    ]


def test_exceptions_are_the_breach_records_of_m_with_rules_sources_and_events():
    data = pack(over_24_hours("LONG"), clean("FINE"), over_24_hours("LAST-YEAR"))
    assert [b.record_id for b in data.exceptions] == ["LAST-YEAR", "LONG"]
    breach = data.exceptions[1]
    limit = next(r for r in breach.rules if r.rule == "PACE-LIMIT-24")
    assert limit.title == "Held beyond 24 hours without charge"
    assert limit.source == "PACE s.41(1)"
    assert "arrive" in limit.events
    # Warnings are not exceptions: the missing pre-release risk assessment is left out.
    assert "APP-PRRA-1" not in {r.rule for r in breach.rules}


def test_exceptions_leave_out_earlier_months():
    shifted = record(
        booking("-2000:00", "-1999:50"),
        ev("released", "-1970:00", by=SERGEANT, outcome="nfa"),
        record_id="OLD",
    )
    data = pack(shifted)
    assert data.exceptions == ()
    assert data.value("2025-10", "K-T1").numerator == 1


def test_invalid_records_are_left_out_and_make_the_pack_incomplete():
    bad = Item("f.jsonl", None, RecordError(3, "X-9", "$.events", "not a list"))
    data = collect([*items(clean("A")), bad], Collector("2026-01", None, AT))
    assert data.records_read == 2
    assert data.left_out == 1
    assert not data.complete
    assert data.problems == ("f.jsonl: line 3: record X-9: $.events: not a list",)


def test_the_pack_does_not_depend_on_the_order_records_come_in():
    recs = [clean("A"), over_24_hours("B"), clean("C", "30:00"), clean("D", "-3000:00")]
    assert pack(*recs) == pack(*reversed(recs))


def test_disproportionality_tables_and_suite_tables_cover_every_outcome():
    data = pack(clean("A", ethnicity_self="B2"), clean("B", "30:00", ethnicity_self="W1"))
    tables = data.rate_tables()
    assert len(tables) == 15
    force = next(t for t in tables if t.outcome == "use_of_force" and t.dimension == "ethnic_group")
    assert {r.category: r.throughput for r in force.rows}["black"] == 1
    suites = data.suite_tables()
    assert [t.outcome for t in suites] == [
        "use_of_force",
        "strip_search",
        "clothing_removal",
        "over_24_hours",
        "child_overnight",
    ]
    assert suites[0].rows[0].throughput == 2


@pytest.mark.parametrize("month", ["2026-1", "26-01", "2026-13"])
def test_a_bad_month_is_refused(month):
    with pytest.raises(ValueError, match="not a month"):
        Collector(month, None, AT)
