"""Half-open time intervals and the few operations the rules need on them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import NamedTuple


class Interval(NamedTuple):
    """``[start, end)`` in UTC. ``start_id`` / ``end_id`` name the events that bound it, if any."""

    start: dt.datetime
    end: dt.datetime
    start_id: str | None = None
    end_id: str | None = None

    @property
    def duration(self) -> dt.timedelta:
        return self.end - self.start

    def contains(self, t: dt.datetime) -> bool:
        return self.start <= t < self.end


def pair(
    starts: Iterable[tuple[dt.datetime, str]],
    ends: Iterable[tuple[dt.datetime, str]],
    until: dt.datetime,
) -> list[Interval]:
    """Pair each start with the first end after it; a start left open runs ``until``.

    A start while one is already open continues it, and an end with nothing open is ignored:
    records from other systems do not always log both sides.
    """
    marks = sorted([(t, 0, i) for t, i in starts] + [(t, 1, i) for t, i in ends])
    out: list[Interval] = []
    open_at: tuple[dt.datetime, str] | None = None
    for t, is_end, event_id in marks:
        if not is_end:
            if open_at is None:
                open_at = (t, event_id)
        elif open_at is not None:
            out.append(Interval(open_at[0], t, open_at[1], event_id))
            open_at = None
    if open_at is not None and open_at[0] <= until:
        out.append(Interval(open_at[0], until, open_at[1], None))
    return out


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """Merge overlapping or touching intervals; the result is sorted and disjoint."""
    out: list[Interval] = []
    for iv in sorted(intervals):
        if out and iv.start <= out[-1].end:
            last = out[-1]
            if iv.end > last.end:
                out[-1] = last._replace(end=iv.end, end_id=iv.end_id)
        else:
            out.append(iv)
    return out


def subtract(intervals: Sequence[Interval], holes: Sequence[Interval]) -> list[Interval]:
    """``intervals`` minus ``holes``: what remains of each interval outside every hole."""
    out: list[Interval] = []
    for iv in intervals:
        pieces = [iv]
        for hole in holes:
            next_pieces = []
            for p in pieces:
                if hole.end <= p.start or hole.start >= p.end:
                    next_pieces.append(p)
                    continue
                if hole.start > p.start:
                    next_pieces.append(p._replace(end=hole.start, end_id=hole.start_id))
                if hole.end < p.end:
                    next_pieces.append(p._replace(start=hole.end, start_id=hole.end_id))
            pieces = next_pieces
        out.extend(pieces)
    return out


def overlap(iv: Interval, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """How much of ``iv`` lies inside ``[start, end)``."""
    lo = max(iv.start, start)
    hi = min(iv.end, end)
    return hi - lo if hi > lo else dt.timedelta(0)
