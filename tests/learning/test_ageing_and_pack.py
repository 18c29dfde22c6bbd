"""Ageing, overdue dates and the governance pack figures, on hand-built rows."""

from __future__ import annotations

import datetime as dt

from bridewell.learning.ageing import ageing, past_due
from bridewell.learning.pack import (
    ActionRow,
    IncidentRow,
    Month,
    RecommendationRow,
    ReferralEntry,
    figures,
    standing_referral,
)

UTC = dt.UTC


def at(day: int, hour: int = 12, month: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=UTC)


def test_ageing_counts_uk_calendar_days_and_the_review_is_due_after_the_set_days() -> None:
    # 23:30 BST on 1 October is 22:30 UTC; the next morning it is one day old.
    happened = dt.datetime(2026, 10, 1, 22, 30, tzinfo=UTC)
    age = ageing(happened, "confirmed", dt.datetime(2026, 10, 2, 8, tzinfo=UTC), 7)
    assert (age.days_since, age.days_to_review, age.review_overdue) == (1, 6, False)
    assert age.review_due == dt.datetime(2026, 10, 8, 22, 30, tzinfo=UTC)


def test_a_review_is_overdue_after_the_due_time_only_while_it_is_owed() -> None:
    happened = at(1)
    late = at(10)
    assert ageing(happened, "candidate", late, 7).review_overdue
    assert ageing(happened, "confirmed", late, 7).days_late == 2
    for done in ("reviewed", "closed", "rejected"):
        assert not ageing(happened, done, late, 7).review_overdue
    assert not ageing(happened, "confirmed", at(8, 11), 7).review_overdue


def test_a_due_date_is_missed_from_the_next_day_until_finished() -> None:
    due = dt.date(2026, 10, 5)
    assert not past_due(due, False, at(5, 22))  # 23:00 BST on the 5th: still the due day
    assert past_due(due, False, at(5, 23))  # 00:00 BST on the 6th
    assert not past_due(due, True, at(20))


def test_a_month_is_its_uk_calendar_month() -> None:
    october = Month.parse("2026-10")
    assert october.start == dt.datetime(2026, 9, 30, 23, tzinfo=UTC)  # BST
    assert october.end == dt.datetime(2026, 11, 1, 0, tzinfo=UTC)  # GMT after 25 October
    assert october.label == "October 2026"
    assert Month.parse("2026-12").end == dt.datetime(2027, 1, 1, tzinfo=UTC)


def incident(
    kind: str = "self_harm",
    status: str = "confirmed",
    occurred: dt.datetime | None = None,
    reviewed: dt.datetime | None = None,
    rejected: dt.datetime | None = None,
    referred: bool | None = None,
    referral: dt.datetime | None = None,
) -> IncidentRow:
    occurred = occurred or at(3)
    return IncidentRow(
        kind=kind,
        status=status,
        occurred_at=occurred,
        recorded_at=occurred,
        review_due=occurred + dt.timedelta(days=7),
        reviewed_at=reviewed,
        rejected_at=rejected,
        referred=referred,
        referral_recorded_at=referral,
    )


def test_governance_figures_for_a_past_month() -> None:
    rows = [
        # happened in October, reviewed in time
        incident("self_harm", "reviewed", at(3), reviewed=at(5)),
        # happened in October, not reviewed by the end of the month: overdue
        incident("failed_rousing", "confirmed", at(10)),
        # happened 28 October: review due 4 November, not overdue at the end of October
        incident("failed_rousing", "candidate", at(28)),
        # rejected on the 4th: never overdue
        incident("escape", "rejected", at(2), rejected=at(4)),
        # September incident reviewed late, on 2 October: a review done in October, and it
        # was overdue only before then
        incident("assault", "reviewed", at(1, month=9), reviewed=at(2)),
        # September incident reviewed in November: overdue at the end of October
        incident("near_miss", "reviewed", at(1, month=9), reviewed=at(3, month=11)),
        # death referred in October
        incident("death_or_serious_injury", "closed", at(20), at(21), None, True, at(22)),
        # not referred, decided in October
        incident("hospital_transfer", "reviewed", at(1, month=9), at(2, month=9), None, False,
                 at(6)),
    ]  # fmt: skip
    actions = [
        ActionRow(dt.date(2026, 10, 20), at(5), None),  # open, overdue
        ActionRow(dt.date(2026, 11, 20), at(5), None),  # open, not due
        ActionRow(dt.date(2026, 10, 1), at(1, month=9), at(15)),  # closed in October
        ActionRow(dt.date(2026, 10, 1), at(1, month=9), at(2, month=11)),  # open at month end
        ActionRow(dt.date(2026, 12, 1), at(2, month=11), None),  # not yet made
    ]
    recs = [
        RecommendationRow("open", dt.date(2026, 9, 30), at(1, month=8), None),  # overdue
        RecommendationRow("in_progress", dt.date(2026, 12, 1), at(1, month=8), None),
        RecommendationRow("done", dt.date(2026, 9, 1), at(1, month=8), None),  # done: not overdue
        RecommendationRow("closed", dt.date(2026, 9, 1), at(1, month=8), at(12)),
        RecommendationRow("closed", dt.date(2026, 9, 1), at(1, month=8), at(3, month=11)),
    ]
    result = figures(Month.parse("2026-10"), at(20, month=11), rows, actions, recs)
    assert result.as_at == dt.datetime(2026, 11, 1, tzinfo=UTC)
    assert result.incidents == 5
    assert result.incidents_by_kind == {
        "self_harm": 1,
        "failed_rousing": 2,
        "escape": 1,
        "death_or_serious_injury": 1,
    }
    assert result.incidents_by_status == {
        "reviewed": 1,
        "confirmed": 1,
        "candidate": 1,
        "rejected": 1,
        "closed": 1,
    }
    assert result.reviews_done == 3  # 5 Oct, 2 Oct, 21 Oct
    assert result.reviews_overdue == 2  # the 10 October one and the September near miss
    assert (result.iopc_referred, result.iopc_not_referred) == (1, 1)
    assert (result.actions_open, result.actions_overdue, result.actions_closed) == (3, 2, 1)
    assert result.recommendations_by_status == {
        "open": 1,
        "in_progress": 1,
        "done": 1,
        "closed": 2,
    }
    # the open one, and the one closed in November: open and past due at the end of October
    assert result.recommendations_overdue == 2
    assert result.recommendations_closed == 1
    assert ("Failed rousing", 2) in result.kinds
    assert ("Near miss", 0) in result.kinds
    assert result.recommendation_statuses == [
        ("Open", 1),
        ("In progress", 1),
        ("Done", 1),
        ("Closed", 2),
    ]


def test_the_month_still_running_is_counted_as_at_now() -> None:
    rows = [incident("self_harm", "confirmed", at(1))]
    result = figures(Month.parse("2026-10"), at(6), rows, [], [])
    assert result.as_at == at(6)
    assert result.reviews_overdue == 0
    assert figures(Month.parse("2026-10"), at(9), rows, [], []).reviews_overdue == 1


def test_the_standing_referral_decision_dates_from_when_it_was_first_recorded() -> None:
    awaited, decided = ReferralEntry(at(20), True), ReferralEntry(at(4, month=11), True)
    # Referred on 20 October (IOPC decision awaited), mode recorded on 4 November: a referral
    # made in October, whenever the pack is made.
    assert standing_referral([decided, awaited], at(20, month=12)) == (True, at(20))
    # Not referred on 6 October, then referred on 3 November after new information.
    reversed_ = [ReferralEntry(at(6), False), ReferralEntry(at(3, month=11), True)]
    assert standing_referral(reversed_, Month.parse("2026-10").end) == (False, at(6))
    assert standing_referral(reversed_, at(20, month=11)) == (True, at(3, month=11))
    assert standing_referral([], at(20)) == (None, None)
    assert standing_referral([decided], at(1, month=11)) == (None, None)
