"""Use-of-force incidents, officers' reports with their history, and supervisory reviews.

An incident is one use of force on one person: in custody it mirrors a ``force_used`` event of
the custody record, and its ``involvements`` are the officers that event names (each owes a
report). A report is one officer's account, the Home Office unit of count; its answers are held
as :class:`bridewell.force.report.ReportData` in ``data``, with the columns that queries need
copied out. Submitted reports are never edited in place without trace: each submission and each
later edit writes a :class:`ReportRevision`, and an edit needs a reason.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from bridewell.custody.models import CustodyRecord, Event, Person, Suite
from bridewell.force import report


class Incident(models.Model):
    incident_ref = models.CharField(max_length=40, unique=True)
    suite = models.ForeignKey(
        Suite, null=True, blank=True, on_delete=models.PROTECT, related_name="force_incidents"
    )
    record = models.ForeignKey(
        CustodyRecord,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="force_incidents",
    )
    event = models.OneToOneField(
        Event, null=True, blank=True, on_delete=models.PROTECT, related_name="force_incident"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="force_incidents"
    )
    occurred_at = models.DateTimeField(db_index=True)
    tactics: models.JSONField[list[str]] = models.JSONField(
        default=list, help_text="As the custody record's force_used event lists them"
    )
    supervising_officer = models.CharField(max_length=32, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="force_reviews_nominated",
        help_text="A reviewer nominated in place of the suite's inspectors",
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="force_reviewers_nominated",
    )
    nominated_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-occurred_at"]
        indexes: ClassVar = [models.Index(fields=["suite", "occurred_at"])]

    def __str__(self) -> str:
        return self.incident_ref

    @property
    def in_custody(self) -> bool:
        return self.record_id is not None


class SyncMark(models.Model):
    """How far through the custody events incidents have been brought up to date (one row)."""

    last_event = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"synced to event {self.last_event}"


class Involvement(models.Model):
    """An officer named in a custody ``force_used`` event, who owes a report for it."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="involvements")
    staff_id = models.CharField(max_length=32, db_index=True)
    form_ref = models.CharField(
        max_length=64, blank=True, help_text="A form the custody record says exists elsewhere"
    )

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["incident", "staff_id"], name="involvement_unique")
        ]

    def __str__(self) -> str:
        return f"{self.staff_id} in {self.incident}"


class Report(models.Model):
    DRAFT = "draft"
    SUBMITTED = "submitted"

    report_ref = models.CharField(max_length=48, unique=True)
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="reports")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="force_reports"
    )
    staff_id = models.CharField(max_length=32, db_index=True)
    status = models.CharField(
        max_length=12, choices=[(DRAFT, "Draft"), (SUBMITTED, "Submitted")], default=DRAFT
    )
    data: models.JSONField[dict[str, Any]] = models.JSONField(default=dict)
    occurred_at = models.DateTimeField(null=True, blank=True, db_index=True)
    in_custody_block = models.BooleanField(default=False)
    restraint_started_at = models.DateTimeField(null=True, blank=True)
    restraint_ended_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0, help_text="Revisions written so far")

    class Meta:
        ordering: ClassVar = ["-created"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["incident", "staff_id"], name="one_report_per_officer_per_incident"
            )
        ]

    def __str__(self) -> str:
        return self.report_ref

    @property
    def answers(self) -> report.ReportData:
        return report.decode(self.data)

    @property
    def submitted(self) -> bool:
        return self.status == self.SUBMITTED


class ReportRevision(models.Model):
    """A submitted version of a report: the first submission, then every edit with its reason."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="revisions")
    version = models.PositiveIntegerField()
    data: models.JSONField[dict[str, Any]] = models.JSONField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["report", "version"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["report", "version"], name="revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.version}"


class Review(models.Model):
    """A supervisor's review of a custody incident: the CCTV and whether force was justified."""

    JUSTIFIED = "justified"
    LEARNING = "learning"
    PROFESSIONAL_STANDARDS = "professional_standards"
    OUTCOMES: ClassVar = {
        JUSTIFIED: "Justified and proportionate",
        LEARNING: "Learning for the officer",
        PROFESSIONAL_STANDARDS: "Referred to professional standards",
    }

    incident = models.OneToOneField(Incident, on_delete=models.PROTECT, related_name="review")
    cctv_reviewed = models.BooleanField()
    cctv_reference = models.CharField(max_length=64, blank=True)
    cctv_not_reviewed_reason = models.TextField(blank=True)
    cctv_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cctv_reviews",
    )
    cctv_reviewed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=24, choices=list(OUTCOMES.items()))
    reasons = models.TextField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="force_reviews"
    )
    reviewed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Review of {self.incident}"
