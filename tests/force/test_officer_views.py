"""Officers' use-of-force screens: what they owe, the report pages, submission, edits, who sees."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from bridewell.accounts.models import AccessLog
from bridewell.custody.models import CustodyRecord
from bridewell.force import report_forms as rf
from bridewell.force import reports
from bridewell.force.models import Incident, Report
from bridewell.force.report import ReportData
from bridewell.rules.localtime import LONDON
from bridewell.web import clock
from tests import factories as f
from tests.force.builders import complete, force_used, incident_for, submitted

pytestmark = pytest.mark.django_db

LATER = f.NOW + dt.timedelta(hours=3)  # 23:00 GMT; force is used at 20:30 GMT


@pytest.fixture(autouse=True)
def now(monkeypatch: pytest.MonkeyPatch) -> dt.datetime:
    monkeypatch.setattr(clock, "now", lambda: LATER)
    return LATER


@pytest.fixture
def record() -> CustodyRecord:
    return f.booked(f.suite("NORTHGATE"))


def officer(n: int = 1, suite: str = "NORTHGATE") -> User:
    return f.staff("detention_officer", f.suite(suite), username=f"pc{n}")


def signed_in(client: Client, user: User) -> User:
    client.force_login(user)
    return user


def staff_id(user: User) -> str:
    return user.staff.staff_id


def html(response: Any) -> str:
    assert response.status_code == 200
    return response.content.decode()


def url(name: str, *args: str) -> str:
    return reverse(name, args=args)


def draft_for(user: User, record: CustodyRecord, **kw: Any) -> Report:
    return reports.start(user, incident_for(force_used(record, [staff_id(user)], **kw)), LATER)


def posted(answers: ReportData, *pages: type[rf.Section]) -> dict[str, Any]:
    """The answers on ``pages`` as a browser posts them."""
    data: dict[str, Any] = {}
    for page in pages:
        for name in page.base_fields:
            value = getattr(answers, name)
            if isinstance(value, dt.datetime):
                local = value.astimezone(LONDON)
                data |= {
                    f"{name}_day": local.day,
                    f"{name}_month": local.month,
                    f"{name}_year": local.year,
                    f"{name}_time": f"{local:%H:%M}",
                }
            elif isinstance(value, bool):
                data[name] = "yes" if value else "no"
            elif value is not None:
                data[name] = value
    return data


def error_links(page: str) -> list[tuple[str, str]]:
    """The error summary's links and texts."""
    summary = re.search(r'class="govuk-error-summary".*?</ul>', page, re.S)
    assert summary, "no error summary"
    return [(href.replace("&amp;", "&"), text) for href, text in re.findall(
        r'<a href="([^"]*)">([^<]*)</a>', summary[0]
    )]  # fmt: skip


# Who may use the screens


def test_people_signed_out_are_sent_to_sign_in(client):
    response = client.get(url("force-mine"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_account_without_a_staff_number_writes_no_reports(client):
    user = User.objects.create_user("nobody", password="not-a-real-password-1")
    user.groups.add(Group.objects.get_or_create(name="detention_officer")[0])
    client.force_login(user)
    assert client.get(url("force-mine")).status_code == 403


# Your reports


def test_the_reports_an_officer_owes_are_listed_oldest_first_with_what_the_record_says(
    client, record
):
    me = signed_in(client, officer(1))
    other = f.booked(f.suite("RIVERSIDE"))
    older = incident_for(force_used(record, [staff_id(me)], minutes=30, tactics=["ced_aimed"]))
    newer = incident_for(force_used(other, [staff_id(me), "PC9999"], minutes=90))
    incident_for(force_used(record, ["PC9999"], minutes=100))
    done = incident_for(force_used(record, [staff_id(me)], minutes=120))
    submitted(me, done, LATER)
    draft = reports.start(me, newer, LATER)

    page = html(client.get(url("force-mine")))
    owed = page[page.index("Reports you owe") : page.index("Report force the custody")]
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', owed, re.S)[1:]
    assert len(rows) == 2
    first, second = rows
    assert "Mon 12 Jan 2026 20:30 GMT" in first
    assert "2 h 30 min ago" in first
    assert "Northgate" in first
    assert record.record_id in first
    assert "Taser (CED): aimed" in first
    assert "Start report" in first
    assert url("force-start", older.incident_ref) in first
    assert "Riverside" in second
    assert other.record_id in second
    assert "Continue draft" in second
    assert url("force-report", draft.report_ref) in second
    assert "Due in" in first
    assert "Overdue" not in owed
    submitted_part = page[page.index("Submitted reports") :]
    assert url("force-report", Report.objects.get(incident=done).report_ref) in submitted_part


def test_a_report_not_submitted_within_the_day_is_overdue(client, record, monkeypatch):
    me = signed_in(client, officer())
    incident_for(force_used(record, [staff_id(me)]))
    monkeypatch.setattr(clock, "now", lambda: f.NOW + dt.timedelta(days=2))
    assert "Overdue" in html(client.get(url("force-mine")))


def test_the_list_brings_incidents_up_to_date_with_the_custody_records(client, record):
    me = signed_in(client, officer())
    force_used(record, [staff_id(me)])
    assert "Start report" in html(client.get(url("force-mine")))
    assert Incident.objects.count() == 1


# Starting a report


def test_starting_an_owed_report_opens_its_task_list(client, record):
    me = signed_in(client, officer())
    incident = incident_for(force_used(record, [staff_id(me)]))
    response = client.post(url("force-start", incident.incident_ref))
    draft = Report.objects.get(officer=me)
    assert response["Location"] == url("force-report", draft.report_ref)
    page = html(client.get(response["Location"]))
    assert "Your use of force report" in page
    assert "Custody details" in page
    assert "Completed" in page
    assert "Not yet started" in page
    assert record.record_id in page


def test_an_officer_the_record_does_not_name_cannot_start_a_report_on_it(client, record):
    signed_in(client, officer(2))
    incident = incident_for(force_used(record, ["PC9999"]))
    assert client.post(url("force-start", incident.incident_ref)).status_code == 404
    assert client.post(url("force-start", "UOF-NO-SUCH")).status_code == 404
    assert not Report.objects.exists()


def test_force_the_record_does_not_show_can_be_linked_to_a_record_in_your_suite(client, record):
    me = signed_in(client, officer())
    when = {"occurred_at_day": "12", "occurred_at_month": "1", "occurred_at_year": "2026",
            "occurred_at_time": "21:15"}  # fmt: skip
    elsewhere = f.booked(f.suite("RIVERSIDE"))
    refused = html(
        client.post(url("force-start-unlinked"), {**when, "record": elsewhere.record_id})
    )
    assert "There is no custody record with that number in your suites" in refused
    assert not Report.objects.exists()

    response = client.post(url("force-start-unlinked"), {**when, "record": record.record_id})
    draft = Report.objects.get(officer=me)
    assert response["Location"] == url("force-report", draft.report_ref)
    assert draft.incident.record == record
    assert draft.incident.suite == record.suite
    assert draft.answers.occurred_at == dt.datetime(2026, 1, 12, 21, 15, tzinfo=dt.UTC)
    log = AccessLog.objects.get()
    assert (log.user, log.record, log.purpose) == (me, record, "link a use of force report")


def test_force_the_record_does_not_show_must_have_happened_already(client):
    signed_in(client, officer())
    future = {"occurred_at_day": "13", "occurred_at_month": "1", "occurred_at_year": "2026",
              "occurred_at_time": "09:00"}  # fmt: skip
    page = html(client.post(url("force-start-unlinked"), future))
    assert "The time you used force must be in the past" in page
    assert "Enter the date and time you used force" in html(
        client.post(url("force-start-unlinked"), {})
    )


def test_another_officer_joins_an_incident_by_its_reference(client, record):
    first = officer(1)
    started = reports.start_unlinked(first, f.NOW, LATER)
    me = signed_in(client, officer(2))
    response = client.post(url("force-join"), {"incident_ref": started.incident.incident_ref})
    mine = Report.objects.get(officer=me)
    assert mine.incident == started.incident
    assert response["Location"] == url("force-report", mine.report_ref)

    unknown = html(client.post(url("force-join"), {"incident_ref": "UOF-NOPE"}))
    assert "There is no incident with that reference" in unknown
    custody = incident_for(force_used(record, ["PC9999"]))
    not_named = html(client.post(url("force-join"), {"incident_ref": custody.incident_ref}))
    assert "The custody record does not name you" in not_named


# The report pages


def test_each_page_saves_the_draft_and_goes_on_to_the_next(client, record):
    me = signed_in(client, officer())
    draft = draft_for(me, record)
    response = client.post(
        url("force-section", draft.report_ref, "reasons"),
        {"reasons": ["protect_self", "prevent_harm"], "impact_factors": ["alcohol"]},
    )
    assert response["Location"] == url("force-section", draft.report_ref, "subject")
    draft.refresh_from_db()
    assert draft.answers.reasons == ["protect_self", "prevent_harm"]
    assert draft.answers.impact_factors == ["alcohol"]

    later = client.post(
        url("force-section", draft.report_ref, "subject"), {"subject_age": "18_34", "later": "1"}
    )
    assert later["Location"] == url("force-report", draft.report_ref)
    draft.refresh_from_db()
    assert draft.answers.subject_age == "18_34"


def test_a_page_shows_the_answers_saved_and_questions_from_the_code_lists(client, record):
    me = signed_in(client, officer())
    draft = draft_for(me, record, tactics=["spit_bite_guard"])
    page = html(client.get(url("force-section", draft.report_ref, "tactics")))
    assert "Which tactics did you use?" in page
    assert re.search(r'value="spit_bite_guard" checked', page)
    assert "Taser (CED): angle drive stun" in page
    assert 'type="checkbox"' in page


def test_a_contradiction_is_refused_with_the_error_on_its_field(client, record):
    me = signed_in(client, officer())
    draft = draft_for(me, record)
    response = client.post(
        url("force-section", draft.report_ref, "injuries"),
        {"subject_injured": "no", "subject_injury_level": "minor", "officer_injured": "no"},
    )
    page = html(response)
    message = "You did not say the subject was injured: remove the level or answer ‘yes’"
    assert error_links(page) == [("#id_subject_injury_level_0", message)]
    assert re.search(r'govuk-error-message">.*?' + re.escape(message), page, re.S)
    assert re.search(r'value="minor" checked', page)  # what they typed is still there
    draft.refresh_from_db()
    assert draft.answers.subject_injured is None


def test_a_contradiction_with_an_answer_on_another_page_links_to_that_page(client, record):
    me = signed_in(client, officer())
    draft = draft_for(me, record)
    answers = draft.answers
    answers.restraint_started_at = answers.occurred_at
    reports.save_draft(draft, me, answers, LATER)
    hours_later = answers.occurred_at + dt.timedelta(hours=2, minutes=15)
    response = client.post(
        url("force-section", draft.report_ref, "when"),
        posted(ReportData(occurred_at=hours_later, locations=["custody_block"]), rf.WhenWhere),
    )
    [(link, text)] = error_links(html(response))
    assert link == url("force-section", draft.report_ref, "custody") + "#id_restraint_started_at_0"
    assert "more than 2 hours before" in text


def test_custody_details_are_asked_only_for_force_in_the_custody_block(client):
    me = signed_in(client, officer())
    draft = reports.start_unlinked(me, f.NOW, LATER)
    tasks = html(client.get(url("force-report", draft.report_ref)))
    assert "Custody details" not in tasks
    custody = client.get(url("force-section", draft.report_ref, "custody"))
    assert custody["Location"] == url("force-report", draft.report_ref)
    assert client.get(url("force-section", draft.report_ref, "nonsense")).status_code == 404


def test_check_your_answers_shows_every_answer_with_a_link_to_change_it(client, record):
    me = signed_in(client, officer())
    draft = draft_for(me, record)
    reports.save_draft(draft, me, complete(draft.answers.occurred_at), LATER)
    page = html(client.get(url("force-check", draft.report_ref)))
    assert "Check your answers before submitting your report" in page
    assert "Mon 12 Jan 2026 20:30 GMT" in page
    assert "Handcuffing: non-compliant" in page
    assert "He lashed out at the booking-in desk" in page
    change = url("force-section", draft.report_ref, "subject") + "?change=1#id_subject_age_0"
    assert f'href="{change}"' in page

    response = client.post(
        url("force-section", draft.report_ref, "subject") + "?change=1",
        posted(complete(draft.answers.occurred_at, subject_age="35_49"), rf.Subject),
    )
    assert response["Location"] == url("force-check", draft.report_ref)


def test_submitting_an_incomplete_report_lists_what_is_missing_and_where(client, record):
    me = signed_in(client, officer())
    draft = draft_for(me, record)
    page = html(client.post(url("force-check", draft.report_ref)))
    links = {text: link for link, text in error_links(page)}
    fix = url("force-section", draft.report_ref, "reasons") + "?fix=1#id_reasons_0"
    assert links["Select why you used force"] == fix
    assert "Explain what happened and why force was necessary" in links
    draft.refresh_from_db()
    assert not draft.submitted

    on_the_page = html(client.get(fix))
    assert error_links(on_the_page) == [("#id_reasons_0", "Select why you used force")]
    saved = client.post(fix, {"reasons": ["protect_self"]})
    assert saved["Location"] == url("force-check", draft.report_ref)


def test_a_complete_report_is_submitted_as_version_one(client, record):
    me = signed_in(client, officer())
    draft = draft_for(me, record)
    reports.save_draft(draft, me, complete(draft.answers.occurred_at), LATER)
    response = client.post(url("force-check", draft.report_ref))
    assert response["Location"] == url("force-report", draft.report_ref)
    draft.refresh_from_db()
    assert draft.submitted
    assert draft.version == 1
    page = html(client.get(response["Location"]))
    assert "Submitted" in page
    assert "Version history" in page
    assert "Version 1 (current)" in page
    assert "Mon 12 Jan 2026 23:00 GMT" in page  # submitted at
    assert "Change your report" in page
    again = client.get(url("force-section", draft.report_ref, "tactics"))
    assert again["Location"] == url("force-edit", draft.report_ref)


# Who sees a report


def test_nobody_else_sees_an_officers_draft(client, record):
    draft = draft_for(officer(1), record)
    for user in (officer(2), f.staff("inspector", record.suite)):
        signed_in(client, user)
        for name in ("force-report", "force-check", "force-edit"):
            assert client.get(url(name, draft.report_ref)).status_code == 404
        assert client.get(url("force-section", draft.report_ref, "tactics")).status_code == 404
        assert client.post(url("force-check", draft.report_ref)).status_code == 404
    draft.refresh_from_db()
    assert not draft.submitted


def test_reviewers_in_the_suite_read_a_submitted_report_and_the_read_is_logged(client, record):
    owner = officer(1)
    report = submitted(owner, incident_for(force_used(record, [staff_id(owner)])), LATER)
    inspector = signed_in(client, f.staff("inspector", record.suite))
    page = html(client.get(url("force-report", report.report_ref)))
    assert "Version history" in page
    assert "The officer&#x27;s account" in page
    assert "Change your report" not in page
    log = AccessLog.objects.get()
    assert (log.user, log.record, log.purpose, log.view) == (
        inspector,
        record,
        "review a use of force report",
        "force-report",
    )
    assert client.get(url("force-edit", report.report_ref)).status_code == 404


def test_others_cannot_read_a_submitted_report(client, record):
    owner = officer(1)
    report = submitted(owner, incident_for(force_used(record, [staff_id(owner)])), LATER)
    for user in (
        officer(2),
        f.staff("inspector", f.suite("RIVERSIDE")),
        f.staff("scrutiny", record.suite),
        f.staff("custody_officer", record.suite),
    ):
        signed_in(client, user)
        assert client.get(url("force-report", report.report_ref)).status_code == 404
    assert not AccessLog.objects.exists()


def test_a_nominated_reviewer_reads_the_report_of_their_incident(client, record):
    owner = officer(1)
    incident = incident_for(force_used(record, [staff_id(owner)]))
    report = submitted(owner, incident, LATER)
    reviewer = signed_in(client, f.staff("inspector", f.suite("RIVERSIDE")))
    incident.reviewer = reviewer
    incident.save()
    assert "Version history" in html(client.get(url("force-report", report.report_ref)))
    assert AccessLog.objects.get().user == reviewer


# Changing a submitted report


def test_changing_a_submitted_report_needs_a_reason_and_keeps_the_history(client, record):
    me = signed_in(client, officer())
    report = submitted(me, incident_for(force_used(record, [staff_id(me)])), LATER)
    form = html(client.get(url("force-edit", report.report_ref)))
    assert "He lashed out at the booking-in desk" in form
    assert "Why are you changing your report?" in form

    changed = complete(report.occurred_at, subject_injured="yes", subject_injury_level="minor")
    data = posted(changed, *rf.SECTIONS)
    refused = html(client.post(url("force-edit", report.report_ref), data))
    assert error_links(refused) == [
        ("#id_reason", "Explain why you are changing a submitted report")
    ]
    assert report.revisions.count() == 1

    reason = "Graze to his wrist seen by the nurse"
    response = client.post(url("force-edit", report.report_ref), {**data, "reason": reason})
    assert response["Location"] == url("force-report", report.report_ref)
    report.refresh_from_db()
    assert report.version == 2
    assert report.answers.subject_injury_level == "minor"
    assert list(report.revisions.values_list("version", "reason")) == [(1, ""), (2, reason)]

    page = html(client.get(url("force-report", report.report_ref)))
    history = page[page.index("Version history") :]
    assert history.index("Version 2 (current)") < history.index("Version 1")
    assert reason in history
    changes = re.findall(
        r'<th scope="row" class="govuk-table__header">([^<]*)</th>\s*'
        r'<td class="govuk-table__cell">([^<]*)</td>\s*<td class="govuk-table__cell">([^<]*)</td>',
        history,
    )
    assert changes == [
        ("Subject injured", "No", "Yes"),
        ("Subject&#x27;s injury", "Not answered", "Minor"),
    ]


def test_a_change_must_change_something_and_still_be_complete(client, record):
    me = signed_in(client, officer())
    report = submitted(me, incident_for(force_used(record, [staff_id(me)])), LATER)
    same = posted(complete(report.occurred_at), *rf.SECTIONS)
    page = html(client.post(url("force-edit", report.report_ref), {**same, "reason": "Typo"}))
    assert "Nothing has changed" in page
    emptied = {**same, "account": "", "reason": "Shorter"}
    page = html(client.post(url("force-edit", report.report_ref), emptied))
    assert ("#id_account", "Explain what happened and why force was necessary") in error_links(page)
    report.refresh_from_db()
    assert report.version == 1


def test_another_officer_cannot_change_a_report(client, record):
    owner = officer(1)
    report = submitted(owner, incident_for(force_used(record, [staff_id(owner)])), LATER)
    signed_in(client, officer(2))
    data = posted(complete(report.occurred_at, account="Not what happened"), *rf.SECTIONS)
    response = client.post(url("force-edit", report.report_ref), {**data, "reason": "Mine now"})
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.version == 1
