"""``bridewell uof-return``: the Home Office use-of-force return for a financial year, as CSV.

Writes ``uof-return-2026-27-reports.csv`` (one row per counted report) and
``uof-return-2026-27-incidents.csv`` (one row per incident) into ``--out``, and prints the
totals, including what was left out and why. The counting is :mod:`bridewell.force.counting`;
this module only reads the database into it. Django is set up when the command runs, never when
``bridewell`` starts, so the file-only commands do not pay for it.

Exit status: 0 when the files were written; 2 for a usage error (a malformed year, an unknown
suite, an output directory that cannot be written, or a database that is not set up).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bridewell.force.counting import (
    INCIDENT_COLUMNS,
    REPORT_COLUMNS,
    Filed,
    FinancialYear,
    Happened,
    Return,
    count,
    tactic_counts,
    write_csv,
)

if TYPE_CHECKING:
    from bridewell.force.models import Incident

EXIT_OK = 0
EXIT_USAGE = 2


def financial_year(text: str) -> FinancialYear:
    try:
        return FinancialYear.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``uof-return`` to the ``bridewell`` command's subparsers."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "uof-return",
        help="write the Home Office use-of-force return for a financial year as CSV",
        description="Count officers' use-of-force reports the Home Office way (a report per "
        "officer per person per incident; a tactic once per report; a Taser at its highest "
        "level; tactical communication not counted; drafts not counted) for a financial year, "
        "and write a report-level and an incident-level CSV file.",
    )
    p.add_argument(
        "--year",
        type=financial_year,
        required=True,
        metavar="YYYY/YY",
        help="financial year, e.g. 2026/27 (1 April 2026 to 31 March 2027, UK time)",
    )
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="directory to write to")
    p.add_argument("--suite", metavar="CODE", help="only reports of force in this custody suite")
    return p


def run(args: argparse.Namespace) -> int:
    """Count the year and write the files; Django is set up here."""
    out: Path = args.out
    if out.exists() and not out.is_dir():
        return _usage(f"{out} is not a directory")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bridewell.web.settings")
    import django
    from django.db import OperationalError, ProgrammingError

    django.setup()
    from bridewell.custody.models import Suite
    from bridewell.force import incidents

    try:
        if args.suite is not None and not Suite.objects.filter(code=args.suite).exists():
            return _usage(f"no suite with code {args.suite!r}")
        incidents.sync()
        counted = count(args.year, *_load(args.year, args.suite))
    except (OperationalError, ProgrammingError) as exc:
        return _usage(f"database error ({exc}); has `manage.py migrate` been run?")
    try:
        out.mkdir(parents=True, exist_ok=True)
        written = _write(out, args.year, counted)
    except OSError as exc:
        return _usage(f"cannot write to {out}: {exc.strerror}")
    sys.stdout.write(totals_table(args.year, args.suite, counted))
    sys.stdout.writelines(f"Written: {path}\n" for path in written)
    return EXIT_OK


def _usage(message: str) -> int:
    sys.stderr.write(f"bridewell uof-return: {message}\n")
    return EXIT_USAGE


def _load(year: FinancialYear, suite: str | None) -> tuple[list[Filed], list[Happened]]:
    """The reports of force in the year (a draft without a time by its incident's) and their
    incidents, with the custody incidents of the year, in one suite or the whole force."""
    from django.db.models import Q

    from bridewell.force.models import Incident, Report

    in_year = Q(occurred_at__gte=year.start, occurred_at__lt=year.end)
    reports = Report.objects.filter(
        in_year
        | Q(
            occurred_at__isnull=True,
            incident__occurred_at__gte=year.start,
            incident__occurred_at__lt=year.end,
        )
    ).select_related("incident__suite")
    custody = Incident.objects.filter(in_year, involvements__isnull=False)
    if suite is not None:
        reports = reports.filter(incident__suite__code=suite)
        custody = custody.filter(suite__code=suite)
    filed: list[Filed] = []
    for report in reports.iterator(chunk_size=1000):
        incident = report.incident
        filed.append(
            Filed(
                report_ref=report.report_ref,
                incident_ref=incident.incident_ref,
                staff_id=report.staff_id,
                submitted=report.submitted,
                occurred_at=report.occurred_at or incident.occurred_at,
                suite=incident.suite.code if incident.suite else "",
                data=report.answers,
            )
        )
    wanted = (
        Incident.objects.filter(
            Q(pk__in=reports.values("incident")) | Q(pk__in=custody.values("pk"))
        )
        .select_related("suite", "record")
        .prefetch_related("involvements")
    )
    return filed, [_happened(i) for i in wanted.iterator(chunk_size=1000)]


def _happened(incident: Incident) -> Happened:
    return Happened(
        incident_ref=incident.incident_ref,
        occurred_at=incident.occurred_at,
        suite=incident.suite.code if incident.suite else "",
        record_id=incident.record.record_id if incident.record else "",
        officers_named=tuple(i.staff_id for i in incident.involvements.all()),
    )


def _write(out: Path, year: FinancialYear, counted: Return) -> list[Path]:
    files = (
        (out / f"uof-return-{year.slug}-reports.csv", REPORT_COLUMNS, counted.reports),
        (out / f"uof-return-{year.slug}-incidents.csv", INCIDENT_COLUMNS, counted.incidents),
    )
    for path, columns, rows in files:
        with path.open("w", encoding="utf-8", newline="") as f:
            write_csv(f, columns, rows)
    return [path for path, _, _ in files]


def totals_table(year: FinancialYear, suite: str | None, counted: Return) -> str:
    """The totals as a plain-text table: what was counted, then what was not and why."""
    t = counted.totals
    where = f"suite {suite}" if suite else "the whole force"
    lines = [
        f"Use of force, financial year {year.label} "
        f"(1 April {year.first} to 31 March {year.first + 1}, UK time), {where}",
        "",
    ]
    rows = [
        ("Reports counted (one officer, one person, one incident)", t.reports),
        ("Incidents with a counted report", t.incidents),
        ("Counted reports in the custody block", t.in_custody_block),
        ("Not counted: drafts (not submitted)", t.drafts),
        ("Not counted: tactical communication only (not a use of force)", t.not_force),
        ("Custody incidents with no counted report", t.incidents_without_report),
        ("Reports missing (officers named by a custody record)", t.reports_missing),
    ]
    tactics = tactic_counts(t)
    width = max(len(label) for label, _ in rows + tactics)
    lines += [f"{label:<{width}}  {n:>7,}" for label, n in rows]
    lines += ["", f"{'Tactic (reports using it)':<{width}}  {'Reports':>7}"]
    lines += [f"{label:<{width}}  {n:>7,}" for label, n in tactics]
    return "\n".join(lines) + "\n"
