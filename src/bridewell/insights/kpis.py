"""The KPI catalogue: every monthly measure with its id, unit, precise definition and source.

Each KPI reads one :class:`~bridewell.insights.facts.RecordFacts` and returns a :class:`Tally`
(what the record adds to the numerator, the denominator, the durations or the breakdown), or
None when the record is outside the KPI. ``docs/kpis.md`` is generated from this catalogue by
:func:`markdown`, so the published definitions and the arithmetic cannot drift apart.

The conventions every definition shares are :data:`CONVENTIONS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, Literal, NamedTuple

from bridewell.force.codes import NOT_FORCE
from bridewell.insights.facts import (
    LATE_ENTRY,
    NIGHT_END,
    NIGHT_START,
    STOCK_PHRASES,
    RecordFacts,
    Removal,
)

CONVENTIONS: Final = (
    "A record counts in the UK calendar month (Europe/London) of its detention authorisation "
    "(s.136 records: their arrival; records never authorised: their refusal or arrival). A "
    "*detention* is a record with detention authorised (every s.136 record that arrived). A "
    "*child* appears to be under 18 when custody began (birth date, else apparent age). Records "
    "are read as they stood at the evaluation time, with corrections applied. Durations are in "
    "minutes, reported as n, median and nearest-rank 90th percentile; rates keep their "
    "numerator and denominator and the records in each."
)

Kind = Literal["count", "rate", "per100", "per1000", "duration", "breakdown"]

BOOKING_WAIT_THRESHOLD: Final = 60.0
"""K-T3: minutes from arrival to the detention decision (research: proposal, unverified)."""
RIGHTS_WITHIN: Final = 15.0
"""K-L1: minutes from authorisation to rights given (research: proposal, unverified)."""
WITHOUT_CLOTHING: Final = 30.0
"""K-CR4: minutes from removal to return of clothing (research: unverified)."""
DAY: Final = 24 * 60.0
THIRTY_SIX_HOURS: Final = 36 * 60.0


class Tally(NamedTuple):
    """One record's contribution: numerator, denominator, durations and breakdown counts."""

    num: int = 0
    den: int = 0
    values: tuple[float, ...] = ()
    parts: tuple[tuple[str, int], ...] = ()


Measure = Callable[[RecordFacts], Tally | None]


class Kpi(NamedTuple):
    id: str
    title: str
    kind: Kind
    unit: str
    definition: str
    source: str
    measure: Measure


_UNITS: Final[dict[Kind, str]] = {
    "count": "count",
    "rate": "% (numerator of denominator)",
    "per100": "per 100 detentions",
    "per1000": "per 1,000 detentions",
    "duration": "minutes: n, median, P90 (nearest rank)",
    "breakdown": "count by category",
}


def _kpi(id_: str, title: str, kind: Kind, definition: str, source: str, measure: Measure) -> Kpi:
    return Kpi(id_, title, kind, _UNITS[kind], definition, source, measure)


def _flag(ok: bool) -> Tally:
    """A record in the denominator, in the numerator when ``ok``."""
    return Tally(num=int(ok), den=1)


def _detention(f: RecordFacts) -> bool:
    return f.authorised


def _pace_detention(f: RecordFacts) -> bool:
    return f.authorised and f.regime != "mha_s136"


def _needs_aa(f: RecordFacts) -> bool:
    return _pace_detention(f) and (f.juvenile or f.vulnerable)


def _child_remand(f: RecordFacts) -> bool:
    return f.authorised and f.juvenile and f.charged and f.bail_refused


def _count(n: int) -> Tally:
    return Tally(num=n)


def _durations(*values: float | None) -> Tally | None:
    kept = tuple(v for v in values if v is not None)
    return Tally(values=kept) if kept else None


def _per(n: int, f: RecordFacts) -> Tally | None:
    return Tally(num=n, den=1) if _detention(f) else None


def _rate_of(n: int, d: int) -> Tally | None:
    return Tally(num=n, den=d) if d else None


def _when(cond: bool, tally: Tally | None) -> Tally | None:
    return tally if cond else None


def _reviews(f: RecordFacts) -> int:
    return len(f.reviews_in_person) + len(f.reviews_video) + len(f.reviews_telephone)


def _tactics(f: RecordFacts) -> Tally | None:
    counts: dict[str, int] = {}
    for force in f.force:
        for tactic in dict.fromkeys(force.tactics):
            if tactic != NOT_FORCE:  # Home Office: recorded, not counted as force
                counts[tactic] = counts.get(tactic, 0) + 1
    return Tally(num=sum(counts.values()), parts=tuple(counts.items())) if counts else None


def _by_rule(f: RecordFacts) -> Tally | None:
    counts: dict[str, int] = {}
    for ref in f.findings:
        counts[ref.rule] = counts.get(ref.rule, 0) + 1
    return Tally(num=len(f.findings), parts=tuple(counts.items())) if counts else None


def _without_clothing(r: Removal) -> bool:
    if r.replacement_offered:
        return False
    return r.minutes_to_return is None or r.minutes_to_return > WITHOUT_CLOTHING


def _restraint(kind: str) -> Measure:
    return lambda f: _durations(*(r.minutes for r in f.restraints if r.kind == kind))


def _part(key: Callable[[RecordFacts], str]) -> Measure:
    return lambda f: Tally(num=1, parts=((key(f), 1),)) if _detention(f) else None


_STOCK = ", ".join(f'"{p}"' for p in STOCK_PHRASES)
_NIGHT = f"{NIGHT_START:%H:%M}-{NIGHT_END:%H:%M}"
_LATE = int(LATE_ENTRY.total_seconds() // 60)
_C1, _C2, _C3, _C4 = (
    "research (c.1)",
    "research (c.2)",
    "research (c.3)",
    "research (c.4)",
)
_C5, _C6, _C7 = "research (c.5)", "research (c.6)", "research (c.7)"
_C8, _C9 = "research (c.8)", "research (c.9)"

CATALOGUE: Final[tuple[Kpi, ...]] = (
    _kpi("K-T1", "Throughput", "count",
         "Detentions in the month: records with detention authorised (s.136 records: arrived).",
         _C1, lambda f: _when(_detention(f), _count(1))),
    _kpi("K-T1-VA", "Throughput: arrests after voluntary attendance", "count",
         "Detentions whose first arrest is recorded as following voluntary attendance.",
         _C1, lambda f: _when(_detention(f) and f.voluntary_attendance, _count(1))),
    _kpi("K-T1-S136", "Throughput: s.136 detentions", "count",
         "Detentions under the Mental Health Act s.136 regime.",
         _C1, lambda f: _when(_detention(f) and f.regime == "mha_s136", _count(1))),
    _kpi("K-T1-VULNERABLE", "Throughput: vulnerable adults", "count",
         "Adult detentions whose detainee was flagged vulnerable at booking or had a "
         "vulnerability identified by the end of custody (release, transfer or the evaluation "
         "time).",
         _C1, lambda f: _when(_detention(f) and f.vulnerable and not f.juvenile, _count(1))),
    _kpi("K-T1-AGE", "Throughput by age band", "breakdown",
         "Detentions by age at the start of custody (birth date, else apparent age): under 14, "
         "14-17, 18-24, 25-34, 35-44, 45-54, 55-64, 65 and over, not known.",
         _C1, _part(lambda f: f.age_band)),
    _kpi("K-T1-SEX", "Throughput by sex", "breakdown",
         "Detentions by recorded sex: male, female, other, not_stated.",
         _C1, _part(lambda f: f.sex)),
    _kpi("K-T1-ETH", "Throughput by self-defined ethnic group", "breakdown",
         "Detentions by self-defined ethnicity folded into five groups (A* Asian, B* Black, "
         "M* Mixed, W* White, O* Other) plus Not stated.",
         _C1, _part(lambda f: f.ethnic_group)),
    _kpi("K-T2", "Detention refused", "rate",
         "PACE and TACT records with detention refused and never authorised, of those with "
         "detention authorised or refused.",
         _C1, lambda f: _when(f.regime != "mha_s136" and (f.authorised or f.refused),
                              _flag(f.refused))),
    _kpi("K-T3", "Booking-in wait", "duration",
         "Minutes from the first arrival to detention authorised (or, if never authorised, "
         "refused). PACE and TACT records.",
         _C1, lambda f: _when(f.regime != "mha_s136", _durations(f.booking_wait))),
    _kpi("K-T3-OVER60", "Booking-in wait over 60 minutes", "rate",
         f"Records with a booking-in wait (K-T3) over {BOOKING_WAIT_THRESHOLD:g} minutes, of "
         "records with one. Threshold is a research proposal, unverified.",
         _C1, lambda f: None if f.booking_wait is None or f.regime == "mha_s136"
         else _flag(f.booking_wait > BOOKING_WAIT_THRESHOLD)),
    _kpi("K-T3-CHILD", "Booking-in wait, children", "duration",
         "K-T3 for children only.",
         _C1, lambda f: _when(f.juvenile and f.regime != "mha_s136",
                              _durations(f.booking_wait))),
    _kpi("K-T4", "Time in custody", "duration",
         "Closed detentions: minutes from the relevant time (PACE: as the detention clock sets "
         "it; other regimes: first arrival) to release or transfer; for PACE, less the time at "
         "hospital for treatment that the clock does not count (s.41(6)).",
         _C1, lambda f: _when(_detention(f), _durations(f.time_in_custody))),
    _kpi("K-T4-CHILD", "Time in custody, children", "duration",
         "K-T4 for children only.",
         _C1, lambda f: _when(_detention(f) and f.juvenile, _durations(f.time_in_custody))),
    _kpi("K-T4-ADULT", "Time in custody, adults", "duration",
         "K-T4 for adults only.",
         _C1, lambda f: _when(_detention(f) and not f.juvenile, _durations(f.time_in_custody))),
    _kpi("K-T4-OVER24", "Detained over 24 hours", "rate",
         "Closed detentions with time in custody (K-T4) over 24 hours, of closed detentions.",
         _C1, lambda f: None if f.time_in_custody is None or not _detention(f)
         else _flag(f.time_in_custody > DAY)),
    _kpi("K-T4-OVER36", "Detained over 36 hours", "rate",
         "Closed detentions with time in custody (K-T4) over 36 hours, of closed detentions.",
         _C1, lambda f: None if f.time_in_custody is None or not _detention(f)
         else _flag(f.time_in_custody > THIRTY_SIX_HOURS)),
    _kpi("K-T4-WFD", "Warrants of further detention", "count",
         "Warrants of further detention issued (warrant_issued events) in detentions.",
         _C1, lambda f: _when(_detention(f) and f.warrants > 0, _count(f.warrants))),
    _kpi("K-P1", "Reviews on time", "rate",
         "PACE detentions with no review deadline missed (no PACE-REVIEW-1 or PACE-REVIEW-2 "
         "finding: the rules' reading of s.40, with postponements) of PACE detentions that "
         "lasted past their first review deadline (6 hours after detention authorised).",
         _C2, lambda f: _when(f.review_due, _flag(not f.reviews_missed))),
    _kpi("K-P1-MISSED", "Review deadlines missed", "count",
         "PACE-REVIEW-1 and PACE-REVIEW-2 findings: each is one s.40 deadline that passed "
         "without a valid review.",
         _C2, lambda f: _when(bool(f.reviews_missed), _count(len(f.reviews_missed)))),
    _kpi("K-P2-IN-PERSON", "Reviews in person", "rate",
         "Valid pre-charge reviews (inspector or above, held while detained) held in person, "
         "of those reviews.",
         _C2, lambda f: _rate_of(len(f.reviews_in_person), _reviews(f))),
    _kpi("K-P2-VIDEO", "Reviews by video", "rate",
         "Valid pre-charge reviews held by video link, of those reviews.",
         _C2, lambda f: _rate_of(len(f.reviews_video), _reviews(f))),
    _kpi("K-P2-TELEPHONE", "Reviews by telephone", "rate",
         "Valid pre-charge reviews held by telephone, of those reviews.",
         _C2, lambda f: _rate_of(len(f.reviews_telephone), _reviews(f))),
    _kpi("K-L1", "Rights given promptly", "rate",
         f"PACE and TACT detentions with rights given within {RIGHTS_WITHIN:g} minutes of "
         "detention authorised, or with a delay of a right authorised, of those detentions. "
         "Threshold is a research proposal, unverified.",
         _C2, lambda f: _when(_pace_detention(f), _flag(
             (f.rights_wait is not None and f.rights_wait <= RIGHTS_WITHIN)
             or f.rights_delay_recorded))),
    _kpi("K-L2", "Appropriate adult wait", "duration",
         "Children and vulnerable adults (PACE and TACT detentions): minutes from detention "
         "authorised to the first appropriate adult arrival.",
         _C2, lambda f: _when(_needs_aa(f), _durations(f.aa_wait))),
    _kpi("K-L2-REQUESTED", "Appropriate adult requested", "rate",
         "Children and vulnerable adults with an appropriate adult requested, of their "
         "PACE and TACT detentions.",
         _C2, lambda f: _when(_needs_aa(f), _flag(f.aa_requested))),
    _kpi("K-L2-PRESENT", "Rights given with appropriate adult", "rate",
         "Children and vulnerable adults with rights given (or given again) at least once with "
         "an appropriate adult present, of those with rights given.",
         _C2, lambda f: _when(_needs_aa(f) and f.rights_wait is not None,
                              _flag(f.rights_with_aa))),
    _kpi("K-CH1", "Children detained", "rate",
         "Child detentions, of all detentions.",
         _C3, lambda f: _when(_detention(f), _flag(f.juvenile))),
    _kpi("K-CH2", "Children held overnight", "rate",
         f"Child detentions whose time from detention authorised to release, transfer or the "
         f"evaluation time overlaps {_NIGHT} UK time on any night, of child detentions. "
         "Definition is a research proposal, unverified.",
         _C3, lambda f: _when(_detention(f) and f.juvenile, _flag(f.overnight))),
    _kpi("K-CH3", "Children charged and refused bail", "count",
         "Child detentions with a charge and bail refused.",
         _C3, lambda f: _when(_child_remand(f), _count(1))),
    _kpi("K-CH3-REQUESTED", "Local authority transfer requested", "rate",
         "Of K-CH3: with a local authority accommodation request (s.38(6)).",
         _C3, lambda f: _when(_child_remand(f), _flag(f.la_transfer_requested))),
    _kpi("K-CH3-TRANSFERRED", "Transferred to local authority", "rate",
         "Of K-CH3: with the transfer to local authority accommodation completed.",
         _C3, lambda f: _when(_child_remand(f), _flag(f.la_transfer_completed))),
    _kpi("K-CH3-CERTIFICATE", "s.38(6) certificate when not transferred", "rate",
         "Of K-CH3 records closed without a completed transfer: with an s.38(6) certificate.",
         _C3, lambda f: _when(_child_remand(f) and f.closed and not f.la_transfer_completed,
                              _flag(f.s38_6_certificate))),
    _kpi("K-MH1", "s.136 detentions at a police station", "count",
         "s.136 records (regime mha_s136: a police station used as the place of safety).",
         _C3, lambda f: _when(_detention(f) and f.s136_police_station, _count(1))),
    _kpi("K-MH1-CHILD", "Children detained under s.136 at a police station", "count",
         "K-MH1 records of children (should be none).",
         _C3, lambda f: _when(_detention(f) and f.s136_police_station and f.juvenile,
                              _count(1))),
    _kpi("K-RK3", "Intoxication: level 2 with rousing", "rate",
         "Detentions with any risk assessment finding intoxication or swallowed drugs that have "
         "an observation level of 2 or above with rousing set at any time, of those detentions.",
         _C4, lambda f: _when(_detention(f) and f.intoxicated, _flag(f.level_2_rousing))),
    _kpi("K-DC1", "Cell visits on time", "rate",
         "Detentions with no cell-visit lapse (no PACE-CARE-1 or PACE-CARE-2 finding: the care "
         "rules' visit timer), of detentions.",
         _C4, lambda f: _when(_detention(f), _flag(not f.visit_lapses))),
    _kpi("K-DC1-LAPSES", "Cell visit lapses", "count",
         "PACE-CARE-1 and PACE-CARE-2 findings: each is one visit deadline missed.",
         _C4, lambda f: _when(bool(f.visit_lapses), _count(len(f.visit_lapses)))),
    _kpi("K-DC3", "Boilerplate visit entries", "rate",
         "Cell visits whose note, lowercased and stripped of punctuation, consists only of the "
         f"stock phrases {_STOCK}, of cell visits with a note.",
         _C4, lambda f: _rate_of(len(f.boilerplate_visits), f.visit_notes)),
    _kpi("K-SS1", "Strip searches", "per100",
         "Strip searches (levels strip and strip_exposing_intimate_parts) per 100 detentions.",
         _C6, lambda f: _per(len(f.strip_searches), f)),
    _kpi("K-SS2", "Strip search recording complete", "rate",
         "Strip searches recording the people present (each with sex) and, for a child or "
         "vulnerable adult, the appropriate adult present or declined by the juvenile, of strip "
         "searches. The format records no grounds, and 'found' cannot be told from unrecorded.",
         _C6, lambda f: _rate_of(sum(s.complete for s in f.strip_searches),
                                 len(f.strip_searches))),
    _kpi("K-CR1", "Clothing removals", "per100",
         "clothing_removed events per 100 detentions.",
         _C6, lambda f: _per(len(f.removals), f)),
    _kpi("K-CR1-BEYOND-OUTER", "Clothing removals beyond outer clothing", "per100",
         "clothing_removed events marked beyond_outer per 100 detentions (the format has no "
         "anti-rip flag).",
         _C6, lambda f: _per(sum(r.beyond_outer for r in f.removals), f)),
    _kpi("K-CR2", "Clothing removal with replacement offered", "rate",
         "Clothing removals with replacement clothing offered, of clothing removals (the format "
         "has no 'higher observation considered' field).",
         _C6, lambda f: _rate_of(sum(r.replacement_offered for r in f.removals),
                                 len(f.removals))),
    _kpi("K-CR3", "Clothing removal by force", "rate",
         "Clothing removals marked by_force, of clothing removals.",
         _C6, lambda f: _rate_of(sum(r.by_force for r in f.removals), len(f.removals))),
    _kpi("K-CR4", "Without clothing over 30 minutes", "count",
         "Records with a clothing removal where no replacement clothing was offered and the "
         f"clothing was not returned within {WITHOUT_CLOTHING:g} minutes (or never). The format "
         "records an offer of replacement clothing, not its acceptance. Threshold unverified.",
         _C6, lambda f: _when(any(_without_clothing(r) for r in f.removals), _count(1))),
    _kpi("K-CR4-DURATION", "Time from clothing removal to return", "duration",
         "Minutes from each clothing removal to the next clothing_returned.",
         _C6, lambda f: _durations(*(r.minutes_to_return for r in f.removals))),
    _kpi("K-UF1", "Force in custody", "per1000",
         "force_used events in the custody record per 1,000 detentions.",
         _C5, lambda f: _per(len(f.force), f)),
    _kpi("K-UF1-TACTIC", "Force in custody by tactic", "breakdown",
         "force_used events by tactic; a tactic counts once per event; tactical communication "
         "is not counted (Home Office counting rules).",
         _C5, _tactics),
    _kpi("K-UF6-HANDCUFFS", "Handcuff duration", "duration",
         "Minutes from restraint_applied to the matching restraint_removed (first in, first "
         "out), handcuffs; restraints never removed are left out.",
         _C5, _restraint("handcuffs")),
    _kpi("K-UF6-LEG", "Leg restraint duration", "duration",
         "As K-UF6-HANDCUFFS, for leg restraints.",
         _C5, _restraint("leg_restraints")),
    _kpi("K-UF6-SPIT", "Spit guard duration", "duration",
         "As K-UF6-HANDCUFFS, for spit guards.",
         _C5, _restraint("spit_guard")),
    _kpi("K-H1", "Health care professional wait", "duration",
         "Minutes from each hcp_requested to the hcp_seen that answers it: each hcp_seen "
         "answers the earliest request still waiting at or before it (first in, first out); an "
         "hcp_seen with no request waiting is not a wait. Requests not answered by release, "
         "transfer or the evaluation time are left out (K-H1-UNSEEN). The format has no "
         "provider target, so no % within target.",
         _C7, lambda f: _durations(*f.hcp_waits)),
    _kpi("K-H1-UNSEEN", "Health care professional requests not answered", "count",
         "hcp_requested events that no hcp_seen answers (K-H1 pairing) by release, transfer or "
         "the evaluation time.",
         _C7, lambda f: _when(f.hcp_unseen > 0, _count(f.hcp_unseen))),
    _kpi("K-RL1", "Pre-release risk assessment", "rate",
         "Detentions ending in release with a prra_completed at or before the release, of "
         "detentions ending in release.",
         _C8, lambda f: _when(f.released and _detention(f), _flag(f.prra))),
    _kpi("K-DQ1", "Ethnicity recorded", "rate",
         "Detentions with a self-defined ethnicity recorded (not not_stated), of detentions.",
         _C9, lambda f: _when(_detention(f), _flag(f.ethnicity != "not_stated"))),
    _kpi("K-DQ3", "Closed with a data-quality finding", "rate",
         "Closed records with any DATA-* finding (late entry, open restraint, no authorisation "
         "decision, clothing removal without strip search), of closed records.",
         _C9, lambda f: _when(f.closed, _flag(any(r.rule.startswith("DATA-")
                                                  for r in f.findings)))),
    _kpi("K-DQ4", "Late entries", "rate",
         f"Cell visit, force and restraint entries recorded more than {_LATE} minutes after "
         "their event time, of those entries. Threshold unverified.",
         _C9, lambda f: _rate_of(len(f.late_entries), f.entries)),
    _kpi("K-FR", "Findings by rule", "breakdown",
         "Engine findings by rule id, at the evaluation time.",
         "rules engine", _by_rule),
)  # fmt: skip

BY_ID: Final[dict[str, Kpi]] = {k.id: k for k in CATALOGUE}


def markdown() -> str:
    """``docs/kpis.md``: every KPI with its unit, definition and source."""
    lines = [
        "# KPIs",
        "",
        "Generated from `bridewell.insights.kpis.CATALOGUE`; do not edit by hand.",
        "",
        CONVENTIONS,
        "",
        "| ID | KPI | Unit | Definition | Source |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {k.id} | {k.title} | {k.unit} | {k.definition} | {k.source} |" for k in CATALOGUE]
    return "\n".join(lines) + "\n"
