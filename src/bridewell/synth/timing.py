"""When detainees arrive, and how instants are written in UK local time.

All planning is done on UTC instants (as the rules engine does). Arrival patterns are defined in
UK local hours because that is how custody demand is described; written records carry the UK
offset of each instant (``+01:00`` in summer, ``Z`` in winter), so daylight-saving changes are
exercised by every long enough run.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random
from functools import lru_cache
from typing import Final
from zoneinfo import ZoneInfo

MINUTE: Final = dt.timedelta(minutes=1)
HOUR: Final = dt.timedelta(hours=1)
DAY: Final = dt.timedelta(days=1)
UTC: Final = dt.UTC
LONDON: Final = ZoneInfo("Europe/London")
_BST: Final = dt.timezone(HOUR)

# Research note (b.1): West Midlands, almost 40,000 detentions a year over six suites.
RATE_PER_SUITE_DAY: Final = 40_000 / 6 / 365.25

# Product assumption: relative arrivals by UK local hour (0-23): quiet early morning, rising
# through the day, an evening and late-night peak.
HOUR_WEIGHTS: Final = (
    5.4, 4.6, 3.6, 2.7, 1.9, 1.5, 1.6, 2.2, 3.0, 3.6, 4.0, 4.3,
    4.5, 4.6, 4.8, 5.1, 5.4, 5.8, 6.2, 6.4, 6.5, 6.4, 6.2, 5.9,
)  # fmt: skip
# Product assumption: relative arrivals by weekday (Monday first): busier at the weekend.
WEEKDAY_WEIGHTS: Final = (0.94, 0.92, 0.93, 0.97, 1.06, 1.13, 1.05)
# Product assumption: Friday and Saturday nights (21:00-04:59 local) carry the night-time
# economy, so those hours are boosted.
WEEKEND_NIGHT_BOOST: Final = 1.45


def span_days(records: int, suites: int) -> float:
    """Days that ``records`` detentions cover at the realistic rate of ``suites`` suites."""
    if suites < 1:
        raise ValueError("suites must be at least 1")
    return records / (suites * RATE_PER_SUITE_DAY)


_MINUTES: Final = tuple(dt.timedelta(minutes=n) for n in range(8192))


def minutes(rng: random.Random, low: int, high: int) -> dt.timedelta:
    """A whole number of minutes drawn uniformly from ``[low, high]``.

    The hottest call of the generator, hence ``random()`` and a table rather than ``randint``.
    """
    n = low + int(rng.random() * (high - low + 1))
    return _MINUTES[n] if 0 <= n < 8192 else dt.timedelta(minutes=n)


@lru_cache(maxsize=64)
def _summer(year: int) -> tuple[dt.datetime, dt.datetime]:
    """UK summer time: 01:00 UTC on the last Sunday of March to that of October."""

    def last_sunday(month: int) -> dt.datetime:
        day = dt.datetime(year, month + 1, 1, 1, tzinfo=UTC) - DAY
        return day - dt.timedelta(days=(day.weekday() + 1) % 7)

    return last_sunday(3), last_sunday(10)


def local(t: dt.datetime) -> dt.datetime:
    """``t`` with its UK offset: ``+01:00`` in summer time, UTC (written ``Z``) otherwise."""
    start, end = _summer(t.year)
    if start <= t < end:
        return t.astimezone(_BST)
    return t if t.tzinfo is UTC else t.astimezone(UTC)


def at_local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """The UTC instant of a UK wall-clock time on ``day``."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON).astimezone(UTC)


def local_minutes(t: dt.datetime) -> int:
    """Minutes since local midnight, for 'is this in the day?' decisions."""
    lt = local(t)
    return lt.hour * 60 + lt.minute


def arrival_times(
    rng: random.Random, records: int, suites: int, start: dt.date
) -> list[dt.datetime]:
    """``records`` arrival instants, sorted, spread over the realistic span from ``start``.

    Each hour of the span is weighted by its local hour and weekday; within the hour the
    minute is uniform.
    """
    if records <= 0:
        return []
    first = at_local(start, 0)
    hours = max(1, math.ceil(span_days(records, suites) * 24))
    weights = []
    for h in range(hours):
        lt = local(first + h * HOUR)
        weight = HOUR_WEIGHTS[lt.hour] * WEEKDAY_WEIGHTS[lt.weekday()]
        if (lt.weekday() in (4, 5) and lt.hour >= 21) or (lt.weekday() in (5, 6) and lt.hour < 5):
            weight *= WEEKEND_NIGHT_BOOST
        weights.append(weight)
    cumulative = list(itertools.accumulate(weights))
    total = cumulative[-1]
    out = []
    for _ in range(records):
        h = bisect.bisect_right(cumulative, rng.random() * total)
        out.append(first + min(h, hours - 1) * HOUR + rng.randrange(60) * MINUTE)
    out.sort()
    return out
