"""``bridewell report governance|scrutiny`` from files and from the database.

The key test: the pack of a JSON Lines file equals the pack of the same records imported into
the database.
"""

import argparse
import datetime as dt
import re

import pytest
from pypdf import PdfReader

from bridewell.custody import records
from bridewell.insights import report_command
from bridewell.insights.cases import Candidates, default_seed, sample
from bridewell.insights.pack import Collector, collect
from bridewell.insights.pseudonyms import ENV, Pseudonyms
from bridewell.insights.sources import from_database, from_files
from bridewell.interchange.writer import open_output, write_records
from bridewell.learning import incidents
from bridewell.learning.models import Incident
from bridewell.learning.pack import Month
from bridewell.synth import SynthOptions, generate

AT = "2026-03-01T00:00:00Z"
KEY = "force-secret-0123456789"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bridewell")
    commands = p.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report").add_subparsers(dest="report", required=True)
    report_command.add_parsers(report)
    return p


def run(*argv: str) -> int:
    args = parser().parse_args(["report", *argv])
    code: int = args.run(args)
    return code


@pytest.fixture(scope="module")
def made():
    options = SynthOptions(records=120, start=dt.date(2025, 10, 1), seed=5, suites=2, defects=0.3)
    return [r for r, _ in generate(options)]


@pytest.fixture
def export(tmp_path, made):
    path = tmp_path / "export.jsonl"
    out = open_output(path)
    write_records(iter(made), out)
    out.close()
    return path


def test_governance_from_a_file_writes_html(export, tmp_path, capsys):
    out = tmp_path / "pack.html"
    code = run(
        "governance",
        "--month",
        "2025-10",
        "--from",
        str(export),
        "--at",
        AT,
        "--format",
        "html",
        "--out",
        str(out),
    )
    assert code == 0
    page = out.read_text()
    assert "October 2025, force-wide (every suite)" in page
    assert "Not available from a file" in page
    assert "a pack made from a file has none of them" in page
    assert "120 records read, 0 invalid and left out" in capsys.readouterr().err


def test_a_suite_with_no_records_in_the_month_is_pointed_out(export, tmp_path, capsys):
    out = tmp_path / "pack.html"
    code = run(
        "governance",
        "--month",
        "2025-10",
        "--suite",
        "NOWHERE",
        "--from",
        str(export),
        "--at",
        AT,
        "--format",
        "html",
        "--out",
        str(out),
    )
    assert code == 0
    assert "no record of suite NOWHERE counts in 2025-10" in capsys.readouterr().err
    assert "October 2025, suite NOWHERE" in out.read_text()


def test_left_out_records_give_exit_3_and_the_pack_says_so(export, tmp_path, capsys):
    broken = tmp_path / "broken.jsonl"
    broken.write_text(export.read_text() + '{"format": "bridewell/custody-record@1"}\n')
    out = tmp_path / "pack.html"
    code = run(
        "governance",
        "--month",
        "2025-10",
        "--from",
        str(broken),
        "--at",
        AT,
        "--format",
        "html",
        "--out",
        str(out),
    )
    assert code == 3
    assert "these figures are incomplete" in out.read_text()
    assert "1 invalid and left out" in capsys.readouterr().err


def test_usage_errors_give_exit_2(tmp_path, capsys, monkeypatch):
    out = tmp_path / "pack.html"
    assert (
        run(
            "governance",
            "--month",
            "2025-10",
            "--from",
            str(tmp_path / "nope.jsonl"),
            "--format",
            "html",
            "--out",
            str(out),
        )
        == 2
    )
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as bad_month:
        run("governance", "--month", "2025-13", "--format", "html", "--out", str(out))
    assert bad_month.value.code == 2
    with pytest.raises(SystemExit):
        run(
            "scrutiny",
            "--month",
            "2025-10",
            "--format",
            "html",
            "--out",
            str(out),
            "--suppress-below",
            "2",
        )
    assert not out.exists()


def test_scrutiny_refuses_to_run_without_a_key(export, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    out = tmp_path / "panel.html"
    code = run(
        "scrutiny",
        "--month",
        "2025-10",
        "--from",
        str(export),
        "--format",
        "html",
        "--out",
        str(out),
    )
    assert code == 2
    assert "unkeyed hash" in capsys.readouterr().err
    assert not out.exists()


def test_scrutiny_from_a_file_with_a_key_file_and_seed(export, made, tmp_path):
    key = tmp_path / "key"
    key.write_text(KEY)
    out = tmp_path / "panel.html"
    code = run(
        "scrutiny",
        "--month",
        "2025-10",
        "--from",
        str(export),
        "--at",
        AT,
        "--key-file",
        str(key),
        "--seed",
        "panel-2025-10",
        "--cases",
        "2",
        "--suppress-below",
        "5",
        "--format",
        "html",
        "--out",
        str(out),
    )
    assert code == 0
    page = out.read_text()
    assert "panel-2025-10" in page
    assert "fewer than 5" in page
    shown = set(re.findall(r"Case (C-[A-Z2-7]{10})<", page))
    assert shown
    assert shown <= {Pseudonyms(KEY.encode())(r.record_id) for r in made}
    assert not any(r.record_id in page for r in made)


def test_scrutiny_pdf_reads_with_page_numbers_and_suppressed_counts(
    export, made, tmp_path, monkeypatch
):
    monkeypatch.setenv(ENV, KEY)
    out = tmp_path / "panel.pdf"
    code = run(
        "scrutiny",
        "--month",
        "2025-10",
        "--from",
        str(export),
        "--at",
        AT,
        "--format",
        "pdf",
        "--out",
        str(out),
        "--cases",
        "1",
    )
    assert code == 0
    reader = PdfReader(out)
    pages = len(reader.pages)
    words = "\n".join(p.extract_text() for p in reader.pages)
    assert f"Page 2 of {pages}" in words
    assert "Custody scrutiny pack" in words
    assert "Case sample" in words
    assert "fewer than 10" in words
    assert not any(r.record_id in words for r in made)


@pytest.mark.django_db
def test_the_pack_of_a_file_equals_the_pack_of_the_same_records_in_the_database(export, made):
    at = dt.datetime.fromisoformat(AT)
    for record in made:
        records.import_record(record, now=at)
    pseudonym = Pseudonyms(KEY.encode())
    for suite in (None, made[0].suite):
        file_cases, db_cases = Candidates("2025-10", suite), Candidates("2025-10", suite)
        from_file = collect(
            from_files([export], lambda n: None), Collector("2025-10", suite, at), file_cases.add
        )
        from_db = collect(
            from_database(None, lambda n: None), Collector("2025-10", suite, at), db_cases.add
        )
        assert from_file.records_read == len(made)
        assert from_file.exceptions
        assert from_file == from_db
        seed = default_seed("2025-10", suite)
        assert sample(file_cases, 3, seed, pseudonym, at) == sample(
            db_cases, 3, seed, pseudonym, at
        )


@pytest.mark.django_db
def test_governance_from_the_database_includes_use_of_force_governance(made, tmp_path):
    at = dt.datetime.fromisoformat(AT)
    for record in made:
        records.import_record(record, now=at)
    incidents.find_candidates(at)
    october = Month.parse("2025-10")
    happened = Incident.objects.filter(
        occurred_at__gte=october.start, occurred_at__lt=october.end
    ).count()
    assert happened > 0
    out = tmp_path / "pack.html"
    code = run(
        "governance", "--month", "2025-10", "--at", AT, "--format", "html", "--out", str(out)
    )
    assert code == 0
    page = out.read_text()
    assert "the Bridewell database" in page
    assert "Incidents and recommendations" in page
    assert "Forms, reviews and CCTV by suite" in page
    assert "Reconciliation with the custody records (K-UF3)" in page
    assert "Dip samples due in October 2025" in page
    assert "Adverse incidents, learning and recommendations, October 2025" in page
    assert re.search(rf"Happened in the month</dt><dd[^>]*>{happened}</dd>", page)
    # The synthetic records use force; each use is an incident awaiting reports and review.
    entries = int(re.search(r"Custody force entries</th><td>([\d,]+)<", page)[1])
    assert entries > 0
    assert f"0% (0 of {entries})" in page


@pytest.mark.django_db
def test_scrutiny_from_the_database_removes_the_names_held_for_the_detainee(tmp_path, monkeypatch):
    from bridewell.custody.models import Alias, Person
    from tests.insights.test_cases import strip_search_record

    records.import_record(strip_search_record(), now=dt.datetime.fromisoformat(AT))
    person = Person.objects.get(person_id="P1")
    person.surname, person.forenames = "SMITH", "John"
    person.save()
    Alias.objects.create(person=person, name="Jon Smith")
    monkeypatch.setenv(ENV, KEY)
    out = tmp_path / "panel.html"
    code = run("scrutiny", "--month", "2026-01", "--at", AT, "--format", "html", "--out", str(out))
    assert code == 0
    page = out.read_text()
    assert "Case C-" in page
    assert "[name removed] [name removed] ([id removed]) said he would harm himself" in page
    assert "Smithy calm; [name removed] spoke to sister" in page
    assert "John" not in page
    assert "T-9" not in page
