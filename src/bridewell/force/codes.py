"""Home Office use-of-force codes with the words people see (use-of-force-fields.md).

The code lists are normative; the tactic and reason codes are the same ones a custody record's
``force_used`` event carries, so they are taken from the record model rather than repeated.
Labels follow the Home Office data tables, so that a form, a dashboard and the annual return
use the same words.
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias

from bridewell.rules.model import ForceReason as ForceReason
from bridewell.rules.model import TacticCode as TacticCode

ImpactFactor: TypeAlias = Literal[
    "weapon",
    "alcohol",
    "drugs",
    "mental_health",
    "prior_knowledge",
    "size_gender_build",
    "acute_behavioural_disturbance",
    "crowd",
    "other",
]
Outcome: TypeAlias = Literal[
    "made_off_escaped", "arrested", "hospitalised", "detained_mha", "fatality", "other"
]
Location: TypeAlias = Literal[
    "street_highway",
    "open_ground",
    "retail",
    "licensed_premises",
    "public_transport",
    "sports_event_stadia",
    "vehicle_caged",
    "vehicle_uncaged",
    "police_station_not_custody",
    "custody_block",
    "hospital_ae",
    "mental_health_setting",
    "ambulance",
    "dwelling",
    "other",
]
AgeBand: TypeAlias = Literal[
    "under_11", "11_17", "18_34", "35_49", "50_64", "65_plus", "not_reported"
]
Gender: TypeAlias = Literal["male", "female", "other", "not_reported"]
Ethnicity: TypeAlias = Literal["white", "black", "asian", "mixed", "other", "not_reported"]
HealthCondition: TypeAlias = Literal[
    "mental", "physical", "physical_and_mental", "none", "not_reported"
]
OfficerInjured: TypeAlias = Literal["yes", "no", "not_reported"]
OfficerInjuryLevel: TypeAlias = Literal["minor", "severe", "not_reported"]
SubjectInjured: TypeAlias = Literal["yes", "no", "unknown", "not_reported"]
SubjectInjuryLevel: TypeAlias = Literal["minor", "severe", "death", "not_reported"]

TACTICS: Final[dict[str, str]] = {
    "handcuffing_compliant": "Handcuffing: compliant",
    "handcuffing_non_compliant": "Handcuffing: non-compliant",
    "limb_body_restraints": "Limb or body restraints",
    "ground_restraint": "Ground restraint",
    "escorting": "Unarmed: escorting",
    "distraction_strikes": "Unarmed: distraction strikes",
    "pressure_points_joint_locks": "Unarmed: pressure points, joint locks",
    "spit_bite_guard": "Spit and bite guard",
    "shield": "Shield",
    "baton_drawn": "Baton: drawn",
    "baton_used": "Baton: used",
    "irritant_spray_drawn": "Irritant spray (PAVA/CS): drawn",
    "irritant_spray_used": "Irritant spray (PAVA/CS): used",
    "ced_drawn": "Taser (CED): drawn",
    "ced_aimed": "Taser (CED): aimed",
    "ced_red_dot": "Taser (CED): red dot",
    "ced_arced": "Taser (CED): arced",
    "ced_drive_stun": "Taser (CED): drive stun",
    "ced_angle_drive_stun": "Taser (CED): angle drive stun",
    "ced_fired": "Taser (CED): fired",
    "aep_drawn": "Attenuating energy projectile: drawn",
    "aep_used": "Attenuating energy projectile: used",
    "firearm_aimed": "Conventional firearm: aimed",
    "firearm_fired": "Conventional firearm: fired",
    "dog_deployed": "Police dog: deployed",
    "dog_bite": "Police dog: bite",
    "other_improvised": "Other or improvised",
    "tactical_communication": "Tactical communication (not counted as force)",
}
CED_LEVELS: Final[tuple[str, ...]] = (
    "ced_drawn",
    "ced_aimed",
    "ced_red_dot",
    "ced_arced",
    "ced_drive_stun",
    "ced_angle_drive_stun",
    "ced_fired",
)
"""Conducted energy device levels, lowest first: a report counts only its highest."""
NOT_FORCE: Final = "tactical_communication"

REASONS: Final[dict[str, str]] = {
    "protect_self": "Protect self",
    "protect_public": "Protect the public",
    "protect_subject": "Protect the subject",
    "protect_other_officers": "Protect other officers",
    "prevent_offence": "Prevent an offence",
    "secure_evidence": "Secure evidence",
    "effect_search": "Effect a search",
    "effect_arrest": "Effect an arrest",
    "method_of_entry": "Method of entry",
    "remove_handcuffs": "Remove handcuffs",
    "prevent_harm": "Prevent harm",
    "prevent_escape": "Prevent escape",
    "other": "Other",
}
IMPACT_FACTORS: Final[dict[str, str]] = {
    "weapon": "Possession of a weapon",
    "alcohol": "Alcohol",
    "drugs": "Drugs",
    "mental_health": "Mental health",
    "prior_knowledge": "Prior knowledge of the subject",
    "size_gender_build": "Size, gender or build",
    "acute_behavioural_disturbance": "Acute behavioural disturbance",
    "crowd": "Crowd",
    "other": "Other",
}
OUTCOMES: Final[dict[str, str]] = {
    "made_off_escaped": "Made off or escaped",
    "arrested": "Arrested",
    "hospitalised": "Hospitalised",
    "detained_mha": "Detained under the Mental Health Act",
    "fatality": "Fatality",
    "other": "Other",
}
LOCATIONS: Final[dict[str, str]] = {
    "street_highway": "Street or highway",
    "open_ground": "Open ground",
    "retail": "Retail premises",
    "licensed_premises": "Licensed premises",
    "public_transport": "Public transport",
    "sports_event_stadia": "Sports or event stadium",
    "vehicle_caged": "Police vehicle with cage",
    "vehicle_uncaged": "Police vehicle without cage",
    "police_station_not_custody": "Police station (not the custody block)",
    "custody_block": "Custody block",
    "hospital_ae": "Hospital or A&E (not mental health)",
    "mental_health_setting": "Mental health setting",
    "ambulance": "Ambulance",
    "dwelling": "Dwelling",
    "other": "Other",
}
AGE_BANDS: Final[dict[str, str]] = {
    "under_11": "Under 11",
    "11_17": "11 to 17",
    "18_34": "18 to 34",
    "35_49": "35 to 49",
    "50_64": "50 to 64",
    "65_plus": "65 or over",
    "not_reported": "Not reported",
}
GENDERS: Final[dict[str, str]] = {
    "male": "Male",
    "female": "Female",
    "other": "Other",
    "not_reported": "Not reported",
}
ETHNICITIES: Final[dict[str, str]] = {
    "white": "White",
    "black": "Black or Black British",
    "asian": "Asian or Asian British",
    "mixed": "Mixed",
    "other": "Other",
    "not_reported": "Not reported",
}
HEALTH_CONDITIONS: Final[dict[str, str]] = {
    "mental": "Mental",
    "physical": "Physical",
    "physical_and_mental": "Physical and mental",
    "none": "None",
    "not_reported": "Not reported",
}
OFFICER_INJURED: Final[dict[str, str]] = {"yes": "Yes", "no": "No", "not_reported": "Not reported"}
OFFICER_INJURY_LEVELS: Final[dict[str, str]] = {
    "minor": "Minor",
    "severe": "Severe",
    "not_reported": "Not reported",
}
SUBJECT_INJURED: Final[dict[str, str]] = {
    "yes": "Yes",
    "no": "No",
    "unknown": "Unknown",
    "not_reported": "Not reported",
}
SUBJECT_INJURY_LEVELS: Final[dict[str, str]] = {
    "minor": "Minor",
    "severe": "Severe",
    "death": "Death",
    "not_reported": "Not reported",
}
