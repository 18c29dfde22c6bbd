"""Stored KPI snapshots: the monthly figures computed once (nightly), read by every page.

Thirteen months of KPIs mean running the rules engine over every record, tens of seconds for a
year of a force's records, so pages never compute them: they read the latest :class:`Snapshot`,
which says when it was computed and as at what time the records were read.

Each (month, suite) cell keeps its figures apart from the record ids behind them: a year of
40,000 records puts millions of ids in the cells, which a dashboard never needs and a drill-down
needs for one cell only.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models


class Snapshot(models.Model):
    """One run of :class:`~bridewell.insights.monthly.Accumulator` over the database."""

    computed_at = models.DateTimeField(help_text="When the computation finished")
    evaluated_at = models.DateTimeField(help_text="The time every record was assessed at")
    records = models.PositiveIntegerField(help_text="Records read, valid or not")
    invalid = models.JSONField(
        default=list, help_text="Records left out: record id, field path and message"
    )

    class Meta:
        ordering: ClassVar = ["-computed_at", "-pk"]
        get_latest_by: ClassVar = ["computed_at", "pk"]

    def __str__(self) -> str:
        return f"KPI snapshot as at {self.evaluated_at:%Y-%m-%d %H:%M} UTC"


class SnapshotCell(models.Model):
    """One (month, suite) cell: ``figures`` are its KPI values without record ids, ``drill``
    the ids behind each (both msgspec JSON, see ``insights.snapshot``)."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="cells")
    month = models.CharField(max_length=7, blank=True, help_text="YYYY-MM (UK); blank: not known")
    suite = models.CharField(max_length=32, blank=True, help_text="Suite code; blank: force-wide")
    figures = models.BinaryField()
    drill = models.BinaryField()

    class Meta:
        ordering: ClassVar = ["month", "suite"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["snapshot", "month", "suite"], name="insights_one_cell_per_month_suite"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month or 'month not known'} {self.suite or 'force-wide'}"
