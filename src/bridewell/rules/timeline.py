"""A record as the rules see it at an evaluation time T.

Corrections are applied (the corrected entry stays in the record for display, the rules see the
replacement), events after T are left out, and the rest are sorted by time then by their position
in the record. The landmarks every rule family needs (arrival, DA, END, charge, absences,
juvenile, vulnerability) are worked out here once.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from operator import attrgetter
from typing import TypeVar

from bridewell.rules import model as m
from bridewell.rules.intervals import Interval, pair, subtract, union
from bridewell.rules.lazy import cached
from bridewell.rules.localtime import local_date

E = TypeVar("E", bound=m.EventBase)

ENDING_TYPES = (m.Released, m.Transferred, m.LaTransferCompleted)


_AT = attrgetter("at")


def _up_to(events: list[m.Event], at: dt.datetime) -> list[m.Event]:
    """The events at or before ``at``, sorted by time; a stable sort keeps record order on ties."""
    ordered = sorted(events, key=_AT)
    if ordered and ordered[-1].at > at:
        return ordered[: bisect_right(ordered, at, key=_AT)]
    return ordered


def _bucketed(events: list[m.Event]) -> dict[type, list[m.Event]]:
    buckets: dict[type, list[m.Event]] = {}
    for ev in events:
        bucket = buckets.get(type(ev))
        if bucket is None:
            buckets[type(ev)] = [ev]
        else:
            bucket.append(ev)
    return buckets


def _corrected(record: m.Record, at: dt.datetime) -> tuple[list[m.Event], list[m.Correction]]:
    """Apply the corrections made by ``at``; return the events the rules see and the corrections."""
    slots: list[m.Event] = []
    slot_of: dict[str, int] = {}
    corrections: list[tuple[dt.datetime, int, m.Correction]] = []
    for position, event in enumerate(record.events):
        if isinstance(event, m.Correction):
            if event.at <= at:
                corrections.append((event.at, position, event))
            continue
        slot_of[event.id] = len(slots)
        slots.append(event)
    if corrections:
        corrections.sort(key=lambda c: (c[0], c[1]))
        for _, _, c in corrections:
            slot = slot_of.get(c.corrects)
            if slot is None:  # names a replacement that a later correction brings in
                continue
            replacement = c.replacement
            assert not isinstance(replacement, m.Correction)
            slots[slot] = replacement
            slot_of[replacement.id] = slot
    return _up_to(slots, at), [c for _, _, c in corrections]


class Timeline:
    """The effective, time-ordered events of one record at T, with the episode's landmarks."""

    def __init__(self, record: m.Record, at: dt.datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("the evaluation time needs a UTC offset")
        self.record = record
        self.at = at.astimezone(dt.UTC)
        self.events = _up_to(record.events, self.at)
        self._by_type = _bucketed(self.events)
        self.corrections: list[m.Correction] = []
        if m.Correction in self._by_type:
            self.events, self.corrections = _corrected(record, self.at)
            self._by_type = _bucketed(self.events)

        self.first_arrived = self.first(m.Arrived)
        ends = [ev for cls in ENDING_TYPES for ev in self.of(cls)]
        self.end_event: m.EventBase | None = min(ends, key=lambda ev: ev.at) if ends else None
        self.end: dt.datetime = self.end_event.at if self.end_event else self.at
        self.is_open = self.end_event is None
        charged = self.first(m.Charged)
        self.charged = charged
        self.charge_at: dt.datetime | None = charged.at if charged else None
        if record.regime == "mha_s136":
            self.da: m.EventBase | None = self.first_arrived
        else:
            self.da = self.first(m.DetentionAuthorised)

    def of(self, cls: type[E]) -> Sequence[E]:
        """Events of one type, in time order."""
        return self._by_type.get(cls, ())  # type: ignore[return-value]

    def first(self, cls: type[E]) -> E | None:
        found = self._by_type.get(cls)
        return found[0] if found else None  # type: ignore[return-value]

    @property
    def record_id(self) -> str:
        return self.record.record_id

    @property
    def regime(self) -> str:
        return self.record.regime

    @property
    def is_pace(self) -> bool:
        return self.record.regime == "pace"

    @cached
    def custody_start(self) -> dt.datetime | None:
        """The first arrival, else the first arrest: the day a detainee's age is taken on."""
        first = self.first_arrived or self.first(m.Arrested)
        return first.at if first else None

    @cached
    def juvenile(self) -> bool:
        """Under 18 when custody began; a juvenile stays one for the whole episode."""
        start = self.custody_start
        return m.is_juvenile(self.record.detainee, local_date(start) if start else None)

    @cached
    def _vulnerable_from(self) -> dt.datetime | None:
        if self.record.detainee.vulnerable:
            return dt.datetime.min.replace(tzinfo=dt.UTC)
        first = self.first(m.VulnerabilityIdentified)
        return first.at if first else None

    def vulnerable_at(self, t: dt.datetime) -> bool:
        """Vulnerable as first assessed, or identified as vulnerable at or before ``t``."""
        since = self._vulnerable_from
        return since is not None and since <= t

    def needs_appropriate_adult_at(self, t: dt.datetime) -> bool:
        return self.juvenile or self.vulnerable_at(t)

    @cached
    def interviews(self) -> list[Interval]:
        if m.InterviewStarted not in self._by_type:
            return []
        return pair(
            ((ev.at, ev.id) for ev in self.of(m.InterviewStarted)),
            ((ev.at, ev.id) for ev in self.of(m.InterviewEnded)),
            self.end,
        )

    @cached
    def hospital_trips(self) -> list[tuple[Interval, str]]:
        """Each hospital departure paired with the next return (or END), with its purpose."""
        if m.HospitalDeparted not in self._by_type:
            return []
        trips = pair(
            ((ev.at, ev.id) for ev in self.of(m.HospitalDeparted)),
            ((ev.at, ev.id) for ev in self.of(m.HospitalReturned)),
            self.end,
        )
        purpose = {ev.id: ev.purpose for ev in self.of(m.HospitalDeparted)}
        return [(trip, purpose[trip.start_id or ""]) for trip in trips]

    @cached
    def hospital_time(self) -> list[Interval]:
        """Time at hospital for medical purposes, less any interviews there (PACE s.41(6))."""
        medical = [trip for trip, purpose in self.hospital_trips if purpose == "medical"]
        return subtract(union(medical), self.interviews) if medical else []

    @cached
    def absences(self) -> list[Interval]:
        """Hospital trips and interviews: the detainee is out of the cell, with staff."""
        return union([trip for trip, _ in self.hospital_trips] + self.interviews)

    @cached
    def offences(self) -> dict[str, m.Offence]:
        return {o.ref: o for o in self.record.offences or ()}
