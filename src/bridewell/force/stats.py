"""The few statistics the use-of-force dashboard shows, defined so they can be checked by hand.

A median of an even count is the mean of the middle two. The 90th percentile is the
nearest-rank one: the smallest value with at least 90% of the values at or below it, so it is
always a duration that actually happened (a spreadsheet's interpolating PERCENTILE can differ on
short lists). Rates and proportions keep their numerator and denominator, so a page can say
"75% (3 of 4)" and nobody mistakes 1 of 1 for a trend. Empty input gives ``None``, never 0.

Pure: no Django.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import deque
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

K = TypeVar("K", bound=Hashable)


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: Sequence[float], pct: float) -> float | None:
    """The nearest-rank percentile: the value at rank ⌈pct/100 × n⌉ of the sorted values."""
    if not 0 < pct <= 100:
        raise ValueError("a percentile is above 0 and at most 100")
    if not values:
        return None
    ordered = sorted(values)
    rank = math.ceil(round(pct / 100 * len(ordered), 9))
    return ordered[max(rank, 1) - 1]


def per_thousand(count: int, of: int) -> float | None:
    """``count`` per 1,000 of ``of`` (e.g. uses of force per 1,000 detentions), to one decimal."""
    return round(count * 1000 / of, 1) if of else None


@dataclass(frozen=True)
class Proportion:
    """``part`` of ``whole``, shown with both so that small numbers are read as small."""

    part: int
    whole: int

    @property
    def percent(self) -> float | None:
        return 100 * self.part / self.whole if self.whole else None

    def __str__(self) -> str:
        if self.percent is None:
            return "none to count"
        return f"{self.percent:.0f}% ({self.part} of {self.whole})"


class Span(NamedTuple, Generic[K]):
    """One application of something (a restraint of ``kind``) and its removal, if recorded."""

    kind: K
    start: dt.datetime
    end: dt.datetime | None

    @property
    def minutes(self) -> float | None:
        return (self.end - self.start).total_seconds() / 60 if self.end else None


def spans(
    starts: Iterable[tuple[K, dt.datetime]], ends: Iterable[tuple[K, dt.datetime]]
) -> list[Span[K]]:
    """Pair each end with the earliest start of its kind still open at or before it (first in,
    first out), as the custody rule DATA-RESTRAINT-OPEN does; an end with nothing open is
    ignored, and a start never ended is a span without an end. In order of start."""
    pending = sorted(starts, key=lambda s: s[1])
    open_: dict[K, deque[tuple[K, dt.datetime]]] = {}
    paired: list[Span[K]] = []
    i = 0
    for kind, end in sorted(ends, key=lambda e: e[1]):
        while i < len(pending) and pending[i][1] <= end:
            open_.setdefault(pending[i][0], deque()).append(pending[i])
            i += 1
        if queue := open_.get(kind):
            started = queue.popleft()
            paired.append(Span(kind, started[1], end))
    unended = [Span(k, at, None) for queue in open_.values() for k, at in queue]
    unended += [Span(k, at, None) for k, at in pending[i:]]
    return sorted(paired + unended, key=lambda s: s.start)
