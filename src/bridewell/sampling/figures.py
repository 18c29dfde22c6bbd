"""Dip-sample figures read from the database: the QA dashboard and the governance pack.

Both go through :func:`rollup.roll_up`, so a pass rate on the dashboard and in the pack is the
same number. The month of a sample is the month its ISO week counts in (its Thursday's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string

from bridewell.accounts.models import StaffProfile
from bridewell.custody.models import Suite
from bridewell.rules.localtime import full, month_name
from bridewell.sampling import checklist, rollup
from bridewell.sampling.models import Answer, DisputeDecision, Sample


def auditor(user: User | None) -> str:
    if user is None:
        return ""
    try:
        number = f" ({user.staff.staff_id})"
    except StaffProfile.DoesNotExist:
        number = ""
    return f"{user.get_full_name() or user.username}{number}"


def with_progress(samples: QuerySet[Sample]) -> QuerySet[Sample]:
    return samples.select_related("suite").annotate(
        n_records=Count("records"),
        n_done=Count("records", filter=Q(records__completed_at__isnull=False)),
    )


@dataclass(frozen=True, slots=True)
class ItemRate:
    key: str
    title: str
    passed: int
    failed: int
    not_applicable: int
    disputed: int
    rate: float | None

    @property
    def shown(self) -> str:
        return rollup.percent(self.rate)


@dataclass(frozen=True, slots=True)
class Dispute:
    """A possible rule defect for the rules team: which rules, on which record, and why."""

    rules: tuple[str, ...]
    item: str
    record_id: str
    suite: str
    week: str
    reason: str
    auditor: str
    at: dt.datetime
    pk: int
    decision: str = ""
    """The decision's label and reason, and who made it when; empty while it is open."""


@dataclass(frozen=True, slots=True)
class SuiteCoverage:
    code: str
    name: str
    samples: int
    samples_complete: int
    records: int
    records_complete: int
    items: tuple[ItemRate, ...]


@dataclass(frozen=True, slots=True)
class GovernanceFigures:
    """The dip-sampling section of the governance pack for one month."""

    month: str
    label: str
    samples_due: int
    samples_completed: int
    records_sampled: int
    records_completed: int
    items: tuple[ItemRate, ...]
    suites: tuple[SuiteCoverage, ...]
    disputes: tuple[Dispute, ...]


def rates(cell: rollup.Cell | None) -> tuple[ItemRate, ...]:
    if cell is None:
        return ()
    return tuple(
        ItemRate(
            key,
            checklist.item_title(key),
            r.passed,
            r.failed,
            r.not_applicable,
            r.disputed,
            r.rate,
        )
        for key, r in cell.ordered()
    )


def cells(suites: Collection[Suite], months: Collection[str]) -> dict[rollup.Key, rollup.Cell]:
    """The roll-up of the samples of ``suites`` whose weeks count in ``months``."""
    samples = with_progress(Sample.objects.filter(suite__in=suites, month__in=months))
    sample_rows = [
        rollup.SampleRow(s.suite.code, s.month, s.n_records, s.n_done)  # type: ignore[attr-defined]
        for s in samples
    ]
    answers = Answer.objects.filter(
        sampled__sample__suite__in=suites, sampled__sample__month__in=months
    ).values_list("sampled__sample__suite__code", "sampled__sample__month", "item", "outcome")
    answer_rows = [rollup.AnswerRow(s, m, i, o) for s, m, i, o in answers]  # type: ignore[arg-type]
    return rollup.roll_up(sample_rows, answer_rows)


def disputes(suites: Collection[Suite], months: Collection[str]) -> list[Dispute]:
    found = (
        Answer.objects.filter(
            sampled__sample__suite__in=suites,
            sampled__sample__month__in=months,
            value=checklist.DISPUTE,
        )
        .select_related(
            "sampled__sample__suite",
            "sampled__record",
            "answered_by__staff",
            "decision__decided_by__staff",
        )
        .order_by("-answered_at", "id")
    )
    return [
        Dispute(
            tuple(a.rules),
            checklist.item_title(a.item),
            a.sampled.record.record_id,
            a.sampled.sample.suite.code,
            a.sampled.sample.week,
            a.note,
            auditor(a.answered_by),
            a.answered_at,
            a.pk,
            _decision(a),
        )
        for a in found
    ]


def _decision(a: Answer) -> str:
    try:
        d = a.decision
    except DisputeDecision.DoesNotExist:
        return ""
    return f"{d.get_outcome_display()}. {d.reason} ({auditor(d.decided_by)}, {full(d.decided_at)})"


def governance_figures(month: str, suites: Collection[str] | None = None) -> GovernanceFigures:
    """Samples due and completed in ``month`` (``2026-11``), pass rates per item and disputes,
    for the suites with these codes (all suites when ``None``)."""
    year, number = (int(p) for p in month.split("-"))
    chosen = list(Suite.objects.all() if suites is None else Suite.objects.filter(code__in=suites))
    rolled = cells(chosen, [month])
    force = rolled.get((month, None), rollup.Cell())
    by_suite = []
    for suite in chosen:
        cell = rolled.get((month, suite.code), rollup.Cell())
        by_suite.append(
            SuiteCoverage(
                suite.code,
                suite.name,
                cell.samples,
                cell.samples_complete,
                cell.records,
                cell.records_complete,
                rates(cell),
            )
        )
    return GovernanceFigures(
        month=month,
        label=month_name(year, number),
        samples_due=force.samples,
        samples_completed=force.samples_complete,
        records_sampled=force.records,
        records_completed=force.records_complete,
        items=rates(force),
        suites=tuple(by_suite),
        disputes=tuple(disputes(chosen, [month])),
    )


def pack_html(f: GovernanceFigures) -> str:
    """The dip-sampling section of the governance pack as escaped, self-contained HTML."""
    return render_to_string(
        "sampling/pack_section.html",
        {
            "f": f,
            "disputes": [
                {
                    "item": d.item,
                    "rules": ", ".join(d.rules) or "nothing found by the engine",
                    "record": f"{d.record_id} ({d.suite}, {d.week})",
                    "reason": d.reason,
                    "auditor": d.auditor,
                    "at": full(d.at),
                    "decision": d.decision or "Open",
                }
                for d in f.disputes
            ],
        },
    )
