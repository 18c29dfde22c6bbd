"""The custody board: a suite's open records as rows, most urgent first, with what is due.

The record row carries what the rules engine derived at the last append (``next_due_at``,
``obligations``, ``findings_count``...), so the board sorts and alerts without re-running the
engine. Time passes without appends, though: due times are compared with ``now`` here, and a
record whose deadline has passed since it was last assessed is refreshed before it is shown, so
its findings count tells the truth. The outstanding actions come from one query over the few
event types they need, with corrections applied as the rules apply them. The number of queries
does not depend on the number of records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, NamedTuple

from django.db import transaction
from django.db.models import F

from bridewell.custody import records
from bridewell.custody.models import CustodyRecord, Event, Suite
from bridewell.rules.checks.release import WINDOW as PRRA_WINDOW
from bridewell.rules.localtime import clock, clock_after, duration

SOON: Final = dt.timedelta(minutes=30)
"""Visits and reviews due within this are picked out, and counted in the suite summary."""
LIMIT_SOON: Final = PRRA_WINDOW
"""A detention limit this close means release is near: a pre-release risk assessment is due."""

VISITS: Final = {
    "PACE-CARE-1": "Visit",
    "PACE-CARE-2": "Roused visit",
    "MHA-136-5": "HCP welfare check",
}
REVIEWS: Final = {
    "PACE-REVIEW-1": "First review",
    "PACE-REVIEW-2": "Review",
    "PACE-REVIEW-4": "Postponed review",
}
LEVELS: Final = {
    1: "general observation",
    2: "intermittent observation",
    3: "constant observation",
    4: "close proximity",
}

ACTION_TYPES: Final = frozenset(
    {
        "appropriate_adult_requested",
        "appropriate_adult_arrived",
        "interpreter_requested",
        "interpreter_arrived",
        "hcp_requested",
        "hcp_seen",
        "prra_completed",
        "charged",
    }
)
"""The event types the outstanding actions are worked out from."""


class Entry(NamedTuple):
    """An event as the rules see it, reduced to what the actions need."""

    type: str
    at: dt.datetime
    position: int


@dataclass(frozen=True)
class Due:
    """A deadline as a custody sergeant reads it: what, when, and how long to go or overdue."""

    what: str
    at: dt.datetime
    when: str
    status: str
    overdue: bool
    soon: bool
    key: str


@dataclass(frozen=True)
class Action:
    """Something outstanding: ``status`` is the tag's text, so colour is never the only cue."""

    subject: str
    status: str
    colour: str
    detail: str = ""


@dataclass(frozen=True)
class Row:
    pk: int
    record_id: str
    cell: str
    name: str
    juvenile: bool
    vulnerable: bool
    interpreter: bool
    s136: bool
    arrived: str
    in_custody: str
    limit: Due | None
    charged: bool
    level: int | None
    level_label: str
    rousing: bool
    visits: list[Due]
    reviews: list[Due]
    actions: list[Action]
    findings: int
    breaches: int

    @property
    def where(self) -> str:
        """How an announcement names the detainee: by cell, as staff do at the desk."""
        return f"Cell {self.cell}" if self.cell else self.name

    @property
    def constant(self) -> bool:
        """Levels 3 and 4 are constant observation: the visit timer does not run."""
        return (self.level or 0) >= 3

    @property
    def timed(self) -> list[Due]:
        return [*self.visits, *self.reviews, *([self.limit] if self.limit else [])]


@dataclass(frozen=True)
class Board:
    suite: Suite
    now: dt.datetime
    rows: list[Row]

    @property
    def juveniles(self) -> int:
        return sum(r.juvenile for r in self.rows)

    @property
    def observed(self) -> int:
        """Detainees on level 2 observation or above."""
        return sum((r.level or 0) >= 2 for r in self.rows)

    @property
    def due_soon(self) -> int:
        """Visits, reviews and limits falling due within the next 30 minutes."""
        return sum(not d.overdue and d.at - self.now <= SOON for r in self.rows for d in r.timed)

    @property
    def overdue(self) -> int:
        return sum(d.overdue for r in self.rows for d in r.timed)

    @property
    def overdue_keys(self) -> str:
        """What is overdue now, for the page to send back so each item is announced once."""
        return " ".join(d.key for r in self.rows for d in r.timed if d.overdue)

    @property
    def shown(self) -> str:
        """The rows in order, for the page to send back: the same order needs no new table."""
        return " ".join(str(r.pk) for r in self.rows)

    def newly_overdue(self, announced: Collection[str]) -> list[str]:
        """Sentences for the screen-reader live region, about items not announced before."""
        out = []
        for row in self.rows:
            for due in row.timed:
                if due.overdue and due.key not in announced:
                    if due is row.limit:
                        out.append(f"{row.where}: {due.what} now passed")
                    else:
                        out.append(f"{row.where}: {due.what.lower()} now overdue")
        return out


def load(suite: Suite, now: dt.datetime, *, names: bool) -> Board:
    """The board of ``suite`` at ``now``; ``names`` is False for people who may not see names."""
    held = _open(suite)
    stale = [r.pk for r in held if _stale(r, now)]
    if stale:
        _refresh(stale, now)
        held = _open(suite)
    entries = _entries([r.pk for r in held], now)
    rows = [_row(r, entries.get(r.pk, []), now, names) for r in held]
    return Board(suite=suite, now=now, rows=rows)


def _open(suite: Suite) -> list[CustodyRecord]:
    return list(
        CustodyRecord.objects.filter(suite=suite, is_open=True)
        .select_related("person", "cell")
        .order_by(F("next_due_at").asc(nulls_last=True), "arrived_at", "pk")
    )


def _dues(record: CustodyRecord) -> Iterable[tuple[str, dt.datetime]]:
    for o in record.obligations:
        yield o["rule"], dt.datetime.fromisoformat(o["due"])


def _stale(record: CustodyRecord, now: dt.datetime) -> bool:
    """A deadline passed since the record was last assessed, so a finding may now stand.

    Every obligation is looked at, not only ``next_due_at``: an appropriate adult not yet
    requested is "due now" (at the assessment time), which would hide a visit falling due later.
    """
    if record.assessed_at is None:
        return True
    assessed = record.assessed_at
    return any(assessed < due <= now for _, due in _dues(record))


def _refresh(pks: Sequence[int], now: dt.datetime) -> None:
    """Re-assess the stale records, locked as an append locks them (in one order: no deadlock)."""
    with transaction.atomic():
        locked = (
            CustodyRecord.objects.select_for_update(of=("self",))
            .select_related("suite")
            .filter(pk__in=pks)
            .order_by("pk")
        )
        for record in locked:
            if _stale(record, now):  # another request may have refreshed it meanwhile
                records.refresh(record, now)


def _entries(pks: Sequence[int], now: dt.datetime) -> dict[int, list[Entry]]:
    """Each record's action-related events at ``now``, corrections applied, in time order."""
    if not pks:
        return {}
    stored = (
        Event.objects.filter(record_id__in=pks, type__in=[*ACTION_TYPES, "correction"])
        .order_by("record_id", "seq")
        .values_list("record_id", "type", "at", "seq", "payload")
    )
    by_record: dict[int, list[tuple[str, dt.datetime, int, dict[str, Any]]]] = {}
    for record_id, type_, at, seq, payload in stored:
        by_record.setdefault(record_id, []).append((type_, at, seq, payload))
    return {pk: effective(events, now) for pk, events in by_record.items()}


def effective(
    stored: Iterable[tuple[str, dt.datetime, int, dict[str, Any]]], now: dt.datetime
) -> list[Entry]:
    """Apply corrections made by ``now`` as the rules engine does: the replacement takes the
    corrected entry's place. The corrected entry may be of a type not loaded, in which case the
    replacement is simply added."""
    slots: dict[str, Entry] = {}
    corrections: list[tuple[dt.datetime, int, dict[str, Any]]] = []
    for type_, at, seq, payload in stored:
        if type_ == "correction":
            if at <= now:
                corrections.append((at, seq, payload))
        else:
            slots[payload["id"]] = Entry(type_, at, seq)
    corrections.sort(key=lambda c: (c[0], c[1]))
    for _, seq, payload in corrections:
        old = slots.pop(payload["corrects"], None)
        new = payload["replacement"]
        if new["type"] in ACTION_TYPES:
            at = dt.datetime.fromisoformat(new["at"])
            slots[new["id"]] = Entry(new["type"], at, old.position if old else seq)
    return sorted((e for e in slots.values() if e.at <= now), key=lambda e: (e.at, e.position))


def _row(record: CustodyRecord, entries: list[Entry], now: dt.datetime, names: bool) -> Row:
    person = record.person
    rules = {rule for rule, _ in _dues(record)}
    visits, reviews = [], []
    for rule, due in _dues(record):
        key = f"{record.pk}:{rule}:{int(due.timestamp())}"
        if rule in VISITS:
            visits.append(_due(VISITS[rule], due, now, key, soon=SOON))
        elif rule in REVIEWS:
            reviews.append(_due(REVIEWS[rule], due, now, key, soon=SOON))
    limit = None
    if record.limit_at is not None:
        key = f"{record.pk}:limit:{int(record.limit_at.timestamp())}"
        limit = _due(
            record.limit_label or "detention limit",
            record.limit_at,
            now,
            key,
            soon=LIMIT_SOON,
            ahead="{} left",
            behind="Passed {} ago",
        )
    arrived = record.arrived_at
    return Row(
        pk=record.pk,
        record_id=record.record_id,
        cell=record.cell.name if record.cell else "",
        name=person.display_name if names else person.person_id,
        juvenile=record.juvenile,
        vulnerable=record.vulnerable,
        interpreter=record.needs_interpreter,
        s136=record.regime == "mha_s136",
        arrived=clock_after(arrived, now) if arrived else "",
        in_custody=duration(now - arrived) if arrived else "",
        limit=limit,
        charged=any(e.type == "charged" for e in entries),
        level=record.observation_level,
        level_label=LEVELS.get(record.observation_level or 0, ""),
        rousing=record.rousing,
        visits=visits,
        reviews=reviews,
        actions=actions(record, rules, entries, now),
        findings=record.findings_count,
        breaches=record.breaches_count,
    )


def _due(
    what: str,
    at: dt.datetime,
    now: dt.datetime,
    key: str,
    *,
    soon: dt.timedelta,
    ahead: str = "Due in {}",
    behind: str = "Overdue by {}",
) -> Due:
    overdue = at < now
    if overdue:
        status = behind.format(_minutes(now - at))
    elif at - now < dt.timedelta(minutes=1):
        status = "Due now"
    else:
        status = ahead.format(duration(at - now))
    return Due(
        what=what,
        at=at,
        when=clock_after(at, now),
        status=status,
        overdue=overdue,
        soon=not overdue and at - now <= soon,
        key=key,
    )


def _minutes(d: dt.timedelta) -> str:
    return duration(d) if d >= dt.timedelta(minutes=1) else "less than 1 min"


def actions(
    record: CustodyRecord, rules: Collection[str], entries: list[Entry], now: dt.datetime
) -> list[Action]:
    """What staff still have to arrange: support the detainee is owed, and release readiness."""
    out: list[Action] = []
    if "PACE-AA-4" in rules:
        out.append(Action("Appropriate adult", "Not requested", "red"))
    else:
        out += _awaited("Appropriate adult", entries, now, "appropriate_adult")
    language = record.detainee.get("language")
    interpreter = f"Interpreter ({language})" if language else "Interpreter"
    if "PACE-INT-1" in rules:
        out.append(Action(interpreter, "Not requested", "red"))
    else:
        out += _awaited(interpreter, entries, now, "interpreter")
    asked = _waiting(entries, "hcp_requested", "hcp_seen")
    if asked is not None:
        out.append(Action("Health care", "Not yet seen", "yellow", _asked(asked, now)))
    prra = _prra(record, entries, now)
    if prra is not None:
        out.append(prra)
    return out


def _awaited(subject: str, entries: list[Entry], now: dt.datetime, kind: str) -> list[Action]:
    asked = _waiting(entries, f"{kind}_requested", f"{kind}_arrived")
    return [] if asked is None else [Action(subject, "Awaited", "yellow", _asked(asked, now))]


def _waiting(entries: list[Entry], asked: str, came: str) -> Entry | None:
    """The first request not yet answered by an arrival (or a seeing), if any."""
    waiting = None
    for e in entries:
        if e.type == asked and waiting is None:
            waiting = e
        elif e.type == came:
            waiting = None
    return waiting


def _asked(entry: Entry, now: dt.datetime) -> str:
    return f"Requested {clock_after(entry.at, now)}, {duration(now - entry.at)} ago"


def _prra(record: CustodyRecord, entries: list[Entry], now: dt.datetime) -> Action | None:
    """A pre-release risk assessment counts only in the two hours before release (APP-PRRA-1):
    show a recent one, and ask for one when release is near (charged, or the limit is close)."""
    subject = "Pre-release risk assessment"
    done = [e for e in entries if e.type == "prra_completed"]
    last = done[-1] if done else None
    if last is not None and now - last.at <= PRRA_WINDOW:
        until = clock_after(last.at + PRRA_WINDOW, now)
        detail = f"At {clock(last.at)}; counts for a release by {until}"
        return Action(subject, "Done", "green", detail)
    charged = next((e for e in entries if e.type == "charged"), None)
    if charged is not None:
        reason = f"Charged at {clock_after(charged.at, now)}"
    elif record.limit_at is not None and record.limit_at - now <= LIMIT_SOON:
        reason = f"Detention limit at {clock_after(record.limit_at, now)}"
    else:
        return None
    if last is not None:
        old = duration(PRRA_WINDOW)
        reason += f"; the last one, at {clock_after(last.at, now)}, is over {old} old"
    return Action(subject, "Needed before release", "orange", reason)
