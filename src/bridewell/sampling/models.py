"""Stored dip samples: which records were drawn for a suite's week, and the auditor's answers.

A sample is drawn once per suite and ISO week and is never redrawn: the seed is kept with it so
anyone can check the draw. Answers are recorded once, after a check of the answers, with who
gave them and when; they are not edited afterwards. A disputed finding is decided once, by
someone else, as a rule defect or the engine upheld.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from bridewell.custody.models import CustodyRecord, Suite


class Sample(models.Model):
    suite = models.ForeignKey(Suite, on_delete=models.PROTECT, related_name="dip_samples")
    week = models.CharField(max_length=8, help_text="ISO week, e.g. 2026-W47 (UK calendar)")
    month = models.CharField(max_length=7, help_text="The month the week counts in: its Thursday's")
    seed = models.CharField(max_length=16)
    size = models.PositiveSmallIntegerField(help_text="The sample size asked for")
    candidates = models.PositiveIntegerField(help_text="Closed records in the week")
    drawn_at = models.DateTimeField()
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["-week", "suite__code"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["suite", "week"], name="dip_sample_once_a_week")
        ]

    def __str__(self) -> str:
        return f"{self.suite.code} {self.week}"


class SampledRecord(models.Model):
    sample = models.ForeignKey(Sample, on_delete=models.PROTECT, related_name="records")
    record = models.ForeignKey(CustodyRecord, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    strata: models.JSONField[list[str]] = models.JSONField(default=list)
    reason = models.CharField(max_length=16, help_text="The stratum it represents, or random")
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["sample", "position"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["sample", "record"], name="dip_record_once"),
            models.UniqueConstraint(fields=["sample", "position"], name="dip_position_once"),
        ]

    def __str__(self) -> str:
        return f"{self.sample} {self.record.record_id}"


class Answer(models.Model):
    sampled = models.ForeignKey(SampledRecord, on_delete=models.PROTECT, related_name="answers")
    item = models.CharField(max_length=40)
    kind = models.CharField(max_length=10)
    value = models.CharField(max_length=16)
    note = models.TextField(blank=True)
    outcome = models.CharField(max_length=10)
    rules: models.JSONField[list[str]] = models.JSONField(
        default=list, help_text="The rule ids of the findings shown for an engine item"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["sampled", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["sampled", "item"], name="dip_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.sampled} {self.item}: {self.value}"


class DisputeDecision(models.Model):
    """What became of a disputed finding: a rule defect for the rules team, or the engine upheld.

    Decided once, with a reason, by someone other than the auditor who disputed it."""

    class Outcome(models.TextChoices):
        DEFECT = "defect", "Rule defect: the engine is wrong, pass it to the rules team"
        UPHELD = "upheld", "Engine upheld: the finding stands"

    answer = models.OneToOneField(Answer, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(max_length=8, choices=Outcome.choices)
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.answer}: {self.outcome}"
