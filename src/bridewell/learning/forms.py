"""Forms of the incident register and the recommendation tracker, with GOV.UK messages."""

from __future__ import annotations

from typing import Any, Final

from django import forms
from django.contrib.auth.models import User

from bridewell.custody.models import Suite
from bridewell.learning.candidates import KINDS
from bridewell.learning.evidence import MONTH
from bridewell.learning.models import Evidence, Incident, Recommendation
from bridewell.web.forms import Radios, UkDateField, UkDateTimeField

YES_NO: Final = [("yes", "Yes"), ("no", "No")]


def _text(label: str, message: str, **kw: Any) -> forms.CharField:
    return forms.CharField(label=label, error_messages={"required": message}, **kw)


def _area(label: str, message: str, **kw: Any) -> forms.CharField:
    return _text(label, message, widget=forms.Textarea, **kw)


def _radios(label: str, choices: Any, message: str, **kw: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=Radios,
        error_messages={"required": message},
        **kw,
    )


def staff_choices(users: list[User]) -> list[tuple[str, str]]:
    return [("", "Choose someone")] + [
        (str(u.pk), f"{u.get_full_name() or u.username} ({u.staff.staff_id})") for u in users
    ]


class IncidentForm(forms.Form):
    record_id = _text(
        "Custody record number",
        "Enter the custody record number",
        help_text="For example, NORTHGATE-2026-000123",
        max_length=64,
    )
    kind = _radios("Type of incident", KINDS, "Select the type of incident")
    occurred_at = UkDateTimeField(
        label="When did it happen?",
        help_text="For example, 27 3 2026 and 14:05",
        error_messages={"required": "Enter when it happened"},
    )
    summary = _area("What happened", "Enter what happened")
    event_ids = forms.CharField(
        label="Custody record entries that show it (optional)",
        required=False,
        help_text="Entry ids separated by spaces, for example e12 e14",
        max_length=500,
    )


class DecideForm(forms.Form):
    decision = _radios(
        "Is this an adverse incident or a near miss?",
        [("confirm", "Yes, confirm it"), ("reject", "No, reject it")],
        "Select whether to confirm or reject the candidate",
    )
    kind = _radios("Type of incident", KINDS, "Select the type of incident", required=False)
    summary = _area(
        "What happened",
        "Enter what happened",
        required=False,
        help_text="Change the proposed summary if it needs it",
    )
    reason = _area(
        "Why is it not an incident?",
        "Enter why this is not an incident",
        required=False,
        help_text="Needed when you reject it",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "confirm":
            if not data.get("kind"):
                self.add_error("kind", "Select the type of incident")
            if not (data.get("summary") or "").strip():
                self.add_error("summary", "Enter what happened")
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Enter why this is not an incident")
        return data


class ReviewForm(forms.Form):
    findings = _area(
        "Findings of the review",
        "Enter the findings of the review",
        help_text="What happened, whether the care was right, and what is to be learned",
    )


class ReferralForm(forms.Form):
    referred = _radios(
        "Was the incident referred to the IOPC?", YES_NO, "Select yes if it was referred"
    )
    referred_on = UkDateField(
        what="the date of the referral", label="Date referred", required=False
    )
    reference = forms.CharField(label="IOPC reference (optional)", required=False, max_length=64)
    mode = _radios(
        "IOPC decision on the mode of investigation",
        Incident.Mode.choices,
        "Select the IOPC decision",
        required=False,
    )
    reason = _area("Why was it not referred?", "Enter why it was not referred", required=False)

    def __init__(self, *args: Any, must_refer: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.must_refer = must_refer

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("referred") == "yes":
            if not data.get("referred_on") and "referred_on" not in self.errors:
                self.add_error("referred_on", "Enter the date of the referral")
            if not data.get("mode"):
                self.add_error("mode", "Select the IOPC decision, or that it is awaited")
        elif data.get("referred") == "no":
            if self.must_refer:
                self.add_error(
                    "referred",
                    "A death or serious injury after contact must be referred to the IOPC",
                )
            elif not (data.get("reason") or "").strip():
                self.add_error("reason", "Enter why it was not referred")
        return data


class ActionForm(forms.Form):
    description = _area("What is to be done", "Enter what is to be done")
    owner = forms.ChoiceField(label="Owner", error_messages={"required": "Choose the owner"})
    due = UkDateField(what="the due date", label="Due by")

    def __init__(self, *args: Any, staff: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff = {str(u.pk): u for u in staff}
        self.fields["owner"].choices = staff_choices(staff)  # type: ignore[attr-defined]

    def owner_user(self) -> User:
        return self.staff[self.cleaned_data["owner"]]


class EvidenceForm(forms.Form):
    kind = _radios("Kind of evidence", Evidence.Kind.choices, "Select the kind of evidence")
    kpi_id = forms.CharField(
        label="KPI id", required=False, max_length=16, help_text="For example, K-P1"
    )
    month = forms.CharField(
        label="Month", required=False, max_length=7, help_text="For example, 2026-10"
    )
    suite_code = forms.ChoiceField(label="Suite", required=False)
    qa_reference = forms.CharField(label="Dip sample reference", required=False, max_length=64)
    incident_ref = forms.CharField(
        label="Incident reference",
        required=False,
        max_length=16,
        help_text="For example, INC-00012",
    )
    title = forms.CharField(label="Document title", required=False, max_length=300)
    location = forms.CharField(
        label="URL or file reference",
        required=False,
        max_length=500,
        help_text="For example, https://intranet.example.police.uk/policy-12 or a file path",
    )

    def __init__(self, *args: Any, suites: list[Suite], incidents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.incidents = incidents
        self.fields["suite_code"].choices = [("", "Force-wide")] + [  # type: ignore[attr-defined]
            (s.code, s.name) for s in suites
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == Evidence.Kind.KPI:
            if not data.get("kpi_id"):
                self.add_error("kpi_id", "Enter the KPI, for example K-P1")
            if not MONTH.match(data.get("month") or ""):
                self.add_error("month", "Enter the month as year and month, for example 2026-10")
        elif kind == Evidence.Kind.QA and not data.get("qa_reference"):
            self.add_error("qa_reference", "Enter the dip sample reference")
        elif kind == Evidence.Kind.INCIDENT:
            ref = (data.get("incident_ref") or "").strip().upper().removeprefix("INC-")
            found = self.incidents.filter(pk=int(ref)).first() if ref.isdigit() else None
            if found is None:
                self.add_error("incident_ref", "Enter the reference of an incident you can see")
            data["incident"] = found
        elif kind == Evidence.Kind.DOCUMENT:
            if not data.get("title"):
                self.add_error("title", "Enter the document title")
            if not data.get("location"):
                self.add_error("location", "Enter the URL or file reference of the document")
        return data

    def link(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "kpi_id": data.get("kpi_id", "").strip().upper(),
            "month": data.get("month", "").strip(),
            "suite_code": data.get("suite_code", ""),
            "qa_reference": data.get("qa_reference", "").strip(),
            "incident": data.get("incident"),
            "title": data.get("title", "").strip(),
            "location": data.get("location", "").strip(),
        }


class CloseForm(forms.Form):
    note = _area("What was done", "Enter what was done", help_text="This is kept with the record")


class RecommendationForm(forms.Form):
    source_type = _radios(
        "Where does it come from?", Recommendation.Source.choices, "Select where it comes from"
    )
    category = _radios(
        "Is it a recommendation or an area for improvement?",
        Recommendation.Category.choices,
        "Select recommendation or area for improvement",
    )
    source_reference = _text(
        "Source reference",
        "Enter the source reference",
        max_length=300,
        help_text="Report title and paragraph, for example ‘Custody inspection 2026, para 4.12’",
    )
    text = _area("Text of the recommendation", "Enter the text of the recommendation")
    suite = forms.ChoiceField(label="Applies to", required=False)
    owner = forms.ChoiceField(label="Owner", error_messages={"required": "Choose the owner"})
    due = UkDateField(what="the due date", label="Due by")

    def __init__(self, *args: Any, suites: list[Suite], staff: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suites = {s.code: s for s in suites}
        self.staff = {str(u.pk): u for u in staff}
        self.fields["suite"].choices = [("", "The whole force")] + [  # type: ignore[attr-defined]
            (s.code, s.name) for s in suites
        ]
        self.fields["owner"].choices = staff_choices(staff)  # type: ignore[attr-defined]


class UpdateForm(forms.Form):
    status = _radios(
        "Status",
        [c for c in Recommendation.Status.choices if c[0] != Recommendation.Status.CLOSED],
        "Select the status",
    )
    owner = forms.ChoiceField(label="Owner", error_messages={"required": "Choose the owner"})
    due = UkDateField(what="the due date", label="Due by")
    note = _area("Note (optional)", "", required=False, help_text="What has been done, or why")

    def __init__(self, *args: Any, staff: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff = {str(u.pk): u for u in staff}
        self.fields["owner"].choices = staff_choices(staff)  # type: ignore[attr-defined]
