"""Incidents from custody force events, what each officer owes, drafts, submission and edits."""

from __future__ import annotations

import datetime as dt

import pytest

from bridewell.custody import records
from bridewell.force import incidents, reports
from bridewell.force.models import Incident, Report
from bridewell.force.report import ReportInvalid
from tests import factories as f
from tests.force.builders import SERGEANT, complete, force_used, incident_for, submitted

pytestmark = pytest.mark.django_db

LATER = f.NOW + dt.timedelta(hours=3)


@pytest.fixture
def record():
    return f.booked(f.suite("NORTHGATE"))


def officer(n: int = 1):
    return f.staff("detention_officer", f.suite("NORTHGATE"), username=f"pc{n}")


def test_each_force_event_becomes_one_incident_owed_by_every_officer_it_names(record):
    one, two = officer(1), officer(2)
    event = force_used(record, [one.staff.staff_id, two.staff.staff_id], tactics=["ced_aimed"])
    assert incidents.sync() == 1
    assert incidents.sync() == 0
    incident = Incident.objects.get()
    assert (incident.event, incident.record, incident.person) == (event, record, record.person)
    assert incident.tactics == ["ced_aimed"]
    assert incident.supervising_officer == "S0001"
    assert [o.incident for o in reports.owed(one)] == [incident]
    assert [o.incident for o in reports.owed(two)] == [incident]


def test_a_submitted_report_is_no_longer_owed_and_a_draft_still_is(record):
    one, two = officer(1), officer(2)
    incident = incident_for(force_used(record, [one.staff.staff_id, two.staff.staff_id]))
    submitted(one, incident, LATER)
    draft = reports.start(two, incident, LATER)
    assert reports.owed(one) == []
    [owed] = reports.owed(two)
    assert owed.draft == draft


def test_a_draft_starts_from_what_the_custody_record_says(record):
    one = officer()
    incident = incident_for(force_used(record, [one.staff.staff_id], tactics=["spit_bite_guard"]))
    data = reports.start(one, incident, LATER).answers
    assert data.occurred_at == incident.occurred_at
    assert data.tactics == ["spit_bite_guard"]
    assert data.locations == ["custody_block"]
    assert data.supervising_officer == "S0001"
    assert data.juvenile is False


def test_only_officers_the_record_names_report_on_its_incident(record):
    incident = incident_for(force_used(record, ["PC9999"]))
    with pytest.raises(reports.NotYours):
        reports.start(officer(), incident, LATER)


def test_a_draft_may_be_incomplete_but_not_contradictory(record):
    one = officer()
    draft = reports.start(one, incident_for(force_used(record, [one.staff.staff_id])), LATER)
    answers = draft.answers
    answers.subject_injured = "no"
    reports.save_draft(draft, one, answers, LATER)
    answers.subject_injury_level = "minor"
    with pytest.raises(ReportInvalid) as refused:
        reports.save_draft(draft, one, answers, LATER)
    assert [p.field for p in refused.value.problems] == ["subject_injury_level"]
    with pytest.raises(ReportInvalid) as incomplete:
        reports.submit(draft, one, LATER)
    assert "tactics" not in {p.field for p in incomplete.value.problems}  # taken from the record
    assert {"reasons", "account", "health_check_at"} <= {p.field for p in incomplete.value.problems}


def test_an_edit_after_submission_needs_a_reason_and_keeps_every_version(record):
    one = officer()
    report = submitted(one, incident_for(force_used(record, [one.staff.staff_id])), LATER)
    changed = complete(report.occurred_at, subject_injured="yes", subject_injury_level="minor")
    with pytest.raises(ReportInvalid) as refused:
        reports.edit(report, one, changed, "  ", LATER)
    assert [p.field for p in refused.value.problems] == ["reason"]
    reports.edit(report, one, changed, "Graze to his wrist seen by the nurse", LATER)
    report.refresh_from_db()
    versions = list(report.revisions.values_list("version", "reason", "data__subject_injured"))
    assert versions == [(1, "", "no"), (2, "Graze to his wrist seen by the nurse", "yes")]
    assert report.answers.subject_injury_level == "minor"


def test_nobody_else_edits_an_officers_report(record):
    one = officer(1)
    report = submitted(one, incident_for(force_used(record, [one.staff.staff_id])), LATER)
    with pytest.raises(reports.NotYours):
        reports.edit(report, officer(2), complete(report.occurred_at), "mine now", LATER)


def test_a_correction_of_the_officers_named_changes_who_owes_a_report(record):
    one, two = officer(1), officer(2)
    event = force_used(record, [one.staff.staff_id])
    incidents.sync()
    replacement = dict(event.payload, officers=[two.staff.staff_id], id="f1-corrected")
    records.append(
        record,
        {
            "type": "correction",
            "at": (f.NOW + dt.timedelta(hours=1)).isoformat(),
            "by": SERGEANT,
            "corrects": event.event_id,
            "reason": "Wrong officer recorded",
            "replacement": replacement,
        },
        None,
        now=f.NOW + dt.timedelta(hours=1),
    )
    incidents.sync()
    assert reports.owed(one) == []
    assert len(reports.owed(two)) == 1


def test_force_the_record_does_not_show_opens_an_incident_of_its_own():
    one, two = officer(1), officer(2)
    at = f.NOW - dt.timedelta(hours=1)
    first = reports.start_unlinked(one, at, LATER)
    second = reports.join(two, first.incident.incident_ref, LATER)
    assert first.incident == second.incident
    assert first.incident.record is None
    assert Report.objects.count() == 2
