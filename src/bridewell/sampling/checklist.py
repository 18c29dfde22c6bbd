"""The dip-sample checklist of one custody record, how its answers are checked, and what they mean.

Pure. Two kinds of item:

- **engine** items, one per rule family: the engine's findings in that family are shown for the
  auditor to confirm or dispute; a family where the engine found nothing is confirmed as "no
  issue" or disputed ("the engine missed ..."). A dispute needs a reason and goes to the rules
  team as a possible rule defect.
- **judgement** items the engine cannot see (quality of the risk assessment and the PRRA, whether
  check entries are meaningful, whether grounds for detention are recorded properly, whether
  CCTV was viewed), answered meets / does not meet / not applicable, with a note for "does not
  meet". CCTV may only be "not applicable" when the record shows no force and no strip search.

Each answer has an outcome for the pass rates: ``pass``, ``fail``, ``na`` (not counted) or
``disputed`` (the auditor says a finding is wrong: not counted until the rules team settles it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from bridewell.rules import catalogue
from bridewell.rules.findings import Finding

Kind = Literal["engine", "judgement"]
Outcome = Literal["pass", "fail", "na", "disputed"]

CONFIRM: Final = "confirm"
DISPUTE: Final = "dispute"
MEETS: Final = "meets"
DOES_NOT_MEET: Final = "does_not_meet"
NOT_APPLICABLE: Final = "not_applicable"

ANSWER_LABELS: Final[dict[str, str]] = {
    CONFIRM: "Confirm",
    DISPUTE: "Dispute",
    MEETS: "Meets the standard",
    DOES_NOT_MEET: "Does not meet the standard",
    NOT_APPLICABLE: "Not applicable",
}


@dataclass(frozen=True, slots=True)
class Judgement:
    key: str
    title: str
    question: str


JUDGEMENTS: Final[tuple[Judgement, ...]] = (
    Judgement(
        "risk_assessment",
        "Quality of the risk assessment",
        "Does the risk assessment use what was known (PNC warnings, the arresting officer, the "
        "detainee's answers) and set observations that follow from it?",
    ),
    Judgement(
        "prra",
        "Quality of the pre-release risk assessment",
        "Does the PRRA consider the risks on release and record what was done about them "
        "(APP Detention and custody)?",
    ),
    Judgement(
        "checks_meaningful",
        "Check and visit entries are meaningful",
        "Do cell visits and rousing checks record what was seen and said, not repeated "
        "boilerplate?",
    ),
    Judgement(
        "grounds",
        "Grounds for detention recorded properly",
        "Are the grounds for authorising detention specific to this person and offence, with "
        "the necessity explained (PACE s.37, Code G)?",
    ),
    Judgement(
        "cctv",
        "CCTV viewed where relevant",
        "Where force was used or a strip search made, was the CCTV viewed and does it match "
        "the record?",
    ),
)
JUDGEMENT_KEYS: Final = frozenset(j.key for j in JUDGEMENTS)
ENGINE_PREFIX: Final = "engine:"


@dataclass(frozen=True, slots=True)
class Shown:
    """One engine finding as the checklist shows it: what, when, and the law it comes from."""

    rule: str
    title: str
    severity: str
    source: str
    message: str
    at_iso: str


@dataclass(frozen=True, slots=True)
class Item:
    key: str
    kind: Kind
    title: str
    question: str
    choices: tuple[str, ...]
    findings: tuple[Shown, ...] = ()

    @property
    def reason_needed_for(self) -> str:
        return DISPUTE if self.kind == "engine" else DOES_NOT_MEET


@dataclass(frozen=True, slots=True)
class Answer:
    value: str
    note: str = ""


def families(regime: str, juvenile: bool) -> list[str]:
    """The rule families a record is checked against: s.136 and juvenile rules only where they
    can apply."""
    return [
        f
        for f in catalogue.FAMILIES
        if (f != "mha" or regime == "mha_s136") and (f != "juveniles" or juvenile)
    ]


def items(
    findings: Sequence[Finding], *, regime: str, juvenile: bool, force_or_strip: bool
) -> list[Item]:
    """The checklist of one record: its engine items, then the judgement items."""
    by_family: dict[str, list[Shown]] = {}
    for f in findings:
        rule = catalogue.rule(f.rule)
        by_family.setdefault(rule.family, []).append(
            Shown(f.rule, rule.title, f.severity, f.source, f.message, f.at.isoformat())
        )
    made = []
    for family in families(regime, juvenile) + sorted(
        set(by_family) - set(families(regime, juvenile))
    ):
        shown = tuple(by_family.get(family, ()))
        question = (
            "Are the engine's findings in this area right?"
            if shown
            else "The engine found nothing in this area. Is that right?"
        )
        made.append(
            Item(
                ENGINE_PREFIX + family,
                "engine",
                catalogue.FAMILIES[family],
                question,
                (CONFIRM, DISPUTE),
                shown,
            )
        )
    for j in JUDGEMENTS:
        na = j.key != "cctv" or not force_or_strip
        choices = (MEETS, DOES_NOT_MEET, NOT_APPLICABLE) if na else (MEETS, DOES_NOT_MEET)
        made.append(Item(j.key, "judgement", j.title, j.question, choices))
    return made


def problems(checklist: Sequence[Item], answers: Mapping[str, Answer]) -> dict[str, str]:
    """What is wrong with a set of answers, by item key; empty when they can be recorded."""
    found = {}
    for item in checklist:
        answer = answers.get(item.key)
        if answer is None or not answer.value:
            found[item.key] = f"Select an answer for ‘{item.title}’"
        elif answer.value not in item.choices:
            found[item.key] = (
                "CCTV cannot be not applicable: the record shows force or a strip search"
                if item.key == "cctv" and answer.value == NOT_APPLICABLE
                else f"Select one of the answers offered for ‘{item.title}’"
            )
        elif answer.value == item.reason_needed_for and not answer.note.strip():
            found[item.key] = (
                f"Explain why you dispute the engine on ‘{item.title}’"
                if item.kind == "engine"
                else f"Explain why ‘{item.title}’ does not meet the standard"
            )
    return found


def outcome(kind: str, value: str, had_findings: bool) -> Outcome:
    """What an answer counts as in the pass rates.

    A confirmed engine item passes when the engine found nothing and fails when it found a
    breach. Disputing "nothing found" means the auditor found what the engine missed: a fail.
    Disputing findings means the auditor thinks the engine wrong: left out of the rates until
    the rules team has looked.
    """
    if kind == "engine":
        if value == CONFIRM:
            return "fail" if had_findings else "pass"
        return "disputed" if had_findings else "fail"
    if value == MEETS:
        return "pass"
    if value == DOES_NOT_MEET:
        return "fail"
    return "na"


def answer_text(kind: str, value: str, had_findings: bool) -> str:
    """An answer in words that say what was confirmed or disputed."""
    if kind == "engine":
        return {
            (CONFIRM, False): "Confirmed: no issue",
            (CONFIRM, True): "Confirmed the engine's findings",
            (DISPUTE, False): "Disputed: the engine missed something",
            (DISPUTE, True): "Disputed the engine's findings",
        }.get((value, had_findings), value)
    return ANSWER_LABELS.get(value, value)


def item_title(key: str) -> str:
    if key.startswith(ENGINE_PREFIX):
        return catalogue.FAMILIES.get(key.removeprefix(ENGINE_PREFIX), key)
    return next((j.title for j in JUDGEMENTS if j.key == key), key)


ITEM_ORDER: Final[tuple[str, ...]] = tuple(ENGINE_PREFIX + f for f in catalogue.FAMILIES) + tuple(
    j.key for j in JUDGEMENTS
)
