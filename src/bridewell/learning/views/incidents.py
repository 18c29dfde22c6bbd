"""The incident register, one incident, its decision, review, IOPC referral and learning actions.

The register lists incidents by reference, type and custody record number, never by detainee,
so it is not a read of anyone's custody record; the incident page shows who was detained and the
entries behind the incident, so it reads the record through ``access.record_for`` and the read
is logged. Anyone in ``QA_OVERSIGHT`` works on incidents of their suites; custody managers close
incidents and learning actions.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST

from bridewell.accounts import access
from bridewell.accounts.roles import QA_OVERSIGHT
from bridewell.custody.event_forms import describe
from bridewell.custody.models import CustodyRecord
from bridewell.custody.records import rules_record
from bridewell.learning import incidents
from bridewell.learning.ageing import ageing, past_due
from bridewell.learning.candidates import KINDS
from bridewell.learning.evidence import Refused
from bridewell.learning.forms import (
    ActionForm,
    CloseForm,
    DecideForm,
    EvidenceForm,
    IncidentForm,
    ReferralForm,
    ReviewForm,
)
from bridewell.learning.models import Incident, LearningAction
from bridewell.learning.views.common import (
    closes,
    evidence_form,
    evidence_rows,
    owners,
    user_of,
)
from bridewell.rules import model as m
from bridewell.web import clock

Status = Incident.Status


def _incident(request: HttpRequest, pk: int) -> Incident:
    found = incidents.visible(user_of(request)).filter(pk=pk).first()
    if found is None:
        raise Http404("no such incident")
    return found


@access.role_required(*QA_OVERSIGHT)
def register(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    now = clock.now()
    days = incidents.review_days()
    mine = list(access.suites(user))
    chosen = {
        "status": request.GET.get("status", ""),
        "kind": request.GET.get("kind", ""),
        "suite": request.GET.get("suite", ""),
    }
    found = incidents.visible(user)
    if chosen["status"] in Status.values:
        found = found.filter(status=chosen["status"])
    if chosen["kind"] in dict(KINDS):
        found = found.filter(kind=chosen["kind"])
    if chosen["suite"] in {s.code for s in mine}:
        found = found.filter(suite__code=chosen["suite"])
    rows = [(i, ageing(i.occurred_at, i.status, now, days)) for i in found]
    return render(
        request,
        "learning/incidents/register.html",
        {
            "rows": [{"incident": i, "age": age} for i, age in rows],
            "overdue": sum(age.review_overdue for _, age in rows),
            "days": days,
            "chosen": chosen,
            "statuses": Status.choices,
            "kinds": KINDS,
            "suites": mine,
            "filtered": any(chosen.values()),
        },
    )


def _all_entries(stored: CustodyRecord) -> list[m.EventBase]:
    """Every entry of the record, with the replacements that corrections bring in."""
    events: list[m.EventBase] = []
    for event in rules_record(stored).events:
        events.append(event)
        if isinstance(event, m.Correction):
            events.append(event.replacement)
    return events


def _entry_ids(stored: CustodyRecord) -> set[str]:
    return {e.id for e in _all_entries(stored)}


def _entries(stored: CustodyRecord, ids: list[str]) -> list[dict[str, Any]]:
    """The record's entries that show the incident, including corrections' replacements."""
    wanted = set(ids)
    events = _all_entries(stored)
    return [
        {"id": e.id, "at": e.at, "text": describe(e)}
        for e in sorted(events, key=lambda e: e.at)
        if e.id in wanted
    ]


@access.role_required(*QA_OVERSIGHT)
def incident_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    incident = _incident(request, pk)
    stored = access.record_for(
        request, incident.record.record_id, purpose=f"incident register: {incident.ref}"
    )
    now = clock.now()
    days = incidents.review_days()
    actions = list(incident.actions.select_related("owner"))
    referrals = list(incident.referrals.select_related("by"))
    return render(
        request,
        "learning/incidents/incident.html",
        {
            "incident": incident,
            "stored": stored,
            "entries": _entries(stored, incident.event_ids),
            "age": ageing(incident.occurred_at, incident.status, now, days),
            "days": days,
            "actions": [
                {"action": a, "overdue": past_due(a.due, a.status == "done", now)} for a in actions
            ],
            "must_refer": incident.kind in incidents.MUST_REFER,
            "referrals": referrals,
            "referral": referrals[-1] if referrals else None,
            "closing_problems": incidents.closing_problems(incident),
            "may_close": closes(user),
            "now": now,
        },
    )


@access.role_required(*QA_OVERSIGHT)
def new_incident(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        stored = CustodyRecord.objects.filter(
            record_id=data["record_id"].strip(), suite__in=access.suites(user)
        ).first()
        named = data["event_ids"].split()
        if stored is None:
            form.add_error("record_id", "Enter the number of a custody record in your suites")
        elif unknown := [i for i in named if i not in _entry_ids(stored)]:
            form.add_error("event_ids", f"The record has no entry {', '.join(unknown)}")
        else:
            made = incidents.record(
                custody_record=stored,
                kind=data["kind"],
                occurred_at=data["occurred_at"],
                summary=data["summary"].strip(),
                event_ids=named,
                by=user,
                now=clock.now(),
            )
            messages.success(request, f"Incident {made.ref} recorded")
            return redirect("learning-incident", made.pk)
    return render(request, "learning/incidents/new.html", {"form": form})


def _step(
    request: HttpRequest,
    incident: Incident,
    form: Any,
    template: str,
    act: Any,
    done: str,
    heading: str,
    button: str = "Save",
) -> HttpResponse:
    """A one-form step on an incident: show the form, or do ``act`` and go back to the page."""
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data)
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, done)
            return redirect("learning-incident", incident.pk)
    context = {"form": form, "incident": incident, "heading": heading, "button": button}
    return render(request, template, context)


@access.role_required(*QA_OVERSIGHT)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    if incident.status != Status.CANDIDATE:
        return redirect("learning-incident", incident.pk)
    user, now = user_of(request), clock.now()
    initial = {"kind": incident.kind, "summary": incident.summary}
    form = DecideForm(request.POST or None, initial=initial)

    def act(data: dict[str, Any]) -> None:
        if data["decision"] == "confirm":
            incidents.confirm(
                incident, kind=data["kind"], summary=data["summary"].strip(), by=user, now=now
            )
        else:
            incidents.reject(incident, reason=data["reason"], by=user, now=now)

    template = "learning/incidents/decide.html"
    return _step(request, incident, form, template, act, "Decision recorded", "Confirm or reject")


@access.role_required(*QA_OVERSIGHT)
def review(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    user, now = user_of(request), clock.now()
    form = ReviewForm(request.POST or None)
    return _step(
        request,
        incident,
        form,
        "learning/incidents/review.html",
        lambda d: incidents.review(incident, findings=d["findings"], by=user, now=now),
        "Review recorded",
        "Record the review",
    )


@access.role_required(*QA_OVERSIGHT)
def referral(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    user, now = user_of(request), clock.now()
    latest = incident.referral
    initial = (
        {}
        if latest is None
        else {
            "referred": "yes" if latest.referred else "no",
            "referred_on": latest.referred_on,
            "reference": latest.iopc_reference,
            "mode": latest.iopc_mode,
            "reason": latest.reason,
        }
    )
    form = ReferralForm(
        request.POST or None, initial=initial, must_refer=incident.kind in incidents.MUST_REFER
    )

    def act(data: dict[str, Any]) -> None:
        incidents.refer(
            incident,
            referred=data["referred"] == "yes",
            referred_on=data.get("referred_on"),
            reference=data.get("reference") or "",
            mode=data.get("mode") or "",
            reason=data.get("reason") or "",
            by=user,
            now=now,
        )

    template = "learning/incidents/referral.html"
    done, heading = "IOPC referral recorded", "Referral to the IOPC"
    return _step(request, incident, form, template, act, done, heading)


@access.role_required("custody_manager")
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    try:
        incidents.close(incident, by=user_of(request), now=clock.now())
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"Incident {incident.ref} closed")
    return redirect("learning-incident", incident.pk)


# Learning actions


def _action(request: HttpRequest, pk: int) -> LearningAction:
    found = (
        LearningAction.objects.filter(pk=pk, incident__suite__in=access.suites(user_of(request)))
        .select_related("incident", "owner", "closed_by")
        .first()
    )
    if found is None:
        raise Http404("no such action")
    return found


@access.role_required(*QA_OVERSIGHT)
def new_action(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    user, now = user_of(request), clock.now()
    form = ActionForm(request.POST or None, staff=owners(user))

    def act(data: dict[str, Any]) -> None:
        incidents.add_action(
            incident,
            description=data["description"],
            owner=form.owner_user(),
            due=data["due"],
            by=user,
            now=now,
        )

    template = "learning/actions/new.html"
    done, heading = "Learning action added", "Add a learning action"
    return _step(request, incident, form, template, act, done, heading, "Add the action")


def _action_page(
    request: HttpRequest,
    action: LearningAction,
    evidence_form: EvidenceForm,
    close_form: CloseForm,
) -> HttpResponse:
    user = user_of(request)
    return render(
        request,
        "learning/actions/action.html",
        {
            "action": action,
            "evidence": evidence_rows(action.evidence.all()),
            "overdue": past_due(action.due, action.status == "done", clock.now()),
            "evidence_form": evidence_form,
            "close_form": close_form,
            "may_close": closes(user),
        },
    )


@access.role_required(*QA_OVERSIGHT)
def action_page(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    return _action_page(request, action, evidence_form(request), CloseForm())


@access.role_required(*QA_OVERSIGHT)
@require_POST
def start_action(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    try:
        incidents.start_action(action)
    except Refused as refused:
        messages.error(request, str(refused))
    return redirect("learning-action", action.pk)


@access.role_required(*QA_OVERSIGHT)
@require_POST
def action_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    form = evidence_form(request, request.POST)
    if form.is_valid():
        try:
            incidents.add_action_evidence(
                action, by=user_of(request), now=clock.now(), **form.link()
            )
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Evidence added")
            return redirect(reverse("learning-action", args=[action.pk]) + "#evidence")
    return _action_page(request, action, form, CloseForm())


@access.role_required("custody_manager")
@require_POST
def close_action(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            incidents.close_action(
                action, note=form.cleaned_data["note"], by=user_of(request), now=clock.now()
            )
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Learning action {action.ref} closed")
            return redirect("learning-action", action.pk)
    return _action_page(request, action, evidence_form(request), form)


urlpatterns: list[URLPattern] = [
    path("incidents/", register, name="learning-incidents"),
    path("incidents/new/", new_incident, name="learning-incident-new"),
    path("incidents/<int:pk>/", incident_page, name="learning-incident"),
    path("incidents/<int:pk>/decide/", decide, name="learning-incident-decide"),
    path("incidents/<int:pk>/review/", review, name="learning-incident-review"),
    path("incidents/<int:pk>/referral/", referral, name="learning-incident-referral"),
    path("incidents/<int:pk>/close/", close, name="learning-incident-close"),
    path("incidents/<int:pk>/actions/new/", new_action, name="learning-action-new"),
    path("actions/<int:pk>/", action_page, name="learning-action"),
    path("actions/<int:pk>/start/", start_action, name="learning-action-start"),
    path("actions/<int:pk>/evidence/", action_evidence, name="learning-action-evidence"),
    path("actions/<int:pk>/close/", close_action, name="learning-action-close"),
]
