"""``bridewell reconcile``: exit status, table and CSV, period and suite options."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re

import pytest

from bridewell.force import reconcile_command
from bridewell.web import clock
from tests import factories as f
from tests.force.builders import force_used, incident_for, submitted

pytestmark = pytest.mark.django_db

LATER = f.NOW + dt.timedelta(hours=6)


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bridewell")
    reconcile_command.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["reconcile", *argv])


def value(out: str, label: str) -> str:
    """What the summary line ``label:`` says."""
    found = re.search(rf"^ *{re.escape(label)}: +(.*)$", out, re.M)
    assert found, f"no line {label!r}"
    return found[1]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = reconcile_command.run(parse(*argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def northgate():
    return f.suite("NORTHGATE")


@pytest.fixture
def officer(northgate):
    return f.staff("detention_officer", northgate, username="pc1")


@pytest.fixture
def reported(northgate, officer):
    """A January use of force in Northgate, reported by the one officer it names."""
    incident = incident_for(force_used(f.booked(northgate), [officer.staff.staff_id]))
    return submitted(officer, incident, LATER)


def test_exit_0_when_everything_reconciles(capsys, reported):
    status, out, _ = run(capsys, "--month", "2026-01")
    assert status == 0
    assert "Use of force reconciliation: January 2026 (UK time), suites NORTHGATE" in out
    assert value(out, "every officer has reported (K-UF2)") == "1 (100%)"
    assert value(out, "matched to a custody record (K-UF3 b)") == "1 (100%)"
    assert out.rstrip().endswith("Everything reconciles.")


def test_exit_1_when_an_officer_has_no_report(capsys, reported, northgate):
    force_used(f.booked(northgate), ["PC404"], minutes=90)
    status, out, _ = run(capsys, "--from", "2026-01-12", "--to", "2026-01-13")
    assert status == 1
    assert "12 January 2026 (UK time)" in out
    assert "Officers without a submitted report:" in out
    assert "PC404  missing" in out
    assert out.rstrip().endswith("Items above need following up.")


def test_csv_has_a_row_for_every_officer_and_custody_block_report(capsys, reported, northgate):
    force_used(reported.incident.record, ["PC404"], minutes=90, forms=[("PC404", "F-12")])
    status, out, _ = run(capsys, "--month", "2026-01", "--format", "csv")
    assert status == 0  # a form held elsewhere accounts for the officer
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(reconcile_command.COLUMNS)
    assert [(r["item"], r["status"], r["staff_id"], r["detail"]) for r in rows] == [
        ("officer", "reported", reported.staff_id, ""),
        ("officer", "form_elsewhere", "PC404", "form F-12"),
        ("custody_report", "matched", reported.staff_id, ""),
    ]
    assert rows[0]["at"] == "2026-01-12T20:30:00+00:00"
    assert rows[0]["report_ref"] == reported.report_ref


def test_other_months_and_suites_are_left_out(capsys, reported):
    f.suite("RIVERSIDE")
    assert value(run(capsys, "--month", "2026-02")[1], "Uses of force on custody records") == "0"
    status, out, _ = run(capsys, "--month", "2026-01", "--suite", "RIVERSIDE")
    assert status == 0
    assert "suites RIVERSIDE" in out
    assert value(out, "Uses of force on custody records") == "0"


def test_the_current_uk_month_by_default(capsys, monkeypatch, reported):
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 1, 31, 23, 30, tzinfo=dt.UTC))
    status, out, _ = run(capsys)
    assert status == 0
    assert "January 2026" in out  # 23:30 GMT on 31 January


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--month", "2026-01", "--from", "2026-01-01"), "either --month or --from"),
        (("--from", "2026-01-01"), "--from and --to go together"),
        (("--from", "2026-01-05", "--to", "2026-01-05"), "--to must be after --from"),
        (("--suite", "NOWHERE"), "no suite with code 'NOWHERE'"),
    ],
)
def test_usage_errors_exit_2(capsys, northgate, argv, message):
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert message in err


def test_a_month_that_is_not_a_month_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit):
        parse("--month", "2026-13")
    assert "not a month (YYYY-MM): '2026-13'" in capsys.readouterr().err
