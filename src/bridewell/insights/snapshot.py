"""Computing, storing and reading the KPI snapshot the insights screens show.

``refresh(now)`` reads every record through ``sources.from_database``, assesses each at ``now``,
accumulates its facts and stores the cells, keeping the last :data:`KEEP` snapshots (an older one
is there to compare with while a new one is checked). A record that no longer decodes is left out
of the figures and listed on the snapshot, never dropped silently. Run it nightly with
``manage.py refresh_insights``; the demo seeding calls :func:`refresh` once it has loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Final

import msgspec
from django.db import transaction

from bridewell.insights.facts import facts
from bridewell.insights.models import Snapshot, SnapshotCell
from bridewell.insights.monthly import Accumulator, Cell, KpiValue, Part
from bridewell.insights.sources import from_database
from bridewell.rules.engine import assess

KEEP: Final = 3
"""Snapshots kept: the newest and two before it."""


class Drill(msgspec.Struct, frozen=True):
    """The record ids behind one KPI of one cell (what :class:`KpiValue` holds beyond figures)."""

    records: tuple[str, ...]
    exceptions: tuple[str, ...]
    parts: dict[str, tuple[str, ...]]


class Invalid(msgspec.Struct, frozen=True):
    record_id: str | None
    path: str
    message: str


_FIGURES: Final = msgspec.json.Decoder(dict[str, KpiValue])
_DRILL: Final = msgspec.json.Decoder(dict[str, Drill])
_ENCODER: Final = msgspec.json.Encoder()


def _figures_only(v: KpiValue) -> KpiValue:
    return msgspec.structs.replace(
        v,
        records=(),
        exceptions=(),
        parts={k: Part(p.count, ()) for k, p in v.parts.items()},
    )


def _drill(v: KpiValue) -> Drill:
    return Drill(v.records, v.exceptions, {k: p.records for k, p in v.parts.items()})


def _joined(figures: KpiValue, drill: Drill | None) -> KpiValue:
    if drill is None:
        return figures
    return msgspec.structs.replace(
        figures,
        records=drill.records,
        exceptions=drill.exceptions,
        parts={k: Part(p.count, drill.parts.get(k, ())) for k, p in figures.parts.items()},
    )


@dataclass(frozen=True)
class Refreshed:
    snapshot: Snapshot
    records: int
    invalid: tuple[Invalid, ...]
    cells: int


def compute(
    now: dt.datetime,
    suites: Collection[str] | None = None,
    progress: Callable[[int], object] = lambda n: None,
) -> tuple[dict[Cell, dict[str, KpiValue]], int, list[Invalid]]:
    """The cells of every stored record (or those of ``suites``) as they stood at ``now``."""
    acc = Accumulator()
    read = 0
    invalid: list[Invalid] = []
    for item in from_database(suites, progress):
        read += 1
        if item.error is not None:
            invalid.append(Invalid(item.error.record_id, item.error.path, item.error.message))
            continue
        assert item.record is not None
        acc.add(facts(item.record, assess(item.record, now), now))
    return acc.result(), read, invalid


def refresh(
    now: dt.datetime,
    progress: Callable[[int], object] = lambda n: None,
    computed: Callable[[], dt.datetime] | None = None,
) -> Refreshed:
    """Compute and store a snapshot as at ``now``; drop all but the newest :data:`KEEP`.

    ``computed`` tells the time the computation finished (the application clock by default)."""
    cells, read, invalid = compute(now, progress=progress)
    if computed is None:
        from bridewell.web import clock

        computed = clock.now
    with transaction.atomic():
        snapshot = Snapshot.objects.create(
            computed_at=computed(),
            evaluated_at=now,
            records=read,
            invalid=[msgspec.to_builtins(i) for i in invalid],
        )
        SnapshotCell.objects.bulk_create(
            (
                SnapshotCell(
                    snapshot=snapshot,
                    month=month,
                    suite=suite or "",
                    figures=_ENCODER.encode({k: _figures_only(v) for k, v in values.items()}),
                    drill=_ENCODER.encode({k: _drill(v) for k, v in values.items()}),
                )
                for (month, suite), values in cells.items()
            ),
            batch_size=200,
        )
        old = Snapshot.objects.order_by("-computed_at", "-pk").values_list("pk", flat=True)[KEEP:]
        Snapshot.objects.filter(pk__in=list(old)).delete()
    return Refreshed(snapshot, read, tuple(invalid), len(cells))


def latest() -> Snapshot | None:
    return Snapshot.objects.order_by("-computed_at", "-pk").first()


def months(snapshot: Snapshot) -> list[str]:
    """The months with figures, oldest first ("" for records whose month is not known last)."""
    found = set(snapshot.cells.values_list("month", flat=True))
    return sorted(m for m in found if m) + ([""] if "" in found else [])


def figures(
    snapshot: Snapshot,
    months: Collection[str],
    suites: Collection[str | None] | None = None,
) -> dict[Cell, dict[str, KpiValue]]:
    """The KPI values, without record ids, of ``months`` in ``suites`` (None in it:
    force-wide; ``suites`` None: every suite and force-wide)."""
    rows = snapshot.cells.filter(month__in=list(months))
    if suites is not None:
        rows = rows.filter(suite__in=[code or "" for code in suites])
    return {
        (month, code or None): _FIGURES.decode(bytes(data))
        for month, code, data in rows.values_list("month", "suite", "figures")
    }


def cell(snapshot: Snapshot, month: str, suite: str | None) -> dict[str, KpiValue] | None:
    """One cell's KPI values with the record ids behind them, or None if it has none."""
    row = snapshot.cells.filter(month=month, suite=suite or "").first()
    if row is None:
        return None
    drills = _DRILL.decode(bytes(row.drill))
    return {k: _joined(v, drills.get(k)) for k, v in _FIGURES.decode(bytes(row.figures)).items()}


def cells(snapshot: Snapshot) -> dict[Cell, dict[str, KpiValue]]:
    """Every cell with its record ids: what the Accumulator gave when the snapshot was made."""
    out: dict[Cell, dict[str, KpiValue]] = {}
    for row in snapshot.cells.order_by("month", "suite"):
        found = cell(snapshot, row.month, row.suite or None)
        assert found is not None
        out[(row.month, row.suite or None)] = found
    return out
