"""Evidence links: what shows that a recommendation or a learning action was done.

A KPI link names the figure (KPI id, month and suite) and opens the insights page for it; a QA
link names a dip sample; an incident link names an incident of the register; a document link
gives a title and a URL or a file reference. Links are kept for good once added.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlencode

from django.contrib.auth.models import User

from bridewell.learning.models import Evidence, Incident, LearningAction, Recommendation

MONTH: Final = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class Refused(Exception):
    """A change the rules of the register do not allow; the message says why, for the screen."""


@dataclass(frozen=True)
class Link:
    """Evidence as a screen shows it: a label, what it is, and where it opens (if anywhere)."""

    kind: str
    text: str
    href: str


def add(
    target: Recommendation | LearningAction,
    *,
    kind: str,
    by: User,
    now: dt.datetime,
    kpi_id: str = "",
    month: str = "",
    suite_code: str = "",
    qa_reference: str = "",
    incident: Incident | None = None,
    title: str = "",
    location: str = "",
) -> Evidence:
    if kind == Evidence.Kind.KPI and not (kpi_id and MONTH.match(month)):
        raise Refused("A KPI link needs the KPI and the month, such as K-P1 and 2026-10")
    if kind == Evidence.Kind.QA and not qa_reference:
        raise Refused("A QA result link needs the dip sample reference")
    if kind == Evidence.Kind.INCIDENT and incident is None:
        raise Refused("An incident link needs the incident")
    if kind == Evidence.Kind.DOCUMENT and not (title and location):
        raise Refused("A document link needs a title and a URL or file reference")
    return Evidence.objects.create(
        recommendation=target if isinstance(target, Recommendation) else None,
        action=target if isinstance(target, LearningAction) else None,
        kind=kind,
        kpi_id=kpi_id if kind == Evidence.Kind.KPI else "",
        month=month if kind == Evidence.Kind.KPI else "",
        suite_code=suite_code if kind == Evidence.Kind.KPI else "",
        qa_reference=qa_reference if kind == Evidence.Kind.QA else "",
        incident=incident if kind == Evidence.Kind.INCIDENT else None,
        title=title if kind == Evidence.Kind.DOCUMENT else "",
        location=location if kind == Evidence.Kind.DOCUMENT else "",
        added_at=now,
        added_by=by,
    )


def link(evidence: Evidence) -> Link:
    label = evidence.get_kind_display()
    if evidence.kind == Evidence.Kind.KPI:
        where = " ".join(p for p in (evidence.kpi_id, evidence.month, evidence.suite_code) if p)
        query = {"month": evidence.month}
        if evidence.suite_code:
            query["suite"] = evidence.suite_code
        return Link(label, where, f"/insights/kpi/{evidence.kpi_id}/?{urlencode(query)}")
    if evidence.kind == Evidence.Kind.QA:
        return Link(label, f"Dip sample {evidence.qa_reference}", "")
    if evidence.kind == Evidence.Kind.INCIDENT and evidence.incident is not None:
        return Link(label, evidence.incident.ref, f"/learning/incidents/{evidence.incident.pk}/")
    is_url = evidence.location.startswith(("https://", "http://"))
    text = evidence.title if is_url else f"{evidence.title} ({evidence.location})"
    return Link(label, text, evidence.location if is_url else "")


def describe(evidence: Evidence) -> str:
    """One line for a history entry."""
    shown = link(evidence)
    return f"{shown.kind}: {shown.text}"
