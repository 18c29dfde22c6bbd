"""``bridewell report governance`` and ``bridewell report scrutiny``: the monthly packs.

Both read either v1 JSON Lines files (``--from FILE``, no database needed) or the web
application's database, through :mod:`bridewell.insights.sources`, so a force can run them on
an export from its current system and get the pack it would get after importing it. The pack is
written as standalone HTML or as PDF (WeasyPrint) to ``--out``.

Exit status: 0; 2 for a usage error, an unreadable file, a missing pseudonym key or a database
error; 3 when records were left out as invalid (the pack is still written, and says on its
cover that its figures are incomplete). Progress goes to stderr.

The renderer (Django templates, matplotlib, WeasyPrint) is imported only when a pack is made,
so building the command line for ``bridewell audit`` and the other file commands never loads
Django.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from tqdm import tqdm

from bridewell.arguments import UsageError, instant
from bridewell.insights.cases import DEFAULT_CASES, Candidates, default_seed, sample
from bridewell.insights.pack import Collector, PackData, collect, parse_month
from bridewell.insights.pseudonyms import KeyMissing, Pseudonyms, load_key
from bridewell.insights.sources import Item, from_database, from_files
from bridewell.insights.suppression import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    from argparse import _SubParsersAction

    from bridewell.insights import render

EXIT_OK: Final = 0
EXIT_USAGE: Final = 2
EXIT_INCOMPLETE: Final = 3
FORMATS: Final = ("html", "pdf")

GOVERNANCE: Final = """\
The monthly governance pack for a custody management meeting (OFFICIAL-SENSITIVE): headline
figures for the month against the month before and the 12-month median, 13-month trends of
every KPI (docs/kpis.md) with charts, the suite comparison, disproportionality over 12 months
with 95% confidence intervals, every record with a breach finding, use-of-force governance
(from the database only) and an appendix of definitions.

Reads the database unless --from is given. Exit status 3 when records were left out as
invalid (the pack is written and says so), 2 for a usage error or unreadable file.

examples:
  bridewell report governance --month 2026-10 --format pdf --out october.pdf
  bridewell report governance --month 2026-10 --suite HOLD-A --from export.jsonl.gz \\
      --format html --out hold-a.html"""

SCRUTINY: Final = """\
The anonymised pack for the Police and Crime Commissioner's scrutiny panel and independent
custody visitors: figures by suite for the month and disproportionality over 12 months, with
every count below --suppress-below shown as "fewer than N" and further counts hidden so none
can be worked out by subtraction; and an ethnicity-blind sample of strip-search,
clothing-removal and use-of-force records drawn reproducibly (--seed), with pseudonymous ids.

Pseudonyms are keyed with the force's secret: set BRIDEWELL_PSEUDONYM_KEY or give --key-file
(an unkeyed hash of record ids could be reversed by anyone guessing ids). Free text in the
sample has the detainee's known names removed, but must be checked before publication.

examples:
  bridewell report scrutiny --month 2026-10 --format pdf --out panel.pdf
  bridewell report scrutiny --month 2026-10 --from export.jsonl --cases 8 --seed 2026-10/x \\
      --key-file /etc/bridewell/pseudonym.key --format html --out panel.html"""


def _month(text: str) -> str:
    try:
        parse_month(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _at_least(low: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}")
        return value

    return parse


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--month", type=_month, required=True, metavar="YYYY-MM", help="report month")
    p.add_argument("--suite", metavar="CODE", help="one suite (default: the whole force)")
    p.add_argument(
        "--from",
        dest="files",
        action="append",
        type=Path,
        metavar="FILE",
        help="read v1 JSON Lines files instead of the database (repeat for several)",
    )
    p.add_argument("--at", type=instant, help="evaluation time, with offset (default: now)")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", type=Path, required=True, metavar="FILE")


def add_parsers(subparsers: _SubParsersAction[Any]) -> None:
    """Add ``governance`` and ``scrutiny`` to the ``report`` command's subparsers."""
    g = subparsers.add_parser(
        "governance",
        help="monthly governance pack (HTML or PDF)",
        description=GOVERNANCE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(g)
    g.set_defaults(run=run_governance)
    s = subparsers.add_parser(
        "scrutiny",
        help="anonymised pack for the PCC scrutiny panel (HTML or PDF)",
        description=SCRUTINY,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(s)
    s.add_argument(
        "--suppress-below",
        type=_at_least(3),
        default=DEFAULT_THRESHOLD,
        metavar="N",
        help=f"show counts from 1 to N-1 as 'fewer than N' (default {DEFAULT_THRESHOLD})",
    )
    s.add_argument(
        "--cases",
        type=_at_least(0),
        default=DEFAULT_CASES,
        metavar="N",
        help=f"records of each kind in the case sample (default {DEFAULT_CASES})",
    )
    s.add_argument("--seed", help="seed of the case sample (default: the month and suite)")
    s.add_argument("--key-file", type=Path, metavar="FILE", help="the pseudonym key")
    s.set_defaults(run=run_scrutiny)


class _Reading:
    """The records of the files or the database, with a progress bar on stderr."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.files: list[Path] | None = args.files
        self.suite: str | None = args.suite
        self.database = self.files is None

    def check(self) -> None:
        for path in self.files or ():
            if not path.is_file():
                raise UsageError(f"cannot read {path}: no such file")

    def describe(self) -> str:
        if self.files is None:
            return "the Bridewell database"
        return (
            "v1 JSON Lines file"
            + ("s " if len(self.files) > 1 else " ")
            + ", ".join(str(p) for p in self.files)
        )

    def items(self, bar: tqdm[Any]) -> Iterable[Item]:
        if self.files is None:
            return from_database(None, bar.update)
        return from_files(self.files, bar.update)

    def total(self) -> int | None:
        if self.files is None:
            from bridewell.custody.models import CustodyRecord

            return CustodyRecord.objects.count()
        return sum(p.stat().st_size for p in self.files)


def _setup_django() -> None:
    """Django for the database and the use-of-force module (as ``reconcile`` sets it up)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bridewell.web.settings")
    import django

    django.setup()


def _read(
    reading: _Reading,
    args: argparse.Namespace,
    at: dt.datetime,
    each: Callable[..., object] = lambda record, f: None,
) -> PackData:
    with tqdm(
        total=reading.total(),
        unit="B" if reading.files else " records",
        unit_scale=bool(reading.files),
        desc="Reading",
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
        leave=False,
    ) as bar:
        return collect(reading.items(bar), Collector(args.month, args.suite, at), each)


def _write(args: argparse.Namespace, html: str) -> None:
    from bridewell.insights import render

    if args.format == "pdf":
        args.out.write_bytes(render.pdf(html))
    else:
        args.out.write_text(html, encoding="utf-8")


def _finish(name: str, data: PackData, out: Path) -> int:
    sys.stderr.write(
        f"bridewell report {name}: {data.records_read:,} records read, {data.left_out:,} "
        f"invalid and left out; written to {out}\n"
    )
    for problem in data.problems:
        sys.stderr.write(problem + "\n")
    if data.suite is not None and data.suite not in data.suites:
        sys.stderr.write(
            f"bridewell report {name}: no record of suite {data.suite} counts in {data.month}\n"
        )
    return EXIT_INCOMPLETE if data.left_out else EXIT_OK


def _prepare(name: str, args: argparse.Namespace) -> tuple[_Reading, dt.datetime] | int:
    reading = _Reading(args)
    try:
        reading.check()
        if args.out.parent and not args.out.parent.is_dir():
            raise UsageError(f"cannot write {args.out}: no such directory")
    except UsageError as exc:
        sys.stderr.write(f"bridewell report {name}: {exc}\n")
        return EXIT_USAGE
    if reading.database:
        _setup_django()
        from bridewell.web import clock

        now = clock.now()
    else:
        now = dt.datetime.now(dt.UTC)
    at: dt.datetime = args.at or now
    return reading, at


def _database_error(name: str, exc: Exception) -> int:
    sys.stderr.write(
        f"bridewell report {name}: database error ({exc}); has `manage.py migrate` been run?\n"
    )
    return EXIT_USAGE


def run_governance(args: argparse.Namespace) -> int:
    prepared = _prepare("governance", args)
    if isinstance(prepared, int):
        return prepared
    reading, at = prepared
    from bridewell.insights import render

    try:
        data = _read(reading, args, at)
        force = _force_figures(args.month, args.suite, at) if reading.database else None
        extra = _assurance(args.month, args.suite) if reading.database else [_no_assurance()]
    except _database_errors() as exc:
        return _database_error("governance", exc)
    source = render.Source(reading.describe(), reading.database)
    _write(args, render.governance_html(data, source, force=force, extra=extra))
    return _finish("governance", data, args.out)


def run_scrutiny(args: argparse.Namespace) -> int:
    try:
        pseudonym = Pseudonyms(load_key(args.key_file))
    except KeyMissing as exc:
        sys.stderr.write(f"bridewell report scrutiny: {exc}\n")
        return EXIT_USAGE
    prepared = _prepare("scrutiny", args)
    if isinstance(prepared, int):
        return prepared
    reading, at = prepared
    from bridewell.insights import render

    candidates = Candidates(args.month, args.suite)
    seed: str = args.seed or default_seed(args.month, args.suite)
    try:
        data = _read(reading, args, at, candidates.add)
        names = _names if reading.database else (lambda ids: {})
        drawn = sample(candidates, args.cases, seed, pseudonym, at, names)
    except _database_errors() as exc:
        return _database_error("scrutiny", exc)
    source = render.Source(reading.describe(), reading.database)
    html = render.scrutiny_html(data, source, drawn, threshold=args.suppress_below)
    _write(args, html)
    return _finish("scrutiny", data, args.out)


def _database_errors() -> tuple[type[Exception], ...]:
    from django.db import OperationalError, ProgrammingError

    return (OperationalError, ProgrammingError)


def _no_assurance() -> render.Section:
    """What a pack made from a file says in place of the quality assurance sections."""
    from bridewell.insights import render

    return render.Section(
        "Quality assurance",
        "<p>Dip samples, adverse incidents and recommendations are kept in Bridewell's database, "
        "so a pack made from a file has none of them. Run the pack on the database for them.</p>",
    )


def _assurance(month: str, suite: str | None) -> list[render.Section]:
    """The quality assurance sections (issue 7) of the month, from the database."""
    from bridewell.insights import render
    from bridewell.learning.governance import governance_figures, pack_html
    from bridewell.sampling import figures as dip

    suites = None if suite is None else [suite]
    return [
        render.Section("Dip sampling", dip.pack_html(dip.governance_figures(month, suites))),
        render.Section(
            "Incidents and recommendations", pack_html(governance_figures(month, suites))
        ),
    ]


def _names(record_ids: Sequence[str]) -> dict[str, list[str]]:
    """The names and aliases held for the detainees of ``record_ids`` (database only)."""
    from bridewell.custody.models import CustodyRecord

    found: dict[str, list[str]] = {}
    held = CustodyRecord.objects.filter(record_id__in=record_ids).select_related("person")
    for record in held.prefetch_related("person__aliases"):
        person = record.person
        names = [person.surname, person.forenames, *(a.name for a in person.aliases.all())]
        found[record.record_id] = [n for n in names if n]
    return found


def _force_figures(month: str, suite: str | None, at: dt.datetime) -> render.ForceFigures:
    """K-UF2-UF5 from the use-of-force module, for the month's incidents."""
    from bridewell.custody.models import Suite
    from bridewell.force import dashboard, reconciliation
    from bridewell.force.reconcile import Period
    from bridewell.force.stats import Proportion
    from bridewell.insights import render

    year, number = parse_month(month)
    period = Period.month(year, number)
    suites = list(Suite.objects.order_by("code"))
    if suite is not None:
        suites = [s for s in suites if s.code == suite]
    dashboard.prepare()
    governance = dashboard.governance(dashboard.Scope(tuple(suites), period.start, period.end, at))
    result = reconciliation.run(period, suites, at)
    rows = tuple(
        render.ForceRow(
            label=o.label,
            incidents=f"{o.incidents:,}",
            forms_complete=str(o.forms_complete),
            reviewed_on_time=str(o.reviewed_on_time),
            cctv_reviewed=str(o.cctv_reviewed),
        )
        for o in (*governance.suites, governance.total)
    )
    incidents = len(result.incidents)
    return render.ForceFigures(
        rows=rows,
        reconciled_incidents=f"{incidents:,}",
        with_report=str(Proportion(result.with_a_report, incidents)),
        every_officer=str(Proportion(result.complete, incidents)),
        custody_reports_matched=str(Proportion(result.matched, len(result.custody_reports))),
        outstanding_officers=f"{len(result.outstanding):,}",
        open_restraints=f"{len(result.open_restraints):,}",
    )
