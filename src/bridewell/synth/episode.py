"""One detention while it is being planned: its drafts, its landmarks and its truth.

The planners (``pace``, ``s136``) fill an :class:`Episode` step by step; planted
defects then edit it. Whatever the audit must report is written down, as it is planted, with
:meth:`Episode.plant` — worked out from how the defect was built, never by running the rules.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, Final, Literal, NamedTuple

from bridewell.rules import model as m
from bridewell.synth.drafts import Draft
from bridewell.synth.profile import Knobs, Profile
from bridewell.synth.timing import DAY

State = Literal["hourly", "frequent", "roused", "constant"]

EVER: Final = dt.datetime.min.replace(tzinfo=dt.UTC)


class Plant(NamedTuple):
    """A finding the audit must report.

    ``settled`` is the instant from which the finding holds for a record still open at that
    time; None when the rule only judges ended records.
    """

    rule: str
    at: dt.datetime | None
    settled: dt.datetime | None


class Episode:
    def __init__(self, profile: Profile, knobs: Knobs, rng: random.Random) -> None:
        self.p = profile
        self.knobs = knobs
        self.rng = rng
        self.roster = profile.roster
        self.drafts: list[Draft] = []
        self.plants: list[Plant] = []
        a = profile.arrival
        self.rt = a  # relevant time (PACE s.41)
        self.da = a  # detention authorised, or arrival at the place of safety
        self.rest_start = a  # start of the Code C 12.2 rest windows
        self.booked = a  # when the booking-in formalities were done
        self.disposal = a  # end of pre-charge detention
        self.end = a + DAY
        self.charge: dt.datetime | None = None
        self.vulnerable_from: dt.datetime | None = EVER if profile.vulnerable else None
        self.aa_present: list[tuple[dt.datetime, dt.datetime]] = []
        self.absences: list[tuple[dt.datetime, dt.datetime]] = []
        self.hospital: tuple[dt.datetime, dt.datetime] | None = None
        self.reviews: list[tuple[Draft, dt.datetime]] = []
        self.ending: Draft | None = None
        self.postponed = False
        # Risk assessments and observation levels as they change, for the visit schedule.
        self._care: list[tuple[dt.datetime, bool | None, tuple[int, bool] | None]] = []

    # drafts

    def add(self, at: dt.datetime, kind: type[m.EventBase], /, **fields: Any) -> Draft:
        draft = Draft(at, kind, fields)
        self.drafts.append(draft)
        return draft

    def of(self, kind: type[m.EventBase]) -> list[Draft]:
        return sorted((d for d in self.drafts if d.kind is kind), key=lambda d: d.at)

    def remove(self, draft: Draft) -> None:
        self.drafts.remove(draft)

    def plant(self, rule: str, at: dt.datetime | None, settled: dt.datetime | None) -> None:
        self.plants.append(Plant(rule, at, settled))

    # who the detainee is at a given time

    @property
    def juvenile(self) -> bool:
        return self.p.juvenile

    def needs_aa(self, t: dt.datetime) -> bool:
        """Juvenile, or vulnerable by ``t`` (an appropriate adult is required)."""
        return self.p.juvenile or (self.vulnerable_from is not None and self.vulnerable_from <= t)

    def absent(self, t: dt.datetime) -> bool:
        return any(a <= t < b for a, b in self.absences)

    # risk and observation, tracked as the care requirement changes

    def assess(
        self,
        at: dt.datetime,
        stage: m.RiskStage,
        *,
        intoxicated: bool = False,
        self_harm: bool = False,
        swallowed: bool = False,
    ) -> None:
        self.add(
            at,
            m.RiskAssessed,
            by=self.roster.sergeant(self.rng, at),
            stage=stage,
            intoxicated=intoxicated,
            self_harm_risk=self_harm,
            swallowed_drugs=swallowed,
        )
        self._care.append((at, intoxicated or swallowed, None))

    def observe(
        self, at: dt.datetime, level: int, reason: str, rousing: bool | None = None
    ) -> None:
        fields: dict[str, Any] = {"level": level, "reason": reason}
        if rousing is not None:
            fields["rousing"] = rousing
        self.add(at, m.ObservationLevelSet, by=self.roster.sergeant(self.rng, at), **fields)
        self._care.append((at, None, (level, level >= 2 if rousing is None else rousing)))

    def states(self, *, staff: bool) -> list[tuple[dt.datetime, State]]:
        """The visit requirement over time, as the rules see it or as the staff act on it.

        The two differ only when an intoxicated detainee is wrongly left on level 1: the staff
        then ignore the assessment. Changes are taken in time order (record order on ties, as
        the engine does), whatever order they were written in.
        """
        ignore_risk = staff and self.knobs.visits == "intox_level1"
        risk, (level, rousing) = False, (0, False)
        out: list[tuple[dt.datetime, State]] = []
        for at, flag, observed in sorted(self._care, key=lambda c: c[0]):
            if flag is not None:
                risk = flag and not ignore_risk
            if observed is not None:
                level, rousing = observed
            out.append((at, _state(level, rousing, risk)))
        return out


def _state(level: int, rousing: bool, risk_flag: bool) -> State:
    """The visit requirement (rules-v1, Care in the cell) for the latest level and assessment."""
    if level >= 3:
        return "constant"
    if risk_flag or (level == 2 and rousing):
        return "roused"
    return "frequent" if level == 2 else "hourly"
