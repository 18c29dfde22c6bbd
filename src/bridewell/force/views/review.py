"""Supervisory review of custody uses of force, and reconciliation with officers' reports.

The queue and the reconciliation name incidents, custody record numbers and officers, never
detainees, so they are not reads of anyone's custody record; the incident page shows the
detainee and what the record says, so it reads the record through ``access.record_for`` and the
read is logged. A review is recorded once, after a check of the answers, and is read-only after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any, Final

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST

from bridewell.accounts import access
from bridewell.accounts.models import StaffProfile
from bridewell.accounts.roles import FORCE_REVIEW
from bridewell.custody.event_forms import actor_text, value_label
from bridewell.custody.models import Suite
from bridewell.force import codes, incidents, reconcile, reconciliation, reviews
from bridewell.force.models import Incident, Review
from bridewell.force.reconcile import Period
from bridewell.rules import localtime
from bridewell.rules.localtime import LONDON
from bridewell.rules.model import Actor
from bridewell.web import clock
from bridewell.web.forms import Checkboxes, Radios, UkDateField, UkDateTimeField

MONTHS_OFFERED: Final = 36
YES_NO: Final = [("yes", "Yes"), ("no", "No")]


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _staff_names(ids: Iterable[str]) -> dict[str, str]:
    """``Name (staff number)`` for each staff number known."""
    found = StaffProfile.objects.filter(staff_id__in=set(ids)).select_related("user")
    return {
        p.staff_id: f"{p.user.get_full_name() or p.user.username} ({p.staff_id})" for p in found
    }


def person_text(user: User | None) -> str:
    if user is None:
        return ""
    try:
        number = f" ({user.staff.staff_id})"
    except StaffProfile.DoesNotExist:
        number = ""
    return f"{user.get_full_name() or user.username}{number}"


# Reconciliation


def _months(now: dt.datetime) -> list[tuple[str, str]]:
    local = now.astimezone(LONDON)
    year, month = local.year, local.month
    offered = []
    for _ in range(MONTHS_OFFERED):
        offered.append((f"{year}-{month:02d}", Period.month(year, month).label))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return offered


class PeriodForm(forms.Form):
    month = forms.ChoiceField(label="Month", required=False)
    date_from = UkDateField(
        what="the ‘from’ date",
        label="From",
        help_text="For example, 3 11 2026",
        required=False,
    )
    date_to = UkDateField(
        what="the ‘to’ date",
        label="To",
        help_text="Uses of force on this day are included",
        required=False,
    )
    suite = forms.MultipleChoiceField(
        label="Suites", required=False, widget=Checkboxes, help_text="Leave empty for all"
    )

    def __init__(self, data: Any, *, now: dt.datetime, suites: list[Suite]) -> None:
        super().__init__(data)
        self.now = now
        month, suite = self.fields["month"], self.fields["suite"]
        assert isinstance(month, forms.ChoiceField)
        assert isinstance(suite, forms.ChoiceField)
        month.choices = _months(now)
        suite.choices = [(s.code, s.name) for s in suites]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("date_from"), data.get("date_to")
        if first and not last:
            self.add_error("date_to", "Enter the ‘to’ date as well, or leave both dates empty")
        elif last and not first:
            self.add_error("date_from", "Enter the ‘from’ date as well, or leave both dates empty")
        elif first and last and last < first:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
        return data

    def period(self) -> Period:
        data = self.cleaned_data
        if data.get("date_from") and data.get("date_to"):
            return Period.days(data["date_from"], data["date_to"] + dt.timedelta(days=1))
        if data.get("month"):
            year, month = (int(p) for p in data["month"].split("-"))
            return Period.month(year, month)
        return Period.month_of(self.now)


@access.role_required(*FORCE_REVIEW)
def reconciliation_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    now = clock.now()
    mine = list(access.suites(user))
    form = PeriodForm(request.GET or None, now=now, suites=mine)
    result = None
    if mine and (not form.is_bound or form.is_valid()):
        period = form.period() if form.is_bound else Period.month_of(now)
        wanted = set(form.cleaned_data.get("suite") or ()) if form.is_bound else set()
        chosen = [s for s in mine if not wanted or s.code in wanted]
        result = reconciliation.run(period, chosen, now)
    return render(
        request,
        "force/review/reconciliation.html",
        {"form": form, "result": result, "rows": _rows(result) if result else {}, "suites": mine},
    )


def _rows(result: reconcile.Reconciliation) -> dict[str, list[dict[str, Any]]]:
    """The lists of the page, with officers' names and words for codes."""
    names = _staff_names(
        [o.staff_id for i in result.incidents for o in i.officers]
        + [m.report.staff_id for m in result.custody_reports]
        + [r.staff_id for r in result.reports_without_restraint_end]
    )

    def officer(o: reconcile.OfficerCheck) -> dict[str, Any]:
        return {"check": o, "name": names.get(o.staff_id, o.staff_id)}

    def report(r: reconcile.HeldReport) -> dict[str, Any]:
        return {"report": r, "name": names.get(r.staff_id, r.staff_id)}

    return {
        "incidents": [
            {"incident": i, "officers": [officer(o) for o in i.officers]} for i in result.incidents
        ],
        "outstanding": [{"incident": i, **officer(o)} for i, o in result.outstanding],
        "elsewhere": [{"incident": i, **officer(o)} for i, o in result.forms_elsewhere],
        "unmatched": [{"reason": m.reason, **report(m.report)} for m in result.unmatched],
        "restraints": [
            {"restraint": r, "kind": value_label(r.kind)} for r in result.open_restraints
        ],
        "unended": [report(r) for r in result.reports_without_restraint_end],
    }


# The review queue


@access.role_required()
def queue(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if (
        not access.roles(user) & FORCE_REVIEW
        and not Incident.objects.filter(reviewer=user).exists()
    ):
        raise PermissionDenied("your role does not review uses of force")
    incidents.sync()
    now = clock.now()
    return render(
        request,
        "force/review/queue.html",
        {
            "waiting": reviews.waiting(user, now),
            "done": reviews.recently_reviewed(user, now),
            "days": reviews.SERVICE_LEVEL.days,
            "recent_days": reviews.RECENT.days,
            "several_suites": access.suites(user).count() > 1,
            "now": now,
        },
    )


# One incident


def _incident(request: HttpRequest, ref: str) -> Incident:
    """A custody incident the user may see for review: 404 for any other."""
    incidents.sync()
    user = _user(request)
    found = (
        Incident.objects.filter(
            Q(suite__in=access.suites(user)) | Q(reviewer=user), record__isnull=False
        )
        .select_related("suite", "record", "event", "reviewer", "person")
        .filter(incident_ref=ref)
        .first()
    )
    if found is None:
        raise Http404("no such incident")
    if not access.roles(user) & FORCE_REVIEW and found.reviewer_id != user.pk:
        raise PermissionDenied("your role does not review uses of force")
    return found


class StaffChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return person_text(obj)


class NominateForm(forms.Form):
    reviewer = StaffChoice(
        queryset=User.objects.none(),
        label="Nominate a reviewer",
        help_text="Any member of the suite's staff who did not use or supervise the force",
        empty_label="Choose a member of staff",
        error_messages={"required": "Choose who will review this use of force"},
    )

    def __init__(self, *args: Any, incident: Incident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reviewer"]
        assert isinstance(field, StaffChoice)
        field.queryset = reviews.candidates(incident)


def _restraints(incident: Incident, now: dt.datetime) -> list[dict[str, Any]]:
    """Restraint the custody record shows within 2 hours of the force, with how long it was on."""
    assert incident.record is not None
    applied, removed = reconciliation.record_restraints(incident.record, now)
    shown = []
    for restraint, end in reconcile.restraint_ends(applied, removed):
        if abs(restraint.at - incident.occurred_at) <= reconcile.WINDOW:
            shown.append(
                {
                    "kind": value_label(restraint.kind),
                    "at": restraint.at,
                    "end": end,
                    "duration": localtime.duration(end - restraint.at) if end else "",
                    "in_custody": restraint.in_custody,
                }
            )
    return shown


def _entry(incident: Incident, names: dict[str, str]) -> dict[str, Any] | None:
    entry = reviews.force_entry(incident)
    if entry is None:
        return None
    payload = entry.payload
    by = payload.get("by")
    return {
        "at": dt.datetime.fromisoformat(payload["at"]),
        "officers": [names.get(o, o) for o in dict.fromkeys(payload["officers"])],
        "tactics": [codes.TACTICS.get(t, t) for t in payload["tactics"]],
        "reasons": [codes.REASONS.get(r, r) for r in payload.get("reason", [])],
        "by": actor_text(Actor(**by)) if by else "",
        "corrections": [
            {"at": c.at, "reason": c.payload["reason"], "by": actor_text(Actor(**c.payload["by"]))}
            for c in entry.corrections
        ],
    }


def _incident_page(
    request: HttpRequest, incident: Incident, nominate_form: NominateForm | None = None
) -> HttpResponse:
    user = _user(request)
    assert incident.record is not None
    record = access.record_for(request, incident.record.record_id, purpose="use of force review")
    now = clock.now()
    check = reconciliation.incident_check(incident)
    names = _staff_names([o.staff_id for o in check.officers] + [incident.supervising_officer])
    review = (
        Review.objects.filter(incident=incident)
        .select_related("reviewer__staff", "cctv_reviewed_by__staff")
        .first()
    )
    may_nominate = reviews.may_nominate(user, incident)
    if nominate_form is None and may_nominate:
        nominate_form = NominateForm(incident=incident, initial={"reviewer": incident.reviewer_id})
    return render(
        request,
        "force/review/incident.html",
        {
            "incident": incident,
            "record": record,
            "who": record.person.display_name
            if access.sees_names(user)
            else record.person.person_id,
            "entry": _entry(incident, names),
            "check": check,
            "officers": [
                {"check": o, "name": names.get(o.staff_id, o.staff_id)} for o in check.officers
            ],
            "supervisor": names.get(incident.supervising_officer, incident.supervising_officer),
            "restraints": _restraints(incident, now),
            "review": review,
            "review_by": person_text(review.reviewer) if review else "",
            "cctv_by": person_text(review.cctv_reviewed_by) if review else "",
            "why_not": reviews.why_not_review(user, incident),
            "may_nominate": may_nominate and review is None,
            "nominate_form": nominate_form,
            "reviewer": person_text(incident.reviewer),
            "days": reviews.SERVICE_LEVEL.days,
            "age": (now - incident.occurred_at).days,
            "now": now,
        },
    )


@access.role_required()
def incident_page(request: HttpRequest, ref: str) -> HttpResponse:
    return _incident_page(request, _incident(request, ref))


@require_POST
@access.role_required()
def nominate(request: HttpRequest, ref: str) -> HttpResponse:
    incident = _incident(request, ref)
    user = _user(request)
    if not reviews.may_nominate(user, incident):
        raise PermissionDenied("only a custody manager of the suite nominates a reviewer")
    form = NominateForm(request.POST, incident=incident)
    if not form.is_valid():
        return _incident_page(request, incident, form)
    try:
        reviews.nominate(incident, form.cleaned_data["reviewer"], user, clock.now())
    except reviews.AlreadyReviewed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{person_text(incident.reviewer)} is nominated to review it")
    return redirect("force-incident", incident.incident_ref)


# Recording the review


class ReviewForm(forms.Form):
    cctv_reviewed = forms.ChoiceField(
        label="Has the CCTV of this use of force been reviewed?",
        choices=YES_NO,
        widget=Radios,
        required=False,
    )
    cctv_reference = forms.CharField(
        label="CCTV reference",
        help_text="If yes: the reference of the footage reviewed",
        max_length=64,
        required=False,
    )
    cctv_reviewed_by = forms.CharField(
        label="Staff number of who reviewed the CCTV",
        help_text="If yes: yours unless someone else watched it",
        max_length=32,
        required=False,
    )
    cctv_reviewed_at = UkDateTimeField(
        label="When the CCTV was reviewed",
        help_text="If yes: for example, 27 3 2026 and 14:05",
        required=False,
    )
    cctv_not_reviewed_reason = forms.CharField(
        label="Why has the CCTV not been reviewed?",
        help_text="If no: for example, the camera was not working, or the footage was not kept",
        widget=forms.Textarea,
        required=False,
    )
    outcome = forms.ChoiceField(
        label="Outcome of the review",
        choices=list(Review.OUTCOMES.items()),
        widget=Radios,
        required=False,
    )
    reasons = forms.CharField(
        label="Reasons for the outcome",
        help_text="What you saw in the reports, the record and the CCTV, and why you decided this",
        widget=forms.Textarea,
        required=False,
    )

    def answers(self) -> reviews.Answers:
        data = self.cleaned_data
        reviewed = {"yes": True, "no": False}.get(data.get("cctv_reviewed") or "")
        return reviews.Answers(
            cctv_reviewed=reviewed,
            cctv_reference=data.get("cctv_reference") or "",
            cctv_reviewed_by=data.get("cctv_reviewed_by") or "",
            cctv_reviewed_at=data.get("cctv_reviewed_at"),
            cctv_not_reviewed_reason=data.get("cctv_not_reviewed_reason") or "",
            outcome=data.get("outcome") or "",
            reasons=data.get("reasons") or "",
        )


def _session_key(incident: Incident) -> str:
    return f"force-review-{incident.pk}"


def _saved(request: HttpRequest, incident: Incident) -> reviews.Answers | None:
    kept = request.session.get(_session_key(incident))
    if kept is None:
        return None
    at = kept["cctv_reviewed_at"]
    return reviews.Answers(
        **{**kept, "cctv_reviewed_at": dt.datetime.fromisoformat(at) if at else None}
    )


def _keep(request: HttpRequest, incident: Incident, answers: reviews.Answers) -> None:
    at = answers.cctv_reviewed_at
    request.session[_session_key(incident)] = {
        **asdict(answers),
        "cctv_reviewed_at": at.isoformat() if at else None,
    }


def _initial(answers: reviews.Answers) -> dict[str, Any]:
    reviewed = answers.cctv_reviewed
    return {
        **asdict(answers),
        "cctv_reviewed": "" if reviewed is None else YES_NO[not reviewed][0],
    }


def _reviewable(request: HttpRequest, ref: str) -> Incident | HttpResponse:
    """The incident if the user may review it now; else where to send them."""
    incident = _incident(request, ref)
    user = _user(request)
    if hasattr(incident, "review"):
        messages.info(request, "This use of force has already been reviewed")
        return redirect("force-incident", incident.incident_ref)
    refusal = reviews.why_not_review(user, incident)
    if refusal:
        raise PermissionDenied(refusal)
    return incident


@access.role_required()
def review_form(request: HttpRequest, ref: str) -> HttpResponse:
    found = _reviewable(request, ref)
    if isinstance(found, HttpResponse):
        return found
    incident, user, now = found, _user(request), clock.now()
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            answers = form.answers()
            for problem in reviews.problems(answers, incident, now):
                form.add_error(problem.field, problem.message)
            if form.is_valid():
                _keep(request, incident, answers)
                return redirect("force-review-check", incident.incident_ref)
    else:
        answers = _saved(request, incident) or reviews.Answers(
            cctv_reviewed_by=access.profile(user).staff_id,
            cctv_reviewed_at=now.replace(second=0, microsecond=0),
        )
        form = ReviewForm(initial=_initial(answers))
    return render(request, "force/review/form.html", {"incident": incident, "form": form})


@access.role_required()
def review_check(request: HttpRequest, ref: str) -> HttpResponse:
    found = _reviewable(request, ref)
    if isinstance(found, HttpResponse):
        return found
    incident, user, now = found, _user(request), clock.now()
    answers = _saved(request, incident)
    if answers is None:
        return redirect("force-review", incident.incident_ref)
    if request.method == "POST":
        try:
            reviews.record(incident, user, answers, now)
        except reviews.ReviewInvalid as exc:
            messages.error(request, "; ".join(p.message for p in exc.problems))
            return redirect("force-review", incident.incident_ref)
        except reviews.AlreadyReviewed as exc:
            messages.error(request, str(exc))
        else:
            del request.session[_session_key(incident)]
            messages.success(request, "Review recorded")
        return redirect("force-incident", incident.incident_ref)
    cctv_by = reviews.reviewer_of_cctv(answers) if answers.cctv_reviewed else None
    return render(
        request,
        "force/review/check.html",
        {
            "incident": incident,
            "answers": answers,
            "cctv_by": person_text(cctv_by),
            "outcome": Review.OUTCOMES.get(answers.outcome, ""),
            "form_url": reverse("force-review", args=[incident.incident_ref]),
        },
    )


urlpatterns: list[URLPattern] = [
    path("reconciliation/", reconciliation_page, name="force-reconciliation"),
    path("review/", queue, name="force-review-queue"),
    path("incidents/<str:ref>/", incident_page, name="force-incident"),
    path("incidents/<str:ref>/nominate/", nominate, name="force-nominate"),
    path("incidents/<str:ref>/review/", review_form, name="force-review"),
    path("incidents/<str:ref>/review/check/", review_check, name="force-review-check"),
]
