"""Template filters for UK local time (GMT/BST) and durations, the same words as findings."""

from __future__ import annotations

import datetime as dt

from django import template

from bridewell.rules import localtime

register = template.Library()


def _instant(value: dt.datetime | str | None) -> dt.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    return value


@register.filter
def uk_time(value: dt.datetime | str | None) -> str:
    """``07:40 BST``"""
    t = _instant(value)
    return localtime.clock(t) if t else ""


@register.filter
def uk_day_time(value: dt.datetime | str | None) -> str:
    """``07:40 BST on 5 May``"""
    t = _instant(value)
    return localtime.day_clock(t) if t else ""


@register.filter
def uk_full(value: dt.datetime | str | None) -> str:
    """``Tue 5 May 2026 07:40 BST``"""
    t = _instant(value)
    return localtime.full(t) if t else ""


@register.filter
def since(value: dt.datetime | str | None, now: dt.datetime) -> str:
    """How long ago, e.g. ``3 h 20 min``."""
    t = _instant(value)
    return localtime.duration(now - t) if t else ""


@register.filter
def until(value: dt.datetime | str | None, now: dt.datetime) -> str:
    """How long until, or ``overdue by ...``."""
    t = _instant(value)
    if t is None:
        return ""
    if t < now:
        return f"overdue by {localtime.duration(now - t)}"
    return f"in {localtime.duration(t - now)}"


@register.filter
def is_past(value: dt.datetime | str | None, now: dt.datetime) -> bool:
    t = _instant(value)
    return t is not None and t < now
