"""The custody record page, its one-click entries, corrections and moving a detainee's cell."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bridewell.accounts import access
from bridewell.accounts.models import AccessLog
from bridewell.accounts.roles import ROLES
from bridewell.custody import records
from bridewell.custody.models import CustodyRecord, Event
from bridewell.interchange.reader import read_records
from bridewell.rules import model as m
from bridewell.rules.engine import assess
from bridewell.web import clock
from tests import factories as f
from tests.builders import EXAMPLES

pytestmark = pytest.mark.django_db

INSPECTOR = {"id": "I1234", "rank": "inspector", "role": "review_officer"}


def at(minutes: int) -> dt.datetime:
    return f.NOW + dt.timedelta(minutes=minutes)


@pytest.fixture
def now(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], dt.datetime]:
    """Set the application clock to ``minutes`` after arrival (20:00 GMT); it starts at 20:30."""

    def move(minutes: int) -> dt.datetime:
        monkeypatch.setattr(clock, "now", lambda: at(minutes))
        return at(minutes)

    move(30)
    return move


@pytest.fixture
def record(now: Any) -> CustodyRecord:
    return f.booked(f.suite("NORTHGATE"), f.person("SMITH", "Alex"))


def sign_in(client: Client, role: str, record: CustodyRecord) -> User:
    user = f.staff(role, record.suite)
    client.force_login(user)
    return user


def page(client: Client, record: CustodyRecord) -> str:
    response = client.get(reverse("record", args=[record.record_id]))
    assert response.status_code == 200
    return response.content.decode()


def row(html: str, event_id: str) -> str:
    """The timeline row of one entry."""
    start = f'<tr class="govuk-table__row" id="event-{re.escape(event_id)}">'
    found = re.search(rf"{start}.*?</tr>", html, re.S)
    assert found, f"no timeline row for {event_id}"
    return found[0]


def quick(client: Client, record: CustodyRecord, action: str) -> Any:
    return client.post(reverse("quick-entry", args=[record.record_id]), {"action": action})


def append(record: CustodyRecord, payload: dict[str, Any], minutes: int) -> Event:
    return records.append(record, payload, None, now=at(minutes))


@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_role_in_the_suite_sees_the_record_and_the_read_is_logged(client, record, role):
    user = sign_in(client, role, record)
    html = page(client, record)
    assert record.record_id in html
    assert "Detention clock" in html
    assert "Timeline" in html
    if role == "scrutiny":
        assert "SMITH" not in html
        assert record.person.person_id in html
    else:
        assert "SMITH, Alex" in html
    assert ('value="visit_responded"' in html) == access.may_record(user, "cell_visit")
    assert ("Correct this entry" in html) == access.may_record(user, "correction")
    log = AccessLog.objects.get()
    assert (log.user, log.record, log.purpose, log.view) == (
        user,
        record,
        "view the custody record",
        "record",
    )


def test_another_suites_record_is_not_found_and_not_logged(client, record):
    other = f.booked(f.suite("RIVERSIDE"))
    sign_in(client, "custody_officer", record)
    assert client.get(reverse("record", args=[other.record_id])).status_code == 404
    assert client.get(reverse("record", args=["NO-SUCH-RECORD"])).status_code == 404
    assert not AccessLog.objects.exists()


def test_people_signed_out_are_sent_to_sign_in(client, record):
    response = client.get(reverse("record", args=[record.record_id]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_clock_shows_the_relevant_time_how_it_was_set_and_the_time_left(client, record):
    sign_in(client, "custody_officer", record)
    html = page(client, record)
    assert "Mon 12 Jan 2026 20:00 GMT" in html
    assert "Set by the arrival at the station" in html
    assert "Tue 13 Jan 2026 20:00 GMT" in html
    assert "24-hour limit (PACE-LIMIT-24)" in html
    assert "in 23 h 30 min" in html


def test_hospital_time_is_left_out_of_the_clock(client, record, now):
    leave = {"type": "hospital_departed", "at": at(60).isoformat(), "purpose": "medical"}
    append(record, leave, 60)
    append(record, {"type": "hospital_returned", "at": at(180).isoformat()}, 180)
    now(240)
    sign_in(client, "custody_officer", record)
    html = page(client, record)
    assert "Hospital time not counted" in html
    assert '<dd class="govuk-summary-list__value">2 h</dd>' in html
    assert "Tue 13 Jan 2026 22:00 GMT" in html


def test_after_charge_the_pre_charge_limit_no_longer_applies(client, record):
    charge = {"type": "charged", "at": at(20).isoformat(), "by": f.booking_events()[2]["by"],
              "offences": ["O1"]}  # fmt: skip
    append(record, charge, 20)
    sign_in(client, "custody_officer", record)
    assert "the pre-charge limit no longer applies" in page(client, record)


def test_an_s136_record_shows_the_s136_limit(client, now):
    where = f.suite("NORTHGATE")
    s136 = records.open_record(
        suite=where,
        person=f.person(),
        detainee={"sex": "female"},
        offences=[],
        events=[{"type": "arrived", "at": f.NOW.isoformat(), "station": "NORTHGATE"}],
        user=None,
        now=at(5),
        regime="mha_s136",
    )
    sign_in(client, "hcp", s136)
    html = page(client, s136)
    assert "Mental Health Act s.136" in html
    assert "s.136 limit" in html
    assert "Detention under s.136 must end by 20:00 GMT on 13 Jan" in html
    assert "in 23 h 30 min" in html


def test_what_is_due_marks_overdue_items_with_text(client, record, now):
    now(120)
    sign_in(client, "detention_officer", record)
    html = page(client, record)
    assert "Cell visit overdue since 21:10 GMT on 12 Jan" in html
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in html
    assert "overdue by 50 min" in html
    assert "First review due 02:10 GMT on 13 Jan" in html


def test_findings_are_explained_with_rule_source_and_links_to_the_proving_entries(client):
    [item] = [i for i in read_records(EXAMPLES) if i.record.record_id == "EX-REVIEW-LATE"]
    imported = records.import_record(item.record, now=dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    sign_in(client, "inspector", imported)
    html = page(client, imported)
    [finding] = assess(records.rules_record(imported), clock.now()).findings
    assert finding.rule == "PACE-REVIEW-1"
    assert "Findings (1)" in html
    assert '<strong class="govuk-tag govuk-tag--red">Breach</strong>' in html
    assert "(PACE-REVIEW-1)" in html
    assert finding.message in html
    assert finding.source in html
    assert finding.events
    for event_id in finding.events:
        assert f'href="#event-{event_id}"' in html
        assert f'id="event-{event_id}"' in html


def test_imported_entries_are_marked_as_imported(client):
    [item] = [i for i in read_records(EXAMPLES) if i.record.record_id == "EX-CLEAN"]
    imported = records.import_record(item.record, now=dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    sign_in(client, "custody_officer", imported)
    html = page(client, imported)
    first = item.record.events[0].id
    assert '<strong class="govuk-tag govuk-tag--grey">Imported</strong>' in row(html, first)


def test_the_timeline_says_what_happened_who_recorded_it_and_when(client, record):
    officer = sign_in(client, "detention_officer", record)
    quick(client, record, "visit_responded")
    review = {"type": "review", "at": at(25).isoformat(), "by": INSPECTOR, "mode": "in_person",
              "outcome": "continue"}  # fmt: skip
    append(record, review, 26)
    html = page(client, record)
    visit = row(html, "b7")
    assert "Cell visit — roused, responded" in visit
    number = officer.staff.staff_id
    assert f"{officer.get_full_name()} ({number})" in visit
    assert f"{number} (detention officer)" in visit
    assert "20:30 GMT on 12 Jan" in visit
    assert "Review by I1234 (inspector), in person: continue" in row(html, "b8")
    assert html.index('id="event-b7"') < html.index('id="event-b8"') < html.index('id="event-b1"')


def test_scrutiny_sees_staff_numbers_but_no_names(client, record):
    officer = f.staff("detention_officer", record.suite)
    client.force_login(officer)
    quick(client, record, "drink")
    sign_in(client, "scrutiny", record)
    visit = row(page(client, record), "b7")
    assert officer.staff.staff_id in visit
    assert officer.get_full_name() not in visit


def test_late_entries_are_marked(client, record, now):
    now(60)
    sign_in(client, "detention_officer", record)
    form = reverse("new-event", args=[record.record_id, "cell_visit"])
    for minutes in (20, 50):
        local = at(minutes)
        client.post(form, {"at_day": "12", "at_month": "1", "at_year": "2026",
                           "at_time": f"{local:%H:%M}", "response": "not_roused"})  # fmt: skip
    html = page(client, record)
    late, on_time = row(html, "b7"), row(html, "b8")
    assert "Late entry" in late
    assert "40 min after" in late
    assert "Late entry" not in on_time
    assert "more than 15 minutes after the event" in html


def test_one_click_cell_visit_is_recorded_now_by_the_signed_in_user(client, record):
    user = sign_in(client, "detention_officer", record)
    response = quick(client, record, "visit_responded")
    assert response.status_code == 302
    assert response["Location"] == reverse("record", args=[record.record_id])
    event = record.events.get(seq=7)
    assert event.type == "cell_visit"
    assert event.at == at(30)
    assert event.recorded_by == user
    assert event.payload["roused"] is True
    assert event.payload["response"] == "responded"
    assert event.payload["by"] == {"id": user.staff.staff_id, "rank": "staff",
                                   "role": "detention_officer"}  # fmt: skip
    html = client.get(response["Location"]).content.decode()
    assert "Cell visit: roused, responded, 20:30 GMT" in html


@pytest.mark.parametrize(("action", "kind", "fields"), [
    ("visit_not_roused", "cell_visit", {}),
    ("meal_light", "meal_offered", {"kind": "light"}),
    ("meal_main", "meal_offered", {"kind": "main"}),
    ("drink", "drink_offered", {}),
])  # fmt: skip
def test_one_click_entries(client, record, action, kind, fields):
    sign_in(client, "detention_officer", record)
    quick(client, record, action)
    payload = record.events.get(seq=7).payload
    assert payload["type"] == kind
    assert fields.items() <= payload.items()


def test_one_click_buttons_are_real_buttons_in_small_post_forms(client, record):
    sign_in(client, "detention_officer", record)
    html = page(client, record)
    url = reverse("quick-entry", args=[record.record_id])
    assert html.count(f'<form method="post" action="{url}"') == 6
    assert '<button type="submit" class="govuk-button govuk-button--secondary"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_no_response_prompts_a_call_for_help_until_one_is_recorded(client, record):
    sign_in(client, "detention_officer", record)
    quick(client, record, "visit_no_response")
    html = page(client, record)
    assert "No response when roused at 20:30 GMT. Call health care or an ambulance now." in html
    assert 'value="call_ambulance"' in html
    assert 'value="call_hcp"' in html
    quick(client, record, "call_ambulance")
    assert record.events.get(seq=8).type == "ambulance_called"
    assert "Call health care or an ambulance now" not in page(client, record)


def test_one_click_entries_are_refused_where_they_should_be(client, record):
    url = reverse("quick-entry", args=[record.record_id])
    sign_in(client, "detention_officer", record)
    assert client.get(url).status_code == 405
    assert quick(client, record, "teleport").status_code == 404
    other = f.booked(f.suite("RIVERSIDE"))
    assert quick(client, other, "drink").status_code == 404
    sign_in(client, "custody_manager", record)
    assert quick(client, record, "drink").status_code == 403
    sign_in(client, "scrutiny", record)
    assert quick(client, record, "drink").status_code == 403
    strict = Client(enforce_csrf_checks=True)
    sign_in(strict, "detention_officer", record)
    assert quick(strict, record, "drink").status_code == 403
    assert record.events.count() == 6
    assert other.events.count() == 6


def correct_url(record: CustodyRecord, event_id: str) -> str:
    return reverse("correct-event", args=[record.record_id, event_id])


def test_a_correction_keeps_the_original_and_shows_both_versions(client, record):
    sign_in(client, "detention_officer", record)
    quick(client, record, "visit_not_roused")
    sergeant = sign_in(client, "custody_officer", record)
    form = client.get(correct_url(record, "b7")).content.decode()
    assert 'value="not_roused" checked' in form
    data = {"at_day": "12", "at_month": "1", "at_year": "2026", "at_time": "20:30",
            "roused": "on", "response": "responded",
            "correction_reason": "Pressed the wrong button: he answered"}  # fmt: skip
    response = client.post(correct_url(record, "b7"), data)
    assert response.status_code == 302
    assert response["Location"].endswith("#event-b7.1")
    correction = record.events.get(seq=8)
    assert correction.type == "correction"
    assert correction.recorded_by == sergeant
    assert correction.payload["corrects"] == "b7"
    assert correction.payload["replacement"]["id"] == "b7.1"
    assert correction.payload["replacement"]["response"] == "responded"
    assert correction.payload["replacement"]["by"] == record.events.get(seq=7).payload["by"]
    html = page(client, record)
    entry = row(html, "b7.1")
    assert '<del class="bw-corrected">Cell visit — not roused</del>' in entry
    assert '<strong class="govuk-tag govuk-tag--grey">Corrected</strong>' in entry
    assert "Reason: Pressed the wrong button: he answered." in entry
    assert f"Corrected by {sergeant.get_full_name()} ({sergeant.staff.staff_id})" in entry
    assert "Cell visit — roused, responded" in entry
    assert 'id="event-b7"' in entry


def test_a_correction_needs_a_reason_and_a_change(client, record):
    sign_in(client, "detention_officer", record)
    quick(client, record, "drink")
    sign_in(client, "custody_officer", record)
    same = {"at_day": "12", "at_month": "1", "at_year": "2026", "at_time": "20:30"}
    html = client.post(correct_url(record, "b7"), same).content.decode()
    assert "Enter why you are correcting this entry" in html
    reason = {**same, "correction_reason": "x"}
    html = client.post(correct_url(record, "b7"), reason).content.decode()
    assert "Nothing has changed" in html
    assert record.events.count() == 7


def test_only_custody_officers_and_above_correct_entries(client, record):
    sign_in(client, "detention_officer", record)
    quick(client, record, "drink")
    assert client.get(correct_url(record, "b7")).status_code == 403
    sign_in(client, "hcp", record)
    assert client.get(correct_url(record, "b7")).status_code == 403
    sign_in(client, "inspector", record)
    assert client.get(correct_url(record, "b7")).status_code == 200
    assert client.get(correct_url(record, "b99")).status_code == 404


def test_correcting_a_corrected_entry_starts_from_its_latest_version(client, record):
    sign_in(client, "custody_officer", record)
    quick(client, record, "meal_light")
    data = {"at_day": "12", "at_month": "1", "at_year": "2026", "at_time": "20:30",
            "kind": "main", "correction_reason": "It was the main meal"}  # fmt: skip
    client.post(correct_url(record, "b7"), data)
    response = client.get(correct_url(record, "b7"))
    assert response.status_code == 302
    assert response["Location"] == correct_url(record, "b7.1")


def test_moving_cell_updates_the_record_and_notes_it_on_the_timeline(client, record):
    sign_in(client, "detention_officer", record)
    url = reverse("move-cell", args=[record.record_id])
    c2 = record.suite.cells.get(name="C2")
    assert "C2" in client.get(url).content.decode()
    response = client.post(url, {"cell": c2.pk})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.cell == c2
    note = record.events.get(seq=7)
    assert note.payload["type"] == "note"
    assert note.payload["text"] == "Moved from cell C1 to cell C2"
    assert "Note: Moved from cell C1 to cell C2" in row(page(client, record), "b7")


def test_an_occupied_cell_is_refused(client, record):
    other = f.booked(record.suite)
    CustodyRecord.objects.filter(pk=other.pk).update(cell=record.suite.cells.get(name="C2"))
    sign_in(client, "custody_officer", record)
    url = reverse("move-cell", args=[record.record_id])
    response = client.post(url, {"cell": record.suite.cells.get(name="C2").pk})
    assert "That cell is no longer free: choose another" in response.content.decode()
    record.refresh_from_db()
    assert record.cell.name == "C1"
    assert record.events.count() == 6


def test_moving_cell_is_for_suite_staff(client, record):
    url = reverse("move-cell", args=[record.record_id])
    for role in ("scrutiny", "custody_manager", "hcp"):
        sign_in(client, role, record)
        assert client.get(url).status_code == 403


def test_the_engine_uses_a_correction_at_once(client, record, now):
    sign_in(client, "custody_officer", record)
    visit = {"type": "cell_visit", "at": at(60).isoformat(), "by": f.booking_events()[2]["by"]}
    append(record, visit, 60)
    now(140)
    data = {"at_day": "12", "at_month": "1", "at_year": "2026", "at_time": "20:40",
            "response": "not_roused", "correction_reason": "Time was wrong"}  # fmt: skip
    client.post(correct_url(record, "b7"), data)
    decoded = records.rules_record(record)
    assert isinstance(decoded.events[-1], m.Correction)
    assert "Cell visit overdue since 21:40 GMT on 12 Jan" in page(client, record)
