"""Streaming JSON Lines in and out, plain and gzip, with errors that do not stop the file."""

import gzip
import json

import msgspec

from bridewell.interchange.reader import Source, read_records
from bridewell.interchange.writer import open_output, write_records
from tests.builders import EXAMPLES


def example_lines() -> list[bytes]:
    return [line for line in EXAMPLES.read_bytes().splitlines() if line.strip()]


def test_reads_every_example_in_order():
    items = list(read_records(EXAMPLES))
    assert [i.record.record_id for i in items if i.record] == [
        "EX-CLEAN",
        "EX-REVIEW-LATE",
        "EX-JUVENILE-NO-AA",
        "EX-ROUSING",
        "EX-NO-PRRA",
    ]
    assert [i.line for i in items] == [1, 2, 3, 4, 5]


def test_gzip_is_recognised_by_content_and_blank_lines_are_skipped(tmp_path):
    lines = example_lines()
    path = tmp_path / "records.data"
    with gzip.open(path, "wb") as f:
        f.write(lines[0] + b"\n\n  \n" + lines[1] + b"\n")
    items = list(read_records(path))
    assert [(i.line, i.record.record_id) for i in items if i.record] == [
        (1, "EX-CLEAN"),
        (4, "EX-REVIEW-LATE"),
    ]


def test_a_single_record_json_file(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps(json.loads(example_lines()[0]), indent=2))
    [item] = list(read_records(path))
    assert item.record is not None
    assert item.record.record_id == "EX-CLEAN"


def test_invalid_records_are_reported_and_the_rest_still_read(tmp_path):
    lines = example_lines()
    broken = json.loads(lines[1])
    broken["events"][3]["at"] = "2026-05-04T20:20:00"
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([lines[0], json.dumps(broken).encode(), lines[2], lines[0]]))
    items = list(read_records(path))
    assert [i.record.record_id if i.record else None for i in items] == [
        "EX-CLEAN",
        None,
        "EX-JUVENILE-NO-AA",
        None,
    ]
    assert str(items[1].error) == (
        "line 2: record EX-REVIEW-LATE: $.events[3].at: timestamp has no UTC offset"
    )
    assert str(items[3].error) == (
        "line 4: record EX-CLEAN: $.record_id: duplicate record_id (first on line 1)"
    )


def test_reading_streams_rather_than_loading_the_file(tmp_path):
    path = tmp_path / "many.jsonl"
    line = example_lines()[0]
    record = json.loads(line)
    with path.open("wb") as f:
        for n in range(2000):
            record["record_id"] = f"R-{n}"
            f.write(json.dumps(record).encode() + b"\n")
    with Source(path) as source:
        first = next(source.items())
        assert first.record is not None
        assert source.position < source.size / 2


def test_write_then_read_gives_equal_records(tmp_path):
    originals = [i.record for i in read_records(EXAMPLES)]
    for name in ("copy.jsonl", "copy.jsonl.gz"):
        path = tmp_path / name
        with open_output(path) as out:
            assert write_records(originals, out) == len(originals)
        again = [i.record for i in read_records(path)]
        assert again == originals
        assert msgspec.json.encode(again) == msgspec.json.encode(originals)
