"""Roles (Django groups), what each may do, and which event types each may record.

A role says what someone does in the suite; their rank (on ``StaffProfile``) says what they may
authorise. The rank rules that PACE sets (who may review, extend, delay a right) are checked
when an event is recorded (``custody.authority``); the rules engine stays the safety net for
records imported from other systems.
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Role(NamedTuple):
    label: str
    format_role: str
    description: str


ROLES: Final[dict[str, Role]] = {
    "custody_officer": Role(
        "Custody officer", "custody_officer", "Books people in, authorises and ends detention"
    ),
    "detention_officer": Role(
        "Detention officer", "detention_officer", "Visits, feeds and cares for detainees"
    ),
    "inspector": Role("Inspector", "review_officer", "Reviews detention before charge"),
    "superintendent": Role("Superintendent", "other", "Extends detention, delays legal advice"),
    "hcp": Role("Health care professional", "hcp", "Health care and s.136 welfare checks"),
    "custody_manager": Role("Custody manager", "other", "Oversight, and searches the access log"),
    "scrutiny": Role("Scrutiny", "other", "Read-only and anonymised: no names are shown"),
    "qa_officer": Role(
        "Quality assurance officer", "other", "Dip samples records; tracks incidents and learning"
    ),
}

CARE: Final = frozenset(
    {
        "cell_visit",
        "meal_offered",
        "drink_offered",
        "note",
        "hcp_requested",
        "ambulance_called",
        "rest_interrupted",
        "interview_started",
        "interview_ended",
        "hospital_departed",
        "hospital_returned",
        "restraint_applied",
        "restraint_removed",
        "clothing_returned",
        "appropriate_adult_arrived",
        "appropriate_adult_left",
        "interpreter_arrived",
        "right_fulfilled",
    }
)
CUSTODY: Final = CARE | {
    "arrested",
    "arrived",
    "detention_authorised",
    "detention_refused",
    "further_arrest",
    "rights_given",
    "right_requested",
    "right_delay_ended",
    "vulnerability_identified",
    "appropriate_adult_requested",
    "interpreter_requested",
    "risk_assessed",
    "observation_level_set",
    "hcp_seen",
    "review",
    "review_postponed",
    "warrant_applied",
    "warrant_issued",
    "warrant_extended",
    "warrant_refused",
    "charged",
    "bail_refused",
    "la_transfer_requested",
    "la_transfer_completed",
    "s38_6_certificate",
    "prra_completed",
    "released",
    "transferred",
    "search",
    "clothing_removed",
    "force_used",
    "correction",
}
INSPECTION: Final = CUSTODY | {"right_delay_authorised", "s136_police_station_authorised"}
HEALTH: Final = frozenset(
    {
        "hcp_seen",
        "hcp_welfare_check",
        "mha_assessment_completed",
        "s136_extension_authorised",
        "note",
        "cell_visit",
    }
)

RECORDS: Final[dict[str, frozenset[str]]] = {
    "custody_officer": frozenset(CUSTODY),
    "detention_officer": CARE,
    "inspector": frozenset(INSPECTION),
    "superintendent": frozenset(INSPECTION | {"extension_authorised"}),
    "hcp": HEALTH,
    "custody_manager": frozenset({"note"}),
    "scrutiny": frozenset(),
    "qa_officer": frozenset(),
}
"""The event types each role may record."""

BOOK_IN: Final = frozenset({"custody_officer"})
SEARCH_ACCESS_LOG: Final = frozenset({"custody_manager"})
SEE_NAMES: Final = frozenset(ROLES) - {"scrutiny"}

FORCE_REVIEW: Final = frozenset({"inspector", "superintendent", "custody_manager"})
"""Roles that review custody uses of force in their suites (a nominated reviewer may too) and
see the reconciliation; custody managers also nominate reviewers."""
FORCE_DASHBOARD: Final = FORCE_REVIEW | {"scrutiny"}
"""Roles that see the use-of-force dashboard (counts only, no names)."""

INSIGHTS: Final = frozenset(
    {"inspector", "superintendent", "custody_manager", "qa_officer", "scrutiny"}
)
"""Roles that see the insights dashboard of their suites."""
INSIGHTS_RECORDS: Final = INSIGHTS - {"scrutiny"}
"""Roles that may drill down from a figure to the records behind it (scrutiny sees counts only)."""

QA_AUDIT: Final = frozenset({"inspector", "qa_officer"})
"""Roles that carry out dip samples (a custody inspector or a QA officer)."""
QA_OVERSIGHT: Final = QA_AUDIT | {"superintendent", "custody_manager"}
"""Roles that see the QA dashboard, the incident register and the recommendation tracker, and
record incidents, actions and updates in their suites."""
