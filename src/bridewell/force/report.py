"""One officer's use-of-force report: its fields, and what makes it complete and consistent.

A report is one officer's use of force on one person in one incident: the Home Office unit of
count. Its fields are the Home Office annual data requirement plus Bridewell's custody extension
(use-of-force-fields.md). Officers save drafts as they go, so every field may be empty while the
report is a draft; :func:`problems` is lenient with a draft (only contradictions, which are
wrong whatever comes next) and strict on submission (everything the return needs).

Pure: no Django, no clock. Times are timezone-aware and held in UTC.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Final, NamedTuple

import msgspec
from msgspec import Meta, Struct

from bridewell.force.codes import (
    CED_LEVELS,
    NOT_FORCE,
    AgeBand,
    Ethnicity,
    ForceReason,
    Gender,
    HealthCondition,
    ImpactFactor,
    Location,
    OfficerInjured,
    OfficerInjuryLevel,
    Outcome,
    SubjectInjured,
    SubjectInjuryLevel,
    TacticCode,
)

Instant = Annotated[dt.datetime, Meta(tz=True)]
UTC: Final = dt.UTC
_FIELD: Final = re.compile(r"\$\.(\w+)|unknown field `(\w+)`")
TIMES: Final = ("occurred_at", "restraint_started_at", "restraint_ended_at", "health_check_at")


class ReportData(Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True):
    """The answers in a report. Empty (None or []) means not answered yet."""

    occurred_at: Instant | None = None
    # What was done, why, and what came of it (Home Office; multi-select)
    tactics: list[TacticCode] = []
    reasons: list[ForceReason] = []
    impact_factors: list[ImpactFactor] = []
    outcomes: list[Outcome] = []
    locations: list[Location] = []
    # The subject as the officer perceived them
    subject_age: AgeBand | None = None
    subject_gender: Gender | None = None
    subject_ethnicity: Ethnicity | None = None
    subject_health: HealthCondition | None = None
    # Injuries and medical assistance
    officer_injured: OfficerInjured | None = None
    officer_assaulted: OfficerInjured | None = None
    officer_injury_level: OfficerInjuryLevel | None = None
    subject_injured: SubjectInjured | None = None
    subject_injury_level: SubjectInjuryLevel | None = None
    medical_assistance_offered: bool | None = None
    # The officer's account: what happened and why force was necessary
    account: str = ""
    # Custody extension (this product, not the Home Office)
    supervising_officer: str = ""
    restraint_started_at: Instant | None = None
    restraint_ended_at: Instant | None = None
    cctv_reference: str = ""
    clothing_removed: bool | None = None
    clothing_removed_reason: str = ""
    health_check_at: Instant | None = None
    health_check_refused: bool | None = None
    juvenile: bool | None = None
    appropriate_adult_present: bool | None = None

    def __post_init__(self) -> None:
        for name in (
            "occurred_at",
            "restraint_started_at",
            "restraint_ended_at",
            "health_check_at",
        ):
            value = getattr(self, name)
            if value is not None and value.utcoffset() != dt.timedelta(0):
                setattr(self, name, value.astimezone(UTC))

    @property
    def in_custody(self) -> bool:
        return "custody_block" in self.locations


class Problem(NamedTuple):
    """A field and what is wrong with it, in words for the person filling the form in."""

    field: str
    message: str


class ReportInvalid(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems


def decode(data: dict[str, Any]) -> ReportData:
    """Stored or submitted answers as a ReportData; bad codes or naive times raise ReportInvalid."""
    try:
        return msgspec.convert(data, ReportData)
    except msgspec.ValidationError as exc:
        named = _FIELD.search(str(exc))
        field = (named[1] or named[2]) if named else "report"
        raise ReportInvalid([Problem(field, str(exc))]) from None


def encode(data: ReportData) -> dict[str, Any]:
    """The answers as JSON-ready values (times in UTC, ISO 8601 with offset)."""
    return msgspec.to_builtins(data)  # type: ignore[no-any-return]


def counted_tactics(tactics: list[str]) -> list[str]:
    """The tactics the Home Office counts for one report: each once, a conducted energy device
    only at its highest level, and tactical communication not at all."""
    seen = [t for t in dict.fromkeys(tactics) if t != NOT_FORCE]
    ced = [t for t in seen if t in CED_LEVELS]
    if len(ced) > 1:
        highest = max(ced, key=CED_LEVELS.index)
        seen = [t for t in seen if t not in CED_LEVELS or t == highest]
    return seen


REQUIRED: Final[dict[str, str]] = {
    "occurred_at": "Enter the date and time force was used",
    "tactics": "Select the tactics you used",
    "reasons": "Select why you used force",
    "outcomes": "Select the outcome",
    "locations": "Select where force was used",
    "subject_age": "Select the subject's age as you perceived it, or ‘not reported’",
    "subject_gender": "Select the subject's gender as you perceived it, or ‘not reported’",
    "subject_ethnicity": "Select the subject's ethnicity as you perceived it, or ‘not reported’",
    "subject_health": "Select the subject's health condition as you perceived it",
    "officer_injured": "Select whether you were injured",
    "officer_assaulted": "Select whether you were intentionally assaulted",
    "subject_injured": "Select whether the subject was injured",
    "medical_assistance_offered": "Select whether medical assistance was offered",
    "account": "Explain what happened and why force was necessary",
}
"""What a submitted report must answer, and the message when it does not."""


def problems(data: ReportData, *, submitting: bool, now: dt.datetime) -> list[Problem]:
    """What stops ``data`` being saved (contradictions) or, when ``submitting``, submitted."""
    found = _contradictions(data, now)
    if submitting:
        found += _gaps(data)
    return found


def _contradictions(data: ReportData, now: dt.datetime) -> list[Problem]:
    found: list[Problem] = []
    if data.occurred_at and data.occurred_at > now:
        found.append(Problem("occurred_at", "The time force was used must be in the past"))
    if data.officer_injured in ("no", "not_reported") and data.officer_injury_level in (
        "minor",
        "severe",
    ):
        found.append(
            Problem("officer_injury_level", "You said you were not injured: remove the level")
        )
    if data.subject_injured in ("no", "unknown", "not_reported") and data.subject_injury_level in (
        "minor",
        "severe",
        "death",
    ):
        found.append(
            Problem(
                "subject_injury_level",
                "You did not say the subject was injured: remove the level or answer ‘yes’",
            )
        )
    if data.subject_injury_level == "death" and data.outcomes and "fatality" not in data.outcomes:
        found.append(Problem("outcomes", "The subject died: select ‘fatality’ as an outcome"))
    if "fatality" in data.outcomes and data.subject_injury_level not in (None, "death"):
        found.append(
            Problem("subject_injury_level", "The outcome was a fatality: the level is ‘death’")
        )
    if data.tactics and not counted_tactics(list(data.tactics)):
        found.append(
            Problem(
                "tactics",
                "Tactical communication on its own is not a use of force: "
                "select the tactics used with it",
            )
        )
    found += _times(data)
    if data.clothing_removed is not True and data.clothing_removed_reason:
        found.append(
            Problem("clothing_removed_reason", "Give a reason only when clothing was removed")
        )
    if data.health_check_at and data.health_check_refused:
        found.append(
            Problem(
                "health_check_refused",
                "Record either the health care examination or its refusal, not both",
            )
        )
    if data.appropriate_adult_present is not None and data.juvenile is False:
        found.append(
            Problem(
                "appropriate_adult_present",
                "An appropriate adult is recorded only for a juvenile: answer ‘juvenile’ first",
            )
        )
    return found


def _times(data: ReportData) -> list[Problem]:
    found: list[Problem] = []
    start, end, used = data.restraint_started_at, data.restraint_ended_at, data.occurred_at
    if end and not start:
        found.append(Problem("restraint_started_at", "Enter when the restraint started"))
    if start and end and end < start:
        found.append(Problem("restraint_ended_at", "The restraint must end after it started"))
    if used and start and start < used - dt.timedelta(hours=2):
        found.append(
            Problem(
                "restraint_started_at",
                "The restraint started more than 2 hours before the use of force: check both",
            )
        )
    if used and data.health_check_at and data.health_check_at < used:
        found.append(
            Problem(
                "health_check_at",
                "The health care examination after force must be after force was used",
            )
        )
    return found


def _gaps(data: ReportData) -> list[Problem]:
    found = [
        Problem(name, message)
        for name, message in REQUIRED.items()
        if getattr(data, name) in (None, [], "")
    ]
    if data.officer_injured == "yes" and data.officer_injury_level is None:
        found.append(Problem("officer_injury_level", "Select how badly you were injured"))
    if data.subject_injured == "yes" and data.subject_injury_level is None:
        found.append(Problem("subject_injury_level", "Select how badly the subject was injured"))
    if data.in_custody:
        found += _custody_gaps(data)
    return found


def _custody_gaps(data: ReportData) -> list[Problem]:
    """In the custody block, the fields inspectors reconcile against the custody record."""
    found: list[Problem] = []
    if not data.supervising_officer:
        found.append(
            Problem("supervising_officer", "Enter the supervising custody officer's number")
        )
    if data.clothing_removed is None:
        found.append(Problem("clothing_removed", "Select whether clothing was removed"))
    if data.clothing_removed and not data.clothing_removed_reason:
        found.append(Problem("clothing_removed_reason", "Explain why clothing was removed"))
    if data.health_check_at is None and not data.health_check_refused:
        found.append(
            Problem(
                "health_check_at",
                "Enter when health care examined the subject after force, or that they refused",
            )
        )
    if data.juvenile is None:
        found.append(Problem("juvenile", "Select whether the subject was a juvenile"))
    if data.juvenile and data.appropriate_adult_present is None:
        found.append(
            Problem("appropriate_adult_present", "Select whether an appropriate adult was present")
        )
    return found
