"""``bridewell import``, ``export`` and ``verify``: the database commands of the CLI."""

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from bridewell.cli import main
from bridewell.custody.models import CustodyRecord, Event
from bridewell.interchange.reader import read_records
from bridewell.interchange.writer import open_output, write_records
from bridewell.synth import SynthOptions, generate
from tests import factories as f
from tests.builders import EXAMPLES

pytestmark = pytest.mark.django_db

EXAMPLE_IDS = ["EX-CLEAN", "EX-REVIEW-LATE", "EX-JUVENILE-NO-AA", "EX-ROUSING", "EX-NO-PRRA"]


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


def synthetic(path, records=12, **options):
    opts = SynthOptions(records=records, start=dt.date(2026, 3, 27), seed=9, defects=0.5, **options)
    out = open_output(path)
    write_records((r for r, _ in generate(opts)), out)
    out.close()
    return path


def test_import_loads_every_record_and_says_so(capsys):
    code, out, err = run(capsys, "import", EXAMPLES)
    assert (code, err) == (0, "")
    assert out == "5 records read: 5 imported, 0 refused (already held), 0 invalid\n"
    assert list(CustodyRecord.objects.order_by("pk").values_list("record_id", flat=True)) == (
        EXAMPLE_IDS
    )
    assert set(Event.objects.values_list("source", flat=True)) == {"import"}


def test_invalid_records_are_reported_exactly_as_the_audit_reports_them(capsys, tmp_path):
    bad = broken_copy(tmp_path)
    code, out, err = run(capsys, "import", bad)
    assert code == 3
    assert out == "3 records read: 2 imported, 0 refused (already held), 1 invalid\n"
    assert err == "line 2: record EX-REVIEW-LATE: $.events[0].at: timestamp has no UTC offset\n"
    _, _, audit_err = run(capsys, "audit", bad, "--at", "2026-12-01T00:00:00Z", "--summary")
    assert err in audit_err
    assert not CustodyRecord.objects.filter(record_id="EX-REVIEW-LATE").exists()


def test_errors_name_the_file_when_importing_several(capsys, tmp_path):
    gz = synthetic(tmp_path / "more.jsonl.gz")
    code, out, err = run(capsys, "import", broken_copy(tmp_path), gz)
    assert code == 3
    assert out == "15 records read: 14 imported, 0 refused (already held), 1 invalid\n"
    assert err.startswith(f"{tmp_path / 'some-bad.jsonl'}: line 2: record EX-REVIEW-LATE: ")


def test_a_record_already_held_is_refused_not_duplicated(capsys):
    run(capsys, "import", EXAMPLES)
    code, out, err = run(capsys, "import", EXAMPLES)
    assert code == 3
    assert out == "5 records read: 0 imported, 5 refused (already held), 0 invalid\n"
    first = err.splitlines()[0]
    assert first.startswith("line 1: record EX-CLEAN is already held (since ")
    assert first.endswith("nothing was imported for it (the copy held is identical)")
    assert CustodyRecord.objects.count() == 5
    assert Event.objects.filter(record__record_id="EX-CLEAN").count() == len(
        next(read_records(EXAMPLES)).record.events
    )


def test_a_different_record_under_a_held_number_is_refused_and_said_to_differ(capsys, tmp_path):
    run(capsys, "import", EXAMPLES)
    changed = json.loads(EXAMPLES.read_text().splitlines()[0])
    changed["events"] = changed["events"][:-1]
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(changed))
    code, _, err = run(capsys, "import", path)
    assert code == 3
    assert err.endswith("(the copy held is different from this one)\n")


def test_each_record_is_all_or_nothing(capsys, monkeypatch):
    from bridewell.custody import records

    real = records.open_record
    calls = []

    def fails_on_the_second(**kwargs):
        calls.append(kwargs["record_id"])
        record = real(**kwargs)
        if len(calls) == 2:
            raise records.RecordInvalid("$.events[3]", "refused for the test")
        return record

    monkeypatch.setattr(records, "open_record", fails_on_the_second)
    code, out, err = run(capsys, "import", EXAMPLES)
    assert code == 3
    assert out == "5 records read: 4 imported, 0 refused (already held), 1 invalid\n"
    assert err == "line 2: record EX-REVIEW-LATE: $.events[3]: refused for the test\n"
    assert not CustodyRecord.objects.filter(record_id="EX-REVIEW-LATE").exists()
    assert not Event.objects.filter(record__record_id="EX-REVIEW-LATE").exists()
    assert CustodyRecord.objects.count() == 4


def test_an_unreadable_file_exits_2_before_anything_is_imported(capsys, tmp_path):
    code, _, err = run(capsys, "import", EXAMPLES, tmp_path / "missing.jsonl")
    assert code == 2
    assert "cannot read" in err
    assert CustodyRecord.objects.count() == 0


def test_import_then_export_gives_the_records_back(capsys, tmp_path):
    gz = synthetic(tmp_path / "in.jsonl.gz", records=40)
    run(capsys, "import", EXAMPLES, gz)
    out = tmp_path / "out.jsonl.gz"
    code, stdout, _ = run(capsys, "export", "--out", out)
    assert code == 0
    assert stdout == f"45 records written to {out}\n"
    originals = [i.record for p in (EXAMPLES, gz) for i in read_records(p)]
    exported = [i.record for i in read_records(out)]
    assert [i.error for i in read_records(out)] == [None] * 45
    assert exported == originals


def test_export_of_one_suite_and_of_open_records_only(capsys, tmp_path):
    gz = synthetic(
        tmp_path / "in.jsonl.gz", records=30, as_of=dt.datetime(2026, 3, 27, 22, tzinfo=dt.UTC)
    )
    run(capsys, "import", gz)
    out = tmp_path / "open.jsonl"
    assert run(capsys, "export", "--suite", "RIVERSIDE", "--open", "--out", out)[0] == 0
    exported = [i.record.record_id for i in read_records(out)]
    expected = CustodyRecord.objects.filter(suite__code="RIVERSIDE", is_open=True)
    assert exported == [r.record_id for r in expected.order_by("pk")]
    assert exported
    assert out.read_bytes()[:2] != b"\x1f\x8b"  # plain JSON Lines unless the name ends in .gz


def test_export_of_an_unknown_suite_is_a_usage_error(capsys, tmp_path):
    code, _, err = run(capsys, "export", "--suite", "NOWHERE", "--out", tmp_path / "x.jsonl")
    assert code == 2
    assert err == "bridewell export: no suite with code 'NOWHERE'\n"


def _tamper(sql, params):
    """Change stored rows behind the application's back, as a rogue database user could."""
    with connection.cursor() as c:
        if connection.vendor == "postgresql":  # a superuser can switch triggers off
            c.execute("SET session_replication_role = replica")
        c.execute(sql, params)
        if connection.vendor == "postgresql":
            c.execute("SET session_replication_role = DEFAULT")


def test_verify_passes_intact_chains(capsys):
    f.booked()
    run(capsys, "import", EXAMPLES)
    code, out, _ = run(capsys, "verify")
    assert code == 0
    assert out == "6 records checked: every hash chain is intact\n"


def test_verify_reports_each_break_and_exits_1(capsys):
    record = f.booked()
    other = f.booked(f.suite("RIVERSIDE"))
    _tamper(
        "UPDATE custody_event SET payload = %s WHERE record_id = %s AND seq = 3",
        ['{"id": "b3", "type": "detention_refused", "at": "2026-01-12T20:10:00Z"}', record.pk],
    )
    _tamper("DELETE FROM custody_event WHERE record_id = %s AND seq = 5", [other.pk])
    code, out, _ = run(capsys, "verify")
    assert code == 1
    lines = out.splitlines()
    assert f"record {record.record_id}: event 3: contents do not match the stored hash" in lines
    assert f"record {other.record_id}: event 6: expected event 5 (missing or reordered)" in lines
    assert lines[-1] == f"2 records checked: {len(lines) - 1} breaks in the hash chains"


def test_the_file_commands_do_not_load_django():
    code = (
        "import sys; from bridewell.cli import main; "
        f"main(['audit', {str(EXAMPLES)!r}, '--at', '2026-12-01T00:00:00Z', '--summary']); "
        "print('django' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "False"


def test_a_database_without_tables_is_explained(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bridewell.cli", "verify"],
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "has `manage.py migrate` been run?" in result.stderr
