"""``bridewell uof-return``: files written from the database, totals printed, bad input refused."""

from __future__ import annotations

import argparse
import csv
import datetime as dt

import pytest

from bridewell.force import reports, return_command
from bridewell.force.counting import INCIDENT_COLUMNS, REPORT_COLUMNS
from tests import factories as f
from tests.force.builders import complete, force_used, incident_for, submitted

pytestmark = pytest.mark.django_db

LATER = f.NOW + dt.timedelta(hours=3)
YEAR = "2025/26"  # f.NOW is 12 January 2026


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="bridewell")
    return_command.add_parser(parser.add_subparsers(dest="command"))
    return return_command.run(parser.parse_args(["uof-return", *argv]))


def officer(n: int, suite: str = "NORTHGATE"):
    return f.staff("detention_officer", f.suite(suite), username=f"pc{n}")


def read(path):
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


@pytest.fixture
def northgate():
    """A custody use of force by two officers: one report submitted, the other a draft."""
    one, two = officer(1), officer(2)
    incident = incident_for(
        force_used(f.booked(f.suite("NORTHGATE")), [one.staff.staff_id, two.staff.staff_id])
    )
    done = submitted(one, incident, LATER, tactics=["ced_drawn", "ced_fired"])
    draft = reports.start(two, incident, LATER)
    reports.save_draft(draft, two, complete(incident.occurred_at), LATER)
    return incident, done, two


def test_the_return_writes_both_files_and_prints_the_totals(northgate, tmp_path, capsys):
    incident, done, two = northgate
    assert run("--year", YEAR, "--out", str(tmp_path / "out")) == 0
    rows = read(tmp_path / "out" / "uof-return-2025-26-reports.csv")
    assert rows[0] == list(REPORT_COLUMNS)
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["report_ref"], row["incident_ref"], row["suite"]) == (
        done.report_ref,
        incident.incident_ref,
        "NORTHGATE",
    )
    assert (row["date"], row["in_custody_block"]) == ("2026-01-12", "1")
    assert (row["tactic_ced_fired"], row["tactic_ced_drawn"]) == ("1", "0")

    incidents = read(tmp_path / "out" / "uof-return-2025-26-incidents.csv")
    assert incidents[0] == list(INCIDENT_COLUMNS)
    [line] = [dict(zip(incidents[0], r, strict=True)) for r in incidents[1:]]
    assert line["custody_record"] == incident.record.record_id
    assert (line["officers_named"], line["reports_counted"], line["reports_missing"]) == (
        "2",
        "1",
        "1",
    )
    assert line["missing_staff_ids"] == two.staff.staff_id

    out = capsys.readouterr().out
    assert "financial year 2025/26" in out
    assert "the whole force" in out
    for label, n in [
        ("Reports counted", 1),
        ("Incidents with a counted report", 1),
        ("Not counted: drafts", 1),
        ("Reports missing", 1),
        ("Taser (CED): fired", 1),
        ("Taser (CED): drawn", 0),
    ]:
        [printed] = [line for line in out.splitlines() if line.startswith(label)]
        assert printed.split()[-1] == str(n)
    assert "uof-return-2025-26-reports.csv" in out


def test_another_year_is_empty_but_still_has_its_headers(northgate, tmp_path):
    assert run("--year", "2026/27", "--out", str(tmp_path)) == 0
    assert read(tmp_path / "uof-return-2026-27-reports.csv") == [list(REPORT_COLUMNS)]
    assert read(tmp_path / "uof-return-2026-27-incidents.csv") == [list(INCIDENT_COLUMNS)]


def test_one_suite_only(northgate, tmp_path, capsys):
    three = officer(3, "SOUTHGATE")
    elsewhere = incident_for(force_used(f.booked(f.suite("SOUTHGATE")), [three.staff.staff_id]))
    submitted(three, elsewhere, LATER)
    assert run("--year", YEAR, "--out", str(tmp_path), "--suite", "SOUTHGATE") == 0
    rows = read(tmp_path / "uof-return-2025-26-reports.csv")
    assert [r[1] for r in rows[1:]] == [elsewhere.incident_ref]
    incidents = read(tmp_path / "uof-return-2025-26-incidents.csv")
    assert [r[0] for r in incidents[1:]] == [elsewhere.incident_ref]
    assert "suite SOUTHGATE" in capsys.readouterr().out


def test_a_custody_force_event_nobody_has_reported_on_yet_is_in_the_incident_file(tmp_path):
    record = f.booked(f.suite("NORTHGATE"))
    event = force_used(record, ["PC0042"])
    assert run("--year", YEAR, "--out", str(tmp_path)) == 0
    incidents = read(tmp_path / "uof-return-2025-26-incidents.csv")
    assert [(r[0], r[6], r[7], r[8]) for r in incidents[1:]] == [
        (f"UOF-{record.record_id}-{event.seq}", "0", "1", "PC0042")
    ]


@pytest.mark.parametrize("year", ["2026/28", "2026", "2026-27"])
def test_a_malformed_year_is_a_usage_error(year, tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        run("--year", year, "--out", str(tmp_path))
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err
    assert "not a financial year" in err
    assert "2026/27" in err
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_suite_is_a_usage_error(tmp_path, capsys):
    assert run("--year", YEAR, "--out", str(tmp_path), "--suite", "NOWHERE") == 2
    assert "no suite with code 'NOWHERE'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_output_path_that_is_a_file_is_a_usage_error(tmp_path, capsys):
    taken = tmp_path / "taken"
    taken.write_text("")
    assert run("--year", YEAR, "--out", str(taken)) == 2
    assert "is not a directory" in capsys.readouterr().err
