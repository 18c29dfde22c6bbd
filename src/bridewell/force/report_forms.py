"""The pages of an officer's use-of-force report: one form per topic, and the answers as words.

Each form reads and writes only its own fields of a :class:`ReportData`, under the same names,
so a :class:`Problem` found by :func:`bridewell.force.report.problems` goes back to the field it
names (:meth:`Section.place`), or to the page that holds it. Every question is optional here:
a draft may be saved half done, and what a submission needs is decided by ``report.problems``
alone, so the pages and the rules cannot drift apart.

Custody details are asked for only when the custody block is one of the locations; untick it
and they are cleared (:func:`compose`), as GOV.UK services drop answers to questions that no
longer apply, so no hidden answer can block a save or reach the record unseen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Final

import msgspec
from django import forms

from bridewell.force import codes
from bridewell.force.report import Problem, ReportData
from bridewell.rules import localtime
from bridewell.web.forms import Checkboxes, Radios, UkDateTimeField

NONE: Final = "not_applicable"
"""The radio that takes an answer back (no injury level, no appropriate adult)."""
NOT_ANSWERED: Final = "Not answered"
YES_NO: Final = {"yes": "Yes", "no": "No"}


class Choice(forms.ChoiceField):
    """One answer from a code list, as GOV.UK radios; no answer (or ``clear``) is ``None``."""

    widget = Radios

    def __init__(
        self, label: str, choices: Mapping[str, str], *, clear: str = "", help_text: str = ""
    ) -> None:
        options = [*choices.items(), *([(NONE, clear)] if clear else [])]
        super().__init__(label=label, choices=options, required=False, help_text=help_text)

    def clean(self, value: Any) -> Any:
        chosen = super().clean(value)
        return None if chosen in ("", NONE) else chosen

    def shown(self, value: Any) -> Any:
        """The stored answer as the form's value."""
        return value


class YesNo(Choice):
    """A yes-or-no question, kept as a bool."""

    def __init__(self, label: str, *, clear: str = "", help_text: str = "") -> None:
        super().__init__(label, YES_NO, clear=clear, help_text=help_text)

    def clean(self, value: Any) -> bool | None:
        chosen = super().clean(value)
        return None if chosen is None else chosen == "yes"

    def shown(self, value: Any) -> str | None:
        return None if value is None else "yes" if value else "no"


def many(label: str, choices: Mapping[str, str], help_text: str = "") -> forms.MultipleChoiceField:
    """Any number of codes, as GOV.UK checkboxes."""
    return forms.MultipleChoiceField(
        label=label,
        choices=list(choices.items()),
        widget=Checkboxes,
        required=False,
        help_text=help_text or "Select all that apply",
    )


def when(label: str, help_text: str) -> UkDateTimeField:
    return UkDateTimeField(label=label, required=False, help_text=help_text)


def text(label: str, help_text: str = "", *, rows: int = 0) -> forms.CharField:
    """Free text: one line, or a text area of ``rows`` lines."""
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=widget, max_length=10_000
    )


class Placing(forms.Form):
    """A form that shows the problems a report's rules found with its own fields."""

    def place(self, problems: Iterable[Problem]) -> list[Problem]:
        """Put each problem on its field here; return those that belong elsewhere."""
        if not self.is_bound:
            self.full_clean()
            self.cleaned_data = {}
        elsewhere: list[Problem] = []
        for problem in problems:
            if problem.field in self.fields:
                self.add_error(problem.field, problem.message)
            else:
                elsewhere.append(problem)
        return elsewhere


class Section(Placing):
    """One page of the report: a topic, its questions, and how they read on a summary."""

    slug: ClassVar[str]
    title: ClassVar[str]
    hint: ClassVar[str] = ""
    heading: ClassVar[str] = ""
    """The title on a submitted report, which reviewers read too (the title if empty)."""
    do_not_call_in_templates: ClassVar[bool] = True
    """Templates read a page's title from its class."""

    def __init__(self, data: Mapping[str, Any] | None = None, *, answers: ReportData) -> None:
        initial = {
            name: field.shown(getattr(answers, name))
            if isinstance(field, Choice)
            else getattr(answers, name)
            for name, field in self.base_fields.items()
        }
        super().__init__(data, initial=initial)

    def apply(self, answers: ReportData) -> None:
        """Write this page's answers into ``answers`` (call after ``is_valid``)."""
        for name in self.fields:
            setattr(answers, name, self.cleaned_data[name])


class WhenWhere(Section):
    slug = "when"
    title = "When and where"
    hint = "The date and time, and the places force was used"

    occurred_at = when(
        "When did you use force?",
        "For example, 27 3 2026 and 14:05. UK time: if you used force more than once, "
        "the time you started",
    )
    locations = many(
        "Where did you use force?",
        codes.LOCATIONS,
        "Select all that apply. You are asked for custody details only if you select the "
        "custody block; unselect it and any custody details you gave are removed",
    )


class Tactics(Section):
    slug = "tactics"
    title = "Tactics"
    hint = "What you did"

    tactics = many(
        "Which tactics did you use?",
        codes.TACTICS,
        "Select all that apply. For a Taser, select each level you reached: only the highest "
        "is counted. Tactical communication is recorded but is not counted as force",
    )


class Reasons(Section):
    slug = "reasons"
    title = "Reasons and impact factors"
    hint = "Why you used force, and what affected your decision"

    reasons = many("Why did you use force?", codes.REASONS)
    impact_factors = many(
        "Did any of these affect your decision?",
        codes.IMPACT_FACTORS,
        "Select all that apply, or none",
    )


class Subject(Section):
    slug = "subject"
    title = "The subject as you perceived them"
    heading = "The subject as the officer perceived them"
    hint = "Age, gender, ethnicity and health as they seemed to you"

    subject_age = Choice("How old did they seem?", codes.AGE_BANDS)
    subject_gender = Choice("What gender did they seem?", codes.GENDERS)
    subject_ethnicity = Choice("What ethnicity did they seem?", codes.ETHNICITIES)
    subject_health = Choice(
        "Did they seem to have a health condition?",
        codes.HEALTH_CONDITIONS,
        help_text="Physical, mental, or both: for example a learning disability or a mental "
        "illness",
    )


class Injuries(Section):
    slug = "injuries"
    title = "Injuries, medical assistance and outcome"
    hint = "Your injuries, the subject's, and what came of the incident"

    officer_injured = Choice("Were you injured?", codes.OFFICER_INJURED)
    officer_assaulted = Choice("Were you intentionally assaulted?", codes.OFFICER_INJURED)
    officer_injury_level = Choice(
        "How badly were you injured?",
        codes.OFFICER_INJURY_LEVELS,
        clear="I was not injured",
        help_text="Only if you were injured",
    )
    subject_injured = Choice(
        "Was the subject injured as a result of the force used?", codes.SUBJECT_INJURED
    )
    subject_injury_level = Choice(
        "How badly was the subject injured?",
        codes.SUBJECT_INJURY_LEVELS,
        clear="The subject was not injured",
        help_text="Only if the subject was injured",
    )
    medical_assistance_offered = YesNo("Was the subject offered medical assistance?")
    outcomes = many("What was the outcome?", codes.OUTCOMES)


class Custody(Section):
    slug = "custody"
    title = "Custody details"
    hint = "What inspectors check against the custody record"

    supervising_officer = text(
        "Supervising custody officer", "Their collar or staff number, for example S1234"
    )
    restraint_started_at = when(
        "When did the restraint start?",
        "For example, 27 3 2026 and 14:05. Leave it blank if nobody was restrained",
    )
    restraint_ended_at = when("When did the restraint end?", "For example, 27 3 2026 and 14:17")
    cctv_reference = text(
        "CCTV reference", "The camera and time, or the exhibit reference, if you know it"
    )
    clothing_removed = YesNo("Was any of the subject's clothing removed?")
    clothing_removed_reason = text(
        "Why was clothing removed?", "Only if clothing was removed", rows=3
    )
    health_check_at = when(
        "When did health care examine the subject after the force?",
        "For example, 27 3 2026 and 14:40. Leave it blank if they refused",
    )
    health_check_refused = YesNo("Did the subject refuse a health care examination?")
    juvenile = YesNo("Was the subject a juvenile (under 18)?")
    appropriate_adult_present = YesNo(
        "Was an appropriate adult present?",
        clear="Not applicable: not a juvenile",
        help_text="Only for a juvenile",
    )


class Account(Section):
    slug = "account"
    title = "Your account"
    heading = "The officer's account"
    hint = "What happened and why force was necessary"

    account = text(
        "What happened, and why was the force you used necessary?",
        "Describe what you saw and the threat you perceived, what you did and why, what you "
        "tried first, and how the subject responded. Write it as you would a statement",
        rows=10,
    )


SECTIONS: Final[tuple[type[Section], ...]] = (
    WhenWhere,
    Tactics,
    Reasons,
    Subject,
    Injuries,
    Custody,
    Account,
)
BY_SLUG: Final[dict[str, type[Section]]] = {s.slug: s for s in SECTIONS}
CUSTODY_FIELDS: Final = tuple(Custody.base_fields)
_EMPTY: Final = ReportData()


def sections_for(answers: ReportData) -> list[type[Section]]:
    """The pages this report asks: custody details only when force was used in custody."""
    return [s for s in SECTIONS if s is not Custody or answers.in_custody]


def section_of(field: str) -> type[Section] | None:
    return next((s for s in SECTIONS if field in s.base_fields), None)


def anchor(field: str) -> str:
    """The id of a question's first input, where a link to fix or change it should land."""
    section = section_of(field)
    if section is None:
        return ""
    return str(section.base_fields[field].widget.id_for_label(f"id_{field}"))


def compose(base: ReportData, pages: Iterable[Section]) -> ReportData:
    """``base`` with the answers on ``pages``: custody details go if custody is not a location."""
    answers = msgspec.structs.replace(base)
    for page in pages:
        page.apply(answers)
    if not answers.in_custody:
        for name in CUSTODY_FIELDS:
            setattr(answers, name, getattr(_EMPTY, name))
    return answers


def status(section: type[Section], gaps: Sequence[Problem], answers: ReportData) -> str:
    """A task-list status: not started, in progress, or completed (nothing left to submit)."""
    names = section.base_fields
    if any(p.field in names for p in gaps):
        started = any(getattr(answers, n) not in (None, "", []) for n in names)
        return "In progress" if started else "Not yet started"
    return "Completed"


class ReasonForm(Placing):
    reason = forms.CharField(
        label="Why are you changing your report?",
        help_text="This is kept with the new version, and the version before stays readable",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2_000,
        error_messages={"required": "Explain why you are changing a submitted report"},
    )


class StartForm(Placing):
    """A use of force the custody record does not show: when, and the record it belongs to."""

    occurred_at = UkDateTimeField(
        label="When did you use force?",
        help_text="For example, 27 3 2026 and 14:05",
        error_messages={"required": "Enter the date and time you used force"},
    )
    record = forms.CharField(
        label="Custody record number (optional)",
        help_text="If the subject was in custody in one of your suites",
        required=False,
        max_length=64,
    )

    def __init__(self, *args: Any, now: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.now = now

    def clean_occurred_at(self) -> dt.datetime:
        value: dt.datetime = self.cleaned_data["occurred_at"]
        if value > self.now:
            raise forms.ValidationError("The time you used force must be in the past")
        return value


class JoinForm(Placing):
    incident_ref = forms.CharField(
        label="Incident reference",
        help_text="The officer who started the report can find it on their report, "
        "for example UOF-PC1234-20260112-1",
        max_length=40,
        error_messages={"required": "Enter the incident reference"},
    )


# The answers in words, for check-your-answers, the submitted report and its history

LABELS: Final[dict[str, Mapping[str, str]]] = {
    "tactics": codes.TACTICS,
    "reasons": codes.REASONS,
    "impact_factors": codes.IMPACT_FACTORS,
    "outcomes": codes.OUTCOMES,
    "locations": codes.LOCATIONS,
    "subject_age": codes.AGE_BANDS,
    "subject_gender": codes.GENDERS,
    "subject_ethnicity": codes.ETHNICITIES,
    "subject_health": codes.HEALTH_CONDITIONS,
    "officer_injured": codes.OFFICER_INJURED,
    "officer_assaulted": codes.OFFICER_INJURED,
    "officer_injury_level": codes.OFFICER_INJURY_LEVELS,
    "subject_injured": codes.SUBJECT_INJURED,
    "subject_injury_level": codes.SUBJECT_INJURY_LEVELS,
}
KEYS: Final[dict[str, str]] = {
    "occurred_at": "Date and time",
    "locations": "Locations",
    "tactics": "Tactics",
    "reasons": "Reasons",
    "impact_factors": "Impact factors",
    "subject_age": "Age",
    "subject_gender": "Gender",
    "subject_ethnicity": "Ethnicity",
    "subject_health": "Health condition",
    "officer_injured": "Officer injured",
    "officer_assaulted": "Officer intentionally assaulted",
    "officer_injury_level": "Officer's injury",
    "subject_injured": "Subject injured",
    "subject_injury_level": "Subject's injury",
    "medical_assistance_offered": "Medical assistance offered",
    "outcomes": "Outcome",
    "supervising_officer": "Supervising custody officer",
    "restraint_started_at": "Restraint started",
    "restraint_ended_at": "Restraint ended",
    "cctv_reference": "CCTV reference",
    "clothing_removed": "Clothing removed",
    "clothing_removed_reason": "Why clothing was removed",
    "health_check_at": "Health care examination",
    "health_check_refused": "Examination refused",
    "juvenile": "Juvenile",
    "appropriate_adult_present": "Appropriate adult present",
    "account": "Account",
}
"""Short names for each answer on a summary list."""


@dataclass(frozen=True)
class Row:
    field: str
    key: str
    value: str | list[str]
    target: str
    """Where a link to change this answer lands."""

    @property
    def listed(self) -> bool:
        return isinstance(self.value, list)


@dataclass(frozen=True)
class Summary:
    section: type[Section]
    rows: list[Row]

    @property
    def slug(self) -> str:
        return self.section.slug

    @property
    def title(self) -> str:
        return self.section.title

    @property
    def heading(self) -> str:
        return self.section.heading or self.section.title


def words(field: str, value: Any) -> str | list[str]:
    """An answer as people read it: labels for codes, UK local time, yes or no."""
    if value is None or value == "" or value == []:
        return NOT_ANSWERED
    labels = LABELS.get(field, {})
    if isinstance(value, list):
        return [labels.get(v, v) for v in value]
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return localtime.full(value)
    return labels.get(value, str(value))


def summary(answers: ReportData) -> list[Summary]:
    """Every page the report asks, with its answers in words."""
    return [
        Summary(
            s, [Row(n, KEYS[n], words(n, getattr(answers, n)), anchor(n)) for n in s.base_fields]
        )
        for s in sections_for(answers)
    ]


@dataclass(frozen=True)
class Change:
    key: str
    before: str
    after: str


def _flat(value: str | list[str]) -> str:
    return "; ".join(value) if isinstance(value, list) else value


def changes(before: ReportData, after: ReportData) -> list[Change]:
    """What one version of a report changed from the one before, in report order."""
    return [
        Change(KEYS[n], _flat(words(n, old)), _flat(words(n, new)))
        for s in SECTIONS
        for n in s.base_fields
        if (old := getattr(before, n)) != (new := getattr(after, n))
    ]
