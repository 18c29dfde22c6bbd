"""``bridewell kpis``: the monthly KPIs of v1 JSON Lines files, for a month, suite or force.

The shell around :mod:`bridewell.insights.monthly`: it reads the files, assesses each valid record
at ``--at``, feeds its facts to an :class:`~bridewell.insights.monthly.Accumulator` and prints the
cells asked for. Invalid records are reported as ``audit`` reports them and the exit status is 3;
the output still gives the figures of the valid records and says how many were left out, since a
figure computed without them is incomplete. A record id met again in a later file is invalid too:
counting it twice would inflate every figure it is in.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple, TextIO

from tqdm import tqdm

from bridewell.arguments import UsageError, instant
from bridewell.insights.facts import facts
from bridewell.insights.kpis import BY_ID, Kpi
from bridewell.insights.monthly import Accumulator, Cell, KpiValue
from bridewell.insights.sources import from_files
from bridewell.rules.engine import assess
from bridewell.rules.localtime import full, month_name

if TYPE_CHECKING:
    from argparse import _SubParsersAction

EXIT_OK: Final = 0
EXIT_USAGE: Final = 2
EXIT_INVALID: Final = 3
FORMATS: Final = ("table", "csv", "json")
COLUMNS: Final = (
    "month",
    "suite",
    "id",
    "title",
    "unit",
    "numerator",
    "denominator",
    "value",
    "n",
    "median",
    "p90",
    "parts",
    "records_left_out",
)
FORCE_WIDE: Final = "force-wide"
"""The ``suite`` of a force-wide cell in CSV and JSON (every suite in the files)."""

_MONTH: Final = re.compile(r"\d{4}-(0[1-9]|1[0-2])")

DESCRIPTION: Final = """\
Monthly KPIs (docs/kpis.md) of custody records in v1 JSON Lines files (.jsonl, .jsonl.gz or
.json), for each UK calendar month and suite and force-wide. Each record is read as it stood
at --at (default: now), corrections applied, and counts in the month of its detention
authorisation (s.136: arrival).

formats:
  table  readable; durations as h:mm (median and 90th percentile), rates as % with
         numerator/denominator
  csv    one row per month x suite x KPI: month, suite (force-wide for the whole force), id,
         title, unit, numerator, denominator, value, n, median, p90 (minutes), parts
         (breakdowns) and records_left_out
  json   the same, with the record ids behind every figure for drill-down

Invalid records are reported on stderr as 'line N: record ID: $.path: message' and left out;
the figures of the others are still printed, with how many were left out, and the exit status
is 3. Exit status 2 for a usage error or an unreadable file.

examples:
  bridewell kpis october.jsonl.gz --at 2026-11-01T00:00:00Z
  bridewell kpis *.jsonl --month 2026-10 --suite HOLD-A --format csv --out kpis.csv"""


class Read(NamedTuple):
    """What a run read: the cells, and how many records it read and left out."""

    cells: dict[Cell, dict[str, KpiValue]]
    records: int
    invalid: int


def _month(text: str) -> str:
    if not _MONTH.fullmatch(text):
        raise argparse.ArgumentTypeError(f"not a month (YYYY-MM): {text!r}")
    return text


def add_parser(subparsers: _SubParsersAction[Any]) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subparsers.add_parser(
        "kpis",
        help="monthly KPIs of custody records in v1 files",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="FILE", type=Path)
    p.add_argument("--at", type=instant, help="evaluation time, with offset (default: now)")
    p.add_argument(
        "--month",
        action="append",
        type=_month,
        metavar="YYYY-MM",
        help="only this UK calendar month (repeat for several; default: every month)",
    )
    p.add_argument(
        "--suite",
        action="append",
        metavar="CODE",
        help="only this suite (repeat for several); the force-wide figures are always shown",
    )
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--out", type=Path, metavar="FILE", help="write here (default: stdout)")
    return p


def run(args: argparse.Namespace) -> int:
    try:
        for path in args.paths:
            if not path.is_file():
                raise UsageError(f"cannot read {path}: no such file")
        out = _open(args.out)
    except UsageError as exc:
        sys.stderr.write(f"bridewell kpis: {exc}\n")
        return EXIT_USAGE
    at: dt.datetime = args.at or dt.datetime.now(dt.UTC)
    try:
        read = accumulate(args.paths, at)
        cells = {
            cell: values
            for cell, values in read.cells.items()
            if (not args.month or cell[0] in args.month)
            and (cell[1] is None or not args.suite or cell[1] in args.suite)
        }
        if args.format == "csv":
            write_csv(cells, read, out)
        elif args.format == "json":
            write_json(cells, read, at, args.paths, out)
        else:
            write_table(cells, read, at, out)
    finally:
        if args.out is not None:
            out.close()
    sys.stderr.write(_one_line(read) + "\n")
    return EXIT_INVALID if read.invalid else EXIT_OK


def _open(path: Path | None) -> TextIO:
    if path is None:
        return sys.stdout
    try:
        return path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None


def accumulate(paths: Sequence[Path], at: dt.datetime) -> Read:
    """Every valid record's facts, accumulated; invalid ones reported on stderr and counted."""
    acc = Accumulator()
    records = invalid = 0
    several = len(paths) > 1
    with tqdm(
        total=sum(p.stat().st_size for p in paths),
        unit="B",
        unit_scale=True,
        desc="Reading",
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
        leave=False,
    ) as bar:
        for item in from_files(paths, bar.update):
            records += 1
            if item.error is not None:
                invalid += 1
                sys.stderr.write(f"{item.source}: {item.error}\n" if several else f"{item.error}\n")
                continue
            assert item.record is not None
            acc.add(facts(item.record, assess(item.record, at), at))
    return Read(acc.result(), records, invalid)


def _one_line(read: Read) -> str:
    return f"{read.records:,} records read, {read.invalid:,} invalid and left out"


def _left_out(read: Read) -> str:
    if not read.invalid:
        return f"{read.records:,} records read, none left out."
    return (
        f"{read.records:,} records read; {read.invalid:,} invalid and left out, so these "
        "figures are incomplete."
    )


def _suite(cell: Cell) -> str:
    return cell[1] if cell[1] is not None else FORCE_WIDE


def _parts(value: KpiValue) -> str:
    return "; ".join(f"{key}: {part.count}" for key, part in value.parts.items())


def _number(value: float | None) -> str:
    """Full precision for a spreadsheet; a whole number without ``.0``."""
    if value is None:
        return ""
    return str(int(value)) if value.is_integer() else repr(value)


def rows(cells: dict[Cell, dict[str, KpiValue]], read: Read) -> Iterator[dict[str, str]]:
    """One row per month, suite and KPI; durations in minutes."""
    for cell, values in cells.items():
        for kpi_id, v in values.items():
            kpi = BY_ID[kpi_id]
            yield {
                "month": cell[0],
                "suite": _suite(cell),
                "id": kpi.id,
                "title": kpi.title,
                "unit": kpi.unit,
                "numerator": str(v.numerator),
                "denominator": str(v.denominator),
                "value": _number(v.value),
                "n": str(v.n),
                "median": _number(v.median),
                "p90": _number(v.p90),
                "parts": _parts(v),
                "records_left_out": str(read.invalid),
            }


def write_csv(cells: dict[Cell, dict[str, KpiValue]], read: Read, out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(cells, read))


def _json_value(kpi: Kpi, v: KpiValue) -> dict[str, Any]:
    return {
        "id": kpi.id,
        "title": kpi.title,
        "kind": kpi.kind,
        "unit": kpi.unit,
        "numerator": v.numerator,
        "denominator": v.denominator,
        "value": v.value,
        "n": v.n,
        "median": v.median,
        "p90": v.p90,
        "records": list(v.records),
        "exceptions": list(v.exceptions),
        "parts": {
            key: {"count": part.count, "records": list(part.records)}
            for key, part in v.parts.items()
        },
    }


def write_json(
    cells: dict[Cell, dict[str, KpiValue]],
    read: Read,
    at: dt.datetime,
    paths: Sequence[Path],
    out: TextIO,
) -> None:
    document = {
        "at": at.isoformat().replace("+00:00", "Z"),
        "files": [str(p) for p in paths],
        "records_read": read.records,
        "records_left_out": read.invalid,
        "complete": not read.invalid,
        "cells": [
            {
                "month": cell[0],
                "suite": _suite(cell),
                "kpis": [_json_value(BY_ID[kpi_id], v) for kpi_id, v in values.items()],
            }
            for cell, values in cells.items()
        ],
    }
    json.dump(document, out, indent=2)
    out.write("\n")


def hours(minutes: float) -> str:
    """``1:05`` for 65 minutes: whole minutes, rounded."""
    whole = round(abs(minutes))
    return f"{'-' if minutes < 0 and whole else ''}{whole // 60}:{whole % 60:02d}"


def _decimal(value: float) -> str:
    return f"{value:,.1f}"


def shown(kpi: Kpi, v: KpiValue) -> str:
    """One KPI's figure as a person reads it, UK number formatting."""
    if kpi.kind == "duration":
        if v.median is None or v.p90 is None:
            return "no records"
        return f"median {hours(v.median)}, P90 {hours(v.p90)} (h:mm; n = {v.n:,})"
    if kpi.kind in ("rate", "per100", "per1000"):
        ratio = f"{v.numerator:,}/{v.denominator:,}"
        if v.value is None:
            return f"no records ({ratio})"
        if kpi.kind == "rate":
            return f"{_decimal(v.value)}% ({ratio})"
        per = "100" if kpi.kind == "per100" else "1,000"
        return f"{_decimal(v.value)} per {per} ({ratio})"
    total = f"{v.numerator:,}"
    if kpi.kind == "breakdown" and v.parts:
        return f"{total}: " + ", ".join(f"{k} {p.count:,}" for k, p in v.parts.items())
    return total


def _month_label(month: str) -> str:
    if not month:
        return "Month not known"
    year, number = month.split("-")
    return month_name(int(year), int(number))


def write_table(
    cells: dict[Cell, dict[str, KpiValue]], read: Read, at: dt.datetime, out: TextIO
) -> None:
    lines = [f"KPIs as at {full(at)}. {_left_out(read)}"]
    if not cells:
        lines += ["", "No records in the months and suites asked for."]
    width = max(len(k) for k in BY_ID) + 2
    for cell, values in cells.items():
        where = "force-wide (every suite)" if cell[1] is None else f"suite {cell[1]}"
        lines += ["", f"{_month_label(cell[0])}, {where}"]
        for kpi_id, v in values.items():
            kpi = BY_ID[kpi_id]
            text = f"  {kpi.id:<{width}}{kpi.title}: {shown(kpi, v)}"
            lines += textwrap.wrap(
                text, 100, subsequent_indent=" " * (width + 4), break_on_hyphens=False
            )
    out.write("\n".join(lines) + "\n")
