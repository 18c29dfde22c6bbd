"""Booking in: the journey's answers, which step comes next, and the record's first events.

Plain Python on purpose: the answers are kept in the session between pages (one draft per
journey, so two bookings in two tabs never mix), and everything the record will say is worked
out here from them, so the check-your-answers page, the tests and the record agree. The web
views only collect answers and hand the events to ``custody.records.open_record``.

Every decision of the booking (detention, rights, risk, observation level) is dated when the
custody officer confirms it on the check-your-answers page: until then it is a draft that can
still be changed. Arrest and arrival keep the times that were entered.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any, Final, Literal, NamedTuple

import msgspec
from msgspec import Struct

from bridewell.rules import model as m
from bridewell.rules.localtime import full, local_date

ADULT_AGE: Final = 18

Step = Literal[
    "arrest",
    "offences",
    "person",
    "details",
    "risk",
    "observation",
    "cell",
    "detention",
    "release",
    "rights",
    "check",
]


class Arrest(Struct, kw_only=True):
    arrived_at: dt.datetime
    place: Literal["elsewhere", "at_station"]
    voluntary_attendance: bool = False
    arrested_at: dt.datetime


class OffenceAnswer(Struct, kw_only=True):
    title: str
    mode_of_trial: m.ModeOfTrial


class PersonAnswer(Struct, kw_only=True):
    """The person being booked in: an existing ``Person`` (by primary key) or a new one.

    The name and birth date are a copy, so the journey can show them and tell a juvenile
    without reading the database; a new person is only created when the booking is confirmed.
    """

    pk: int | None = None
    surname: str
    forenames: str
    birth_date: dt.date | None = None

    @property
    def name(self) -> str:
        return ", ".join(p for p in (self.surname.upper(), self.forenames) if p) or "Unnamed"


class Details(Struct, kw_only=True):
    apparent_age: int | None = None
    sex: m.Sex
    ethnicity_self: m.EthnicitySelf
    ethnicity_officer: m.EthnicityOfficer
    language: str | None = None
    needs_interpreter: bool = False
    nationality: str | None = None


class Answer(Struct, kw_only=True):
    yes: bool
    details: str = ""


class Observation(Struct, kw_only=True):
    level: int
    reason: str


class CellAnswer(Struct, kw_only=True):
    """The cell chosen; ``pk`` None when no cell is allocated yet."""

    pk: int | None = None
    name: str = ""


class Detention(Struct, kw_only=True):
    authorised: bool
    grounds: str | None = None


class Release(Struct, kw_only=True):
    outcome: Literal["nfa", "other"]
    prra: bool


class Rights(Struct, kw_only=True):
    given: bool
    not_given_reason: str = ""
    requested: list[m.Right] = []
    aa_requested: bool | None = None
    aa_present: bool = False
    interpreter_requested: bool | None = None
    interpreter_present: bool = False


class Draft(Struct, kw_only=True):
    """Everything answered so far in one booking-in journey."""

    id: str
    suite: str
    started: dt.datetime
    arrest: Arrest | None = None
    offences: list[OffenceAnswer] = []
    person: PersonAnswer | None = None
    details: Details | None = None
    risk: dict[str, Answer] | None = None
    observation: Observation | None = None
    cell: CellAnswer | None = None
    detention: Detention | None = None
    release: Release | None = None
    rights: Rights | None = None


def new_draft(suite: str, now: dt.datetime) -> Draft:
    return Draft(id=secrets.token_hex(8), suite=suite, started=now)


def to_session(draft: Draft) -> dict[str, Any]:
    return msgspec.to_builtins(draft)  # type: ignore[no-any-return]


def from_session(data: dict[str, Any]) -> Draft | None:
    """The draft kept in the session; None for one this version cannot read."""
    try:
        return msgspec.convert(data, Draft)
    except msgspec.ValidationError:
        return None


def new_person_id() -> str:
    """A pseudonymous id for a new person: carries nothing about who they are."""
    return f"P-{secrets.token_hex(6).upper()}"


# Labels people read. Self-defined ethnicity follows the codes of the format (read as the
# police 18+1 list, as the synthetic data does), grouped under the 2021 census headings.

SEXES: Final[dict[m.Sex, str]] = {
    "male": "Male",
    "female": "Female",
    "other": "Other",
    "not_stated": "Prefer not to say",
}
ETHNICITY_SELF: Final[dict[m.EthnicitySelf, str]] = {
    "A1": "Asian or Asian British: Indian",
    "A2": "Asian or Asian British: Pakistani",
    "A3": "Asian or Asian British: Bangladeshi",
    "A4": "Asian or Asian British: Chinese",
    "A5": "Asian or Asian British: any other Asian background",
    "B1": "Black, Black British, Caribbean or African: Caribbean",
    "B2": "Black, Black British, Caribbean or African: African",
    "B3": "Black, Black British, Caribbean or African: any other Black background",
    "M1": "Mixed or multiple ethnic groups: White and Black Caribbean",
    "M2": "Mixed or multiple ethnic groups: White and Black African",
    "M3": "Mixed or multiple ethnic groups: White and Asian",
    "M4": "Mixed or multiple ethnic groups: any other mixed background",
    "W1": "White: English, Welsh, Scottish, Northern Irish or British",
    "W2": "White: Irish",
    "W3": "White: Gypsy or Irish Traveller",
    "W4": "White: any other White background",
    "O1": "Other ethnic group: Arab",
    "O2": "Other ethnic group: any other ethnic group",
    "not_stated": "Prefer not to say",
}
ETHNICITY_OFFICER: Final[dict[m.EthnicityOfficer, str]] = {
    "white": "White",
    "black": "Black",
    "asian": "Asian",
    "mixed": "Mixed",
    "other": "Other",
    "not_recorded": "Not recorded",
}
MODES_OF_TRIAL: Final[dict[m.ModeOfTrial, str]] = {
    "summary_only": "Summary only",
    "either_way": "Either way",
    "indictable_only": "Indictable only",
}
PLACES: Final = {"elsewhere": "Elsewhere, then brought here", "at_station": "At this station"}
GROUNDS: Final[dict[str, str]] = {
    "secure_preserve_evidence": "To secure or preserve evidence of an offence they are under "
    "arrest for",
    "obtain_evidence_by_questioning": "To obtain such evidence by questioning them",
    "charging_decision": "There is enough evidence to charge: held while that is decided",
    "warrant": "Arrested on a warrant",
    "other": "Other grounds",
}
OUTCOMES: Final = {"nfa": "No further action", "other": "Other"}
RIGHTS: Final[dict[m.Right, str]] = {
    "inform_someone": "Have someone told they are here",
    "legal_advice": "Free and independent legal advice",
    "consular": "Have their embassy or consulate told",
}
LEVELS: Final[dict[int, tuple[str, str]]] = {
    1: ("Level 1: general observation", "Visited at least every hour"),
    2: (
        "Level 2: intermittent observation",
        "Visited and roused at least every 30 minutes",
    ),
    3: ("Level 3: constant observation", "Watched all the time, in person or on CCTV"),
    4: ("Level 4: close proximity", "An officer stays within arm's reach"),
}


class Question(NamedTuple):
    key: str
    text: str
    short: str
    hint: str = ""


class Topic(NamedTuple):
    title: str
    questions: tuple[Question, ...]


# The initial risk assessment, after the College of Policing APP (Detention and custody: risk
# assessment). Each answer is yes or no, with details; the answers set the flags below.
RISK_TOPICS: Final = (
    Topic(
        "Self-harm and suicide",
        (
            Question(
                "self_harm_history",
                "Have they ever tried to harm themselves or end their life?",
                "self-harm or suicide attempts in the past",
            ),
            Question(
                "self_harm_now",
                "Are they thinking of harming themselves or ending their life now?",
                "thoughts of self-harm or suicide now",
            ),
        ),
    ),
    Topic(
        "Mental health",
        (
            Question(
                "mental_health",
                "Do they have a mental health condition, or get help for their mental health?",
                "mental health",
                "Include a diagnosis, medication, or contact with mental health services",
            ),
        ),
    ),
    Topic(
        "Drugs and alcohol",
        (
            Question(
                "intoxicated",
                "Are they under the influence of alcohol or drugs now?",
                "under the influence of alcohol or drugs",
                "Smell of alcohol, slurred speech, unsteady on their feet or drowsy",
            ),
            Question(
                "swallowed_drugs",
                "Have they swallowed or hidden drugs in their body, or is that suspected?",
                "swallowed or hidden drugs",
            ),
        ),
    ),
    Topic(
        "Health",
        (
            Question(
                "medical",
                "Do they have an illness or medical condition, or take any medication?",
                "medical conditions and medication",
                "For example diabetes, epilepsy, heart or breathing problems, pregnancy",
            ),
            Question("injuries", "Do they have any injuries?", "injuries"),
        ),
    ),
    Topic(
        "Vulnerability",
        (
            Question(
                "learning_disability",
                "Do they have a learning disability or learning difficulty?",
                "learning disability",
            ),
            Question(
                "communication",
                "Do they find it hard to read, write, speak or understand what is said?",
                "communication",
            ),
            Question(
                "other_vulnerability",
                "Is there any other reason to think they may be vulnerable?",
                "other vulnerability",
                "Code C 1.4: if there is any reason to suspect it, treat them as vulnerable",
            ),
        ),
    ),
    Topic(
        "Anything else",
        (
            Question(
                "anything_else",
                "Is there anything else that affects their care or safety?",
                "anything else",
                "For example children or others they care for, or threats from other people",
            ),
        ),
    ),
)
QUESTIONS: Final = tuple(q for topic in RISK_TOPICS for q in topic.questions)

VULNERABILITY_KINDS: Final[dict[str, m.VulnerabilityKind]] = {
    "mental_health": "mental_health",
    "learning_disability": "learning_disability",
    "communication": "communication",
    "other_vulnerability": "other",
}
VULNERABILITY_LABELS: Final[dict[m.VulnerabilityKind, str]] = {
    "mental_health": "mental health",
    "learning_disability": "learning disability",
    "communication": "communication",
    "age_disputed": "age disputed",
    "other": "other",
}


# What the answers mean


def said_yes(draft: Draft, key: str) -> bool:
    answer = (draft.risk or {}).get(key)
    return answer is not None and answer.yes


class Flags(NamedTuple):
    intoxicated: bool
    self_harm_risk: bool
    swallowed_drugs: bool


def flags(draft: Draft) -> Flags:
    """The flags of the ``risk_assessed`` event: a history of self-harm is a risk too (APP)."""
    return Flags(
        intoxicated=said_yes(draft, "intoxicated"),
        self_harm_risk=said_yes(draft, "self_harm_history") or said_yes(draft, "self_harm_now"),
        swallowed_drugs=said_yes(draft, "swallowed_drugs"),
    )


def vulnerabilities(draft: Draft) -> list[m.VulnerabilityKind]:
    """Why the person is to be treated as a vulnerable adult (Code C 1.4, 1.13(d)), if they are."""
    return [kind for key, kind in VULNERABILITY_KINDS.items() if said_yes(draft, key)]


def age(draft: Draft) -> int | None:
    """Age on the day of arrival, from the birth date, else the apparent age."""
    if draft.person is None or draft.arrest is None:
        return None
    birth = draft.person.birth_date
    if birth is None:
        return draft.details.apparent_age if draft.details else None
    day = local_date(draft.arrest.arrived_at)
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def juvenile(draft: Draft) -> bool:
    years = age(draft)
    return years is not None and years < ADULT_AGE


def needs_appropriate_adult(draft: Draft) -> bool:
    """Juvenile or vulnerable: an appropriate adult is required (Code C 3.15)."""
    return juvenile(draft) or bool(vulnerabilities(draft))


def needs_interpreter(draft: Draft) -> bool:
    return draft.details is not None and draft.details.needs_interpreter


def foreign_national(draft: Draft) -> bool:
    nationality = draft.details.nationality if draft.details else None
    return nationality is not None and nationality != "GB"


class Suggestion(NamedTuple):
    level: int
    why: str


def suggested_level(draft: Draft) -> Suggestion | None:
    """APP: someone intoxicated or who may have swallowed drugs is on level 2 and roused."""
    f = flags(draft)
    reasons = [
        text
        for held, text in (
            (f.intoxicated, "they are under the influence of alcohol or drugs"),
            (f.swallowed_drugs, "they may have swallowed or hidden drugs"),
        )
        if held
    ]
    if not reasons:
        return None
    return Suggestion(2, " and ".join(reasons))


# Which step comes next


def steps(draft: Draft) -> list[Step]:
    """The steps of this journey in order: a refused detention ends with the release."""
    ending: Step = "release" if draft.detention and not draft.detention.authorised else "rights"
    return [
        "arrest",
        "offences",
        "person",
        "details",
        "risk",
        "observation",
        "cell",
        "detention",
        ending,
        "check",
    ]


def complete(draft: Draft, step: Step) -> bool:
    """Whether ``step`` is answered, and its answers still fit the answers before it."""
    match step:
        case "arrest":
            return draft.arrest is not None
        case "offences":
            return bool(draft.offences)
        case "person":
            return draft.person is not None
        case "details":
            if draft.details is None or draft.person is None:
                return False
            return draft.person.birth_date is not None or draft.details.apparent_age is not None
        case "risk":
            return draft.risk is not None and all(q.key in draft.risk for q in QUESTIONS)
        case "observation":
            return draft.observation is not None
        case "cell":
            return draft.cell is not None
        case "detention":
            return draft.detention is not None
        case "release":
            return draft.release is not None
        case "rights":
            r = draft.rights
            if r is None:
                return False
            if needs_appropriate_adult(draft) and r.aa_requested is None:
                return False
            return not (needs_interpreter(draft) and r.interpreter_requested is None)
        case "check":
            return False


def first_incomplete(draft: Draft) -> Step:
    return next(s for s in steps(draft) if not complete(draft, s))


def reachable(draft: Draft, step: Step) -> bool:
    """A step can be shown once every step before it is answered."""
    order = steps(draft)
    return step in order and order.index(step) <= order.index(first_incomplete(draft))


def previous(draft: Draft, step: Step) -> Step | None:
    order = steps(draft)
    index = order.index(step) if step in order else len(order)
    return order[index - 1] if index > 0 else None


# The record


def offences(draft: Draft) -> list[dict[str, str]]:
    return [
        {"ref": f"O{n}", "title": o.title, "mode_of_trial": o.mode_of_trial}
        for n, o in enumerate(draft.offences, start=1)
    ]


def detainee(draft: Draft, person_id: str) -> dict[str, Any]:
    """The record's detainee, validated by the format's own model."""
    assert draft.person is not None
    assert draft.details is not None
    d = draft.details
    value = m.Detainee(
        person_id=person_id,
        birth_date=draft.person.birth_date,
        apparent_age=d.apparent_age if draft.person.birth_date is None else None,
        sex=d.sex,
        ethnicity_self=d.ethnicity_self,
        ethnicity_officer=d.ethnicity_officer,
        vulnerable=bool(vulnerabilities(draft)),
        needs_interpreter=d.needs_interpreter,
        language=d.language,
        nationality=d.nationality,
    )
    return msgspec.to_builtins(value)  # type: ignore[no-any-return]


def risk_note(draft: Draft) -> str:
    """The questions and answers of the risk assessment, so the reasoning is on the record."""
    lines = ["Initial risk assessment:"]
    for q in QUESTIONS:
        answer = (draft.risk or {}).get(q.key)
        if answer is not None:
            said = "Yes" if answer.yes else "No"
            lines.append(
                f"- {q.text} {said}: {answer.details}" if answer.details else f"- {q.text} {said}."
            )
    return "\n".join(lines)


def first_events(
    draft: Draft, *, by: dict[str, Any], at: dt.datetime, station: str
) -> list[dict[str, Any]]:
    """The record's first events, in the order they are made, without ids."""
    assert draft.arrest is not None
    assert draft.detention is not None
    assert draft.observation is not None
    arrest, when = draft.arrest, at.isoformat()
    arrested: dict[str, Any] = {
        "type": "arrested",
        "at": arrest.arrested_at.isoformat(),
        "place": arrest.place,
        "voluntary_attendance": arrest.voluntary_attendance,
        "offences": [o["ref"] for o in offences(draft)],
    }
    arrived: dict[str, Any] = {
        "type": "arrived",
        "at": arrest.arrived_at.isoformat(),
        "station": station,
    }
    events = [arrested, arrived] if arrest.arrested_at <= arrest.arrived_at else [arrived, arrested]
    if draft.detention.authorised:
        events.append(
            {
                "type": "detention_authorised",
                "at": when,
                "by": by,
                "grounds": draft.detention.grounds,
            }
        )
        events += _rights_events(draft, by, when)
    else:
        events.append({"type": "detention_refused", "at": when, "by": by})
    events += [
        {"type": "vulnerability_identified", "at": when, "kind": kind}
        for kind in vulnerabilities(draft)
    ]
    events.append(
        {
            "type": "risk_assessed",
            "at": when,
            "by": by,
            "stage": "initial",
            **flags(draft)._asdict(),
        }
    )
    events.append(
        {
            "type": "observation_level_set",
            "at": when,
            "by": by,
            "level": draft.observation.level,
            "reason": draft.observation.reason,
        }
    )
    events.append({"type": "note", "at": when, "by": by, "text": risk_note(draft)})
    if not draft.detention.authorised:
        assert draft.release is not None
        if draft.release.prra:
            events.append({"type": "prra_completed", "at": when, "by": by})
        events.append({"type": "released", "at": when, "by": by, "outcome": draft.release.outcome})
    return events


def _rights_events(draft: Draft, by: dict[str, Any], when: str) -> list[dict[str, Any]]:
    r = draft.rights
    assert r is not None
    events: list[dict[str, Any]] = []
    if r.aa_requested:
        events.append({"type": "appropriate_adult_requested", "at": when})
        if r.aa_present:
            events.append({"type": "appropriate_adult_arrived", "at": when})
    if r.interpreter_requested:
        events.append({"type": "interpreter_requested", "at": when})
        if r.interpreter_present:
            events.append({"type": "interpreter_arrived", "at": when})
    if r.given:
        events.append(
            {
                "type": "rights_given",
                "at": when,
                "by": by,
                "appropriate_adult_present": r.aa_present,
                "interpreter_present": r.interpreter_present,
            }
        )
        events += [{"type": "right_requested", "at": when, "right": right} for right in r.requested]
    else:
        text = f"Rights and entitlements not given yet: {r.not_given_reason}"
        events.append({"type": "note", "at": when, "by": by, "text": text})
    return events


# Check your answers


class Row(NamedTuple):
    """One answer on the check-your-answers page, and the page its "Change" link goes to."""

    key: str
    value: str | list[str]
    change: str
    page: str

    @property
    def many(self) -> bool:
        return isinstance(self.value, list)


YES: Final[dict[bool | None, str]] = {True: "Yes", False: "No", None: "Not asked"}


def summary(d: Draft) -> list[tuple[str, list[Row]]]:
    """Every answer of a complete draft, in sections, as the custody officer checks them."""
    assert d.arrest is not None
    assert d.person is not None
    assert d.details is not None
    assert d.observation is not None
    assert d.cell is not None
    assert d.detention is not None
    a, p, det = d.arrest, d.person, d.details
    arrest_rows = [
        Row("Arrived at the station", full(a.arrived_at), "arrival time", "arrest"),
        Row("Arrested", PLACES[a.place], "where they were arrested", "arrest"),
        Row("Voluntary attendance", YES[a.voluntary_attendance], "voluntary attendance", "arrest"),
        Row("Arrest time", full(a.arrested_at), "arrest time", "arrest"),
        Row(
            "Offences",
            [f"{o.title} ({MODES_OF_TRIAL[o.mode_of_trial].lower()})" for o in d.offences],
            "offences",
            "offences",
        ),
    ]
    if p.birth_date is not None:
        born = f"{p.birth_date.day} {p.birth_date:%B %Y}"
    else:
        born = f"Not known (seems {det.apparent_age})"
    who = "person" if p.pk else "new-person"
    person_rows = [
        Row("Name", p.name + ("" if p.pk else " (new person)"), "the person", who),
        Row("Date of birth", born, "date of birth", who if p.birth_date else "details"),
        Row("Sex", SEXES[det.sex], "sex", "details"),
        Row("Ethnic group (their own words)", ETHNICITY_SELF[det.ethnicity_self],
            "self-defined ethnicity", "details"),
        Row("Ethnic appearance (officer)", ETHNICITY_OFFICER[det.ethnicity_officer],
            "officer-perceived ethnicity", "details"),
        Row("Language", det.language or "Not given", "language", "details"),
        Row("Needs an interpreter", YES[det.needs_interpreter], "interpreter", "details"),
        Row("Nationality", det.nationality or "Not known", "nationality", "details"),
    ]  # fmt: skip
    risk_rows = []
    for q in QUESTIONS:
        answer = (d.risk or {}).get(q.key)
        if answer is not None:
            shown = YES[answer.yes] + (f": {answer.details}" if answer.details else "")
            risk_rows.append(Row(q.text, shown, q.short, "risk"))
    level_label, _ = LEVELS[d.observation.level]
    care_rows = [
        Row("Observation level", level_label, "observation level", "observation"),
        Row("Reason", d.observation.reason, "reason for the level", "observation"),
    ]
    if d.detention.authorised:
        care_rows.append(Row("Cell", d.cell.name or "Not allocated yet", "cell", "cell"))
    grounds = GROUNDS[d.detention.grounds] if d.detention.grounds else ""
    decision_rows = [
        Row(
            "Detention",
            f"Authorised: {grounds}" if d.detention.authorised else "Refused",
            "detention decision",
            "detention",
        )
    ]
    if d.detention.authorised:
        decision_rows += _rights_rows(d)
    else:
        assert d.release is not None
        decision_rows += [
            Row("Outcome", OUTCOMES[d.release.outcome], "outcome", "release"),
            Row("Pre-release risk assessment", YES[d.release.prra], "pre-release risk assessment",
                "release"),
        ]  # fmt: skip
    return [
        ("Arrest", arrest_rows),
        ("The person", person_rows),
        ("Risk assessment", risk_rows),
        ("Observation and cell", care_rows),
        ("Detention and rights" if d.detention.authorised else "Detention", decision_rows),
    ]


def _rights_rows(d: Draft) -> list[Row]:
    r = d.rights
    assert r is not None
    rows = [Row("Rights and entitlements given", YES[r.given], "rights given", "rights")]
    if r.given:
        wanted = [RIGHTS[k] for k in r.requested] or ["None"]
        rows.append(Row("Rights they want", wanted, "rights they want", "rights"))
    else:
        rows.append(Row("Why not yet", r.not_given_reason, "why not yet", "rights"))
    if needs_appropriate_adult(d):
        rows.append(Row("Appropriate adult asked for", YES[r.aa_requested],
                        "appropriate adult", "rights"))  # fmt: skip
        if r.given:
            rows.append(Row("Appropriate adult there for rights", YES[r.aa_present],
                            "appropriate adult present", "rights"))  # fmt: skip
    if needs_interpreter(d):
        rows.append(Row("Interpreter asked for", YES[r.interpreter_requested],
                        "interpreter", "rights"))  # fmt: skip
        if r.given:
            rows.append(Row("Interpreter there for rights", YES[r.interpreter_present],
                            "interpreter present", "rights"))  # fmt: skip
    return rows
