"""Adverse incidents and near misses, their learning actions, and recommendations to closure.

Status changes go through the services modules (``incidents``, ``recommendations``),
which check what each change needs. Updates to a recommendation, IOPC referral decisions and
evidence links are kept for good: they are inserted and never edited or deleted.
"""

from __future__ import annotations

from typing import Any, ClassVar, NoReturn

from django.conf import settings
from django.db import models

from bridewell.custody.models import CustodyRecord, Suite
from bridewell.learning.candidates import KINDS


class Incident(models.Model):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", "Candidate"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"
        REVIEWED = "reviewed", "Reviewed"
        CLOSED = "closed", "Closed"

    class Mode(models.TextChoices):
        INDEPENDENT = "independent", "Independent investigation by the IOPC"
        DIRECTED = "directed", "Directed investigation"
        LOCAL = "local", "Local investigation by the force"
        OTHERWISE = "otherwise", "Returned to the force to handle otherwise than by investigation"
        AWAITED = "awaited", "IOPC decision awaited"

    record = models.ForeignKey(CustodyRecord, on_delete=models.PROTECT, related_name="+")
    suite = models.ForeignKey(Suite, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=32, choices=KINDS)
    occurred_at = models.DateTimeField()
    summary = models.TextField()
    event_ids: models.JSONField[list[str]] = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CONFIRMED)

    rule = models.CharField(max_length=32, blank=True, help_text="The candidate rule, if any")
    key = models.CharField(max_length=160, unique=True, null=True, blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rejection_reason = models.TextField(blank=True)

    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    findings = models.TextField(blank=True)

    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["-occurred_at", "-pk"]
        indexes: ClassVar = [models.Index(fields=["suite", "status", "occurred_at"])]

    def __str__(self) -> str:
        return self.ref

    @property
    def ref(self) -> str:
        return f"INC-{self.pk:05d}"

    @property
    def referral(self) -> Referral | None:
        """The latest IOPC referral record, which stands; None until one is recorded."""
        return self.referrals.order_by("-at", "-pk").first()

    @property
    def referred(self) -> bool | None:
        """Whether the IOPC was told, as the latest referral record says; None until recorded."""
        latest = self.referral
        return None if latest is None else latest.referred


class Recommendation(models.Model):
    class Source(models.TextChoices):
        INSPECTION = "inspection", "Inspection (HMICFRS)"
        IOPC = "iopc", "IOPC learning"
        INTERNAL = "internal", "Internal review"

    class Category(models.TextChoices):
        RECOMMENDATION = "recommendation", "Recommendation"
        IMPROVEMENT = "improvement", "Area for improvement"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        CLOSED = "closed", "Closed"

    source_type = models.CharField(max_length=16, choices=Source.choices)
    category = models.CharField(max_length=16, choices=Category.choices)
    source_reference = models.CharField(max_length=300)
    text = models.TextField()
    suite = models.ForeignKey(
        Suite, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["due", "pk"]

    def __str__(self) -> str:
        return self.ref

    @property
    def ref(self) -> str:
        return f"REC-{self.pk:04d}"


class LearningAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closure_note = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["due", "pk"]

    def __str__(self) -> str:
        return self.ref

    @property
    def ref(self) -> str:
        return f"ACT-{self.pk:04d}"


class InsertOnlyQuerySet(models.QuerySet[Any]):
    """Rows are inserted and read; bulk updates and deletes are refused."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("history is kept: rows are never changed")

    def delete(self) -> NoReturn:
        raise PermissionError("history is kept: rows are never deleted")


class _InsertOnly(models.Model):
    objects = InsertOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("history is kept: rows are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("history is kept: rows are never deleted")


class Evidence(_InsertOnly):
    """A link that shows a recommendation or a learning action was done."""

    class Kind(models.TextChoices):
        KPI = "kpi", "KPI"
        QA = "qa", "QA result"
        INCIDENT = "incident", "Incident"
        DOCUMENT = "document", "Document"

    recommendation = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    action = models.ForeignKey(
        LearningAction, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    kpi_id = models.CharField(max_length=16, blank=True)
    month = models.CharField(max_length=7, blank=True)
    suite_code = models.CharField(max_length=32, blank=True)
    qa_reference = models.CharField(max_length=64, blank=True)
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=500, blank=True, help_text="A URL or a file reference")
    added_at = models.DateTimeField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["added_at", "pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(recommendation__isnull=False, action__isnull=True)
                | models.Q(recommendation__isnull=True, action__isnull=False),
                name="evidence_for_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} evidence"


class Update(_InsertOnly):
    """One change to a recommendation: who, when, what changed and why."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="updates"
    )
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changes: models.JSONField[list[str]] = models.JSONField(default=list)
    note = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.recommendation} update"


class Referral(_InsertOnly):
    """Each IOPC referral decision recorded for an incident, kept when a later one replaces it.

    The latest stands (``Incident.referral``); the earlier ones show how it got there, for
    example referred with the IOPC's decision awaited, then the mode of investigation."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="referrals")
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referred = models.BooleanField()
    referred_on = models.DateField(null=True, blank=True)
    iopc_reference = models.CharField(max_length=64, blank=True)
    iopc_mode = models.CharField(max_length=16, choices=Incident.Mode.choices, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.incident} referral"
