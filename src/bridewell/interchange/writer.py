"""Writing custody records as JSON Lines (gzip when the file name ends in ``.gz``)."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path
from typing import IO, cast

import msgspec

from bridewell.rules.model import Record

_encoder = msgspec.json.Encoder()


def open_output(path: str | Path) -> IO[bytes]:
    """A binary file to write to; gzip-compressed when the name ends in ``.gz``."""
    if str(path).endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "wb", compresslevel=6))
    return open(path, "wb")


def write_records(records: Iterable[Record], out: IO[bytes]) -> int:
    """Write one record per line; returns how many were written."""
    buffer = bytearray()
    count = 0
    for record in records:
        _encoder.encode_into(record, buffer)
        buffer.extend(b"\n")
        out.write(buffer)
        count += 1
    return count
