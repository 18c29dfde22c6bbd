"""Monthly KPI values per suite and force-wide, accumulated one record's facts at a time.

``Accumulator.add(facts)`` keeps only numbers, durations and record ids, never records, so a
year of 40,000 records stays small. Force-wide cells (suite ``None``) are fed the same tallies as
the suite cells, so a force-wide count is the sum of the suites' counts by construction.
"""

from __future__ import annotations

from collections.abc import Callable

from msgspec import Struct

from bridewell.force.stats import median, percentile
from bridewell.insights.facts import RecordFacts
from bridewell.insights.kpis import CATALOGUE, Kpi, Tally

Cell = tuple[str, str | None]
"""(UK month ``YYYY-MM``, suite code), or (month, None) for force-wide. With a ``period``
function the first part is whatever it names the record's period."""

Period = Callable[[RecordFacts], str | None]
"""The period a record counts in, or None to leave it out (an inspection's dates, a year)."""


class Part(Struct, frozen=True):
    count: int
    records: tuple[str, ...]


class KpiValue(Struct, frozen=True, kw_only=True):
    """One KPI in one cell. ``value`` is the %, the rate per 100 or 1,000, the count or the
    median; ``records`` are the numerator's records (for durations: those with a duration) and,
    for a rate, ``exceptions`` the denominator's records outside the numerator."""

    kpi: str
    numerator: int
    denominator: int
    value: float | None
    n: int
    median: float | None
    p90: float | None
    records: tuple[str, ...]
    exceptions: tuple[str, ...]
    parts: dict[str, Part]


class _Sums:
    __slots__ = ("den", "exceptions", "num", "parts", "records", "values")

    def __init__(self) -> None:
        self.num = self.den = 0
        self.values: list[float] = []
        self.records: list[str] = []
        self.exceptions: list[str] = []
        self.parts: dict[str, tuple[int, list[str]]] = {}

    def add(self, record_id: str, tally: Tally, exceptions: bool) -> None:
        self.num += tally.num
        self.den += tally.den
        self.values.extend(tally.values)
        if tally.num or tally.values:
            self.records.append(record_id)
        elif tally.den and exceptions:
            self.exceptions.append(record_id)
        for key, n in tally.parts:
            count, ids = self.parts.get(key, (0, []))
            ids.append(record_id)
            self.parts[key] = (count + n, ids)

    def value(self, kpi: Kpi) -> KpiValue:
        values = self.values
        if kpi.kind == "rate":
            value = 100 * self.num / self.den if self.den else None
        elif kpi.kind in ("per100", "per1000"):
            scale = 100 if kpi.kind == "per100" else 1000
            value = scale * self.num / self.den if self.den else None
        elif kpi.kind == "duration":
            value = median(values)
        else:
            value = float(self.num)
        return KpiValue(
            kpi=kpi.id,
            numerator=self.num,
            denominator=self.den,
            value=value,
            n=len(values),
            median=median(values),
            p90=percentile(values, 90),
            records=tuple(self.records),
            exceptions=tuple(self.exceptions),
            parts={k: Part(n, tuple(ids)) for k, (n, ids) in sorted(self.parts.items())},
        )


class Accumulator:
    """Streams record facts into (month, suite) and (month, force-wide) cells.

    ``period`` groups by something other than the UK month of the record (``facts.month``):
    it names each record's period, or returns None to leave the record out.
    """

    def __init__(
        self, catalogue: tuple[Kpi, ...] = CATALOGUE, period: Period | None = None
    ) -> None:
        self.catalogue = catalogue
        self.period = period
        self._cells: dict[Cell, list[_Sums]] = {}

    def add(self, facts: RecordFacts) -> None:
        key = facts.month if self.period is None else self.period(facts)
        if key is None:
            return
        cells = [self._cell((key, facts.suite)), self._cell((key, None))]
        for i, kpi in enumerate(self.catalogue):
            tally = kpi.measure(facts)
            if tally is not None:
                for sums in cells:
                    sums[i].add(facts.record_id, tally, kpi.kind == "rate")

    def _cell(self, key: Cell) -> list[_Sums]:
        sums = self._cells.get(key)
        if sums is None:
            sums = self._cells[key] = [_Sums() for _ in self.catalogue]
        return sums

    def result(self) -> dict[Cell, dict[str, KpiValue]]:
        """Every cell's KPI values, by KPI id; cells sorted by month, force-wide first."""
        keys = sorted(self._cells, key=lambda c: (c[0], c[1] is not None, c[1] or ""))
        return {
            key: {
                kpi.id: sums.value(kpi)
                for kpi, sums in zip(self.catalogue, self._cells[key], strict=True)
            }
            for key in keys
        }
