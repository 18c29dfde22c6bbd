"""The incidents and recommendations figures of the monthly governance pack, from plain rows.

Pure: ``governance.governance_figures`` reads the rows from the database. Flows (incidents that
happened, reviews done, referrals made, actions closed) count what happened in the month;
stocks (reviews overdue, actions open and overdue, recommendations overdue) are as at the end of
the month, or now for the month still running, worked out from the dates kept, so a pack made
later for a past month gives the same answer. Recommendations by status are their status now:
the status on a past date is not kept apart from the history notes. A recommendation marked
done (delivered, awaiting closure on its evidence) is not counted as overdue.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bridewell.learning.candidates import KINDS
from bridewell.rules.localtime import LONDON, local_date, month_name

INCIDENT_STATUSES = (
    ("candidate", "Candidate"),
    ("confirmed", "Confirmed"),
    ("rejected", "Rejected"),
    ("reviewed", "Reviewed"),
    ("closed", "Closed"),
)
RECOMMENDATION_STATUSES = (
    ("open", "Open"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("closed", "Closed"),
)


@dataclass(frozen=True)
class IncidentRow:
    kind: str
    status: str
    occurred_at: dt.datetime
    recorded_at: dt.datetime
    review_due: dt.datetime
    reviewed_at: dt.datetime | None
    rejected_at: dt.datetime | None
    referred: bool | None
    referral_recorded_at: dt.datetime | None


@dataclass(frozen=True)
class ReferralEntry:
    at: dt.datetime
    referred: bool


def standing_referral(
    entries: Iterable[ReferralEntry], as_at: dt.datetime
) -> tuple[bool | None, dt.datetime | None]:
    """The referral decision standing at ``as_at``, and when that decision was first recorded.

    A later record that only adds the IOPC's reference or mode keeps the decision's date, so a
    referral counts in the month it was made; a reversal (not referred, then referred) counts
    in the month of the reversal. Records after ``as_at`` are not seen, so a past month's pack
    made later gives the same answer."""
    decided: bool | None = None
    since: dt.datetime | None = None
    for entry in sorted(entries, key=lambda e: e.at):
        if entry.at > as_at:
            break
        if entry.referred != decided:
            decided, since = entry.referred, entry.at
    return decided, since


@dataclass(frozen=True)
class ActionRow:
    due: dt.date
    created_at: dt.datetime
    closed_at: dt.datetime | None


@dataclass(frozen=True)
class RecommendationRow:
    status: str
    due: dt.date
    created_at: dt.datetime
    closed_at: dt.datetime | None


@dataclass(frozen=True)
class Month:
    key: str
    start: dt.datetime
    end: dt.datetime

    @classmethod
    def parse(cls, key: str) -> Month:
        """``2026-10``: the calendar month in UK local time, as UTC instants."""
        year, month = (int(p) for p in key.split("-"))
        start = dt.datetime(year, month, 1, tzinfo=LONDON)
        following = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=LONDON)
        return cls(key, start.astimezone(dt.UTC), following.astimezone(dt.UTC))

    @property
    def label(self) -> str:
        year, month = (int(p) for p in self.key.split("-"))
        return month_name(year, month)

    def holds(self, at: dt.datetime | None) -> bool:
        return at is not None and self.start <= at < self.end


@dataclass(frozen=True)
class GovernanceFigures:
    month: str
    label: str
    as_at: dt.datetime
    incidents: int
    incidents_by_kind: dict[str, int]
    incidents_by_status: dict[str, int]
    reviews_done: int
    reviews_overdue: int
    iopc_referred: int
    iopc_not_referred: int
    actions_open: int
    actions_overdue: int
    actions_closed: int
    recommendations_by_status: dict[str, int]
    recommendations_overdue: int
    recommendations_closed: int

    @property
    def kinds(self) -> list[tuple[str, int]]:
        """Every type of the register with its count, zeros included, in register order."""
        return [(label, self.incidents_by_kind.get(kind, 0)) for kind, label in KINDS]

    @property
    def statuses(self) -> list[tuple[str, int]]:
        return [(label, self.incidents_by_status.get(s, 0)) for s, label in INCIDENT_STATUSES]

    @property
    def recommendation_statuses(self) -> list[tuple[str, int]]:
        by = self.recommendations_by_status
        return [(label, by.get(s, 0)) for s, label in RECOMMENDATION_STATUSES]


def as_at(month: Month, now: dt.datetime) -> dt.datetime:
    """When the month's stocks are counted: its end, or now for the month still running."""
    return min(now, month.end)


def figures(
    month: Month,
    now: dt.datetime,
    incident_rows: Iterable[IncidentRow],
    action_rows: Iterable[ActionRow],
    recommendation_rows: Iterable[RecommendationRow],
) -> GovernanceFigures:
    incidents, actions, recs = list(incident_rows), list(action_rows), list(recommendation_rows)
    end = as_at(month, now)
    day = local_date(end - dt.timedelta(microseconds=1))
    happened = [i for i in incidents if month.holds(i.occurred_at)]
    overdue = [
        i
        for i in incidents
        if i.recorded_at <= end
        and i.review_due < end
        and not (i.reviewed_at and i.reviewed_at <= end)
        and not (i.rejected_at and i.rejected_at <= end)
    ]
    referrals = [i for i in incidents if month.holds(i.referral_recorded_at)]
    open_actions = [
        a for a in actions if a.created_at <= end and not (a.closed_at and a.closed_at <= end)
    ]
    return GovernanceFigures(
        month=month.key,
        label=month.label,
        as_at=end,
        incidents=len(happened),
        incidents_by_kind=dict(Counter(i.kind for i in happened)),
        incidents_by_status=dict(Counter(i.status for i in happened)),
        reviews_done=sum(month.holds(i.reviewed_at) for i in incidents),
        reviews_overdue=len(overdue),
        iopc_referred=sum(bool(i.referred) for i in referrals),
        iopc_not_referred=sum(i.referred is False for i in referrals),
        actions_open=len(open_actions),
        actions_overdue=sum(a.due < day for a in open_actions),
        actions_closed=sum(month.holds(a.closed_at) for a in actions),
        recommendations_by_status=dict(Counter(r.status for r in recs)),
        recommendations_overdue=sum(
            r.created_at <= end
            and r.due < day
            and not (r.closed_at and r.closed_at <= end)
            and r.status != "done"
            for r in recs
        ),
        recommendations_closed=sum(month.holds(r.closed_at) for r in recs),
    )
