"""``assess(record, at)``: the one entry point of the rules engine.

Pure: everything it needs is an argument. The CLI, the web app, the API and batch reports all call
this, so a finding means the same thing wherever it is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final

from msgspec import Struct

from bridewell.rules import model as m
from bridewell.rules.checks import MODULES
from bridewell.rules.clock import DetentionClock
from bridewell.rules.config import DEFAULT, RuleConfig
from bridewell.rules.context import Context
from bridewell.rules.findings import Finding, Obligation, Report
from bridewell.rules.timeline import Timeline

CHECKS: Final[tuple[Callable[[Context], None], ...]] = tuple(module.check for module in MODULES)


class ClockState(Struct, frozen=True, kw_only=True):
    """The detention clock as people need to see it (PACE records only)."""

    relevant_time: dt.datetime
    relevant_basis: str
    relevant_event: str
    hospital_time: dt.timedelta
    elapsed: dt.timedelta
    charged_at: dt.datetime | None
    limit: dt.datetime
    limit_rule: str
    limit_label: str


class Assessment(Struct, frozen=True, kw_only=True):
    record_id: str
    at: dt.datetime
    open: bool
    clock: ClockState | None
    findings: list[Finding]
    obligations: list[Obligation]


def assess(record: m.Record, at: dt.datetime, config: RuleConfig = DEFAULT) -> Assessment:
    """Findings up to ``at`` and, for an open record, what is due next."""
    tl = Timeline(record, at)
    clock = DetentionClock(tl) if tl.is_pace else None
    report = Report(record.record_id)
    ctx = Context(tl, clock, config, report)
    for check in CHECKS:
        check(ctx)
    # Ties are broken by the proving events, so the order never depends on the file's order.
    report.findings.sort(key=lambda f: (f.at, f.rule, f.events))
    report.obligations.sort(key=lambda o: (o.due, o.rule, o.events))
    return Assessment(
        record_id=record.record_id,
        at=tl.at,
        open=tl.is_open,
        clock=_clock_state(clock),
        findings=report.findings,
        obligations=report.obligations if tl.is_open else [],
    )


def _clock_state(clock: DetentionClock | None) -> ClockState | None:
    if clock is None or clock.relevant_time is None or clock.relevant_event is None:
        return None
    limit = clock.limit
    assert limit is not None
    return ClockState(
        relevant_time=clock.relevant_time,
        relevant_basis=clock.relevant_basis,
        relevant_event=clock.relevant_event.id,
        hospital_time=sum((iv.duration for iv in clock.hospital_time), dt.timedelta(0)),
        elapsed=clock.elapsed(clock.pre_charge_end),
        charged_at=clock.tl.charge_at,
        limit=limit.due,
        limit_rule=limit.rule,
        limit_label=limit.label,
    )
