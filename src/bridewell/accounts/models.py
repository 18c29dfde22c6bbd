"""Staff, their rank and suites, and the log of every time a custody record is read.

Roles are Django groups (see ``roles.py``); a user's rank and role in the custody record format
come from their ``StaffProfile``, so an event's ``by`` is always the signed-in user.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from bridewell.custody.models import CustodyRecord, Suite
from bridewell.rules.model import RANK_ORDER


class StaffProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff"
    )
    staff_id = models.CharField(
        max_length=32, unique=True, help_text="Collar or staff number, as written on entries"
    )
    rank = models.CharField(max_length=24, choices=[(r, r.replace("_", " ")) for r in RANK_ORDER])
    role = models.CharField(max_length=24, help_text="Role in the custody record format")
    suites = models.ManyToManyField(Suite, blank=True, related_name="staff")

    def __str__(self) -> str:
        return f"{self.staff_id} ({self.rank})"


class AccessLog(models.Model):
    """One read of a custody record by a person (DPA 2018 s.62: logs of consultation)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    record = models.ForeignKey(CustodyRecord, on_delete=models.PROTECT, related_name="reads")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    purpose = models.CharField(max_length=100)
    view = models.CharField(max_length=100)

    class Meta:
        ordering: ClassVar = ["-at"]
        indexes: ClassVar = [
            models.Index(fields=["record", "at"]),
            models.Index(fields=["user", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.record} at {self.at:%Y-%m-%d %H:%M}"
