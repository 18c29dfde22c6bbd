"""``manage.py find_incident_candidates``: propose incidents from the stored custody records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bridewell.learning import incidents
from bridewell.rules.localtime import LONDON
from bridewell.web import clock


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--since needs a date such as 2026-10-01, not {text!r}") from None


class Command(BaseCommand):
    help = (
        "Propose adverse incidents and near misses from the events of the stored custody records "
        "(failed rousing, hospital after force, a ligature or self-harm noted, force to prevent "
        "an escape, custody ended by admission to hospital), for a person to confirm or reject "
        "on the incident register. Safe to run again: events already proposed are not proposed "
        "twice, and rejected candidates stay rejected. Run it daily, for example from cron: "
        "30 6 * * * manage.py find_incident_candidates"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--since",
            type=_day,
            metavar="DATE",
            help="only events on or after this day (UK time), e.g. 2026-10-01",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        since: dt.date | None = options["since"]
        start = (
            dt.datetime(since.year, since.month, since.day, tzinfo=LONDON).astimezone(dt.UTC)
            if since
            else None
        )
        found = incidents.find_candidates(clock.now(), since=start)
        self.stdout.write(
            f"{found.proposed} new candidate incident(s) proposed; "
            f"{found.already_known} already on the register."
        )
