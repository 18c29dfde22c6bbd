"""Command-line argument types and the usage error shared by every ``bridewell`` command."""

from __future__ import annotations

import argparse
import datetime as dt


class UsageError(Exception):
    """A problem with the command line or its files: reported on stderr with exit status 2."""


def instant(text: str) -> dt.datetime:
    """An ``--at`` value: RFC 3339 with an offset; a time without one is refused, not guessed."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an RFC 3339 timestamp: {text!r}") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no UTC offset; write e.g. {text}Z or {text}+01:00"
        )
    return value.astimezone(dt.UTC)


def day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def rate(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("a rate between 0 and 1")
    return value
