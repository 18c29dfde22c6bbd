"""``generate(options)``: reproducible synthetic custody records, with the truth of any defects.

Everything random comes from ``random.Random(seed)``: the same options give the same records,
byte for byte. Each record draws its own generators from the run's, in arrival order, so a
record's clean content does not depend on whether defects are planted in it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Final, NamedTuple

import msgspec

from bridewell.rules import model as m
from bridewell.synth import defects, pace, s136
from bridewell.synth.drafts import build_record
from bridewell.synth.episode import Episode, Plant
from bridewell.synth.people import People
from bridewell.synth.profile import Knobs, Profile, draw_profile
from bridewell.synth.staff import SUITES, Roster
from bridewell.synth.timing import arrival_times, local, minutes

# Product assumption: most entries are made at the time, the rest within 12 minutes.
ENTERED_AT_ONCE: Final = 0.55


class SynthOptions(msgspec.Struct, frozen=True, kw_only=True):
    records: int
    start: dt.date
    seed: int = 1
    suites: int = 3
    defects: float = 0.0
    as_of: dt.datetime | None = None


class Planted(NamedTuple):
    record_id: str
    rule: str
    at: dt.datetime | None


def generate(opts: SynthOptions) -> Iterator[tuple[m.Record, list[Planted]]]:
    """Records in arrival order across suites, each with the findings planted in it.

    With ``as_of``, records that have not begun are left out, events after it are dropped (a
    record still in custody is open), and the truth lists only findings already certain then.
    """
    if opts.records < 0:
        raise ValueError("records must not be negative")
    if not 1 <= opts.suites <= len(SUITES):
        raise ValueError(f"suites must be between 1 and {len(SUITES)}")
    if not 0.0 <= opts.defects <= 1.0:
        raise ValueError("defects must be between 0 and 1")
    if opts.as_of is not None and opts.as_of.tzinfo is None:
        raise ValueError("as_of needs a UTC offset")
    run = random.Random(opts.seed)
    arrivals = arrival_times(run, opts.records, opts.suites, opts.start)
    rosters = [Roster(suite) for suite in SUITES[: opts.suites]]
    numbers = [0] * opts.suites
    people = People()
    for arrival in arrivals:
        if opts.as_of is not None and arrival > opts.as_of:
            return
        rng = random.Random(run.getrandbits(64))
        chooser = random.Random(run.getrandbits(64))
        suite = rng.randrange(opts.suites)
        numbers[suite] += 1
        roster = rosters[suite]
        record_id = f"SYN-{roster.suite.abbr}-{local(arrival).year}-{numbers[suite]:06d}"
        profile = draw_profile(rng, record_id, roster, arrival, people)
        knobs = Knobs()
        kinds = defects.choose(chooser, profile, knobs, opts.defects)
        ep = episode(profile, knobs, kinds, rng)
        defects.top_up(kinds, ep)
        people.released(profile.person, ep.end)
        yield record(ep, opts.as_of), _truth(record_id, ep, opts.as_of)


def episode(
    profile: Profile, knobs: Knobs, kinds: list[defects.Kind], rng: random.Random
) -> Episode:
    """One detention planned from its profile, entered, and with the chosen defects planted."""
    ep = Episode(profile, knobs, rng)
    (pace.plan if profile.regime == "pace" else s136.plan)(ep)
    for draft in ep.drafts:
        if rng.random() >= ENTERED_AT_ONCE:
            draft.delay = minutes(rng, 1, 12)
    defects.plant(kinds, ep)
    return ep


def record(ep: Episode, as_of: dt.datetime | None = None) -> m.Record:
    """The v1 record of a planned episode (cut at ``as_of`` when given)."""
    p = ep.p
    person = p.person
    detainee = m.Detainee(
        person_id=person.person_id,
        birth_date=person.birth_date,
        apparent_age=person.apparent_age,
        sex=person.sex,
        ethnicity_self=person.ethnicity_self,
        ethnicity_officer=person.ethnicity_officer,
        vulnerable=p.vulnerable,
        needs_interpreter=person.needs_interpreter,
        language=person.language,
        nationality=person.nationality,
    )
    return build_record(
        record_id=p.record_id,
        suite=p.roster.suite.code,
        regime=p.regime,
        detainee=detainee,
        offences=p.offences,
        drafts=ep.drafts,
        as_of=as_of,
    )


def _truth(record_id: str, ep: Episode, as_of: dt.datetime | None) -> list[Planted]:
    """The planted findings; for a record still open at ``as_of``, those already certain then.

    An open record can also show one finding nobody planted: a child refused bail and still
    waiting, at ``as_of``, for a local authority bed or a certificate (PACE-JUV-1 at T).
    """
    plants = ep.plants
    if as_of is not None and ep.end > as_of:
        plants = [p for p in plants if p.settled is not None and p.settled < as_of]
        if _child_waiting(ep, as_of):
            plants.append(Plant("PACE-JUV-1", as_of, as_of))
    return [
        Planted(record_id, plant.rule, None if plant.at is None else local(plant.at))
        for plant in plants
    ]


def _child_waiting(ep: Episode, as_of: dt.datetime) -> bool:
    def by_then(kind: type[m.EventBase]) -> bool:
        return any(d.at <= as_of for d in ep.of(kind))

    return (
        ep.juvenile
        and by_then(m.BailRefused)
        and not by_then(m.S38_6Certificate)
        and not by_then(m.LaTransferCompleted)
    )
