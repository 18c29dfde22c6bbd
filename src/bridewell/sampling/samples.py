"""Drawing, storing and completing dip samples (the database side of ``sampling`` and
``checklist``).

A sample is drawn once for a suite's week and kept: drawing again returns what is stored, so
the weekly command, the dashboard button and a re-run after a failure can never change a
sample that an auditor may already be working on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from bridewell.custody.models import CustodyRecord, Event, Suite
from bridewell.custody.records import rules_record
from bridewell.rules import model as m
from bridewell.rules.engine import Assessment, assess
from bridewell.sampling import checklist, sampling
from bridewell.sampling.models import Answer, DisputeDecision, Sample, SampledRecord

DEFAULT_SIZE = 10


class AlreadyAnswered(Exception):
    """The record's checklist has been recorded; answers are not changed afterwards."""


class TookPart(Exception):
    """The auditor made or is named in an entry of the record, so someone else checks it."""


class AlreadyDecided(Exception):
    """The dispute has been decided; a decision is not changed afterwards."""


class OwnDispute(Exception):
    """The auditor who disputed a finding does not decide the dispute."""


def took_part(user: User, record: m.Record) -> bool:
    """Whether ``user`` (by their staff number) took part in the custody record."""
    staff = getattr(user, "staff", None)
    return staff is not None and sampling.took_part(record, staff.staff_id)


def size() -> int:
    return int(getattr(settings, "BRIDEWELL_DIP_SAMPLE_SIZE", DEFAULT_SIZE))


def candidates(suite: Suite, week: str) -> list[sampling.Candidate]:
    """The suite's closed records whose custody ended in the week (UK time), with their strata."""
    start, end = sampling.week_bounds(week)
    closed = list(
        CustodyRecord.objects.filter(
            suite=suite, is_open=False, ended_at__gte=start, ended_at__lt=end
        ).only("pk", "record_id", "regime", "juvenile", "vulnerable", "arrived_at", "ended_at")
    )
    events: dict[int, list[tuple[str, str | None]]] = {}
    for record_pk, kind, payload in Event.objects.filter(
        record__in=closed, type__in=("force_used", "search")
    ).values_list("record_id", "type", "payload"):
        events.setdefault(record_pk, []).append((kind, payload.get("level")))
    return [
        sampling.Candidate(
            r.record_id,
            sampling.strata_of(
                regime=r.regime,
                juvenile=r.juvenile,
                vulnerable=r.vulnerable,
                arrived_at=r.arrived_at,
                ended_at=r.ended_at,
                events=events.get(r.pk, ()),
            ),
        )
        for r in closed
    ]


def due_at(week: str) -> dt.datetime:
    """A week's sample is due by the end of the following week (midnight UK time, Sunday)."""
    return sampling.week_bounds(week)[1] + dt.timedelta(days=7)


def draw(
    suite: Suite, week: str, now: dt.datetime, user: User | None = None
) -> tuple[Sample, bool]:
    """The suite's sample for the week, drawn and stored now unless it already was."""
    existing = Sample.objects.filter(suite=suite, week=week).first()
    if existing is not None:
        return existing, False
    wanted = size()
    pool = candidates(suite, week)
    picks = sampling.draw(pool, suite.code, week, wanted)
    pks = dict(
        CustodyRecord.objects.filter(record_id__in=[p.record_id for p in picks]).values_list(
            "record_id", "pk"
        )
    )
    try:
        with transaction.atomic():
            sample = Sample.objects.create(
                suite=suite,
                week=week,
                month=sampling.month_of_week(week),
                seed=sampling.seed(suite.code, week),
                size=wanted,
                candidates=len(pool),
                drawn_at=now,
                drawn_by=user,
                due_at=due_at(week),
            )
            SampledRecord.objects.bulk_create(
                SampledRecord(
                    sample=sample,
                    record_id=pks[p.record_id],
                    position=n,
                    strata=sorted(p.strata),
                    reason=p.reason,
                )
                for n, p in enumerate(picks, start=1)
            )
    except IntegrityError:
        return Sample.objects.get(suite=suite, week=week), False
    return sample, True


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the checklist page of a sampled record shows and checks answers against."""

    record: m.Record
    assessment: Assessment
    items: list[checklist.Item]


def prepare(custody: CustodyRecord, now: dt.datetime) -> Prepared:
    record = rules_record(custody)
    assessment = assess(record, now)
    strata = sampling.strata_of(
        regime=custody.regime,
        juvenile=custody.juvenile,
        vulnerable=custody.vulnerable,
        arrived_at=custody.arrived_at,
        ended_at=custody.ended_at,
        events=[
            ("search", e.level) if isinstance(e, m.Search) else ("force_used", None)
            for e in record.events
            if isinstance(e, m.Search | m.ForceUsed)
        ],
    )
    items = checklist.items(
        assessment.findings,
        regime=custody.regime,
        juvenile=custody.juvenile,
        force_or_strip=bool(strata & {"force", "strip"}),
    )
    return Prepared(record, assessment, items)


def record_answers(
    sampled: SampledRecord,
    prepared: Prepared,
    answers: Mapping[str, checklist.Answer],
    user: User,
    now: dt.datetime,
) -> None:
    """Store a complete, valid set of answers to ``prepared`` (the sampled record's checklist)
    and mark the record done (once only)."""
    if took_part(user, prepared.record):
        raise TookPart(sampled.record.record_id)
    items = prepared.items
    wrong = checklist.problems(items, answers)
    if wrong:
        raise ValueError(f"the answers are incomplete or invalid: {sorted(wrong)}")
    with transaction.atomic():
        locked = SampledRecord.objects.select_for_update().get(pk=sampled.pk)
        if locked.completed_at is not None:
            raise AlreadyAnswered(sampled.record.record_id)
        Answer.objects.bulk_create(
            Answer(
                sampled=locked,
                item=item.key,
                kind=item.kind,
                value=answers[item.key].value,
                note=answers[item.key].note.strip(),
                outcome=checklist.outcome(item.kind, answers[item.key].value, bool(item.findings)),
                rules=sorted({f.rule for f in item.findings}),
                answered_by=user,
                answered_at=now,
            )
            for item in items
        )
        locked.completed_at, locked.completed_by = now, user
        locked.save(update_fields=["completed_at", "completed_by"])
    sampled.completed_at, sampled.completed_by = now, user


def decide_dispute(
    answer: Answer, outcome: str, reason: str, user: User, now: dt.datetime
) -> DisputeDecision:
    """Record, once, whether a disputed finding is a rule defect or the engine was right."""
    if answer.value != checklist.DISPUTE:
        raise ValueError("only a disputed finding is decided")
    if outcome not in DisputeDecision.Outcome.values:
        raise ValueError(f"no such outcome: {outcome}")
    if not reason.strip():
        raise ValueError("a decision needs a reason")
    if answer.answered_by_id == user.pk:
        raise OwnDispute(answer.pk)
    try:
        with transaction.atomic():
            return DisputeDecision.objects.create(
                answer=answer,
                outcome=outcome,
                reason=reason.strip(),
                decided_by=user,
                decided_at=now,
            )
    except IntegrityError:
        raise AlreadyDecided(answer.pk) from None
