"""Fictional custody suites and the people who work in them, as format actors.

Each suite has four response teams working 12-hour shifts (07:00 and 19:00 UTC changeovers), so
the sergeant, detention officer or inspector named on an entry is the one on duty at that time.
Staffing per team is a product assumption sized from the Cleveland fact page in the research note
(4 PACE inspectors and 18 sergeants for about 16,000 detentions a year).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Final, NamedTuple

from bridewell.rules.model import Actor, Rank, Role
from bridewell.synth.timing import UTC


class Suite(NamedTuple):
    code: str
    abbr: str


SUITES: Final = (
    Suite("NORTHGATE", "NG"),
    Suite("RIVERSIDE", "RS"),
    Suite("ELMWOOD", "EW"),
    Suite("KINGSFIELD", "KF"),
    Suite("ASHCROFT", "AC"),
    Suite("MILLBROOK", "MB"),
    Suite("BRIARFIELD", "BF"),
    Suite("ORCHARD-LANE", "OL"),
)

TEAMS: Final = 4
_SHIFT: Final = 12 * 3600.0
_SHIFT_EPOCH: Final = dt.datetime(2020, 1, 6, 7, tzinfo=UTC).timestamp()

# Force-wide senior officers: superintendents authorise extensions and urgent interviews.
SUPERINTENDENTS: Final = (
    Actor(id="SUPT-01", rank="superintendent", role="other"),
    Actor(id="SUPT-02", rank="superintendent", role="other"),
    Actor(id="CSUPT-01", rank="chief_superintendent", role="other"),
)
CHIEF_INSPECTOR: Final = Actor(id="CI-01", rank="chief_inspector", role="other")


def _team(prefix: str, n: int, rank: Rank, role: Role) -> tuple[tuple[Actor, ...], ...]:
    return tuple(
        tuple(Actor(id=f"{prefix}{t + 1}{i + 1:02d}", rank=rank, role=role) for i in range(n))
        for t in range(TEAMS)
    )


class Roster:
    """Everyone who may appear on a record from one suite."""

    def __init__(self, suite: Suite) -> None:
        a = suite.abbr
        self.suite = suite
        self.sergeants = _team(f"{a}-S", 3, "sergeant", "custody_officer")
        self.staff_custody = _team(f"{a}-SCO", 1, "staff", "custody_officer")
        self.detention = _team(f"{a}-D", 5, "staff", "detention_officer")
        self.inspectors = _team(f"{a}-I", 1, "inspector", "review_officer")
        self.hcps = _team(f"{a}-H", 2, "none", "hcp")
        self.doctors = tuple(Actor(id=f"{a}-DR{i}", rank="none", role="doctor") for i in (1, 2, 3))
        self.appropriate_adults = tuple(
            Actor(id=f"{a}-AA{i:02d}", rank="none", role="appropriate_adult") for i in range(1, 9)
        )
        self.interpreters = tuple(
            Actor(id=f"INT-{a}{i:02d}", rank="none", role="interpreter") for i in range(1, 7)
        )
        self.court = Actor(id=f"{a}-MAGISTRATES", rank="none", role="court")

    @staticmethod
    def team(t: dt.datetime) -> int:
        return int((t.timestamp() - _SHIFT_EPOCH) // _SHIFT) % TEAMS

    def sergeant(self, rng: random.Random, t: dt.datetime) -> Actor:
        return _one(rng, self.sergeants[self.team(t)])

    def custody_officer(self, rng: random.Random, t: dt.datetime) -> Actor:
        """Mostly a sergeant; sometimes the team's designated staff custody officer."""
        if rng.random() < 0.15:
            return self.staff_custody[self.team(t)][0]
        return self.sergeant(rng, t)

    def detention_officer(self, rng: random.Random, t: dt.datetime) -> Actor:
        return _one(rng, self.detention[self.team(t)])

    def inspector(self, t: dt.datetime) -> Actor:
        return self.inspectors[self.team(t)][0]

    def hcp(self, rng: random.Random, t: dt.datetime) -> Actor:
        return rng.choice(self.hcps[self.team(t)])

    def doctor(self, rng: random.Random) -> Actor:
        return rng.choice(self.doctors)

    def appropriate_adult(self, rng: random.Random) -> Actor:
        return rng.choice(self.appropriate_adults)

    def interpreter(self, rng: random.Random) -> Actor:
        return rng.choice(self.interpreters)


def _one(rng: random.Random, team: tuple[Actor, ...]) -> Actor:
    """``rng.choice`` without its overhead: staff are named on almost every entry."""
    return team[int(rng.random() * len(team))]


def constable(rng: random.Random) -> Actor:
    """An arresting officer from outside the suite, known by a (fictional) collar number."""
    return Actor(id=f"PC{rng.randint(1000, 9999)}", rank="constable", role="arresting_officer")
