"""What the monthly KPIs need to know about one custody record, worked out once.

``facts(record, assessment, at)`` reads the record as the rules do (corrections applied, events
after ``at`` left out, through :class:`~bridewell.rules.timeline.Timeline`) and keeps, for every
fact a figure may be drilled into, the ids of the events behind it. Durations are in minutes.
Pure: the evaluation time is an argument.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from msgspec import Struct

from bridewell.force.stats import spans
from bridewell.insights.groups import LABELS, ethnic_group
from bridewell.rules import model as m
from bridewell.rules.authority import review_is_valid
from bridewell.rules.checks.reviews import FIRST as FIRST_REVIEW
from bridewell.rules.checks.searches import STRIP_LEVELS
from bridewell.rules.engine import Assessment
from bridewell.rules.localtime import LONDON, local_date
from bridewell.rules.timeline import Timeline

LATE_ENTRY: Final = dt.timedelta(hours=1)
"""K-DQ4: an entry written more than this after its event time is late (research: unverified)."""

NIGHT_START: Final = dt.time(0, 0)
NIGHT_END: Final = dt.time(6, 0)
"""K-CH2: a child is held overnight when detention overlaps 00:00–06:00 UK time (unverified)."""

STOCK_PHRASES: Final = (
    "all in order",
    "all ok",
    "all okay",
    "all fine",
    "in order",
    "no change",
    "no issues",
    "as before",
    "asleep",
    "sleeping",
    "aio",
    "ok",
    "okay",
    "fine",
    "nfa",
)
"""K-DC3: a visit note made only of these phrases (any order, repeated, any punctuation)."""

_STOCK: Final = re.compile(r"(?:\s*(?:" + "|".join(STOCK_PHRASES) + r")\b)+\s*")
_PUNCTUATION: Final = re.compile(r"[^\w\s]")

AGE_BANDS: Final = (
    (14, "under 14"),
    (18, "14-17"),
    (25, "18-24"),
    (35, "25-34"),
    (45, "35-44"),
    (55, "45-54"),
    (65, "55-64"),
)
AGE_UNKNOWN: Final = "not known"
AGE_OLDEST: Final = "65 and over"


_ENTRY_TYPES: Final = (m.CellVisit, m.ForceUsed, m.RestraintApplied, m.RestraintRemoved)


class Search(Struct, frozen=True, kw_only=True):
    """One strip-level search and what K-SS2 asks of its record."""

    event: str
    level: str
    complete: bool
    found: bool


class Removal(Struct, frozen=True, kw_only=True):
    """One removal of clothing; ``minutes_to_return`` runs to the next return (None if none).

    The format records whether replacement clothing was offered, not whether it was accepted.
    """

    event: str
    beyond_outer: bool
    replacement_offered: bool
    by_force: bool
    minutes_to_return: float | None


class Force(Struct, frozen=True, kw_only=True):
    event: str
    tactics: tuple[str, ...]


class Restraint(Struct, frozen=True, kw_only=True):
    """A restraint applied in the suite, paired with its removal (None when never removed)."""

    kind: str
    minutes: float | None


class FindingRef(Struct, frozen=True):
    rule: str
    events: tuple[str, ...]


class RecordFacts(Struct, frozen=True, kw_only=True):
    """The facts of one record a KPI may count; one per record, a few hundred bytes.

    ``reviews_*`` hold the valid pre-charge (inspector) reviews held while detained, by mode;
    ``review_due`` says a PACE detention lasted past its first review deadline (DA + 6 h).
    ``hcp_waits`` are the minutes from each answered HCP request to the HCP seen that answers it
    (:func:`hcp_waits`); ``hcp_unseen`` counts the requests not answered.
    """

    record_id: str
    suite: str
    regime: str
    month: str
    counted_at: dt.datetime | None
    authorised: bool
    refused: bool
    voluntary_attendance: bool
    closed: bool
    released: bool
    age: int | None
    age_band: str
    juvenile: bool
    vulnerable: bool
    sex: str
    ethnicity: str
    ethnic_group: str
    booking_wait: float | None
    time_in_custody: float | None
    warrants: int
    review_due: bool
    reviews_in_person: tuple[str, ...]
    reviews_video: tuple[str, ...]
    reviews_telephone: tuple[str, ...]
    reviews_missed: tuple[FindingRef, ...]
    rights_wait: float | None
    rights_delay_recorded: bool
    aa_requested: bool
    aa_wait: float | None
    rights_with_aa: bool
    overnight: bool
    charged: bool
    bail_refused: bool
    la_transfer_requested: bool
    la_transfer_completed: bool
    s38_6_certificate: bool
    s136_police_station: bool
    risk_assessed: bool
    intoxicated: bool
    level_2_rousing: bool
    max_level: int | None
    visits: int
    visit_lapses: tuple[FindingRef, ...]
    visit_notes: int
    boilerplate_visits: tuple[str, ...]
    strip_searches: tuple[Search, ...]
    removals: tuple[Removal, ...]
    force: tuple[Force, ...]
    restraints: tuple[Restraint, ...]
    prra: bool
    entries: int
    late_entries: tuple[str, ...]
    findings: tuple[FindingRef, ...]
    hcp_waits: tuple[float, ...] = ()
    hcp_unseen: int = 0


def age_band(age: int | None) -> str:
    if age is None:
        return AGE_UNKNOWN
    return next((band for upper, band in AGE_BANDS if age < upper), AGE_OLDEST)


def is_boilerplate(note: str) -> bool:
    """A note with nothing but stock phrases: "AIO", "Asleep. All in order", "ok ok"."""
    text = _PUNCTUATION.sub(" ", note.lower()).strip()
    return bool(text) and _STOCK.fullmatch(text) is not None


def uk_month(t: dt.datetime) -> str:
    """``2026-03`` for the UK calendar month containing instant ``t``."""
    lt = t.astimezone(LONDON)
    return f"{lt.year:04d}-{lt.month:02d}"


def _minutes(d: dt.timedelta) -> float:
    return d.total_seconds() / 60


def _covers_night(start: dt.datetime, end: dt.datetime) -> bool:
    """True when start..end overlaps some night's 00:00–06:00 UK time (touching does not count)."""
    day = local_date(start) - dt.timedelta(days=1)
    last = local_date(end)
    while day <= last:
        night = dt.datetime.combine(day, NIGHT_START, LONDON).astimezone(dt.UTC)
        morning = dt.datetime.combine(day, NIGHT_END, LONDON).astimezone(dt.UTC)
        if start < morning and night < end:
            return True
        day += dt.timedelta(days=1)
    return False


def hcp_waits(tl: Timeline) -> tuple[tuple[float, ...], int]:
    """K-H1: minutes from each HCP request to the HCP seen that answers it, and how many
    requests are unanswered. Each ``hcp_seen`` answers the earliest request still waiting at or
    before it (first in, first out, as restraints are paired); a visit with no request waiting
    is not a wait."""
    paired = spans(
        (("hcp", r.at) for r in tl.of(m.HcpRequested)),
        (("hcp", s.at) for s in tl.of(m.HcpSeen)),
    )
    waits = tuple(p.minutes for p in paired if p.minutes is not None)
    return waits, len(paired) - len(waits)


def _refs(assessment: Assessment, rules: frozenset[str]) -> tuple[FindingRef, ...]:
    return tuple(
        FindingRef(f.rule, tuple(f.events)) for f in assessment.findings if f.rule in rules
    )


def _strip_search(tl: Timeline, s: m.Search) -> Search:
    """K-SS2: people present listed and, for a child or vulnerable adult, the AA status."""
    needs_aa = tl.needs_appropriate_adult_at(s.at)
    aa_recorded = s.appropriate_adult_present or s.aa_declined_by_juvenile
    complete = bool(s.present) and (aa_recorded or not needs_aa)
    return Search(event=s.id, level=s.level, complete=complete, found=s.found)


def _removals(tl: Timeline) -> tuple[Removal, ...]:
    returns = [r.at for r in tl.of(m.ClothingReturned)]
    out = []
    for c in tl.of(m.ClothingRemoved):
        back = next((r for r in returns if r >= c.at), None)
        out.append(
            Removal(
                event=c.id,
                beyond_outer=c.beyond_outer,
                replacement_offered=c.replacement_offered,
                by_force=c.by_force,
                minutes_to_return=_minutes(back - c.at) if back is not None else None,
            )
        )
    return tuple(out)


def facts(record: m.Record, assessment: Assessment, at: dt.datetime) -> RecordFacts:
    """The facts of ``record`` as it stood at ``at``; ``assessment`` is ``assess(record, at)``."""
    tl = Timeline(record, at)
    detainee = record.detainee
    arrived = tl.first_arrived
    refusal = tl.first(m.DetentionRefused)
    da = tl.da
    counted = da or arrived or refusal or (tl.events[0] if tl.events else None)
    start = tl.custody_start
    age = detainee.age_on(local_date(start)) if start is not None else detainee.apparent_age
    decided = None if record.regime == "mha_s136" else (da or refusal)
    arrest = tl.first(m.Arrested)
    clock = assessment.clock
    clock_start = clock.relevant_time if clock is not None else (arrived.at if arrived else None)
    hospital = clock.hospital_time if clock is not None else dt.timedelta(0)

    in_custody = None
    if tl.end_event is not None and clock_start is not None:
        in_custody = _minutes(tl.end - clock_start - hospital)

    charge_at = tl.charge_at
    reviews = [
        r
        for r in tl.of(m.Review)
        if da is not None
        and da.at <= r.at <= tl.end
        and (charge_at is None or r.at < charge_at)
        and review_is_valid(r, charge_at)
    ]
    rights = tl.first(m.RightsGiven)
    aa_arrived = tl.first(m.AppropriateAdultArrived)
    intoxicated = any(r.intoxicated or r.swallowed_drugs for r in tl.of(m.RiskAssessed))
    levels = tl.of(m.ObservationLevelSet)
    visits = tl.of(m.CellVisit)
    noted = [v for v in visits if v.note]
    restraints = spans(
        ((r.kind, r.at) for r in tl.of(m.RestraintApplied)),
        ((r.kind, r.at) for r in tl.of(m.RestraintRemoved)),
    )
    entries = [ev for ev in tl.events if isinstance(ev, _ENTRY_TYPES)]
    waits, unseen = hcp_waits(tl)
    return RecordFacts(
        record_id=record.record_id,
        suite=record.suite,
        regime=record.regime,
        month=uk_month(counted.at) if counted is not None else "",
        counted_at=counted.at if counted is not None else None,
        authorised=da is not None,
        refused=da is None and refusal is not None,
        voluntary_attendance=arrest is not None and arrest.voluntary_attendance,
        closed=not tl.is_open,
        released=isinstance(tl.end_event, m.Released),
        age=age,
        age_band=age_band(age),
        juvenile=tl.juvenile,
        vulnerable=tl.vulnerable_at(tl.end),
        sex=detainee.sex,
        ethnicity=detainee.ethnicity_self,
        ethnic_group=LABELS[ethnic_group(detainee.ethnicity_self)],
        booking_wait=_minutes(decided.at - arrived.at) if decided and arrived else None,
        time_in_custody=in_custody,
        warrants=len(tl.of(m.WarrantIssued)),
        review_due=record.regime == "pace" and da is not None and tl.end > da.at + FIRST_REVIEW,
        reviews_in_person=tuple(r.id for r in reviews if r.mode == "in_person"),
        reviews_video=tuple(r.id for r in reviews if r.mode == "video"),
        reviews_telephone=tuple(r.id for r in reviews if r.mode == "telephone"),
        reviews_missed=_refs(assessment, frozenset({"PACE-REVIEW-1", "PACE-REVIEW-2"})),
        rights_wait=_minutes(rights.at - da.at) if rights and da else None,
        rights_delay_recorded=bool(tl.of(m.RightDelayAuthorised)),
        aa_requested=bool(tl.of(m.AppropriateAdultRequested)),
        aa_wait=_minutes(aa_arrived.at - da.at) if aa_arrived and da else None,
        rights_with_aa=any(r.appropriate_adult_present for r in tl.of(m.RightsGiven)),
        overnight=tl.juvenile and da is not None and _covers_night(da.at, tl.end),
        charged=tl.charged is not None,
        bail_refused=bool(tl.of(m.BailRefused)),
        la_transfer_requested=bool(tl.of(m.LaTransferRequested)),
        la_transfer_completed=bool(tl.of(m.LaTransferCompleted)),
        s38_6_certificate=bool(tl.of(m.S38_6Certificate)),
        s136_police_station=record.regime == "mha_s136",
        risk_assessed=bool(tl.of(m.RiskAssessed)),
        intoxicated=intoxicated,
        level_2_rousing=any(lv.level >= 2 and lv.rousing_required for lv in levels),
        max_level=max((lv.level for lv in levels), default=None),
        visits=len(visits),
        visit_lapses=_refs(assessment, frozenset({"PACE-CARE-1", "PACE-CARE-2"})),
        visit_notes=len(noted),
        boilerplate_visits=tuple(v.id for v in noted if is_boilerplate(v.note or "")),
        strip_searches=tuple(
            _strip_search(tl, s) for s in tl.of(m.Search) if s.level in STRIP_LEVELS
        ),
        removals=_removals(tl),
        force=tuple(Force(event=f.id, tactics=tuple(f.tactics)) for f in tl.of(m.ForceUsed)),
        restraints=tuple(Restraint(kind=s.kind, minutes=s.minutes) for s in restraints),
        prra=any(p.at <= tl.end for p in tl.of(m.PrraCompleted)),
        entries=len(entries),
        late_entries=tuple(ev.id for ev in entries if ev.entered_at - ev.at > LATE_ENTRY),
        findings=tuple(FindingRef(f.rule, tuple(f.events)) for f in assessment.findings),
        hcp_waits=waits,
        hcp_unseen=unseen,
    )
