"""Findings and obligations written as JSON Lines, CSV or a plain-text table."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import IO, Final, Protocol

import msgspec

from bridewell.rules.findings import Finding, Obligation
from bridewell.rules.localtime import full

FORMATS: Final = ("table", "jsonl", "csv")

_encoder = msgspec.json.Encoder()


def _iso(t: dt.datetime | None) -> str:
    return "" if t is None else t.isoformat().replace("+00:00", "Z")


class Writer(Protocol):
    def finding(self, finding: Finding) -> None: ...
    def obligation(self, obligation: Obligation) -> None: ...
    def close(self) -> None: ...


class JsonLinesWriter:
    """The spec's output format: one JSON object per line."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.buffer = bytearray()

    def _write(self, obj: Finding | Obligation) -> None:
        _encoder.encode_into(obj, self.buffer)
        self.buffer.extend(b"\n")
        self.out.write(self.buffer)

    finding = _write
    obligation = _write

    def close(self) -> None:
        self.out.flush()


FINDING_COLUMNS: Final = (
    "record_id",
    "rule",
    "severity",
    "at",
    "due",
    "source",
    "message",
    "events",
)
OBLIGATION_COLUMNS: Final = ("record_id", "rule", "due", "message", "events")


class CsvWriter:
    """One row per finding or obligation; event ids joined with spaces, times in UTC."""

    def __init__(self, out: IO[bytes], obligations: bool = False) -> None:
        self.out = out
        self.text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        self.csv = csv.writer(self.text)
        self.csv.writerow(OBLIGATION_COLUMNS if obligations else FINDING_COLUMNS)

    def finding(self, f: Finding) -> None:
        self.csv.writerow(
            (f.record_id, f.rule, f.severity, _iso(f.at), _iso(f.due), f.source, f.message,
             " ".join(f.events))
        )  # fmt: skip

    def obligation(self, o: Obligation) -> None:
        self.csv.writerow((o.record_id, o.rule, _iso(o.due), o.message, " ".join(o.events)))

    def close(self) -> None:
        self.text.flush()
        self.text.detach()


class TableWriter:
    """Aligned columns for reading in a terminal, with UK local times."""

    WIDTHS: Final = (22, 22, 10, 26)

    def __init__(self, out: IO[bytes], obligations: bool = False) -> None:
        self.out = out
        when = "Due (UK time)" if obligations else "When (UK time)"
        heads = ("Record", "Rule", "" if obligations else "Severity", when)
        self._row(*heads, "Message" if not obligations else "What is due")

    def _row(self, *cells: str) -> None:
        *fixed, last = cells
        line = "".join(c.ljust(w) for c, w in zip(fixed, self.WIDTHS, strict=True)) + last
        self.out.write(line.rstrip().encode() + b"\n")

    def finding(self, f: Finding) -> None:
        self._row(f.record_id, f.rule, f.severity, full(f.at), f.message)

    def obligation(self, o: Obligation) -> None:
        self._row(o.record_id, o.rule, "", full(o.due), o.message)

    def close(self) -> None:
        self.out.flush()


def writer_for(fmt: str, out: IO[bytes], obligations: bool = False) -> Writer:
    if fmt == "jsonl":
        return JsonLinesWriter(out)
    if fmt == "csv":
        return CsvWriter(out, obligations)
    return TableWriter(out, obligations)
