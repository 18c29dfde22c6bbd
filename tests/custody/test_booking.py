"""Booking in: the custody officer's journey from arrival to a new custody record."""

import datetime as dt
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from bridewell.accounts.roles import ROLES
from bridewell.custody import booking
from bridewell.custody.models import Alias, CustodyRecord, Person
from bridewell.web import clock
from tests import factories as f

pytestmark = pytest.mark.django_db

T = f.NOW  # 20:00 GMT on 12 January 2026
NO = dict.fromkeys((q.key for q in booking.QUESTIONS), "False")


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: T)


@pytest.fixture
def northgate():
    return f.suite("NORTHGATE")


@pytest.fixture
def sergeant(client, northgate):
    user = f.staff("custody_officer", northgate)
    client.force_login(user)
    return user


def local(day, month, year, time, prefix):
    return {f"{prefix}_day": day, f"{prefix}_month": month, f"{prefix}_year": year,
            f"{prefix}_time": time, f"{prefix}_zone": ""}  # fmt: skip


ARREST = {
    **local("12", "1", "2026", "19:40", "arrived_at"),
    "place": "elsewhere",
    **local("12", "1", "2026", "19:05", "arrested_at"),
}
OFFENCE = {"title": "Burglary dwelling", "mode_of_trial": "either_way", "continue": ""}
NEW_PERSON = {"surname": "Okafor", "forenames": "Jamie", "birth_date_day": "3",
              "birth_date_month": "4", "birth_date_year": "1990"}  # fmt: skip
DETAILS = {"sex": "male", "ethnicity_self": "B2", "ethnicity_officer": "black",
           "language": "English", "needs_interpreter": "False", "nationality": "gb"}  # fmt: skip
LEVEL_1 = {"level": "1", "reason": "No risks found at booking in"}
AUTHORISED = {"authorised": "True", "grounds": "obtain_evidence_by_questioning"}
RIGHTS = {"given": "True", "requested": ["legal_advice"]}


class Journey:
    """One booking in, driven through the pages as a custody officer's browser would."""

    def __init__(self, client, code="NORTHGATE"):
        self.client = client
        response = client.post(reverse("book-in", args=[code]))
        assert response.status_code == 302, response
        match = re.fullmatch(rf"/suites/{code}/book-in/(\w+)/arrest/", response["Location"])
        assert match, response["Location"]
        self.code, self.id = code, match[1]

    def url(self, page, change=False):
        return reverse(f"book-in-{page}", args=[self.code, self.id]) + (
            "?change=1" if change else ""
        )

    def get(self, page, **params):
        return self.client.get(self.url(page), params)

    def post(self, page, data, change=False):
        return self.client.post(self.url(page, change), data)

    def answer(self, page, data, then=None):
        """Post a page's answers; they must be accepted, and lead to ``then`` if given."""
        response = self.post(page, data)
        assert response.status_code == 302, response.context["form"].errors
        if then is not None:
            assert response["Location"] == self.url(then)
        return response

    def up_to_risk(self, person=NEW_PERSON, details=DETAILS, arrest=ARREST):
        self.answer("arrest", arrest, "offences")
        self.answer("offences", OFFENCE, "person")
        self.answer("new-person", person, "details")
        self.answer("details", details, "risk")

    def through(self, risk=NO, level=LEVEL_1, cell=None, rights=RIGHTS, **kw):
        """The whole journey up to the check-your-answers page."""
        self.up_to_risk(**kw)
        self.answer("risk", risk, "observation")
        self.answer("observation", level, "cell")
        free = self.get("cell").context["form"].fields["cell"].choices
        self.answer("cell", {"cell": cell or free[0][0]}, "detention")
        self.answer("detention", AUTHORISED, "rights")
        self.answer("rights", rights, "check")

    def book_in(self):
        response = self.client.post(self.url("check"))
        assert response.status_code == 302, response.context.get("problems")
        record = CustodyRecord.objects.get()
        assert response["Location"] == reverse("record", args=[record.record_id])
        return record, response


def types(record):
    return [e.type for e in record.events.order_by("seq")]


def payloads(record, kind):
    return [e.payload for e in record.events.filter(type=kind).order_by("seq")]


def test_an_intoxicated_person_is_booked_in_on_level_2_with_a_roused_visit_due_in_30_minutes(
    client, northgate, sergeant
):
    journey = Journey(client)
    journey.through(
        risk={**NO, "intoxicated": "True", "intoxicated_details": "Smells of alcohol, unsteady"},
        level={"level": "2", "reason": "Drunk: rouse every 30 minutes"},
    )
    record, response = journey.book_in()

    assert types(record) == [
        "arrested", "arrived", "detention_authorised", "rights_given", "right_requested",
        "risk_assessed", "observation_level_set", "note",
    ]  # fmt: skip
    by = {"id": sergeant.staff.staff_id, "rank": "sergeant", "role": "custody_officer"}
    assert all(e.recorded_by == sergeant for e in record.events.all())
    [arrested] = payloads(record, "arrested")
    assert arrested == {"id": "b1", "type": "arrested", "at": "2026-01-12T19:05:00Z",
                        "place": "elsewhere", "offences": ["O1"]}  # fmt: skip
    [risk] = payloads(record, "risk_assessed")
    assert risk == {"id": "b6", "type": "risk_assessed", "at": "2026-01-12T20:00:00Z", "by": by,
                    "stage": "initial", "intoxicated": True}  # fmt: skip
    [level] = payloads(record, "observation_level_set")
    assert (level["level"], level["reason"]) == (2, "Drunk: rouse every 30 minutes")
    [note] = payloads(record, "note")
    assert note["text"].splitlines()[:2] == [
        "Initial risk assessment:",
        "- Have they ever tried to harm themselves or end their life? No.",
    ]
    drunk = (
        "- Are they under the influence of alcohol or drugs now? Yes: Smells of alcohol, unsteady"
    )
    assert drunk in note["text"].splitlines()
    assert [p["right"] for p in payloads(record, "right_requested")] == ["legal_advice"]

    assert record.observation_level == 2
    assert record.rousing
    assert record.next_due_at == T + dt.timedelta(minutes=30)
    assert record.next_due_rule == "PACE-CARE-2"
    assert record.arrived_at == dt.datetime(2026, 1, 12, 19, 40, tzinfo=dt.UTC)
    assert record.limit_at == record.arrived_at + dt.timedelta(hours=24)
    assert record.findings_count == 0
    assert record.cell.name == "C1"
    assert record.suite == northgate
    assert [(o.ref, o.title, o.mode_of_trial) for o in record.offences.all()] == [
        ("O1", "Burglary dwelling", "either_way")
    ]
    person = record.person
    assert re.fullmatch(r"P-[0-9A-F]{12}", person.person_id)
    assert (person.surname, person.forenames, person.birth_date) == ("Okafor", "Jamie",
                                                                      dt.date(1990, 4, 3))  # fmt: skip
    assert record.detainee == {
        "person_id": person.person_id, "birth_date": "1990-04-03", "sex": "male",
        "ethnicity_self": "B2", "ethnicity_officer": "black", "language": "English",
        "nationality": "GB",
    }  # fmt: skip
    [message] = get_messages(response.wsgi_request)
    assert str(message) == f"OKAFOR, Jamie booked in: custody record {record.record_id}"
    # The draft is gone: the journey cannot be booked in twice.
    again = client.post(journey.url("check"))
    assert again.status_code == 404
    assert CustodyRecord.objects.count() == 1


def test_the_observation_page_suggests_level_2_and_says_why(client, sergeant):
    journey = Journey(client)
    journey.up_to_risk()
    journey.answer("risk", {**NO, "swallowed_drugs": "True"}, "observation")
    page = journey.get("observation")
    assert page.context["form"].initial == {"level": 2}
    html = page.content.decode()
    assert "Suggested: level 2, with rousing" in html
    assert "because they may have swallowed or hidden drugs" in html


def test_an_existing_person_is_found_by_alias_and_date_of_birth(client, northgate, sergeant):
    known = f.person("PRICE", "Dana", birth_date=dt.date(1985, 6, 1), sex="female",
                     ethnicity_self="W1")  # fmt: skip
    Alias.objects.create(person=known, name="Dee Jones")
    f.person("PRICE", "Morgan", birth_date=dt.date(1970, 1, 1))
    journey = Journey(client)
    journey.answer("arrest", ARREST)
    journey.answer("offences", OFFENCE)

    found = journey.get("person", name="jones", born_day="1", born_month="6", born_year="1985")
    assert [p.pk for p in found.context["results"]] == [known.pk]
    assert "Dee Jones" in found.content.decode()
    assert len(journey.get("person", name="price").context["results"]) == 2
    missing = journey.get("person", name="")
    assert "Enter a name or a date of birth to search for" in missing.content.decode()

    journey.answer("person", {"person": known.pk}, "details")
    # Apparent age is not asked: the date of birth is known.
    assert "apparent_age" not in journey.get("details").context["form"].fields
    journey.answer("details", {**DETAILS, "sex": "female", "ethnicity_self": "W1",
                               "ethnicity_officer": "white"}, "risk")  # fmt: skip
    journey.answer("risk", NO)
    journey.answer("observation", LEVEL_1)
    journey.answer("cell", {"cell": "none"})
    journey.answer("detention", AUTHORISED)
    journey.answer("rights", RIGHTS, "check")
    record, _ = journey.book_in()
    assert record.person == known
    assert record.detainee["person_id"] == known.person_id
    assert record.cell is None
    assert Person.objects.count() == 2


def test_a_juvenile_is_shown_as_one_and_the_appropriate_adult_request_is_recorded(client, sergeant):
    journey = Journey(client)
    born_2009 = {**NEW_PERSON, "birth_date_year": "2009", "birth_date_month": "12",
                 "birth_date_day": "1"}  # fmt: skip
    journey.up_to_risk(person=born_2009)
    page = journey.get("risk").content.decode()
    assert "Juvenile" in page
    assert "Aged 16 on the day they arrived: an appropriate adult will be needed" in page
    journey.answer("risk", NO)
    journey.answer("observation", LEVEL_1)
    journey.answer("cell", {"cell": "none"})
    journey.answer("detention", AUTHORISED, "rights")
    # The appropriate adult question must be answered.
    refused = journey.post("rights", RIGHTS)
    assert "Select yes if you have asked for an appropriate adult" in refused.content.decode()
    journey.answer("rights", {**RIGHTS, "aa_requested": "True"}, "check")
    record, _ = journey.book_in()
    assert "appropriate_adult_requested" in types(record)
    assert record.juvenile
    assert "PACE-AA-4" not in {o["rule"] for o in record.obligations}


def test_age_is_taken_on_the_uk_date_of_arrival():
    draft = booking.new_draft("NORTHGATE", T)
    # 23:30 UTC on 30 June is 00:30 BST on 1 July in England: their 18th birthday.
    draft.arrest = booking.Arrest(
        arrived_at=dt.datetime(2026, 6, 30, 22, 30, tzinfo=dt.UTC),
        place="elsewhere",
        arrested_at=dt.datetime(2026, 6, 30, 22, 0, tzinfo=dt.UTC),
    )
    draft.person = booking.PersonAnswer(surname="A", forenames="B", birth_date=dt.date(2008, 7, 1))
    assert booking.age(draft) == 17
    draft.arrest.arrived_at = dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)
    assert booking.age(draft) == 18
    assert not booking.juvenile(draft)


def test_an_unreadable_draft_is_treated_as_gone():
    assert booking.from_session({"id": "x", "suite": "NORTHGATE"}) is None


def test_summer_times_are_entered_and_shown_in_bst(client, sergeant, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 5, 4, 19, 0, tzinfo=dt.UTC))
    journey = Journey(client)
    journey.through(
        arrest={
            **local("4", "5", "2026", "19:40", "arrived_at"),
            "place": "elsewhere",
            **local("4", "5", "2026", "19:05", "arrested_at"),
        }
    )
    assert "Mon 4 May 2026 19:40 BST" in journey.get("check").content.decode()
    record, _ = journey.book_in()
    assert record.arrived_at == dt.datetime(2026, 5, 4, 18, 40, tzinfo=dt.UTC)


def test_vulnerability_and_an_interpreter_are_recorded_from_the_answers(client, sergeant):
    journey = Journey(client)
    journey.through(
        risk={
            **NO,
            "mental_health": "True",
            "mental_health_details": "Bipolar disorder",
            "self_harm_history": "True",
        },
        details={**DETAILS, "language": "Polish", "needs_interpreter": "True", "nationality": "PL"},
        rights={
            **RIGHTS,
            "aa_requested": "True",
            "aa_present": "on",
            "interpreter_requested": "True",
            "interpreter_present": "on",
            "requested": ["legal_advice", "consular"],
        },
    )
    record, _ = journey.book_in()
    assert types(record)[2:] == [
        "detention_authorised", "appropriate_adult_requested", "appropriate_adult_arrived",
        "interpreter_requested", "interpreter_arrived", "rights_given", "right_requested",
        "right_requested", "vulnerability_identified", "risk_assessed", "observation_level_set",
        "note",
    ]  # fmt: skip
    [given] = payloads(record, "rights_given")
    assert given["appropriate_adult_present"]
    assert given["interpreter_present"]
    assert payloads(record, "vulnerability_identified")[0]["kind"] == "mental_health"
    assert payloads(record, "risk_assessed")[0]["self_harm_risk"] is True
    assert record.detainee["vulnerable"] is True
    assert record.vulnerable
    assert record.needs_interpreter


def test_an_interpreter_who_was_there_must_have_been_asked_for(client, sergeant):
    journey = Journey(client)
    journey.up_to_risk(details={**DETAILS, "needs_interpreter": "True", "language": "Urdu"})
    journey.answer("risk", NO)
    journey.answer("observation", LEVEL_1)
    journey.answer("cell", {"cell": "none"})
    journey.answer("detention", AUTHORISED)
    page = journey.post("rights", {**RIGHTS, "interpreter_present": "on",
                                   "interpreter_requested": "False"})  # fmt: skip
    assert page.status_code == 200
    assert "An interpreter was there, so select yes" in page.content.decode()


def test_refused_detention_ends_with_the_release(client, sergeant):
    journey = Journey(client)
    journey.up_to_risk()
    journey.answer("risk", NO)
    journey.answer("observation", LEVEL_1)
    journey.answer("cell", {"cell": "none"})
    journey.answer("detention", {"authorised": "False"}, "release")
    # No rights step on this path.
    assert journey.get("rights")["Location"] == journey.url("release")
    journey.answer("release", {"outcome": "nfa", "prra": "True"}, "check")
    page = journey.get("check").content.decode()
    assert "Record the refusal and release" in page
    record, response = journey.book_in()
    assert types(record) == [
        "arrested", "arrived", "detention_refused", "risk_assessed", "observation_level_set",
        "note", "prra_completed", "released",
    ]  # fmt: skip
    assert payloads(record, "released")[0]["outcome"] == "nfa"
    assert not record.is_open
    assert record.ended_at == T
    assert record.cell is None
    assert record.findings_count == 0
    [message] = get_messages(response.wsgi_request)
    assert str(message).startswith("Detention refused and OKAFOR, Jamie released")


def test_change_links_go_back_to_the_answer_and_return_to_check_your_answers(client, sergeant):
    journey = Journey(client)
    journey.through()
    page = journey.get("check")
    html = page.content.decode()
    change = journey.url("observation", change=True)
    assert f'href="{change}"' in html
    assert 'Change<span class="govuk-visually-hidden"> observation level</span>' in html
    assert f'href="{journey.url("new-person", change=True)}"' in html

    form_page = client.get(change)
    assert form_page.context["back"] == journey.url("check")
    assert form_page.context["form"].initial["level"] == 1
    response = journey.post("observation", {"level": "3", "reason": "Threatened self-harm"},
                            change=True)  # fmt: skip
    assert response["Location"] == journey.url("check")
    assert "Level 3: constant observation" in journey.get("check").content.decode()

    # A change that needs new answers leads to them before the check page.
    journey.answer("detention", {"authorised": "False"}, "release")
    journey.answer("release", {"outcome": "other", "prra": "False"}, "check")
    journey.answer("detention", AUTHORISED, "check")


def test_a_new_date_of_birth_asks_the_questions_it_changes(client, sergeant):
    journey = Journey(client)
    journey.through()
    no_birth_date = {**NEW_PERSON, "birth_date_day": "", "birth_date_month": "",
                     "birth_date_year": ""}  # fmt: skip
    journey.answer("new-person", no_birth_date, "details")
    form = journey.get("details").context["form"]
    assert "apparent_age" in form.fields
    journey.answer("details", {**DETAILS, "apparent_age": "15"}, "rights")
    assert "Aged 15" in journey.get("rights").content.decode()
    journey.answer("rights", {**RIGHTS, "aa_requested": "True"}, "check")
    record, _ = journey.book_in()
    assert record.detainee["apparent_age"] == 15
    assert "birth_date" not in record.detainee
    assert record.juvenile


def test_back_links_lead_to_the_page_before(client, sergeant):
    journey = Journey(client)
    assert journey.get("arrest").context["back"] == reverse("book-in", args=["NORTHGATE"])
    journey.answer("arrest", ARREST)
    assert journey.get("offences").context["back"] == journey.url("arrest")
    journey.answer("offences", OFFENCE)
    assert journey.get("new-person").context["back"] == journey.url("person")
    journey.answer("new-person", NEW_PERSON)
    assert journey.get("details").context["back"] == journey.url("new-person")
    assert 'class="govuk-back-link"' in journey.get("person").content.decode()


def test_pages_cannot_be_skipped(client, sergeant):
    journey = Journey(client)
    response = journey.get("risk")
    assert response["Location"] == journey.url("arrest")
    journey.answer("arrest", ARREST)
    assert journey.get("check")["Location"] == journey.url("offences")


def test_offences_are_added_one_by_one_and_can_be_removed(client, sergeant):
    journey = Journey(client)
    journey.answer("arrest", ARREST)
    none = journey.post("offences", {"title": "", "continue": ""})
    assert none.status_code == 200
    html = none.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_title">Add at least one offence' in html
    no_mode = journey.post("offences", {"title": "Theft", "add": ""})
    assert "Select the mode of trial" in no_mode.content.decode()
    added = journey.post("offences", {"title": "Theft", "mode_of_trial": "either_way", "add": ""})
    assert added["Location"] == journey.url("offences")
    assert "Enter the offence" in journey.post("offences", {"add": ""}).content.decode()
    journey.post("offences", {"title": "Assault by beating", "mode_of_trial": "summary_only",
                              "add": ""})  # fmt: skip
    journey.post("offences", {"title": "Robbery", "mode_of_trial": "indictable_only", "add": ""})
    journey.post("offences", {"remove": "1"})
    page = journey.get("offences")
    assert [t for t, _ in page.context["added"]] == ["Theft", "Robbery"]
    journey.answer("offences", {"title": "", "continue": ""}, "person")


@pytest.mark.parametrize(
    ("page", "data", "message"),
    [
        ("arrest", {**ARREST, "arrested_at_time": "19:50"},
         "The arrest must be before they arrived at the station"),
        ("arrest", {**ARREST, "arrived_at_time": "20:30"}, "The arrival time cannot be in the future"),
        ("arrest", {**ARREST, "voluntary_attendance": "on"},
         "Someone who came voluntarily is arrested at the station"),
        ("arrest", {**ARREST, "arrived_at_day": ""}, "Enter a full date and a time"),
        ("arrest", {**ARREST, "place": ""}, "Select where they were arrested"),
    ],
)  # fmt: skip
def test_arrest_answers_are_checked(client, sergeant, page, data, message):
    journey = Journey(client)
    response = journey.post(page, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert html.count(message) == 2  # in the summary and by the field


def test_missing_answers_later_in_the_journey_are_errors(client, sergeant):
    journey = Journey(client)
    journey.up_to_risk()
    risk = journey.post("risk", {k: v for k, v in NO.items() if k != "injuries"})
    assert 'href="#id_injuries_0">Select yes or no: injuries' in risk.content.decode()
    journey.answer("risk", NO)
    level = journey.post("observation", {"level": "2", "reason": ""})
    assert "Enter the reason for this observation level" in level.content.decode()
    assert level.context["form"].errors.keys() == {"reason"}
    journey.answer("observation", LEVEL_1)
    journey.answer("cell", {"cell": "none"})
    grounds = journey.post("detention", {"authorised": "True"})
    assert "Select the grounds for detention" in grounds.content.decode()
    journey.answer("detention", AUTHORISED)
    rights = journey.post("rights", {"given": "False"})
    assert "Enter why their rights have not been given yet" in rights.content.decode()
    journey.answer("rights", {"given": "False", "not_given_reason": "Too drunk to understand"})
    record, _ = journey.book_in()
    assert "rights_given" not in types(record)
    assert payloads(record, "note")[0]["text"] == (
        "Rights and entitlements not given yet: Too drunk to understand"
    )


def test_details_are_checked(client, sergeant):
    journey = Journey(client)
    journey.answer("arrest", ARREST)
    journey.answer("offences", OFFENCE)
    future = journey.post("new-person", {**NEW_PERSON, "birth_date_year": "2027"})
    assert "The date of birth must be in the past" in future.content.decode()
    journey.answer("new-person", {"surname": "Unknown"}, "details")
    response = journey.post("details", {**DETAILS, "nationality": "Polish", "language": "",
                                        "needs_interpreter": "True"})  # fmt: skip
    errors = response.context["form"].errors
    assert errors["nationality"] == ["Enter a two-letter country code, like GB"]
    assert errors["language"] == ["Enter the language the interpreter must speak"]
    assert errors["apparent_age"] == ["Enter how old they seem, in years"]


def test_cells_with_an_open_record_are_not_offered_and_a_cell_taken_meanwhile_is_refused(
    client, northgate, sergeant
):
    f.booked(northgate)  # in C1
    journey = Journey(client)
    journey.up_to_risk()
    journey.answer("risk", NO)
    journey.answer("observation", LEVEL_1)
    choices = journey.get("cell").context["form"].fields["cell"].choices
    assert [name for _, name in choices] == ["C2", "C3", "C4", "Not allocated yet"]
    c2 = northgate.cells.get(name="C2")
    journey.answer("cell", {"cell": str(c2.pk)})
    journey.answer("detention", AUTHORISED)
    journey.answer("rights", RIGHTS, "check")
    other = f.booked(northgate, f.person("LATER"))
    CustodyRecord.objects.filter(pk=other.pk).update(cell=c2)
    response = client.post(journey.url("check"))
    assert response.status_code == 200
    assert "Cell C2 is no longer free: choose another" in (response.content.decode())
    assert not CustodyRecord.objects.filter(person__surname="Okafor").exists()
    assert Person.objects.filter(surname="Okafor").count() == 0


def test_a_person_no_longer_held_is_asked_for_again(client, sergeant):
    known = f.person("PRICE", "Dana", birth_date=dt.date(1985, 6, 1))
    journey = Journey(client)
    journey.answer("arrest", ARREST)
    journey.answer("offences", OFFENCE)
    journey.answer("person", {"person": known.pk}, "details")
    journey.answer("details", DETAILS)
    journey.answer("risk", NO)
    journey.answer("observation", LEVEL_1)
    journey.answer("cell", {"cell": "none"})
    journey.answer("detention", AUTHORISED)
    journey.answer("rights", RIGHTS, "check")
    known.delete()
    html = client.post(journey.url("check")).content.decode()
    assert "PRICE, Dana is no longer held as a person: find them again" in html
    assert f'href="{journey.url("person", change=True)}"' in html
    assert not CustodyRecord.objects.exists()


def test_two_bookings_in_two_tabs_keep_their_own_answers(client, sergeant):
    first, second = Journey(client), Journey(client)
    assert first.id != second.id
    first.up_to_risk()
    second.answer("arrest", {**ARREST, "arrived_at_time": "19:55"})
    second.answer("offences", {**OFFENCE, "title": "Criminal damage"})
    second.answer("new-person", {**NEW_PERSON, "surname": "Byrne"})
    assert "OKAFOR" in first.get("details").content.decode()
    assert "BYRNE" in second.get("details").content.decode()
    assert "OKAFOR" not in second.get("details").content.decode()
    start = client.get(reverse("book-in", args=["NORTHGATE"]))
    assert [d.id for d, _ in start.context["drafts"]] == [first.id, second.id]

    first.answer("details", DETAILS)
    first.answer("risk", NO)
    first.answer("observation", LEVEL_1)
    first.answer("cell", {"cell": "none"})
    first.answer("detention", AUTHORISED)
    first.answer("rights", RIGHTS)
    record, _ = first.book_in()
    assert record.person.surname == "Okafor"
    assert [o.title for o in record.offences.all()] == ["Burglary dwelling"]
    # The other booking is still there, with its own answers.
    assert second.get("details").status_code == 200
    assert second.get("offences").context["added"] == [("Criminal damage", "Either way")]


def test_drafts_belong_to_the_session(client, sergeant, northgate):
    journey = Journey(client)
    journey.answer("arrest", ARREST)
    other = f.staff("custody_officer", northgate)
    client.force_login(other)  # a new session
    assert journey.get("offences").status_code == 404
    assert "This booking is not in progress" in journey.get("offences").content.decode()


@pytest.mark.parametrize("role", sorted(set(ROLES) - {"custody_officer"}))
def test_only_custody_officers_may_book_in(client, northgate, role):
    client.force_login(f.staff(role, northgate))
    assert client.get(reverse("book-in", args=["NORTHGATE"])).status_code == 403
    assert client.post(reverse("book-in", args=["NORTHGATE"])).status_code == 403
    url = reverse("book-in-arrest", args=["NORTHGATE", "0123456789abcdef"])
    assert client.get(url).status_code == 403


def test_a_constable_in_the_custody_officer_group_may_not_book_in(client, northgate):
    client.force_login(f.staff("custody_officer", northgate, rank="constable"))
    assert client.get(reverse("book-in", args=["NORTHGATE"])).status_code == 403


def test_a_designated_staff_custody_officer_may_book_in(client, northgate):
    client.force_login(f.staff("custody_officer", northgate, rank="staff"))
    assert client.get(reverse("book-in", args=["NORTHGATE"])).status_code == 200


def test_signed_out_people_are_sent_to_sign_in(client, northgate):
    response = client.get(reverse("book-in", args=["NORTHGATE"]))
    assert response["Location"].startswith(reverse("login"))


def test_another_suite_is_not_found(client, northgate, sergeant):
    f.suite("RIVERSIDE")
    assert client.get(reverse("book-in", args=["RIVERSIDE"])).status_code == 404
    assert client.post(reverse("book-in", args=["RIVERSIDE"])).status_code == 404
    journey = Journey(client)
    assert client.get(reverse("book-in-arrest", args=["RIVERSIDE", journey.id])).status_code == 404
    sergeant.staff.suites.add(f.suite("RIVERSIDE"))
    # A draft started in one suite is not carried into another.
    response = client.get(reverse("book-in-arrest", args=["RIVERSIDE", journey.id]))
    assert response.status_code == 404


def test_the_pages_have_labels_headings_and_an_error_summary_that_links_to_the_field(
    client, sergeant
):
    journey = Journey(client)
    html = journey.get("arrest").content.decode()
    assert "<title>Arrest and arrival – Booking in" in html
    assert (
        '<label class="govuk-label govuk-date-input__label" for="id_arrived_at_0">Day</label>'
        in html
    )
    assert 'value="12"' in html
    assert 'value="20:00"' in html
    response = journey.post("arrest", {})
    html = response.content.decode()
    assert "<title>Error: Arrest and arrival" in html
    assert 'href="#id_arrived_at_0">Enter the date and time they arrived' in html
    assert 'href="#id_place_0">Select where' in html
