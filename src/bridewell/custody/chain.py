"""The hash chain over a record's events: tampering with any stored row is detectable.

Each event's hash covers the previous event's hash and everything stored about the event (its
position, payload, who recorded it, when it was inserted and from where). ``bridewell verify``
recomputes every chain and reports the first break in each record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

GENESIS = "0" * 64


def canonical(payload: dict[str, Any]) -> str:
    """The payload as text that does not depend on how the database stored the JSON."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(
    prev_hash: str,
    record_id: str,
    seq: int,
    payload: dict[str, Any],
    recorded_by: int | None,
    inserted_at: dt.datetime,
    source: str,
) -> str:
    parts = [
        prev_hash,
        record_id,
        str(seq),
        canonical(payload),
        "" if recorded_by is None else str(recorded_by),
        inserted_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        source,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class StoredEvent(NamedTuple):
    """What the chain needs to know of a stored event row."""

    seq: int
    payload: dict[str, Any]
    recorded_by: int | None
    inserted_at: dt.datetime
    source: str
    prev_hash: str
    hash: str


class Break(NamedTuple):
    record_id: str
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"record {self.record_id}: event {self.seq}: {self.problem}"


def breaks(record_id: str, head_hash: str, events: Iterable[StoredEvent]) -> Iterator[Break]:
    """Every place the stored chain of one record does not add up (the first one is enough to
    distrust what follows, but each is reported so an investigator can see the extent)."""
    expected_prev = GENESIS
    expected_seq = 1
    for ev in events:
        if ev.seq != expected_seq:
            yield Break(record_id, ev.seq, f"expected event {expected_seq} (missing or reordered)")
            expected_seq = ev.seq
        if ev.prev_hash != expected_prev:
            yield Break(record_id, ev.seq, "does not follow the previous event's hash")
        recomputed = event_hash(
            ev.prev_hash, record_id, ev.seq, ev.payload, ev.recorded_by, ev.inserted_at, ev.source
        )
        if recomputed != ev.hash:
            yield Break(record_id, ev.seq, "contents do not match the stored hash")
        expected_prev = ev.hash
        expected_seq += 1
    if expected_prev != head_hash:
        yield Break(record_id, expected_seq - 1, "record's head hash does not match its last event")
