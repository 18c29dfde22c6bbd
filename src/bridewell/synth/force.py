"""Officers' use-of-force reports, and supervisors' reviews, for synthetic custody records.

Every officer a ``force_used`` event names owes a report: one officer's force on one person in
one incident, the Home Office unit of count. Inspectors find that not every officer submits one,
that forms and custody records disagree, and that restraint durations go unrecorded (research
b.5 and d.1), so most reports drawn here are complete and agree with the record, and some fail
in the ways reconciliation must see (:data:`Flaw`). Answers follow the record: the tactics and
reasons of the event, impact factors from the risk assessments, the detainee as an officer
would perceive them, the custody officer on duty, restraints, clothing removed by force, a
juvenile and their appropriate adult. Every submitted report passes
``bridewell.force.report.problems(..., submitting=True)``: the contradictions are between
report and record, never inside a report.

Pure (no Django), seeded and reproducible: the demo seeding (``bridewell.force.seeding``) loads
the reports, and files could carry them. Figures are product assumptions unless cited; they are
listed in ``docs/synthetic-data.md``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final, Literal, NamedTuple, TypeAlias

import msgspec

from bridewell.force.codes import (
    AgeBand,
    Ethnicity,
    ForceReason,
    Gender,
    HealthCondition,
    ImpactFactor,
    OfficerInjured,
    OfficerInjuryLevel,
    Outcome,
    SubjectInjured,
    SubjectInjuryLevel,
    TacticCode,
)
from bridewell.force.report import TIMES, ReportData, counted_tactics
from bridewell.rules import model as m
from bridewell.rules.localtime import local_date
from bridewell.rules.timeline import Timeline
from bridewell.synth.people import pick
from bridewell.synth.staff import SUITES, Roster, Suite
from bridewell.synth.timing import MINUTE, local, minutes

Filing: TypeAlias = Literal["submitted", "draft", "missing", "elsewhere"]
"""What became of an officer's report: submitted; a draft never submitted; none at all; or
none here but a form held elsewhere, whose reference the custody record notes."""
Flaw: TypeAlias = Literal["time_off", "unlinked", "no_restraint_end"]
"""How a submitted report disagrees with the custody record:

- ``time_off``: location custody block, but every time in it more than 2 hours from the event
  (a slip of the pen, often 12 hours: a pm time written as am);
- ``unlinked``: reported as force the custody record does not show (not linked to the record),
  so the custody event still lacks this officer's report;
- ``no_restraint_end``: restraint started with no end recorded.
"""

FILINGS: Final[dict[bool, tuple[tuple[Filing, float], ...]]] = {
    False: (("submitted", 88.0), ("draft", 4.0), ("missing", 5.0), ("elsewhere", 3.0)),
    True: (("submitted", 75.0), ("draft", 6.0), ("missing", 9.0), ("elsewhere", 10.0)),
}
"""Per officer named: suite staff (False) and the arresting officer (True, a constable from
outside the suite, more often reporting on another system or not at all)."""
TIME_OFF: Final = 0.035
UNLINKED: Final = 0.035
NO_RESTRAINT_END: Final = 0.08
"""Of submitted reports (NO_RESTRAINT_END: of those with a restraint)."""
# Delay from the force to starting the report, then to submitting it (minutes).
START_DELAY: Final = (((20, 180), 70.0), ((180, 720), 20.0), ((1440, 5760), 10.0))
WRITING: Final = (((10, 50), 80.0), ((60, 2880), 20.0))

RESTRAINT_TACTICS: Final = frozenset(
    {
        "handcuffing_compliant",
        "handcuffing_non_compliant",
        "limb_body_restraints",
        "ground_restraint",
        "spit_bite_guard",
    }
)
# The post-force health care examination: within the hour (the K-UF8 indicator), later, or
# refused. Minutes after the force.
HEALTH_CHECK: Final = (("hour", 76.0), ("later", 12.0), ("refused", 12.0))
CCTV_NOTED: Final = 0.92
"""The incident's CCTV reference is known; each officer then notes it 95% of the time."""
EXTRA_REASONS: Final[tuple[ForceReason, ...]] = (
    "protect_other_officers",
    "prevent_harm",
    "protect_subject",
)
SUBJECT_INJURY: Final[
    tuple[tuple[tuple[SubjectInjured, SubjectInjuryLevel | None], float], ...]
] = (
    (("no", None), 84.0),
    (("yes", "minor"), 9.0),
    (("yes", "severe"), 0.7),
    (("unknown", None), 5.3),
    (("not_reported", None), 1.0),
)
OFFICER_INJURY: Final[
    tuple[tuple[tuple[OfficerInjured, OfficerInjuryLevel | None], float], ...]
] = (
    (("no", None), 91.0),
    (("yes", "minor"), 6.5),
    (("yes", "severe"), 0.3),
    (("yes", "not_reported"), 0.2),
    (("not_reported", None), 2.0),
)
ETHNICITY_OF_GROUP: Final[dict[str, Ethnicity]] = {
    "W": "white",
    "B": "black",
    "A": "asian",
    "M": "mixed",
    "O": "other",
}
GENDER_OF_SEX: Final[dict[str, Gender]] = {
    "male": "male",
    "female": "female",
    "other": "other",
    "not_stated": "not_reported",
}
NOT_VIEWED: Final = (
    "The camera covering the booking-in area was out of order",
    "The footage was not retained: the request was made after the retention period",
    "The incident happened out of camera view, in the cell corridor",
)
REVIEW_DELAY: Final = (
    ((720, 4320), 20.0),
    ((4320, 10080), 20.0),
    ((10080, 30240), 30.0),
    ((30240, 86400), 30.0),
)
"""Minutes from the force to its review: 12 hours to 3 days, 3 to 7 days, 7 to 21 days, 21 to
60 days. Inspectors find review slow and patchy, so the queue shows a backlog of every age."""
NEVER_REVIEWED: Final = 0.3
CCTV_VIEWED: Final = 0.8
REVIEW_OUTCOMES: Final = (("justified", 86.0), ("learning", 11.0), ("professional_standards", 3.0))
REVIEW_REASONS: Final[dict[str, str]] = {
    "justified": "The force used was necessary, proportionate and stopped once the detained "
    "person complied; the accounts agree with each other and with the footage.",
    "learning": "Force was justified, but the restraint went on longer than needed and the "
    "de-escalation was not recorded: discussed with the officers.",
    "professional_standards": "The footage shows a strike that the accounts do not mention: "
    "referred to professional standards.",
}


@dataclass(frozen=True)
class OfficerReport:
    """One officer's report on one custody use of force, as it stands at the cut.

    ``answers`` are what is saved (complete when submitted, partial for a draft); None when the
    officer has not started one. ``flaw`` is only ever set on a submitted report.
    """

    event_id: str
    officer: str
    filing: Filing
    flaw: Flaw | None
    answers: ReportData | None
    started_at: dt.datetime | None
    submitted_at: dt.datetime | None


class ReviewPlan(NamedTuple):
    """A supervisor's review of a custody use of force: the CCTV and the outcome."""

    at: dt.datetime
    cctv_reviewed: bool
    cctv_reference: str
    cctv_reviewed_at: dt.datetime | None
    cctv_not_reviewed_reason: str
    outcome: str
    reasons: str


@dataclass(frozen=True)
class _Incident:
    """What every officer's report on one use of force shares, drawn once from the record."""

    event: m.ForceUsed
    at: dt.datetime
    supervisor: str
    cctv: str
    health_at: dt.datetime | None
    restraint: tuple[dt.datetime, dt.datetime | None] | None
    clothing: str | None
    juvenile: bool
    aa_present: bool
    age: int | None
    gender: Gender
    ethnicity: Ethnicity
    health: HealthCondition
    factors: tuple[ImpactFactor, ...]
    subject_injury: tuple[SubjectInjured, SubjectInjuryLevel | None]
    outcomes: tuple[Outcome, ...]


def officer_reports(
    record: m.Record,
    rng: random.Random,
    *,
    now: dt.datetime | None = None,
    fixed: Mapping[tuple[str, str], Filing] = MappingProxyType({}),
) -> list[OfficerReport]:
    """A report (or its absence) for every officer named in every use of force in ``record``.

    With ``now``, nothing is started or submitted after it: a report that would be submitted
    later is a draft, one not started yet is missing. ``fixed`` decides the filing for some
    ``(event id, officer)`` (the demo's own accounts), with no flaw.
    """
    last = max((e.at for e in record.events), default=None)
    if last is None:
        return []
    tl = Timeline(record, now if now is not None else last)
    out: list[OfficerReport] = []
    for event in tl.of(m.ForceUsed):
        incident = _incident(tl, event, rng)
        for n, officer in enumerate(dict.fromkeys(event.officers)):
            out.append(_report(incident, officer, n, rng, now, fixed.get((event.id, officer))))
    return out


def reported(
    record: m.Record,
    rng: random.Random,
    *,
    now: dt.datetime | None = None,
    fixed: Mapping[tuple[str, str], Filing] = MappingProxyType({}),
) -> tuple[m.Record, list[OfficerReport]]:
    """The officers' reports (:func:`officer_reports`), and the record with its force entries
    listing the forms the custody officer could note: those submitted and linked to the
    record, and those held elsewhere. Without a form listed, an officer with no report here
    is simply missing, as reconciliation sees it."""
    if not any(isinstance(e, m.ForceUsed) for e in record.events):
        return record, []
    drawn = officer_reports(record, rng, now=now, fixed=fixed)
    noted: dict[str, list[str]] = {}
    for r in drawn:
        if r.filing == "elsewhere" or (r.filing == "submitted" and r.flaw != "unlinked"):
            noted.setdefault(r.event_id, []).append(r.officer)
    events: list[m.Event] = []
    for event in record.events:
        if isinstance(event, m.ForceUsed):
            known = {f.officer: f.form_ref for f in event.forms}
            year = local(event.at).year
            forms = [
                m.ForceForm(
                    officer=o, form_ref=known.get(o) or f"UOF-{year}-{rng.randint(10000, 99999)}"
                )
                for o in noted.get(event.id, [])
            ]
            event = msgspec.structs.replace(event, forms=forms)
        events.append(event)
    return msgspec.structs.replace(record, events=events), drawn


# what the incident shares


def _incident(tl: Timeline, event: m.ForceUsed, rng: random.Random) -> _Incident:
    at = event.at
    detainee = tl.record.detainee
    age = detainee.age_on(local_date(at))
    assessed = [r for r in tl.of(m.RiskAssessed) if r.at <= at + 60 * MINUTE]
    intoxicated = any(r.intoxicated for r in assessed)
    swallowed = any(r.swallowed_drugs for r in assessed)
    self_harm = any(r.self_harm_risk for r in assessed)
    mental = tl.record.regime == "mha_s136" or any(
        v.kind == "mental_health" and v.at <= at for v in tl.of(m.VulnerabilityIdentified)
    )
    vulnerable = tl.vulnerable_at(at)
    health = _health(rng, mental or self_harm or vulnerable)
    injury = pick(rng, SUBJECT_INJURY)
    outcomes: tuple[Outcome, ...] = (
        ("detained_mha",)
        if tl.record.regime == "mha_s136"
        else (("arrested",) if rng.random() < 0.85 else ("other",))
    )
    if injury[1] == "severe":
        outcomes += ("hospitalised",)
    return _Incident(
        event=event,
        at=at,
        supervisor=_supervisor(tl, at),
        cctv=_cctv(tl.record.suite, at, rng) if rng.random() < CCTV_NOTED else "",
        health_at=_health_check(tl, at, rng),
        restraint=_restraint(tl, event, rng),
        clothing=next(
            (c.reason for c in tl.of(m.ClothingRemoved) if c.by_force and c.at == at), None
        ),
        juvenile=tl.juvenile,
        aa_present=tl.juvenile and _aa_present(tl, at),
        age=age,
        gender=GENDER_OF_SEX[detainee.sex],
        ethnicity=_ethnicity(detainee),
        health=health,
        factors=_factors(rng, intoxicated, swallowed, mental or (self_harm and rng.random() < 0.5)),
        subject_injury=injury,
        outcomes=outcomes,
    )


def _supervisor(tl: Timeline, at: dt.datetime) -> str:
    """The custody officer on the latest entry before the force (else the first after it)."""
    named = [e for e in tl.events if e.by is not None and e.by.role == "custody_officer"]
    before = [e for e in named if e.at <= at]
    chosen = before[-1] if before else (named[0] if named else None)
    if chosen is not None and chosen.by is not None:
        return chosen.by.id
    roster = Roster(_suite(tl.record.suite))
    return roster.sergeants[roster.team(at)][0].id


def _suite(code: str) -> Suite:
    return next((s for s in SUITES if s.code == code), Suite(code, code[:2].upper()))


def _cctv(suite: str, at: dt.datetime, rng: random.Random) -> str:
    return f"CCTV-{_suite(suite).abbr}-{local(at):%Y%m%d-%H%M}-C{rng.randint(1, 12)}"


def _health_check(tl: Timeline, at: dt.datetime, rng: random.Random) -> dt.datetime | None:
    """When health care examined the detainee after force; None when they refused."""
    seen = [e.at for e in tl.of(m.HcpSeen) if at < e.at <= at + 180 * MINUTE]
    if seen:
        return seen[0]
    kind = pick(rng, HEALTH_CHECK)
    if kind == "refused":
        return None
    return at + (minutes(rng, 8, 58) if kind == "hour" else minutes(rng, 61, 180))


def _restraint(
    tl: Timeline, event: m.ForceUsed, rng: random.Random
) -> tuple[dt.datetime, dt.datetime | None] | None:
    """Restraint start and end: the record's own restraints applied with the force, else
    handcuffs or a hold for a few minutes. The end is None when the record shows no removal."""
    if not RESTRAINT_TACTICS.intersection(event.tactics):
        return None
    applied = [r for r in tl.of(m.RestraintApplied) if r.at == event.at]
    if not applied:
        start = event.at + minutes(rng, 0, 2)
        return start, start + minutes(rng, 3, 20)
    ends: list[dt.datetime] = []
    for restraint in applied:
        removal = next(
            (
                r.at
                for r in tl.of(m.RestraintRemoved)
                if r.kind == restraint.kind and r.at >= restraint.at
            ),
            None,
        )
        if removal is None:
            return event.at, None
        ends.append(removal)
    return event.at, max(ends)


def _aa_present(tl: Timeline, at: dt.datetime) -> bool:
    arrived = [e.at for e in tl.of(m.AppropriateAdultArrived) if e.at <= at]
    left = [e.at for e in tl.of(m.AppropriateAdultLeft) if e.at <= at]
    return bool(arrived) and (not left or max(arrived) > max(left))


def _ethnicity(detainee: m.Detainee) -> Ethnicity:
    if detainee.ethnicity_officer != "not_recorded":
        return detainee.ethnicity_officer
    return ETHNICITY_OF_GROUP.get(detainee.ethnicity_self[0], "not_reported")


def _health(rng: random.Random, mental: bool) -> HealthCondition:
    r = rng.random()
    if r < 0.03:
        return "not_reported"
    if mental:
        return "physical_and_mental" if r < 0.1 else "mental"
    return "physical" if r < 0.08 else "none"


def _factors(
    rng: random.Random, intoxicated: bool, swallowed: bool, mental: bool
) -> tuple[ImpactFactor, ...]:
    found: list[ImpactFactor] = []
    if intoxicated:
        drink = rng.random() < 0.8
        if drink:
            found.append("alcohol")
        if not drink or rng.random() < 0.3:
            found.append("drugs")
    if swallowed and "drugs" not in found:
        found.append("drugs")
    if mental:
        found.append("mental_health")
    for factor, share in (
        ("size_gender_build", 0.15),
        ("prior_knowledge", 0.12),
        ("acute_behavioural_disturbance", 0.03),
        ("weapon", 0.02),
        ("other", 0.03),
    ):
        if rng.random() < share:
            found.append(factor)  # type: ignore[arg-type]  # the literals above are codes
    return tuple(found)


# each officer's report


def _report(
    incident: _Incident,
    officer: str,
    n: int,
    rng: random.Random,
    now: dt.datetime | None,
    fixed: Filing | None,
) -> OfficerReport:
    complete = _answers(incident, n, rng)
    arresting = officer.startswith("PC")
    filing = fixed or pick(rng, FILINGS[arresting])
    flaw = _flaw(rng, complete, chosen=fixed is None) if filing == "submitted" else None
    answers = _flawed(complete, flaw, rng)
    started = incident.at + minutes(rng, *pick(rng, START_DELAY))
    submitted = max(started + minutes(rng, *pick(rng, WRITING)), _latest(answers) + 5 * MINUTE)
    if now is not None and filing in ("submitted", "draft"):
        if fixed is not None:
            started = max(incident.at, min(started, now))
        if started > now:
            filing, flaw = "missing", None
        elif filing == "submitted" and submitted > now:
            filing, flaw = "draft", None
    event_id = incident.event.id
    if filing in ("missing", "elsewhere"):
        return OfficerReport(event_id, officer, filing, None, None, None, None)
    if filing == "draft":
        draft = _draft(complete, started, rng)
        return OfficerReport(event_id, officer, "draft", None, draft, started, None)
    return OfficerReport(event_id, officer, "submitted", flaw, answers, started, submitted)


def _answers(incident: _Incident, n: int, rng: random.Random) -> ReportData:
    event = incident.event
    tactics = _tactics(event.tactics, n, rng)
    reasons = list(event.reason) or ["protect_self"]
    if rng.random() < 0.2:
        extra = rng.choice(EXTRA_REASONS)
        if extra not in reasons:
            reasons.append(extra)
    officer_injured, officer_level = pick(rng, OFFICER_INJURY)
    assaulted: OfficerInjured = (
        "yes" if rng.random() < (0.7 if officer_injured == "yes" else 0.12) else "no"
    )
    subject_injured, subject_level = incident.subject_injury
    restraint = incident.restraint if RESTRAINT_TACTICS.intersection(tactics) else None
    return ReportData(
        occurred_at=incident.at,
        tactics=tactics,
        reasons=reasons,
        impact_factors=[f for f in incident.factors if rng.random() < 0.85],
        outcomes=list(incident.outcomes),
        locations=["custody_block"],
        subject_age=_age_band(incident.age, rng),
        subject_gender=incident.gender,
        subject_ethnicity=incident.ethnicity if rng.random() < 0.96 else "not_reported",
        subject_health=incident.health,
        officer_injured=officer_injured,
        officer_assaulted=assaulted,
        officer_injury_level=officer_level,
        subject_injured=subject_injured,
        subject_injury_level=subject_level,
        medical_assistance_offered=subject_injured == "yes" or rng.random() < 0.9,
        account=_account(tactics, reasons, rng),
        supervising_officer=incident.supervisor,
        restraint_started_at=restraint[0] if restraint else None,
        restraint_ended_at=restraint[1] if restraint else None,
        cctv_reference=incident.cctv if rng.random() < 0.95 else "",
        clothing_removed=incident.clothing is not None,
        clothing_removed_reason=incident.clothing or "",
        health_check_at=incident.health_at,
        health_check_refused=True if incident.health_at is None else None,
        juvenile=incident.juvenile,
        appropriate_adult_present=incident.aa_present if incident.juvenile else None,
    )


def _tactics(event: Sequence[TacticCode], n: int, rng: random.Random) -> list[TacticCode]:
    """The first officer named reports the event's tactics; the others, the part they took."""
    counted = [t for t in event if t in counted_tactics([t])]
    if n == 0 or len(counted) < 2:
        chosen = list(event)
    else:
        kept = [t for t in counted if rng.random() < 0.7] or [rng.choice(counted)]
        chosen = [t for t in event if t in kept or t not in counted]
    if "tactical_communication" not in chosen and rng.random() < 0.25:
        chosen.append("tactical_communication")
    return chosen


def _age_band(age: int | None, rng: random.Random) -> AgeBand:
    if age is None or rng.random() < 0.02:
        return "not_reported"
    seen = age + round(rng.gauss(0, 2.5))
    for limit, band in (
        (11, "under_11"),
        (18, "11_17"),
        (35, "18_34"),
        (50, "35_49"),
        (65, "50_64"),
    ):
        if seen < limit:
            return band  # type: ignore[return-value]  # the literals above are codes
    return "65_plus"


def _flaw(rng: random.Random, answers: ReportData, *, chosen: bool) -> Flaw | None:
    """The flaw of a submitted report: the record's own (a restraint it shows no removal of),
    else, when ``chosen`` at random, one drawn by the shares above."""
    if answers.restraint_started_at is not None and answers.restraint_ended_at is None:
        return "no_restraint_end"
    if not chosen:
        return None
    r = rng.random()
    if r < TIME_OFF:
        return "time_off"
    if r < TIME_OFF + UNLINKED:
        return "unlinked"
    if answers.restraint_started_at is not None and rng.random() < NO_RESTRAINT_END:
        return "no_restraint_end"
    return None


def _flawed(answers: ReportData, flaw: Flaw | None, rng: random.Random) -> ReportData:
    if flaw == "no_restraint_end":
        return msgspec.structs.replace(answers, restraint_ended_at=None)
    if flaw != "time_off":
        return answers
    assert answers.occurred_at is not None
    hour = local(answers.occurred_at).hour
    shift = (
        dt.timedelta(hours=-12) if hour >= 12 and rng.random() < 0.6 else -minutes(rng, 135, 540)
    )
    moved = {name: t + shift for name in TIMES if (t := getattr(answers, name)) is not None}
    return msgspec.structs.replace(answers, **moved)


def _latest(answers: ReportData) -> dt.datetime:
    times: list[dt.datetime] = [t for name in TIMES if (t := getattr(answers, name)) is not None]
    return max(times)


PREFILLED: Final = frozenset(
    {"occurred_at", "tactics", "locations", "supervising_officer", "juvenile"}
)
"""What a report started from the custody record already holds (``reports.start``)."""


def _draft(answers: ReportData, saved: dt.datetime, rng: random.Random) -> ReportData:
    """The answers an officer had saved when they stopped: the form's first pages, and nothing
    that happened after they saved."""
    names = answers.__struct_fields__
    cut = rng.randint(3, len(names) - 1)
    kept: dict[str, Any] = {
        name: getattr(answers, name) for i, name in enumerate(names) if i < cut or name in PREFILLED
    }
    for name in ("restraint_started_at", "restraint_ended_at", "health_check_at"):
        value = kept.get(name)
        if value is not None and value > saved:
            kept[name] = None
            if name == "restraint_started_at":
                kept["restraint_ended_at"] = None
    return ReportData(**kept)


# the account


OPENINGS: Final = (
    "At the booking-in desk the detained person became agitated and would not follow directions.",
    "While being booked in, the detained person shouted abuse and squared up to staff.",
    "On the way to the cell the detained person pulled away and turned on the escorting officer.",
    "The detained person would not stay seated at the desk and lunged at the custody sergeant.",
    "In the cell doorway the detained person turned and tried to push past me into the corridor.",
)
ACTIONS: Final[dict[str, str]] = {
    "handcuffing_compliant": "I applied handcuffs, to which they submitted.",
    "handcuffing_non_compliant": "I applied handcuffs to the rear while they resisted.",
    "limb_body_restraints": "Leg restraints were applied to stop them kicking out.",
    "ground_restraint": "We took them to the floor in a controlled way and held them there.",
    "escorting": "I escorted them holding their upper arm.",
    "distraction_strikes": "I gave one distraction strike to the thigh to free my arm.",
    "pressure_points_joint_locks": "I used a wrist lock until they stopped struggling.",
    "spit_bite_guard": "They spat towards staff, so a spit and bite guard was put on.",
    "irritant_spray_used": "Irritant spray was used once; they were decontaminated at once.",
    "ced_red_dot": "A Taser was drawn and the red dot shown, after which they complied.",
    "tactical_communication": "I spoke to them calmly throughout and explained what would happen.",
}
REASON_WORDS: Final[dict[str, str]] = {
    "protect_self": "protect myself",
    "protect_public": "protect others in the suite",
    "protect_subject": "stop them harming themselves",
    "protect_other_officers": "protect my colleagues",
    "effect_search": "complete the search",
    "prevent_harm": "prevent harm",
    "prevent_escape": "stop them leaving the booking-in area",
}


def _account(tactics: Sequence[str], reasons: Sequence[str], rng: random.Random) -> str:
    words = [REASON_WORDS[r] for r in reasons if r in REASON_WORDS] or ["prevent harm"]
    why = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
    actions = " ".join(ACTIONS.get(t, "") for t in tactics).strip()
    return (
        f"{rng.choice(OPENINGS)} {actions} Force was necessary to {why}; "
        "it stopped as soon as they complied."
    )


# reviews


def review(
    suite: str, at: dt.datetime, now: dt.datetime, cctv: str, rng: random.Random
) -> ReviewPlan | None:
    """The supervisor's review of a use of force at ``at``, if it was done by ``now``.

    Nearly a third are never reviewed; of the rest, two in five within 7 days (the K-UF4
    proposal) and the others over the next weeks: so the queue has incidents of every age.
    The footage (``cctv``, the reference officers gave, else the suite's) is watched before
    the review in 80%.
    """
    done = at + minutes(rng, *pick(rng, REVIEW_DELAY))
    if done > now or rng.random() < NEVER_REVIEWED:
        return None
    viewed = rng.random() < CCTV_VIEWED
    outcome = pick(rng, REVIEW_OUTCOMES)
    return ReviewPlan(
        at=done,
        cctv_reviewed=viewed,
        cctv_reference=(cctv or _cctv(suite, at, rng)) if viewed else "",
        cctv_reviewed_at=max(at, done - minutes(rng, 10, 2880)) if viewed else None,
        cctv_not_reviewed_reason="" if viewed else rng.choice(NOT_VIEWED),
        outcome=outcome,
        reasons=REVIEW_REASONS[outcome],
    )
