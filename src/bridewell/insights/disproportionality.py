"""Disproportionality (K-DP1): how often each group meets an outcome in custody, relative to a
reference group, with a 95% confidence interval.

The denominator is custody throughput: the rate for a group is the share of that group's
detentions with the outcome, so the measure is of treatment *in custody*, not of who is
arrested. For ``child_overnight`` the denominator is the group's children only.

Relative rate and interval, by the log (Katz) method for a ratio of two proportions::

    RR = (a / n1) / (c / n0)
    SE(ln RR) = sqrt(1/a − 1/n1 + 1/c − 1/n0)
    95% CI = exp(ln RR ± z × SE), z = 1.95996… (the 97.5th centile of the standard normal)

with ``a`` of ``n1`` in the group and ``c`` of ``n0`` in the reference group. When ``a`` or
``c`` is 0 (or a group has no detentions) the logarithm is undefined: the rate is still given
but the relative rate is "not computable", never 0 or infinity. A relative rate is called
significant only when its interval excludes 1.

Reference groups: White for ethnicity, male for sex (the largest group in custody), and for age
band the band with the most detentions in that table unless one is named.

Pure: no Django.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Final, Literal, NamedTuple

from bridewell.force.codes import NOT_FORCE
from bridewell.insights.facts import RecordFacts
from bridewell.insights.groups import ETHNIC_GROUPS, EthnicGroup, ethnic_group
from bridewell.insights.suppression import (
    DEFAULT_THRESHOLD,
    Cell,
    Position,
    PublishedTable,
    Shown,
    Suppressed,
    suppress,
)

Outcome = Literal[
    "use_of_force", "strip_search", "clothing_removal", "over_24_hours", "child_overnight"
]
Dimension = Literal["ethnic_group", "age_band", "sex"]

OUTCOMES: tuple[Outcome, ...] = (
    "use_of_force",
    "strip_search",
    "clothing_removal",
    "over_24_hours",
    "child_overnight",
)
Z95 = NormalDist().inv_cdf(0.975)


class Subject(NamedTuple):
    """One detention as disproportionality sees it: who, and which outcomes it had. ``child``
    (appeared under 18 at arrival) puts it in the denominator of ``child_overnight``."""

    ethnic_group: EthnicGroup
    age_band: str
    sex: str
    outcomes: frozenset[Outcome]
    record_id: str
    child: bool


OVER_24_HOURS: Final = 24 * 60.0
"""Minutes in custody beyond which a detention counts towards ``over_24_hours``."""


def subject(facts: RecordFacts) -> Subject | None:
    """A detention as these tables see it; None for a record that is not a detention."""
    if not facts.authorised:
        return None
    outcomes: set[Outcome] = set()
    if any(t != NOT_FORCE for force in facts.force for t in force.tactics):
        outcomes.add("use_of_force")
    if facts.strip_searches:
        outcomes.add("strip_search")
    if facts.removals:
        outcomes.add("clothing_removal")
    if facts.time_in_custody is not None and facts.time_in_custody > OVER_24_HOURS:
        outcomes.add("over_24_hours")
    if facts.juvenile and facts.overnight:
        outcomes.add("child_overnight")
    return Subject(
        ethnic_group=ethnic_group(facts.ethnicity),
        age_band=facts.age_band,
        sex=facts.sex,
        outcomes=frozenset(outcomes),
        record_id=facts.record_id,
        child=facts.juvenile,
    )


class RelativeRate(NamedTuple):
    ratio: float
    low: float
    high: float

    @property
    def significant(self) -> bool:
        return self.low > 1 or self.high < 1


def relative_rate(a: int, n1: int, c: int, n0: int, z: float = Z95) -> RelativeRate | None:
    """``a`` of ``n1`` against ``c`` of ``n0`` by the log method; None when a count is 0."""
    if not (0 < a <= n1 and 0 < c <= n0):
        return None
    ratio = (a / n1) / (c / n0)
    se = math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n0)
    return RelativeRate(
        ratio, math.exp(math.log(ratio) - z * se), math.exp(math.log(ratio) + z * se)
    )


class Row(NamedTuple):
    category: str
    cases: int
    throughput: int
    relative: RelativeRate | None

    @property
    def rate(self) -> float | None:
        return self.cases / self.throughput if self.throughput else None


@dataclass(frozen=True)
class RateTable:
    """One outcome broken down by one dimension, every row against the reference row."""

    outcome: Outcome
    dimension: Dimension
    reference: str
    rows: tuple[Row, ...]

    def status(self, row: Row) -> Literal["reference", "computed", "not_computable"]:
        if row.category == self.reference:
            return "reference"
        return "computed" if row.relative else "not_computable"


def rate_table(
    subjects: Iterable[Subject],
    outcome: Outcome,
    dimension: Dimension,
    reference: str | None = None,
) -> RateTable:
    """Count, throughput and relative rate for each category of ``dimension``.

    Ethnic groups are always all six, in census order; ages and sexes are the ones present, in
    sorted order.
    """
    pool = [s for s in subjects if s.child or outcome != "child_overnight"]
    throughput = Counter(getattr(s, dimension) for s in pool)
    count = Counter(getattr(s, dimension) for s in pool if outcome in s.outcomes)
    if reference is None:
        reference = _default_reference(dimension, throughput)
    if dimension == "ethnic_group" and reference not in ETHNIC_GROUPS:
        raise ValueError(f"no ethnic group {reference!r}")
    categories: Sequence[str] = (
        ETHNIC_GROUPS if dimension == "ethnic_group" else sorted({*throughput, reference})
    )
    c, n0 = count[reference], throughput[reference]
    rows = tuple(
        Row(
            category,
            count[category],
            throughput[category],
            None
            if category == reference
            else relative_rate(count[category], throughput[category], c, n0),
        )
        for category in categories
    )
    return RateTable(outcome, dimension, reference, rows)


def _default_reference(dimension: Dimension, throughput: Counter[str]) -> str:
    if dimension == "ethnic_group":
        return "white"
    if dimension == "sex":
        return "male"
    return min(throughput, key=lambda c: (-throughput[c], c), default="")


class PublishedRow(NamedTuple):
    category: str
    cases: Cell
    throughput: Cell
    rate: Shown[float] | Suppressed | None
    relative: Shown[RelativeRate] | Suppressed | None


def publish(
    tables: Sequence[RateTable], threshold: int = DEFAULT_THRESHOLD
) -> list[list[PublishedRow]]:
    """Suppress small numbers in tables from the same subjects, for a PCC panel or the public.

    Each table is the groups × (with the outcome, without it) table with its totals, so a hidden
    count cannot be recovered from a throughput and its complement. Tables repeat figures: a
    group's throughput appears for every outcome, an outcome's total for every dimension. A
    figure hidden in one table is hidden in every table that repeats it, until no table
    changes. A rate is shown only when its count and throughput are; a relative rate only when
    both rates are. Each table ends with an ``all`` row: the totals it was protected with.
    """
    hidden: set[Hashable] = set()
    while True:
        published = [
            suppress(
                _contingency(t),
                threshold,
                also=[p for p, figure in _shared_figures(t).items() if figure in hidden],
            )
            for t in tables
        ]
        now = {
            figure
            for t, result in zip(tables, published, strict=True)
            for (i, j), figure in _shared_figures(t).items()
            if isinstance(_augmented_cell(result, i, j), Suppressed)
        }
        if now == hidden:
            return [_rows(t, p) for t, p in zip(tables, published, strict=True)]
        hidden = now


def _shared_figures(table: RateTable) -> dict[Position, Hashable]:
    """The totals of a table's augmented grid, named so that the same figure in another table
    has the same name (children's tables have their own throughputs)."""
    children = table.outcome == "child_overnight"
    width = 2
    figures: dict[Position, Hashable] = {
        (i, width): ("throughput", children, table.dimension, row.category)
        for i, row in enumerate(table.rows)
    }
    figures[(len(table.rows), 0)] = ("with", table.outcome)
    figures[(len(table.rows), 1)] = ("without", table.outcome)
    figures[(len(table.rows), width)] = ("throughput", children)
    return figures


def _augmented_cell(table: PublishedTable, i: int, j: int) -> Cell:
    if i < len(table.cells):
        return table.cells[i][j] if j < len(table.cells[i]) else table.row_totals[i]
    return table.column_totals[j] if j < len(table.column_totals) else table.grand_total


def _contingency(table: RateTable) -> list[list[int]]:
    return [[row.cases, row.throughput - row.cases] for row in table.rows]


def _rows(table: RateTable, published: PublishedTable) -> list[PublishedRow]:
    """One row per category, then an ``all`` row of the totals."""
    everyone = Row(
        "all",
        sum(r.cases for r in table.rows),
        sum(r.throughput for r in table.rows),
        None,
    )
    counts = [
        *zip(published.cells, published.row_totals, strict=True),
        ((published.column_totals[0],), published.grand_total),
    ]
    rates = [
        _rate(row, cells[0], throughput)
        for row, (cells, throughput) in zip([*table.rows, everyone], counts, strict=True)
    ]
    reference = next(i for i, r in enumerate(table.rows) if r.category == table.reference)
    out = []
    for i, row in enumerate([*table.rows, everyone]):
        relative: Shown[RelativeRate] | Suppressed | None = None
        if row.relative is not None:
            both_shown = isinstance(rates[i], Shown) and isinstance(rates[reference], Shown)
            relative = Shown(row.relative) if both_shown else Suppressed("derived")
        out.append(PublishedRow(row.category, counts[i][0][0], counts[i][1], rates[i], relative))
    return out


def _rate(row: Row, cases: Cell, throughput: Cell) -> Shown[float] | Suppressed | None:
    if row.rate is None:
        return None
    if isinstance(cases, Shown) and isinstance(throughput, Shown):
        return Shown(row.rate)
    return Suppressed("derived")
