"""``bridewell report inspection``: the data pack an inspection team asks for, as CSV files.

Reads the records (the database, or v1 files with ``--records``), keeps those whose detention
authorisation falls in the UK calendar days asked for, and writes one CSV per topic with a row
per suite and a force-wide row (:mod:`bridewell.insights.inspection`), ``manifest.csv`` and a
one-page summary. Invalid records are reported on stderr as ``audit`` reports them and left
out; the pack is still written, says so, and the exit status is 3. The figures are not
suppressed: the pack is for the inspectorate, and the summary marks it OFFICIAL-SENSITIVE.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import html
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from tqdm import tqdm

from bridewell.arguments import UsageError, day, instant
from bridewell.insights.facts import facts
from bridewell.insights.inspection import (
    FORCE_WIDE,
    Builder,
    Figures,
    Headline,
    Period,
    Table,
    headlines,
    tables,
)
from bridewell.insights.sources import Item, from_database, from_files
from bridewell.rules.engine import assess
from bridewell.rules.localtime import full

if TYPE_CHECKING:
    from argparse import _SubParsersAction

EXIT_OK: Final = 0
EXIT_USAGE: Final = 2
EXIT_INVALID: Final = 3
MARKING: Final = "OFFICIAL-SENSITIVE"
MANIFEST: Final = "manifest.csv"
MANIFEST_COLUMNS: Final = ("file", "topic", "rows_count", "kpis", "definitions")
DEFINITIONS: Final = "docs/inspection-pack.md; docs/kpis.md"

DESCRIPTION: Final = """\
The inspection data pack: figures an inspection team asks for, for the UK calendar days
--from to --to (both included), as CSV files with a row per suite and a force-wide row, a
manifest.csv and a one-page summary (summary.html, summary.md). A record counts when its
detention authorisation falls in the period (UK time); records are read as they stood at
--at (default: now). The columns are defined in docs/inspection-pack.md.

Without --records the records come from the database; with --records, from v1 JSON Lines
files (.jsonl, .jsonl.gz or .json), and no database is needed.

Figures are NOT suppressed: the pack is for the inspectorate (OFFICIAL-SENSITIVE).

Invalid records are reported on stderr as 'line N: record ID: $.path: message' and left out;
the pack is still written and says how many, and the exit status is 3. Exit status 2 for a
usage error, an unreadable file, or an output folder that is not empty (use --force).

example:
  bridewell report inspection --from 2026-04-01 --to 2026-09-30 --out pack/
  bridewell report inspection --from 2026-10-01 --to 2026-10-31 --records oct.jsonl.gz --out p/"""


class Read(NamedTuple):
    """What a run read: the figures, records read, left out as invalid, outside the period."""

    figures: Figures
    records: int
    invalid: int
    outside: int


def add_parser(subparsers: _SubParsersAction[Any]) -> argparse.ArgumentParser:
    """Add ``inspection`` to the ``report`` command's subparsers."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "inspection",
        help="the inspection data pack (CSV files and a summary) for a period",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--from",
        dest="first",
        type=day,
        required=True,
        metavar="DATE",
        help="first UK calendar day included (YYYY-MM-DD)",
    )
    p.add_argument(
        "--to",
        dest="last",
        type=day,
        required=True,
        metavar="DATE",
        help="last UK calendar day included (YYYY-MM-DD)",
    )
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write")
    p.add_argument(
        "--records",
        action="append",
        type=Path,
        metavar="FILE",
        help="read v1 JSON Lines files instead of the database (repeat for several)",
    )
    p.add_argument(
        "--suite",
        action="append",
        metavar="CODE",
        help="only this suite (repeat for several; default: every suite)",
    )
    p.add_argument("--at", type=instant, help="evaluation time, with offset (default: now)")
    p.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    try:
        period = _period(args)
        for path in args.records or ():
            if not path.is_file():
                raise UsageError(f"cannot read {path}: no such file")
        _prepare(args.out, args.force)
    except UsageError as exc:
        sys.stderr.write(f"bridewell report inspection: {exc}\n")
        return EXIT_USAGE
    if args.records:
        at: dt.datetime = args.at or dt.datetime.now(dt.UTC)
        read = _from_files(args.records, period, args.suite, at)
        source = "v1 files: " + ", ".join(str(p) for p in args.records)
    else:
        outcome = _from_database(period, args.suite, args.at)
        if isinstance(outcome, str):
            sys.stderr.write(f"bridewell report inspection: {outcome}\n")
            return EXIT_USAGE
        read, at = outcome
        source = "the Bridewell database"
    write_pack(args.out, read, period, at, source, args.suite)
    sys.stderr.write(
        f"{read.records:,} records read, {read.invalid:,} invalid and left out, "
        f"{read.records - read.invalid - read.outside:,} in the period; pack written to "
        f"{args.out}\n"
    )
    return EXIT_INVALID if read.invalid else EXIT_OK


def _period(args: argparse.Namespace) -> Period:
    if args.last < args.first:
        raise UsageError(f"--to {args.last} is before --from {args.first}")
    return Period(args.first, args.last)


def _prepare(out: Path, force: bool) -> None:
    """The output folder exists, is writable and is empty (unless ``force``)."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {out}: {exc.strerror}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write to {out}: permission denied")
    if any(out.iterdir()) and not force:
        raise UsageError(f"{out} is not empty; use --force to write into it anyway")


def accumulate(
    items: Iterator[Item], period: Period, suites: Sequence[str] | None, at: dt.datetime
) -> Read:
    """Every valid record's facts fed to the pack; invalid ones reported on stderr."""
    builder = Builder(period, suites or ())
    records = invalid = 0
    for item in items:
        if item.record is not None and suites and item.record.suite not in suites:
            continue
        records += 1
        if item.error is not None:
            invalid += 1
            prefix = "" if item.source == "database" else f"{item.source}: "
            sys.stderr.write(f"{prefix}{item.error}\n")
            continue
        assert item.record is not None
        builder.add(facts(item.record, assess(item.record, at), at))
    return Read(builder.result(), records, invalid, builder.outside)


def _bar(total: int, unit: str) -> tqdm[Any]:
    return tqdm(
        total=total,
        unit=unit,
        unit_scale=unit == "B",
        desc="Reading",
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
        leave=False,
    )


def _from_files(
    paths: Sequence[Path], period: Period, suites: Sequence[str] | None, at: dt.datetime
) -> Read:
    with _bar(sum(p.stat().st_size for p in paths), "B") as bar:
        return accumulate(from_files(paths, bar.update), period, suites, at)


def _from_database(
    period: Period, suites: Sequence[str] | None, at: dt.datetime | None
) -> tuple[Read, dt.datetime] | str:
    """The pack's figures from the database, or the words of a database error."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bridewell.web.settings")
    import django
    from django.db import OperationalError, ProgrammingError

    django.setup()

    from bridewell.custody.models import CustodyRecord
    from bridewell.web import clock

    when = at or clock.now()
    try:
        query = CustodyRecord.objects.all()
        if suites:
            query = query.filter(suite__code__in=suites)
        with _bar(query.count(), "records") as bar:
            read = accumulate(from_database(suites, bar.update), period, suites, when)
    except (OperationalError, ProgrammingError) as exc:
        return f"database error ({exc}); has `manage.py migrate` been run?"
    return read, when


def write_pack(
    out: Path,
    read: Read,
    period: Period,
    at: dt.datetime,
    source: str,
    suites: Sequence[str] | None,
) -> None:
    made = tables(read.figures)
    for table in made:
        _write_csv(out / table.topic.file, table.header, table.rows)
    _write_csv(
        out / MANIFEST,
        MANIFEST_COLUMNS,
        [
            [t.topic.file, t.topic.title, str(len(t.rows)), " ".join(t.topic.kpis), DEFINITIONS]
            for t in made
        ],
    )
    summary = Summary(period, at, source, read, suites, headlines(read.figures), made)
    (out / "summary.md").write_text(summary.markdown(), encoding="utf-8")
    (out / "summary.html").write_text(summary.html(), encoding="utf-8")


def _write_csv(path: Path, header: Sequence[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


class Summary(NamedTuple):
    """The one-page summary, as Markdown and as a standalone HTML page."""

    period: Period
    at: dt.datetime
    source: str
    read: Read
    suites: Sequence[str] | None
    headlines: list[Headline]
    tables: list[Table]

    def facts(self) -> list[tuple[str, str]]:
        r = self.read
        counted = r.records - r.invalid - r.outside
        left_out = (
            "none"
            if not r.invalid
            else f"{_records(r.invalid)} invalid (listed on stderr when the pack was made); "
            "every figure leaves them out and is incomplete"
        )
        suites = ", ".join(self.read.figures.suites) or "none"
        scope = f"only {', '.join(sorted(self.suites))}" if self.suites else "every suite"
        return [
            ("Period", f"{self.period.words()} (UK calendar days, both included)"),
            ("Records as they stood at", full(self.at)),
            ("Source", self.source),
            ("Suites", f"{scope}; in the pack: {suites}"),
            ("Records read", f"{r.records:,}"),
            ("Records in the period", f"{counted:,}"),
            ("Records left out", left_out),
        ]

    def notes(self) -> list[str]:
        notes = [
            f"{MARKING}. Numbers are not suppressed: this pack is for the inspectorate and "
            "must not be published as it stands.",
            "A record is in the period when its detention authorisation (s.136: arrival) falls "
            f"on one of its days in UK time. The {FORCE_WIDE} row of each file totals the "
            "suites in the pack.",
            "Every column is defined in docs/inspection-pack.md and docs/kpis.md.",
        ]
        if self.read.invalid:
            notes.insert(1, f"INCOMPLETE: {_records(self.read.invalid)} invalid, left out.")
        return notes

    def markdown(self) -> str:
        lines = [f"# Inspection data pack: {self.period.words()}", "", f"**{MARKING}**", ""]
        lines += [f"- **{k}:** {v}" for k, v in self.facts()]
        lines += ["", "## Headline figures (force-wide)", ""]
        lines += [f"- **{h.label}:** {h.figure}" for h in self.headlines]
        lines += ["", "## Files", ""]
        lines += [
            f"- `{t.topic.file}`: {t.topic.title} ({len(t.rows):,} rows)" for t in self.tables
        ]
        lines += [f"- `{MANIFEST}`: every file, its rows and its definitions", "", "## Notes", ""]
        lines += [f"- {n}" for n in self.notes()]
        return "\n".join(lines) + "\n"

    def html(self) -> str:
        e = html.escape
        title = f"Inspection data pack: {self.period.words()}"

        def rows(pairs: list[tuple[str, str]]) -> str:
            return "\n".join(
                f'<tr><th scope="row">{e(k)}</th><td>{e(v)}</td></tr>' for k, v in pairs
            )

        files = [(t.topic.file, f"{t.topic.title} ({len(t.rows):,} rows)") for t in self.tables]
        files.append((MANIFEST, "every file, its rows and its definitions"))
        return _PAGE.format(
            title=e(title),
            marking=e(MARKING),
            facts=rows(self.facts()),
            headlines=rows([(h.label, h.figure) for h in self.headlines]),
            files="\n".join(
                f'<li><a href="{e(name)}"><code>{e(name)}</code></a>: {e(what)}</li>'
                for name, what in files
            ),
            notes="\n".join(f"<li>{e(n)}</li>" for n in self.notes()),
        )


def _records(n: int) -> str:
    return f"{n:,} record" if n == 1 else f"{n:,} records"


_PAGE: Final = """\
<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; margin: 2rem auto;
  max-width: 48rem; line-height: 1.4; }}
.marking {{ font-weight: bold; border: 2px solid #0b0c0c; padding: 0.25rem 0.5rem;
  display: inline-block; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }}
th, td {{ text-align: left; vertical-align: top; padding: 0.3rem 0.5rem;
  border-bottom: 1px solid #b1b4b6; }}
th {{ width: 40%; }}
caption {{ text-align: left; font-weight: bold; font-size: 1.2rem; padding: 0.5rem 0; }}
@media print {{ body {{ margin: 0; font-size: 10pt; }} }}
</style>
</head>
<body>
<p class="marking">{marking}</p>
<h1>{title}</h1>
<table>
<caption>About this pack</caption>
{facts}
</table>
<table>
<caption>Headline figures (force-wide)</caption>
{headlines}
</table>
<h2>Files</h2>
<ul>
{files}
</ul>
<h2>Notes</h2>
<ul>
{notes}
</ul>
</body>
</html>
"""
