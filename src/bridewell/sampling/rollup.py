"""Dip-sample results rolled up: pass rates per checklist item by suite and month, and force-wide.

Pure, on plain rows, so the dashboard, the governance pack and the tests compute the same
figures. A rate is passed ÷ (passed + failed): "not applicable" answers and disputed findings
are left out of both, and an item nobody could assess has no rate (shown as "no data"), never 0%.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from bridewell.sampling.checklist import ITEM_ORDER, Outcome


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One answered item of one sampled record."""

    suite: str
    month: str
    item: str
    outcome: Outcome


@dataclass(frozen=True, slots=True)
class SampleRow:
    """One sample: its suite, the month its week counts in, and how far it has got."""

    suite: str
    month: str
    records: int
    completed_records: int

    @property
    def complete(self) -> bool:
        return self.completed_records == self.records


@dataclass(slots=True)
class Rate:
    passed: int = 0
    failed: int = 0
    not_applicable: int = 0
    disputed: int = 0

    @property
    def assessed(self) -> int:
        return self.passed + self.failed

    @property
    def rate(self) -> float | None:
        return self.passed / self.assessed if self.assessed else None

    def add(self, outcome: Outcome) -> None:
        if outcome == "pass":
            self.passed += 1
        elif outcome == "fail":
            self.failed += 1
        elif outcome == "na":
            self.not_applicable += 1
        else:
            self.disputed += 1


@dataclass(slots=True)
class Cell:
    """The figures of one (month, suite) pair; suite ``None`` is force-wide."""

    samples: int = 0
    samples_complete: int = 0
    records: int = 0
    records_complete: int = 0
    items: dict[str, Rate] = field(default_factory=dict)

    def ordered(self) -> list[tuple[str, Rate]]:
        """The items in checklist order, then any unknown to this version at the end."""
        known = [(k, self.items[k]) for k in ITEM_ORDER if k in self.items]
        return known + sorted((k, r) for k, r in self.items.items() if k not in ITEM_ORDER)


Key = tuple[str, str | None]


def roll_up(samples: Iterable[SampleRow], answers: Iterable[AnswerRow]) -> dict[Key, Cell]:
    """Cells keyed by (month, suite) and (month, None) for the force."""
    cells: dict[Key, Cell] = defaultdict(Cell)
    for s in samples:
        for key in ((s.month, s.suite), (s.month, None)):
            cell = cells[key]
            cell.samples += 1
            cell.samples_complete += s.complete
            cell.records += s.records
            cell.records_complete += s.completed_records
    for a in answers:
        for key in ((a.month, a.suite), (a.month, None)):
            cells[key].items.setdefault(a.item, Rate()).add(a.outcome)
    return dict(cells)


def percent(rate: float | None) -> str:
    return "no data" if rate is None else f"{rate * 100:.0f}%"
