"""Small readable custody timelines for tests.

Times are written as offsets from ``BASE`` (a winter evening, so local time is GMT):
``"6:15"`` is 6 hours 15 minutes after BASE, ``"30:00"`` is the next day. Records are built as
JSON-like dicts and decoded through the real decoder, so every test record is also a valid v1
record.
"""

from __future__ import annotations

import datetime as dt
from itertools import count
from pathlib import Path
from typing import Any

import msgspec

from bridewell.rules import model as m
from bridewell.rules.engine import Assessment, assess

BASE = dt.datetime(2026, 1, 12, 20, 0, tzinfo=dt.UTC)

DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = DATA / "shared-examples.jsonl"
"""The shared examples of the format spec, copied so the suite runs on a clean checkout."""

SERGEANT = {"id": "S1", "rank": "sergeant", "role": "custody_officer"}
STAFF_CO = {"id": "SCO1", "rank": "staff", "role": "custody_officer"}
DETENTION_OFFICER = {"id": "D1", "rank": "staff", "role": "detention_officer"}
CONSTABLE = {"id": "C1", "rank": "constable", "role": "arresting_officer"}
INSPECTOR = {"id": "I1", "rank": "inspector", "role": "review_officer"}
CHIEF_INSPECTOR = {"id": "CI1", "rank": "chief_inspector", "role": "review_officer"}
SUPERINTENDENT = {"id": "SU1", "rank": "superintendent", "role": "other"}
HCP = {"id": "H1", "rank": "none", "role": "hcp"}
DOCTOR = {"id": "DR1", "rank": "none", "role": "doctor"}


def t(when: str | dt.datetime | dt.timedelta) -> dt.datetime:
    """``"6:15"`` → BASE + 6 h 15 min; datetimes pass through; timedeltas are added to BASE."""
    if isinstance(when, dt.datetime):
        return when
    if isinstance(when, dt.timedelta):
        return BASE + when
    sign = -1 if when.startswith("-") else 1
    hours, minutes = when.lstrip("-").split(":")
    return BASE + sign * dt.timedelta(hours=int(hours), minutes=int(minutes))


def iso(when: str | dt.datetime | dt.timedelta) -> str:
    return t(when).isoformat().replace("+00:00", "Z")


_ids = count(1)


def ev(type_: str, when: str | dt.datetime | dt.timedelta, **fields: Any) -> dict[str, Any]:
    """One event as a dict; ``id`` is made up unless given, times in fields may be offsets."""
    event: dict[str, Any] = {
        "id": fields.pop("id", f"e{next(_ids)}"),
        "type": type_,
        "at": iso(when),
    }
    for name in ("until", "recorded_at"):
        if name in fields and isinstance(fields[name], str | dt.timedelta):
            fields[name] = iso(fields[name])
    event.update(fields)
    return event


def booking(
    arrived: str = "0:00", authorised: str = "0:10", *, rights: bool = True
) -> list[dict[str, Any]]:
    """Arrest elsewhere 30 min before arrival, arrival, detention authorised, rights given."""
    arrest = t(arrived) - dt.timedelta(minutes=30)
    events = [
        ev("arrested", arrest, id="arrest", place="elsewhere", offences=["O1"]),
        ev("arrived", arrived, id="arrive", station="HOLD-A"),
        ev(
            "detention_authorised",
            authorised,
            id="da",
            by=SERGEANT,
            grounds="obtain_evidence_by_questioning",
        ),
    ]
    if rights:
        events.append(ev("rights_given", authorised, id="rights", by=SERGEANT))
    return events


def record(
    *events: dict[str, Any] | list[dict[str, Any]],
    record_id: str = "T-1",
    regime: str = "pace",
    detainee: dict[str, Any] | None = None,
    offences: list[dict[str, Any]] | None = None,
) -> m.Record:
    """A v1 record from events (lists are flattened), decoded and validated for real."""
    flat: list[dict[str, Any]] = []
    for item in events:
        flat.extend(item if isinstance(item, list) else [item])
    data = {
        "format": m.FORMAT_V1,
        "record_id": record_id,
        "suite": "HOLD-A",
        "regime": regime,
        "detainee": {"person_id": "P1", "sex": "male", **(detainee or {})},
        "offences": offences
        if offences is not None
        else [{"ref": "O1", "title": "Burglary dwelling", "mode_of_trial": "either_way"}],
        "events": flat,
    }
    rec = m.record_decoder.decode(msgspec.json.encode(data))
    errors = m.semantic_errors(rec)
    assert not errors, errors
    return rec


def assessed(rec: m.Record, at: str | dt.datetime = "200:00") -> Assessment:
    return assess(rec, t(at))


def found(rec: m.Record, at: str | dt.datetime = "200:00", *rules: str) -> list[tuple[str, str]]:
    """``(rule, at offset)`` for each finding, optionally only of the given rules.

    Offsets are written like the inputs (``"6:10"``), so expectations read like the timeline.
    """
    out = []
    for f in assessed(rec, at).findings:
        if rules and f.rule not in rules:
            continue
        minutes = int((f.at - BASE).total_seconds() // 60)
        sign = "-" if minutes < 0 else ""
        out.append((f.rule, f"{sign}{abs(minutes) // 60}:{abs(minutes) % 60:02d}"))
    return out
