"""Juveniles after charge: a child refused bail belongs in local authority accommodation (s.38(6)).

Note 16D: neither behaviour nor the offence makes a transfer impracticable.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from bridewell.rules import model as m
from bridewell.rules.context import Context
from bridewell.rules.localtime import clock_after, day_clock, local_date

SERIOUS_HARM_MIN_AGE = 12

READINGS: Final[dict[str, str]] = {
    "PACE-JUV-1": "Only events up to the end of the episode count, and an open record is judged "
    "at T: a child refused bail who is neither transferred nor validly certified by then is "
    "reported at T. For the no-secure-accommodation reason the age is taken on the UK date of the "
    "certificate (from the birth date, else the apparent age), since the law tests the child's "
    "age when the custody officer certifies. With several invalid certificates the finding is "
    "at the first, when the breach began.",
}

_NEVER_VALID: Final[dict[str, str]] = {
    "behaviour": "cites the child's behaviour, which never makes a transfer impracticable",
    "offence_type": "cites the nature of the offence, which never makes a transfer impracticable",
    "other": "gives a reason the law does not accept",
}


def check(ctx: Context) -> None:
    tl = ctx.tl
    if not tl.is_pace:
        return
    end = tl.end
    refused = tl.first(m.BailRefused)
    if refused is None or refused.at > end or not tl.juvenile:
        return
    moved = tl.first(m.LaTransferCompleted)
    if moved is not None and moved.at <= end:
        return
    detainee = tl.record.detainee
    invalid: list[tuple[m.S38_6Certificate, str]] = []
    for cert in tl.of(m.S38_6Certificate):
        if cert.at > end:
            break
        fault = _fault(detainee, cert)
        if fault is None:
            return
        invalid.append((cert, fault))

    ending = [tl.end_event.id] if tl.end_event is not None else []
    if invalid:
        cert, fault = invalid[0]
        at = cert.at
        message = (
            f"s.38(6) certificate given {day_clock(at)} {fault}; the child {_not_moved(ctx, at)}"
        )
    else:
        at = end
        message = (
            f"Bail refused {day_clock(refused.at)}; the child {_not_moved(ctx, refused.at)} "
            "and no s.38(6) certificate was given"
        )
    ctx.report.finding(
        "PACE-JUV-1",
        at=at,
        message=message,
        events=[refused.id, *(c.id for c, _ in invalid), *ending],
    )


def _fault(detainee: m.Detainee, cert: m.S38_6Certificate) -> str | None:
    """Why a certificate cannot justify keeping the child in police custody, or None if it can."""
    if cert.reason == "impracticable":
        return None
    if cert.reason == "no_secure_accommodation_serious_harm":
        age = detainee.age_on(local_date(cert.at))
        if age is not None and age >= SERIOUS_HARM_MIN_AGE:
            return None
        aged = f" (this child was {age})" if age is not None else ""
        return (
            "cites a lack of secure accommodation, which can justify keeping only a child of "
            f"{SERIOUS_HARM_MIN_AGE} or over{aged}"
        )
    return _NEVER_VALID[cert.reason]


def _not_moved(ctx: Context, ref: dt.datetime) -> str:
    tl = ctx.tl
    if tl.is_open:
        return f"is still in police custody at {clock_after(tl.end, ref)}"
    return (
        "was not moved to local authority accommodation before custody ended at "
        f"{clock_after(tl.end, ref)}"
    )
