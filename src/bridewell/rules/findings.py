"""What an assessment says: findings (breaches that happened) and obligations (what is due next)."""

from __future__ import annotations

import datetime as dt

from msgspec import Struct

from bridewell.rules.catalogue import Severity, rule


class Finding(Struct, frozen=True, kw_only=True):
    """One breach, in the output format of the spec: rule, when it began, the law, the proof."""

    record_id: str
    rule: str
    severity: Severity
    at: dt.datetime
    due: dt.datetime | None
    source: str
    message: str
    events: list[str]


class Obligation(Struct, frozen=True, kw_only=True):
    """Something due for an open record: the board sorts on ``due``; past due means a finding."""

    record_id: str
    rule: str
    due: dt.datetime
    message: str
    events: list[str] = []


class Report:
    """Collects a record's findings and obligations, filling in metadata from the catalogue."""

    def __init__(self, record_id: str) -> None:
        self.record_id = record_id
        self.findings: list[Finding] = []
        self.obligations: list[Obligation] = []

    def finding(
        self,
        rule_id: str,
        at: dt.datetime,
        message: str,
        events: list[str],
        due: dt.datetime | None = None,
    ) -> None:
        meta = rule(rule_id)
        self.findings.append(
            Finding(
                record_id=self.record_id,
                rule=rule_id,
                severity=meta.severity,
                at=at,
                due=due,
                source=meta.source,
                message=message,
                events=events,
            )
        )

    def obligation(
        self, rule_id: str, due: dt.datetime, message: str, events: list[str] | None = None
    ) -> None:
        self.obligations.append(
            Obligation(
                record_id=self.record_id,
                rule=rule_id,
                due=due,
                message=message,
                events=events or [],
            )
        )
