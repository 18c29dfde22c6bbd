"""Use of force and restraint: a form from every officer, and every restraint's removal recorded."""

from __future__ import annotations

from collections import deque
from typing import Final

from bridewell.rules import model as m
from bridewell.rules.context import Context
from bridewell.rules.localtime import clock_after, day_clock

_RESTRAINT_NAME: Final[dict[str, str]] = {
    "handcuffs": "Handcuffs",
    "limb_restraints": "Limb restraints",
    "leg_restraints": "Leg restraints",
    "spit_guard": "Spit guard",
    "other": "Other restraint",
}

READINGS: Final[dict[str, str]] = {
    "UOF-FORM-1": "Every force_used event is checked, including one that records only "
    "tactical communication, since the spec makes no exception. An officer named twice is "
    "reported once.",
    "DATA-RESTRAINT-OPEN": "Applications and removals of the same kind are paired first in, "
    "first out; a removal at the same instant as the application, or at END itself, counts, "
    "one after END does not. "
    "The finding is dated at the application, so the inspector sees when the restraint whose "
    "removal is missing began; the end of custody is named in the message and its events.",
}


def check(ctx: Context) -> None:
    for force in ctx.tl.of(m.ForceUsed):
        _forms(ctx, force)
    if not ctx.tl.is_open:
        _open_restraints(ctx)


def _forms(ctx: Context, force: m.ForceUsed) -> None:
    """Home Office ADR: each officer who used force submits their own report."""
    with_form = {form.officer for form in force.forms}
    missing = [o for o in dict.fromkeys(force.officers) if o not in with_form]
    if not missing:
        return
    ctx.report.finding(
        "UOF-FORM-1",
        at=force.at,
        message=f"Force used {day_clock(force.at)} with no use-of-force form from "
        f"{'officer' if len(missing) == 1 else 'officers'} {_and(missing)}",
        events=[force.id],
    )


def _open_restraints(ctx: Context) -> None:
    """Pair each removal with the earliest open application of its kind; report what is left."""
    tl = ctx.tl
    applied = tl.of(m.RestraintApplied)
    if not applied:
        return
    end, end_event = tl.end, tl.end_event
    assert end_event is not None
    on: dict[str, deque[m.RestraintApplied]] = {}
    i = 0
    for removal in tl.of(m.RestraintRemoved):
        if removal.at > end:
            break
        while i < len(applied) and applied[i].at <= removal.at:
            on.setdefault(applied[i].kind, deque()).append(applied[i])
            i += 1
        if queue := on.get(removal.kind):
            queue.popleft()
    left = [*(ev for queue in on.values() for ev in queue), *applied[i:]]
    for ev in sorted(left, key=lambda ev: ev.at):
        ctx.report.finding(
            "DATA-RESTRAINT-OPEN",
            at=ev.at,
            message=f"{_RESTRAINT_NAME[ev.kind]} applied {day_clock(ev.at)} with no removal "
            f"recorded before custody ended at {clock_after(end, ev.at)}",
            events=[ev.id, end_event.id],
        )


def _and(names: list[str]) -> str:
    """``C1, C2 and C3``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
