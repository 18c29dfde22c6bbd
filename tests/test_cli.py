"""The ``bridewell`` command: formats, summaries, exit statuses and error messages."""

import csv
import io
import json
import subprocess
import sys

import pytest

from bridewell.cli import main
from tests.builders import EXAMPLES

AT = "2026-12-01T00:00:00Z"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def broken_copy(tmp_path):
    lines = EXAMPLES.read_text().splitlines()
    bad = json.loads(lines[1])
    bad["events"][0]["at"] = "2026-05-04T19:20:00"
    path = tmp_path / "some-bad.jsonl"
    path.write_text("\n".join([lines[0], json.dumps(bad), lines[2]]) + "\n")
    return path


def test_jsonl_output_is_one_finding_per_line_in_the_spec_format(capsys):
    code, out, err = run(capsys, "audit", EXAMPLES, "--at", AT, "--format", "jsonl")
    findings = [json.loads(line) for line in out.splitlines()]
    assert findings
    for f in findings:
        assert set(f) == {
            "record_id",
            "rule",
            "severity",
            "at",
            "due",
            "source",
            "message",
            "events",
        }
        assert f["at"].endswith("Z")
    review = next(f for f in findings if f["record_id"] == "EX-REVIEW-LATE")
    assert review == {
        "record_id": "EX-REVIEW-LATE",
        "rule": "PACE-REVIEW-1",
        "severity": "breach",
        "at": "2026-05-05T01:15:00Z",
        "due": "2026-05-05T01:15:00Z",
        "source": "PACE s.40(3)(a)",
        "message": "First review due 02:15 BST on 5 May; held 03:00 BST (45 min late)",
        "events": ["e3", "e20"],
    }
    assert err.startswith("5 records read (0 invalid, 0 open); ")
    assert code == 0


def test_csv_output(capsys):
    code, out, _ = run(capsys, "audit", EXAMPLES, "--at", AT, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert rows[0].keys() == {
        "record_id", "rule", "severity", "at", "due", "source", "message", "events"
    }  # fmt: skip
    assert {"record_id": "EX-REVIEW-LATE", "rule": "PACE-REVIEW-1", "events": "e3 e20"}.items() <= (
        next(r for r in rows if r["rule"] == "PACE-REVIEW-1").items()
    )


def test_table_output_shows_uk_local_times(capsys):
    code, out, _ = run(capsys, "audit", EXAMPLES, "--at", AT)
    assert code == 0
    assert out.splitlines()[0].split() == [
        "Record",
        "Rule",
        "Severity",
        "When",
        "(UK",
        "time)",
        "Message",
    ]
    assert "Tue 5 May 2026 02:15 BST" in out


def test_summary_counts_records_and_findings_by_rule(capsys):
    code, out, _ = run(capsys, "audit", EXAMPLES, "--at", AT, "--summary")
    assert code == 0
    assert "Records read                       5" in out
    assert "Invalid (not audited)              0" in out
    assert (
        "PACE-REVIEW-1         breach             1         1  First review of detention missed"
        in out
    )


def test_fail_on_breach_exits_1(capsys):
    code, _, _ = run(capsys, "audit", EXAMPLES, "--at", AT, "--fail-on", "breach")
    assert code == 1


def test_fail_on_is_not_met_by_a_clean_record(capsys, tmp_path):
    clean = tmp_path / "clean.jsonl"
    clean.write_text(EXAMPLES.read_text().splitlines()[0] + "\n")
    code, out, _ = run(
        capsys, "audit", clean, "--at", AT, "--fail-on", "warning", "--format", "jsonl"
    )
    assert (code, out) == (0, "")


def test_invalid_records_exit_3_with_errors_on_stderr_and_the_rest_audited(capsys, tmp_path):
    path = broken_copy(tmp_path)
    code, out, err = run(capsys, "audit", path, "--at", AT, "--format", "jsonl")
    assert code == 3
    assert "line 2: record EX-REVIEW-LATE: $.events[0].at: timestamp has no UTC offset\n" in err
    assert "3 records read (1 invalid, 0 open)" in err
    assert all(json.loads(line)["record_id"] != "EX-REVIEW-LATE" for line in out.splitlines())


def test_invalid_outranks_fail_on(capsys, tmp_path):
    code, _, _ = run(capsys, "audit", broken_copy(tmp_path), "--at", AT, "--fail-on", "breach")
    assert code == 3


def test_errors_name_the_file_when_auditing_several(capsys, tmp_path):
    path = broken_copy(tmp_path)
    code, _, err = run(capsys, "audit", EXAMPLES, path, "--at", AT, "--format", "jsonl")
    assert code == 3
    assert f"{path}: line 2: record EX-REVIEW-LATE: $.events[0].at: " in err


def test_unreadable_file_exits_2(capsys, tmp_path):
    code, out, err = run(capsys, "audit", tmp_path / "missing.jsonl", "--at", AT)
    assert code == 2
    assert out == ""
    assert err == f"bridewell audit: cannot read {tmp_path / 'missing.jsonl'}: no such file\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "2026-12-01T00:00:00"], "has no UTC offset"),
        (["--at", "yesterday"], "not an RFC 3339 timestamp"),
        (["--format", "xml"], "invalid choice: 'xml'"),
    ],
)
def test_usage_errors_exit_2(capsys, args, message):
    with pytest.raises(SystemExit) as exit_:
        main(["audit", str(EXAMPLES), *args])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_obligations_for_open_records(capsys):
    code, out, _ = run(
        capsys, "audit", EXAMPLES, "--at", "2026-05-04T23:00:00+01:00", "--obligations",
        "--format", "jsonl",
    )  # fmt: skip
    assert code == 0
    due = [json.loads(line) for line in out.splitlines()]
    assert {"record_id": "EX-CLEAN", "rule": "PACE-LIMIT-24"}.items() <= due[-1].items() or any(
        d["rule"] == "PACE-LIMIT-24" for d in due
    )
    assert all(set(d) == {"record_id", "rule", "due", "message", "events"} for d in due)


def test_schema_command_prints_json_schema(capsys):
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "Record" in schema["$defs"]


def test_rules_command_lists_every_rule(capsys):
    from bridewell.rules.catalogue import RULES

    code, out, _ = run(capsys, "rules")
    assert code == 0
    for rule in RULES:
        assert rule.id in out


def test_installed_entry_point_runs():
    result = subprocess.run(
        [sys.executable, "-m", "bridewell.cli", "audit", str(EXAMPLES), "--at", AT, "--summary"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Records read" in result.stdout


def test_parallel_audit_gives_the_same_output_in_the_same_order(capsys, tmp_path):
    lines = EXAMPLES.read_text().splitlines()
    many = tmp_path / "many.jsonl"
    rows = []
    for n in range(600):  # several batches, with an invalid line and a duplicate among them
        record = json.loads(lines[n % len(lines)])
        record["record_id"] = f"R-{n}"
        rows.append(json.dumps(record))
    rows[300] = rows[300].replace('"format"', '"formt"')
    rows[450] = rows[10]
    many.write_text("\n".join(rows) + "\n")
    one = run(capsys, "audit", many, "--at", AT, "--format", "jsonl", "--jobs", "1")
    two = run(capsys, "audit", many, "--at", AT, "--format", "jsonl", "--jobs", "2")
    assert one == two
    code, _, err = two
    assert code == 3
    assert "line 301: record R-300: $.formt: unknown field" in err
    assert "line 451: record R-10: $.record_id: duplicate record_id (first on line 11)" in err


def test_synth_writes_records_and_truth_that_the_audit_agrees_with(capsys, tmp_path):
    out, truth = tmp_path / "week.jsonl.gz", tmp_path / "truth.jsonl"
    code, _, _ = run(
        capsys, "synth", "--days", "2", "--suites", "2", "--seed", "5", "--defects", "0.4",
        "--start", "2026-03-27", "--out", out, "--truth", truth,
    )  # fmt: skip
    assert code == 0
    planted = sorted(
        (p["record_id"], p["rule"]) for p in map(json.loads, truth.read_text().splitlines())
    )
    assert planted
    code, found, _ = run(capsys, "audit", out, "--at", AT, "--format", "jsonl")
    assert code == 0
    assert (
        sorted((f["record_id"], f["rule"]) for f in map(json.loads, found.splitlines())) == planted
    )


def test_synth_refuses_impossible_options(capsys):
    assert run(capsys, "synth", "--suites", "3")[0] == 2
    code, _, err = run(capsys, "synth", "--records", "5", "--suites", "99")
    assert code == 2
    assert "--suites must be between 1 and 8" in err
