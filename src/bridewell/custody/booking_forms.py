"""The booking-in journey's forms: one per page, GOV.UK error messages, UK local times.

The forms check what a person can get wrong on one page (a missing answer, an arrest after
arrival); the record as a whole is validated again by the format's model when it is opened.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from bridewell.custody import booking
from bridewell.web.forms import Checkboxes, Radios, UkDateField, UkDateTimeField

YES_NO = [(True, "Yes"), (False, "No")]
FUTURE_SLACK = dt.timedelta(minutes=1)


def yes_no(label: str, error: str, help_text: str = "") -> forms.TypedChoiceField:
    """A required yes-or-no question as radios, cleaned to a bool."""
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda v: v == "True",
        empty_value=None,
        widget=Radios,
        error_messages={"required": error},
    )


def radios(label: str, choices: Iterable[tuple[Any, str]], error: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=list(choices),
        widget=Radios,
        error_messages={"required": error},
    )


def when(label: str, error: str, help_text: str = "") -> UkDateTimeField:
    return UkDateTimeField(
        label=label,
        help_text=help_text,
        error_messages={"required": error},
    )


def birth_date_field(help_text: str) -> UkDateField:
    """An optional date of birth, for finding a person or adding a new one."""
    return UkDateField(
        what="the date of birth",
        example="27 3 1990",
        label="Date of birth",
        required=False,
        help_text=help_text,
    )


def _not_future(value: dt.datetime | None, now: dt.datetime, what: str) -> None:
    if value is not None and value > now + FUTURE_SLACK:
        raise ValidationError(f"The {what} cannot be in the future")


class ArrestForm(forms.Form):
    arrived_at = when(
        "When did they arrive at the station?",
        "Enter the date and time they arrived",
        "Arrival within the station precincts, not when booking in starts (Code C 2.1A)",
    )
    place = radios(
        "Where were they arrested?", booking.PLACES.items(), "Select where they were arrested"
    )
    voluntary_attendance = forms.BooleanField(
        required=False,
        label="They came to the station voluntarily and were arrested here",
    )
    arrested_at = when("When were they arrested?", "Enter the date and time of arrest")

    def __init__(self, *args: Any, now: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.now = now

    def clean_arrived_at(self) -> dt.datetime | None:
        value: dt.datetime | None = self.cleaned_data.get("arrived_at")
        _not_future(value, self.now, "arrival time")
        return value

    def clean_arrested_at(self) -> dt.datetime | None:
        value: dt.datetime | None = self.cleaned_data.get("arrested_at")
        _not_future(value, self.now, "arrest time")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        arrived, arrested, place = (data.get(k) for k in ("arrived_at", "arrested_at", "place"))
        if data.get("voluntary_attendance") and place == "elsewhere":
            self.add_error("place", "Someone who came voluntarily is arrested at the station")
        elif arrived and arrested and place == "elsewhere" and arrested > arrived:
            self.add_error("arrested_at", "The arrest must be before they arrived at the station")
        elif arrived and arrested and place == "at_station" and arrested < arrived:
            self.add_error("arrested_at", "An arrest at the station must be after they arrived")
        return data

    def answer(self) -> booking.Arrest:
        d = self.cleaned_data
        return booking.Arrest(
            arrived_at=d["arrived_at"],
            place=d["place"],
            voluntary_attendance=d["voluntary_attendance"],
            arrested_at=d["arrested_at"],
        )


class OffenceForm(forms.Form):
    title = forms.CharField(
        label="Offence",
        max_length=200,
        required=False,
        help_text="For example: Burglary (dwelling), Assault by beating",
    )
    mode_of_trial = forms.ChoiceField(
        label="Mode of trial",
        choices=list(booking.MODES_OF_TRIAL.items()),
        widget=Radios,
        required=False,
    )

    def __init__(self, *args: Any, empty: str | None, **kwargs: Any) -> None:
        """``empty``: the error for a blank form, when an offence must be entered now."""
        super().__init__(*args, **kwargs)
        self.empty = empty

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        title, mode = data.get("title", "").strip(), data.get("mode_of_trial")
        if not title and not mode:
            if self.empty:
                self.add_error("title", self.empty)
            return data
        if not title:
            self.add_error("title", "Enter the offence")
        if not mode:
            self.add_error("mode_of_trial", "Select the mode of trial")
        data["title"] = title
        return data

    def answer(self) -> booking.OffenceAnswer | None:
        d = self.cleaned_data
        if not d.get("title"):
            return None
        return booking.OffenceAnswer(title=d["title"], mode_of_trial=d["mode_of_trial"])


class SearchForm(forms.Form):
    name = forms.CharField(
        label="Name", required=False, max_length=100, help_text="Surname, forenames or an alias"
    )
    born = birth_date_field(help_text="For example, 27 3 1990")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["name"] = data.get("name", "").strip()
        if not data["name"] and not data.get("born") and not self.errors:
            self.add_error("name", "Enter a name or a date of birth to search for")
        return data


def _birth_date_check(value: dt.date | None, today: dt.date) -> None:
    if value is not None and value > today:
        raise ValidationError("The date of birth must be in the past")


class NewPersonForm(forms.Form):
    surname = forms.CharField(
        label="Surname",
        max_length=100,
        help_text="As they give it. If they will not say, enter Unknown",
        error_messages={"required": "Enter their surname, or Unknown"},
    )
    forenames = forms.CharField(label="Forenames", max_length=100, required=False)
    birth_date = birth_date_field(
        help_text="For example, 27 3 1990. Leave it blank if not known: "
        "you will be asked how old they seem",
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_birth_date(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("birth_date")
        _birth_date_check(value, self.today)
        return value

    def answer(self) -> booking.PersonAnswer:
        d = self.cleaned_data
        return booking.PersonAnswer(
            surname=d["surname"].strip(),
            forenames=d["forenames"].strip(),
            birth_date=d["birth_date"],
        )


NATIONALITY = re.compile(r"^[A-Z]{2}$")


class DetailsForm(forms.Form):
    apparent_age = forms.IntegerField(
        label="How old do they seem?",
        min_value=0,
        max_value=130,
        help_text="In years. Their date of birth is not known",
        error_messages={"required": "Enter how old they seem, in years"},
    )
    sex = radios("Sex", booking.SEXES.items(), "Select their sex, or prefer not to say")
    ethnicity_self = forms.ChoiceField(
        label="How do they describe their ethnic group?",
        choices=[("", "Select their answer"), *booking.ETHNICITY_SELF.items()],
        help_text="Ask them: this is their own description (2021 census categories)",
        error_messages={"required": "Select their answer, or prefer not to say"},
    )
    ethnicity_officer = radios(
        "Your view of their ethnic appearance",
        booking.ETHNICITY_OFFICER.items(),
        "Select your view of their ethnic appearance, or not recorded",
    )
    language = forms.CharField(
        label="What language do they prefer to speak?",
        required=False,
        max_length=50,
        help_text="For example English, Polish, British Sign Language",
    )
    needs_interpreter = yes_no(
        "Do they need an interpreter?", "Select yes if they need an interpreter"
    )
    nationality = forms.CharField(
        label="Nationality",
        required=False,
        help_text="Two-letter country code, for example GB, PL, RO. Leave it blank if not known",
    )

    def __init__(self, *args: Any, age_needed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not age_needed:
            del self.fields["apparent_age"]

    def clean_nationality(self) -> str | None:
        value = self.cleaned_data.get("nationality", "").strip().upper()
        if value and not NATIONALITY.match(value):
            raise ValidationError("Enter a two-letter country code, like GB")
        return value or None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["language"] = data.get("language", "").strip() or None
        if data.get("needs_interpreter") and not data["language"]:
            self.add_error("language", "Enter the language the interpreter must speak")
        return data

    def answer(self) -> booking.Details:
        d = self.cleaned_data
        return booking.Details(
            apparent_age=d.get("apparent_age"),
            sex=d["sex"],
            ethnicity_self=d["ethnicity_self"],
            ethnicity_officer=d["ethnicity_officer"],
            language=d["language"],
            needs_interpreter=d["needs_interpreter"],
            nationality=d["nationality"],
        )


class RiskForm(forms.Form):
    """The initial risk assessment: a yes or no for every question, with details."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for q in booking.QUESTIONS:
            self.fields[q.key] = yes_no(q.text, f"Select yes or no: {q.short}", q.hint)
            self.fields[f"{q.key}_details"] = forms.CharField(
                label="Details, if yes",
                required=False,
                max_length=1000,
                widget=forms.Textarea,
            )

    def topics(self) -> list[tuple[str, list[tuple[forms.BoundField, forms.BoundField]]]]:
        return [
            (t.title, [(self[q.key], self[f"{q.key}_details"]) for q in t.questions])
            for t in booking.RISK_TOPICS
        ]

    def answer(self) -> dict[str, booking.Answer]:
        d = self.cleaned_data
        return {
            q.key: booking.Answer(yes=d[q.key], details=d[f"{q.key}_details"].strip())
            for q in booking.QUESTIONS
        }

    @staticmethod
    def initial_from(answers: Mapping[str, booking.Answer] | None) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for key, a in (answers or {}).items():
            initial[key], initial[f"{key}_details"] = a.yes, a.details
        return initial


class ObservationForm(forms.Form):
    level = forms.TypedChoiceField(
        label="Observation level",
        choices=[(n, label) for n, (label, _) in booking.LEVELS.items()],
        coerce=int,
        widget=Radios,
        error_messages={"required": "Select the observation level"},
    )
    reason = forms.CharField(
        label="Reason for this level",
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": "Enter the reason for this observation level"},
    )

    def answer(self) -> booking.Observation:
        return booking.Observation(
            level=self.cleaned_data["level"], reason=self.cleaned_data["reason"].strip()
        )


NO_CELL = "none"


class CellForm(forms.Form):
    cell = forms.ChoiceField(
        label="Which cell?",
        widget=Radios,
        error_messages={"required": "Select a cell, or not allocated yet"},
    )

    def __init__(self, *args: Any, cells: Iterable[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.names = dict(cells)
        field = self.fields["cell"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            *((str(pk), name) for pk, name in self.names.items()),
            (NO_CELL, "Not allocated yet"),
        ]

    def answer(self) -> booking.CellAnswer:
        chosen = self.cleaned_data["cell"]
        if chosen == NO_CELL:
            return booking.CellAnswer()
        return booking.CellAnswer(pk=int(chosen), name=self.names[int(chosen)])


class DetentionForm(forms.Form):
    authorised = yes_no(
        "Do you authorise their detention?", "Select yes if you authorise detention"
    )
    grounds = forms.ChoiceField(
        label="If you authorise it: the grounds",
        choices=list(booking.GROUNDS.items()),
        widget=Radios,
        required=False,
        help_text="PACE s.37",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("authorised") and not data.get("grounds"):
            self.add_error("grounds", "Select the grounds for detention")
        return data

    def answer(self) -> booking.Detention:
        d = self.cleaned_data
        return booking.Detention(
            authorised=d["authorised"], grounds=d["grounds"] if d["authorised"] else None
        )


class ReleaseForm(forms.Form):
    outcome = radios("Outcome", booking.OUTCOMES.items(), "Select the outcome")
    prra = yes_no(
        "Have you completed a pre-release risk assessment with them?",
        "Select yes if you completed a pre-release risk assessment",
    )

    def answer(self) -> booking.Release:
        return booking.Release(outcome=self.cleaned_data["outcome"], prra=self.cleaned_data["prra"])


class RightsForm(forms.Form):
    given = yes_no(
        "Have you given them their rights and entitlements?",
        "Select yes if you have given them their rights",
        "Code C 3.1 and 3.2: told them of their rights and given them the written notice",
    )
    not_given_reason = forms.CharField(
        label="Why have they not been given yet?",
        required=False,
        max_length=500,
        widget=forms.Textarea,
        help_text="For example: too intoxicated to understand; to be given when fit",
    )
    requested = forms.MultipleChoiceField(
        label="Which rights do they want?",
        required=False,
        choices=list(booking.RIGHTS.items()),
        widget=Checkboxes,
        help_text="Select all that apply",
    )
    aa_present = forms.BooleanField(
        required=False, label="An appropriate adult was there when the rights were given"
    )
    interpreter_present = forms.BooleanField(
        required=False, label="An interpreter was there when the rights were given"
    )
    aa_requested = yes_no(
        "Have you asked for an appropriate adult?",
        "Select yes if you have asked for an appropriate adult",
    )
    interpreter_requested = yes_no(
        "Have you asked for an interpreter?", "Select yes if you have asked for an interpreter"
    )

    def __init__(
        self, *args: Any, needs_aa: bool, needs_interpreter: bool, consular: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not needs_aa:
            del self.fields["aa_requested"], self.fields["aa_present"]
        if not needs_interpreter:
            del self.fields["interpreter_requested"], self.fields["interpreter_present"]
        if not consular:
            field = self.fields["requested"]
            assert isinstance(field, forms.MultipleChoiceField)
            field.choices = [(k, v) for k, v in booking.RIGHTS.items() if k != "consular"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = data.get("given")
        if given is False and not data.get("not_given_reason", "").strip():
            self.add_error("not_given_reason", "Enter why their rights have not been given yet")
        for who, label in (("aa", "an appropriate adult"), ("interpreter", "an interpreter")):
            if given and data.get(f"{who}_present") and data.get(f"{who}_requested") is False:
                self.add_error(f"{who}_requested", f"{label.capitalize()} was there, so select yes")
        return data

    def answer(self) -> booking.Rights:
        d = self.cleaned_data
        given = bool(d["given"])
        return booking.Rights(
            given=given,
            not_given_reason="" if given else d["not_given_reason"].strip(),
            requested=list(d["requested"]) if given else [],
            aa_requested=d.get("aa_requested"),
            aa_present=given and bool(d.get("aa_present")),
            interpreter_requested=d.get("interpreter_requested"),
            interpreter_present=given and bool(d.get("interpreter_present")),
        )
