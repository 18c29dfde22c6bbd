"""Streaming reader for custody records in the v1 format (JSON Lines, optionally gzip).

Records are decoded one line at a time, so memory stays flat however large the file. Each line
yields either a valid record or an error that names the line, the record id (when it can be read)
and the JSON path of the first offending field, as the format spec requires. An invalid record is
never half-read: it is reported and skipped, and the rest of the file carries on.
"""

from __future__ import annotations

import gzip
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import IO, NamedTuple, cast

import msgspec

from bridewell.rules.model import Record, record_decoder, semantic_errors

GZIP_MAGIC = b"\x1f\x8b"


class RecordError(NamedTuple):
    """Why a record was rejected: where it is, and the first field that is wrong."""

    line: int
    record_id: str | None
    path: str
    message: str

    def __str__(self) -> str:
        who = f"record {self.record_id}: " if self.record_id else ""
        return f"line {self.line}: {who}{self.path}: {self.message}"


class Item(NamedTuple):
    """One line's outcome: a record, or the error that rejected it."""

    line: int
    record: Record | None
    error: RecordError | None


_AT = re.compile(r"^(?P<message>.*) - at `(?P<path>\$[^`]*)`$", re.DOTALL)
_FIELD = re.compile(r"^Object (?P<what>missing required|contains unknown) field `(?P<name>[^`]+)`$")


def explain(error: msgspec.ValidationError) -> tuple[str, str]:
    """msgspec's message → (JSON path, a message in the words of the format spec)."""
    text = str(error)
    match = _AT.match(text)
    message, path = (match["message"], match["path"]) if match else (text, "$")
    field = _FIELD.match(message)
    if field:
        path = f"{path}.{field['name']}"
        missing = field["what"] == "missing required"
        return path, "required field is missing" if missing else "unknown field"
    if message == "Expected `datetime` with a timezone component":
        return path, "timestamp has no UTC offset"
    if message.startswith("Invalid RFC3339 encoded datetime"):
        return path, "not an RFC 3339 timestamp"
    if path.endswith(".type") and message.startswith("Invalid value "):
        return path, f"unknown event type {message.removeprefix('Invalid value ')}"
    if message.startswith("Invalid enum value "):
        return path, f"{message.removeprefix('Invalid enum value ')} is not an allowed value"
    return path, message[0].lower() + message[1:] if message else message


def _record_id_of(line: bytes) -> str | None:
    """Best effort: the record id of a line that failed validation, for the error message."""
    try:
        data = msgspec.json.decode(line)
    except msgspec.DecodeError:
        return None
    if isinstance(data, dict):
        rid = data.get("record_id")
        if isinstance(rid, str) and rid:
            return rid
    return None


def decode(line: bytes, number: int) -> Item:
    """Decode and validate one record."""
    try:
        record = record_decoder.decode(line)
    except msgspec.ValidationError as exc:
        path, message = explain(exc)
        return Item(number, None, RecordError(number, _record_id_of(line), path, message))
    except msgspec.DecodeError as exc:
        reason = str(exc).removeprefix("JSON is malformed: ")
        return Item(number, None, RecordError(number, None, "$", f"not valid JSON ({reason})"))
    problems = semantic_errors(record)
    if problems:
        path, message = problems[0]
        return Item(number, None, RecordError(number, record.record_id, path, message))
    return Item(number, record, None)


class Source:
    """An input file, opened for streaming, with how far through it the reader has got."""

    def __init__(self, path: str | Path) -> None:
        self.name = str(path)
        self.raw: IO[bytes] = open(path, "rb")  # noqa: SIM115 - closed by close()
        self.size = Path(path).stat().st_size
        self.single = self.name.endswith((".json", ".json.gz"))
        self.stream: IO[bytes] = self.raw
        magic = self.raw.read(2)
        self.raw.seek(0)
        if magic == GZIP_MAGIC:
            self.stream = cast(IO[bytes], gzip.GzipFile(fileobj=self.raw, mode="rb"))

    @property
    def position(self) -> int:
        """Bytes of the file (compressed, for gzip) consumed so far: for progress bars."""
        return self.raw.tell()

    def close(self) -> None:
        self.stream.close()
        self.raw.close()

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def lines(self) -> Iterator[tuple[int, bytes]]:
        """Each non-blank line with its number (a ``.json`` file is one record on line 1)."""
        if self.single:
            yield 1, self.stream.read()
            return
        for number, line in enumerate(self.stream, start=1):
            if line.strip():
                yield number, line

    def items(self) -> Iterator[Item]:
        """Each record or error, in file order; duplicate record ids are errors."""
        with FirstSeen() as seen:
            for number, line in self.lines():
                item = decode(line, number)
                if item.record is not None:
                    duplicate = seen.duplicate(item.record.record_id, number)
                    if duplicate is not None:
                        item = Item(number, None, duplicate)
                yield item


class FirstSeen:
    """Record ids must be unique within a file: the first one stands, later ones are errors.

    The ids seen so far are kept in a temporary SQLite table on disk rather than in a dict, so
    memory stays flat however many records a file holds (a dict costs about 200 bytes a record).
    """

    def __init__(self) -> None:
        self.db = sqlite3.connect("")  # "": a private temporary database, deleted on close
        self.db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY, line INTEGER) WITHOUT ROWID")

    def duplicate(self, record_id: str, line: int) -> RecordError | None:
        added = self.db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?)", (record_id, line))
        if added.rowcount:
            return None
        (first,) = self.db.execute("SELECT line FROM seen WHERE id = ?", (record_id,)).fetchone()
        message = f"duplicate record_id (first on line {first})"
        return RecordError(line, record_id, "$.record_id", message)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> FirstSeen:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_records(path: str | Path) -> Iterator[Item]:
    """Stream the records of one file (``.jsonl``, ``.jsonl.gz``, ``.json``)."""
    with Source(path) as source:
        yield from source.items()
