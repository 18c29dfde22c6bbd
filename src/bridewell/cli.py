"""The ``bridewell`` command.

Exit status for ``audit``: 0 when every record was valid (and ``--fail-on`` was not met);
1 when ``--fail-on`` was met; 2 for a usage error or an unreadable file; 3 when some records were
invalid (the valid ones are still audited and reported). Invalid input outranks ``--fail-on``
because an audit with records missing is not a complete answer.

``import``, ``export``, ``verify``, ``reconcile`` and ``uof-return`` work on the web application's
database. They set Django up only when they run (``DJANGO_SETTINGS_MODULE`` defaults to
``bridewell.web.settings``), so the file-only commands never pay for it. ``import`` exits 3 when
some records were not imported (invalid, or already held); ``verify`` exits 1 when a hash chain
is broken; ``reconcile`` exits 1 when anything does not reconcile.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from tqdm import tqdm

from bridewell import rulebook
from bridewell.arguments import UsageError, day, instant, rate
from bridewell.audit import Totals, audit, summary_table
from bridewell.force import reconcile_command, return_command
from bridewell.insights import inspection_command, kpis_command, report_command
from bridewell.interchange.output import FORMATS, writer_for
from bridewell.interchange.reader import RecordError, Source
from bridewell.interchange.schema import record_schema
from bridewell.interchange.writer import open_output, write_records
from bridewell.rules.catalogue import SEVERITY_ORDER
from bridewell.rules.model import Record

if TYPE_CHECKING:
    from bridewell.synth import Planted

EXIT_OK: Final = 0
EXIT_FAIL_ON: Final = 1
EXIT_BROKEN: Final = 1
EXIT_USAGE: Final = 2
EXIT_INVALID: Final = 3
PARALLEL_FROM_BYTES: Final = 4_000_000


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="bridewell",
        description="Custody records and PACE compliance assurance for England and Wales.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    a = sub.add_parser(
        "audit",
        help="audit custody records in the v1 format and report findings",
        description="Audit custody records (JSON Lines, .gz or .json) against rule set v1.",
    )
    a.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    a.add_argument("--at", type=instant, help="evaluation time T, with offset (default: now)")
    a.add_argument("--format", choices=FORMATS, default="table")
    a.add_argument("--fail-on", choices=("breach", "warning"), help="exit 1 when found")
    a.add_argument("--summary", action="store_true", help="print the summary table only")
    a.add_argument(
        "--obligations", action="store_true", help="print what is due for open records instead"
    )
    a.add_argument(
        "--jobs",
        type=int,
        help="worker processes (default: one per CPU core for inputs over 4 MB, else 1)",
    )

    s = sub.add_parser(
        "synth",
        help="generate realistic synthetic custody records",
        description="Generate reproducible synthetic custody records in the v1 format.",
    )
    s.add_argument("--records", type=int, help="how many records (default: --days' worth)")
    s.add_argument("--days", type=float, help="cover this many days at a realistic rate")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--start", type=day, default=dt.date(2026, 10, 1), help="first day")
    s.add_argument("--suites", type=int, default=3)
    s.add_argument("--defects", type=rate, default=0.0, help="share of records with defects")
    s.add_argument("--as-of", type=instant, help="cut records at this instant (open records)")
    s.add_argument("--truth", type=Path, help="write the planted defects here (JSON Lines)")
    s.add_argument("--out", type=Path, help="output file (.jsonl or .jsonl.gz; default stdout)")

    sub.add_parser("schema", help="print the JSON Schema of the v1 record format")

    r = sub.add_parser("rules", help="list the rules of rule set v1")
    r.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    i = sub.add_parser(
        "import",
        help="load custody records into the database",
        description="Load v1 records (JSON Lines, .gz or .json) into the database. Each record is "
        "all or nothing; a record already held is refused, never duplicated.",
    )
    i.add_argument("paths", nargs="+", metavar="FILE", type=Path)

    e = sub.add_parser(
        "export",
        help="write the database's custody records as v1 JSON Lines",
        description="Write custody records from the database as v1 JSON Lines (gzip if the file "
        "name ends in .gz), in the order they were stored.",
    )
    e.add_argument("--out", type=Path, required=True, metavar="FILE")
    e.add_argument("--suite", metavar="CODE", help="only this suite's records")
    e.add_argument("--open", action="store_true", help="only records still open")

    sub.add_parser(
        "verify",
        help="recompute every record's hash chain and report any break",
        description="Recompute the hash chain of every custody record in the database; each break "
        "is printed as 'record X: event N: problem'. Exit status 1 when any is found.",
    )
    reconcile_command.add_parser(sub)
    return_command.add_parser(sub)
    kpis_command.add_parser(sub)
    report = sub.add_parser(
        "report",
        help="governance, scrutiny and inspection packs",
        description="Packs for a custody manager, a PCC scrutiny panel and an inspection team, "
        "from the database or from v1 JSON Lines files.",
    )
    packs = report.add_subparsers(dest="pack", required=True, metavar="PACK")
    report_command.add_parsers(packs)
    inspection_command.add_parser(packs)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "audit":
            return run_audit(args)
        if args.command == "synth":
            return run_synth(args)
        if args.command == "schema":
            json.dump(record_schema(), sys.stdout, indent=2)
            sys.stdout.write("\n")
            return EXIT_OK
        if args.command == "rules":
            sys.stdout.write(rulebook.render(args.format))
            return EXIT_OK
        if args.command == "kpis":
            return kpis_command.run(args)
        if args.command == "reconcile":
            return reconcile_command.run(args)
        if args.command == "uof-return":
            return return_command.run(args)
        if args.command == "report":
            run_pack: Callable[[argparse.Namespace], int] = args.run
            return run_pack(args)
        return run_database_command(args)
    except UsageError as exc:
        sys.stderr.write(f"bridewell {args.command}: {exc}\n")
        return EXIT_USAGE


def _readable(paths: Sequence[Path]) -> None:
    for path in paths:
        if not path.is_file():
            raise UsageError(f"cannot read {path}: no such file")
        try:
            path.open("rb").close()
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror}") from None


def run_audit(args: argparse.Namespace) -> int:
    _readable(args.paths)
    at = args.at or dt.datetime.now(dt.UTC)
    several = len(args.paths) > 1

    def on_error(name: str, error: RecordError) -> None:
        sys.stderr.write(f"{name}: {error}\n" if several else f"{error}\n")

    total_bytes = sum(p.stat().st_size for p in args.paths)
    writer = (
        _Discard()
        if args.summary
        else writer_for(args.format, sys.stdout.buffer, obligations=args.obligations)
    )
    with tqdm(
        total=total_bytes,
        unit="B",
        unit_scale=True,
        desc="Auditing",
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
        leave=False,
    ) as bar:
        totals = audit(
            args.paths,
            at,
            writer,
            on_error,
            obligations=args.obligations,
            progress=bar.update,  # type: ignore[arg-type]
            jobs=_jobs(args.jobs, total_bytes),
        )
    if args.summary:
        summary_table(totals, at, sys.stdout)
    else:
        sys.stderr.write(_one_line(totals) + "\n")
    if totals.invalid:
        return EXIT_INVALID
    worst = totals.worst()
    if args.fail_on == "breach" and worst == "breach":
        return EXIT_FAIL_ON
    if args.fail_on == "warning" and worst in ("breach", "warning"):
        return EXIT_FAIL_ON
    return EXIT_OK


def _jobs(asked: int | None, total_bytes: int) -> int:
    """Parallel only where it pays: starting worker processes costs a fraction of a second."""
    if asked is not None:
        if asked < 1:
            raise UsageError("--jobs must be at least 1")
        return asked
    return min(os.cpu_count() or 1, 8) if total_bytes > PARALLEL_FROM_BYTES else 1


def _one_line(totals: Totals) -> str:
    severities = ", ".join(f"{totals.severities.get(s, 0)} {s}" for s in SEVERITY_ORDER)
    return (
        f"{totals.records} records read ({totals.invalid} invalid, {totals.open} open); "
        f"{sum(totals.findings.values())} findings: {severities}"
    )


class _Discard:
    """A writer for ``--summary``: the findings are counted, not printed."""

    def finding(self, finding: object) -> None:
        return None

    def obligation(self, obligation: object) -> None:
        return None

    def close(self) -> None:
        return None


def _truth_line(planted: Planted) -> str:
    at = planted.at.isoformat().replace("+00:00", "Z") if planted.at else None
    return json.dumps({"record_id": planted.record_id, "rule": planted.rule, "at": at}) + "\n"


def run_synth(args: argparse.Namespace) -> int:
    from bridewell.synth import SynthOptions, generate, span_days
    from bridewell.synth.staff import SUITES

    if args.records is None and args.days is None:
        raise UsageError("give --records N or --days D")
    if not 1 <= args.suites <= len(SUITES):
        raise UsageError(f"--suites must be between 1 and {len(SUITES)}")
    records = args.records
    if records is None:
        records = max(1, round(args.days * 1000 / span_days(1000, args.suites)))
    options = SynthOptions(
        records=records,
        start=args.start,
        seed=args.seed,
        suites=args.suites,
        defects=args.defects,
        as_of=args.as_of,
    )
    truth = args.truth.open("w", encoding="utf-8") if args.truth else None
    out = open_output(args.out) if args.out else sys.stdout.buffer
    try:
        with tqdm(
            total=records,
            unit=" records",
            desc="Generating",
            file=sys.stderr,
            disable=not sys.stderr.isatty() or args.out is None,
            leave=False,
        ) as bar:

            def produced() -> Iterator[Record]:
                for record, planted in generate(options):
                    if truth is not None:
                        truth.writelines(_truth_line(p) for p in planted)
                    bar.update()
                    yield record

            write_records(produced(), out)
    finally:
        if truth is not None:
            truth.close()
        if args.out:
            out.close()
        else:
            out.flush()
    return EXIT_OK


def run_database_command(args: argparse.Namespace) -> int:
    """``import``, ``export`` or ``verify``: Django is set up here, never for the file commands."""
    if args.command == "import":
        _readable(args.paths)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bridewell.web.settings")
    import django
    from django.db import OperationalError, ProgrammingError

    django.setup()
    try:
        if args.command == "import":
            return run_import(args)
        if args.command == "export":
            return run_export(args)
        return run_verify()
    except (OperationalError, ProgrammingError) as exc:
        raise UsageError(f"database error ({exc}); has `manage.py migrate` been run?") from None


def run_import(args: argparse.Namespace) -> int:
    """Each valid record is imported in its own transaction; invalid ones are reported exactly
    as ``audit`` reports them, and a record already held is refused (and compared)."""
    from django.db import transaction

    from bridewell.custody.models import CustodyRecord
    from bridewell.custody.records import (
        AlreadyExists,
        RecordInvalid,
        export_record,
        import_record,
    )
    from bridewell.web import clock

    several = len(args.paths) > 1
    counts: Counter[str] = Counter()

    def report(name: str, text: str) -> None:
        sys.stderr.write(f"{name}: {text}\n" if several else f"{text}\n")

    total_bytes = sum(p.stat().st_size for p in args.paths)
    with tqdm(
        total=total_bytes,
        unit="B",
        unit_scale=True,
        desc="Importing",
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
        leave=False,
    ) as bar:
        for path in args.paths:
            with Source(path) as source:
                done = 0
                for item in source.items():
                    counts["read"] += 1
                    bar.update(source.position - done)
                    done = source.position
                    record = item.record
                    if record is None:
                        assert item.error is not None
                        counts["invalid"] += 1
                        report(source.name, str(item.error))
                        continue
                    try:
                        with transaction.atomic():
                            import_record(record, now=clock.now())
                    except AlreadyExists as exc:
                        held = CustodyRecord.objects.get(record_id=record.record_id)
                        same = export_record(held) == record
                        counts["refused"] += 1
                        copy = "identical" if same else "different from this one"
                        report(source.name, f"line {item.line}: {exc} (the copy held is {copy})")
                    except RecordInvalid as exc:
                        counts["invalid"] += 1
                        error = RecordError(item.line, record.record_id, exc.path, exc.message)
                        report(source.name, str(error))
                    else:
                        counts["imported"] += 1
    sys.stdout.write(
        f"{counts['read']} records read: {counts['imported']} imported, "
        f"{counts['refused']} refused (already held), {counts['invalid']} invalid\n"
    )
    return EXIT_INVALID if counts["refused"] or counts["invalid"] else EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from bridewell.custody.models import CustodyRecord, Suite
    from bridewell.custody.records import export_record

    held = CustodyRecord.objects.select_related("suite").order_by("pk")
    if args.suite is not None:
        if not Suite.objects.filter(code=args.suite).exists():
            raise UsageError(f"no suite with code {args.suite!r}")
        held = held.filter(suite__code=args.suite)
    if args.open:
        held = held.filter(is_open=True)
    out = open_output(args.out)
    try:
        count = write_records((export_record(r) for r in held.iterator(chunk_size=500)), out)
    finally:
        out.close()
    sys.stdout.write(f"{count} records written to {args.out}\n")
    return EXIT_OK


def run_verify() -> int:
    from bridewell.custody.models import CustodyRecord
    from bridewell.custody.records import verify

    checked = 0

    def counted() -> Iterator[CustodyRecord]:
        nonlocal checked
        for record in CustodyRecord.objects.order_by("pk").iterator(chunk_size=500):
            checked += 1
            yield record

    breaks = 0
    for found in verify(counted()):
        breaks += 1
        sys.stdout.write(f"{found}\n")
    if breaks:
        sys.stdout.write(f"{checked} records checked: {breaks} breaks in the hash chains\n")
        return EXIT_BROKEN
    sys.stdout.write(f"{checked} records checked: every hash chain is intact\n")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
