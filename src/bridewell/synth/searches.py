"""Searches, removal of clothing, use of force and restraints.

Clean conduct follows Code C Annex A and the use-of-force recording expectations: strip
searches are authorised by the custody officer, with two officers of the detainee's sex and,
for a child or vulnerable adult, the appropriate adult (a child may decline); removal of more
than outer clothing always comes with a strip-search record; every officer who used force
submits a form; every restraint applied is recorded as removed.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from bridewell.rules import model as m
from bridewell.synth.episode import Episode
from bridewell.synth.people import pick
from bridewell.synth.staff import constable
from bridewell.synth.timing import MINUTE, local, minutes

OUTER_SEARCH: Final = 0.9  # product assumption: almost everyone is searched at booking-in
STRIP_EXPOSING: Final = 0.15  # product assumption: share of strip searches exposing intimate parts
FOUND: Final = 0.2  # product assumption
CHILD_DECLINES_AA: Final = 0.15  # product assumption
ANTI_RIP_BY_FORCE: Final = 0.2  # product assumption
# Home Office tactic codes (use-of-force-fields.md) and the restraints that go with them.
TACTICS: Final[tuple[tuple[tuple[m.TacticCode, ...], float], ...]] = (
    (("handcuffing_non_compliant", "escorting"), 30.0),
    (("ground_restraint", "limb_body_restraints"), 20.0),
    (("pressure_points_joint_locks", "escorting"), 20.0),
    (("ground_restraint", "spit_bite_guard"), 10.0),
    (("distraction_strikes", "ground_restraint"), 5.0),
    (("escorting", "tactical_communication"), 10.0),
    (("irritant_spray_used", "ground_restraint"), 3.0),
    (("ced_red_dot",), 2.0),
)
RESTRAINT_FOR: Final[dict[str, m.RestraintKind]] = {
    "limb_body_restraints": "limb_restraints",
    "spit_bite_guard": "spit_guard",
}
REASONS: Final[tuple[m.ForceReason, ...]] = (
    "protect_self",
    "protect_other_officers",
    "protect_subject",
    "prevent_harm",
    "effect_search",
    "prevent_escape",
)


def plan(ep: Episode) -> None:
    """The searches, clothing, force and restraints of one detention."""
    p, rng, roster, end = ep.p, ep.rng, ep.roster, ep.end
    if p.cuffed:
        ep.add(p.arrival, m.RestraintApplied, kind="handcuffs")
        ep.add(p.arrival + minutes(rng, 3, 15), m.RestraintRemoved, kind="handcuffs")
    t = ep.booked + minutes(rng, 2, 10)
    if rng.random() < OUTER_SEARCH and t < end:
        ep.add(
            t,
            m.Search,
            level="outer",
            authorised_by=roster.sergeant(rng, t),
            place="custody_suite",
            found=rng.random() < FOUND / 4,
        )
    strip = _strip_search(ep) if p.strip else None
    force_at: dt.datetime | None = None
    if p.force:
        force_at = ep.booked + minutes(rng, 0, 25)
    if p.clothing is not None:
        t = strip + minutes(rng, 0, 20) if strip else ep.booked + minutes(rng, 5, 20)
        anti_rip = p.clothing == "anti_rip" and strip is not None
        by_force = anti_rip and rng.random() < ANTI_RIP_BY_FORCE
        if t < end - 30 * MINUTE and (p.clothing == "outer" or anti_rip):
            ep.add(
                t,
                m.ClothingRemoved,
                by=roster.detention_officer(rng, t),
                reason="Risk of self-harm: ligature risk, anti-rip suit issued"
                if anti_rip
                else "Cords and laces removed: ligature risk",
                beyond_outer=anti_rip,
                replacement_offered=True,
                by_force=by_force,
            )
            ep.add(end - minutes(rng, 5, 20), m.ClothingReturned)
            if by_force:
                force_at = t
    if force_at is not None and force_at < end - 30 * MINUTE:
        _force(ep, force_at)


def _strip_search(ep: Episode) -> dt.datetime | None:
    """A strip search; for a child or vulnerable adult, once the appropriate adult is there."""
    p, rng, roster = ep.p, ep.rng, ep.roster
    t = ep.booked + minutes(rng, 5, 30)
    declined = False
    if ep.needs_aa(t):
        declined = p.juvenile and rng.random() < CHILD_DECLINES_AA
        if not declined:
            if not ep.aa_present:
                return None
            t = ep.aa_present[0][0] + minutes(rng, 2, 8)
    if t >= ep.end - 30 * MINUTE:
        return None
    sex = p.person.sex if p.person.sex in ("male", "female") else rng.choice(("male", "female"))
    present = [
        m.PersonPresent(sex=sex, role="detention_officer"),
        m.PersonPresent(sex=sex, role="custody_officer"),
    ]
    with_aa = ep.needs_aa(t) and not declined
    if with_aa:
        present.append(
            m.PersonPresent(sex=rng.choice(("male", "female")), role="appropriate_adult")
        )
    ep.add(
        t,
        m.Search,
        level="strip_exposing_intimate_parts" if rng.random() < STRIP_EXPOSING else "strip",
        authorised_by=roster.sergeant(rng, t),
        place="custody_suite",
        present=present,
        appropriate_adult_present=with_aa,
        aa_declined_by_juvenile=declined,
        found=rng.random() < FOUND,
    )
    return t


def _force(ep: Episode, t: dt.datetime) -> None:
    """Force in the suite, a form from every officer, and restraints applied and removed."""
    rng, roster = ep.rng, ep.roster
    team = roster.detention[roster.team(t)]
    officers = [o.id for o in rng.sample(team, rng.randint(1, 2))]
    if rng.random() < 0.4:
        officers.append(constable(rng).id)
    tactics = pick(rng, TACTICS)
    year = local(t).year
    ep.add(
        t,
        m.ForceUsed,
        officers=officers,
        tactics=list(tactics),
        forms=[
            m.ForceForm(officer=o, form_ref=f"UOF-{year}-{rng.randint(10000, 99999)}")
            for o in officers
        ],
        reason=rng.sample(REASONS, rng.randint(1, 2)),
    )
    for tactic in tactics:
        kind = RESTRAINT_FOR.get(tactic)
        if kind is not None:
            ep.add(t, m.RestraintApplied, kind=kind)
            ep.add(t + minutes(rng, 5, 25), m.RestraintRemoved, kind=kind)
