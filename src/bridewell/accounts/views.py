"""The access log search: who read which custody record, when and why (DPA 2018 s.62).

Custody managers answer questions such as "who has looked at this record?" or "what did this
officer open last week?" from here. The log is scoped to the manager's own suites, and reading
it is not itself a read of any custody record, so it writes nothing to the log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bridewell.accounts.access import role_required, suites
from bridewell.accounts.models import AccessLog
from bridewell.accounts.roles import SEARCH_ACCESS_LOG
from bridewell.rules.localtime import LONDON
from bridewell.web.forms import UkDateField, UkDateWidget

PAGE_SIZE: Final = 50


def _search_day(what: str, label: str, help_text: str) -> UkDateField:
    """An optional day to search from or to; its boxes keep the names ``_0`` to ``_2``."""
    return UkDateField(
        what=what,
        label=label,
        help_text=help_text,
        required=False,
        widget=UkDateWidget(names=("0", "1", "2")),
    )


class AccessLogSearch(forms.Form):
    who = forms.CharField(
        required=False,
        label="Who read the record",
        help_text="Username, staff number or name",
        max_length=150,
    )
    record = forms.CharField(
        required=False,
        label="Custody record number",
        help_text="For example, NORTHGATE-2026-000123",
    )
    date_from = _search_day("the ‘from’ date", "From", "For example, 27 3 2026")
    date_to = _search_day("the ‘to’ date", "To", "Reads on this day are included")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("date_from"), data.get("date_to")
        if since and until and until < since:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
        return data


def _midnight(day: dt.date) -> dt.datetime:
    """The start of a UK calendar day (midnight always exists in Europe/London)."""
    return dt.datetime.combine(day, dt.time(), tzinfo=LONDON)


def search(reads: QuerySet[AccessLog], wanted: dict[str, Any]) -> QuerySet[AccessLog]:
    """The log entries matching a valid search; blank fields do not narrow it."""
    who = (wanted.get("who") or "").strip()
    if who:
        by_name = Q()
        for word in who.split():
            by_name &= Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word)
        reads = reads.filter(
            Q(user__username__iexact=who) | Q(user__staff__staff_id__iexact=who) | by_name
        )
    record = (wanted.get("record") or "").strip()
    if record:
        reads = reads.filter(record__record_id__iexact=record)
    if wanted.get("date_from"):
        reads = reads.filter(at__gte=_midnight(wanted["date_from"]))
    if wanted.get("date_to"):
        reads = reads.filter(at__lt=_midnight(wanted["date_to"] + dt.timedelta(days=1)))
    return reads


@role_required(*SEARCH_ACCESS_LOG)
def access_log(request: HttpRequest) -> HttpResponse:
    form = AccessLogSearch(request.GET or None)
    reads = (
        AccessLog.objects.filter(record__suite__in=suites(request.user))
        .select_related("user", "user__staff", "record", "record__suite")
        .order_by("-at", "-pk")
    )
    if form.is_bound:
        reads = search(reads, form.cleaned_data) if form.is_valid() else reads.none()
    paginator = Paginator(reads, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/access_log.html",
        {
            "form": form,
            "page": page,
            "pages": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "searched": form.is_bound and any(form.data.get(k) for k in form.data if k != "page"),
        },
    )
