"""Rank checks for events recorded through Bridewell itself.

PACE says who may authorise what; an entry made by someone without that authority would be
void, so the form refuses it rather than record a breach. Records imported from other systems
are not refused: the rules engine reports them instead (PACE-REVIEW-3, PACE-EXT-36, ...).
"""

from __future__ import annotations

import datetime as dt

from bridewell.rules import model as m
from bridewell.rules.authority import review_is_valid


def refusal(event: m.EventBase, charged_at: dt.datetime | None) -> str | None:
    """Why the person recording ``event`` (its ``by``) may not make it, or None."""
    by = event.by
    if by is None:
        return None
    if isinstance(event, m.Review | m.ReviewPostponed) and not review_is_valid(event, charged_at):
        if charged_at is None or event.at < charged_at:
            return "Before charge, only an inspector or above may review detention"
        return "After charge, the custody officer reviews detention"
    if isinstance(event, m.ExtensionAuthorised) and not by.at_least("superintendent"):
        return "Only a superintendent or above may extend detention beyond 24 hours"
    if isinstance(event, m.RightDelayAuthorised):
        needed: m.Rank = "superintendent" if event.right == "legal_advice" else "inspector"
        if not by.at_least(needed):
            return f"Only a {needed} or above may delay this right"
    if isinstance(event, m.S136PoliceStationAuthorised) and not by.at_least("inspector"):
        return "Only an inspector or above may authorise a police station as a place of safety"
    if isinstance(event, m.S136ExtensionAuthorised) and by.role != "doctor":
        return "Only the doctor examining the person may extend s.136 detention"
    custody_decisions = (
        m.DetentionAuthorised,
        m.DetentionRefused,
        m.Charged,
        m.BailRefused,
        m.S38_6Certificate,
        m.Released,
    )
    if isinstance(event, custody_decisions) and not by.is_custody_officer:
        return "Only a custody officer may make this decision"
    if isinstance(event, m.Search) and event.level != "outer":
        if not event.authorised_by.is_custody_officer and event.level.startswith("strip"):
            return "A strip search needs a custody officer's authority"
        if event.level.startswith("intimate") and not event.authorised_by.at_least("inspector"):
            return "An intimate search needs an inspector's authority"
    return None
