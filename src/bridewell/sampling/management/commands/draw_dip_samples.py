"""``manage.py draw_dip_samples [--week 2026-W47] [--suite CODE]``: the week's dip samples.

Run weekly (e.g. Monday 06:00) from cron. Without ``--week`` it draws the week just ended. A
sample already drawn is left as it is and reported, so a re-run changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bridewell.custody.models import Suite
from bridewell.sampling import samples, sampling
from bridewell.web import clock


class Command(BaseCommand):
    help = "Draw each suite's random dip sample of closed custody records for an ISO week."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--week", help="ISO week, e.g. 2026-W47 (default: last week)")
        parser.add_argument("--suite", action="append", help="Suite code (repeatable; default all)")

    def handle(self, *args: Any, **options: Any) -> None:
        now = clock.now()
        week = options["week"] or sampling.previous_week(sampling.week_of(now))
        try:
            sampling.week_start(week)
        except ValueError as e:
            raise CommandError(str(e)) from None
        if sampling.week_bounds(week)[1] > now:
            raise CommandError(f"{week} has not ended yet: its records may still close")
        suites = Suite.objects.all()
        if options["suite"]:
            suites = suites.filter(code__in=options["suite"])
            missing = set(options["suite"]) - set(suites.values_list("code", flat=True))
            if missing:
                raise CommandError(f"no such suite: {', '.join(sorted(missing))}")
        for suite in suites:
            sample, made = samples.draw(suite, week, now)
            count = sample.records.count()
            what = "drawn" if made else "already drawn"
            self.stdout.write(
                f"{suite.code} {week}: {what}, {count} of {sample.candidates} closed records "
                f"(seed {sample.seed})"
            )
