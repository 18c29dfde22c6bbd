"""The custody record interchange format v1 as typed, validated Python values.

Every record field and event type of ``custody-record-format.md`` is a frozen msgspec Struct, so
decoding a line both parses and validates it (unknown fields, bad enum values and timestamps
without an offset are rejected with the JSON path of the offending field). The checks msgspec
cannot express (duplicate ids, references to unknown offences or events) live in
:func:`semantic_errors`. The JSON Schema printed by ``bridewell schema`` is generated from these
classes, so the schema and the decoder cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Final, Literal, TypeAlias

import msgspec
from msgspec import Meta, Struct

FORMAT_V1: Final = "bridewell/custody-record@1"

Instant: TypeAlias = Annotated[
    dt.datetime,
    Meta(tz=True, description="RFC 3339 timestamp with an explicit UTC offset"),
]
Text: TypeAlias = Annotated[str, Meta(min_length=1)]

Regime: TypeAlias = Literal["pace", "mha_s136", "tact"]
Rank: TypeAlias = Literal[
    "none",
    "staff",
    "constable",
    "sergeant",
    "inspector",
    "chief_inspector",
    "superintendent",
    "chief_superintendent",
]
Role: TypeAlias = Literal[
    "custody_officer",
    "detention_officer",
    "arresting_officer",
    "investigating_officer",
    "review_officer",
    "hcp",
    "doctor",
    "appropriate_adult",
    "interpreter",
    "court",
    "other",
]
Sex: TypeAlias = Literal["male", "female", "other", "not_stated"]
EthnicitySelf: TypeAlias = Literal[
    "A1", "A2", "A3", "A4", "A5",
    "B1", "B2", "B3",
    "M1", "M2", "M3", "M4",
    "W1", "W2", "W3", "W4",
    "O1", "O2",
    "not_stated",
]  # fmt: skip
EthnicityOfficer: TypeAlias = Literal["white", "black", "asian", "mixed", "other", "not_recorded"]
ModeOfTrial: TypeAlias = Literal["summary_only", "either_way", "indictable_only"]
Right: TypeAlias = Literal["inform_someone", "legal_advice", "consular"]
VulnerabilityKind: TypeAlias = Literal[
    "mental_health", "learning_disability", "communication", "age_disputed", "other"
]
RiskStage: TypeAlias = Literal["initial", "review", "charge", "bail_refused", "pre_release"]
VisitResponse: TypeAlias = Literal["responded", "no_response", "not_roused"]
SearchLevel: TypeAlias = Literal[
    "outer", "strip", "strip_exposing_intimate_parts", "intimate_harm", "intimate_drugs"
]
RestraintKind: TypeAlias = Literal[
    "handcuffs", "limb_restraints", "leg_restraints", "spit_guard", "other"
]
TacticCode: TypeAlias = Literal[
    "handcuffing_compliant",
    "handcuffing_non_compliant",
    "limb_body_restraints",
    "ground_restraint",
    "escorting",
    "distraction_strikes",
    "pressure_points_joint_locks",
    "spit_bite_guard",
    "shield",
    "baton_drawn",
    "baton_used",
    "irritant_spray_drawn",
    "irritant_spray_used",
    "ced_drawn",
    "ced_aimed",
    "ced_red_dot",
    "ced_arced",
    "ced_drive_stun",
    "ced_angle_drive_stun",
    "ced_fired",
    "aep_drawn",
    "aep_used",
    "firearm_aimed",
    "firearm_fired",
    "dog_deployed",
    "dog_bite",
    "other_improvised",
    "tactical_communication",
]
ForceReason: TypeAlias = Literal[
    "protect_self",
    "protect_public",
    "protect_subject",
    "protect_other_officers",
    "prevent_offence",
    "secure_evidence",
    "effect_search",
    "effect_arrest",
    "method_of_entry",
    "remove_handcuffs",
    "prevent_harm",
    "prevent_escape",
    "other",
]

RANK_ORDER: Final[dict[str, int]] = {
    "none": -1,
    "staff": 0,
    "constable": 1,
    "sergeant": 2,
    "inspector": 3,
    "chief_inspector": 4,
    "superintendent": 5,
    "chief_superintendent": 6,
}


class _Strict(Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True, kw_only=True):
    """Base for every object of the format: unknown fields are errors, values are immutable."""


class Actor(_Strict, frozen=True):
    """Who did something: an officer, member of staff, doctor, appropriate adult or court."""

    id: Text
    rank: Rank
    role: Role

    def at_least(self, rank: Rank) -> bool:
        return RANK_ORDER[self.rank] >= RANK_ORDER[rank]

    @property
    def is_custody_officer(self) -> bool:
        """A sergeant or above acting as custody officer, or a designated staff custody officer.

        The role is required in both cases: a member of staff who is a detention officer is not a
        custody officer.
        """
        if self.role != "custody_officer":
            return False
        return self.rank == "staff" or self.at_least("sergeant")


class Detainee(_Strict, frozen=True):
    person_id: Text
    birth_date: dt.date | None = None
    apparent_age: Annotated[int, Meta(ge=0, le=130)] | None = None
    sex: Sex = "not_stated"
    ethnicity_self: EthnicitySelf = "not_stated"
    ethnicity_officer: EthnicityOfficer = "not_recorded"
    vulnerable: bool = False
    needs_interpreter: bool = False
    language: str | None = None
    nationality: Annotated[str, Meta(pattern="^[A-Z]{2}$")] | None = None

    def age_on(self, day: dt.date) -> int | None:
        """Age in whole years on ``day``, from the birth date, else the apparent age."""
        if self.birth_date is None:
            return self.apparent_age
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


class Offence(_Strict, frozen=True):
    ref: Text
    title: Text
    mode_of_trial: ModeOfTrial

    @property
    def indictable(self) -> bool:
        """Either-way and indictable-only offences are indictable (PACE s.42, 56, 58)."""
        return self.mode_of_trial != "summary_only"


class PersonPresent(_Strict, frozen=True):
    sex: Sex
    role: Role


class ForceForm(_Strict, frozen=True):
    officer: Text
    form_ref: Text


_UTC: Final = dt.UTC
_set = msgspec.structs.force_setattr


def _hold_in_utc(event: EventBase) -> None:
    """Store instants in UTC once, at the boundary, so every later comparison is cheap and exact."""
    at = event.at
    if at.tzinfo is not _UTC:
        _set(event, "at", at.astimezone(_UTC))
    recorded = event.recorded_at
    if recorded is not None and recorded.tzinfo is not _UTC:
        _set(event, "recorded_at", recorded.astimezone(_UTC))


class EventBase(
    Struct,
    tag_field="type",
    forbid_unknown_fields=True,
    frozen=True,
    omit_defaults=True,
    kw_only=True,
):
    """Fields common to every event. ``by`` is optional here and required where the type says so."""

    id: Text
    at: Instant
    recorded_at: Instant | None = None
    by: Actor | None = None

    def __post_init__(self) -> None:
        _hold_in_utc(self)

    @property
    def entered_at(self) -> dt.datetime:
        return self.recorded_at or self.at


# Arrival and detention


class Arrested(EventBase, tag="arrested", frozen=True):
    place: Literal["elsewhere", "at_station"]
    voluntary_attendance: bool = False
    offences: list[Text] = []


class Arrived(EventBase, tag="arrived", frozen=True):
    """Arrival within the station precincts (Code C 2.1A), not booking-in time."""

    station: Text


class DetentionAuthorised(EventBase, tag="detention_authorised", frozen=True):
    by: Actor
    grounds: Literal[
        "secure_preserve_evidence",
        "obtain_evidence_by_questioning",
        "charging_decision",
        "warrant",
        "other",
    ]


class DetentionRefused(EventBase, tag="detention_refused", frozen=True):
    by: Actor


class FurtherArrest(EventBase, tag="further_arrest", frozen=True):
    """A further arrest while detained: same record, same clock (PACE s.31, s.41(4))."""

    offences: list[Text]


# Rights and support


class RightsGiven(EventBase, tag="rights_given", frozen=True):
    by: Actor
    appropriate_adult_present: bool = False
    interpreter_present: bool = False


class RightRequested(EventBase, tag="right_requested", frozen=True):
    right: Right


class RightFulfilled(EventBase, tag="right_fulfilled", frozen=True):
    right: Right


class RightDelayAuthorised(EventBase, tag="right_delay_authorised", frozen=True):
    right: Right
    by: Actor
    grounds: Text


class RightDelayEnded(EventBase, tag="right_delay_ended", frozen=True):
    right: Right


class VulnerabilityIdentified(EventBase, tag="vulnerability_identified", frozen=True):
    kind: VulnerabilityKind


class AppropriateAdultRequested(EventBase, tag="appropriate_adult_requested", frozen=True):
    pass


class AppropriateAdultArrived(EventBase, tag="appropriate_adult_arrived", frozen=True):
    pass


class AppropriateAdultLeft(EventBase, tag="appropriate_adult_left", frozen=True):
    pass


class InterpreterRequested(EventBase, tag="interpreter_requested", frozen=True):
    pass


class InterpreterArrived(EventBase, tag="interpreter_arrived", frozen=True):
    mode: Literal["in_person", "live_link", "telephone"] | None = None


# Risk and care


class RiskAssessed(EventBase, tag="risk_assessed", frozen=True):
    by: Actor
    stage: RiskStage
    intoxicated: bool = False
    self_harm_risk: bool = False
    swallowed_drugs: bool = False


class ObservationLevelSet(EventBase, tag="observation_level_set", frozen=True):
    by: Actor
    level: Annotated[int, Meta(ge=1, le=4)]
    reason: Text
    rousing: bool | None = None

    @property
    def rousing_required(self) -> bool:
        """Rousing defaults to on for level 2 and above when the event does not say."""
        return self.level >= 2 if self.rousing is None else self.rousing


class CellVisit(EventBase, tag="cell_visit", frozen=True):
    by: Actor
    roused: bool = False
    response: VisitResponse = "not_roused"
    note: str | None = None


class HcpRequested(EventBase, tag="hcp_requested", frozen=True):
    reason: str | None = None


class HcpSeen(EventBase, tag="hcp_seen", frozen=True):
    reason: str | None = None


class AmbulanceCalled(EventBase, tag="ambulance_called", frozen=True):
    reason: str | None = None


class MealOffered(EventBase, tag="meal_offered", frozen=True):
    kind: Literal["light", "main"]
    accepted: bool = False


class DrinkOffered(EventBase, tag="drink_offered", frozen=True):
    accepted: bool = False


class RestInterrupted(EventBase, tag="rest_interrupted", frozen=True):
    code: Literal["a", "b", "c"]
    reason: Text


class InterviewStarted(EventBase, tag="interview_started", frozen=True):
    appropriate_adult_present: bool = False
    interpreter_present: bool = False
    solicitor_present: bool = False
    urgent_authorised_by: Actor | None = None


class InterviewEnded(EventBase, tag="interview_ended", frozen=True):
    pass


class HospitalDeparted(EventBase, tag="hospital_departed", frozen=True):
    purpose: Literal["medical", "investigative"]


class HospitalReturned(EventBase, tag="hospital_returned", frozen=True):
    pass


# Reviews, extensions, warrants


class Review(EventBase, tag="review", frozen=True):
    by: Actor
    mode: Literal["in_person", "video", "telephone"]
    outcome: Literal["continue", "release"]
    video_not_practicable: bool = False


class ReviewPostponed(EventBase, tag="review_postponed", frozen=True):
    by: Actor
    reason: Text


class ExtensionAuthorised(EventBase, tag="extension_authorised", frozen=True):
    """A superintendent's extension of pre-charge detention (PACE s.42)."""

    by: Actor
    until: Instant

    def __post_init__(self) -> None:
        _hold_in_utc(self)
        if self.until.tzinfo is not _UTC:
            _set(self, "until", self.until.astimezone(_UTC))


class WarrantApplied(EventBase, tag="warrant_applied", frozen=True):
    court_not_sitting: bool = False


class WarrantIssued(EventBase, tag="warrant_issued", frozen=True):
    until: Instant

    def __post_init__(self) -> None:
        _hold_in_utc(self)
        if self.until.tzinfo is not _UTC:
            _set(self, "until", self.until.astimezone(_UTC))


class WarrantExtended(EventBase, tag="warrant_extended", frozen=True):
    until: Instant

    def __post_init__(self) -> None:
        _hold_in_utc(self)
        if self.until.tzinfo is not _UTC:
            _set(self, "until", self.until.astimezone(_UTC))


class WarrantRefused(EventBase, tag="warrant_refused", frozen=True):
    pass


# Outcome, release, juveniles after charge


class Charged(EventBase, tag="charged", frozen=True):
    by: Actor
    offences: list[Text]


class BailRefused(EventBase, tag="bail_refused", frozen=True):
    by: Actor
    grounds: Text


class LaTransferRequested(EventBase, tag="la_transfer_requested", frozen=True):
    secure: bool = False


class LaTransferCompleted(EventBase, tag="la_transfer_completed", frozen=True):
    pass


class S38_6Certificate(EventBase, tag="s38_6_certificate", frozen=True):
    by: Actor
    reason: Literal[
        "impracticable",
        "no_secure_accommodation_serious_harm",
        "behaviour",
        "offence_type",
        "other",
    ]


class PrraCompleted(EventBase, tag="prra_completed", frozen=True):
    by: Actor
    detainee_present: bool = True


class Released(EventBase, tag="released", frozen=True):
    by: Actor
    outcome: Literal[
        "nfa", "bail", "released_under_investigation", "charged_bailed", "caution", "other"
    ]


class Transferred(EventBase, tag="transferred", frozen=True):
    to: Literal[
        "court", "other_suite", "other_force", "prison", "hospital_admission", "immigration"
    ]


# Searches, clothing, force


class Search(EventBase, tag="search", frozen=True):
    level: SearchLevel
    authorised_by: Actor
    place: Literal["custody_suite", "medical_premises"]
    present: list[PersonPresent] = []
    appropriate_adult_present: bool = False
    urgent: bool = False
    aa_declined_by_juvenile: bool = False
    found: bool = False


class ClothingRemoved(EventBase, tag="clothing_removed", frozen=True):
    by: Actor
    reason: Text
    beyond_outer: bool = False
    replacement_offered: bool = False
    by_force: bool = False


class ClothingReturned(EventBase, tag="clothing_returned", frozen=True):
    pass


class ForceUsed(EventBase, tag="force_used", frozen=True):
    officers: Annotated[list[Text], Meta(min_length=1)]
    tactics: Annotated[list[TacticCode], Meta(min_length=1)]
    forms: list[ForceForm] = []
    reason: list[ForceReason] = []


class RestraintApplied(EventBase, tag="restraint_applied", frozen=True):
    kind: RestraintKind


class RestraintRemoved(EventBase, tag="restraint_removed", frozen=True):
    kind: RestraintKind


# Mental Health Act s.136


class S136PoliceStationAuthorised(EventBase, tag="s136_police_station_authorised", frozen=True):
    """Places of Safety Regulations 2017 reg 2: an adult at a police station as place of safety."""

    by: Actor
    imminent_risk: bool


class S136ExtensionAuthorised(EventBase, tag="s136_extension_authorised", frozen=True):
    by: Actor
    until: Instant
    approved_by: Actor | None = None

    def __post_init__(self) -> None:
        _hold_in_utc(self)
        if self.until.tzinfo is not _UTC:
            _set(self, "until", self.until.astimezone(_UTC))


class HcpWelfareCheck(EventBase, tag="hcp_welfare_check", frozen=True):
    by: Actor


class MhaAssessmentCompleted(EventBase, tag="mha_assessment_completed", frozen=True):
    pass


# Record keeping


class Correction(EventBase, tag="correction", frozen=True):
    """Puts an earlier entry right: the original is kept for display, rules see the replacement."""

    by: Actor
    corrects: Text
    reason: Text
    replacement: Event


class Note(EventBase, tag="note", frozen=True):
    by: Actor
    text: Text


Event: TypeAlias = (
    Arrested
    | Arrived
    | DetentionAuthorised
    | DetentionRefused
    | FurtherArrest
    | RightsGiven
    | RightRequested
    | RightFulfilled
    | RightDelayAuthorised
    | RightDelayEnded
    | VulnerabilityIdentified
    | AppropriateAdultRequested
    | AppropriateAdultArrived
    | AppropriateAdultLeft
    | InterpreterRequested
    | InterpreterArrived
    | RiskAssessed
    | ObservationLevelSet
    | CellVisit
    | HcpRequested
    | HcpSeen
    | AmbulanceCalled
    | MealOffered
    | DrinkOffered
    | RestInterrupted
    | InterviewStarted
    | InterviewEnded
    | HospitalDeparted
    | HospitalReturned
    | Review
    | ReviewPostponed
    | ExtensionAuthorised
    | WarrantApplied
    | WarrantIssued
    | WarrantExtended
    | WarrantRefused
    | Charged
    | BailRefused
    | LaTransferRequested
    | LaTransferCompleted
    | S38_6Certificate
    | PrraCompleted
    | Released
    | Transferred
    | Search
    | ClothingRemoved
    | ClothingReturned
    | ForceUsed
    | RestraintApplied
    | RestraintRemoved
    | S136PoliceStationAuthorised
    | S136ExtensionAuthorised
    | HcpWelfareCheck
    | MhaAssessmentCompleted
    | Correction
    | Note
)

EVENT_TYPES: Final[dict[str, type[EventBase]]] = {
    str(cls.__struct_config__.tag): cls for cls in Event.__args__
}
_TYPE_NAME: Final[dict[type[EventBase], str]] = {cls: name for name, cls in EVENT_TYPES.items()}


def type_name(event: EventBase) -> str:
    """The ``type`` of an event as written in the format, e.g. ``cell_visit``."""
    return _TYPE_NAME[type(event)]


class Record(_Strict, frozen=True, kw_only=True):
    """One custody record: a detainee, the offences and the append-only event timeline."""

    format: Literal["bridewell/custody-record@1"]
    record_id: Annotated[str, Meta(min_length=1, max_length=64)]
    suite: Text
    regime: Regime = "pace"
    detainee: Detainee
    offences: list[Offence] | None = None
    events: list[Event]

    @property
    def has_indictable_offence(self) -> bool:
        return any(o.indictable for o in self.offences or ())


def semantic_errors(record: Record) -> list[tuple[str, str]]:
    """Errors a schema cannot see, as (JSON path, message): duplicate ids, unknown references."""
    errors: list[tuple[str, str]] = []
    if record.regime == "pace" and record.offences is None:
        errors.append(("$.offences", "required for regime pace"))
    refs = set()
    for i, offence in enumerate(record.offences or ()):
        if offence.ref in refs:
            errors.append((f"$.offences[{i}].ref", f"duplicate offence ref {offence.ref!r}"))
        refs.add(offence.ref)

    ids: set[str] = set()
    for i, event in enumerate(record.events):
        if event.id in ids:
            errors.append((f"$.events[{i}].id", f"duplicate event id {event.id!r}"))
        ids.add(event.id)
    for i, event in enumerate(record.events):
        if isinstance(event, Correction):
            replacement = event.replacement
            if replacement.id in ids:
                errors.append(
                    (
                        f"$.events[{i}].replacement.id",
                        f"replacement needs a new event id, {replacement.id!r} is taken",
                    )
                )
            ids.add(replacement.id)
    for i, event in enumerate(record.events):
        path = f"$.events[{i}]"
        if isinstance(event, Correction):
            if event.corrects not in ids:
                errors.append((f"{path}.corrects", f"unknown event id {event.corrects!r}"))
            if isinstance(event.replacement, Correction):
                errors.append((f"{path}.replacement.type", "a replacement cannot be a correction"))
            else:
                errors.extend(_offence_ref_errors(event.replacement, f"{path}.replacement", refs))
        else:
            errors.extend(_offence_ref_errors(event, path, refs))
    return errors


def _offence_ref_errors(event: Event, path: str, refs: set[str]) -> list[tuple[str, str]]:
    if not isinstance(event, Arrested | FurtherArrest | Charged):
        return []
    return [
        (f"{path}.offences[{j}]", f"unknown offence ref {ref!r}")
        for j, ref in enumerate(event.offences)
        if ref not in refs
    ]


def is_juvenile(detainee: Detainee, on: dt.date | None) -> bool:
    """Under 18 on the day custody began, by birth date, else by apparent age (Code C 1.5)."""
    if detainee.birth_date is not None and on is not None:
        age = detainee.age_on(on)
    else:
        age = detainee.apparent_age
    return age is not None and age < 18


record_decoder: Final = msgspec.json.Decoder(Record)
