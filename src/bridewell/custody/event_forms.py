"""Short GOV.UK forms for every event type of the format, generated from the v1 model.

Each question comes from a field of the event's msgspec Struct (``bridewell.rules.model``), so a
form cannot drift from the format: a choice offers exactly the values the format allows and a
required field is a required question. A form builds a v1 payload that ``custody.records.append``
validates with the same model as files and the API; an error it reports (``RecordInvalid.path``)
is shown against the question it came from. The words people read (titles, labels, the plain
description of an entry on the timeline) live here too, so a form and the timeline always call a
thing by the same name.
"""

from __future__ import annotations

import abc
import dataclasses
import datetime as dt
import re
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Final, Literal, Union, get_args, get_origin

import msgspec
from django import forms
from django.forms.boundfield import BoundField

from bridewell.accounts.models import StaffProfile
from bridewell.custody.records import RecordInvalid
from bridewell.rules import localtime
from bridewell.rules import model as m
from bridewell.web.forms import Checkboxes, Radios, UkDateTimeField

GROUPS: Final[dict[str, tuple[str, ...]]] = {
    "Arrival and detention": (
        "arrested",
        "arrived",
        "detention_authorised",
        "detention_refused",
        "further_arrest",
    ),
    "Rights and support": (
        "rights_given",
        "right_requested",
        "right_fulfilled",
        "right_delay_authorised",
        "right_delay_ended",
        "vulnerability_identified",
        "appropriate_adult_requested",
        "appropriate_adult_arrived",
        "appropriate_adult_left",
        "interpreter_requested",
        "interpreter_arrived",
    ),
    "Risk and care": (
        "risk_assessed",
        "observation_level_set",
        "cell_visit",
        "hcp_requested",
        "hcp_seen",
        "ambulance_called",
        "meal_offered",
        "drink_offered",
        "rest_interrupted",
        "interview_started",
        "interview_ended",
        "hospital_departed",
        "hospital_returned",
    ),
    "Reviews, extensions and warrants": (
        "review",
        "review_postponed",
        "extension_authorised",
        "warrant_applied",
        "warrant_issued",
        "warrant_extended",
        "warrant_refused",
    ),
    "Outcome and release": (
        "charged",
        "bail_refused",
        "la_transfer_requested",
        "la_transfer_completed",
        "s38_6_certificate",
        "prra_completed",
        "released",
        "transferred",
    ),
    "Searches, clothing and force": (
        "search",
        "clothing_removed",
        "clothing_returned",
        "force_used",
        "restraint_applied",
        "restraint_removed",
    ),
    "Mental Health Act s.136": (
        "s136_police_station_authorised",
        "s136_extension_authorised",
        "hcp_welfare_check",
        "mha_assessment_completed",
    ),
    "Record keeping": ("note",),
}
"""The event types people record from a form, grouped as in the format spec. A ``correction``
is made from the timeline entry it corrects, so it is not listed here."""

TITLES: Final[dict[str, str]] = {
    "arrested": "Arrest",
    "arrived": "Arrival at the station",
    "detention_authorised": "Detention authorised",
    "detention_refused": "Detention refused",
    "further_arrest": "Further arrest",
    "rights_given": "Rights and entitlements given",
    "right_requested": "Right asked for",
    "right_fulfilled": "Right met",
    "right_delay_authorised": "Delay of a right authorised",
    "right_delay_ended": "Delay of a right ended",
    "vulnerability_identified": "Vulnerability identified",
    "appropriate_adult_requested": "Appropriate adult requested",
    "appropriate_adult_arrived": "Appropriate adult arrived",
    "appropriate_adult_left": "Appropriate adult left",
    "interpreter_requested": "Interpreter requested",
    "interpreter_arrived": "Interpreter arrived",
    "risk_assessed": "Risk assessment",
    "observation_level_set": "Observation level set",
    "cell_visit": "Cell visit",
    "hcp_requested": "Health care requested",
    "hcp_seen": "Seen by health care",
    "ambulance_called": "Ambulance called",
    "meal_offered": "Meal offered",
    "drink_offered": "Drink offered",
    "rest_interrupted": "Rest interrupted",
    "interview_started": "Interview started",
    "interview_ended": "Interview ended",
    "hospital_departed": "Left for hospital",
    "hospital_returned": "Back from hospital",
    "review": "Review of detention",
    "review_postponed": "Review postponed",
    "extension_authorised": "Detention extended (s.42)",
    "warrant_applied": "Warrant of further detention applied for",
    "warrant_issued": "Warrant of further detention issued",
    "warrant_extended": "Warrant of further detention extended",
    "warrant_refused": "Warrant of further detention refused",
    "charged": "Charged",
    "bail_refused": "Bail refused after charge",
    "la_transfer_requested": "Local authority accommodation requested",
    "la_transfer_completed": "Moved to local authority accommodation",
    "s38_6_certificate": "s.38(6) certificate",
    "prra_completed": "Pre-release risk assessment",
    "released": "Released",
    "transferred": "Transferred",
    "search": "Search",
    "clothing_removed": "Clothing removed",
    "clothing_returned": "Clothing returned",
    "force_used": "Force used",
    "restraint_applied": "Restraint applied",
    "restraint_removed": "Restraint removed",
    "s136_police_station_authorised": "Police station authorised as a place of safety",
    "s136_extension_authorised": "s.136 detention extended",
    "hcp_welfare_check": "Health care welfare check (s.136)",
    "mha_assessment_completed": "Mental Health Act assessment completed",
    "correction": "Correction",
    "note": "Note",
}

HINTS: Final[dict[str, str]] = {
    "arrived": "Arrival within the station precincts (Code C 2.1A), not the booking-in time.",
    "further_arrest": "The same record and the same detention clock (PACE s.31).",
    "right_delay_authorised": (
        "An inspector or above; a superintendent or above to delay legal advice (PACE s.56, s.58)."
    ),
    "review": "Before charge, an inspector or above reviews detention (PACE s.40).",
    "review_postponed": "The review is still due as soon as practicable (PACE s.40(4)).",
    "extension_authorised": (
        "A superintendent or above, for an indictable offence, after the second review (PACE s.42)."
    ),
    "warrant_applied": "Within 36 hours of the relevant time (PACE s.43(5)).",
    "s38_6_certificate": (
        "Why a charged juvenile was not moved to local authority accommodation (PACE s.38(6))."
    ),
    "prra_completed": "Within the two hours before release.",
    "search": "The signed-in user is recorded as authorising the search.",
    "s136_police_station_authorised": (
        "An inspector or above, for an adult at imminent risk "
        "(Places of Safety Regulations 2017, reg 2)."
    ),
    "s136_extension_authorised": (
        "By the doctor responsible for the assessment; at a police station a superintendent "
        "must approve it (MHA 1983 s.136B)."
    ),
    "hcp_welfare_check": "At least every 30 minutes (Places of Safety Regulations 2017, reg 4).",
}

LABELS: Final[dict[str, str]] = {
    "at": "Date and time it happened",
    "place": "Place of arrest",
    "search.place": "Place of the search",
    "voluntary_attendance": "The person had attended voluntarily before the arrest",
    "offences": "Offences",
    "further_arrest.offences": "Offences for the further arrest",
    "charged.offences": "Offences charged",
    "station": "Station",
    "grounds": "Grounds",
    "detention_authorised.grounds": "Grounds for detention",
    "right_delay_authorised.grounds": "Grounds for the delay",
    "bail_refused.grounds": "Grounds for refusing bail",
    "appropriate_adult_present": "Appropriate adult present",
    "interpreter_present": "Interpreter present",
    "solicitor_present": "Solicitor present",
    "right": "Right",
    "kind": "Kind",
    "vulnerability_identified.kind": "Kind of vulnerability",
    "meal_offered.kind": "Meal",
    "mode": "How the interpreter is attending",
    "review.mode": "How the review was held",
    "stage": "Stage of custody",
    "intoxicated": "Intoxicated (drink or drugs)",
    "self_harm_risk": "Risk of self-harm",
    "swallowed_drugs": "Suspected of swallowing or concealing drugs",
    "level": "Observation level",
    "search.level": "Level of search",
    "reason": "Reason",
    "observation_level_set.reason": "Reason for this level",
    "rest_interrupted.reason": "Why rest was interrupted",
    "review_postponed.reason": "Why the review was postponed",
    "s38_6_certificate.reason": "Why the move did not happen",
    "clothing_removed.reason": "Why clothing was removed",
    "force_used.reason": "Reasons for using force",
    "rousing": "Rousing at each visit",
    "roused": "Roused",
    "response": "Response",
    "note": "Note",
    "accepted": "Accepted",
    "code": "Reason under Code C 12.2",
    "urgent_authorised_by": "I authorise an urgent interview (Code C 11.1, 11.18)",
    "purpose": "Purpose",
    "outcome": "Outcome",
    "video_not_practicable": "A video link was not practicable",
    "until": "Warrant runs until",
    "extension_authorised.until": "Detention extended until",
    "s136_extension_authorised.until": "Detention extended until",
    "court_not_sitting": "No court could sit before 36 hours (s.43(5)(b))",
    "secure": "Secure accommodation needed",
    "detainee_present": "Detainee present",
    "to": "Transferred to",
    "authorised_by": "Authorised by",
    "present": "People present, other than the detainee",
    "urgent": "Urgent",
    "aa_declined_by_juvenile": "The juvenile asked for the appropriate adult not to be present",
    "found": "Something was found",
    "beyond_outer": "More than outer clothing removed",
    "replacement_offered": "Replacement clothing offered",
    "by_force": "Removed by force",
    "officers": "Officers who used force",
    "tactics": "Tactics used",
    "forms": "Use of force forms",
    "imminent_risk": "Imminent risk of serious harm or death to the person or others",
    "approved_by": "Approved by: the superintendent's staff number",
    "text": "Note",
}
"""Question labels, by field name or ``type.field`` where one type needs its own words."""

PHRASES: Final[dict[str, str]] = {
    "urgent_authorised_by": "urgent interview authorised by",
    "approved_by": "approved by",
    "authorised_by": "authorised by",
    "offences": "offences",
    "present": "present",
}
"""How a field reads inside a timeline description, where it differs from its label."""

LEVELS: Final[dict[int, str]] = {
    1: "Level 1: general observation, visited at least every hour",
    2: "Level 2: intermittent observation, visited and roused at least every 30 minutes",
    3: "Level 3: constant observation",
    4: "Level 4: close proximity",
}

VALUES: Final[dict[str, str]] = {
    # Arrival and detention
    "elsewhere": "Elsewhere, then brought to the station",
    "at_station": "At the station",
    "secure_preserve_evidence": "To secure or preserve evidence",
    "obtain_evidence_by_questioning": "To obtain evidence by questioning",
    "charging_decision": "For a charging decision",
    "warrant": "On a warrant",
    "other": "Other",
    # Rights and support
    "inform_someone": "To have someone told of the arrest",
    "legal_advice": "Free legal advice",
    "consular": "To contact their embassy or consulate",
    "mental_health": "Mental health",
    "learning_disability": "Learning disability",
    "communication": "Communication difficulty",
    "age_disputed": "Age disputed",
    "in_person": "In person",
    "live_link": "By live link",
    "video": "By video link",
    "telephone": "By telephone",
    # Risk and care
    "initial": "Initial, at booking in",
    "review": "Review",
    "charge": "At charge",
    "bail_refused": "After bail was refused",
    "pre_release": "Before release",
    "responded": "Roused: responded",
    "no_response": "Roused: no response",
    "not_roused": "Not roused",
    "light": "Light meal",
    "main": "Main meal",
    "a": "(a) Risk of harm, serious loss or damage, needless delay or prejudice to the case",
    "b": "(b) At the request of the detainee, appropriate adult or legal adviser",
    "c": "(c) To meet a legal duty, such as a review, or for health care",
    "medical": "For medical treatment: the detention clock stops",
    "investigative": "For the investigation: the detention clock runs",
    # Reviews and outcome
    "continue": "Continue detention",
    "release": "Release",
    "impracticable": "Moving them was impracticable",
    "no_secure_accommodation_serious_harm": (
        "No secure accommodation, and other accommodation would not protect the public from "
        "serious harm (aged 12 or over)"
    ),
    "behaviour": "Their behaviour",
    "offence_type": "The kind of offence",
    "nfa": "No further action",
    "bail": "Bail",
    "released_under_investigation": "Released under investigation",
    "charged_bailed": "Charged and bailed",
    "caution": "Caution",
    "court": "Court",
    "other_suite": "Another custody suite",
    "other_force": "Another force",
    "prison": "Prison",
    "hospital_admission": "Admitted to hospital",
    "immigration": "Immigration",
    # Searches, clothing, force
    "outer": "Outer clothing only",
    "strip": "Strip search",
    "strip_exposing_intimate_parts": "Strip search exposing intimate parts",
    "intimate_harm": "Intimate search for something that could cause harm",
    "intimate_drugs": "Intimate search for Class A drugs",
    "custody_suite": "In the custody suite",
    "medical_premises": "At medical premises",
    "handcuffs": "Handcuffs",
    "limb_restraints": "Limb restraints",
    "leg_restraints": "Leg restraints",
    "spit_guard": "Spit guard",
    "handcuffing_compliant": "Handcuffing, compliant",
    "handcuffing_non_compliant": "Handcuffing, non-compliant",
    "limb_body_restraints": "Limb or body restraints",
    "ground_restraint": "Ground restraint",
    "escorting": "Unarmed: escorting",
    "distraction_strikes": "Unarmed: distraction strikes",
    "pressure_points_joint_locks": "Unarmed: pressure points, joint locks",
    "spit_bite_guard": "Spit and bite guard",
    "shield": "Shield",
    "baton_drawn": "Baton drawn",
    "baton_used": "Baton used",
    "irritant_spray_drawn": "Irritant spray drawn",
    "irritant_spray_used": "Irritant spray used",
    "ced_drawn": "Taser (CED) drawn",
    "ced_aimed": "Taser (CED) aimed",
    "ced_red_dot": "Taser (CED) red dot",
    "ced_arced": "Taser (CED) arced",
    "ced_drive_stun": "Taser (CED) drive stun",
    "ced_angle_drive_stun": "Taser (CED) angle drive stun",
    "ced_fired": "Taser (CED) fired",
    "aep_drawn": "Attenuating energy projectile drawn",
    "aep_used": "Attenuating energy projectile used",
    "firearm_aimed": "Firearm aimed",
    "firearm_fired": "Firearm fired",
    "dog_deployed": "Police dog deployed",
    "dog_bite": "Police dog bite",
    "other_improvised": "Other or improvised",
    "tactical_communication": "Tactical communication (not counted as force)",
    "protect_self": "Protect self",
    "protect_public": "Protect the public",
    "protect_subject": "Protect the subject",
    "protect_other_officers": "Protect other officers",
    "prevent_offence": "Prevent an offence",
    "secure_evidence": "Secure evidence",
    "effect_search": "Carry out a search",
    "effect_arrest": "Make an arrest",
    "method_of_entry": "Method of entry",
    "remove_handcuffs": "Remove handcuffs",
    "prevent_harm": "Prevent harm",
    "prevent_escape": "Prevent escape",
    # People present at a search
    "male": "Male",
    "female": "Female",
    "not_stated": "Not stated",
    "custody_officer": "Custody officer",
    "detention_officer": "Detention officer",
    "arresting_officer": "Arresting officer",
    "investigating_officer": "Investigating officer",
    "review_officer": "Review officer",
    "hcp": "Health care professional",
    "doctor": "Doctor",
    "appropriate_adult": "Appropriate adult",
    "interpreter": "Interpreter",
}

ROWS: Final = 4
"""How many people present at a search, or officers using force, one form records."""

_TEXTAREAS: Final = frozenset({"reason", "grounds", "text", "note"})
_RADIO_LIMIT: Final = 12
_ACTOR_FIELDS: Final = ("by", "authorised_by", "urgent_authorised_by", "approved_by")


def title(event_type: str) -> str:
    return TITLES[event_type]


def label(event_type: str, name: str) -> str:
    return LABELS.get(f"{event_type}.{name}") or LABELS.get(name) or _words(name)


def value_label(value: str) -> str:
    return VALUES.get(value) or _words(value)


def _words(code: str) -> str:
    text = code.replace("_", " ")
    return text[:1].upper() + text[1:]


def _lower(text: str) -> str:
    """Lower-case the first letter unless the word is an acronym such as ``HCP`` or ``CED``."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def actor_text(actor: m.Actor) -> str:
    """``I1234 (inspector)``; the role where the rank says nothing (``D1 (detention officer)``)."""
    if actor.rank in ("none", "staff"):
        return f"{actor.id} ({_lower(value_label(actor.role))})"
    return f"{actor.id} ({actor.rank.replace('_', ' ')})"


def recordable(event_type: str) -> bool:
    """Event types made from their own form (everything but a correction)."""
    return event_type in TITLES and event_type != "correction"


def iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).isoformat()


# The questions of a form


@dataclass(frozen=True)
class Setting:
    """What a form needs to know beyond the event type: who is recording, when, and where."""

    actor: m.Actor
    now: dt.datetime
    station: str
    offences: Sequence[tuple[str, str]] = ()
    """(ref, "O1 Burglary dwelling") for each offence on the record."""


@dataclass
class Section:
    """One thing on the page: a single field, or a small table of repeated rows."""

    field: BoundField | None = None
    legend: str = ""
    hint: str = ""
    rows: list[list[BoundField]] = dataclasses.field(default_factory=list)


class Question(abc.ABC):
    """One field of an event, asked as one or more form fields."""

    name: str

    @abc.abstractmethod
    def form_fields(self) -> dict[str, forms.Field]:
        """The form fields that ask it, by name."""

    @abc.abstractmethod
    def payload(self, cleaned: Mapping[str, Any]) -> dict[str, Any]:
        """Its part of the event payload, from the cleaned answers."""

    def initial(self, event: m.EventBase) -> dict[str, Any]:
        return {}

    def check(self, cleaned: Mapping[str, Any]) -> list[tuple[str, str]]:
        """Problems only this question can see, as (form field, message)."""
        return []

    def field_for(self, name: str, rest: str) -> str | None:
        """The form field behind ``name`` (and ``rest``, e.g. ``[1].sex``) of a JSON path."""
        return self.name if name == self.name else None

    def section(self, form: forms.Form) -> Section | None:
        return Section(field=form[self.name])


class Single(Question):
    """A field asked as one form field, with how its answer goes into and out of the payload."""

    def __init__(
        self,
        name: str,
        form_field: forms.Field,
        encode: Callable[[Any], Any] = lambda v: v,
        decode: Callable[[Any], Any] = lambda v: v,
    ) -> None:
        self.name = name
        self.form_field = form_field
        self.encode = encode
        self.decode = decode

    def form_fields(self) -> dict[str, forms.Field]:
        return {self.name: self.form_field}

    def payload(self, cleaned: Mapping[str, Any]) -> dict[str, Any]:
        value = self.encode(cleaned.get(self.name))
        return {} if value is None or value == "" else {self.name: value}

    def initial(self, event: m.EventBase) -> dict[str, Any]:
        return {self.name: self.decode(getattr(event, self.name))}


class Fixed(Question):
    """A field the server fills in (the signed-in user as ``authorised_by``): not asked."""

    def __init__(self, name: str, value: Any) -> None:
        self.name = name
        self.value = value

    def form_fields(self) -> dict[str, forms.Field]:
        return {}

    def payload(self, cleaned: Mapping[str, Any]) -> dict[str, Any]:
        return {self.name: self.value}

    def section(self, form: forms.Form) -> Section | None:
        return None


class NotInFuture(Single):
    """The time of the event: now by default, never later than now."""

    def __init__(self, name: str, form_field: forms.Field, now: dt.datetime) -> None:
        super().__init__(name, form_field, encode=lambda v: iso(v) if v else None)
        self.now = now

    def check(self, cleaned: Mapping[str, Any]) -> list[tuple[str, str]]:
        at = cleaned.get(self.name)
        if at is not None and at > self.now:
            return [(self.name, "The date and time must be now or in the past")]
        return []


class PresentRows(Question):
    """``search.present``: a few rows of sex and role for the people present."""

    name = "present"

    def form_fields(self) -> dict[str, forms.Field]:
        out: dict[str, forms.Field] = {}
        for i in range(ROWS):
            out[f"present_{i}_sex"] = _select(f"Person {i + 1}: sex", get_args(m.Sex))
            out[f"present_{i}_role"] = _select(f"Person {i + 1}: role", get_args(m.Role))
        return out

    def _rows(self, cleaned: Mapping[str, Any]) -> list[tuple[int, str, str]]:
        rows = [
            (i, cleaned.get(f"present_{i}_sex") or "", cleaned.get(f"present_{i}_role") or "")
            for i in range(ROWS)
        ]
        return [r for r in rows if r[1] or r[2]]

    def payload(self, cleaned: Mapping[str, Any]) -> dict[str, Any]:
        return {"present": [{"sex": s, "role": r} for _, s, r in self._rows(cleaned)]}

    def check(self, cleaned: Mapping[str, Any]) -> list[tuple[str, str]]:
        problems = []
        for i, sex, role in self._rows(cleaned):
            if not sex:
                problems.append((f"present_{i}_sex", f"Select the sex of person {i + 1}"))
            if not role:
                problems.append((f"present_{i}_role", f"Select the role of person {i + 1}"))
        return problems

    def initial(self, event: m.EventBase) -> dict[str, Any]:
        assert isinstance(event, m.Search)
        out: dict[str, Any] = {}
        for i, person in enumerate(event.present[:ROWS]):
            out[f"present_{i}_sex"] = person.sex
            out[f"present_{i}_role"] = person.role
        return out

    def field_for(self, name: str, rest: str) -> str | None:
        if name != "present":
            return None
        found = re.match(r"^\[(\d+)\]\.(sex|role)", rest)
        return f"present_{found[1]}_{found[2]}" if found else "present_0_sex"

    def section(self, form: forms.Form) -> Section | None:
        rows = [[form[f"present_{i}_sex"], form[f"present_{i}_role"]] for i in range(ROWS)]
        hint = "Everyone present apart from the detainee. Leave spare rows empty."
        return Section(legend=LABELS["present"], hint=hint, rows=rows)


class OfficerRows(Question):
    """``force_used.officers`` and ``forms``: each officer's id and their use of force form."""

    name = "officers"

    def form_fields(self) -> dict[str, forms.Field]:
        out: dict[str, forms.Field] = {}
        for i in range(ROWS):
            out[f"officer_{i}"] = forms.CharField(
                label=f"Officer {i + 1}: staff or collar number", required=False, max_length=32
            )
            out[f"form_ref_{i}"] = forms.CharField(
                label=f"Officer {i + 1}: use of force form reference",
                required=False,
                max_length=64,
            )
        return out

    def _rows(self, cleaned: Mapping[str, Any]) -> list[tuple[int, str, str]]:
        rows = [
            (i, cleaned.get(f"officer_{i}") or "", cleaned.get(f"form_ref_{i}") or "")
            for i in range(ROWS)
        ]
        return [r for r in rows if r[1] or r[2]]

    def payload(self, cleaned: Mapping[str, Any]) -> dict[str, Any]:
        rows = self._rows(cleaned)
        return {
            "officers": [officer for _, officer, _ in rows if officer],
            "forms": [{"officer": o, "form_ref": ref} for _, o, ref in rows if o and ref],
        }

    def check(self, cleaned: Mapping[str, Any]) -> list[tuple[str, str]]:
        rows = self._rows(cleaned)
        if not rows:
            return [("officer_0", "Enter the number of each officer who used force")]
        return [
            (f"officer_{i}", f"Enter the number of the officer who wrote form {ref}")
            for i, officer, ref in rows
            if not officer
        ]

    def initial(self, event: m.EventBase) -> dict[str, Any]:
        assert isinstance(event, m.ForceUsed)
        refs = {f.officer: f.form_ref for f in event.forms}
        out: dict[str, Any] = {}
        for i, officer in enumerate(event.officers[:ROWS]):
            out[f"officer_{i}"] = officer
            out[f"form_ref_{i}"] = refs.get(officer, "")
        return out

    def field_for(self, name: str, rest: str) -> str | None:
        if name not in ("officers", "forms"):
            return None
        found = re.match(r"^\[(\d+)\]", rest)
        index = int(found[1]) if found and int(found[1]) < ROWS else 0
        return f"officer_{index}" if name == "officers" else f"form_ref_{index}"

    def section(self, form: forms.Form) -> Section | None:
        rows = [[form[f"officer_{i}"], form[f"form_ref_{i}"]] for i in range(ROWS)]
        hint = "Every officer who used force, with their form reference once it is written."
        return Section(legend=LABELS["officers"], hint=hint, rows=rows)


def when_field(text: str, required: bool, hint: str, message: str) -> UkDateTimeField:
    return UkDateTimeField(
        label=text,
        required=required,
        help_text=hint,
        error_messages={"required": message},
    )


def _select(text: str, values: Sequence[str]) -> forms.ChoiceField:
    choices = [("", "Choose"), *((v, value_label(v)) for v in values)]
    return forms.ChoiceField(label=text, choices=choices, required=False)


def _unwrap(tp: Any) -> tuple[Any, bool, dict[str, Any]]:
    """(the bare type, whether None is allowed, the msgspec constraints on it)."""
    optional = False
    constraints: dict[str, Any] = {}
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            base, *metas = get_args(tp)
            for meta in metas:
                if isinstance(meta, msgspec.Meta):
                    for key in ("ge", "le", "min_length"):
                        if getattr(meta, key) is not None:
                            constraints[key] = getattr(meta, key)
            tp = base
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            optional = optional or len(args) < len(get_args(tp))
            if len(args) != 1:
                raise TypeError(f"no question for a union of {args}")
            tp = args[0]
        else:
            return tp, optional, constraints


def _required_message(kind: str, text: str) -> str:
    return f"{'Select' if kind == 'choice' else 'Enter'} {_lower(text)}"


def questions(event_type: str, setting: Setting, *, correcting: bool = False) -> list[Question]:
    """The questions of an event type's form, in the order of the format's fields."""
    cls = m.EVENT_TYPES[event_type]
    infos = {f.name: f for f in msgspec.structs.fields(cls)}
    at_field = when_field(
        label(event_type, "at"),
        True,
        "UK time. Leave as it is if it happened just now.",
        "Enter the date and time it happened",
    )
    out: list[Question] = [NotInFuture("at", at_field, setting.now)]
    for name, info in infos.items():
        if name in ("id", "at", "recorded_at", "by", "forms"):
            continue
        if correcting and name in _ACTOR_FIELDS:
            continue
        question = _question(event_type, info, setting)
        if question is not None:
            out.append(question)
    return out


def _question(event_type: str, info: Any, setting: Setting) -> Question | None:
    name: str = info.name
    text = label(event_type, name)
    tp, optional, constraints = _unwrap(info.type)
    required = info.required and not optional
    default = None if info.default is msgspec.NODEFAULT else info.default
    if tp is m.Actor:
        return _actor_question(name, text, setting)
    if name == "present":
        return PresentRows()
    if name == "officers":
        return OfficerRows()
    if get_origin(tp) is Literal:
        values = get_args(tp)
        choices = [(v, value_label(v)) for v in values]
        widget = Radios if len(values) <= _RADIO_LIMIT else forms.Select
        choice = forms.ChoiceField(
            label=text,
            choices=choices,
            required=required or default is not None,
            initial=default,
            widget=widget,
            error_messages={"required": _required_message("choice", text)},
        )
        return Single(name, choice)
    if tp is bool and optional:
        tri = forms.ChoiceField(
            label=text,
            choices=[
                ("", "As usual for the level: on at level 2 and above"),
                ("yes", "Yes"),
                ("no", "No"),
            ],
            required=False,
            initial="",
            widget=Radios,
        )
        return Single(
            name,
            tri,
            encode=lambda v: {"yes": True, "no": False}.get(v or ""),
            decode=lambda v: {True: "yes", False: "no"}.get(v, ""),
        )
    if tp is bool:
        box = forms.BooleanField(label=text, required=False, initial=default)
        return Single(name, box, encode=bool)
    if tp is int and name == "level":
        levels = forms.TypedChoiceField(
            label=text,
            choices=list(LEVELS.items()),
            coerce=int,
            widget=Radios,
            error_messages={"required": _required_message("choice", text)},
        )
        return Single(name, levels)
    if tp is int:
        number = forms.IntegerField(
            label=text,
            required=required,
            min_value=constraints.get("ge"),
            max_value=constraints.get("le"),
        )
        return Single(name, number)
    if tp is dt.datetime:
        when = when_field(text, required, "UK time.", _required_message("text", text))
        return Single(name, when, encode=lambda v: iso(v) if v else None)
    if tp is str:
        text_field = forms.CharField(
            label=text if required else f"{text} (optional)",
            required=required,
            initial=setting.station if name == "station" else None,
            widget=forms.Textarea if name in _TEXTAREAS else forms.TextInput,
            error_messages={"required": _required_message("text", text)},
        )
        return Single(name, text_field, decode=lambda v: v or "")
    if get_origin(tp) is list:
        return _list_question(event_type, name, text, tp, constraints, required, setting)
    raise TypeError(f"no question for {event_type}.{name}")


def _list_question(
    event_type: str,
    name: str,
    text: str,
    tp: Any,
    constraints: dict[str, Any],
    required: bool,
    setting: Setting,
) -> Question:
    item, _, _ = _unwrap(get_args(tp)[0])
    if get_origin(item) is Literal:
        choices = [(v, value_label(v)) for v in get_args(item)]
        at_least_one = constraints.get("min_length", 0) >= 1
    elif item is str and name == "offences":
        choices = list(setting.offences)
        at_least_one = required
    else:
        raise TypeError(f"no question for {event_type}.{name}")
    boxes = forms.MultipleChoiceField(
        label=text,
        choices=choices,
        required=at_least_one,
        widget=Checkboxes,
        error_messages={"required": f"Select at least one: {_lower(text)}"},
    )
    return Single(name, boxes, encode=list, decode=list)


def _actor_question(name: str, text: str, setting: Setting) -> Question | None:
    me = msgspec.to_builtins(setting.actor)
    if name == "authorised_by":
        return Fixed(name, me)
    if name == "urgent_authorised_by":
        if not setting.actor.at_least("superintendent"):
            return None
        box = forms.BooleanField(
            label=text,
            required=False,
            help_text="Only when delay would lead to harm, interference with evidence or "
            "alerting suspects.",
        )
        return Single(name, box, encode=lambda v: me if v else None)
    if name == "approved_by":
        return Single(name, StaffNumberField(label=text, required=False))
    raise TypeError(f"no question for the actor field {name}")


class StaffNumberField(forms.CharField):
    """Someone other than the signed-in user, found by their staff number (an approval)."""

    def clean(self, value: Any) -> dict[str, Any] | None:
        number = super().clean(value)
        if not number:
            return None
        staff = StaffProfile.objects.filter(staff_id__iexact=number).first()
        if staff is None:
            raise forms.ValidationError(f"No member of staff has the number {number}")
        actor = m.Actor(id=staff.staff_id, rank=staff.rank, role=staff.role)  # type: ignore[arg-type]
        return msgspec.to_builtins(actor)  # type: ignore[no-any-return]


# The form


_PATH = re.compile(
    r"^\$\.events\[\d+\](?P<replacement>\.replacement)?(?:\.(?P<name>\w+)(?P<rest>.*))?$"
)


class EventForm(forms.Form):
    """The form for one event type; with ``original`` it corrects that entry instead."""

    def __init__(
        self,
        event_type: str,
        setting: Setting,
        data: Mapping[str, Any] | None = None,
        original: m.EventBase | None = None,
    ) -> None:
        self.event_type = event_type
        self.setting = setting
        self.original = original
        self.questions = questions(event_type, setting, correcting=original is not None)
        initial: dict[str, Any] = {"at": setting.now}
        if original is not None:
            for question in self.questions:
                initial.update(question.initial(original))
        super().__init__(data=data, initial=initial)
        for question in self.questions:
            self.fields.update(question.form_fields())
        if original is not None:
            self.fields["correction_reason"] = forms.CharField(
                label="Why are you correcting this entry?",
                help_text="The original entry stays on the record, struck through, with this "
                "reason.",
                widget=forms.Textarea,
                error_messages={"required": "Enter why you are correcting this entry"},
            )

    @property
    def title(self) -> str:
        return title(self.event_type)

    @property
    def sections(self) -> list[Section]:
        found = [q.section(self) for q in self.questions]
        out = [s for s in found if s is not None]
        if self.original is not None:
            out.append(Section(field=self["correction_reason"]))
        return out

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        for question in self.questions:
            for name, message in question.check(self.cleaned_data):
                if name not in self.errors:
                    self.add_error(name, message)
        return cleaned

    def payload(self) -> dict[str, Any]:
        """The event as a v1 payload, without ``id`` (the service gives it one)."""
        out: dict[str, Any] = {"type": self.event_type}
        for question in self.questions:
            out.update(question.payload(self.cleaned_data))
        if self.original is None:
            out["recorded_at"] = iso(self.setting.now)
            out["by"] = msgspec.to_builtins(self.setting.actor)
        else:
            for name in (*_ACTOR_FIELDS, "recorded_at"):
                kept = getattr(self.original, name, None)
                if kept is not None:
                    out[name] = msgspec.to_builtins(kept)
            for name in ("at", "until"):
                was = getattr(self.original, name, None)
                if was is not None and out.get(name) == iso(was.replace(second=0, microsecond=0)):
                    out[name] = iso(
                        was
                    )  # the form shows minutes: an unchanged time keeps its seconds
        return out

    def unchanged(self, replacement: Mapping[str, Any]) -> bool:
        """True when a correction would put back exactly what the original says."""
        assert self.original is not None
        try:
            decoded = msgspec.convert({**replacement, "id": self.original.id}, m.Event)
        except msgspec.ValidationError:
            return False
        return bool(decoded == self.original)

    def show_record_error(self, error: RecordInvalid) -> None:
        """Show the domain model's objection against the question it is about."""
        found = _PATH.match(error.path)
        target, text = None, "the entry"
        if found and found["name"]:
            name, rest = found["name"], found["rest"] or ""
            text = label(self.event_type, name)
            if self.original is not None and not found["replacement"]:
                target = "correction_reason" if name == "reason" else None
                text = "why you are correcting this entry"
            else:
                target = next(
                    (f for q in self.questions if (f := q.field_for(name, rest)) is not None),
                    None,
                )
        if target is not None and target not in self.fields:
            target = None
        self.add_error(target, _friendly(error.message, text))


def _friendly(message: str, text: str) -> str:
    if message == "required field is missing":
        return f"Enter {_lower(text)}"
    if message.startswith("Expected `array` of length >= 1"):
        return f"Select at least one: {_lower(text)}"
    return message[:1].upper() + message[1:]


def replacement_id(original_id: str, taken: set[str]) -> str:
    """A new id for a corrected entry, recognisably derived from the original's."""
    n = 1
    while f"{original_id}.{n}" in taken:
        n += 1
    return f"{original_id}.{n}"


# Plain words for the timeline


def _cell_visit(event: m.CellVisit) -> str:
    if event.response == "responded":
        words = "roused, responded"
    elif event.response == "no_response":
        words = "roused, no response"
    else:
        words = "roused" if event.roused else "not roused"
    return f"Cell visit — {words}" + (f". Note: {event.note}" if event.note else "")


def _review(event: m.Review) -> str:
    mode = "in person" if event.mode == "in_person" else _lower(value_label(event.mode))
    extra = ", a video link was not practicable" if event.video_not_practicable else ""
    return f"Review by {actor_text(event.by)}, {mode}: {event.outcome}{extra}"


def _observation(event: m.ObservationLevelSet) -> str:
    rousing = ", with rousing" if event.rousing_required else ", no rousing"
    return f"Observation level {event.level}{rousing} — {event.reason}"


def _meal(event: m.MealOffered) -> str:
    return f"{value_label(event.kind)} offered" + (" — accepted" if event.accepted else "")


def _correction(event: m.Correction) -> str:
    return f"Correction of entry {event.corrects}: {event.reason}"


_DESCRIBE: Final[dict[type[m.EventBase], Callable[[Any], str]]] = {
    m.CellVisit: _cell_visit,
    m.Review: _review,
    m.ReviewPostponed: lambda e: f"Review postponed by {actor_text(e.by)}: {e.reason}",
    m.ObservationLevelSet: _observation,
    m.MealOffered: _meal,
    m.DrinkOffered: lambda e: "Drink offered" + (" — accepted" if e.accepted else ""),
    m.Note: lambda e: f"Note: {e.text}",
    m.Correction: _correction,
}


def describe(event: m.EventBase, offences: Mapping[str, str] | None = None) -> str:
    """An entry in plain words, e.g. ``Cell visit — roused, responded``."""
    special = _DESCRIBE.get(type(event))
    if special is not None:
        return special(event)
    event_type = m.type_name(event)
    parts = []
    for info in msgspec.structs.fields(type(event)):
        if info.name in ("id", "at", "recorded_at", "by"):
            continue
        value = getattr(event, info.name)
        if info.default_factory is not msgspec.NODEFAULT:
            default = info.default_factory()
        else:
            default = None if info.default is msgspec.NODEFAULT else info.default
        if value == default and not info.required:
            continue
        coded = get_origin(_unwrap(info.type)[0]) is Literal
        parts.append(_part(event_type, info.name, value, coded, offences or {}))
    heading = title(event_type)
    return f"{heading} — {', '.join(parts)}" if parts else heading


def _part(event_type: str, name: str, value: Any, coded: bool, offences: Mapping[str, str]) -> str:
    """One answer in words: a coded value reads on its own, anything else with its label."""
    if coded:
        return _lower(value_label(str(value)))
    words = PHRASES.get(name) or _lower(label(event_type, name))
    if isinstance(value, bool):
        return words if value else f"{words}: no"
    if isinstance(value, m.Actor):
        return f"{words} {actor_text(value)}"
    if isinstance(value, dt.datetime):
        return f"{words} {localtime.day_clock(value)}"
    if isinstance(value, int):
        return f"{words} {value}"
    if isinstance(value, list):
        if name == "offences":
            items = [offences.get(ref, ref) for ref in value]
        elif name == "present":
            items = [f"{_lower(value_label(p.sex))} {_lower(value_label(p.role))}" for p in value]
        elif name == "forms":
            items = [f"{f.form_ref} ({f.officer})" for f in value]
        elif name == "officers":
            items = list(value)
        else:
            items = [_lower(value_label(v)) for v in value]
        return f"{words}: {', '.join(items)}"
    return f"{words}: {value}"
