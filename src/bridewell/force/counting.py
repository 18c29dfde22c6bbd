"""The Home Office annual data requirement, counted from officers' reports the Home Office way.

The unit of count is one submitted report: one officer's use of force on one person in one
incident, so an incident with three officers is three reports. Within a report a tactic counts
once, a conducted energy device only at its highest level, and tactical communication not at
all; a report with nothing else is not a use of force and is left out (and said to be). Reasons,
impact factors, outcomes and locations are multi-select, so each has a 0/1 column per code.
Drafts are not counted. A report belongs to the financial year in which force was used, 1 April
00:00 to 1 April 00:00 on the UK clock. (use-of-force-fields.md, "Counting rules".)

Forces and inspectors also count incidents, so a companion file has one row per incident: how
many reports it has, which officers the custody record names and whose reports are missing.

Pure: no Django, no clock. The command (``return_command``) loads the database into
:class:`Filed` and :class:`Happened` and writes what :func:`count` returns.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, TextIO

from bridewell.force.codes import (
    IMPACT_FACTORS,
    LOCATIONS,
    NOT_FORCE,
    OUTCOMES,
    REASONS,
    TACTICS,
)
from bridewell.force.report import ReportData, counted_tactics
from bridewell.rules.localtime import LONDON, local_date

COUNTED_TACTICS: Final[tuple[str, ...]] = tuple(t for t in TACTICS if t != NOT_FORCE)
"""Every tactic the return counts, in the order of ``codes.TACTICS``."""

_MULTI: Final[tuple[tuple[str, str, Sequence[str]], ...]] = (
    ("tactic", "tactics", COUNTED_TACTICS),
    ("reason", "reasons", tuple(REASONS)),
    ("impact", "impact_factors", tuple(IMPACT_FACTORS)),
    ("outcome", "outcomes", tuple(OUTCOMES)),
    ("location", "locations", tuple(LOCATIONS)),
)
"""(column prefix, ReportData field, codes): the multi-select answers, one 0/1 column a code."""

_SINGLE: Final[tuple[str, ...]] = (
    "subject_age",
    "subject_gender",
    "subject_ethnicity",
    "subject_health",
    "officer_injured",
    "officer_assaulted",
    "officer_injury_level",
    "subject_injured",
    "subject_injury_level",
    "medical_assistance_offered",
)

REPORT_COLUMNS: Final[tuple[str, ...]] = (
    "report_ref",
    "incident_ref",
    "date",
    "suite",
    "in_custody_block",
    *(f"{prefix}_{code}" for prefix, _, codes in _MULTI for code in codes),
    *_SINGLE,
)
"""The report-level file's header: fixed, whatever the year holds, so files compare."""

INCIDENT_COLUMNS: Final[tuple[str, ...]] = (
    "incident_ref",
    "date",
    "suite",
    "custody_record",
    "in_custody",
    "officers_named",
    "reports_counted",
    "reports_missing",
    "missing_staff_ids",
    *(f"tactic_{code}" for code in COUNTED_TACTICS),
)
"""The incident-level file's header; its tactics are every tactic counted in any of the
incident's reports (each officer's own highest CED level)."""


@dataclass(frozen=True)
class FinancialYear:
    """A financial year such as 2026/27: 1 April 2026 00:00 to 1 April 2027 00:00, UK time."""

    first: int

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        """``2026/27``; anything else (``2026``, ``2026/28``, ``2026-27``) is refused."""
        found = re.fullmatch(r"(\d{4})/(\d{2})", text.strip())
        if found is None or (int(found[1]) + 1) % 100 != int(found[2]):
            raise ValueError(
                f"{text!r} is not a financial year: write the year it starts and the two "
                "digits of the next, for example 2026/27"
            )
        return cls(int(found[1]))

    @property
    def label(self) -> str:
        return f"{self.first}/{(self.first + 1) % 100:02d}"

    @property
    def slug(self) -> str:
        """``2026-27``, for file names."""
        return self.label.replace("/", "-")

    @property
    def start(self) -> dt.datetime:
        return dt.datetime(self.first, 4, 1, tzinfo=LONDON).astimezone(dt.UTC)

    @property
    def end(self) -> dt.datetime:
        """The first instant of the next year (not in this one)."""
        return dt.datetime(self.first + 1, 4, 1, tzinfo=LONDON).astimezone(dt.UTC)

    def holds(self, at: dt.datetime) -> bool:
        return self.start <= at < self.end


@dataclass(frozen=True)
class Filed:
    """One officer's report as the return reads it.

    ``occurred_at`` is when force was used by the report (for a draft without one, the
    incident's time); ``suite`` is the custody suite's code, empty outside custody."""

    report_ref: str
    incident_ref: str
    staff_id: str
    submitted: bool
    occurred_at: dt.datetime
    suite: str
    data: ReportData


@dataclass(frozen=True)
class Happened:
    """An incident: ``officers_named`` are those its custody record names (none outside it)."""

    incident_ref: str
    occurred_at: dt.datetime
    suite: str = ""
    record_id: str = ""
    officers_named: tuple[str, ...] = ()

    @property
    def in_custody(self) -> bool:
        return bool(self.record_id)


@dataclass
class Totals:
    """What the year holds, and what was left out and why."""

    reports: int = 0
    """Reports counted: submitted, in the year, with at least one counted tactic."""
    incidents: int = 0
    """Incidents with at least one counted report."""
    in_custody_block: int = 0
    """Counted reports with the location ‘custody block’."""
    tactics: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTED_TACTICS, 0))
    """For each tactic, the counted reports that used it."""
    drafts: int = 0
    """Reports of force in the year still in draft: not counted."""
    not_force: int = 0
    """Submitted reports whose only tactic was tactical communication: not a use of force."""
    incidents_without_report: int = 0
    """Custody incidents in the year with no counted report."""
    reports_missing: int = 0
    """Officers named by a custody record in the year who have not submitted a report."""


@dataclass
class Return:
    """The two files' rows (in their headers' order) and the totals."""

    reports: list[dict[str, str]]
    incidents: list[dict[str, str]]
    totals: Totals


def count(year: FinancialYear, filed: Iterable[Filed], happened: Iterable[Happened]) -> Return:
    """Count the reports of force used in ``year``; ``happened`` are their incidents and the
    custody incidents of the year (those with none counted are listed as such)."""
    totals = Totals()
    counted: dict[str, list[tuple[Filed, list[str]]]] = {}
    submitted: dict[str, set[str]] = {}
    rows: list[dict[str, str]] = []
    in_year = sorted(
        (r for r in filed if year.holds(r.occurred_at)),
        key=lambda r: (r.occurred_at, r.report_ref),
    )
    for report in in_year:
        if not report.submitted:
            totals.drafts += 1
            continue
        submitted.setdefault(report.incident_ref, set()).add(report.staff_id)
        tactics = counted_tactics(list(report.data.tactics))
        if not tactics:
            totals.not_force += 1
            continue
        counted.setdefault(report.incident_ref, []).append((report, tactics))
        rows.append(_report_row(report, tactics))
        totals.reports += 1
        totals.in_custody_block += int(report.data.in_custody)
        for tactic in tactics:
            totals.tactics[tactic] += 1
    totals.incidents = len(counted)

    incidents: list[dict[str, str]] = []
    for incident in sorted(
        {i.incident_ref: i for i in happened}.values(),
        key=lambda i: (i.occurred_at, i.incident_ref),
    ):
        theirs = counted.get(incident.incident_ref, [])
        if not theirs and not (incident.officers_named and year.holds(incident.occurred_at)):
            continue
        missing = [
            o
            for o in incident.officers_named
            if o not in submitted.get(incident.incident_ref, set())
        ]
        totals.reports_missing += len(missing)
        totals.incidents_without_report += int(not theirs)
        incidents.append(_incident_row(incident, theirs, missing))
    return Return(rows, incidents, totals)


def _flags(chosen: Iterable[str], codes: Sequence[str], prefix: str) -> dict[str, str]:
    picked = set(chosen)
    return {f"{prefix}_{code}": "1" if code in picked else "0" for code in codes}


def _answer(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _report_row(report: Filed, tactics: list[str]) -> dict[str, str]:
    data = report.data
    row = {
        "report_ref": report.report_ref,
        "incident_ref": report.incident_ref,
        "date": local_date(report.occurred_at).isoformat(),
        "suite": report.suite,
        "in_custody_block": "1" if data.in_custody else "0",
    }
    for prefix, name, codes in _MULTI:
        chosen = tactics if name == "tactics" else getattr(data, name)
        row.update(_flags(chosen, codes, prefix))
    row.update({name: _answer(getattr(data, name)) for name in _SINGLE})
    return row


def _incident_row(
    incident: Happened, counted: list[tuple[Filed, list[str]]], missing: list[str]
) -> dict[str, str]:
    tactics = {t for _, used in counted for t in used}
    return {
        "incident_ref": incident.incident_ref,
        "date": local_date(incident.occurred_at).isoformat(),
        "suite": incident.suite,
        "custody_record": incident.record_id,
        "in_custody": "1" if incident.in_custody else "0",
        "officers_named": str(len(incident.officers_named)),
        "reports_counted": str(len(counted)),
        "reports_missing": str(len(missing)),
        "missing_staff_ids": " ".join(missing),
        **_flags(tactics, COUNTED_TACTICS, "tactic"),
    }


def write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[Mapping[str, str]]) -> None:
    """The rows under their header, as RFC 4180 CSV (``out`` opened with ``newline=""``); a row
    with a column not in the header is a bug, and raises."""
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="raise")
    writer.writeheader()
    writer.writerows(rows)


def tactic_counts(totals: Totals) -> list[tuple[str, int]]:
    """(label, reports) for every counted tactic, in the Home Office order."""
    return [(TACTICS[code], n) for code, n in totals.tactics.items()]
