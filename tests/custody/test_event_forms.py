"""Recording events: a working form for every event type, validated by the domain model."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bridewell.accounts.models import AccessLog, StaffProfile
from bridewell.accounts.roles import RECORDS
from bridewell.custody import event_forms, records
from bridewell.custody.event_forms import EventForm, Setting
from bridewell.custody.models import CustodyRecord, Event
from bridewell.rules import model as m
from bridewell.web import clock
from tests import factories as f

pytestmark = pytest.mark.django_db

NOW = f.NOW + dt.timedelta(minutes=30)
"""The application clock in these tests: 20:30 GMT on 12 January 2026, after booking in."""

SERGEANT = m.Actor(id="S0001", rank="sergeant", role="custody_officer")
SUPERINTENDENT = m.Actor(id="SU0001", rank="superintendent", role="other")


def when(t: dt.datetime, name: str = "at") -> dict[str, str]:
    """A GOV.UK date and time input's fields for ``t`` (January: UK time is UTC)."""
    local = t.astimezone(dt.UTC)
    return {
        f"{name}_day": str(local.day),
        f"{name}_month": str(local.month),
        f"{name}_year": str(local.year),
        f"{name}_time": f"{local:%H:%M}",
    }


LATER = when(f.NOW + dt.timedelta(hours=30), "until")

VALID: dict[str, dict[str, str]] = {
    "arrested": {"place": "elsewhere"},
    "arrived": {"station": "NORTHGATE"},
    "detention_authorised": {"grounds": "charging_decision"},
    "detention_refused": {},
    "further_arrest": {"offences": "O1"},
    "rights_given": {"appropriate_adult_present": "on"},
    "right_requested": {"right": "legal_advice"},
    "right_fulfilled": {"right": "legal_advice"},
    "right_delay_authorised": {"right": "inform_someone", "grounds": "Would alert others"},
    "right_delay_ended": {"right": "inform_someone"},
    "vulnerability_identified": {"kind": "mental_health"},
    "appropriate_adult_requested": {},
    "appropriate_adult_arrived": {},
    "appropriate_adult_left": {},
    "interpreter_requested": {},
    "interpreter_arrived": {"mode": "telephone"},
    "risk_assessed": {"stage": "review", "intoxicated": "on"},
    "observation_level_set": {"level": "2", "reason": "Intoxicated"},
    "cell_visit": {"roused": "on", "response": "responded"},
    "hcp_requested": {"reason": "Asked for a doctor"},
    "hcp_seen": {},
    "ambulance_called": {},
    "meal_offered": {"kind": "main", "accepted": "on"},
    "drink_offered": {},
    "rest_interrupted": {"code": "a", "reason": "Urgent interview"},
    "interview_started": {"solicitor_present": "on"},
    "interview_ended": {},
    "hospital_departed": {"purpose": "medical"},
    "hospital_returned": {},
    "review": {"mode": "in_person", "outcome": "continue"},
    "review_postponed": {"reason": "Detainee in interview"},
    "extension_authorised": LATER,
    "warrant_applied": {},
    "warrant_issued": LATER,
    "warrant_extended": LATER,
    "warrant_refused": {},
    "charged": {"offences": "O1"},
    "bail_refused": {"grounds": "Likely to commit further offences"},
    "la_transfer_requested": {"secure": "on"},
    "la_transfer_completed": {},
    "s38_6_certificate": {"reason": "impracticable"},
    "prra_completed": {"detainee_present": "on"},
    "released": {"outcome": "bail"},
    "transferred": {"to": "court"},
    "search": {"level": "outer", "place": "custody_suite", "present_0_sex": "male",
               "present_0_role": "detention_officer"},
    "clothing_removed": {"reason": "Ligature risk", "replacement_offered": "on"},
    "clothing_returned": {},
    "force_used": {"officer_0": "PC123", "form_ref_0": "UOF-1",
                   "tactics": "handcuffing_compliant"},
    "restraint_applied": {"kind": "handcuffs"},
    "restraint_removed": {"kind": "handcuffs"},
    "s136_police_station_authorised": {"imminent_risk": "on"},
    "s136_extension_authorised": LATER,
    "hcp_welfare_check": {},
    "mha_assessment_completed": {},
    "note": {"text": "Asked for a blanket"},
}  # fmt: skip
"""The least a person fills in to record each event type (the time is added by ``post``)."""

FORM_TYPES = sorted(t for t in m.EVENT_TYPES if t != "correction")
ROLE_ORDER = ("detention_officer", "custody_officer", "inspector", "superintendent", "hcp")
ROLE_FOR = {"review": "inspector", "review_postponed": "inspector"}
"""Reviews before charge need an inspector; otherwise the first role allowed records it."""


@pytest.fixture(autouse=True)
def now(monkeypatch: pytest.MonkeyPatch) -> dt.datetime:
    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


@pytest.fixture
def record() -> CustodyRecord:
    return f.booked(f.suite("NORTHGATE"))


def signed_in(client: Client, role: str, record: CustodyRecord) -> User:
    user = f.staff(role, record.suite)
    client.force_login(user)
    return user


def role_for(event_type: str) -> str:
    if event_type in ROLE_FOR:
        return ROLE_FOR[event_type]
    return next(r for r in ROLE_ORDER if event_type in RECORDS[r])


def form_url(record: CustodyRecord, event_type: str) -> str:
    return reverse("new-event", args=[record.record_id, event_type])


def post(client: Client, record: CustodyRecord, event_type: str, **data: str) -> Any:
    return client.post(form_url(record, event_type), {**when(NOW), **data})


def last_event(record: CustodyRecord) -> Event:
    return record.events.order_by("-seq")[0]


def test_the_groups_list_every_event_type_but_correction_once():
    grouped = [t for types in event_forms.GROUPS.values() for t in types]
    assert len(grouped) == len(set(grouped))
    assert set(grouped) == set(FORM_TYPES)
    assert set(event_forms.TITLES) == set(m.EVENT_TYPES)


@pytest.mark.parametrize("event_type", FORM_TYPES)
def test_every_event_type_has_a_working_form(client, record, event_type):
    user = signed_in(client, role_for(event_type), record)
    if event_type == "s136_extension_authorised":
        StaffProfile.objects.filter(user=user).update(role="doctor")
    page = client.get(form_url(record, event_type))
    assert page.status_code == 200
    assert event_forms.title(event_type) in page.content.decode()
    assert f'name="at_day" value="{NOW.day}"' in page.content.decode()

    response = post(client, record, event_type, **VALID[event_type])
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == reverse("record", args=[record.record_id])
    event = last_event(record)
    assert event.type == event_type
    assert event.recorded_by == user
    assert event.payload["by"]["id"] == user.staff.staff_id
    assert event.payload["recorded_at"] == "2026-01-12T20:30:00Z"
    assert event.at == NOW


@pytest.mark.parametrize("event_type", [t for t in FORM_TYPES if t != "note"])
def test_a_role_not_allowed_to_record_an_event_type_is_refused(client, record, event_type):
    signed_in(client, "custody_manager", record)
    count = record.events.count()
    assert client.get(form_url(record, event_type)).status_code == 403
    assert post(client, record, event_type, **VALID[event_type]).status_code == 403
    assert record.events.count() == count


def test_the_refusal_comes_before_the_record_is_read(client, record):
    signed_in(client, "detention_officer", record)
    assert client.get(form_url(record, "review")).status_code == 403
    assert not AccessLog.objects.exists()


def test_scrutiny_records_nothing(client, record):
    signed_in(client, "scrutiny", record)
    assert client.get(reverse("event-menu", args=[record.record_id])).status_code == 403
    assert client.get(form_url(record, "note")).status_code == 403


def test_a_form_for_another_suites_record_is_not_found(client, record):
    other = f.booked(f.suite("RIVERSIDE"))
    signed_in(client, "custody_officer", record)
    assert client.get(form_url(other, "note")).status_code == 404
    assert post(client, other, "note", text="Hello").status_code == 404
    assert other.events.count() == 6


def test_an_unknown_event_type_or_a_correction_has_no_form(client, record):
    signed_in(client, "custody_officer", record)
    assert client.get(form_url(record, "teleported")).status_code == 404
    assert client.get(form_url(record, "correction")).status_code == 404


def test_forms_accept_posts_only_with_a_csrf_token(record):
    client = Client(enforce_csrf_checks=True)
    signed_in(client, "detention_officer", record)
    response = post(client, record, "note", text="No token")
    assert response.status_code == 403
    assert record.events.count() == 6


def test_a_time_that_does_not_exist_is_explained_in_the_error_summary(client, record, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 3, 29, 9, 0, tzinfo=dt.UTC))
    signed_in(client, "detention_officer", record)
    data = {"at_day": "29", "at_month": "3", "at_year": "2026", "at_time": "01:30"}
    response = client.post(form_url(record, "note"), {**data, "text": "Checked"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    message = "01:30 on 29 March does not exist: the clocks went forward an hour"
    assert f'<a href="#id_at_0">{message}</a>' in html
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}' in html
    assert "Error: Note" in html  # the page title says there is an error
    assert record.events.count() == 6


def test_a_time_in_the_future_is_refused(client, record):
    signed_in(client, "detention_officer", record)
    response = post(client, record, "note", text="Later", **when(NOW + dt.timedelta(hours=1)))
    assert "The date and time must be now or in the past" in response.content.decode()
    assert record.events.count() == 6


def test_a_missing_answer_is_named(client, record):
    signed_in(client, "inspector", record)
    response = post(client, record, "review", outcome="continue")
    html = response.content.decode()
    assert '<a href="#id_mode_0">Select how the review was held</a>' in html
    assert 'class="govuk-form-group govuk-form-group--error"' in html


def test_a_pre_charge_review_by_a_sergeant_is_refused_with_the_pace_reason(client, record):
    signed_in(client, "custody_officer", record)
    response = post(client, record, "review", mode="in_person", outcome="continue")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Before charge, only an inspector or above may review detention" in html
    assert not record.events.filter(type="review").exists()


def test_an_extension_by_an_inspector_never_reaches_the_form(client, record):
    signed_in(client, "inspector", record)
    assert client.get(form_url(record, "extension_authorised")).status_code == 403


def test_a_delay_of_legal_advice_by_an_inspector_is_refused(client, record):
    signed_in(client, "inspector", record)
    response = post(
        client, record, "right_delay_authorised", right="legal_advice", grounds="Alert others"
    )
    assert "Only a superintendent or above may delay this right" in response.content.decode()


def test_the_menu_lists_what_the_role_may_record_in_the_format_groups(client, record):
    signed_in(client, "detention_officer", record)
    html = client.get(reverse("event-menu", args=[record.record_id])).content.decode()
    assert "Risk and care" in html
    assert form_url(record, "cell_visit") in html
    assert "Reviews, extensions and warrants" not in html
    assert form_url(record, "released") not in html
    assert AccessLog.objects.get().purpose == "choose an entry to record"


def test_a_search_is_authorised_by_the_signed_in_user_with_the_people_present(client, record):
    user = signed_in(client, "custody_officer", record)
    people = {"present_0_sex": "male", "present_0_role": "custody_officer",
              "present_1_sex": "male", "present_1_role": "detention_officer"}  # fmt: skip
    post(client, record, "search", level="strip", place="custody_suite", **people)
    payload = last_event(record).payload
    assert payload["authorised_by"] == payload["by"]
    assert payload["authorised_by"]["id"] == user.staff.staff_id
    assert payload["present"] == [
        {"sex": "male", "role": "custody_officer"},
        {"sex": "male", "role": "detention_officer"},
    ]


def test_half_a_row_of_people_present_is_refused(client, record):
    signed_in(client, "custody_officer", record)
    response = post(
        client, record, "search", level="outer", place="custody_suite", present_0_sex="female"
    )
    assert "Select the role of person 1" in response.content.decode()


def test_force_used_records_each_officer_and_their_form(client, record):
    signed_in(client, "custody_officer", record)
    data = {"officer_0": "PC1", "form_ref_0": "UOF-9", "officer_1": "PC2",
            "tactics": ["ground_restraint", "handcuffing_non_compliant"],
            "reason": "protect_self"}  # fmt: skip
    post(client, record, "force_used", **data)
    payload = last_event(record).payload
    assert payload["officers"] == ["PC1", "PC2"]
    assert payload["forms"] == [{"officer": "PC1", "form_ref": "UOF-9"}]
    assert payload["tactics"] == ["ground_restraint", "handcuffing_non_compliant"]
    assert payload["reason"] == ["protect_self"]


def test_force_used_needs_an_officer(client, record):
    signed_in(client, "custody_officer", record)
    response = post(client, record, "force_used", tactics="shield")
    assert "Enter the number of each officer who used force" in response.content.decode()


def test_only_a_superintendent_is_offered_to_authorise_an_urgent_interview(client, record):
    url = form_url(record, "interview_started")
    signed_in(client, "custody_officer", record)
    assert "urgent_authorised_by" not in client.get(url).content.decode()
    client.force_login(f.staff("superintendent", record.suite))
    assert "urgent_authorised_by" in client.get(url).content.decode()
    post(client, record, "interview_started", urgent_authorised_by="on")
    payload = last_event(record).payload
    assert payload["urgent_authorised_by"] == payload["by"]
    assert payload["urgent_authorised_by"]["rank"] == "superintendent"


def test_a_s136_extension_is_approved_by_a_superintendent_found_by_staff_number(client, record):
    doctor = signed_in(client, "hcp", record)
    StaffProfile.objects.filter(user=doctor).update(role="doctor")
    boss = f.staff("superintendent", record.suite)
    number = boss.staff.staff_id
    response = post(client, record, "s136_extension_authorised", approved_by="NOBODY", **LATER)
    assert "No member of staff has the number NOBODY" in response.content.decode()
    post(client, record, "s136_extension_authorised", approved_by=number.lower(), **LATER)
    payload = last_event(record).payload
    assert payload["approved_by"] == {"id": number, "rank": "superintendent", "role": "other"}
    assert payload["by"]["role"] == "doctor"


def test_offences_are_the_records_offences(client, record):
    signed_in(client, "custody_officer", record)
    html = client.get(form_url(record, "charged")).content.decode()
    assert "O1 Burglary dwelling" in html
    response = post(client, record, "charged")
    assert '<a href="#id_offences_0">Select at least one: offences charged</a>' in (
        response.content.decode()
    )


def setting(actor: m.Actor = SERGEANT) -> Setting:
    return Setting(actor=actor, now=NOW, station="NORTHGATE", offences=[("O1", "O1 Burglary")])


def test_choices_are_the_values_the_format_allows_with_readable_labels():
    form = EventForm("released", setting())
    choices = dict(form.fields["outcome"].choices)
    assert set(choices) == {"nfa", "bail", "released_under_investigation", "charged_bailed",
                            "caution", "other"}  # fmt: skip
    assert choices["nfa"] == "No further action"
    assert "by" not in form.fields
    assert "recorded_at" not in form.fields
    assert "id" not in form.fields


def test_a_domain_error_is_shown_against_the_field_it_names():
    form = EventForm("vulnerability_identified", setting(), data={**when(NOW), "kind": "other"})
    assert form.is_valid()
    form.show_record_error(records.RecordInvalid("$.events[12].kind", "'x' is not allowed"))
    assert form.errors["kind"] == ["'x' is not allowed"]


def test_a_domain_error_inside_a_row_or_a_replacement_finds_its_field():
    form = EventForm("search", setting(), data={**when(NOW), "level": "outer",
                                                "place": "custody_suite"})  # fmt: skip
    assert form.is_valid()
    form.show_record_error(records.RecordInvalid("$.events[3].present[1].role", "bad role"))
    assert form.errors["present_1_role"] == ["Bad role"]

    original = m.MealOffered(id="e9", at=f.NOW, kind="light")
    data = {**when(NOW), "kind": "main", "correction_reason": "Typo"}
    correcting = EventForm("meal_offered", setting(), data=data, original=original)
    assert correcting.is_valid()
    correcting.show_record_error(
        records.RecordInvalid("$.events[7].replacement.at", "timestamp has no UTC offset")
    )
    assert correcting.errors["at"] == ["Timestamp has no UTC offset"]
    missing = records.RecordInvalid("$.events[7].reason", "required field is missing")
    correcting.show_record_error(missing)
    assert correcting.errors["correction_reason"] == ["Enter why you are correcting this entry"]


def test_a_domain_error_about_no_question_goes_to_the_summary():
    form = EventForm("note", setting(), data={**when(NOW), "text": "x"})
    assert form.is_valid()
    form.show_record_error(records.RecordInvalid("$.events[4].id", "duplicate event id 'b5'"))
    assert form.non_field_errors() == ["Duplicate event id 'b5'"]


def test_a_correction_keeps_who_did_it_and_when_it_was_first_entered():
    inspector = m.Actor(id="I1", rank="inspector", role="review_officer")
    original = m.Review(id="e4", at=f.NOW, recorded_at=f.NOW + dt.timedelta(minutes=3),
                        by=inspector, mode="telephone", outcome="continue")  # fmt: skip
    data = {**when(f.NOW), "mode": "video", "outcome": "continue", "correction_reason": "x"}
    form = EventForm("review", setting(), data=data, original=original)
    assert form.is_valid()
    payload = form.payload()
    assert payload["by"] == {"id": "I1", "rank": "inspector", "role": "review_officer"}
    assert payload["recorded_at"] == "2026-01-12T20:03:00Z"
    assert payload["mode"] == "video"
    assert not form.unchanged(payload)
    assert form.unchanged({**payload, "mode": "telephone"})


def test_a_correction_form_starts_from_the_original_answers():
    original = m.CellVisit(id="e7", at=f.NOW, by=SERGEANT, roused=True, response="no_response",
                           note="Snoring")  # fmt: skip
    form = EventForm("cell_visit", setting(), original=original)
    assert form["response"].value() == "no_response"
    assert form["roused"].value() is True
    assert form["note"].value() == "Snoring"
    assert form["at"].value() == f.NOW
    assert "correction_reason" in form.fields


def test_replacement_ids_are_new():
    assert event_forms.replacement_id("b7", {"b7"}) == "b7.1"
    assert event_forms.replacement_id("b7", {"b7", "b7.1"}) == "b7.2"


@pytest.mark.parametrize(("event", "words"), [
    (m.CellVisit(id="a", at=f.NOW, by=SERGEANT, roused=True, response="responded"),
     "Cell visit — roused, responded"),
    (m.CellVisit(id="a", at=f.NOW, by=SERGEANT), "Cell visit — not roused"),
    (m.Review(id="a", at=f.NOW, by=m.Actor(id="I1234", rank="inspector", role="review_officer"),
              mode="in_person", outcome="continue"),
     "Review by I1234 (inspector), in person: continue"),
    (m.MealOffered(id="a", at=f.NOW, kind="main", accepted=True), "Main meal offered — accepted"),
    (m.Released(id="a", at=f.NOW, by=SERGEANT, outcome="nfa"), "Released — no further action"),
    (m.RiskAssessed(id="a", at=f.NOW, by=SERGEANT, stage="initial", intoxicated=True),
     "Risk assessment — initial, at booking in, intoxicated (drink or drugs)"),
    (m.Charged(id="a", at=f.NOW, by=SERGEANT, offences=["O1"]),
     "Charged — offences: O1 Burglary dwelling"),
    (m.Search(id="a", at=f.NOW, level="strip", authorised_by=SERGEANT, place="custody_suite"),
     "Search — strip search, authorised by S0001 (sergeant), in the custody suite"),
    (m.ExtensionAuthorised(id="a", at=f.NOW, by=SUPERINTENDENT,
                           until=f.NOW + dt.timedelta(hours=12)),
     "Detention extended (s.42) — detention extended until 08:00 GMT on 13 Jan"),
    (m.HcpRequested(id="a", at=f.NOW), "Health care requested"),
])  # fmt: skip
def test_entries_are_described_in_plain_words(event, words):
    assert event_forms.describe(event, {"O1": "O1 Burglary dwelling"}) == words


def test_every_role_that_records_has_a_form_for_each_of_its_types():
    for kinds in RECORDS.values():
        for kind in kinds - {"correction"}:
            assert event_forms.questions(kind, setting())


def test_nothing_is_stored_when_the_service_refuses(client, record):
    signed_in(client, "custody_officer", record)
    before = list(record.events.values_list("hash", flat=True))
    post(client, record, "review", mode="video", outcome="release")
    assert list(record.events.values_list("hash", flat=True)) == before
    assert records.rules_record(record).events[-1].id == "b6"


def test_coded_answers_read_as_words_and_free_text_keeps_its_label():
    authorised = m.DetentionAuthorised(id="a", at=f.NOW, by=SERGEANT, grounds="charging_decision")
    assert event_forms.describe(authorised) == "Detention authorised — for a charging decision"
    delay = m.RightDelayAuthorised(id="a", at=f.NOW, by=SUPERINTENDENT, right="legal_advice",
                                   grounds="Would alert others")  # fmt: skip
    assert event_forms.describe(delay) == (
        "Delay of a right authorised — free legal advice, grounds for the delay: Would alert others"
    )


def test_a_correction_that_leaves_the_time_alone_keeps_its_seconds():
    precise = f.NOW + dt.timedelta(seconds=27, microseconds=5)
    original = m.DrinkOffered(id="e3", at=precise, by=SERGEANT)
    data = {**when(f.NOW), "correction_reason": "Accepted after all", "accepted": "on"}
    form = EventForm("drink_offered", setting(), data=data, original=original)
    assert form.is_valid()
    payload = form.payload()
    assert payload["at"] == precise.isoformat()
    assert form.unchanged({**payload, "accepted": False})
