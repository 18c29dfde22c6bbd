"""``bridewell reconcile``: the use-of-force reconciliation from the command line.

The same reconciliation as the web page, for a scheduled job: exit status 0 when everything
reconciles, 1 when an officer named by a custody record has no submitted report (and no form
held elsewhere), a custody-block report matches no custody record, or a restraint has no end;
2 for a usage or database error. ``--format csv`` writes one row per officer named, per
custody-block report and per restraint without an end, for a spreadsheet or another system.
Django is set up only when the command runs, as for the other database commands.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import sys
from typing import TYPE_CHECKING, Any, Final, TextIO

from bridewell.arguments import day
from bridewell.force.reconcile import Period, Reconciliation, Status
from bridewell.rules import localtime

if TYPE_CHECKING:
    from argparse import _SubParsersAction

EXIT_OK: Final = 0
EXIT_OUTSTANDING: Final = 1
EXIT_USAGE: Final = 2
COLUMNS: Final = (
    "item",
    "status",
    "suite",
    "incident_ref",
    "record_id",
    "report_ref",
    "staff_id",
    "at",
    "detail",
)


def _month(text: str) -> Period:
    try:
        year, month = (int(p) for p in text.split("-"))
        return Period.month(year, month)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a month (YYYY-MM): {text!r}") from None


def add_parser(subparsers: _SubParsersAction[Any]) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subparsers.add_parser(
        "reconcile",
        help="reconcile custody records with use-of-force reports",
        description="Reconcile custody records with officers' use-of-force reports for a period "
        "(UK calendar days; default: the current month): officers named without a report, "
        "custody-block reports matching no custody record within 2 hours, and restraint "
        "without an end. Exit status 1 when anything needs following up.",
    )
    p.add_argument("--month", type=_month, metavar="YYYY-MM", help="a calendar month")
    p.add_argument("--from", dest="first", type=day, metavar="DATE", help="first day included")
    p.add_argument("--to", dest="after", type=day, metavar="DATE", help="first day NOT included")
    p.add_argument(
        "--suite",
        action="append",
        metavar="CODE",
        help="only this suite (repeat for several; default: every suite)",
    )
    p.add_argument("--format", choices=("table", "csv"), default="table")
    return p


def period(args: argparse.Namespace, now: dt.datetime) -> Period:
    """The period asked for; ValueError with the words to show when the options conflict."""
    if args.month is not None:
        if args.first or args.after:
            raise ValueError("give either --month or --from and --to, not both")
        month: Period = args.month
        return month
    if args.first or args.after:
        if not (args.first and args.after):
            raise ValueError("--from and --to go together")
        if args.after <= args.first:
            raise ValueError("--to must be after --from (it is the first day not included)")
        return Period.days(args.first, args.after)
    return Period.month_of(now)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bridewell.web.settings")
    import django
    from django.db import OperationalError, ProgrammingError

    django.setup()

    from bridewell.custody.models import Suite
    from bridewell.force import reconciliation
    from bridewell.web import clock

    now = clock.now()
    try:
        wanted = period(args, now)
        suites = list(Suite.objects.order_by("code"))
        if args.suite:
            unknown = sorted(set(args.suite) - {s.code for s in suites})
            if unknown:
                raise ValueError(f"no suite with code {', '.join(map(repr, unknown))}")
            suites = [s for s in suites if s.code in args.suite]
        result = reconciliation.run(wanted, suites, now)
    except ValueError as exc:
        sys.stderr.write(f"bridewell reconcile: {exc}\n")
        return EXIT_USAGE
    except (OperationalError, ProgrammingError) as exc:
        sys.stderr.write(
            f"bridewell reconcile: database error ({exc}); has `manage.py migrate` been run?\n"
        )
        return EXIT_USAGE
    if args.format == "csv":
        write_csv(result, sys.stdout)
    else:
        write_table(result, sys.stdout)
    return EXIT_OK if result.reconciles else EXIT_OUTSTANDING


def rows(result: Reconciliation) -> list[dict[str, str]]:
    """Every item reconciled, one row each, times in UTC (ISO 8601)."""
    found: list[dict[str, str]] = []
    for incident in result.incidents:
        e = incident.event
        for o in incident.officers:
            detail = f"form {o.form_ref}" if o.form_ref else ""
            if o.report_ref and not o.linked:
                detail = "reported separately"
            found.append(
                {
                    "item": "officer",
                    "status": o.status.value,
                    "suite": e.suite,
                    "incident_ref": e.incident_ref,
                    "record_id": e.record_id,
                    "report_ref": o.report_ref,
                    "staff_id": o.staff_id,
                    "at": e.at.isoformat(),
                    "detail": detail,
                }
            )
    for m in result.custody_reports:
        r = m.report
        found.append(
            {
                "item": "custody_report",
                "status": "matched" if m.event else "unmatched",
                "suite": " ".join(sorted(r.suites)),
                "incident_ref": m.event.incident_ref if m.event else r.incident_ref,
                "record_id": m.event.record_id if m.event else "",
                "report_ref": r.report_ref,
                "staff_id": r.staff_id,
                "at": r.occurred_at.isoformat() if r.occurred_at else "",
                "detail": m.reason,
            }
        )
    for restraint in result.open_restraints:
        found.append(
            {
                "item": "restraint",
                "status": "open",
                "suite": restraint.suite,
                "incident_ref": "",
                "record_id": restraint.record_id,
                "report_ref": "",
                "staff_id": "",
                "at": restraint.at.isoformat(),
                "detail": restraint.kind + (" (still in custody)" if restraint.in_custody else ""),
            }
        )
    for r in result.reports_without_restraint_end:
        started = r.restraint_started_at
        found.append(
            {
                "item": "report_restraint",
                "status": "open",
                "suite": " ".join(sorted(r.suites)),
                "incident_ref": r.incident_ref,
                "record_id": "",
                "report_ref": r.report_ref,
                "staff_id": r.staff_id,
                "at": started.isoformat() if started else "",
                "detail": "restraint start given, no end",
            }
        )
    return found


def write_csv(result: Reconciliation, out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(result))


def _percent(value: float | None) -> str:
    return "" if value is None else f" ({value:.0f}%)"


def write_table(result: Reconciliation, out: TextIO) -> None:
    """A summary, then each thing to follow up; times in UK local time."""
    n = len(result.incidents)
    officers = result.officers
    summary = [
        ("Uses of force on custody records", str(n)),
        (
            "  every officer has reported (K-UF2)",
            f"{result.complete}{_percent(result.complete_share)}",
        ),
        (
            "  at least one report (K-UF3 a)",
            f"{result.with_a_report}{_percent(result.reported_share)}",
        ),
        (
            "Officers named",
            f"{officers[Status.REPORTED]} submitted, {officers[Status.IN_PROGRESS]} draft only, "
            f"{officers[Status.FORM_ELSEWHERE]} form held elsewhere, "
            f"{officers[Status.MISSING]} missing",
        ),
        ("Custody-block reports", str(len(result.custody_reports))),
        (
            "  matched to a custody record (K-UF3 b)",
            f"{result.matched}{_percent(result.matched_share)}",
        ),
        (
            "Restraint with no recorded end",
            f"{len(result.open_restraints)} on custody records, "
            f"{len(result.reports_without_restraint_end)} in reports",
        ),
    ]
    lines = [
        f"Use of force reconciliation: {result.period.label} (UK time), "
        f"suites {', '.join(result.suites) or 'none'}",
        "",
        *(f"{label + ':':<42}{value}" for label, value in summary),
    ]
    if result.outstanding:
        lines += ["", "Officers without a submitted report:"]
        lines += [
            f"  {i.event.incident_ref}  {localtime.full(i.event.at)}  {o.staff_id}  "
            f"{o.status.label.lower()}"
            for i, o in result.outstanding
        ]
    if result.forms_elsewhere:
        lines += ["", "Forms held elsewhere (check them there):"]
        lines += [
            f"  {i.event.incident_ref}  {localtime.full(i.event.at)}  {o.staff_id}  "
            f"form {o.form_ref}"
            for i, o in result.forms_elsewhere
        ]
    if result.unmatched:
        lines += ["", "Custody-block reports matching no custody record:"]
        lines += [
            f"  {m.report.report_ref}  "
            f"{localtime.full(m.report.occurred_at) if m.report.occurred_at else '-'}  "
            f"{m.report.staff_id}  {m.reason}"
            for m in result.unmatched
        ]
    if result.open_restraints:
        lines += ["", "Restraint on custody records with no removal recorded:"]
        lines += [
            f"  {r.record_id}  {localtime.full(r.at)}  {r.kind}"
            + ("  (still in custody)" if r.in_custody else "")
            for r in result.open_restraints
        ]
    if result.reports_without_restraint_end:
        lines += ["", "Reports with a restraint start and no end:"]
        lines += [
            f"  {r.report_ref}  {r.staff_id}"
            + (
                f"  started {localtime.full(r.restraint_started_at)}"
                if r.restraint_started_at
                else ""
            )
            for r in result.reports_without_restraint_end
        ]
    lines += [
        "",
        "Everything reconciles." if result.reconciles else "Items above need following up.",
    ]
    out.write("\n".join(lines) + "\n")
