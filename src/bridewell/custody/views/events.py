"""Recording events: a short form for every event type, one-click entries, corrections, cells.

Every entry goes through ``custody.records.append``, which validates it with the same model as
files and the API and refuses entries PACE does not allow the signed-in person to make; its
objections are shown on the form, never as a server error. An event's ``by`` is always the
signed-in user and ``recorded_at`` is the server's clock, so late entries are visible.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import msgspec
from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST

from bridewell.accounts import access
from bridewell.accounts.roles import RECORDS
from bridewell.custody import event_forms, records
from bridewell.custody.event_forms import EventForm, Setting, iso
from bridewell.custody.models import Cell, CustodyRecord
from bridewell.rules import localtime
from bridewell.rules import model as m
from bridewell.web import clock

RECORDERS = tuple(role for role, kinds in RECORDS.items() if kinds)
CORRECTORS = ("custody_officer", "inspector", "superintendent")
MOVERS = ("custody_officer", "detention_officer", "inspector", "superintendent")
"""Roles that move a detainee to another cell (an operational change, noted on the record)."""


class Quick(NamedTuple):
    event_type: str
    fields: dict[str, Any]
    text: str


QUICK: dict[str, Quick] = {
    "visit_not_roused": Quick("cell_visit", {}, "Cell visit: not roused"),
    "visit_responded": Quick(
        "cell_visit", {"roused": True, "response": "responded"}, "Cell visit: roused, responded"
    ),
    "visit_no_response": Quick(
        "cell_visit",
        {"roused": True, "response": "no_response"},
        "Cell visit: roused, no response",
    ),
    "meal_light": Quick("meal_offered", {"kind": "light"}, "Light meal offered"),
    "meal_main": Quick("meal_offered", {"kind": "main"}, "Main meal offered"),
    "drink": Quick("drink_offered", {}, "Drink offered"),
    "call_hcp": Quick("hcp_requested", {"reason": "No response when roused"}, "Health care called"),
    "call_ambulance": Quick(
        "ambulance_called", {"reason": "No response when roused"}, "Ambulance called"
    ),
}
"""One-click entries: the time is now and the signed-in user made them."""

ON_THE_PAGE = (
    "visit_not_roused",
    "visit_responded",
    "visit_no_response",
    "meal_light",
    "meal_main",
    "drink",
)
"""The one-click entries always shown on an open record (help calls appear after no response)."""


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _setting(request: HttpRequest, record: CustodyRecord) -> Setting:
    return Setting(
        actor=access.actor(_user(request)),
        now=clock.now(),
        station=record.suite.code,
        offences=[(o.ref, f"{o.ref} {o.title}") for o in record.offences.all()],
    )


def _record_url(record: CustodyRecord, anchor: str = "") -> str:
    url = reverse("record", args=[record.record_id])
    return f"{url}#{anchor}" if anchor else url


def _append(
    form: forms.Form,
    record: CustodyRecord,
    payload: dict[str, Any],
    request: HttpRequest,
    now: dt.datetime,
) -> str | None:
    """Append through the service; on refusal put the reason on ``form`` and return None."""
    try:
        event = records.append(record, payload, _user(request), now=now)
    except records.RecordInvalid as refused:
        if isinstance(form, EventForm):
            form.show_record_error(refused)
        else:
            form.add_error(None, refused.message)
        return None
    except records.NotAuthorised as refused:
        form.add_error(None, str(refused))
        return None
    return event.event_id


@access.role_required(*RECORDERS)
def event_menu(request: HttpRequest, record_id: str) -> HttpResponse:
    user = _user(request)
    groups = [
        (
            group,
            [
                (kind, event_forms.title(kind), event_forms.HINTS.get(kind, ""))
                for kind in kinds
                if access.may_record(user, kind)
            ],
        )
        for group, kinds in event_forms.GROUPS.items()
    ]
    groups = [(group, kinds) for group, kinds in groups if kinds]
    if not groups:
        raise PermissionDenied("your role does not record entries")
    record = access.record_for(request, record_id, purpose="choose an entry to record")
    return render(request, "record/event_menu.html", {"record": record, "groups": groups})


@access.role_required(*RECORDERS)
def new_event(request: HttpRequest, record_id: str, event_type: str) -> HttpResponse:
    if not event_forms.recordable(event_type):
        raise Http404("no such entry")
    if not access.may_record(_user(request), event_type):
        raise PermissionDenied("your role does not record this entry")
    title = event_forms.title(event_type)
    record = access.record_for(request, record_id, purpose=f"record an entry: {title}")
    setting = _setting(request, record)
    data = request.POST if request.method == "POST" else None
    form = EventForm(event_type, setting, data=data)
    if form.is_valid():
        saved = _append(form, record, form.payload(), request, setting.now)
        if saved is not None:
            at = form.cleaned_data["at"]
            messages.success(request, f"{title} recorded, {localtime.day_clock(at)}")
            return redirect(_record_url(record))
    return render(
        request,
        "record/event_form.html",
        {"record": record, "form": form, "hint": event_forms.HINTS.get(event_type, "")},
    )


@require_POST
@access.role_required(*RECORDERS)
def quick_entry(request: HttpRequest, record_id: str) -> HttpResponse:
    quick = QUICK.get(request.POST.get("action", ""))
    if quick is None:
        raise Http404("no such action")
    user = _user(request)
    if not access.may_record(user, quick.event_type):
        raise PermissionDenied("your role does not record this entry")
    record = access.record_for(request, record_id, purpose=f"record an entry: {quick.text}")
    now = clock.now()
    payload = {
        "type": quick.event_type,
        "at": iso(now),
        "recorded_at": iso(now),
        "by": msgspec.to_builtins(access.actor(user)),
        **quick.fields,
    }
    form = forms.Form()
    if _append(form, record, payload, request, now) is None:
        context = {"record": record, "problem": form.non_field_errors()[0], "what": quick.text}
        return render(request, "record/refused.html", context, status=400)
    messages.success(request, f"{quick.text}, {localtime.clock(now)}")
    return redirect(_record_url(record))


def _versions(decoded: m.Record) -> tuple[dict[str, m.EventBase], dict[str, str]]:
    """Every version of every entry by id, and which version replaced each corrected one."""
    versions: dict[str, m.EventBase] = {}
    replaced_by: dict[str, str] = {}
    for event in decoded.events:
        if isinstance(event, m.Correction):
            versions[event.replacement.id] = event.replacement
            replaced_by[event.corrects] = event.replacement.id
        else:
            versions[event.id] = event
    return versions, replaced_by


@access.role_required(*CORRECTORS)
def correct_event(request: HttpRequest, record_id: str, event_id: str) -> HttpResponse:
    user = _user(request)
    if not access.may_record(user, "correction"):
        raise PermissionDenied("your role does not correct entries")
    record = access.record_for(request, record_id, purpose="correct an entry")
    versions, replaced_by = _versions(records.rules_record(record))
    if event_id not in versions:
        raise Http404("no such entry")
    if event_id in replaced_by:
        current = event_id
        while current in replaced_by:
            current = replaced_by[current]
        return redirect("correct-event", record.record_id, current)
    original = versions[event_id]
    setting = _setting(request, record)
    data = request.POST if request.method == "POST" else None
    form = EventForm(m.type_name(original), setting, data=data, original=original)
    if form.is_valid():
        replacement = form.payload()
        if form.unchanged(replacement):
            form.add_error(None, "Nothing has changed: change the answers that were wrong")
        else:
            replacement["id"] = event_forms.replacement_id(original.id, set(versions))
            payload = {
                "type": "correction",
                "at": iso(setting.now),
                "recorded_at": iso(setting.now),
                "by": msgspec.to_builtins(setting.actor),
                "corrects": original.id,
                "reason": form.cleaned_data["correction_reason"],
                "replacement": replacement,
            }
            if _append(form, record, payload, request, setting.now) is not None:
                messages.success(request, "Entry corrected: both versions are on the timeline")
                return redirect(_record_url(record, f"event-{replacement['id']}"))
    context = {
        "record": record,
        "form": form,
        "original": original,
        "original_text": event_forms.describe(original),
    }
    return render(request, "record/correct.html", context)


def free_cells(record: CustodyRecord) -> list[Cell]:
    """Cells of the suite in use and not holding anyone else in custody now."""
    taken = CustodyRecord.objects.filter(suite=record.suite, is_open=True, cell__isnull=False)
    return list(
        record.suite.cells.filter(in_use=True).exclude(pk__in=taken.values("cell")).order_by("name")
    )


class MoveForm(forms.Form):
    cell = forms.ModelChoiceField(
        queryset=Cell.objects.none(),
        label="New cell",
        empty_label="Choose a cell",
        error_messages={
            "required": "Select the cell they are moving to",
            "invalid_choice": "That cell is no longer free: choose another",
        },
    )

    def __init__(self, cells: list[Cell], data: Any = None) -> None:
        super().__init__(data=data)
        field = self.fields["cell"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Cell.objects.filter(pk__in=[c.pk for c in cells]).order_by("name")


@access.role_required(*MOVERS)
def move_cell(request: HttpRequest, record_id: str) -> HttpResponse:
    """Move a detainee: the record's cell changes and a note on the timeline says so."""
    record = access.record_for(request, record_id, purpose="move to another cell")
    data = request.POST if request.method == "POST" else None
    form = MoveForm(free_cells(record), data=data)
    if form.is_valid():
        cell: Cell = form.cleaned_data["cell"]
        was = record.cell
        now = clock.now()
        text = (
            f"Moved from cell {was.name} to cell {cell.name}" if was else f"Put in cell {cell.name}"
        )
        note = {
            "type": "note",
            "at": iso(now),
            "recorded_at": iso(now),
            "by": msgspec.to_builtins(access.actor(_user(request))),
            "text": text,
        }
        with transaction.atomic():
            CustodyRecord.objects.filter(pk=record.pk).update(cell=cell)
            saved = _append(form, record, note, request, now)
            if saved is None:
                transaction.set_rollback(True)
        if saved is not None:
            messages.success(request, text)
            return redirect(_record_url(record))
    return render(request, "record/move_cell.html", {"record": record, "form": form})


urlpatterns: list[URLPattern] = [
    path("records/<str:record_id>/entries/", event_menu, name="event-menu"),
    path("records/<str:record_id>/entries/quick/", quick_entry, name="quick-entry"),
    path("records/<str:record_id>/entries/new/<str:event_type>/", new_event, name="new-event"),
    path(
        "records/<str:record_id>/entries/<path:event_id>/correct/",
        correct_event,
        name="correct-event",
    ),
    path("records/<str:record_id>/cell/", move_cell, name="move-cell"),
]
