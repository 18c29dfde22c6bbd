"""The application's clock: the one place the shell reads the time.

Tests (and the browser journeys) move it forward to watch a visit become overdue, without
waiting and without touching the rules engine, which takes the time as an argument.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

_offset = dt.timedelta(0)


def now() -> dt.datetime:
    return timezone.now() + _offset


def advance(by: dt.timedelta) -> None:
    """Move the clock on (tests only)."""
    global _offset
    _offset += by


def reset() -> None:
    global _offset
    _offset = dt.timedelta(0)
