"""Reconciling custody force entries and reports both ways, on plain values (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from bridewell.force.reconcile import (
    NO_FORCE,
    NO_RECORD,
    ForceEvent,
    HeldReport,
    Period,
    Removal,
    Restraint,
    Status,
    check_incident,
    match,
    reconcile,
    restraint_ends,
    share,
)

T = dt.datetime(2026, 11, 12, 21, 0, tzinfo=dt.UTC)
NOVEMBER = Period.month(2026, 11)


def minutes(n: float) -> dt.datetime:
    return T + dt.timedelta(minutes=n)


def event(
    ref: str = "UOF-1",
    officers: tuple[str, ...] = ("PC1",),
    *,
    at: dt.datetime = T,
    person: str = "P-1",
    record: str = "NG-1",
    suite: str = "NORTHGATE",
    forms: tuple[tuple[str, str], ...] = (),
) -> ForceEvent:
    return ForceEvent(ref, record, suite, person, at, officers, forms)


def report(
    staff_id: str = "PC1",
    incident_ref: str = "UOF-1",
    *,
    submitted: bool = True,
    at: dt.datetime | None = T,
    person: str | None = "P-1",
    suites: frozenset[str] = frozenset({"NORTHGATE"}),
    custody_block: bool = True,
    on_force_event: bool = True,
    **kw: dt.datetime,
) -> HeldReport:
    return HeldReport(
        f"{incident_ref}-{staff_id}",
        incident_ref,
        staff_id,
        submitted,
        at,
        person,
        suites,
        custody_block,
        on_force_event,
        **kw,
    )


def statuses(check):
    return {o.staff_id: o.status for o in check.officers}


# Periods


def test_a_month_runs_from_uk_midnight_to_uk_midnight():
    july = Period.month(2026, 7)
    assert july.start == dt.datetime(2026, 6, 30, 23, 0, tzinfo=dt.UTC)  # BST
    assert july.end == dt.datetime(2026, 7, 31, 23, 0, tzinfo=dt.UTC)
    assert NOVEMBER.start == dt.datetime(2026, 11, 1, tzinfo=dt.UTC)  # GMT
    assert Period.month(2026, 12).end == dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    assert july.label == "July 2026"


def test_the_month_of_an_instant_is_its_uk_month():
    late_on_31_october_bst = dt.datetime(2026, 10, 31, 23, 30, tzinfo=dt.UTC)  # 23:30 GMT
    assert Period.month_of(late_on_31_october_bst) == Period.month(2026, 10)
    just_after_midnight_bst = dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)
    assert Period.month_of(just_after_midnight_bst) == Period.month(2026, 7)


def test_a_period_of_days_includes_its_start_not_its_end():
    week = Period.days(dt.date(2026, 11, 3), dt.date(2026, 11, 10))
    assert week.label == "3 November 2026 to 9 November 2026"
    assert week.start in week
    assert week.end not in week
    with pytest.raises(ValueError, match="end after"):
        Period.days(dt.date(2026, 11, 3), dt.date(2026, 11, 3))


# Custody entries to reports


def test_each_officer_named_is_reported_in_progress_form_elsewhere_or_missing():
    force = event(officers=("PC1", "PC2", "PC3", "PC4"), forms=(("PC3", "F-77"),))
    check = check_incident(force, [report("PC1"), report("PC2", submitted=False)])
    assert statuses(check) == {
        "PC1": Status.REPORTED,
        "PC2": Status.IN_PROGRESS,
        "PC3": Status.FORM_ELSEWHERE,
        "PC4": Status.MISSING,
    }
    assert check.officers[2].form_ref == "F-77"
    assert check.submitted == 1
    assert not check.complete
    assert not check.accounted_for


def test_an_incident_is_complete_when_every_officer_has_submitted():
    force = event(officers=("PC1", "PC2"))
    check = check_incident(force, [report("PC1"), report("PC2")])
    assert check.complete
    assert check.accounted_for


def test_a_form_held_elsewhere_accounts_for_an_officer_but_is_not_a_report():
    check = check_incident(event(forms=(("PC1", "F-1"),)), [])
    assert check.accounted_for
    assert not check.complete


def test_a_draft_held_here_outranks_a_form_referenced_elsewhere():
    check = check_incident(event(forms=(("PC1", "F-1"),)), [report(submitted=False)])
    assert statuses(check) == {"PC1": Status.IN_PROGRESS}


def test_an_officer_named_twice_is_counted_once():
    assert len(check_incident(event(officers=("PC1", "PC1")), []).officers) == 1


def test_a_report_the_officer_opened_separately_on_the_same_person_answers_for_them():
    separate = report(incident_ref="UOF-PC1-20261112-1", at=minutes(40), on_force_event=False)
    [officer] = check_incident(event(), [separate]).officers
    assert officer.status is Status.REPORTED
    assert officer.report_ref == separate.report_ref
    assert not officer.linked


@pytest.mark.parametrize(
    "other",
    [
        report(incident_ref="UOF-X", person="P-2", on_force_event=False),
        report(incident_ref="UOF-X", at=minutes(121), on_force_event=False),
        report(incident_ref="UOF-2", on_force_event=True),
    ],
    ids=["other person", "more than 2 hours apart", "a report on another force entry"],
)
def test_other_reports_do_not_answer_for_an_officer(other):
    assert statuses(check_incident(event(), [other])) == {"PC1": Status.MISSING}


def test_another_officers_report_does_not_answer_for_them():
    assert statuses(check_incident(event(), [report("PC9")])) == {"PC1": Status.MISSING}


# Reports to custody entries


@pytest.mark.parametrize("offset", [-120, 0, 120])
def test_a_custody_block_report_matches_force_on_the_same_person_within_2_hours(offset):
    found = match(report(at=minutes(offset)), [event()])
    assert found.matched
    assert found.event == event()


@pytest.mark.parametrize("offset", [-121, 121])
def test_more_than_2_hours_apart_does_not_match(offset):
    found = match(report(at=minutes(offset)), [event()])
    assert not found.matched
    assert found.reason == NO_FORCE


def test_force_on_another_person_does_not_match():
    assert not match(report(person="P-2"), [event(person="P-1")]).matched


def test_force_on_another_record_of_the_same_person_matches_even_in_another_suite():
    elsewhere = event("UOF-9", record="RS-4", suite="RIVERSIDE", at=minutes(30))
    found = match(report(person="P-1", incident_ref="UOF-X", on_force_event=False), [elsewhere])
    assert found.event == elsewhere


def test_a_report_naming_no_custody_record_cannot_be_matched():
    found = match(report(person=None), [event()])
    assert not found.matched
    assert found.reason == NO_RECORD == "no custody record named"


def test_the_nearest_entry_is_the_match():
    near, far = event("UOF-2", at=minutes(20)), event("UOF-3", at=minutes(-60))
    assert match(report(), [far, near]).event == near


# Restraint


def restraint(kind: str = "handcuffs", at: float = 0, event_id: str = "b1", record="NG-1"):
    return Restraint(record, "NORTHGATE", event_id, kind, minutes(at))


def test_removals_end_the_earliest_restraint_of_their_kind_still_on():
    first, second = restraint(at=0, event_id="b1"), restraint(at=5, event_id="b2")
    legs = restraint("leg_restraints", at=2, event_id="b3")
    removals = [
        Removal("NG-1", "handcuffs", minutes(10)),
        Removal("NG-1", "spit_guard", minutes(11)),
    ]
    assert restraint_ends([second, legs, first], removals) == [
        (first, minutes(10)),
        (legs, None),
        (second, None),
    ]


def test_a_removal_at_the_same_instant_counts_and_one_before_does_not():
    on = restraint(at=0)
    assert restraint_ends([on], [Removal("NG-1", "handcuffs", minutes(0))]) == [(on, minutes(0))]
    assert restraint_ends([on], [Removal("NG-1", "handcuffs", minutes(-1))]) == [(on, None)]


def test_a_removal_on_another_record_does_not_end_a_restraint():
    on = restraint()
    assert restraint_ends([on], [Removal("NG-2", "handcuffs", minutes(5))]) == [(on, None)]


# The whole reconciliation


def test_reconcile_takes_the_period_and_suites_and_matches_beyond_them():
    ours = event("UOF-1", officers=("PC1", "PC2"))
    october = event("UOF-0", at=dt.datetime(2026, 10, 31, 23, 30, tzinfo=dt.UTC))
    theirs = event("UOF-R", suite="RIVERSIDE", record="RS-1", person="P-3")
    early = report(
        "PC5",
        "UOF-PC5-1",
        at=dt.datetime(2026, 11, 1, 0, 30, tzinfo=dt.UTC),
        on_force_event=False,
    )
    result = reconcile(
        NOVEMBER,
        ["NORTHGATE"],
        [ours, october, theirs],
        [
            report("PC1"),
            report("PC2", submitted=False),
            early,
            report("PC7", "UOF-R", person="P-3", suites=frozenset({"RIVERSIDE"})),
            report("PC8", "UOF-S", person=None, on_force_event=False, custody_block=False),
        ],
    )
    assert [i.event for i in result.incidents] == [ours]
    assert [(m.report.staff_id, m.event) for m in result.custody_reports] == [
        ("PC5", october),  # 1 hour apart, across the month boundary
        ("PC1", ours),
    ]
    assert result.officers == {Status.REPORTED: 1, Status.IN_PROGRESS: 1}
    assert [(i.event.incident_ref, o.staff_id) for i, o in result.outstanding] == [("UOF-1", "PC2")]
    assert (result.complete, result.complete_share) == (0, 0.0)
    assert (result.matched, result.matched_share) == (2, 100.0)
    assert not result.reconciles


def test_everything_reconciles_when_nothing_is_outstanding():
    result = reconcile(
        NOVEMBER,
        ["NORTHGATE"],
        [event(officers=("PC1", "PC2"), forms=(("PC2", "F-2"),))],
        [report("PC1")],
        [restraint(at=0)],
        [Removal("NG-1", "handcuffs", minutes(15))],
    )
    assert result.reconciles
    assert result.complete == 0
    assert result.accounted_for == 1
    assert [(i.event.incident_ref, o.form_ref) for i, o in result.forms_elsewhere] == [
        ("UOF-1", "F-2")
    ]


def test_unmatched_reports_and_restraint_without_an_end_are_listed():
    stray = report("PC3", "UOF-PC3-1", person=None, on_force_event=False)
    unended = report("PC1", restraint_started_at=T)
    result = reconcile(
        NOVEMBER,
        ["NORTHGATE"],
        [event()],
        [unended, stray],
        [
            restraint(at=0),
            restraint(at=30, record="NG-2"),
            restraint(at=0, record="RS-1")._replace(suite="RIVERSIDE"),
        ],
        [Removal("NG-2", "handcuffs", minutes(40))],
    )
    assert [(m.report.staff_id, m.reason) for m in result.unmatched] == [("PC3", NO_RECORD)]
    assert [r.record_id for r in result.open_restraints] == ["NG-1"]
    assert result.reports_without_restraint_end == (unended,)
    assert not result.reconciles


def test_drafts_and_reports_outside_the_custody_block_are_not_matched():
    result = reconcile(
        NOVEMBER,
        ["NORTHGATE"],
        [],
        [report(submitted=False), report("PC2", custody_block=False, person=None)],
    )
    assert result.custody_reports == ()
    assert result.matched_share is None
    assert result.reconciles


def test_shares_are_percentages_and_none_of_nothing():
    assert share(1, 4) == 25.0
    assert share(0, 0) is None
