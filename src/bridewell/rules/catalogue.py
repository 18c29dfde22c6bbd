"""Rule set v1: what each rule id means, how serious it is and where it comes from.

This is the single source for rule metadata: findings take their severity and source from it,
``bridewell rules`` prints it and ``docs/rules.md`` is generated from it. The exact conditions
are in ``rules-v1.md`` (normative) and in the check modules named by ``family``.
"""

from __future__ import annotations

from typing import Final, Literal, NamedTuple

Severity = Literal["breach", "warning", "data"]
SEVERITY_ORDER: Final[dict[str, int]] = {"breach": 0, "warning": 1, "data": 2}


class Rule(NamedTuple):
    id: str
    severity: Severity
    source: str
    title: str
    family: str
    explanation: str


FAMILIES: Final[dict[str, str]] = {
    "limits": "Detention limits (PACE)",
    "reviews": "Reviews of detention (PACE)",
    "care": "Care in the cell (all regimes)",
    "rights": "Rights, appropriate adults and interpreters (PACE)",
    "searches": "Searches and clothing",
    "juveniles": "Juveniles after charge (PACE)",
    "release": "Release",
    "mha": "Mental Health Act s.136",
    "force": "Use of force and restraint",
    "records": "Record keeping",
}

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "PACE-EXT-36",
        "breach",
        "PACE s.42",
        "Invalid superintendent's extension",
        "limits",
        "An extension beyond 24 hours must be given by a superintendent or above, for an "
        "indictable offence, after the second review and no later than 24 hours after the "
        "relevant time, and may run to 36 hours at most. An extension that fails any of these "
        "is reported and does not extend the limit.",
    ),
    Rule(
        "PACE-WFD-1",
        "breach",
        "PACE s.43(5)",
        "Late application for a warrant of further detention",
        "limits",
        "An application to magistrates must be made within 36 hours of the relevant time, or "
        "within 42 hours when no court could sit at 36 hours. A late application is reported and "
        "no warrant that follows it counts.",
    ),
    Rule(
        "PACE-LIMIT-24",
        "breach",
        "PACE s.41(1)",
        "Held beyond 24 hours without charge",
        "limits",
        "Without a valid extension a person must be charged or released within 24 hours of the "
        "relevant time, not counting time at hospital for treatment.",
    ),
    Rule(
        "PACE-LIMIT-36",
        "breach",
        "PACE s.42(1)",
        "Held beyond the superintendent's extension",
        "limits",
        "With a valid extension and no warrant, a person must be charged or released by the time "
        "the extension allows.",
    ),
    Rule(
        "PACE-LIMIT-WARRANT",
        "breach",
        "PACE s.43–44",
        "Held beyond the warrant of further detention",
        "limits",
        "Under a warrant of further detention a person must be charged or released by the time the "
        "warrant (or its latest extension) allows, and never beyond 96 hours.",
    ),
    Rule(
        "PACE-LIMIT-96",
        "breach",
        "PACE s.44(3)",
        "Held beyond 96 hours without charge",
        "limits",
        "No one may be held without charge for more than 96 hours after the relevant time. "
        "Reported in addition to the limit that was in force.",
    ),
    Rule(
        "PACE-REVIEW-1",
        "breach",
        "PACE s.40(3)(a)",
        "First review of detention missed",
        "reviews",
        "The first review is due no later than 6 hours after detention was first authorised.",
    ),
    Rule(
        "PACE-REVIEW-2",
        "breach",
        "PACE s.40(3)(b)(c)",
        "Later review of detention missed",
        "reviews",
        "Each later review is due no later than 9 hours after the previous one. A review held "
        "early "
        "brings the next one forward; a postponement never pushes it back.",
    ),
    Rule(
        "PACE-REVIEW-3",
        "breach",
        "PACE s.40(1)",
        "Review by an officer without the authority",
        "reviews",
        "Before charge an officer of at least inspector rank reviews detention; after charge, the "
        "custody officer. A review by anyone else does not count.",
    ),
    Rule(
        "PACE-REVIEW-4",
        "warning",
        "PACE s.40(4)–(5)",
        "Postponed review not held promptly",
        "reviews",
        "A postponed review must be carried out as soon as practicable; Bridewell reports one held "
        "more than 60 minutes after the deadline it postponed, or never held.",
    ),
    Rule(
        "PACE-REVIEW-6",
        "warning",
        "PACE s.40A, s.45A",
        "Review by telephone when video was not ruled out",
        "reviews",
        "A review may be held by telephone only when a video link is not reasonably practicable; "
        "the record should say so.",
    ),
    Rule(
        "PACE-CARE-1",
        "breach",
        "Code C 9.3",
        "Hourly cell visit missed",
        "care",
        "A detainee in a cell must be visited at least every hour.",
    ),
    Rule(
        "PACE-CARE-2",
        "breach",
        "Code C 9.3, Annex H",
        "Roused visit missed",
        "care",
        "A detainee who is intoxicated, may have swallowed drugs or is on level 2 observation with "
        "rousing must be visited and roused at least every 30 minutes.",
    ),
    Rule(
        "PACE-CARE-3",
        "breach",
        "Code C 9.3 Annex H; APP",
        "No medical help after a failed rousing",
        "care",
        "A detainee who cannot be roused needs a health care professional or an ambulance "
        "called at once; Bridewell allows 5 minutes.",
    ),
    Rule(
        "APP-OBS-2",
        "warning",
        "APP Detention and custody: risk assessment",
        "Intoxicated detainee not put on level 2 observation",
        "care",
        "A detainee assessed as intoxicated or as having swallowed drugs should be placed on "
        "level 2 "
        "observation (with rousing) within 30 minutes.",
    ),
    Rule(
        "PACE-COND-5",
        "breach",
        "Code C 8.6",
        "Meals not offered",
        "care",
        "In any 24 hours a detainee must be offered at least two light meals and one main meal.",
    ),
    Rule(
        "PACE-REST-1",
        "breach",
        "Code C 12.2",
        "No continuous 8 hours' rest",
        "care",
        "In any 24 hours a detainee must be allowed a continuous period of at least 8 hours for "
        "rest, free from questioning or other interruption except for the reasons Code C 12.2 "
        "allows (b and c).",
    ),
    Rule(
        "PACE-RIGHTS-1",
        "breach",
        "Code C 3.1",
        "Rights not given",
        "rights",
        "A detainee must be told of their rights (someone informed, free legal advice, the Codes) "
        "when brought to the station under arrest.",
    ),
    Rule(
        "PACE-RIGHTS-4",
        "breach",
        "PACE s.56(2)–(3)",
        "Unlawful delay in telling someone of the arrest",
        "rights",
        "Only an inspector or above may delay informing someone, only for an indictable offence, "
        "and the delay must end within 36 hours of the relevant time and at charge.",
    ),
    Rule(
        "PACE-RIGHTS-5",
        "breach",
        "PACE s.58(6)–(8)",
        "Unlawful delay in access to legal advice",
        "rights",
        "Only a superintendent or above may delay legal advice, only for an indictable offence, "
        "and the delay must end within 36 hours of the relevant time and at charge.",
    ),
    Rule(
        "PACE-AA-4",
        "breach",
        "Code C 3.15",
        "Appropriate adult not requested",
        "rights",
        "For a juvenile or a vulnerable adult the custody officer must ask an appropriate adult to "
        "attend.",
    ),
    Rule(
        "PACE-AA-5",
        "breach",
        "Code C 3.17",
        "Rights not given again with the appropriate adult",
        "rights",
        "When the appropriate adult arrives, the detainee's rights must be given again in their "
        "presence.",
    ),
    Rule(
        "PACE-AA-6",
        "breach",
        "Code C 11.15, 11.18",
        "Juvenile or vulnerable detainee interviewed without an appropriate adult",
        "rights",
        "A juvenile or vulnerable adult must not be interviewed without an appropriate adult "
        "unless "
        "a superintendent or above authorises an urgent interview.",
    ),
    Rule(
        "PACE-INT-1",
        "breach",
        "Code C 3.12, 13",
        "Interpreter not requested",
        "rights",
        "A detainee who needs an interpreter must have one called.",
    ),
    Rule(
        "PACE-INT-2",
        "breach",
        "Code C 13.2",
        "Interviewed without a needed interpreter",
        "rights",
        "A detainee who needs an interpreter must not be interviewed without one unless a "
        "superintendent or above authorises an urgent interview.",
    ),
    Rule(
        "PACE-SRCH-2",
        "breach",
        "Code C Annex A para 10",
        "Strip search not authorised by the custody officer",
        "searches",
        "A strip search needs the custody officer's authority.",
    ),
    Rule(
        "PACE-SRCH-3",
        "breach",
        "Code C Annex A para 11",
        "Strip search conducted improperly",
        "searches",
        "A search exposing intimate parts needs two people present (unless urgent); no one of the "
        "opposite sex may be present other than an appropriate adult the detainee asked for; a "
        "juvenile or vulnerable adult needs an appropriate adult present unless urgent or, for a "
        "juvenile, declined.",
    ),
    Rule(
        "PACE-SRCH-4",
        "breach",
        "PACE s.55",
        "Intimate search not lawfully authorised or placed",
        "searches",
        "An intimate search needs an inspector's authority, and a drugs search may only be carried "
        "out at medical premises.",
    ),
    Rule(
        "APP-CLOTH-1",
        "warning",
        "APP; Code C 8.5",
        "Clothing removed without replacement offered",
        "searches",
        "When clothing is removed for a detainee's safety, replacement clothing must be offered.",
    ),
    Rule(
        "DATA-CLOTH-STRIP",
        "data",
        "Code C Annex A; Davies v CC Merseyside",
        "Removal of clothing not recorded as a strip search",
        "searches",
        "Removing more than outer clothing is a strip search and should be recorded as one.",
    ),
    Rule(
        "PACE-JUV-1",
        "breach",
        "PACE s.38(6); Code C 16.7, Note 16D",
        "Charged child kept in police custody without a valid certificate",
        "juveniles",
        "A child charged and refused bail must be moved to local authority accommodation "
        "unless the "
        "custody officer certifies it impracticable (or, for a child of 12 or over, that no secure "
        "accommodation is available and the public needs protecting from serious harm). A child's "
        "behaviour or the nature of the offence never justifies keeping them in a police cell.",
    ),
    Rule(
        "APP-PRRA-1",
        "warning",
        "APP Detention and custody: release",
        "No pre-release risk assessment",
        "release",
        "A pre-release risk assessment should be completed in the two hours before a detainee is "
        "released or transferred.",
    ),
    Rule(
        "MHA-136-1",
        "breach",
        "MHA 1983 s.136(2A)",
        "Held beyond the s.136 period",
        "mha",
        "A person may be kept at a place of safety under s.136 for 24 hours from arrival, or up "
        "to 12 hours more under a valid extension.",
    ),
    Rule(
        "MHA-136-2",
        "breach",
        "MHA 1983 s.136B",
        "Invalid s.136 extension",
        "mha",
        "An extension must be authorised by the doctor responsible for the examination, "
        "approved by "
        "a superintendent or above at a police station, given within 24 hours of arrival, and run "
        "to 36 hours at most.",
    ),
    Rule(
        "MHA-136-3",
        "breach",
        "MHA 1983 s.136A(1)",
        "Child held at a police station under s.136",
        "mha",
        "A police station may never be used as a place of safety for anyone under 18.",
    ),
    Rule(
        "MHA-136-4",
        "breach",
        "Places of Safety Regs 2017 reg 2",
        "Adult at a police station under s.136 without authorisation",
        "mha",
        "An adult may be taken to a police station as a place of safety only when their behaviour "
        "poses an imminent risk of serious injury or death, authorised by an inspector or above.",
    ),
    Rule(
        "MHA-136-5",
        "breach",
        "Places of Safety Regs 2017 reg 4",
        "s.136 welfare check missed",
        "mha",
        "A health care professional must check the person's welfare at least every 30 minutes "
        "while they are held at a police station.",
    ),
    Rule(
        "UOF-FORM-1",
        "warning",
        "Home Office ADR; Expectations v4",
        "Use of force without a form from every officer",
        "force",
        "Every officer who used force should submit a use-of-force form.",
    ),
    Rule(
        "DATA-RESTRAINT-OPEN",
        "data",
        "APP Control, restraint and searches",
        "Restraint removal not recorded",
        "force",
        "Each restraint applied should have its removal recorded, so its duration is known.",
    ),
    Rule(
        "DATA-LATE-ENTRY",
        "data",
        "Code C 2.6; IOPC learning",
        "Entry made late",
        "records",
        "Entries should be made when things happen; Bridewell reports entries made more than "
        "15 minutes after the event.",
    ),
    Rule(
        "DATA-NO-AUTHORISATION",
        "data",
        "PACE s.37",
        "No decision on detention recorded",
        "records",
        "On arrival the custody officer must decide whether to authorise detention, and the "
        "decision must be recorded.",
    ),
)

BY_ID: Final[dict[str, Rule]] = {rule.id: rule for rule in RULES}


def rule(rule_id: str) -> Rule:
    return BY_ID[rule_id]
