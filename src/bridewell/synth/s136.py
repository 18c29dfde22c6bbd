"""A Mental Health Act s.136 detention with a police station as the place of safety.

Clean: an adult; the duty inspector authorises the station beforehand on imminent risk
(Places of Safety Regs 2017 reg 2); a health care professional checks welfare every 15-28
minutes (reg 4); the Mental Health Act assessment is done and the person is admitted to
hospital or released within 22 hours, or within a doctor's extension approved by a
superintendent (s.136B).
"""

from __future__ import annotations

from typing import Final

from bridewell.rules import model as m
from bridewell.synth import care, searches
from bridewell.synth.episode import Episode
from bridewell.synth.staff import SUPERINTENDENTS
from bridewell.synth.timing import HOUR, MINUTE, minutes

SOBERED: Final = (240, 480)


def plan(ep: Episode) -> None:
    """Fill ``ep`` with an s.136 detention."""
    p, rng, roster, knob = ep.p, ep.rng, ep.roster, ep.knobs.s136
    s = p.arrival
    authorised = s - minutes(rng, 10, 40)
    ep.add(
        authorised,
        m.S136PoliceStationAuthorised,
        by=roster.inspector(authorised),
        imminent_risk=True,
    )
    ep.add(s, m.Arrived, station=roster.suite.code)
    c1 = s + minutes(rng, 3, 10)
    ep.booked = c1 + minutes(rng, 1, 3)
    extension: tuple[m.Actor | None, m.Actor] | None = None
    if knob == "overrun":
        assessed = s + minutes(rng, 20 * 60, 23 * 60 + 30)
        ep.end = s + 24 * HOUR + minutes(rng, 15, 180)
        ep.plant("MHA-136-1", s + 24 * HOUR, s + 24 * HOUR)
    elif knob is not None:
        extended_at = s + minutes(rng, 16 * 60, 21 * 60)
        until = s + minutes(rng, 30 * 60, 36 * 60)
        extension = (rng.choice((None, roster.inspector(extended_at))), roster.doctor(rng))
        ep.plant("MHA-136-2", extended_at, extended_at)
        if knob == "ext_unapproved_overrun":
            ep.end = s + 24 * HOUR + minutes(rng, 15, 300)
            ep.plant("MHA-136-1", s + 24 * HOUR, s + 24 * HOUR)
        else:
            ep.end = extended_at + minutes(rng, 30, 120)
        assessed = ep.end - minutes(rng, 20, 60)
    elif p.s136_extension:
        extended_at = s + minutes(rng, 18 * 60, 22 * 60)
        until = s + minutes(rng, 30 * 60, 36 * 60)
        extension = (rng.choice(SUPERINTENDENTS), roster.doctor(rng))
        ep.end = min(extended_at + minutes(rng, 60, 480), until - 30 * MINUTE)
        assessed = ep.end - minutes(rng, 20, 60)
    else:
        assessed = s + minutes(rng, 120, 540)
        ep.end = min(assessed + minutes(rng, 30, 180), s + 22 * HOUR)
    ep.assess(c1, "initial", intoxicated=p.intoxicated, self_harm=p.self_harm)
    rousing = p.intoxicated if p.level == 2 else None
    ep.observe(ep.booked, p.level, "Mental health crisis: s.136", rousing)
    sober = c1 + minutes(rng, *SOBERED)
    if p.intoxicated and p.level == 2 and sober < ep.end - 10 * MINUTE:
        ep.assess(sober, "review", self_harm=p.self_harm)
        ep.observe(sober + minutes(rng, 1, 3), 2, "Risk reviewed", False)
    seen = s + minutes(rng, 10, 40)
    ep.add(seen, m.HcpSeen, by=roster.hcp(rng, seen), reason="Mental health assessment")
    if extension is not None:
        approved, doctor = extension
        fields: dict[str, object] = {"by": doctor, "until": until}
        if approved is not None:
            fields["approved_by"] = approved
        ep.add(extended_at, m.S136ExtensionAuthorised, **fields)
    ep.add(assessed, m.MhaAssessmentCompleted, by=roster.doctor(rng))
    if p.outcome == "mha_admitted":
        ep.ending = ep.add(ep.end, m.Transferred, to="hospital_admission")
    else:
        prra = ep.end - minutes(rng, 15, 60)
        ep.add(prra, m.PrraCompleted, by=roster.custody_officer(rng, prra))
        officer = roster.custody_officer(rng, ep.end)
        ep.ending = ep.add(ep.end, m.Released, by=officer, outcome="other")
    ep.disposal = ep.end
    care.welfare_checks(ep, s)
    care.visits(ep, s)
    care.meals(ep, s)
    searches.plan(ep)
