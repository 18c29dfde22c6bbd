"""``manage.py seed_demo``: fill an empty database with the demo and print its accounts."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bridewell.web import clock
from bridewell.web.demo import DemoRefused, DemoSize, seed


class Command(BaseCommand):
    help = (
        "Seed an empty database with three demo suites: people in custody now, past records "
        "from the synthetic generator with officers' use-of-force reports and reviews, and one "
        "account per role (passwords printed once)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        default = DemoSize()
        parser.add_argument(
            "--days", type=float, default=default.days, help="days of history (default 90)"
        )
        parser.add_argument(
            "--history-every",
            type=int,
            default=default.history_every,
            metavar="N",
            help=f"keep one closed record in N (default {default.history_every})",
        )
        parser.add_argument("--seed", type=int, default=default.seed, help="generator seed")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["history_every"] < 1 or options["days"] <= 0:
            raise CommandError("--days must be positive and --history-every at least 1")
        size = DemoSize(
            days=options["days"], history_every=options["history_every"], seed=options["seed"]
        )
        started = time.monotonic()
        try:
            seeded = seed(clock.now(), size)
        except DemoRefused as exc:
            raise CommandError(str(exc)) from None
        took = time.monotonic() - started
        force = seeded.force
        owed = force.submitted + force.unlinked + force.drafts + force.missing + force.elsewhere
        self.stdout.write(
            f"Demo seeded in {took:.0f} s: 3 suites, {seeded.open} people in custody now "
            f"({seeded.overdue} with something overdue), {seeded.closed} past records.\n"
            f"Use of force: {force.incidents} incidents, {force.reviewed} reviewed; {owed} reports "
            f"owed (one per officer named): {force.submitted + force.unlinked} submitted\n"
            f"({force.unlinked} not linked to the custody record), {force.drafts} left as drafts, "
            f"{force.missing} missing and {force.elsewhere} with a form held elsewhere.\n"
            f"Dip sampling: {seeded.dip_samples.samples} weekly samples drawn, "
            f"{seeded.dip_samples.records_answered} records checked "
            f"({seeded.dip_samples.disputes} findings disputed).\n"
            f"Incidents: {seeded.learning.candidates} proposed from the records, "
            f"{seeded.learning.decided} decided, {seeded.learning.reviewed} reviewed, "
            f"{seeded.learning.actions} learning actions; "
            f"{seeded.learning.recommendations} recommendations tracked.\n\n"
            "Sign in with any of these accounts (passwords made for this run only):\n\n"
            f"  {'Role':<28}{'Username':<17}Password"
        )
        for account in seeded.accounts:
            self.stdout.write(f"  {account.role:<28}{account.username:<17}{account.password}")
