"""``bridewell kpis``: formats, filters, invalid input and agreement with the accumulator."""

import argparse
import csv
import datetime as dt
import io
import json

import msgspec
import pytest

from bridewell.insights import kpis_command
from bridewell.insights.facts import facts
from bridewell.insights.kpis import BY_ID, CATALOGUE
from bridewell.insights.monthly import Accumulator, KpiValue
from bridewell.interchange.reader import read_records
from bridewell.interchange.writer import open_output, write_records
from bridewell.rules.engine import assess
from bridewell.synth import SynthOptions, generate
from tests.builders import SERGEANT, booking, ev, record

AT = "2026-12-01T00:00:00Z"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bridewell")
    kpis_command.add_parser(p.add_subparsers(dest="command"))
    return p


def run(capsys, *args):
    code = kpis_command.run(parser().parse_args(["kpis", *map(str, args)]))
    out, err = capsys.readouterr()
    return code, out, err


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def held(arrived: dt.datetime, wait: int, stay: int, record_id: str):
    """Arrived, detention authorised ``wait`` minutes later, released ``stay`` minutes after
    arrival (the relevant time)."""
    return record(
        booking(arrived, arrived + dt.timedelta(minutes=wait)),
        ev("released", arrived + dt.timedelta(minutes=stay), by=SERGEANT, outcome="nfa"),
        record_id=record_id,
    )


@pytest.fixture
def two_months(tmp_path):
    """R1 in October (wait 10 min, 2 h 05 in custody); R2 authorised 00:20 GMT on 1 November
    after arriving on 31 October, so it counts in November (wait 30 min, 1 h in custody)."""
    path = tmp_path / "two.jsonl"
    records = [
        held(utc(2026, 10, 15, 10, 0), 10, 125, "R1"),
        held(utc(2026, 10, 31, 23, 50), 30, 60, "R2"),
    ]
    with path.open("wb") as out:
        write_records(records, out)
    return path


@pytest.fixture
def with_invalid(two_months):
    bad = json.loads(two_months.read_text().splitlines()[0])
    bad["record_id"] = "BAD-1"
    bad["events"][0]["at"] = "2026-10-15T09:30:00"
    with two_months.open("a") as out:
        out.write(json.dumps(bad) + "\n")
    return two_months


def test_table_shows_each_month_force_wide_and_suite_in_uk_formatting(capsys, two_months):
    code, out, err = run(capsys, two_months, "--at", AT)
    assert code == 0
    assert out.startswith("KPIs as at Tue 1 Dec 2026 00:00 GMT. 2 records read, none left out.\n")
    headings = [line for line in out.splitlines() if line and not line.startswith(" ")][1:]
    assert headings == [
        "October 2026, force-wide (every suite)",
        "October 2026, suite HOLD-A",
        "November 2026, force-wide (every suite)",
        "November 2026, suite HOLD-A",
    ]
    october = out.split("October 2026, suite HOLD-A")[0]
    assert "Booking-in wait: median 0:10, P90 0:10 (h:mm; n = 1)" in october
    assert "Time in custody: median 2:05, P90 2:05 (h:mm; n = 1)" in october
    assert "Rights given promptly: 100.0% (1/1)" in october
    assert "Strip searches: 0.0 per 100 (0/1)" in october
    assert "Throughput by sex: 1: male 1" in october
    assert "Booking-in wait: median 0:30" in out.split("November 2026")[1]
    assert err == "2 records read, 0 invalid and left out\n"


def test_csv_is_one_row_per_month_suite_and_kpi_with_stable_columns(capsys, two_months):
    code, out, _ = run(capsys, two_months, "--at", AT, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == kpis_command.COLUMNS
    assert len(rows) == 4 * len(CATALOGUE)
    wait = next(r for r in rows if r["id"] == "K-T3" and r["suite"] == "force-wide")
    assert wait == {
        "month": "2026-10",
        "suite": "force-wide",
        "id": "K-T3",
        "title": "Booking-in wait",
        "unit": BY_ID["K-T3"].unit,
        "numerator": "0",
        "denominator": "0",
        "value": "10",
        "n": "1",
        "median": "10",
        "p90": "10",
        "parts": "",
        "records_left_out": "0",
    }
    sex = next(r for r in rows if r["id"] == "K-T1-SEX" and r["month"] == "2026-11")
    assert (sex["numerator"], sex["parts"]) == ("1", "male: 1")


def test_json_keeps_the_record_ids_for_drill_down(capsys, two_months):
    code, out, _ = run(capsys, two_months, "--at", AT, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert {k: doc[k] for k in ("at", "records_read", "records_left_out", "complete")} == {
        "at": AT,
        "records_read": 2,
        "records_left_out": 0,
        "complete": True,
    }
    assert [(c["month"], c["suite"]) for c in doc["cells"]] == [
        ("2026-10", "force-wide"),
        ("2026-10", "HOLD-A"),
        ("2026-11", "force-wide"),
        ("2026-11", "HOLD-A"),
    ]
    november = {k["id"]: k for k in doc["cells"][2]["kpis"]}
    assert november["K-T1"]["records"] == ["R2"]
    assert november["K-T1-SEX"]["parts"] == {"male": {"count": 1, "records": ["R2"]}}
    assert november["K-T4-OVER24"] | {"title": "", "unit": ""} == {
        "id": "K-T4-OVER24",
        "title": "",
        "kind": "rate",
        "unit": "",
        "numerator": 0,
        "denominator": 1,
        "value": 0.0,
        "n": 0,
        "median": None,
        "p90": None,
        "records": [],
        "exceptions": ["R2"],
        "parts": {},
    }


def test_month_and_suite_filters(capsys, two_months):
    _, out, _ = run(capsys, two_months, "--at", AT, "--format", "json", "--month", "2026-11")
    assert [(c["month"], c["suite"]) for c in json.loads(out)["cells"]] == [
        ("2026-11", "force-wide"),
        ("2026-11", "HOLD-A"),
    ]
    _, out, _ = run(capsys, two_months, "--at", AT, "--format", "csv", "--suite", "HOLD-B")
    assert {r["suite"] for r in csv.DictReader(io.StringIO(out))} == {"force-wide"}
    _, out, _ = run(capsys, two_months, "--at", AT, "--month", "2025-01")
    assert out.endswith("\n\nNo records in the months and suites asked for.\n")


def test_invalid_record_is_reported_left_out_and_exits_3(capsys, with_invalid):
    code, out, err = run(capsys, with_invalid, "--at", AT, "--format", "json")
    assert code == 3
    assert err == (
        "line 3: record BAD-1: $.events[0].at: timestamp has no UTC offset\n"
        "3 records read, 1 invalid and left out\n"
    )
    doc = json.loads(out)
    assert (doc["records_read"], doc["records_left_out"], doc["complete"]) == (3, 1, False)
    assert doc["cells"][0]["kpis"][0]["records"] == ["R1"]
    code, out, _ = run(capsys, with_invalid, "--at", AT)
    assert code == 3
    assert "3 records read; 1 invalid and left out, so these figures are incomplete." in out
    _, out, _ = run(capsys, with_invalid, "--at", AT, "--format", "csv")
    assert {r["records_left_out"] for r in csv.DictReader(io.StringIO(out))} == {"1"}


def test_a_record_in_two_files_counts_once_and_the_second_is_invalid(capsys, two_months, tmp_path):
    again = tmp_path / "again.jsonl"
    again.write_text(two_months.read_text().splitlines()[1] + "\n")
    code, out, err = run(capsys, two_months, again, "--at", AT, "--format", "json")
    assert code == 3
    assert err.startswith(
        f"{again}: line 1: record R2: $.record_id: duplicate record_id "
        f"(already read from {two_months})\n"
    )
    assert json.loads(out)["cells"][2]["kpis"][0]["numerator"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "2026-12-01T00:00:00"], "has no UTC offset"),
        (["--at", "yesterday"], "not an RFC 3339 timestamp"),
        (["--month", "2026-13"], "not a month (YYYY-MM)"),
        (["--format", "xml"], "invalid choice: 'xml'"),
    ],
)
def test_usage_errors_exit_2(capsys, two_months, args, message):
    with pytest.raises(SystemExit) as exit_:
        parser().parse_args(["kpis", str(two_months), *args])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_missing_file_exits_2(capsys, tmp_path):
    missing = tmp_path / "missing.jsonl"
    assert run(capsys, missing, "--at", AT) == (
        2,
        "",
        f"bridewell kpis: cannot read {missing}: no such file\n",
    )


def test_out_writes_the_file_not_stdout(capsys, two_months, tmp_path):
    target = tmp_path / "kpis.csv"
    code, out, _ = run(capsys, two_months, "--at", AT, "--format", "csv", "--out", target)
    assert (code, out) == (0, "")
    assert target.read_text().startswith(",".join(kpis_command.COLUMNS) + "\n")


def test_synthetic_file_gives_what_the_accumulator_gives_on_the_same_records(capsys, tmp_path):
    path = tmp_path / "synth.jsonl.gz"
    options = SynthOptions(records=60, start=dt.date(2026, 10, 31), seed=3, suites=2, defects=0.3)
    out = open_output(path)
    write_records((rec for rec, _ in generate(options)), out)
    out.close()
    at = utc(2026, 12, 1)
    acc = Accumulator()
    for item in read_records(path):
        assert item.record is not None
        acc.add(facts(item.record, assess(item.record, at), at))
    expected = {
        (month, suite or "force-wide"): {
            kpi: msgspec.json.decode(msgspec.json.encode(value)) for kpi, value in values.items()
        }
        for (month, suite), values in acc.result().items()
    }

    code, out_, _ = run(capsys, path, "--at", AT, "--format", "json")
    assert code == 0
    got = {
        (c["month"], c["suite"]): {
            k["id"]: {
                "kpi": k["id"],
                **{f: k[f] for f in ("numerator", "denominator", "value", "n", "median", "p90")},
                "records": k["records"],
                "exceptions": k["exceptions"],
                "parts": k["parts"],
            }
            for k in c["kpis"]
        }
        for c in json.loads(out_)["cells"]
    }
    assert {month for month, _ in got} == {"2026-10", "2026-11"}
    assert got == expected


def test_hours_are_whole_minutes_as_h_mm():
    assert [kpis_command.hours(m) for m in (0.4, 65, 1500, 59.6)] == [
        "0:00",
        "1:05",
        "25:00",
        "1:00",
    ]


def test_rates_use_uk_thousands_separators():
    value = KpiValue(
        kpi="K-DQ4",
        numerator=1234,
        denominator=5000,
        value=24.68,
        n=0,
        median=None,
        p90=None,
        records=(),
        exceptions=(),
        parts={},
    )
    assert kpis_command.shown(BY_ID["K-DQ4"], value) == "24.7% (1,234/5,000)"
