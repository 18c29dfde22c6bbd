"""UK local time in words: the zone follows the instant, the words never follow the locale."""

from __future__ import annotations

import datetime as dt

from bridewell.rules.localtime import (
    clock,
    day_clock,
    day_words,
    duration,
    full,
    month_name,
    short_month,
)


def test_summer_and_winter_instants_read_in_uk_time():
    summer = dt.datetime(2026, 7, 1, 23, 30, tzinfo=dt.UTC)
    winter = dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)
    assert clock(summer) == "00:30 BST"
    assert day_clock(summer) == "00:30 BST on 2 Jul"
    assert full(winter) == "Tue 1 Dec 2026 23:30 GMT"


def test_months_and_days_in_words():
    assert month_name(2026, 11) == "November 2026"
    assert short_month(2027, 1) == "Jan 2027"
    assert day_words(dt.date(2026, 3, 29)) == "29 March 2026"


def test_durations_in_whole_minutes():
    assert duration(dt.timedelta(minutes=125)) == "2 h 05 min"
    assert duration(dt.timedelta(seconds=-5)) == "0 min"
