"""The reconciliation loaded from the database: custody force entries, reports and restraint."""

from __future__ import annotations

import datetime as dt

import pytest

from bridewell.custody import records
from bridewell.force import reconciliation, reports
from bridewell.force.reconcile import NO_FORCE, NO_RECORD, Period, Status
from tests import factories as f
from tests.force.builders import SERGEANT, complete, force_used, incident_for, submitted

pytestmark = pytest.mark.django_db

JANUARY = Period.month(2026, 1)
LATER = f.NOW + dt.timedelta(hours=6)


@pytest.fixture
def northgate():
    return f.suite("NORTHGATE")


@pytest.fixture
def record(northgate):
    return f.booked(northgate)


def officer(suite, n: int):
    return f.staff("detention_officer", suite, username=f"pc{n}")


def run(*suites):
    return reconciliation.run(JANUARY, list(suites), LATER)


def unlinked(user, at, record=None, **changes):
    """A custody-block report the officer opened without starting from the record."""
    draft = reports.start_unlinked(user, at, LATER, record=record)
    reports.save_draft(draft, user, complete(at, **changes), LATER)
    reports.submit(draft, user, LATER)
    return draft


def test_each_officer_a_custody_entry_names_has_a_report_status(northgate, record):
    one, two, three, four = (officer(northgate, n) for n in range(1, 5))
    ids = [u.staff.staff_id for u in (one, two, three, four)]
    incident = incident_for(force_used(record, ids, forms=[(ids[2], "PRONTO-881")]))
    submitted(one, incident, LATER)
    reports.start(two, incident, LATER)
    result = run(northgate)
    [check] = result.incidents
    assert check.event.incident_ref == incident.incident_ref
    assert check.event.record_id == record.record_id
    assert [(o.staff_id, o.status) for o in check.officers] == [
        (ids[0], Status.REPORTED),
        (ids[1], Status.IN_PROGRESS),
        (ids[2], Status.FORM_ELSEWHERE),
        (ids[3], Status.MISSING),
    ]
    assert check.officers[2].form_ref == "PRONTO-881"
    assert [o.staff_id for _, o in result.outstanding] == [ids[1], ids[3]]
    assert result.matched == 1
    assert not result.reconciles


def test_a_complete_month_reconciles(northgate, record):
    one = officer(northgate, 1)
    incident = incident_for(force_used(record, [one.staff.staff_id]))
    submitted(one, incident, LATER)
    result = run(northgate)
    assert result.complete == 1
    assert result.complete_share == 100.0
    assert result.reconciles


def test_another_suites_incidents_and_reports_are_left_out(northgate, record):
    riverside = f.suite("RIVERSIDE")
    theirs = f.booked(riverside)
    one = officer(riverside, 1)
    submitted(one, incident_for(force_used(theirs, [one.staff.staff_id, "PC404"])), LATER)
    result = run(northgate)
    assert result.incidents == ()
    assert result.custody_reports == ()
    assert len(run(riverside).incidents) == 1


def test_a_report_matches_force_on_another_record_of_the_same_person(northgate, record):
    riverside = f.suite("RIVERSIDE")
    earlier = f.booked(riverside, record.person, at=f.NOW - dt.timedelta(hours=3))
    force_used(earlier, ["PC404"], minutes=60)  # 18:00 GMT, at Riverside
    one = officer(northgate, 1)
    own = unlinked(one, f.NOW - dt.timedelta(minutes=20), record=record)  # 19:40
    result = run(northgate)
    [found] = result.custody_reports
    assert found.report.report_ref == own.report_ref
    assert found.matched
    assert found.event.record_id == earlier.record_id


def test_reports_matching_no_custody_entry_are_listed_with_the_reason(northgate, record):
    one, two = officer(northgate, 1), officer(northgate, 2)
    force_used(record, ["PC404"], minutes=30)  # 20:30
    far = unlinked(one, f.NOW + dt.timedelta(hours=3), record=record)  # 23:00
    loose = unlinked(two, f.NOW)
    result = run(northgate)
    assert {(m.report.report_ref, m.reason) for m in result.unmatched} == {
        (far.report_ref, NO_FORCE),
        (loose.report_ref, NO_RECORD),
    }


def test_a_report_naming_no_record_is_listed_in_its_officers_suites(northgate):
    unlinked(officer(northgate, 1), f.NOW)
    assert len(run(northgate).unmatched) == 1
    assert run(f.suite("RIVERSIDE")).unmatched == []


def test_a_separate_report_on_the_same_person_answers_for_the_officer(northgate, record):
    one = officer(northgate, 1)
    incident_for(force_used(record, [one.staff.staff_id], minutes=30))
    own = unlinked(one, f.NOW + dt.timedelta(minutes=45), record=record)
    [check] = run(northgate).incidents
    [entry] = check.officers
    assert (entry.status, entry.report_ref, entry.linked) == (
        Status.REPORTED,
        own.report_ref,
        False,
    )


def restraint(record, kind, minutes, removed=False):
    return records.append(
        record,
        {
            "type": "restraint_removed" if removed else "restraint_applied",
            "at": (f.NOW + dt.timedelta(minutes=minutes)).isoformat(),
            "by": SERGEANT,
            "kind": kind,
        },
        None,
        now=f.NOW + dt.timedelta(minutes=minutes),
    )


def test_restraint_without_a_recorded_end_is_listed(northgate, record):
    left_on = restraint(record, "handcuffs", 30)
    restraint(record, "spit_guard", 32)
    restraint(record, "spit_guard", 40, removed=True)
    [found] = run(northgate).open_restraints
    assert (found.record_id, found.event_id, found.kind) == (
        record.record_id,
        left_on.event_id,
        "handcuffs",
    )
    assert found.in_custody


def test_a_corrected_removal_counts_as_corrected(northgate, record):
    restraint(record, "handcuffs", 30)
    wrong = restraint(record, "leg_restraints", 45, removed=True)
    assert len(run(northgate).open_restraints) == 1
    records.append(
        record,
        {
            "type": "correction",
            "at": (f.NOW + dt.timedelta(hours=1)).isoformat(),
            "by": SERGEANT,
            "corrects": wrong.event_id,
            "reason": "It was the handcuffs that came off",
            "replacement": dict(wrong.payload, id="r1", kind="handcuffs"),
        },
        None,
        now=f.NOW + dt.timedelta(hours=1),
    )
    assert run(northgate).open_restraints == ()


def test_reports_with_a_restraint_start_and_no_end_are_listed(northgate, record):
    one = officer(northgate, 1)
    incident = incident_for(force_used(record, [one.staff.staff_id]))
    report = submitted(one, incident, LATER, restraint_ended_at=None)
    result = run(northgate)
    assert [r.report_ref for r in result.reports_without_restraint_end] == [report.report_ref]
    assert not result.reconciles


def test_the_incident_check_for_one_incident(northgate, record):
    one = officer(northgate, 1)
    incident = incident_for(force_used(record, [one.staff.staff_id, "PC404"]))
    submitted(one, incident, LATER)
    check = reconciliation.incident_check(incident)
    assert [(o.staff_id, o.status) for o in check.officers] == [
        (one.staff.staff_id, Status.REPORTED),
        ("PC404", Status.MISSING),
    ]
