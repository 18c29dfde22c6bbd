"""Records read from files and from the database are the same records, decoded the same way."""

import datetime as dt

import pytest

from bridewell.custody import records
from bridewell.insights import sources
from bridewell.insights.sources import from_database, from_files
from bridewell.interchange.writer import open_output, write_records
from bridewell.rules import model as m
from bridewell.synth import SynthOptions, generate

NOW = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def synthetic(path, n):
    options = SynthOptions(records=n, start=dt.date(2026, 10, 1), seed=5, defects=0.3, suites=2)
    made = [r for r, _ in generate(options)]
    out = open_output(path)
    write_records(iter(made), out)
    out.close()
    return made


def test_from_files_gives_every_record_and_counts_bytes(tmp_path):
    path = tmp_path / "r.jsonl"
    made = synthetic(path, 5)
    seen: list[int] = []
    items = list(from_files([path], seen.append))
    assert [i.record.record_id for i in items if i.record] == [r.record_id for r in made]
    assert sum(seen) == path.stat().st_size
    assert {i.source for i in items} == {str(path)}


def test_a_record_id_met_again_in_a_later_file_is_an_error(tmp_path):
    first, again = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    synthetic(first, 2)
    synthetic(again, 2)
    items = list(from_files([first, again], lambda n: None))
    errors = [i.error for i in items if i.error]
    assert len(errors) == 2
    assert all(f"already read from {first}" in e.message for e in errors)


@pytest.mark.django_db
def test_from_database_gives_the_imported_records_unchanged(tmp_path):
    made = synthetic(tmp_path / "r.jsonl", 6)
    for record in made:
        records.import_record(record, now=NOW)
    counted: list[int] = []
    items = list(from_database(progress=counted.append))
    assert all(i.error is None for i in items)
    assert sum(counted) == len(made)
    # Equal as records: the same instants, though the database gives them back in UTC.
    by_id = {i.record.record_id: i.record for i in items}
    assert by_id == {r.record_id: r for r in made}


@pytest.mark.django_db
def test_from_database_keeps_to_the_suites_asked_for(tmp_path):
    made = synthetic(tmp_path / "r.jsonl", 8)
    for record in made:
        records.import_record(record, now=NOW)
    suite = made[0].suite
    items = list(from_database(suites=[suite]))
    assert {i.record.suite for i in items} == {suite}
    assert len(items) == sum(r.suite == suite for r in made) < len(made)


@pytest.mark.django_db
def test_from_database_open_since_reads_only_records_open_at_some_time_since(tmp_path):
    from bridewell.custody.models import CustodyRecord

    made = synthetic(tmp_path / "r.jsonl", 40)
    for record in made:
        records.import_record(record, now=NOW)
    ended = sorted(CustodyRecord.objects.exclude(ended_at=None).values_list("ended_at", flat=True))
    since = ended[len(ended) // 2]
    wanted = {
        r.record_id
        for r in CustodyRecord.objects.all()
        if r.ended_at is None or r.ended_at >= since
    }
    got = {i.record.record_id for i in from_database(open_since=since)}
    assert got == wanted
    assert 0 < len(got) < len(made)


@pytest.mark.django_db
def test_from_database_reads_across_batches_in_arrival_order(tmp_path, monkeypatch):
    made = synthetic(tmp_path / "r.jsonl", 7)
    for record in reversed(made):
        records.import_record(record, now=NOW)
    monkeypatch.setattr(sources, "BATCH", 3)
    counted: list[int] = []
    items = list(sources.from_database(progress=counted.append))
    assert counted == [3, 3, 1]
    assert [i.record for i in items] == sorted(made, key=arrival)


def arrival(record):
    return next(e.at for e in record.events if isinstance(e, m.Arrived))
