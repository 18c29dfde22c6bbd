"""How old an incident is, when its review is due, and whether anything is overdue.

Pure, so the register, the pack and the tests agree. Days are calendar days in England and
Wales: an incident at 23:30 on Monday is one day old on Tuesday morning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bridewell.rules.localtime import local_date

AWAITING_REVIEW = frozenset({"candidate", "confirmed"})
"""Statuses whose review is still owed (a rejected candidate needs none)."""


@dataclass(frozen=True)
class Ageing:
    days_since: int
    review_due: dt.datetime
    days_to_review: int
    """Days until the review is due; negative once it is late."""
    review_overdue: bool

    @property
    def days_late(self) -> int:
        return max(0, -self.days_to_review)


def review_due(occurred_at: dt.datetime, review_days: int) -> dt.datetime:
    """Reviews are due ``review_days`` after the incident happened (a local choice, set by
    ``BRIDEWELL_INCIDENT_REVIEW_DAYS``): measured from the event, so a late find shows late."""
    return occurred_at + dt.timedelta(days=review_days)


def ageing(occurred_at: dt.datetime, status: str, now: dt.datetime, review_days: int) -> Ageing:
    due = review_due(occurred_at, review_days)
    today = local_date(now)
    return Ageing(
        days_since=(today - local_date(occurred_at)).days,
        review_due=due,
        days_to_review=(local_date(due) - today).days,
        review_overdue=status in AWAITING_REVIEW and now > due,
    )


def past_due(due: dt.date, finished: bool, now: dt.datetime) -> bool:
    """A due date is missed from the day after it, until the thing is finished."""
    return not finished and local_date(now) > due
