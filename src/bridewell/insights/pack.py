"""The figures of a monthly pack, collected one record at a time. Pure: no Django.

A pack is for a report month M (a UK calendar month) and optionally one suite. It holds:

* the KPI cells of the 13 months M-12..M (per suite and force-wide), for trends and for the
  headline figures (M against M-1 and against the median of the 12 months before M);
* the disproportionality tables over the 12 months ending M: a single month has too few
  detentions in most groups for a relative rate to mean anything;
* the exceptions of M: every record with a breach finding, with the rules broken and the
  events that prove it;
* the detentions of M by suite, for the suite tables of the scrutiny pack.

With a suite, the trends, headline, disproportionality and exceptions are that suite's; every
suite's records are still read so the suite comparison and the force-wide lines are there to
compare with. Records are counted in the month of their detention authorisation, exactly as
:mod:`bridewell.insights.monthly` counts them, and a record that has no event at all inside the
13-month window cannot count in it, so it is skipped before it is assessed. Invalid records are
counted as left out: a pack with any left out is incomplete and says so.

Every list in the result is sorted, so the pack does not depend on the order records arrive
in: a file and the database give the same pack for the same records.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final, cast, get_args

from msgspec import structs

from bridewell.force.stats import median
from bridewell.insights.disproportionality import (
    OUTCOMES,
    Dimension,
    Outcome,
    PublishedRow,
    RateTable,
    Row,
    Subject,
    publish,
    rate_table,
    subject,
)
from bridewell.insights.facts import RecordFacts, facts
from bridewell.insights.monthly import Accumulator, KpiValue
from bridewell.insights.sources import Item
from bridewell.insights.suppression import DEFAULT_THRESHOLD
from bridewell.rules import model as m
from bridewell.rules.catalogue import rule
from bridewell.rules.engine import assess
from bridewell.rules.localtime import LONDON

TREND_MONTHS: Final = 13
DISPROPORTIONALITY_MONTHS: Final = 12
"""Disproportionality is over the 12 months ending M: one month is too small a sample."""

HEADLINE: Final = (
    "K-T1",
    "K-T3",
    "K-T4",
    "K-T4-OVER24",
    "K-P1",
    "K-L1",
    "K-CH1",
    "K-CH2",
    "K-DC1",
    "K-SS1",
    "K-CR1",
    "K-UF1",
    "K-RL1",
    "K-DQ1",
)
"""The KPIs on the headline page, M against M-1 and the 12-month median."""

SUITE_TABLE: Final = "suite"
"""The dimension name of the by-suite tables built for publication (see :func:`suite_tables`)."""

_MONTH: Final = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")

Cells = dict[tuple[str, str | None], dict[str, KpiValue]]


def parse_month(text: str) -> tuple[int, int]:
    """(year, month) of ``YYYY-MM``; ValueError otherwise."""
    found = _MONTH.fullmatch(text)
    if found is None:
        raise ValueError(f"not a month (YYYY-MM): {text!r}")
    return int(found[1]), int(found[2])


def add_months(month: str, n: int) -> str:
    """``2026-10`` + ``-12`` → ``2025-10``."""
    year, number = parse_month(month)
    index = year * 12 + number - 1 + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_ending(month: str, n: int) -> tuple[str, ...]:
    """The ``n`` months ending with ``month``, oldest first."""
    return tuple(add_months(month, k) for k in range(1 - n, 1))


def month_start(month: str) -> dt.datetime:
    """The first instant of a UK calendar month, in UTC (midnight GMT or BST)."""
    year, number = parse_month(month)
    return dt.datetime(year, number, 1, tzinfo=LONDON).astimezone(dt.UTC)


@dataclass(frozen=True)
class RuleBroken:
    rule: str
    title: str
    source: str
    events: tuple[str, ...]


@dataclass(frozen=True)
class Breach:
    """One record of month M with at least one breach finding: the pack's exceptions list."""

    record_id: str
    suite: str
    counted_at: dt.datetime | None
    rules: tuple[RuleBroken, ...]


@dataclass(frozen=True)
class SuiteSubject:
    suite: str
    subject: Subject


@dataclass(frozen=True)
class PackData:
    """What a governance or scrutiny pack shows, before any words or layout."""

    month: str
    suite: str | None
    at: dt.datetime
    months: tuple[str, ...]
    records_read: int
    left_out: int
    problems: tuple[str, ...]
    cells: Cells
    suites: tuple[str, ...]
    """Suites with a record counted in M."""
    subjects: tuple[Subject, ...]
    """Detentions of the 12 months ending M (of the suite, if one was asked for)."""
    month_subjects: tuple[SuiteSubject, ...]
    """Detentions of M in every suite, for the by-suite tables."""
    exceptions: tuple[Breach, ...]

    @property
    def complete(self) -> bool:
        return self.left_out == 0

    @property
    def previous(self) -> str:
        return add_months(self.month, -1)

    @property
    def disproportionality_months(self) -> tuple[str, ...]:
        return months_ending(self.month, DISPROPORTIONALITY_MONTHS)

    def value(self, month: str, kpi: str, suite: str | None = None) -> KpiValue | None:
        """A KPI in a month for the pack's suite (or force-wide), or another suite's."""
        where = suite if suite is not None else self.suite
        return self.cells.get((month, where), {}).get(kpi)

    def trend(self, kpi: str, suite: str | None = None) -> list[KpiValue | None]:
        return [self.value(month, kpi, suite) for month in self.months]

    def twelve_month_median(self, kpi: str) -> float | None:
        """The median of the KPI's value over the 12 months before M (months with a value)."""
        values = [v.value for v in self.trend(kpi)[:-1] if v is not None and v.value is not None]
        return median(values)

    def rate_tables(self) -> list[RateTable]:
        """Every disproportionality outcome by every dimension, over the 12 months ending M."""
        return [
            rate_table(self.subjects, outcome, dimension)
            for outcome in OUTCOMES
            for dimension in get_args(Dimension)
        ]

    def published(self, threshold: int = DEFAULT_THRESHOLD) -> list[list[PublishedRow]]:
        """The rate tables with small numbers suppressed, consistently across tables."""
        return publish(self.rate_tables(), threshold)

    def suite_tables(self) -> list[RateTable]:
        """Each outcome by suite for month M (rates only: no relative rate between suites)."""
        return suite_tables(self.month_subjects, self.suites)


def suite_tables(found: Sequence[SuiteSubject], suites: Sequence[str]) -> list[RateTable]:
    """Outcome by suite, shaped as rate tables so :func:`publish` suppresses them together.

    ``publish`` names a table's figures by its dimension, so these tables share each suite's
    throughput among themselves and never with the tables by ethnic group, age or sex.
    """
    tables = []
    for outcome in OUTCOMES:
        pool = [s for s in found if s.subject.child or outcome != "child_overnight"]
        rows = tuple(
            Row(
                code,
                sum(1 for s in pool if s.suite == code and outcome in s.subject.outcomes),
                sum(1 for s in pool if s.suite == code),
                None,
            )
            for code in suites
        )
        if rows:
            dimension = cast(Dimension, SUITE_TABLE)
            tables.append(RateTable(outcome, dimension, suites[0], rows))
    return tables


def _instants(event: m.EventBase) -> Iterable[dt.datetime]:
    yield event.at
    if isinstance(event, m.Correction):
        yield from _instants(event.replacement)


class Collector:
    """Streams records into a pack for month M (and a suite, or the whole force)."""

    def __init__(self, month: str, suite: str | None, at: dt.datetime) -> None:
        self.month = month
        self.suite = suite
        self.at = at
        self.months = months_ending(month, TREND_MONTHS)
        self._start = month_start(self.months[0])
        self._end = month_start(add_months(month, 1))
        self._recent = frozenset(months_ending(month, DISPROPORTIONALITY_MONTHS))
        self._accumulator = Accumulator()
        self._subjects: list[Subject] = []
        self._month_subjects: list[SuiteSubject] = []
        self._exceptions: list[Breach] = []
        self._problems: list[str] = []
        self._suites: set[str] = set()
        self.records_read = 0

    def wants(self, record: m.Record) -> bool:
        """False when no event of the record, corrected or not, falls in the 13 months: the
        instant a record counts at is always one of its events' times."""
        return any(
            self._start <= t < self._end for event in record.events for t in _instants(event)
        )

    def reject(self, problem: str) -> None:
        self.records_read += 1
        self._problems.append(problem)

    def skip(self) -> None:
        self.records_read += 1

    def add(self, f: RecordFacts) -> None:
        """One valid record's facts (as it stood at the pack's evaluation time)."""
        self.records_read += 1
        if f.month not in self.months:
            return
        self._accumulator.add(f)
        ours = self.suite is None or f.suite == self.suite
        detention = subject(f)
        if f.month == self.month:
            self._suites.add(f.suite)
            if detention is not None:
                self._month_subjects.append(SuiteSubject(f.suite, detention))
            if ours:
                self._breach(f)
        if ours and detention is not None and f.month in self._recent:
            self._subjects.append(detention)

    def _breach(self, f: RecordFacts) -> None:
        broken = []
        for ref in f.findings:
            r = rule(ref.rule)
            if r.severity == "breach":
                broken.append(RuleBroken(r.id, r.title, r.source, ref.events))
        if broken:
            self._exceptions.append(Breach(f.record_id, f.suite, f.counted_at, tuple(broken)))

    def result(self) -> PackData:
        window = set(self.months)
        cells = {
            cell: {kpi: _sorted(v) for kpi, v in values.items()}
            for cell, values in self._accumulator.result().items()
            if cell[0] in window
        }
        return PackData(
            month=self.month,
            suite=self.suite,
            at=self.at,
            months=self.months,
            records_read=self.records_read,
            left_out=len(self._problems),
            problems=tuple(sorted(self._problems)),
            cells=cells,
            suites=tuple(sorted(self._suites)),
            subjects=tuple(sorted(self._subjects, key=lambda s: s.record_id)),
            month_subjects=tuple(
                sorted(self._month_subjects, key=lambda s: (s.suite, s.subject.record_id))
            ),
            exceptions=tuple(
                sorted(
                    self._exceptions,
                    key=lambda b: (b.counted_at or self.at, b.record_id),
                )
            ),
        )


def _sorted(v: KpiValue) -> KpiValue:
    """The value with its record ids in order, whatever order the records came in."""
    return structs.replace(
        v,
        records=tuple(sorted(v.records)),
        exceptions=tuple(sorted(v.exceptions)),
        parts={k: structs.replace(p, records=tuple(sorted(p.records))) for k, p in v.parts.items()},
    )


def collect(
    items: Iterable[Item],
    collector: Collector,
    each: Callable[[m.Record, RecordFacts], object] = lambda record, f: None,
) -> PackData:
    """Feed every item to ``collector``; ``each`` also sees every record counted in the window
    (the scrutiny pack's case sample keeps a few of them)."""
    at = collector.at
    for item in items:
        if item.error is not None:
            collector.reject(f"{item.source}: {item.error}")
            continue
        record = item.record
        assert record is not None
        if not collector.wants(record):
            collector.skip()
            continue
        f = facts(record, assess(record, at), at)
        collector.add(f)
        if f.month in collector.months:
            each(record, f)
    return collector.result()


OUTCOME_LABELS: Final[dict[Outcome, str]] = {
    "use_of_force": "Force used",
    "strip_search": "Strip searched",
    "clothing_removal": "Clothing removed",
    "over_24_hours": "Detained over 24 hours",
    "child_overnight": "Child held overnight",
}
