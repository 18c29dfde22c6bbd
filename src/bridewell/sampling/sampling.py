"""Which closed custody records a suite's weekly dip sample checks: drawn at random, stratified.

Pure, so an inspector can re-draw any sample by hand from the list of the week's closed records:
sort the candidates by record id, seed Python's ``random.Random`` with :func:`seed` of the suite
code and ISO week, pick one record for each non-empty stratum in the order of :data:`STRATA`
(skipping a stratum already covered by an earlier pick), then draw the rest of the sample from
the records not yet picked with ``Random.sample``. Strata come from the custody record's own
events and derived fields, never from whether a use-of-force form exists (HMICFRS criticised
forces whose sampling only reached incidents that already had a form).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import msgspec

from bridewell.rules import model as m
from bridewell.rules.checks.searches import STRIP_LEVELS
from bridewell.rules.localtime import LONDON

SEED_PREFIX: Final = "bridewell-dip-sample-v1"
LONG_DETENTION: Final = dt.timedelta(hours=24)

STRATA: Final[dict[str, str]] = {
    "child": "Child (under 18)",
    "vulnerable": "Vulnerable adult",
    "s136": "Mental Health Act s.136",
    "force": "Use of force",
    "strip": "Strip search",
    "long": "Detained over 24 hours",
}
"""Strata that every sample covers when the week has any, in the order they are filled."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A closed record of the week and the strata it belongs to."""

    record_id: str
    strata: frozenset[str]


@dataclass(frozen=True, slots=True)
class Pick:
    record_id: str
    strata: frozenset[str]
    reason: str
    """The stratum it was picked to represent, or ``random`` for the rest of the sample."""


def strata_of(
    *,
    regime: str,
    juvenile: bool,
    vulnerable: bool,
    arrived_at: dt.datetime | None,
    ended_at: dt.datetime | None,
    events: Iterable[tuple[str, str | None]],
) -> frozenset[str]:
    """The strata of one record, from its events (``(type, search level)``) and the fields the
    engine derived from them: a child is not also counted a vulnerable adult."""
    found = set()
    if juvenile:
        found.add("child")
    elif vulnerable:
        found.add("vulnerable")
    if regime == "mha_s136":
        found.add("s136")
    for kind, level in events:
        if kind == "force_used":
            found.add("force")
        elif kind == "search" and level in STRIP_LEVELS:
            found.add("strip")
    if arrived_at and ended_at and ended_at - arrived_at > LONG_DETENTION:
        found.add("long")
    return frozenset(found)


def seed(suite: str, week: str) -> str:
    """The seed of a suite's sample for an ISO week, in words an inspector can type in again."""
    return hashlib.sha256(f"{SEED_PREFIX}|{suite}|{week}".encode()).hexdigest()[:16]


def draw(candidates: Iterable[Candidate], suite: str, week: str, size: int) -> list[Pick]:
    """The sample: one record per non-empty stratum first, then records at random up to ``size``.

    ``size`` must be at least the number of strata, so both promises hold at once: every
    non-empty stratum is represented and the sample is never larger than ``size``.
    """
    if size < len(STRATA):
        raise ValueError(f"a dip sample needs room for every stratum: size {size} < {len(STRATA)}")
    pool = sorted(candidates, key=lambda c: c.record_id)
    if len({c.record_id for c in pool}) != len(pool):
        raise ValueError("a record appears twice among the candidates")
    rng = random.Random(int(seed(suite, week), 16))
    picks: list[Pick] = []
    taken: set[str] = set()
    for stratum in STRATA:
        if any(stratum in p.strata for p in picks):
            continue
        members = [c for c in pool if stratum in c.strata]
        if members:
            chosen = rng.choice(members)
            picks.append(Pick(chosen.record_id, chosen.strata, stratum))
            taken.add(chosen.record_id)
    rest = [c for c in pool if c.record_id not in taken]
    for chosen in rng.sample(rest, min(size - len(picks), len(rest))):
        picks.append(Pick(chosen.record_id, chosen.strata, "random"))
    return picks


def week_of(at: dt.datetime) -> str:
    """The ISO week (``2026-W47``) of a moment, on the UK calendar."""
    year, week, _ = at.astimezone(LONDON).isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> dt.date:
    """The Monday of an ISO week written ``2026-W47``; ValueError for anything else."""
    try:
        year, number = week.split("-W")
        return dt.date.fromisocalendar(int(year), int(number), 1)
    except ValueError:
        raise ValueError(f"not an ISO week like 2026-W47: {week!r}") from None


def week_bounds(week: str) -> tuple[dt.datetime, dt.datetime]:
    """Midnight UK time at the start of the week's Monday and of the next Monday, in UTC."""
    monday = week_start(week)
    start = dt.datetime.combine(monday, dt.time(), LONDON)
    end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(), LONDON)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def previous_week(week: str) -> str:
    monday = week_start(week) - dt.timedelta(days=7)
    year, number, _ = monday.isocalendar()
    return f"{year}-W{number:02d}"


def month_of_week(week: str) -> str:
    """The month (``2026-11``) a week counts in: that of its Thursday, as ISO weeks do years."""
    thursday = week_start(week) + dt.timedelta(days=3)
    return f"{thursday.year}-{thursday.month:02d}"


def week_label(week: str) -> str:
    monday = week_start(week)
    sunday = monday + dt.timedelta(days=6)
    return f"{week} ({monday.day} {monday:%b} to {sunday.day} {sunday:%b %Y})"


def took_part(record: m.Record, staff_id: str) -> bool:
    """Whether ``staff_id`` made or authorised an entry on the record, or is named in one.

    An auditor does not check a record they took part in: a dip sample is an independent look.
    Every actor field of every event counts (``by``, ``authorised_by``, ``approved_by`` and the
    like), and so do the officers named on a use of force."""
    for event in record.events:
        for value in msgspec.structs.astuple(event):
            if isinstance(value, m.Actor) and value.id == staff_id:
                return True
        if isinstance(event, m.ForceUsed) and staff_id in event.officers:
            return True
    return False
