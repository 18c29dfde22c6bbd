"""Events while a record is being planned, and the finished v1 record.

Planning and planting defects add, edit and remove events freely, so events are held as mutable
drafts (times in UTC) and turned into model structs only once, at the end. Ids are given then,
in time order, so a removed event leaves no gap that would give a planted defect away.

The model holds instants in UTC. Files written by custody systems carry local offsets, so the
finished record re-expresses each instant in UK local time (the same instant; equality,
ordering and the rules are unaffected, and the JSON shows ``+01:00`` in summer).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, cast

from msgspec.structs import force_setattr

from bridewell.rules import model as m
from bridewell.synth.timing import local

ZERO = dt.timedelta(0)
_AT = attrgetter("at")


@dataclass(slots=True, eq=False)
class Draft:
    """One planned event: its type, time and fields; ``delay`` is how late it was entered."""

    at: dt.datetime
    kind: type[m.EventBase]
    fields: dict[str, Any] = field(default_factory=dict)
    delay: dt.timedelta = ZERO


def _event(draft: Draft, event_id: str, ids: dict[int, str]) -> m.Event:
    fields = draft.fields
    if draft.kind is m.Correction:
        target: Draft = fields["corrects"]
        replacement: Draft = fields["replacement"]
        fields = {
            **fields,
            "corrects": ids[id(target)],
            "replacement": _event(replacement, f"{event_id}r", ids),
        }
    at = draft.at
    recorded = at + draft.delay if draft.delay else at
    event = cast(m.Event, draft.kind(id=event_id, at=at, recorded_at=recorded, **fields))
    shown = local(at)
    if shown is not at:  # summer time: written with +01:00
        force_setattr(event, "at", shown)
        force_setattr(event, "recorded_at", local(recorded))
    elif recorded is not at:
        force_setattr(event, "recorded_at", local(recorded))
    if "until" in fields:
        force_setattr(event, "until", local(fields["until"]))
    return event


def build_record(
    *,
    record_id: str,
    suite: str,
    regime: m.Regime,
    detainee: m.Detainee,
    offences: list[m.Offence] | None,
    drafts: list[Draft],
    as_of: dt.datetime | None,
) -> m.Record:
    """The v1 record of the drafts that happened by ``as_of`` (all of them when None)."""
    kept = [d for d in drafts if as_of is None or d.at <= as_of]
    kept.sort(key=_AT)
    ids = {id(d): f"e{i}" for i, d in enumerate(kept, start=1)}
    return m.Record(
        format=m.FORMAT_V1,
        record_id=record_id,
        suite=suite,
        regime=regime,
        detainee=detainee,
        offences=offences,
        events=[_event(d, ids[id(d)], ids) for d in kept],
    )
