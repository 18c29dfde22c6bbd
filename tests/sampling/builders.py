"""Closed custody records for the dip-sampling tests, each in chosen strata."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bridewell.custody import records
from bridewell.custody.models import CustodyRecord, Suite
from tests import factories as f

SERGEANT = {"id": "S0001", "rank": "sergeant", "role": "custody_officer"}


def closed(
    where: Suite,
    arrived: dt.datetime,
    *,
    hours: float = 3,
    child: bool = False,
    vulnerable: bool = False,
    force: bool = False,
    strip: bool = False,
) -> CustodyRecord:
    """A record booked in at ``arrived``, visited every 50 minutes and released ``hours`` later,
    30 minutes after a PRRA."""
    detainee: dict[str, Any] = {}
    if child:
        detainee["apparent_age"] = 15
    if vulnerable:
        detainee["vulnerable"] = True
    record = f.booked(where, at=arrived, detainee=detainee)

    entries: list[tuple[float, dict[str, Any]]] = []

    def add(minutes: float, payload: dict[str, Any]) -> None:
        entries.append((minutes, payload))

    if force:
        add(
            20,
            {
                "type": "force_used",
                "by": SERGEANT,
                "officers": ["D0001"],
                "tactics": ["handcuffing_non_compliant"],
                "reason": ["protect_self"],
            },
        )
    if strip:
        add(
            25,
            {
                "type": "search",
                "by": SERGEANT,
                "level": "strip",
                "authorised_by": SERGEANT,
                "place": "custody_suite",
                "present": [{"sex": "male", "role": "custody_officer"}],
            },
        )
    end = hours * 60
    visit = 60
    while visit < end:
        add(visit, {"type": "cell_visit", "by": SERGEANT, "note": "Awake, asked for a drink"})
        visit += 50
    add(end - 30, {"type": "prra_completed", "by": SERGEANT})
    add(end, {"type": "released", "by": SERGEANT, "outcome": "nfa"})
    for minutes, payload in sorted(entries, key=lambda e: e[0]):
        at = arrived + dt.timedelta(minutes=minutes)
        records.append(record, {"at": at.isoformat(), **payload}, None, now=at)
    record.refresh_from_db()
    return record
