"""The custody record page: the clock, what is due, the findings and the full timeline.

Everything on it is computed from the events by the rules engine at the application clock's
now, exactly as the audit command would compute it, so the page, the board and a report can never
disagree. A corrected entry is shown in both versions: the original struck through with the
reason, then the replacement that the rules use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from bridewell.accounts import access
from bridewell.accounts.models import StaffProfile
from bridewell.custody import event_forms, records
from bridewell.custody.models import Event
from bridewell.custody.views.events import MOVERS, ON_THE_PAGE, QUICK
from bridewell.rules import catalogue, localtime
from bridewell.rules import model as m
from bridewell.rules.catalogue import SEVERITY_ORDER
from bridewell.rules.config import DEFAULT
from bridewell.rules.engine import Assessment, assess
from bridewell.rules.findings import Finding, Obligation
from bridewell.rules.timeline import Timeline
from bridewell.web import clock

LATE_ENTRY = DEFAULT.late_entry_threshold
"""An entry made this long after the event is marked late: the same threshold as DATA-LATE-ENTRY."""


@dataclass
class Version:
    """One version of an entry: the original, or a replacement brought in by a correction."""

    event: m.EventBase
    text: str
    recorder: str
    imported: bool
    correction: m.Correction | None = None
    corrector: str = ""

    @property
    def late_by(self) -> dt.timedelta | None:
        gap = self.event.entered_at - self.event.at
        return gap if gap > LATE_ENTRY else None

    @property
    def late_text(self) -> str:
        late = self.late_by
        return localtime.duration(late) if late is not None else ""

    @property
    def done_by(self) -> str:
        by = self.event.by
        return event_forms.actor_text(by) if by is not None else ""


@dataclass
class Entry:
    """A line of the timeline: its versions, oldest first; the rules use the last."""

    versions: list[Version]

    @property
    def current(self) -> Version:
        return self.versions[-1]

    @property
    def superseded(self) -> list[tuple[Version, Version]]:
        """Each earlier version with the version (and so the correction) that replaced it."""
        return list(zip(self.versions, self.versions[1:], strict=False))


def recorder(row: Event, names: bool) -> str:
    """Who entered a row: name and staff number (the number only for anonymised scrutiny)."""
    user = row.recorded_by
    if user is None:
        return "Imported" if row.source == "import" else "The system"
    try:
        number = user.staff.staff_id
    except StaffProfile.DoesNotExist:
        number = user.username
    if not names:
        return number
    return f"{user.get_full_name() or user.username} ({number})"


def timeline(
    rows: Sequence[Event], events: Sequence[m.Event], offences: dict[str, str], names: bool
) -> list[Entry]:
    """The entries of a record, newest first, with corrections folded into what they correct.

    A replacement keeps the original's ``recorded_at``, so it is late only if the original was;
    who corrected it, when and why is shown with the struck-through original.
    """
    entries: list[Entry] = []
    entry_of: dict[str, Entry] = {}
    for row, event in zip(rows, events, strict=True):
        who = recorder(row, names)
        imported = row.source == "import"
        if isinstance(event, m.Correction):
            replacement = event.replacement
            text = event_forms.describe(replacement, offences)
            entry = entry_of.get(event.corrects)
            if entry is None:
                entry = Entry([Version(replacement, text, who, imported)])
                entries.append(entry)
            else:
                first = entry.versions[0]
                version = Version(replacement, text, first.recorder, first.imported, event, who)
                entry.versions.append(version)
            entry_of[replacement.id] = entry
            continue
        entry = Entry([Version(event, event_forms.describe(event, offences), who, imported)])
        entries.append(entry)
        entry_of[event.id] = entry
    order = {id(e): n for n, e in enumerate(entries)}
    entries.sort(key=lambda e: (e.current.event.at, order[id(e)]), reverse=True)
    return entries


def no_response_alert(tl: Timeline) -> m.CellVisit | None:
    """The last cell visit, when it found no response and nobody has called for help since."""
    visits = tl.of(m.CellVisit)
    if not tl.is_open or not visits or visits[-1].response != "no_response":
        return None
    last = visits[-1]
    help_called = [*tl.of(m.HcpRequested), *tl.of(m.AmbulanceCalled)]
    return None if any(h.at >= last.at for h in help_called) else last


def s136_limit(result: Assessment) -> Obligation | None:
    return next((o for o in result.obligations if o.rule == "MHA-136-1"), None)


def findings_in_order(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    ordered = sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.at, f.rule))
    return [{"finding": f, "rule": catalogue.rule(f.rule)} for f in ordered]


def obligations_in_order(obligations: Sequence[Obligation]) -> list[dict[str, Any]]:
    return [{"obligation": o, "rule": catalogue.rule(o.rule)} for o in obligations]


def quick_actions(user: User) -> list[tuple[str, str]]:
    """The one-click entries this user may make, as (action, button text)."""
    return [
        (action, QUICK[action].text)
        for action in ON_THE_PAGE
        if access.may_record(user, QUICK[action].event_type)
    ]


@access.role_required()
def record_page(request: HttpRequest, record_id: str) -> HttpResponse:
    record = access.record_for(request, record_id, purpose="view the custody record")
    user = request.user
    assert isinstance(user, User)
    now = clock.now()
    rows = list(record.events.select_related("recorded_by__staff").order_by("seq"))
    decoded = records.rules_record(record, [r.payload for r in rows])
    result = assess(decoded, now)
    episode = Timeline(decoded, now)
    names = access.sees_names(user)
    offences = {o.ref: f"{o.ref} {o.title}" for o in decoded.offences or ()}
    context = {
        "record": record,
        "now": now,
        "who": record.person.display_name if names else record.person.person_id,
        "decoded": decoded,
        "clock": result.clock,
        "hospital_time": localtime.duration(result.clock.hospital_time)
        if result.clock and result.clock.hospital_time
        else "",
        "elapsed": localtime.duration(result.clock.elapsed) if result.clock else "",
        "s136_limit": s136_limit(result),
        "episode": episode,
        "obligations": obligations_in_order(result.obligations),
        "findings": findings_in_order(result.findings),
        "entries": timeline(rows, decoded.events, offences, names),
        "alert": no_response_alert(episode),
        "quick_actions": quick_actions(user),
        "may_call_help": access.may_record(user, "hcp_requested"),
        "may_call_ambulance": access.may_record(user, "ambulance_called"),
        "may_record": any(
            access.may_record(user, t) for t in m.EVENT_TYPES if event_forms.recordable(t)
        ),
        "may_correct": access.may_record(user, "correction"),
        "may_move": bool(access.roles(user) & set(MOVERS)),
        "late_minutes": int(LATE_ENTRY.total_seconds() // 60),
    }
    return render(request, "record/page.html", context)


urlpatterns: list[URLPattern] = [
    path("records/<str:record_id>/", record_page, name="record"),
]
