"""Demo dip samples: the last few weeks drawn for every suite and worked through by auditors.

For the demo only (``web.demo`` calls :func:`load` after the records are in). Samples are drawn
through ``samples.draw`` and answered through ``samples.record_answers``, as an auditor would;
the answers are made up, seeded, so the demo shows the same figures every time. Older weeks are
finished; the week just ended has its odd-numbered records done, so the dashboard has work due.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from django.contrib.auth.models import User

from bridewell.custody.models import Suite
from bridewell.sampling import checklist, samples, sampling

WEEKS: Final = 4

NOTES: Final[dict[str, tuple[str, ...]]] = {
    "risk_assessment": (
        "Risk assessment does not mention the PNC warning for self-harm.",
        "Observation level set without reference to the arresting officer's account.",
    ),
    "prra": (
        "PRRA says 'no issues' with no sign the detainee was asked about risks on release.",
        "No onward referral recorded although the detainee disclosed suicidal thoughts.",
    ),
    "checks_meaningful": (
        "Every visit reads 'all OK' with no note of what was seen or said.",
        "Rousing checks do not record a verbal response.",
    ),
    "grounds": ("Grounds copied from a template; necessity not explained for this person.",),
    "cctv": ("CCTV of the force used in the charge room was not viewed.",),
}
DISPUTES: Final[tuple[str, ...]] = (
    "The visit the engine calls late was made on time: the time was entered after a correction.",
    "A rousing check at 03:00 got no response and nothing followed; the engine did not flag it.",
)


@dataclass(frozen=True)
class Loaded:
    samples: int
    records_answered: int
    disputes: int


def _answers(
    items: Sequence[checklist.Item], rng: random.Random
) -> tuple[dict[str, checklist.Answer], int]:
    answers, disputed = {}, 0
    for item in items:
        if item.kind == "engine":
            if rng.random() < 0.01:
                answers[item.key] = checklist.Answer(checklist.DISPUTE, rng.choice(DISPUTES))
                disputed += 1
            else:
                answers[item.key] = checklist.Answer(checklist.CONFIRM)
        elif checklist.NOT_APPLICABLE in item.choices and item.key == "cctv":
            answers[item.key] = checklist.Answer(checklist.NOT_APPLICABLE)
        elif rng.random() < 0.15:
            answers[item.key] = checklist.Answer(
                checklist.DOES_NOT_MEET, rng.choice(NOTES[item.key])
            )
        else:
            answers[item.key] = checklist.Answer(checklist.MEETS)
    return answers, disputed


def load(now: dt.datetime, auditors: Sequence[User], seed: int = 2026) -> Loaded:
    """Draw the last :data:`WEEKS` weeks' samples of every suite and answer most of them."""
    if not auditors:
        raise ValueError("the demo needs at least one auditor to answer its samples")
    rng = random.Random(f"dip-demo:{seed}")
    week = sampling.week_of(now)
    weeks = []
    for _ in range(WEEKS):
        week = sampling.previous_week(week)
        weeks.append(week)
    drawn = answered = disputed = 0
    for week in reversed(weeks):
        finished = week != weeks[0]
        answered_at = min(now, sampling.week_bounds(week)[1] + dt.timedelta(days=3))
        for suite in Suite.objects.order_by("code"):
            sample, _ = samples.draw(suite, week, sampling.week_bounds(week)[1], None)
            drawn += 1
            pending = sample.records.filter(completed_at__isnull=True).select_related("record")
            for sampled in pending:
                if not finished and sampled.position % 2 == 0:
                    continue
                prepared = samples.prepare(sampled.record, answered_at)
                free = [a for a in auditors if not samples.took_part(a, prepared.record)]
                if not free:
                    continue
                answers, count = _answers(prepared.items, rng)
                samples.record_answers(sampled, prepared, answers, rng.choice(free), answered_at)
                answered += 1
                disputed += count
    return Loaded(drawn, answered, disputed)
