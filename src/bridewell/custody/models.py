"""Suites, cells, people and custody records, with events as insert-only, hash-chained rows.

A custody record's legal content is its events: each row carries the v1 event payload exactly as
validated by ``bridewell.rules.model``, who recorded it and when, and a SHA-256 hash chained to
the record's previous event. Nothing is edited in place; a mistake is put right with a
``correction`` event. The fields on ``CustodyRecord`` after ``detainee`` are derived from the
events by the rules engine after every append (like healthchecks' ``alert_after``), so the board
can sort and alert without recomputing.
"""

from __future__ import annotations

from typing import Any, ClassVar, NoReturn

from django.conf import settings
from django.db import models


class Suite(models.Model):
    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering: ClassVar = ["code"]

    def __str__(self) -> str:
        return self.name


class Cell(models.Model):
    suite = models.ForeignKey(Suite, on_delete=models.PROTECT, related_name="cells")
    name = models.CharField(max_length=20)
    in_use = models.BooleanField(default=True)

    class Meta:
        ordering: ClassVar = ["suite", "name"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["suite", "name"], name="cell_unique_in_suite")
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Who someone is, kept apart from what happened to them in custody.

    ``person_id`` is the pseudonymous id that custody events and exports carry; names, aliases
    and date of birth stay here and are shown only to people allowed to see them.
    """

    person_id = models.CharField(max_length=64, unique=True)
    surname = models.CharField(max_length=100, blank=True)
    forenames = models.CharField(max_length=100, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=16, default="not_stated")
    ethnicity_self = models.CharField(max_length=16, default="not_stated")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["surname", "forenames"]
        indexes: ClassVar = [models.Index(fields=["surname", "forenames"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = ", ".join(p for p in (self.surname.upper(), self.forenames) if p)
        return name or f"Unnamed ({self.person_id})"


class Alias(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.name


class CustodyRecord(models.Model):
    record_id = models.CharField(max_length=64, unique=True)
    suite = models.ForeignKey(Suite, on_delete=models.PROTECT, related_name="records")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="records")
    regime = models.CharField(max_length=16, default="pace")
    detainee: models.JSONField[dict[str, Any]] = models.JSONField()
    cell = models.ForeignKey(Cell, null=True, blank=True, on_delete=models.SET_NULL)
    offences_listed = models.BooleanField(
        default=True, help_text="False for an imported s.136 record that gave no offences list"
    )
    created = models.DateTimeField(auto_now_add=True)

    # The chain head, kept in step with the events in the same transaction as each append.
    last_seq = models.PositiveIntegerField(default=0)
    head_hash = models.CharField(max_length=64, default="")

    # Derived from the events by the rules engine after every append; never edited by hand.
    arrived_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    is_open = models.BooleanField(default=True)
    juvenile = models.BooleanField(default=False)
    vulnerable = models.BooleanField(default=False)
    needs_interpreter = models.BooleanField(default=False)
    observation_level = models.PositiveSmallIntegerField(null=True, blank=True)
    rousing = models.BooleanField(default=False)
    limit_at = models.DateTimeField(null=True, blank=True)
    limit_rule = models.CharField(max_length=32, blank=True)
    limit_label = models.CharField(max_length=64, blank=True)
    next_due_at = models.DateTimeField(null=True, blank=True)
    next_due_rule = models.CharField(max_length=32, blank=True)
    obligations: models.JSONField[list[dict[str, Any]]] = models.JSONField(default=list)
    findings_count = models.PositiveIntegerField(default=0)
    breaches_count = models.PositiveIntegerField(default=0)
    assessed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-arrived_at"]
        indexes: ClassVar = [
            models.Index(fields=["suite", "is_open", "next_due_at"], name="board_order"),
            models.Index(fields=["suite", "arrived_at"]),
        ]

    def __str__(self) -> str:
        return self.record_id


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """Rows can be inserted and read; bulk updates and deletes are refused (and, on PostgreSQL,
    by a trigger as well)."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("custody events are append-only")

    def delete(self) -> NoReturn:
        raise PermissionError("custody events are append-only")


class Offence(models.Model):
    """An offence on a record; insert-only like events: offences are added, never edited."""

    record = models.ForeignKey(CustodyRecord, on_delete=models.PROTECT, related_name="offences")
    ref = models.CharField(max_length=16)
    title = models.CharField(max_length=200)
    mode_of_trial = models.CharField(max_length=16)
    added = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["record", "ref"], name="offence_ref_unique")
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("offences are added, never edited")
        super().save(*args, **kwargs)


class Event(models.Model):
    record = models.ForeignKey(CustodyRecord, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    event_id = models.CharField(max_length=64)
    type = models.CharField(max_length=40)
    at = models.DateTimeField()
    payload: models.JSONField[dict[str, Any]] = models.JSONField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    inserted_at = models.DateTimeField()
    source = models.CharField(max_length=16, default="form")
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["record", "seq"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["record", "seq"], name="event_seq_unique"),
            models.UniqueConstraint(fields=["record", "event_id"], name="event_id_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.record_id}#{self.seq} {self.type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("custody events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("custody events are append-only")
