"""Who may authorise what: the rank and role tests shared by several rule families."""

from __future__ import annotations

import datetime as dt

from bridewell.rules import model as m


def review_is_valid(event: m.Review | m.ReviewPostponed, charge_at: dt.datetime | None) -> bool:
    """Before charge an inspector or above reviews (s.40(1)(b)); after it, the custody officer."""
    if charge_at is None or event.at < charge_at:
        return event.by.at_least("inspector")
    return event.by.is_custody_officer or event.by.at_least("sergeant")
