"""Planted compliance defects: the kinds, how often each is chosen, and how each is built.

A defective record gets one to three kinds, drawn by weight from those that fit its profile
and do not interfere with each other. Weights follow what inspection reports keep finding
(research note b.5: use-of-force forms, cell visits and rousing, reviews, release risk
assessments, children kept after charge). Kinds marked with knobs are built into the timeline
while it is planned (``pace``, ``care``, ``reviews``, ``s136``); the others edit the planned
episode here. Either way the findings are written down as the defect is built: each plant
knows, from its construction, exactly what the audit has to report.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Final, NamedTuple

from bridewell.rules import model as m
from bridewell.synth.drafts import Draft
from bridewell.synth.episode import Episode
from bridewell.synth.people import age_on, new_person, pick
from bridewell.synth.profile import HoldDefect, Knobs, Profile, S136Defect
from bridewell.synth.reviews import FIRST, INTERVAL
from bridewell.synth.staff import SUPERINTENDENTS, constable
from bridewell.synth.timing import DAY, HOUR, MINUTE, local, minutes

STRIP_LEVELS: Final = ("strip", "strip_exposing_intimate_parts")
SEVERAL: Final = ((1, 75.0), (2, 20.0), (3, 5.0))  # kinds in a defective record
LATE_ENTRIES: Final = ((1, 70.0), (2, 22.0), (3, 8.0))  # late entries in one plant
RETRIES: Final = 3  # further kinds tried when none of the chosen ones took


class Kind(NamedTuple):
    name: str
    group: str
    weight: float
    rules: tuple[str, ...]
    fits: Callable[[Profile], bool]
    prepare: Callable[[Profile, Knobs, random.Random], None] | None = None
    plant: Callable[[Episode], None] | None = None


# Kinds in these pairs of groups would change each other's findings.
CONFLICTS: Final = frozenset(
    frozenset(pair)
    for pair in (
        ("limits", "reviews"),
        ("noauth", "reviews"),
        ("noauth", "visits"),
        ("noauth", "meals"),
        ("noauth", "rights"),
        ("noauth", "limits"),
        ("aa", "searches"),
        ("aa", "rights"),
    )
)


def choose(rng: random.Random, profile: Profile, knobs: Knobs, rate: float) -> list[Kind]:
    """The kinds planted in one record (none with probability ``1 - rate``), prepared."""
    if rate <= 0 or rng.random() >= rate:
        return []
    chosen: list[Kind] = []
    for _ in range(pick(rng, SEVERAL)):
        options = [k for k in KINDS if k.fits(profile) and all(_apart(k, c) for c in chosen)]
        if not options:
            break
        kind = rng.choices(options, [k.weight for k in options])[0]
        if kind.prepare is not None:
            kind.prepare(profile, knobs, rng)
        chosen.append(kind)
    return sorted(chosen, key=KINDS.index)


def plant(kinds: list[Kind], ep: Episode) -> None:
    """Edit the planned episode for each kind that is planted after planning."""
    for kind in kinds:
        if kind.plant is not None:
            kind.plant(ep)


def top_up(kinds: list[Kind], ep: Episode) -> None:
    """When none of the chosen kinds took, plant others that edit the planned episode.

    Some kinds only fit once the timeline is known (a review cannot be late in a detention
    too short to need one); topping up keeps the share of defective records near ``rate``.
    """
    chosen = list(kinds)
    for _ in range(RETRIES if kinds else 0):
        options = [
            k
            for k in KINDS
            if k.prepare is None and k.fits(ep.p) and all(_apart(k, c) for c in chosen)
        ]
        if ep.plants or not options:
            return
        kind = ep.rng.choices(options, [k.weight for k in options])[0]
        chosen.append(kind)
        assert kind.plant is not None  # kinds without a prepare step are planted here
        kind.plant(ep)


def _apart(a: Kind, b: Kind) -> bool:
    return a.group != b.group and frozenset((a.group, b.group)) not in CONFLICTS


# profiles


def _pace(p: Profile) -> bool:
    return p.regime == "pace"


def _standard(p: Profile) -> bool:
    return p.regime == "pace" and p.hold == "standard"


def _held(p: Profile) -> bool:
    return p.regime == "pace" and p.hold in ("standard", "extended")


def _long(p: Profile) -> bool:
    return p.regime == "pace" and p.hold in ("extended", "warrant")


def _not_quick(p: Profile) -> bool:
    return p.hold != "quick"


def _rousing(p: Profile) -> bool:
    return p.rousing and p.level == 2


def _needs_aa(p: Profile) -> bool:
    return p.regime == "pace" and (p.juvenile or p.vulnerable or p.later_vulnerability is not None)


def _interpreter(p: Profile) -> bool:
    return p.regime == "pace" and p.person.needs_interpreter


def _s136(p: Profile) -> bool:
    return p.regime == "mha_s136"


def _overnight(p: Profile) -> bool:
    return p.regime == "mha_s136" or p.hold in ("extended", "warrant") or p.outcome == "remanded"


# knobs


def _set(**values: object) -> Callable[[Profile, Knobs, random.Random], None]:
    def prepare(p: Profile, knobs: Knobs, rng: random.Random) -> None:
        for name, value in values.items():
            setattr(knobs, name, value)

    return prepare


def _hold(*choices: HoldDefect) -> Callable[[Profile, Knobs, random.Random], None]:
    """A limits defect: the hospital pause is left out so every limit is RT + hours."""

    def prepare(p: Profile, knobs: Knobs, rng: random.Random) -> None:
        options = [c for c in choices if c != "ext_summary" or not p.indictable]
        knobs.hold = rng.choice(options)
        p.hospital = None
        p.further_arrest = False

    return prepare


def _no_decision_hold(p: Profile, knobs: Knobs, rng: random.Random) -> None:
    knobs.hold = "no_decision"
    p.hold, p.interviews, p.hospital = "quick", 0, None
    if p.outcome not in ("nfa", "rui", "bail"):
        p.outcome = "nfa"


S136_EXTENSIONS: Final[tuple[S136Defect, ...]] = ("ext_unapproved", "ext_unapproved_overrun")


def _s136_extension(p: Profile, knobs: Knobs, rng: random.Random) -> None:
    knobs.s136 = rng.choice(S136_EXTENSIONS)


# plants: reviews


def _first_review_missed(ep: Episode) -> None:
    """No first review: the second, if any, is held within 9 hours of the missed deadline and
    counts as the missed review, so the schedule goes on from it (rules-v1, Reviews)."""
    due = ep.da + FIRST
    if ep.postponed or not ep.reviews or ep.end <= due + 15 * MINUTE:
        return
    if len(ep.reviews) == 1 and ep.end >= due + INTERVAL - 15 * MINUTE:
        return
    ep.remove(ep.reviews.pop(0)[0])
    ep.plant("PACE-REVIEW-1", due, due)


def _telephone_review(ep: Episode) -> None:
    if not ep.reviews:
        return
    draft, _ = ep.rng.choice(ep.reviews)
    draft.fields["mode"] = "telephone"
    draft.fields.pop("video_not_practicable", None)
    ep.plant("PACE-REVIEW-6", draft.at, draft.at)


def _wrong_rank_review(ep: Episode) -> None:
    """A sergeant 'reviews' before charge: alone (so that deadline is missed too) or first."""
    rng, charge = ep.rng, ep.charge
    pre = [
        (i, draft, due)
        for i, (draft, due) in enumerate(ep.reviews)
        if charge is None or draft.at < charge
    ]
    if ep.postponed or not pre:
        return
    i, draft, due = rng.choice(pre)
    sergeant = ep.roster.sergeant(rng, draft.at)
    if i + 1 < len(ep.reviews) and rng.random() < 0.5:
        draft.fields["by"] = sergeant
        ep.plant("PACE-REVIEW-3", draft.at, draft.at)
        ep.plant("PACE-REVIEW-1" if i == 0 else "PACE-REVIEW-2", due, due)
        return
    before = ep.reviews[i - 1][0].at if i else ep.da
    t = draft.at - minutes(rng, 20, 60)
    if t > before + 10 * MINUTE:
        ep.add(t, m.Review, by=sergeant, mode="in_person", outcome="continue")
        ep.plant("PACE-REVIEW-3", t, t)


# plants: care


def _failed_rousing_no_help(ep: Episode) -> None:
    rng = ep.rng
    calls = [d.at for d in ep.drafts if d.kind in (m.HcpRequested, m.AmbulanceCalled)]
    visits = [
        d
        for d in ep.of(m.CellVisit)
        if d.fields.get("response") == "responded"
        and d.at < ep.end - HOUR
        and not any(d.at <= c <= d.at + 10 * MINUTE for c in calls)
    ]
    if not visits:
        return
    visit = rng.choice(visits)
    visit.fields["response"] = "no_response"
    ep.add(visit.at + minutes(rng, 8, 25), m.HcpRequested, reason="Detainee not responding")
    ep.plant("PACE-CARE-3", visit.at, visit.at + 5 * MINUTE)


def _meals_missed(ep: Episode) -> None:
    """No main meal offered in the first 24 hours (Code C 8.6)."""
    start = ep.da
    if start + DAY > ep.end:
        return
    for draft in ep.of(m.MealOffered):
        if draft.fields["kind"] == "main" and start <= draft.at < start + DAY:
            ep.remove(draft)
    ep.plant("PACE-COND-5", start + DAY, start + DAY)


def _rest_broken(ep: Episode) -> None:
    """Woken every six hours or so through the first 24 hours, for reasons 12.2(a) covers."""
    start, rng = ep.rest_start, ep.rng
    if start + DAY > ep.end:
        return
    for hours in (6, 12, 18):
        t = start + hours * HOUR + minutes(rng, -30, 30)
        ep.add(t, m.RestInterrupted, code="a", reason="Moved to another cell")
    ep.plant("PACE-REST-1", start + DAY, start + DAY)


# plants: rights


def _no_rights(ep: Episode) -> None:
    given = ep.of(m.RightsGiven)
    if not given:
        return
    for draft in given:
        ep.remove(draft)
    ep.plant("PACE-RIGHTS-1", ep.end, None)
    arrivals = ep.of(m.AppropriateAdultArrived)
    if arrivals:
        ep.plant("PACE-AA-5", arrivals[0].at, None)


def _unlawful_delay(right: m.Right, rule: str) -> Callable[[Episode], None]:
    """A delay of a right by an officer without the rank, or without an indictable offence."""

    def plant(ep: Episode) -> None:
        rng, p = ep.rng, ep.p
        start = ep.booked + minutes(rng, 10, 40)
        stop = start + minutes(rng, 60, 180)
        if stop >= ep.disposal - 15 * MINUTE:
            return
        if right == "inform_someone":
            by = ep.roster.sergeant(rng, start) if p.indictable else ep.roster.inspector(start)
        else:
            by = ep.roster.inspector(start) if p.indictable else rng.choice(SUPERINTENDENTS)
        if not any(d.fields["right"] == right for d in ep.of(m.RightRequested)):
            ep.add(start - minutes(rng, 2, 8), m.RightRequested, right=right)
        grounds = "Risk of interference with evidence"
        ep.add(start, m.RightDelayAuthorised, right=right, by=by, grounds=grounds)
        ep.add(stop, m.RightDelayEnded, right=right)
        ep.plant(rule, start, start)

    return plant


def _no_aa_request(ep: Episode) -> None:
    """No appropriate adult at all: interviews and strip searches then go ahead without one."""
    if not (ep.juvenile or ep.vulnerable_from is not None):
        return
    for kind in (m.AppropriateAdultRequested, m.AppropriateAdultArrived, m.AppropriateAdultLeft):
        for draft in ep.of(kind):
            ep.remove(draft)
    for draft in ep.of(m.RightsGiven):
        if draft.fields.get("appropriate_adult_present"):
            ep.remove(draft)
    ep.aa_present.clear()
    ep.plant("PACE-AA-4", ep.end, None)
    for draft in ep.of(m.InterviewStarted):
        if draft.fields["appropriate_adult_present"]:
            draft.fields["appropriate_adult_present"] = False
            ep.plant("PACE-AA-6", draft.at, draft.at)
    for draft in _strips(ep):
        if draft.fields["appropriate_adult_present"]:
            _without_aa(draft)
            ep.plant("PACE-SRCH-3", draft.at, draft.at)


def _rights_not_repeated(ep: Episode) -> None:
    again = [d for d in ep.of(m.RightsGiven) if d.fields.get("appropriate_adult_present")]
    arrivals = ep.of(m.AppropriateAdultArrived)
    if not again or not arrivals:
        return
    for draft in again:
        ep.remove(draft)
    ep.plant("PACE-AA-5", arrivals[0].at, None)


def _interview_without_aa(ep: Episode) -> None:
    interviews = [d for d in ep.of(m.InterviewStarted) if d.fields["appropriate_adult_present"]]
    if not interviews:
        return
    draft = ep.rng.choice(interviews)
    draft.fields["appropriate_adult_present"] = False
    if ep.rng.random() < 0.3:  # called urgent, but not by a superintendent
        draft.fields["urgent_authorised_by"] = ep.roster.inspector(draft.at)
    ep.plant("PACE-AA-6", draft.at, draft.at)


def _no_interpreter(ep: Episode) -> None:
    for kind in (m.InterpreterRequested, m.InterpreterArrived):
        for draft in ep.of(kind):
            ep.remove(draft)
    for draft in ep.of(m.RightsGiven):
        draft.fields["interpreter_present"] = False
    ep.plant("PACE-INT-1", None, None)
    for draft in ep.of(m.InterviewStarted):
        draft.fields["interpreter_present"] = False
        ep.plant("PACE-INT-2", draft.at, draft.at)


def _interview_without_interpreter(ep: Episode) -> None:
    interviews = ep.of(m.InterviewStarted)
    if not interviews:
        return
    draft = ep.rng.choice(interviews)
    draft.fields["interpreter_present"] = False
    ep.plant("PACE-INT-2", draft.at, draft.at)


# plants: searches and clothing


def _strips(ep: Episode) -> list[Draft]:
    return [d for d in ep.of(m.Search) if d.fields["level"] in STRIP_LEVELS]


def _without_aa(search: Draft) -> None:
    search.fields["appropriate_adult_present"] = False
    search.fields["present"] = [
        x for x in search.fields["present"] if x.role != "appropriate_adult"
    ]


def _strip_wrong_authority(ep: Episode) -> None:
    strips = _strips(ep)
    if strips:
        draft = ep.rng.choice(strips)
        draft.fields["authorised_by"] = constable(ep.rng)
        ep.plant("PACE-SRCH-2", draft.at, draft.at)


def _strip_conduct(ep: Episode) -> None:
    """An officer of the other sex present, one officer for an intimate exposure, or no AA."""
    rng, sex = ep.rng, ep.p.person.sex
    strips = _strips(ep)
    if not strips:
        return
    draft = rng.choice(strips)
    fields = draft.fields
    ways = []
    if sex in ("male", "female"):
        ways.append("sex")
    if not any(x.role == "appropriate_adult" for x in fields["present"]):
        ways.append("alone")
    if fields["appropriate_adult_present"]:
        ways.append("aa")
    way = rng.choice(ways) if ways else None
    if way == "sex":
        other: m.Sex = "female" if sex == "male" else "male"
        fields["present"] = [
            *fields["present"],
            m.PersonPresent(sex=other, role="detention_officer"),
        ]
    elif way == "alone":
        fields["level"] = "strip_exposing_intimate_parts"
        fields["present"] = fields["present"][:1]
    elif way == "aa":
        _without_aa(draft)
    else:
        return
    ep.plant("PACE-SRCH-3", draft.at, draft.at)


def _intimate_search(ep: Episode) -> None:
    """An intimate search authorised below inspector, or a drugs search in the custody suite."""
    rng = ep.rng
    t = ep.booked + minutes(rng, 20, 90)
    if t >= ep.end - 10 * MINUTE or ep.absent(t):
        return
    present = [m.PersonPresent(sex=rng.choice(("male", "female")), role="doctor")]
    if rng.random() < 0.5:
        level, by = "intimate_drugs", ep.roster.inspector(t)
    else:
        level, by = "intimate_harm", ep.roster.sergeant(rng, t)
    ep.add(t, m.Search, level=level, authorised_by=by, place="custody_suite", present=present)
    ep.plant("PACE-SRCH-4", t, t)


def _clothing_no_replacement(ep: Episode) -> None:
    removals = ep.of(m.ClothingRemoved)
    if removals:
        draft = ep.rng.choice(removals)
        draft.fields["replacement_offered"] = False
        ep.plant("APP-CLOTH-1", draft.at, draft.at)


def _clothing_not_strip(ep: Episode) -> None:
    """Clothing beyond the outer layer taken, with no strip search recorded within 30 minutes."""
    removals = ep.of(m.ClothingRemoved)
    if not removals:
        return
    draft = ep.rng.choice(removals)
    near = [s for s in _strips(ep) if abs(s.at - draft.at) <= 30 * MINUTE]
    if draft.fields["beyond_outer"]:
        for search in near:
            ep.remove(search)
    elif near:
        return
    else:
        draft.fields["beyond_outer"] = True
        draft.fields["reason"] = "Clothing swapped for anti-rip suit"
    ep.plant("DATA-CLOTH-STRIP", draft.at, draft.at)


# plants: children, release, force, records, s.136


def _child_kept(ep: Episode) -> None:
    """A child refused bail stays in the cells on a certificate the law does not allow, or none."""
    rng = ep.rng
    certificates = ep.of(m.S38_6Certificate)
    if not certificates or ep.of(m.LaTransferCompleted):
        return
    certificate = certificates[0]
    if rng.random() < 0.6:
        reasons = ["behaviour", "offence_type", "other"]
        if ep.p.age < 12:
            reasons.append("no_secure_accommodation_serious_harm")
        certificate.fields["reason"] = rng.choice(reasons)
        ep.plant("PACE-JUV-1", certificate.at, certificate.at)
    else:
        ep.remove(certificate)
        ep.plant("PACE-JUV-1", ep.end, None)


def _no_prra(ep: Episode) -> None:
    """No pre-release risk assessment, or one done long before release."""
    ending, rng = ep.ending, ep.rng
    if ending is None or ending.kind not in (m.Released, m.Transferred):
        return
    if ending.fields.get("to") == "hospital_admission":
        return
    for draft in ep.of(m.PrraCompleted):
        ep.remove(draft)
    early = ep.end - minutes(rng, 135, 300)
    if rng.random() < 0.3 and early > ep.da:
        ep.add(early, m.PrraCompleted, by=ep.roster.custody_officer(rng, early))
    ep.plant("APP-PRRA-1", ep.end, None)


def _force_form_missing(ep: Episode) -> None:
    uses = ep.of(m.ForceUsed)
    if uses:
        draft = ep.rng.choice(uses)
        forms = list(draft.fields["forms"])
        ep.rng.shuffle(forms)
        draft.fields["forms"] = forms[ep.rng.randint(1, len(forms)) :]
        ep.plant("UOF-FORM-1", draft.at, draft.at)


def _restraint_open(ep: Episode) -> None:
    applied = [d.fields["kind"] for d in ep.of(m.RestraintApplied)]
    removals = [d for d in ep.of(m.RestraintRemoved) if applied.count(d.fields["kind"]) == 1]
    if removals:
        ep.remove(ep.rng.choice(removals))
        ep.plant("DATA-RESTRAINT-OPEN", None, None)


def _late_entries(ep: Episode) -> None:
    """One to three entries made more than 15 minutes after the event (not corrected ones)."""
    rng = ep.rng
    corrected = {id(d.fields["corrects"]) for d in ep.of(m.Correction)}
    entries = [d for d in ep.drafts if d.kind is not m.Correction and id(d) not in corrected]
    for draft in rng.sample(entries, min(len(entries), pick(rng, LATE_ENTRIES))):
        draft.delay = minutes(rng, 20, 240)
        ep.plant("DATA-LATE-ENTRY", draft.at, draft.at)


def _no_decision(ep: Episode) -> None:
    for draft in ep.of(m.DetentionAuthorised):
        ep.remove(draft)
    ep.plant("DATA-NO-AUTHORISATION", None, None)


def _s136_child(ep: Episode) -> None:
    """A child at a police station as a place of safety (never lawful since 2017)."""
    p = ep.p
    day = local(p.arrival).date()
    p.person = new_person(ep.rng, day, juvenile=True)
    p.age = age_on(p.person, day)
    ep.plant("MHA-136-3", p.arrival, p.arrival)


def _s136_unauthorised(ep: Episode) -> None:
    """No valid inspector's authorisation for the station at or before arrival."""
    rng, s = ep.rng, ep.p.arrival
    authorisation = ep.of(m.S136PoliceStationAuthorised)[0]
    way = rng.choice(("missing", "sergeant", "no_risk", "after"))
    if way == "missing":
        ep.remove(authorisation)
    elif way == "sergeant":
        authorisation.fields["by"] = ep.roster.sergeant(rng, authorisation.at)
    elif way == "no_risk":
        authorisation.fields["imminent_risk"] = False
    else:
        authorisation.at = s + minutes(rng, 5, 30)
    ep.plant("MHA-136-4", s, s)


KINDS: Final = (
    Kind(
        "late-first-review",
        "reviews",
        5.0,
        ("PACE-REVIEW-1",),
        _standard,
        _set(review_late="first"),
    ),
    Kind(
        "first-review-missed",
        "reviews",
        3.0,
        ("PACE-REVIEW-1",),
        _standard,
        plant=_first_review_missed,
    ),
    Kind(
        "late-later-review",
        "reviews",
        4.0,
        ("PACE-REVIEW-2",),
        _standard,
        _set(review_late="later"),
    ),
    Kind("telephone-review", "reviews", 6.0, ("PACE-REVIEW-6",), _pace, plant=_telephone_review),
    Kind(
        "review-by-wrong-rank",
        "reviews",
        1.5,
        ("PACE-REVIEW-3", "PACE-REVIEW-1", "PACE-REVIEW-2"),
        _standard,
        plant=_wrong_rank_review,
    ),
    Kind(
        "postponed-review-late",
        "reviews",
        1.5,
        ("PACE-REVIEW-4",),
        _standard,
        _set(review_postponed_late=True),
    ),
    Kind("missed-visit", "visits", 10.0, ("PACE-CARE-1",), _not_quick, _set(visits="hourly")),
    Kind("late-roused-visit", "visits", 6.0, ("PACE-CARE-2",), _rousing, _set(visits="roused")),
    Kind("visit-not-roused", "visits", 4.0, ("PACE-CARE-2",), _rousing, _set(visits="not_roused")),
    Kind(
        "intoxicated-left-on-level-1",
        "visits",
        5.0,
        ("APP-OBS-2", "PACE-CARE-2"),
        lambda p: _pace(p) and _rousing(p) and p.intoxicated and _not_quick(p) and not p.hospital,
        _set(visits="intox_level1"),
    ),
    Kind(
        "failed-rousing-no-help",
        "visits",
        1.0,
        ("PACE-CARE-3",),
        _rousing,
        plant=_failed_rousing_no_help,
    ),
    Kind("meals-missed", "meals", 2.0, ("PACE-COND-5",), _overnight, plant=_meals_missed),
    Kind("rest-broken", "rest", 1.5, ("PACE-REST-1",), _overnight, plant=_rest_broken),
    Kind("no-rights", "rights", 1.0, ("PACE-RIGHTS-1", "PACE-AA-5"), _pace, plant=_no_rights),
    Kind(
        "inform-delay-unlawful",
        "rights",
        0.5,
        ("PACE-RIGHTS-4",),
        lambda p: _pace(p) and p.delay is None and _not_quick(p),
        plant=_unlawful_delay("inform_someone", "PACE-RIGHTS-4"),
    ),
    Kind(
        "legal-delay-unlawful",
        "rights",
        0.3,
        ("PACE-RIGHTS-5",),
        lambda p: _pace(p) and p.delay is None and _not_quick(p),
        plant=_unlawful_delay("legal_advice", "PACE-RIGHTS-5"),
    ),
    Kind(
        "no-aa-request",
        "aa",
        2.5,
        ("PACE-AA-4", "PACE-AA-6", "PACE-SRCH-3"),
        _needs_aa,
        plant=_no_aa_request,
    ),
    Kind(
        "rights-not-repeated-to-aa",
        "aa",
        2.0,
        ("PACE-AA-5",),
        _needs_aa,
        plant=_rights_not_repeated,
    ),
    Kind(
        "interview-without-aa",
        "aa",
        2.0,
        ("PACE-AA-6",),
        lambda p: _needs_aa(p) and p.interviews > 0,
        plant=_interview_without_aa,
    ),
    Kind(
        "no-interpreter",
        "interpreter",
        1.0,
        ("PACE-INT-1", "PACE-INT-2"),
        _interpreter,
        plant=_no_interpreter,
    ),
    Kind(
        "interview-without-interpreter",
        "interpreter",
        1.0,
        ("PACE-INT-2",),
        lambda p: _interpreter(p) and p.interviews > 0,
        plant=_interview_without_interpreter,
    ),
    Kind(
        "strip-search-wrong-authority",
        "searches",
        1.0,
        ("PACE-SRCH-2",),
        lambda p: p.strip,
        plant=_strip_wrong_authority,
    ),
    Kind(
        "strip-search-conduct",
        "searches",
        2.0,
        ("PACE-SRCH-3",),
        lambda p: p.strip,
        plant=_strip_conduct,
    ),
    Kind(
        "intimate-search-unlawful",
        "searches",
        0.3,
        ("PACE-SRCH-4",),
        lambda p: _pace(p) and _not_quick(p),
        plant=_intimate_search,
    ),
    Kind(
        "clothing-without-replacement",
        "searches",
        3.0,
        ("APP-CLOTH-1",),
        lambda p: p.clothing is not None,
        plant=_clothing_no_replacement,
    ),
    Kind(
        "clothing-not-recorded-as-strip-search",
        "searches",
        2.0,
        ("DATA-CLOTH-STRIP",),
        lambda p: p.clothing is not None,
        plant=_clothing_not_strip,
    ),
    Kind(
        "child-kept-without-valid-certificate",
        "juveniles",
        30.0,
        ("PACE-JUV-1",),
        lambda p: _pace(p) and p.juvenile and p.outcome == "remanded",
        plant=_child_kept,
    ),
    Kind(
        "no-prra",
        "release",
        8.0,
        ("APP-PRRA-1",),
        lambda p: p.outcome != "mha_admitted" and p.hospital != "admitted",
        plant=_no_prra,
    ),
    Kind(
        "force-form-missing",
        "force",
        7.0,
        ("UOF-FORM-1",),
        lambda p: p.force,
        plant=_force_form_missing,
    ),
    Kind(
        "restraint-removal-not-recorded",
        "force",
        4.0,
        ("DATA-RESTRAINT-OPEN",),
        lambda p: p.cuffed or p.force,
        plant=_restraint_open,
    ),
    Kind(
        "no-detention-decision",
        "noauth",
        1.0,
        ("DATA-NO-AUTHORISATION",),
        lambda p: (
            _pace(p)
            and p.hold in ("quick", "standard")
            and not (p.rousing or p.juvenile or p.vulnerable or p.later_vulnerability)
            and p.level == 1
        ),
        _no_decision_hold,
        _no_decision,
    ),
    Kind("held-past-24h", "limits", 1.0, ("PACE-LIMIT-24",), _held, _hold("overrun24")),
    Kind(
        "invalid-extension",
        "limits",
        1.0,
        ("PACE-EXT-36", "PACE-LIMIT-24"),
        _held,
        _hold("ext_rank", "ext_rank_overrun", "ext_early", "ext_summary"),
    ),
    Kind("held-past-extension", "limits", 0.5, ("PACE-LIMIT-36",), _long, _hold("overrun36")),
    Kind(
        "late-warrant-application",
        "limits",
        0.3,
        ("PACE-WFD-1", "PACE-LIMIT-36"),
        _long,
        _hold("wfd_late"),
    ),
    Kind(
        "held-past-warrant", "limits", 0.3, ("PACE-LIMIT-WARRANT",), _long, _hold("overrun_warrant")
    ),
    Kind(
        "held-past-96h",
        "limits",
        0.15,
        ("PACE-LIMIT-WARRANT", "PACE-LIMIT-96"),
        _long,
        _hold("overrun96"),
    ),
    Kind("s136-held-too-long", "mha", 20.0, ("MHA-136-1",), _s136, _set(s136="overrun")),
    Kind("s136-extension-invalid", "mha", 10.0, ("MHA-136-2", "MHA-136-1"), _s136, _s136_extension),
    Kind("s136-child", "mha", 5.0, ("MHA-136-3",), _s136, plant=_s136_child),
    Kind("s136-station-unauthorised", "mha", 20.0, ("MHA-136-4",), _s136, plant=_s136_unauthorised),
    Kind("s136-welfare-check-gap", "mha", 30.0, ("MHA-136-5",), _s136, _set(welfare_gap=True)),
    Kind("late-entries", "records", 8.0, ("DATA-LATE-ENTRY",), lambda p: True, plant=_late_entries),
)
