"""Officers' use-of-force reports: what they owe, the report pages, submission and edits.

Any member of staff writes their own reports; nobody else sees a draft, and another officer's
report is a 404 (so references cannot be probed). A submitted report is also open to the
reviewers of its incident's suite, and to a reviewer nominated for the incident, and their
view of it is a consultation of the custody record, so it is logged like one.

The pages follow the Ministry of Justice use-of-force service: a task list of short pages
that each save the draft, check your answers, then submit. Validation is the report's own
(:func:`bridewell.force.report.problems`, through ``force.reports``): a draft is refused only
what contradicts itself, a submission anything missing. A submitted report changes only on one
page holding every answer and a reason, so each version is whole and explained.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST

from bridewell.accounts import access
from bridewell.accounts.models import AccessLog
from bridewell.accounts.roles import FORCE_REVIEW
from bridewell.force import codes, incidents, reminders, reports
from bridewell.force import report_forms as rf
from bridewell.force.models import Incident, Report
from bridewell.force.report import Problem, ReportData, ReportInvalid, decode, problems
from bridewell.web import clock

READ_PURPOSE = "review a use of force report"
LINK_PURPOSE = "link a use of force report"

any_staff = access.role_required()


def _user(request: HttpRequest) -> User:
    """The signed-in member of staff (an account without a staff number writes no reports)."""
    user = request.user
    assert isinstance(user, User)
    try:
        reports.staff_id(user)
    except reports.NotYours:
        raise PermissionDenied("this account has no staff number") from None
    return user


def _reports() -> QuerySet[Report]:
    return Report.objects.select_related("incident__suite", "incident__record", "officer")


def _own(request: HttpRequest, ref: str) -> Report:
    """The signed-in officer's own report; anyone else's is not found."""
    return get_object_or_404(_reports(), report_ref=ref, officer=_user(request))


def _readable(request: HttpRequest, ref: str) -> Report:
    """The officer's own report, or a submitted one its incident's reviewers may read (logged)."""
    user = _user(request)
    target: Report | None = _reports().filter(report_ref=ref).first()
    if target is None:
        raise Http404("no such report")
    if target.officer_id == user.pk:
        return target
    incident = target.incident
    if not target.submitted:
        raise Http404("no such report")
    if (
        access.roles(user) & FORCE_REVIEW
        and incident.suite_id is not None
        and access.suites(user).filter(pk=incident.suite_id).exists()
    ):
        if incident.record is not None:
            access.record_for(request, incident.record.record_id, READ_PURPOSE)
        return target
    if incident.reviewer_id == user.pk:
        if incident.record is not None:
            AccessLog.objects.create(
                user=user,
                record=incident.record,
                purpose=READ_PURPOSE,
                view=request.resolver_match.view_name if request.resolver_match else request.path,
            )
        return target
    raise Http404("no such report")


def _errors(
    pages: Sequence[rf.Placing], elsewhere: Sequence[tuple[str, str]] = ()
) -> list[tuple[str, str]]:
    """The error summary: each error on these pages linked to its field, then the rest."""
    found = [(str(error), "") for page in pages for error in page.non_field_errors()]
    for page in pages:
        for field in page:
            found += [(str(error), f"#{field.id_for_label}") for error in field.errors]
    return found + list(elsewhere)


def _section_url(target: Report, section: type[rf.Section], *query: str) -> str:
    url = reverse("force-section", args=[target.report_ref, section.slug])
    return f"{url}?{'&'.join(query)}" if query else url


def _links(target: Report, found: Iterable[Problem], *query: str) -> list[tuple[str, str]]:
    """Problems with answers on other pages, each linked to the field on its page."""
    links = []
    for problem in found:
        section = rf.section_of(problem.field)
        url = (
            f"{_section_url(target, section, *query)}#{rf.anchor(problem.field)}"
            if section
            else reverse("force-report", args=[target.report_ref])
        )
        links.append((problem.message, url))
    return links


# Your reports


@any_staff
def mine(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    incidents.sync()
    now = clock.now()
    owed = reports.owed(user)
    listed = {o.draft.pk for o in owed if o.draft}
    own = list(reports.mine(user).select_related("incident__suite"))
    return render(
        request,
        "force/officer/mine.html",
        {
            "now": now,
            "owed": [
                {
                    "incident": o.incident,
                    "draft": o.draft,
                    "tactics": [codes.TACTICS.get(t, t) for t in o.incident.tactics],
                    "due_at": reminders.due_at(o.incident.occurred_at),
                }
                for o in owed
            ],
            "drafts": [r for r in own if not r.submitted and r.pk not in listed],
            "submitted": sorted(
                (r for r in own if r.submitted), key=lambda r: r.occurred_at, reverse=True
            ),
            "due_hours": reminders.due_hours(),
        },
    )


@any_staff
@require_POST
def start(request: HttpRequest, incident_ref: str) -> HttpResponse:
    """Start (or go back to) the officer's report on a use of force the custody record shows."""
    user = _user(request)
    incident = get_object_or_404(Incident, incident_ref=incident_ref)
    try:
        draft = reports.start(user, incident, clock.now())
    except reports.NotYours:
        raise Http404("the custody record does not name you") from None
    return redirect("force-report", draft.report_ref)


@any_staff
def start_unlinked(request: HttpRequest) -> HttpResponse:
    """Report force the custody record does not show: it opens an incident of its own."""
    user = _user(request)
    now = clock.now()
    form = rf.StartForm(request.POST if request.method == "POST" else None, now=now)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["record"].strip()
        record = None
        if number:
            try:
                record = access.record_for(request, number, LINK_PURPOSE)
            except Http404:
                form.add_error(
                    "record", "There is no custody record with that number in your suites"
                )
        if not form.errors:
            draft = reports.start_unlinked(user, form.cleaned_data["occurred_at"], now, record)
            return redirect("force-report", draft.report_ref)
    return render(request, "force/officer/start.html", {"form": form, "errors": _errors([form])})


@any_staff
def join(request: HttpRequest) -> HttpResponse:
    """Report on an incident another officer started, by its reference."""
    user = _user(request)
    form = rf.JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = reports.join(user, form.cleaned_data["incident_ref"], clock.now())
        except ReportInvalid as exc:
            form.place(exc.problems)
        except reports.NotYours:
            form.add_error(
                "incident_ref",
                "The custody record does not name you for this use of force: if you were "
                "involved, ask the custody officer to correct the record",
            )
        else:
            return redirect("force-report", draft.report_ref)
    return render(request, "force/officer/join.html", {"form": form, "errors": _errors([form])})


# One report


def _context(target: Report, **more: Any) -> dict[str, Any]:
    return {"report": target, "incident": target.incident, **more}


@any_staff
def report(request: HttpRequest, ref: str) -> HttpResponse:
    """A draft's task list for its officer; a submitted report with its history."""
    target = _readable(request, ref)
    answers = target.answers
    if not target.submitted:
        gaps = problems(answers, submitting=True, now=clock.now())
        tasks = [
            (s, _section_url(target, s), rf.status(s, gaps, answers))
            for s in rf.sections_for(answers)
        ]
        return render(
            request,
            "force/officer/tasks.html",
            _context(target, tasks=tasks, done=sum(t[2] == "Completed" for t in tasks)),
        )
    revisions = list(target.revisions.select_related("by__staff"))
    history = []
    before: ReportData | None = None
    for revision in revisions:
        data = decode(revision.data)
        history.append((revision, rf.changes(before, data) if before else []))
        before = data
    return render(
        request,
        "force/officer/report.html",
        _context(
            target,
            summary=rf.summary(answers),
            history=history[::-1],
            mine=target.officer_id == request.user.pk,
        ),
    )


@any_staff
def section(request: HttpRequest, ref: str, slug: str) -> HttpResponse:
    """One page of a draft: save it, then go on to the next page (or back to check)."""
    user = _user(request)
    target = _own(request, ref)
    if target.submitted:
        return redirect("force-edit", ref)
    answers = target.answers
    kind = rf.BY_SLUG.get(slug)
    if kind is None:
        raise Http404("no such page")
    asked = rf.sections_for(answers)
    if kind not in asked:
        return redirect("force-report", ref)
    fixing = "fix" in request.GET
    back_to_check = fixing or "change" in request.GET
    now = clock.now()
    page = kind(request.POST if request.method == "POST" else None, answers=answers)
    elsewhere: list[Problem] = []
    if request.method == "POST" and page.is_valid():
        updated = rf.compose(answers, [page])
        try:
            reports.save_draft(target, user, updated, now)
        except ReportInvalid as exc:
            elsewhere = page.place(exc.problems)
        else:
            return redirect(_onward(request, target, kind, updated, back_to_check))
    elif request.method != "POST" and fixing:
        page.place(problems(answers, submitting=True, now=now))
    query = ["change=1"] if back_to_check else []
    return render(
        request,
        "force/officer/section.html",
        _context(
            target,
            page=page,
            errors=_errors([page], _links(target, elsewhere, *query)),
            back=reverse("force-check" if back_to_check else "force-report", args=[ref]),
            number=asked.index(kind) + 1,
            of=len(asked),
        ),
    )


def _onward(
    request: HttpRequest,
    target: Report,
    kind: type[rf.Section],
    answers: ReportData,
    back_to_check: bool,
) -> str:
    ref = target.report_ref
    if "later" in request.POST:
        return reverse("force-report", args=[ref])
    asked = rf.sections_for(answers)
    after = asked[asked.index(kind) + 1 :] if kind in asked else []
    if back_to_check or not after:
        return reverse("force-check", args=[ref])
    return _section_url(target, after[0])


@any_staff
def check(request: HttpRequest, ref: str) -> HttpResponse:
    """Check your answers, then submit; what stops submission links to the page to fix it."""
    user = _user(request)
    target = _own(request, ref)
    if target.submitted:
        return redirect("force-report", ref)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        try:
            reports.submit(target, user, clock.now())
        except ReportInvalid as exc:
            errors = _links(target, exc.problems, "fix=1")
        else:
            messages.success(request, f"Report {ref} submitted")
            return redirect("force-report", ref)
    return render(
        request,
        "force/officer/check.html",
        _context(target, summary=rf.summary(target.answers), errors=errors),
    )


@any_staff
def edit(request: HttpRequest, ref: str) -> HttpResponse:
    """Change a submitted report: every answer on one page, and why, kept as a new version."""
    user = _user(request)
    target = _own(request, ref)
    if not target.submitted:
        return redirect("force-report", ref)
    answers = target.answers
    data = request.POST if request.method == "POST" else None
    pages = [kind(data, answers=answers) for kind in rf.SECTIONS]
    reason = rf.ReasonForm(data)
    elsewhere: list[tuple[str, str]] = []
    if request.method == "POST" and all([p.is_valid() for p in pages] + [reason.is_valid()]):
        changed = rf.compose(answers, pages)
        try:
            reports.edit(target, user, changed, reason.cleaned_data["reason"], clock.now())
        except ReportInvalid as exc:
            left = list(exc.problems)
            for form in [*pages, reason]:
                left = form.place(left)
            elsewhere = [(p.message, "") for p in left]
        else:
            messages.success(request, f"Report {ref} changed: this is version {target.version}")
            return redirect("force-report", ref)
    return render(
        request,
        "force/officer/edit.html",
        _context(target, pages=pages, reason=reason, errors=_errors([*pages, reason], elsewhere)),
    )


urlpatterns: list[URLPattern] = [
    path("", mine, name="force-mine"),
    path("incidents/<str:incident_ref>/report/", start, name="force-start"),
    path("reports/new/", start_unlinked, name="force-start-unlinked"),
    path("reports/join/", join, name="force-join"),
    path("reports/<str:ref>/", report, name="force-report"),
    path("reports/<str:ref>/check/", check, name="force-check"),
    path("reports/<str:ref>/edit/", edit, name="force-edit"),
    path("reports/<str:ref>/<slug:slug>/", section, name="force-section"),
]
