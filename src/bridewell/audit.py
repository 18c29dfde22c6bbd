"""The audit: stream records from files, assess each at T, write findings, count everything.

This is the imperative shell around ``rules.engine.assess``: it owns the files, the progress bar
and the totals; the engine owns every judgement.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path
from typing import IO, Final, NamedTuple

from bridewell.interchange.output import Writer
from bridewell.interchange.reader import FirstSeen, RecordError, Source, decode
from bridewell.rules.catalogue import BY_ID, SEVERITY_ORDER
from bridewell.rules.config import DEFAULT, RuleConfig
from bridewell.rules.engine import assess
from bridewell.rules.findings import Finding, Obligation
from bridewell.rules.localtime import full

BATCH: Final = 250
"""Lines sent to a worker at a time: large enough to amortise the hand-over, small enough to
keep the progress bar moving."""
IN_FLIGHT: Final = 8
"""Batches queued or being assessed at once: bounds memory however large the input."""


@dataclass
class Totals:
    """What one audit run read and found."""

    records: int = 0
    invalid: int = 0
    open: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    records_with: Counter[str] = field(default_factory=Counter)
    severities: Counter[str] = field(default_factory=Counter)
    obligations: int = 0

    @property
    def valid(self) -> int:
        return self.records - self.invalid

    def count(self, outcome: Outcome) -> None:
        if outcome.open:
            self.open += 1
        for f in outcome.findings:
            self.findings[f.rule] += 1
            self.severities[f.severity] += 1
        for rule_id in {f.rule for f in outcome.findings}:
            self.records_with[rule_id] += 1
        self.obligations += len(outcome.obligations)

    def worst(self) -> str | None:
        """The most serious severity found, if any."""
        found = [s for s, n in self.severities.items() if n]
        return min(found, key=SEVERITY_ORDER.__getitem__) if found else None


class Outcome(NamedTuple):
    """What one line of input came to: a record's findings and obligations, or its error."""

    line: int
    record_id: str | None
    error: RecordError | None
    open: bool
    findings: list[Finding]
    obligations: list[Obligation]


def assess_lines(
    lines: list[tuple[int, bytes]], at: dt.datetime, config: RuleConfig
) -> list[Outcome]:
    """Decode and assess a batch of lines (run in a worker process when auditing in parallel)."""
    out = []
    for number, line in lines:
        item = decode(line, number)
        record = item.record
        if record is None:
            out.append(Outcome(number, None, item.error, False, [], []))
            continue
        result = assess(record, at, config)
        out.append(
            Outcome(
                number, record.record_id, None, result.open, result.findings, result.obligations
            )
        )
    return out


def _batches(lines: Iterator[tuple[int, bytes]]) -> Iterator[list[tuple[int, bytes]]]:
    while batch := list(islice(lines, BATCH)):
        yield batch


def _in_order(
    work: Callable[[list[tuple[int, bytes]]], list[Outcome]],
    batches: Iterator[list[tuple[int, bytes]]],
    pool: Executor | None,
    after_batch: Callable[[], None],
) -> Iterator[Outcome]:
    """Outcomes in file order, with a bounded number of batches in flight (flat memory)."""
    if pool is None:
        for batch in batches:
            yield from work(batch)
            after_batch()
        return
    pending: deque[Future[list[Outcome]]] = deque()
    for batch in batches:
        pending.append(pool.submit(work, batch))
        if len(pending) >= IN_FLIGHT:
            yield from pending.popleft().result()
            after_batch()
    while pending:
        yield from pending.popleft().result()
        after_batch()


def audit(
    paths: Iterable[str | Path],
    at: dt.datetime,
    writer: Writer,
    on_error: Callable[[str, RecordError], None],
    *,
    obligations: bool = False,
    config: RuleConfig = DEFAULT,
    progress: Callable[[int], None] | None = None,
    jobs: int = 1,
) -> Totals:
    """Audit every record of every file; findings (or obligations) go to ``writer``.

    With ``jobs`` above 1, batches of lines are decoded and assessed in that many worker
    processes; the results are still written in file order and the totals are the same.
    """
    totals = Totals()
    work = partial(assess_lines, at=at, config=config)
    with ProcessPoolExecutor(jobs) if jobs > 1 else nullcontext() as pool:
        for path in paths:
            with Source(path) as source, FirstSeen() as seen:
                done = 0

                def moved() -> None:
                    nonlocal done
                    if progress is not None:
                        position = source.position
                        progress(position - done)
                        done = position

                for outcome in _in_order(work, _batches(source.lines()), pool, moved):
                    totals.records += 1
                    error = outcome.error
                    if error is None and outcome.record_id is not None:
                        error = seen.duplicate(outcome.record_id, outcome.line)
                    if error is not None:
                        totals.invalid += 1
                        on_error(source.name, error)
                        continue
                    totals.count(outcome)
                    if obligations:
                        for o in outcome.obligations:
                            writer.obligation(o)
                    else:
                        for f in outcome.findings:
                            writer.finding(f)
    writer.close()
    return totals


def summary_table(totals: Totals, at: dt.datetime, out: IO[str]) -> None:
    """The summary a data analyst reads first: volumes, then findings by severity and rule."""
    out.write(f"Audit at {full(at)}\n\n")
    rows = [
        ("Records read", totals.records),
        ("Valid", totals.valid),
        ("Invalid (not audited)", totals.invalid),
        ("Open at audit time", totals.open),
        ("Findings", sum(totals.findings.values())),
    ]
    rows += [(f"  {sev}", totals.severities.get(sev, 0)) for sev in SEVERITY_ORDER]
    for label, value in rows:
        out.write(f"{label:<26}{value:>10,}\n")
    if not totals.findings:
        out.write("\nNo findings.\n")
        return
    out.write(f"\n{'Rule':<22}{'Severity':<10}{'Findings':>10}{'Records':>10}  Title\n")
    ordered = sorted(
        totals.findings.items(), key=lambda kv: (SEVERITY_ORDER[BY_ID[kv[0]].severity], -kv[1])
    )
    for rule_id, count in ordered:
        meta = BY_ID[rule_id]
        out.write(
            f"{rule_id:<22}{meta.severity:<10}{count:>10,}{totals.records_with[rule_id]:>10,}"
            f"  {meta.title}\n"
        )
