"""What kind of detention a record describes, drawn before any event is planned.

A :class:`Profile` fixes the person, the regime, the risks, the outcome and the features
(searches, force, hospital) of one detention. :class:`Knobs` are set by planted defects that
have to be built into the timeline as it is planned (a late review moves every later review,
so it cannot be edited in afterwards). Every probability here is documented in
``docs/synthetic-data.md``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Final, Literal

from bridewell.rules.model import Offence, Regime, VulnerabilityKind
from bridewell.synth.offences import offences
from bridewell.synth.people import People, Person, age_on, pick
from bridewell.synth.staff import Roster
from bridewell.synth.timing import local

Hold = Literal["quick", "standard", "extended", "warrant"]
Outcome = Literal[
    "nfa",
    "rui",
    "bail",
    "caution",
    "charged_bailed",
    "remanded",
    "other_force",
    "immigration",
    "recall",
    "mha_admitted",
    "mha_released",
]
# How a planted limits defect shapes the pre-charge period (see defects.py).
HoldDefect = Literal[
    "overrun24",
    "ext_rank",
    "ext_rank_overrun",
    "ext_early",
    "ext_summary",
    "overrun36",
    "wfd_late",
    "overrun_warrant",
    "overrun96",
    "no_decision",
]
VisitDefect = Literal["hourly", "roused", "not_roused", "intox_level1"]
S136Defect = Literal["overrun", "ext_unapproved", "ext_unapproved_overrun"]

# Product assumptions (the brief gives the juvenile share): see docs/synthetic-data.md.
JUVENILE: Final = 1 / 15
S136: Final = 0.01
VOLUNTARY: Final = 0.02
VULNERABLE: Final = 0.09
LATER_VULNERABILITY: Final = 0.03
VULNERABILITY_KINDS: Final[tuple[tuple[VulnerabilityKind, float], ...]] = (
    ("mental_health", 70.0),
    ("learning_disability", 15.0),
    ("communication", 10.0),
    ("other", 5.0),
)
INTOXICATED: Final = 0.18
INTOXICATED_DRINK_OFFENCE: Final = 0.75
SWALLOWED_DRUGS: Final = 0.008
SELF_HARM: Final = 0.12
SELF_HARM_VULNERABLE: Final = 0.35
# Observation level for a detainee at risk of self-harm: (level, weight).
SELF_HARM_LEVELS: Final = ((1, 47.0), (2, 30.0), (3, 20.0), (4, 3.0))
LEGAL_ADVICE: Final = 0.55
LEGAL_ADVICE_JUVENILE: Final = 0.8
INFORM_SOMEONE: Final = 0.4
INFORM_DELAY: Final = 0.012
LEGAL_DELAY: Final = 0.002
INTERVIEWS: Final = ((0, 28.0), (1, 55.0), (2, 14.0), (3, 3.0))
OUTCOMES: Final[tuple[tuple[Outcome, float], ...]] = (
    ("nfa", 20.0),
    ("rui", 27.0),
    ("bail", 11.0),
    ("caution", 8.0),
    ("charged_bailed", 15.0),
    ("remanded", 9.0),
    ("other_force", 3.0),
    ("immigration", 1.0),
    ("recall", 2.0),
)
QUICK: Final = 0.03
EXTENDED: Final = 0.015
WARRANT: Final = 0.001
# Strip search: research note (b.5), Met 2018: BAME detainees were 25% of throughput but 51%
# of those strip-searched, a relative rate of about 3.1 against White detainees.
STRIP_WHITE: Final = 0.045
STRIP_RELATIVE_RATE: Final = 3.1
# Product assumption: most strip-searched detainees at risk of self-harm get an anti-rip suit.
ANTI_RIP_SELF_HARM: Final = 0.6
OUTER_CLOTHING: Final = 0.08
FORCE: Final = 0.05
FORCE_INTOXICATED: Final = 0.09
CUFFED_ON_ARRIVAL: Final = 0.35
HOSPITAL: Final = 0.02
HOSPITAL_SWALLOWED: Final = 0.5
HOSPITAL_ADMITTED: Final = 0.1
FURTHER_ARREST: Final = 0.02
CORRECTION: Final = 0.02
S136_INTOXICATED: Final = 0.15
S136_SELF_HARM: Final = 0.75
S136_CONSTANT: Final = 0.65
S136_EXTENSION: Final = 0.03
S136_ADMITTED: Final = 0.55


@dataclass(slots=True)
class Profile:
    record_id: str
    roster: Roster
    regime: Regime
    person: Person
    arrival: dt.datetime
    age: int
    offences: list[Offence]
    outcome: Outcome
    hold: Hold = "standard"
    voluntary: bool = False
    vulnerable: bool = False
    later_vulnerability: VulnerabilityKind | None = None
    intoxicated: bool = False
    swallowed: bool = False
    self_harm: bool = False
    level: int = 1
    legal_advice: bool = False
    inform_someone: bool = False
    delay: Literal["inform_someone", "legal_advice"] | None = None
    interviews: int = 0
    strip: bool = False
    clothing: Literal["outer", "anti_rip"] | None = None
    force: bool = False
    cuffed: bool = False
    hospital: Literal["trip", "admitted"] | None = None
    further_arrest: bool = False
    correction: bool = False
    s136_extension: bool = False

    @property
    def juvenile(self) -> bool:
        return self.age < 18

    @property
    def rousing(self) -> bool:
        """Intoxicated or may have swallowed drugs: roused visits every 30 minutes."""
        return self.intoxicated or self.swallowed

    @property
    def indictable(self) -> bool:
        return any(o.indictable for o in self.offences)


@dataclass(slots=True)
class Knobs:
    """Defects built into the timeline while it is planned; None means done properly."""

    hold: HoldDefect | None = None
    review_late: Literal["first", "later"] | None = None
    review_postponed_late: bool = False
    visits: VisitDefect | None = None
    welfare_gap: bool = False
    s136: S136Defect | None = None


def draw_profile(
    rng: random.Random, record_id: str, roster: Roster, arrival: dt.datetime, people: People
) -> Profile:
    """A realistic detention: the regime, the person and what happens to them."""
    day = local(arrival).date()
    if rng.random() < S136:
        return _s136(rng, record_id, roster, arrival, people.detainee(rng, arrival, day, False))
    juvenile = rng.random() < JUVENILE
    person = people.detainee(rng, arrival, day, juvenile)
    hold: Hold = "standard"
    draw = rng.random()
    if draw < WARRANT:
        hold = "warrant"
    elif draw < WARRANT + EXTENDED:
        hold = "extended"
    charges, drink = offences(rng, serious=hold != "standard")
    p = Profile(
        record_id=record_id,
        roster=roster,
        regime="pace",
        person=person,
        arrival=arrival,
        age=age_on(person, day),
        offences=charges,
        outcome=pick(rng, OUTCOMES),
        hold=hold,
    )
    p.voluntary = rng.random() < VOLUNTARY
    if not p.juvenile:
        p.vulnerable = rng.random() < VULNERABLE
        if not p.vulnerable and rng.random() < LATER_VULNERABILITY:
            p.later_vulnerability = pick(rng, VULNERABILITY_KINDS)
    p.intoxicated = not p.voluntary and (
        rng.random() < (INTOXICATED_DRINK_OFFENCE if drink else INTOXICATED)
    )
    p.swallowed = rng.random() < SWALLOWED_DRUGS
    p.self_harm = rng.random() < (SELF_HARM_VULNERABLE if p.vulnerable else SELF_HARM)
    p.level = 2 if p.rousing else 1
    if p.self_harm:
        p.level = max(p.level, pick(rng, SELF_HARM_LEVELS))
    p.legal_advice = rng.random() < (LEGAL_ADVICE_JUVENILE if p.juvenile else LEGAL_ADVICE)
    p.inform_someone = rng.random() < INFORM_SOMEONE
    if p.indictable:
        draw = rng.random()
        if draw < LEGAL_DELAY:
            p.delay, p.legal_advice = "legal_advice", True
        elif draw < LEGAL_DELAY + INFORM_DELAY:
            p.delay, p.inform_someone = "inform_someone", True
    p.interviews = pick(rng, INTERVIEWS)
    if p.outcome in ("other_force", "immigration", "recall"):
        p.interviews = 0
    if hold != "standard":
        p.interviews = rng.randint(2, 5)
        p.outcome = rng.choice(("charged_bailed", "remanded", "remanded", "rui", "nfa"))
    elif (
        rng.random() < QUICK
        and not (p.rousing or p.juvenile or p.vulnerable or p.later_vulnerability)
        and p.level == 1
    ):
        p.hold, p.interviews = "quick", 0
        p.outcome = rng.choice(("nfa", "rui", "bail"))
    white = person.ethnicity_self[0] in "Wn"
    p.strip = rng.random() < STRIP_WHITE * (1.0 if white else STRIP_RELATIVE_RATE)
    if p.strip and p.self_harm and rng.random() < ANTI_RIP_SELF_HARM:
        p.clothing = "anti_rip"
    elif rng.random() < OUTER_CLOTHING:
        p.clothing = "outer"
    p.force = rng.random() < (FORCE_INTOXICATED if p.intoxicated else FORCE)
    p.cuffed = not p.voluntary and rng.random() < CUFFED_ON_ARRIVAL
    if p.hold != "quick" and rng.random() < (HOSPITAL_SWALLOWED if p.swallowed else HOSPITAL):
        p.hospital = "admitted" if rng.random() < HOSPITAL_ADMITTED else "trip"
        if p.hospital == "admitted":
            p.interviews = 0
    p.further_arrest = p.interviews > 0 and rng.random() < FURTHER_ARREST
    p.correction = rng.random() < CORRECTION
    return p


def _s136(
    rng: random.Random, record_id: str, roster: Roster, arrival: dt.datetime, person: Person
) -> Profile:
    """Someone taken to the station as a place of safety under the Mental Health Act s.136."""
    p = Profile(
        record_id=record_id,
        roster=roster,
        regime="mha_s136",
        person=person,
        arrival=arrival,
        age=age_on(person, local(arrival).date()),
        offences=[],
        outcome="mha_admitted" if rng.random() < S136_ADMITTED else "mha_released",
        vulnerable=True,
    )
    p.intoxicated = rng.random() < S136_INTOXICATED
    p.self_harm = rng.random() < S136_SELF_HARM
    p.level = 3 if rng.random() < S136_CONSTANT else 2
    p.force = rng.random() < FORCE
    p.cuffed = rng.random() < CUFFED_ON_ARRIVAL
    p.s136_extension = rng.random() < S136_EXTENSION
    return p
