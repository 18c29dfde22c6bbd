"""QA dashboard, sample pages and the checklist of a sampled record.

The dashboard and a sample's page show record numbers and strata, never names; the checklist
page shows the record itself, so it reads it through ``access.record_for`` (the read is logged,
purpose "dip sample"). Answers are recorded once, after a check of the answers, by someone in
a QA audit role; they are read-only afterwards.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bridewell.accounts import access
from bridewell.accounts.roles import QA_AUDIT, QA_OVERSIGHT
from bridewell.custody import event_forms
from bridewell.custody.models import CustodyRecord, Suite
from bridewell.rules import catalogue, localtime
from bridewell.rules.localtime import LONDON
from bridewell.sampling import checklist, figures, rollup, samples, sampling
from bridewell.sampling.models import Answer, DisputeDecision, Sample, SampledRecord
from bridewell.web import clock
from bridewell.web.forms import Radios

RECENT_MONTHS: Final = 3
PURPOSE: Final = "dip sample"
REGIMES: Final = {
    "pace": "PACE",
    "mha_s136": "Mental Health Act s.136",
    "tact": "Terrorism Act 2000",
}


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _audits(request: HttpRequest) -> bool:
    return bool(access.roles(request.user) & QA_AUDIT)


def _recent_months(now: dt.datetime, n: int = RECENT_MONTHS) -> list[str]:
    local = now.astimezone(LONDON)
    year, month = local.year, local.month
    months = []
    for _ in range(n):
        months.append(f"{year}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


def _month_label(month: str) -> str:
    year, number = (int(p) for p in month.split("-"))
    return localtime.month_name(year, number)


def _month_table(
    month: str, suites: list[Suite], rolled: dict[rollup.Key, rollup.Cell]
) -> dict[str, Any]:
    """One month's pass rates: a row per checklist item, a column per suite and one for all."""
    cells = [rolled.get((month, s.code)) for s in suites] + [rolled.get((month, None))]
    keys = [r.key for r in figures.rates(cells[-1])]
    return {
        "label": _month_label(month),
        "columns": [s.name for s in suites] + ["All your suites"],
        "coverage": cells,
        "rows": [
            (checklist.item_title(k), [c.items.get(k) if c else None for c in cells]) for k in keys
        ],
    }


@access.role_required(*QA_OVERSIGHT)
def dashboard(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    now = clock.now()
    mine = list(access.suites(user))
    due_week = sampling.previous_week(sampling.week_of(now))
    drawn = {
        s.suite_id: s
        for s in figures.with_progress(Sample.objects.filter(suite__in=mine, week=due_week))
    }
    due = [(suite, drawn.get(suite.pk)) for suite in mine]
    overdue = [
        s
        for s in figures.with_progress(Sample.objects.filter(suite__in=mine, due_at__lt=now))
        if s.n_done < s.n_records  # type: ignore[attr-defined]
    ]
    months = _recent_months(now)
    rolled = figures.cells(mine, months)
    return render(
        request,
        "sampling/dashboard.html",
        {
            "now": now,
            "due_week": due_week,
            "due_week_label": sampling.week_label(due_week),
            "due": due,
            "may_draw": _audits(request) and any(s is None for _, s in due),
            "overdue": overdue,
            "tables": [_month_table(month, mine, rolled) for month in months],
            "disputes": figures.disputes(mine, months),
            "months_label": f"{_month_label(months[-1])} to {_month_label(months[0])}",
            "size": samples.size(),
        },
    )


@require_POST
@access.role_required(*QA_AUDIT)
def draw(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    now = clock.now()
    week = sampling.previous_week(sampling.week_of(now))
    made = [s for s in access.suites(user) if samples.draw(s, week, now, user)[1]]
    if made:
        names = ", ".join(s.name for s in made)
        messages.success(request, f"Samples drawn for {sampling.week_label(week)}: {names}")
    else:
        messages.info(request, "This week's samples had already been drawn")
    return redirect("dip-dashboard")


def _sample(request: HttpRequest, pk: int) -> Sample:
    try:
        return figures.with_progress(
            Sample.objects.filter(suite__in=access.suites(request.user))
        ).get(pk=pk)
    except Sample.DoesNotExist:
        raise Http404("no such sample") from None


@access.role_required(*QA_OVERSIGHT)
def sample_page(request: HttpRequest, pk: int) -> HttpResponse:
    sample = _sample(request, pk)
    rows = list(sample.records.select_related("record", "completed_by__staff").order_by("position"))
    access.log_listed(request, f"dip-sample-{sample.pk}", [r.record_id for r in rows], PURPOSE)
    return render(
        request,
        "sampling/sample.html",
        {
            "sample": sample,
            "week_label": sampling.week_label(sample.week),
            "rows": [
                {
                    "sampled": r,
                    "strata": [sampling.STRATA[s] for s in r.strata],
                    "reason": sampling.STRATA.get(r.reason, "At random"),
                    "by": figures.auditor(r.completed_by),
                }
                for r in rows
            ],
            "now": clock.now(),
            "audits": _audits(request),
            "strata": sampling.STRATA,
        },
    )


def _field(key: str) -> str:
    return key.replace(":", "-")


def _invalid(item: checklist.Item) -> str:
    """The checklist's own words for an answer the item does not offer."""
    return checklist.problems([item], {item.key: checklist.Answer(checklist.NOT_APPLICABLE)}).get(
        item.key, f"Select one of the answers offered for ‘{item.title}’"
    )


class ChecklistForm(forms.Form):
    """One radio question and one note per checklist item, built from the record's checklist.

    The note is asked for on every item and required only for a dispute or "does not meet";
    that is checked here on the server, so the page needs no script.
    """

    def __init__(self, data: Any, items: list[checklist.Item]) -> None:
        super().__init__(data)
        self.items = items
        for item in items:
            self.fields[_field(item.key)] = forms.ChoiceField(
                label=item.title,
                help_text=item.question,
                choices=[(c, checklist.ANSWER_LABELS[c]) for c in item.choices],
                widget=Radios,
                required=False,
                error_messages={"invalid_choice": _invalid(item)},
            )
            self.fields[_field(item.key) + "-note"] = forms.CharField(
                label=(
                    f"Reason for disputing ‘{item.title}’"
                    if item.kind == "engine"
                    else f"Note on ‘{item.title}’"
                ),
                help_text=(
                    "Needed if you dispute: which finding is wrong and why, or what was missed"
                    if item.kind == "engine"
                    else "Needed if it does not meet the standard: say what is missing"
                ),
                widget=forms.Textarea,
                required=False,
                max_length=2000,
            )

    def answers(self) -> dict[str, checklist.Answer]:
        data = self.cleaned_data
        return {
            item.key: checklist.Answer(
                data.get(_field(item.key)) or "", data.get(_field(item.key) + "-note") or ""
            )
            for item in self.items
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            for key, message in checklist.problems(self.items, self.answers()).items():
                item = next(i for i in self.items if i.key == key)
                answer = data.get(_field(key))
                where = _field(key) + ("-note" if answer == item.reason_needed_for else "")
                self.add_error(where, message)
        return data

    def sections(self) -> list[dict[str, Any]]:
        return [
            {"item": i, "answer": self[_field(i.key)], "note": self[_field(i.key) + "-note"]}
            for i in self.items
        ]


def _draft_key(sampled: SampledRecord) -> str:
    return f"dip-draft-{sampled.pk}"


def _load(
    request: HttpRequest, pk: int, record_id: str
) -> tuple[Sample, SampledRecord, CustodyRecord, samples.Prepared]:
    sample = _sample(request, pk)
    try:
        sampled = sample.records.select_related("completed_by__staff").get(
            record__record_id=record_id
        )
    except SampledRecord.DoesNotExist:
        raise Http404("that record is not in this sample") from None
    custody = access.record_for(request, record_id, purpose=PURPOSE)
    return sample, sampled, custody, samples.prepare(custody, clock.now())


def _facts(custody: CustodyRecord, prepared: samples.Prepared, names: bool) -> dict[str, Any]:
    offences = {o.ref: o.title for o in prepared.record.offences or []}
    return {
        "custody": custody,
        "detainee": custody.person.display_name if names else custody.person.person_id,
        "regime": REGIMES.get(custody.regime, custody.regime),
        "time_in_custody": (
            localtime.duration(custody.ended_at - custody.arrived_at)
            if custody.ended_at and custody.arrived_at
            else ""
        ),
        "timeline": [
            (e.at, event_forms.describe(e, offences), e.id)
            for e in sorted(prepared.record.events, key=lambda e: e.at)
        ],
        "findings": [(f, catalogue.rule(f.rule)) for f in prepared.assessment.findings],
    }


@access.role_required(*QA_OVERSIGHT)
def checklist_page(request: HttpRequest, pk: int, record_id: str) -> HttpResponse:
    sample, sampled, custody, prepared = _load(request, pk, record_id)
    form_url = reverse("dip-checklist", args=[sample.pk, record_id])
    answered = []
    if sampled.completed_at is not None:
        answered = list(sampled.answers.all())
    form = None
    own = samples.took_part(_user(request), prepared.record)
    if sampled.completed_at is None and _audits(request) and not own:
        if request.method == "POST":
            form = ChecklistForm(request.POST, prepared.items)
            if form.is_valid():
                request.session[_draft_key(sampled)] = {
                    k: [a.value, a.note] for k, a in form.answers().items()
                }
                return redirect("dip-check", sample.pk, record_id)
        else:
            # Coming back from "check your answers": the draft fills the form in again.
            draft = request.session.get(_draft_key(sampled))
            data = None
            if draft:
                data = {}
                for key, (value, note) in draft.items():
                    data[_field(key)] = value
                    data[_field(key) + "-note"] = note
            form = ChecklistForm(data, prepared.items)
            if data is not None:
                form.is_valid()
    elif request.method == "POST":
        raise PermissionDenied(
            "only a QA auditor who took no part in the record may answer, and only once"
        )
    return render(
        request,
        "sampling/checklist.html",
        {
            "sample": sample,
            "sampled": sampled,
            "form": form,
            "form_url": form_url,
            "answered": [
                {
                    "answer": a,
                    "title": checklist.item_title(a.item),
                    "value": checklist.answer_text(a.kind, a.value, bool(a.rules)),
                }
                for a in answered
            ],
            "completed_by": figures.auditor(sampled.completed_by),
            "took_part": own and sampled.completed_at is None and _audits(request),
            "strata": [sampling.STRATA[s] for s in sampled.strata],
            **_facts(custody, prepared, access.sees_names(request.user)),
        },
    )


@access.role_required(*QA_AUDIT)
def check_page(request: HttpRequest, pk: int, record_id: str) -> HttpResponse:
    sample, sampled, custody, prepared = _load(request, pk, record_id)
    form_url = reverse("dip-checklist", args=[sample.pk, record_id])
    if sampled.completed_at is not None:
        return redirect(form_url)
    draft = request.session.get(_draft_key(sampled)) or {}
    answers = {k: checklist.Answer(v, n) for k, (v, n) in draft.items()}
    if not draft or checklist.problems(prepared.items, answers):
        messages.warning(request, "Answer every item of the checklist first")
        return redirect(form_url)
    if request.method == "POST":
        try:
            samples.record_answers(sampled, prepared, answers, _user(request), clock.now())
        except samples.AlreadyAnswered:
            messages.warning(request, "Someone else recorded this checklist first")
        except samples.TookPart:
            raise PermissionDenied(
                "you took part in this record: another auditor checks it"
            ) from None
        else:
            messages.success(request, f"Checklist recorded for {record_id}")
        request.session.pop(_draft_key(sampled), None)
        return redirect("dip-sample", sample.pk)
    return render(
        request,
        "sampling/check.html",
        {
            "sample": sample,
            "custody": custody,
            "form_url": form_url,
            "rows": [
                {
                    "item": item,
                    "field": _field(item.key),
                    "value": checklist.answer_text(
                        item.kind, answers[item.key].value, bool(item.findings)
                    ),
                    "note": answers[item.key].note.strip(),
                    "wanted": answers[item.key].value == item.reason_needed_for,
                }
                for item in prepared.items
            ],
        },
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What is your decision?",
        choices=DisputeDecision.Outcome.choices,
        widget=Radios,
        error_messages={"required": "Select whether this is a rule defect or the engine was right"},
    )
    reason = forms.CharField(
        label="Why?",
        help_text="What you checked: the record's entries, the rule's source, the rules team.",
        widget=forms.Textarea,
        error_messages={"required": "Explain your decision"},
    )


@access.role_required(*QA_OVERSIGHT)
def dispute_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Decide a disputed finding: a rule defect for the rules team, or the engine upheld."""
    user = _user(request)
    try:
        answer = Answer.objects.select_related(
            "sampled__sample__suite", "sampled__record", "answered_by__staff"
        ).get(pk=pk, value=checklist.DISPUTE, sampled__sample__suite__in=access.suites(user))
    except Answer.DoesNotExist:
        raise Http404("no such dispute") from None
    decided = DisputeDecision.objects.filter(answer=answer).select_related("decided_by__staff")
    decision = decided.first()
    own = answer.answered_by_id == user.pk
    form = DecisionForm(request.POST or None) if decision is None and not own else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("decided already, or disputed by you")
        if form.is_valid():
            try:
                samples.decide_dispute(
                    answer, form.cleaned_data["outcome"], form.cleaned_data["reason"], user,
                    clock.now(),
                )  # fmt: skip
            except samples.AlreadyDecided:
                messages.warning(request, "Someone else decided this dispute first")
            else:
                messages.success(request, f"Dispute on {answer.sampled.record.record_id} decided")
            return redirect(reverse("dip-dashboard") + "#disputes")
    return render(
        request,
        "sampling/dispute.html",
        {
            "answer": answer,
            "title": checklist.item_title(answer.item),
            "auditor": figures.auditor(answer.answered_by),
            "decision": decision,
            "decided_by": figures.auditor(decision.decided_by) if decision else "",
            "own": own,
            "form": form,
            "checklist_url": reverse(
                "dip-checklist", args=[answer.sampled.sample_id, answer.sampled.record.record_id]
            ),
        },
    )
