"""``manage.py refresh_insights``: compute the KPI snapshot the insights screens show."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from bridewell.custody.models import CustodyRecord
from bridewell.insights import snapshot
from bridewell.rules.localtime import full
from bridewell.web import clock


class Command(BaseCommand):
    help = (
        "Assess every custody record as it stands now, compute the monthly KPIs per suite and "
        "force-wide, and store them as the snapshot the insights dashboard shows (keeping the "
        f"last {snapshot.KEEP}). Records that no longer decode are listed and left out. Run it "
        "nightly, for example from cron: 30 2 * * * manage.py refresh_insights"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = clock.now()
        with tqdm(
            total=CustodyRecord.objects.count(),
            unit=" records",
            desc="Computing KPIs",
            file=sys.stderr,
            disable=not sys.stderr.isatty(),
            leave=False,
        ) as bar:
            done = snapshot.refresh(now, progress=bar.update)
        self.stdout.write(
            f"KPI snapshot as at {full(now)}: {done.records:,} records read, "
            f"{len(done.invalid):,} invalid and left out, {done.cells:,} month and suite cells."
        )
        for bad in done.invalid:
            self.stdout.write(
                f"  left out: record {bad.record_id or '?'}: {bad.path}: {bad.message}"
            )
