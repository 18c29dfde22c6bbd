"""The Home Office counting rules, on hand-built reports and incidents (no database)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest

from bridewell.force.codes import TACTICS
from bridewell.force.counting import (
    COUNTED_TACTICS,
    INCIDENT_COLUMNS,
    REPORT_COLUMNS,
    Filed,
    FinancialYear,
    Happened,
    count,
    write_csv,
)
from bridewell.force.report import ReportData

YEAR = FinancialYear(2026)
AT = dt.datetime(2026, 6, 1, 11, 0, tzinfo=dt.UTC)  # 12:00 BST


def answers(at: dt.datetime = AT, **changes: Any) -> ReportData:
    fields: dict[str, Any] = {
        "occurred_at": at,
        "tactics": ["handcuffing_non_compliant"],
        "reasons": ["protect_self"],
        "impact_factors": ["alcohol"],
        "outcomes": ["arrested"],
        "locations": ["custody_block"],
        "subject_age": "18_34",
        "subject_gender": "male",
        "subject_ethnicity": "white",
        "subject_health": "none",
        "officer_injured": "no",
        "officer_assaulted": "no",
        "subject_injured": "no",
        "medical_assistance_offered": True,
    }
    fields.update(changes)
    return ReportData(**fields)


def filed(
    staff: str = "PC1",
    incident: str = "I1",
    *,
    at: dt.datetime = AT,
    submitted: bool = True,
    suite: str = "NORTHGATE",
    **changes: Any,
) -> Filed:
    return Filed(
        report_ref=f"{incident}-{staff}",
        incident_ref=incident,
        staff_id=staff,
        submitted=submitted,
        occurred_at=at,
        suite=suite,
        data=answers(at, **changes),
    )


def custody(ref: str = "I1", *officers: str, at: dt.datetime = AT) -> Happened:
    return Happened(ref, at, suite="NORTHGATE", record_id=f"REC-{ref}", officers_named=officers)


def test_three_officers_in_one_incident_are_three_reports_and_one_incident():
    result = count(
        YEAR,
        [filed("PC1"), filed("PC2"), filed("PC3")],
        [custody("I1", "PC1", "PC2", "PC3")],
    )
    assert (result.totals.reports, result.totals.incidents) == (3, 1)
    assert [r["report_ref"] for r in result.reports] == ["I1-PC1", "I1-PC2", "I1-PC3"]
    [incident] = result.incidents
    assert incident["officers_named"] == "3"
    assert incident["reports_counted"] == "3"
    assert incident["reports_missing"] == "0"
    assert result.totals.tactics["handcuffing_non_compliant"] == 3


def test_a_taser_counts_only_at_its_highest_level():
    result = count(YEAR, [filed(tactics=["ced_drawn", "ced_aimed", "ced_fired"])], [])
    [row] = result.reports
    assert (row["tactic_ced_drawn"], row["tactic_ced_aimed"], row["tactic_ced_fired"]) == (
        "0",
        "0",
        "1",
    )
    assert {t: n for t, n in result.totals.tactics.items() if n} == {"ced_fired": 1}


def test_a_tactic_listed_twice_counts_once():
    result = count(
        YEAR, [filed(tactics=["handcuffing_compliant", "escorting", "handcuffing_compliant"])], []
    )
    assert result.totals.tactics["handcuffing_compliant"] == 1
    assert result.totals.tactics["escorting"] == 1
    assert result.reports[0]["tactic_handcuffing_compliant"] == "1"


def test_tactical_communication_alone_is_not_a_use_of_force_and_is_left_out_with_a_count():
    result = count(YEAR, [filed(tactics=["tactical_communication"])], [])
    assert result.reports == []
    assert result.totals.reports == 0
    assert result.totals.incidents == 0
    assert result.totals.not_force == 1


def test_tactical_communication_with_handcuffing_counts_the_handcuffing_only():
    result = count(YEAR, [filed(tactics=["tactical_communication", "handcuffing_compliant"])], [])
    assert result.totals.reports == 1
    assert result.totals.not_force == 0
    assert {t: n for t, n in result.totals.tactics.items() if n} == {"handcuffing_compliant": 1}
    assert "tactic_tactical_communication" not in REPORT_COLUMNS
    assert "tactical_communication" not in result.totals.tactics


def test_drafts_are_not_counted_but_are_said_to_be_left_out():
    result = count(
        YEAR,
        [filed("PC1"), filed("PC2", submitted=False)],
        [custody("I1", "PC1", "PC2")],
    )
    assert result.totals.reports == 1
    assert result.totals.drafts == 1
    assert [r["report_ref"] for r in result.reports] == ["I1-PC1"]
    [incident] = result.incidents
    assert (incident["reports_counted"], incident["reports_missing"]) == ("1", "1")
    assert incident["missing_staff_ids"] == "PC2"


def test_the_year_runs_from_midnight_on_1_april_uk_time_which_is_bst():
    assert YEAR.start == dt.datetime(2026, 3, 31, 23, 0, tzinfo=dt.UTC)
    assert YEAR.end == dt.datetime(2027, 3, 31, 23, 0, tzinfo=dt.UTC)
    just_before = dt.datetime(2026, 3, 31, 22, 59, 59, tzinfo=dt.UTC)  # 23:59:59 BST 31 March
    first = dt.datetime(2026, 3, 31, 23, 0, tzinfo=dt.UTC)  # 00:00 BST 1 April
    last = dt.datetime(2027, 3, 31, 22, 59, 59, tzinfo=dt.UTC)  # 23:59:59 BST 31 March 2027
    next_year = dt.datetime(2027, 3, 31, 23, 0, tzinfo=dt.UTC)
    result = count(
        YEAR,
        [
            filed("PC1", "I1", at=just_before),
            filed("PC2", "I2", at=first),
            filed("PC3", "I3", at=last),
            filed("PC4", "I4", at=next_year),
        ],
        [],
    )
    assert [r["report_ref"] for r in result.reports] == ["I2-PC2", "I3-PC3"]
    assert [r["date"] for r in result.reports] == ["2026-04-01", "2027-03-31"]
    assert count(FinancialYear(2025), [filed(at=just_before)], []).totals.reports == 1


def test_the_date_is_the_uk_calendar_day_in_bst_and_in_gmt():
    summer = dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)  # 00:30 BST on 1 July
    winter = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)  # 23:30 GMT on 31 December
    result = count(YEAR, [filed("PC1", "I1", at=summer), filed("PC2", "I2", at=winter)], [])
    assert [r["date"] for r in result.reports] == ["2026-07-01", "2026-12-31"]


def test_reasons_impact_factors_outcomes_and_locations_are_multi_select_columns():
    result = count(
        YEAR,
        [
            filed(
                reasons=["protect_self", "prevent_harm"],
                impact_factors=["alcohol", "drugs"],
                outcomes=["arrested", "hospitalised"],
                locations=["custody_block", "vehicle_caged"],
            )
        ],
        [],
    )
    [row] = result.reports
    chosen = {c for c, v in row.items() if v == "1"}
    assert chosen == {
        "in_custody_block",
        "tactic_handcuffing_non_compliant",
        "reason_protect_self",
        "reason_prevent_harm",
        "impact_alcohol",
        "impact_drugs",
        "outcome_arrested",
        "outcome_hospitalised",
        "location_custody_block",
        "location_vehicle_caged",
    }
    assert row["reason_effect_arrest"] == "0"
    assert result.totals.in_custody_block == 1


def test_the_subject_injury_and_medical_answers_are_their_codes():
    result = count(
        YEAR,
        [
            filed(
                subject_age="11_17",
                subject_gender="female",
                subject_ethnicity="mixed",
                subject_health="mental",
                officer_injured="yes",
                officer_assaulted="yes",
                officer_injury_level="minor",
                subject_injured="yes",
                subject_injury_level="severe",
                medical_assistance_offered=False,
            )
        ],
        [],
    )
    [row] = result.reports
    assert [row[c] for c in REPORT_COLUMNS[-10:]] == [
        "11_17",
        "female",
        "mixed",
        "mental",
        "yes",
        "yes",
        "minor",
        "yes",
        "severe",
        "no",
    ]


def test_the_report_header_is_fixed_in_the_order_of_the_code_lists():
    assert REPORT_COLUMNS[:5] == ("report_ref", "incident_ref", "date", "suite", "in_custody_block")
    tactic_columns = [c for c in REPORT_COLUMNS if c.startswith("tactic_")]
    assert tactic_columns == [f"tactic_{t}" for t in TACTICS if t != "tactical_communication"]
    assert REPORT_COLUMNS.index("tactic_other_improvised") < REPORT_COLUMNS.index(
        "reason_protect_self"
    )
    assert REPORT_COLUMNS.index("reason_other") < REPORT_COLUMNS.index("impact_weapon")
    assert REPORT_COLUMNS.index("impact_other") < REPORT_COLUMNS.index("outcome_made_off_escaped")
    assert REPORT_COLUMNS.index("outcome_other") < REPORT_COLUMNS.index("location_street_highway")
    assert REPORT_COLUMNS[-1] == "medical_assistance_offered"
    assert len(set(REPORT_COLUMNS)) == len(REPORT_COLUMNS)


def test_the_csv_files_have_their_header_then_one_row_per_report_or_incident():
    result = count(YEAR, [filed("PC1"), filed("PC2", "I2", suite="")], [custody("I1", "PC1")])
    reports, incidents = io.StringIO(newline=""), io.StringIO(newline="")
    write_csv(reports, REPORT_COLUMNS, result.reports)
    write_csv(incidents, INCIDENT_COLUMNS, result.incidents)
    report_rows = list(csv.reader(io.StringIO(reports.getvalue(), newline="")))
    assert report_rows[0] == list(REPORT_COLUMNS)
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in report_rows[1:]] == [
        ("I1-PC1", "I1", "2026-06-01", "NORTHGATE", "1"),
        ("I2-PC2", "I2", "2026-06-01", "", "1"),
    ]
    incident_rows = list(csv.DictReader(io.StringIO(incidents.getvalue(), newline="")))
    assert [r["incident_ref"] for r in incident_rows] == ["I1"]
    assert incident_rows[0]["custody_record"] == "REC-I1"
    assert incident_rows[0]["in_custody"] == "1"


def test_a_row_with_an_unknown_column_is_refused():
    with pytest.raises(ValueError, match="not_a_column"):
        write_csv(io.StringIO(), REPORT_COLUMNS, [{"not_a_column": "1"}])


def test_an_incident_lists_the_tactics_of_all_its_counted_reports():
    result = count(
        YEAR,
        [
            filed("PC1", tactics=["ced_drawn", "ced_fired"]),
            filed("PC2", tactics=["handcuffing_non_compliant", "ced_drawn"]),
        ],
        [custody("I1", "PC1", "PC2")],
    )
    [incident] = result.incidents
    used = {c.removeprefix("tactic_") for c in INCIDENT_COLUMNS[9:] if incident[c] == "1"}
    assert used == {"ced_fired", "ced_drawn", "handcuffing_non_compliant"}
    assert INCIDENT_COLUMNS[9:] == tuple(f"tactic_{t}" for t in COUNTED_TACTICS)


def test_a_custody_incident_without_a_counted_report_is_listed_with_its_missing_reports():
    quiet = custody("I9", "PC7", "PC8", at=AT + dt.timedelta(days=1))
    result = count(YEAR, [filed("PC1")], [custody("I1", "PC1"), quiet])
    assert [i["incident_ref"] for i in result.incidents] == ["I1", "I9"]
    missing = result.incidents[1]
    assert (missing["reports_counted"], missing["reports_missing"]) == ("0", "2")
    assert missing["missing_staff_ids"] == "PC7 PC8"
    assert result.totals.incidents == 1
    assert result.totals.incidents_without_report == 1
    assert result.totals.reports_missing == 2


def test_an_incident_of_another_year_with_no_report_in_this_one_is_not_listed():
    earlier = custody("I0", "PC1", at=YEAR.start - dt.timedelta(days=3))
    street = Happened("I5", AT)
    result = count(YEAR, [], [earlier, street])
    assert result.incidents == []
    assert result.totals.reports_missing == 0


def test_a_report_from_an_officer_the_record_does_not_name_is_counted_and_misses_nobody():
    result = count(YEAR, [filed("PC1"), filed("PC5")], [custody("I1", "PC1", "PC2")])
    assert result.totals.reports == 2
    [incident] = result.incidents
    assert (incident["reports_counted"], incident["missing_staff_ids"]) == ("2", "PC2")


def test_an_officer_who_submitted_only_tactical_communication_has_reported():
    result = count(
        YEAR,
        [filed("PC1"), filed("PC2", tactics=["tactical_communication"])],
        [custody("I1", "PC1", "PC2")],
    )
    [incident] = result.incidents
    assert (incident["reports_counted"], incident["reports_missing"]) == ("1", "0")


@pytest.mark.parametrize("text", ["2026/28", "2026", "2026-27", "26/27", "2026/027", "year"])
def test_a_malformed_financial_year_is_refused(text):
    with pytest.raises(ValueError, match="for example 2026/27"):
        FinancialYear.parse(text)


def test_a_financial_year_reads_and_names_itself():
    year = FinancialYear.parse("2026/27")
    assert (year.first, year.label, year.slug) == (2026, "2026/27", "2026-27")
    assert FinancialYear.parse("2099/00").label == "2099/00"
