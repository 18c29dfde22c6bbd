"""The recommendation tracker: the list, one recommendation with its history and evidence,
updates, evidence links and closing (custody managers), with a check of the answers first.

Recommendations name no detainee, so nothing here reads a custody record.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST

from bridewell.accounts import access
from bridewell.accounts.roles import QA_OVERSIGHT
from bridewell.learning import evidence, recommendations
from bridewell.learning.ageing import past_due
from bridewell.learning.evidence import Refused
from bridewell.learning.forms import CloseForm, EvidenceForm, RecommendationForm, UpdateForm
from bridewell.learning.models import Recommendation
from bridewell.learning.views.common import (
    closes,
    evidence_form,
    evidence_rows,
    owners,
    user_of,
)
from bridewell.web import clock

Status = Recommendation.Status
FINISHED = {Status.DONE, Status.CLOSED}


def _recommendation(request: HttpRequest, pk: int) -> Recommendation:
    found = recommendations.visible(user_of(request)).filter(pk=pk).first()
    if found is None:
        raise Http404("no such recommendation")
    return found


def _overdue(rec: Recommendation) -> bool:
    return past_due(rec.due, rec.status in FINISHED, clock.now())


@access.role_required(*QA_OVERSIGHT)
def tracker(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    status = request.GET.get("status", "")
    found = recommendations.visible(user)
    if status in Status.values:
        found = found.filter(status=status)
    rows = [{"rec": r, "overdue": _overdue(r)} for r in found]
    return render(
        request,
        "learning/recommendations/tracker.html",
        {
            "rows": rows,
            "overdue": sum(r["overdue"] for r in rows),
            "status": status,
            "statuses": Status.choices,
        },
    )


@access.role_required(*QA_OVERSIGHT)
def new_recommendation(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = RecommendationForm(
        request.POST or None, suites=list(access.suites(user)), staff=owners(user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = recommendations.create(
            source_type=data["source_type"],
            category=data["category"],
            source_reference=data["source_reference"],
            text=data["text"],
            suite=form.suites.get(data["suite"] or ""),
            owner=form.staff[data["owner"]],
            due=data["due"],
            by=user,
            now=clock.now(),
        )
        messages.success(request, f"{made.ref} added to the tracker")
        return redirect("learning-recommendation", made.pk)
    return render(request, "learning/recommendations/new.html", {"form": form})


def _page(
    request: HttpRequest,
    rec: Recommendation,
    form: EvidenceForm | None = None,
) -> HttpResponse:
    user = user_of(request)
    return render(
        request,
        "learning/recommendations/recommendation.html",
        {
            "rec": rec,
            "overdue": _overdue(rec),
            "evidence": evidence_rows(rec.evidence.all()),
            "updates": list(rec.updates.select_related("by").order_by("-at", "-pk")),
            "evidence_form": form or evidence_form(request),
            "may_close": closes(user),
        },
    )


@access.role_required(*QA_OVERSIGHT)
def recommendation_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _recommendation(request, pk))


@access.role_required(*QA_OVERSIGHT)
def add_update(request: HttpRequest, pk: int) -> HttpResponse:
    rec = _recommendation(request, pk)
    if rec.status == Status.CLOSED:
        return redirect("learning-recommendation", rec.pk)
    user = user_of(request)
    staff = owners(user)
    initial = {"status": rec.status, "owner": str(rec.owner_id), "due": rec.due}
    form = UpdateForm(request.POST or None, initial=initial, staff=staff)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recommendations.update(
                rec,
                by=user,
                now=clock.now(),
                status=data["status"],
                owner=form.staff[data["owner"]],
                due=data["due"],
                note=data["note"],
            )
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Update recorded")
            return redirect("learning-recommendation", rec.pk)
    return render(request, "learning/recommendations/update.html", {"form": form, "rec": rec})


@access.role_required(*QA_OVERSIGHT)
@require_POST
def add_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    rec = _recommendation(request, pk)
    form = evidence_form(request, request.POST)
    if form.is_valid():
        try:
            recommendations.add_evidence(rec, by=user_of(request), now=clock.now(), **form.link())
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Evidence added")
            return redirect(reverse("learning-recommendation", args=[rec.pk]) + "#evidence")
    return _page(request, rec, form)


@access.role_required("custody_manager")
def close(request: HttpRequest, pk: int) -> HttpResponse:
    """Closing is checked first: the page shows the evidence it will be closed on."""
    rec = _recommendation(request, pk)
    if rec.status == Status.CLOSED:
        return redirect("learning-recommendation", rec.pk)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recommendations.close(
                rec, note=form.cleaned_data["note"], by=user_of(request), now=clock.now()
            )
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"{rec.ref} closed")
            return redirect("learning-recommendation", rec.pk)
    return render(
        request,
        "learning/recommendations/close.html",
        {
            "form": form,
            "rec": rec,
            "evidence": [evidence.link(e) for e in rec.evidence.select_related("incident")],
        },
    )


urlpatterns: list[URLPattern] = [
    path("recommendations/", tracker, name="learning-recommendations"),
    path("recommendations/new/", new_recommendation, name="learning-recommendation-new"),
    path("recommendations/<int:pk>/", recommendation_page, name="learning-recommendation"),
    path("recommendations/<int:pk>/update/", add_update, name="learning-recommendation-update"),
    path(
        "recommendations/<int:pk>/evidence/", add_evidence, name="learning-recommendation-evidence"
    ),
    path("recommendations/<int:pk>/close/", close, name="learning-recommendation-close"),
]
