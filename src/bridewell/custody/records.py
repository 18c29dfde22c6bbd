"""The service layer for custody records: open, append, refresh, import, export, verify.

Every write goes through :func:`append` (or :func:`open_record` / :func:`import_record`, which
use the same steps): the new event is validated with the same model as files and the API, the
whole record is re-validated with it, the event is inserted with its place in the hash chain, and
the rules engine refreshes the record's derived fields, all in one transaction with the record
row locked, so concurrent appends never lose an event or fork the chain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import msgspec
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from bridewell.custody import chain
from bridewell.custody.authority import refusal
from bridewell.custody.models import Cell, CustodyRecord, Event, Offence, Person, Suite
from bridewell.interchange.reader import explain
from bridewell.rules import model as m
from bridewell.rules.engine import Assessment, assess
from bridewell.rules.timeline import Timeline


class RecordInvalid(Exception):
    """The change would make the record invalid: ``path`` names the field, as in file errors."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class AlreadyExists(Exception):
    """The record is already held: importing it again would duplicate it."""


class NotAuthorised(Exception):
    """The signed-in person does not hold the rank or role this entry needs (PACE)."""


def rules_record(
    record: CustodyRecord, payloads: Sequence[dict[str, Any]] | None = None
) -> m.Record:
    """The record in the v1 format, decoded through the same model as files."""
    if payloads is None:
        payloads = [e.payload for e in record.events.order_by("seq")]
    offences = [
        {"ref": o.ref, "title": o.title, "mode_of_trial": o.mode_of_trial}
        for o in record.offences.all()
    ]
    data: dict[str, Any] = {
        "format": m.FORMAT_V1,
        "record_id": record.record_id,
        "suite": record.suite.code,
        "regime": record.regime,
        "detainee": record.detainee,
        "events": list(payloads),
    }
    if record.offences_listed:
        data["offences"] = offences
    return _decode(msgspec.json.encode(data))


def _decode(raw: bytes) -> m.Record:
    try:
        decoded = m.record_decoder.decode(raw)
    except msgspec.ValidationError as exc:
        raise RecordInvalid(*explain(exc)) from None
    problems = m.semantic_errors(decoded)
    if problems:
        raise RecordInvalid(*problems[0])
    return decoded


def payload_of(event: m.EventBase) -> dict[str, Any]:
    """An event as stored: the v1 JSON object, instants in UTC, defaults left out."""
    return msgspec.json.decode(msgspec.json.encode(event))  # type: ignore[no-any-return]


def new_event_id(record: CustodyRecord, seq: int) -> str:
    taken = set(record.events.values_list("event_id", flat=True))
    candidate = f"b{seq}"
    while candidate in taken:
        candidate += "x"
    return candidate


def append(
    record: CustodyRecord,
    payload: dict[str, Any],
    user: AbstractBaseUser | None,
    *,
    now: dt.datetime,
    source: str = "form",
) -> Event:
    """Validate and append one event (``payload`` without ``id``: it is given here)."""
    with transaction.atomic():
        locked = CustodyRecord.objects.select_for_update().get(pk=record.pk)
        event, decoded = _append_locked(locked, payload, user, now=now, source=source)
        refresh(locked, now, decoded)
    record.refresh_from_db()
    return event


def _append_locked(
    record: CustodyRecord,
    payload: dict[str, Any],
    user: AbstractBaseUser | None,
    *,
    now: dt.datetime,
    source: str,
) -> tuple[Event, m.Record]:
    seq = record.last_seq + 1
    payload = {"id": payload.get("id") or new_event_id(record, seq), **payload}
    existing = [e.payload for e in record.events.order_by("seq")]
    decoded = rules_record(record, [*existing, payload])
    new = decoded.events[-1]
    if source == "form":
        charged = Timeline(decoded, max(now, new.at)).charge_at
        reason = refusal(new, charged)
        if reason is not None:
            raise NotAuthorised(reason)
    return _insert(record, seq, payload_of(new), user, now, source), decoded


def _insert(
    record: CustodyRecord,
    seq: int,
    payload: dict[str, Any],
    user: AbstractBaseUser | None,
    now: dt.datetime,
    source: str,
) -> Event:
    user_id = user.pk if user is not None else None
    digest = chain.event_hash(
        record.head_hash or chain.GENESIS, record.record_id, seq, payload, user_id, now, source
    )
    event = Event.objects.create(
        record=record,
        seq=seq,
        event_id=payload["id"],
        type=payload["type"],
        at=dt.datetime.fromisoformat(payload["at"]),
        payload=payload,
        recorded_by_id=user_id,
        inserted_at=now,
        source=source,
        prev_hash=record.head_hash or chain.GENESIS,
        hash=digest,
    )
    record.last_seq = seq
    record.head_hash = digest
    CustodyRecord.objects.filter(pk=record.pk).update(last_seq=seq, head_hash=digest)
    return event


def refresh(record: CustodyRecord, now: dt.datetime, decoded: m.Record | None = None) -> Assessment:
    """Recompute the derived fields the board sorts and alerts on, from the events.

    ``decoded`` is the record as just written, when the caller has it, to save reading it back.
    """
    decoded = decoded or rules_record(record)
    result = assess(decoded, now)
    tl = Timeline(decoded, now)
    levels = tl.of(m.ObservationLevelSet)
    risks = tl.of(m.RiskAssessed)
    level = levels[-1] if levels else None
    obligations = [
        {"rule": o.rule, "due": o.due.isoformat(), "message": o.message, "events": o.events}
        for o in result.obligations
    ]
    limit_at, limit_rule, limit_label = None, "", ""
    if result.clock is not None and tl.charge_at is None:
        limit_at, limit_rule, limit_label = (
            result.clock.limit,
            result.clock.limit_rule,
            result.clock.limit_label,
        )
    elif record.regime == "mha_s136":
        s136 = next((o for o in result.obligations if o.rule == "MHA-136-1"), None)
        if s136 is not None:
            limit_at, limit_rule, limit_label = s136.due, s136.rule, "s.136 limit"
    fields = {
        "arrived_at": tl.first_arrived.at if tl.first_arrived else None,
        "ended_at": None if tl.is_open else tl.end,
        "is_open": tl.is_open,
        "juvenile": tl.juvenile,
        "vulnerable": tl.vulnerable_at(now),
        "needs_interpreter": decoded.detainee.needs_interpreter,
        "observation_level": level.level if level else None,
        "rousing": bool(
            (risks and (risks[-1].intoxicated or risks[-1].swallowed_drugs))
            or (level is not None and level.level == 2 and level.rousing_required)
        ),
        "limit_at": limit_at,
        "limit_rule": limit_rule,
        "limit_label": limit_label,
        "next_due_at": min((o.due for o in result.obligations), default=None),
        "next_due_rule": min(result.obligations, key=lambda o: o.due).rule
        if result.obligations
        else "",
        "obligations": obligations,
        "findings_count": len(result.findings),
        "breaches_count": sum(f.severity == "breach" for f in result.findings),
        "assessed_at": now,
    }
    for name, value in fields.items():
        setattr(record, name, value)
    CustodyRecord.objects.filter(pk=record.pk).update(**fields)
    return result


def next_record_id(suite: Suite, now: dt.datetime) -> str:
    prefix = f"{suite.code}-{now:%Y}-"
    taken = CustodyRecord.objects.filter(record_id__startswith=prefix).count()
    number = taken + 1
    while CustodyRecord.objects.filter(record_id=f"{prefix}{number:06d}").exists():
        number += 1
    return f"{prefix}{number:06d}"


def open_record(
    *,
    suite: Suite,
    person: Person,
    detainee: dict[str, Any],
    offences: Iterable[dict[str, str]],
    events: Iterable[dict[str, Any]],
    user: AbstractBaseUser | None,
    now: dt.datetime,
    regime: str = "pace",
    cell: Cell | None = None,
    record_id: str | None = None,
    source: str = "form",
    offences_listed: bool = True,
) -> CustodyRecord:
    """Create a record with its first events (booking in), all or nothing."""
    with transaction.atomic():
        record = CustodyRecord.objects.create(
            record_id=record_id or next_record_id(suite, now),
            suite=suite,
            person=person,
            regime=regime,
            detainee={**detainee, "person_id": person.person_id},
            cell=cell,
            offences_listed=offences_listed,
        )
        for offence in offences:
            Offence.objects.create(record=record, **offence)
        payloads = [
            {"id": event.get("id") or f"b{n}", **event} for n, event in enumerate(events, start=1)
        ]
        decoded = rules_record(record, payloads)
        if source == "form":
            for new in decoded.events:
                charged = Timeline(decoded, max(now, new.at)).charge_at
                reason = refusal(new, charged)
                if reason is not None:
                    raise NotAuthorised(reason)
        _insert_all(record, [payload_of(e) for e in decoded.events], user, now, source)
        refresh(record, now, decoded)
    return record


def _insert_all(
    record: CustodyRecord,
    payloads: list[dict[str, Any]],
    user: AbstractBaseUser | None,
    now: dt.datetime,
    source: str,
) -> None:
    """Insert a new record's events in one statement, chained in order."""
    user_id = user.pk if user is not None else None
    rows = []
    prev = chain.GENESIS
    for seq, payload in enumerate(payloads, start=1):
        digest = chain.event_hash(prev, record.record_id, seq, payload, user_id, now, source)
        rows.append(
            Event(
                record=record,
                seq=seq,
                event_id=payload["id"],
                type=payload["type"],
                at=dt.datetime.fromisoformat(payload["at"]),
                payload=payload,
                recorded_by_id=user_id,
                inserted_at=now,
                source=source,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
    Event.objects.bulk_create(rows)
    record.last_seq, record.head_hash = len(rows), prev
    CustodyRecord.objects.filter(pk=record.pk).update(last_seq=len(rows), head_hash=prev)


def import_record(
    decoded: m.Record, *, now: dt.datetime, cell: Cell | None = None
) -> CustodyRecord:
    """Load one v1 record, all or nothing; a record already held is refused, not duplicated."""
    with transaction.atomic():
        return _import(decoded, now, cell)


def _import(decoded: m.Record, now: dt.datetime, cell: Cell | None) -> CustodyRecord:
    existing = CustodyRecord.objects.filter(record_id=decoded.record_id).first()
    if existing is not None:
        raise AlreadyExists(
            f"record {decoded.record_id} is already held (since {existing.created:%Y-%m-%d}); "
            "nothing was imported for it"
        )
    suite, _ = Suite.objects.get_or_create(
        code=decoded.suite, defaults={"name": decoded.suite.replace("-", " ").title()}
    )
    d = decoded.detainee
    person, _ = Person.objects.get_or_create(
        person_id=d.person_id,
        defaults={
            "birth_date": d.birth_date,
            "sex": d.sex,
            "ethnicity_self": d.ethnicity_self,
        },
    )
    return open_record(
        suite=suite,
        person=person,
        detainee=msgspec.to_builtins(d),
        offences=[msgspec.to_builtins(o) for o in decoded.offences or ()],
        events=[payload_of(e) for e in decoded.events],
        user=None,
        now=now,
        regime=decoded.regime,
        record_id=decoded.record_id,
        source="import",
        offences_listed=decoded.offences is not None,
        cell=cell,
    )


def export_record(record: CustodyRecord) -> m.Record:
    return rules_record(record)


def verify(records: Iterable[CustodyRecord]) -> Iterator[chain.Break]:
    """Recompute the chain of every record; yields each break found."""
    for record in records:
        stored = (
            chain.StoredEvent(
                e.seq, e.payload, e.recorded_by_id, e.inserted_at, e.source, e.prev_hash, e.hash
            )
            for e in record.events.order_by("seq")
        )
        yield from chain.breaks(record.record_id, record.head_hash, stored)
