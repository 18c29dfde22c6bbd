"""Where a report's records come from: v1 files, or the web application's database.

Both yield the same :class:`Item` (a decoded record, or the error that rejected it), decoded by the
same model, so a pack computed from a force's export equals the pack of the same records after
``bridewell import``. The database source imports Django only when called, so the file-only
commands never set Django up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import Final, NamedTuple

from bridewell.interchange.reader import RecordError, Source
from bridewell.rules.model import Record

BATCH: Final = 500
"""Records read from the database per round of queries (their events come in one query)."""


class Item(NamedTuple):
    """One record or the error that rejected it, with the file (or ``database``) it came from."""

    source: str
    record: Record | None
    error: RecordError | None


def from_files(paths: Sequence[Path], progress: Callable[[int], object]) -> Iterator[Item]:
    """Each record or error of every file, in order; ``progress`` is told the bytes read.

    A record id already met in an earlier file is an error (within a file the reader itself
    refuses duplicates): counting it twice would inflate every figure it is in."""
    first_in: dict[str, str] = {}
    for path in paths:
        with Source(path) as source:
            done = 0
            for item in source.items():
                progress(source.position - done)
                done = source.position
                record, error = item.record, item.error
                if record is not None:
                    earlier = first_in.setdefault(record.record_id, source.name)
                    if earlier != source.name:
                        message = f"duplicate record_id (already read from {earlier})"
                        error = RecordError(item.line, record.record_id, "$.record_id", message)
                        record = None
                yield Item(source.name, record, error)


def from_database(
    suites: Collection[str] | None = None,
    progress: Callable[[int], object] = lambda n: None,
    *,
    open_since: dt.datetime | None = None,
) -> Iterator[Item]:
    """Every stored record (or those of ``suites``) in the v1 model, oldest first; ``progress``
    is told the records read. With ``open_since``, only records still open then (open now, or
    ended at or after it), since no other record can hold an event from then on. A stored
    record that no longer decodes (it cannot happen through ``custody.records``, but a pack
    must not hide it) is an error naming the record."""
    from django.db.models import Q

    from bridewell.custody.models import CustodyRecord, Event
    from bridewell.custody.records import RecordInvalid, rules_record

    query = CustodyRecord.objects.select_related("suite").prefetch_related("offences")
    if suites is not None:
        query = query.filter(suite__code__in=suites)
    if open_since is not None:
        query = query.filter(Q(ended_at__isnull=True) | Q(ended_at__gte=open_since))
    ids = list(query.order_by("arrived_at", "pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        payloads: dict[int, list[dict[str, object]]] = {pk: [] for pk in batch}
        for record_pk, payload in (
            Event.objects.filter(record_id__in=batch)
            .order_by("record_id", "seq")
            .values_list("record_id", "payload")
        ):
            payloads[record_pk].append(payload)
        by_pk = query.in_bulk(batch)
        for n, pk in enumerate(batch, start=1):
            stored = by_pk[pk]
            try:
                yield Item("database", rules_record(stored, payloads[pk]), None)
            except RecordInvalid as exc:
                error = RecordError(start + n, stored.record_id, exc.path, exc.message)
                yield Item("database", None, error)
        progress(len(batch))
