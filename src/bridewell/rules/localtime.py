"""UK local time for people: instants stay in UTC, only their display uses Europe/London."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@lru_cache(maxsize=8192)
def _local(t: dt.datetime) -> tuple[dt.datetime, str]:
    """The local wall time and zone name; cached, since findings repeat their deadlines."""
    lt = t.astimezone(LONDON)
    return lt, f"{lt.hour:02d}:{lt.minute:02d} {lt.tzname()}"


def local_date(t: dt.datetime) -> dt.date:
    """The calendar day in England and Wales at instant ``t``."""
    return _local(t)[0].date()


def clock(t: dt.datetime) -> str:
    """``07:40 BST``: the time of day with its zone, as a custody sergeant reads it."""
    return _local(t)[1]


def day_clock(t: dt.datetime) -> str:
    """``07:40 BST on 5 May``: a time with its day, for the first time in a sentence."""
    lt, hm = _local(t)
    return f"{hm} on {lt.day} {_MONTHS[lt.month - 1]}"


def clock_after(t: dt.datetime, ref: dt.datetime) -> str:
    """A later time in the same sentence: the day is repeated only when it differs from ``ref``."""
    return clock(t) if local_date(t) == local_date(ref) else day_clock(t)


def full(t: dt.datetime) -> str:
    """``Tue 5 May 2026 07:40 BST`` for tables and timelines."""
    lt, hm = _local(t)
    return f"{_DAYS[lt.weekday()]} {lt.day} {_MONTHS[lt.month - 1]} {lt.year} {hm}"


def month_name(year: int, month: int) -> str:
    """``November 2026``: a calendar month in words, whatever the process's locale."""
    return f"{MONTH_NAMES[month - 1]} {year}"


def short_month(year: int, month: int) -> str:
    """``Nov 2026``, where space is short (chart axes)."""
    return f"{_MONTHS[month - 1]} {year}"


def day_words(day: dt.date) -> str:
    """``3 November 2026``."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def duration(d: dt.timedelta) -> str:
    """``12 min``, ``3 h``, ``2 h 05 min``, ``1 day 4 h``: whole minutes, never negative."""
    minutes = max(0, int(d.total_seconds() // 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(f"{days} day" + ("s" if days > 1 else ""))
    if hours:
        parts.append(f"{hours} h")
    if minutes or not parts:
        parts.append(f"{minutes:02d} min" if parts else f"{minutes} min")
    return " ".join(parts)
