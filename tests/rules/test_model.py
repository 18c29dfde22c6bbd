"""The v1 model: decoding, validation errors with JSON paths, corrections, helpers."""

import datetime as dt
import json

import pytest

from bridewell.interchange.reader import decode
from bridewell.rules import model as m
from bridewell.rules.timeline import Timeline
from tests.builders import INSPECTOR, SERGEANT, booking, ev, found, record, t


def raw(events=None, **changes):
    data = {
        "format": "bridewell/custody-record@1",
        "record_id": "R-1",
        "suite": "HOLD-A",
        "detainee": {"person_id": "P1"},
        "offences": [{"ref": "O1", "title": "Theft", "mode_of_trial": "either_way"}],
        "events": events
        if events is not None
        else [
            {"id": "e1", "type": "arrived", "at": "2026-01-12T20:00:00Z", "station": "HOLD-A"},
        ],
    }
    data.update(changes)
    return json.dumps(data).encode()


def error_of(line: bytes) -> str:
    item = decode(line, 17)
    assert item.record is None
    return str(item.error)


def test_a_valid_record_decodes():
    item = decode(raw(), 1)
    assert item.error is None
    assert item.record is not None
    assert item.record.events[0].at == dt.datetime(2026, 1, 12, 20, tzinfo=dt.UTC)


def test_instants_are_held_in_utc_whatever_offset_they_were_written_with():
    events = [{"id": "e1", "type": "arrived", "at": "2026-05-04T20:00:00+01:00", "station": "X"}]
    record = decode(raw(events), 1).record
    assert record is not None
    assert record.events[0].at == dt.datetime(2026, 5, 4, 19, tzinfo=dt.UTC)
    assert record.events[0].at.tzinfo is dt.UTC


ARRIVED = {"id": "e1", "type": "arrived", "at": "2026-01-12T20:00:00Z", "station": "HOLD-A"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            raw([{**ARRIVED, "at": "2026-01-12T20:00:00"}]),
            "line 17: record R-1: $.events[0].at: timestamp has no UTC offset",
        ),
        (
            raw([{**ARRIVED, "recorded_at": "2026-01-12T20:10:00"}]),
            "line 17: record R-1: $.events[0].recorded_at: timestamp has no UTC offset",
        ),
        (
            raw([{**ARRIVED, "at": "12/01/2026 20:00"}]),
            "line 17: record R-1: $.events[0].at: not an RFC 3339 timestamp",
        ),
        (
            raw([{**ARRIVED, "type": "teleported"}]),
            "line 17: record R-1: $.events[0].type: unknown event type 'teleported'",
        ),
        (
            raw([{**ARRIVED, "colour": "blue"}]),
            "line 17: record R-1: $.events[0].colour: unknown field",
        ),
        (
            raw([{"id": "e1", "type": "arrived", "at": "2026-01-12T20:00:00Z"}]),
            "line 17: record R-1: $.events[0].station: required field is missing",
        ),
        (
            raw(detainee={"person_id": "P1", "sex": "unknown"}),
            "line 17: record R-1: $.detainee.sex: 'unknown' is not an allowed value",
        ),
        (
            raw([ARRIVED, {**ARRIVED, "at": "2026-01-12T20:05:00Z"}]),
            "line 17: record R-1: $.events[1].id: duplicate event id 'e1'",
        ),
        (
            raw(
                [
                    ARRIVED,
                    {
                        "id": "e2",
                        "type": "further_arrest",
                        "at": "2026-01-12T21:00:00Z",
                        "offences": ["O1", "O9"],
                    },
                ]
            ),
            "line 17: record R-1: $.events[1].offences[1]: unknown offence ref 'O9'",
        ),
        (
            raw(
                [
                    ARRIVED,
                    {
                        "id": "c1",
                        "type": "correction",
                        "at": "2026-01-12T21:00:00Z",
                        "by": SERGEANT,
                        "corrects": "zz",
                        "reason": "typo",
                        "replacement": {**ARRIVED, "id": "e1b"},
                    },
                ]
            ),
            "line 17: record R-1: $.events[1].corrects: unknown event id 'zz'",
        ),
        (
            raw(format="bridewell/custody-record@2"),
            "line 17: record R-1: $.format: 'bridewell/custody-record@2' is not an allowed value",
        ),
        (
            raw(record_id="R" * 65),
            f"line 17: record {'R' * 65}: $.record_id: expected `str` of length <= 64",
        ),
        (raw(offences=None), "line 17: record R-1: $.offences: required for regime pace"),
        (
            raw(
                [
                    {
                        "id": "o",
                        "type": "observation_level_set",
                        "at": "2026-01-12T20:00:00Z",
                        "by": SERGEANT,
                        "level": 5,
                        "reason": "x",
                    }
                ]
            ),
            "line 17: record R-1: $.events[0].level: expected `int` <= 4",
        ),
        (b'{"format": "bridewell/custody-record@1", "record_id": ', "line 17: $: not valid JSON"),
    ],
)
def test_errors_name_the_line_record_and_first_bad_field(line, expected):
    assert error_of(line).startswith(expected)


def test_offences_may_be_absent_for_s136():
    assert decode(raw(offences=None, regime="mha_s136"), 1).error is None


def test_a_correction_replaces_the_event_for_the_rules_and_keeps_the_original():
    late_review = ev("review", "7:00", id="r1", by=INSPECTOR, mode="in_person", outcome="continue")
    fix = ev(
        "correction",
        "7:30",
        id="c1",
        by=SERGEANT,
        corrects="r1",
        reason="review was at 6:00, entered with the wrong time",
        replacement={**late_review, "id": "r1b", "at": t("6:00").isoformat()},
    )
    rec = record(booking(), late_review, fix)
    assert found(rec, "8:00", "PACE-REVIEW-1") == []
    assert any(e.id == "r1" for e in rec.events)
    timeline = Timeline(rec, t("8:00"))
    assert [e.id for e in timeline.of(m.Review)] == ["r1b"]
    assert [c.id for c in timeline.corrections] == ["c1"]
    # Before the correction was made, the rules see the entry as it stood.
    assert found(rec, "7:20", "PACE-REVIEW-1") == [("PACE-REVIEW-1", "6:10")]


def test_juvenile_is_judged_on_the_uk_date_of_arrival():
    # Born 2008-05-05: 18 on 5 May 2026. Arrival at 23:30Z on 4 May is 00:30 BST on 5 May.
    arrival = dt.datetime(2026, 5, 4, 23, 30, tzinfo=dt.UTC)
    rec = record(ev("arrived", arrival, station="X"), detainee={"birth_date": "2008-05-05"})
    assert not Timeline(rec, arrival).juvenile
    earlier = arrival - dt.timedelta(hours=1)
    rec = record(ev("arrived", earlier, station="X"), detainee={"birth_date": "2008-05-05"})
    assert Timeline(rec, earlier).juvenile


def test_juvenile_by_apparent_age_when_no_birth_date():
    rec = record(booking(), detainee={"apparent_age": 16})
    assert Timeline(rec, t("1:00")).juvenile
    rec = record(booking(), detainee={"apparent_age": 25})
    assert not Timeline(rec, t("1:00")).juvenile
    assert not Timeline(record(booking()), t("1:00")).juvenile


def test_vulnerable_from_the_time_it_is_identified():
    rec = record(booking(), ev("vulnerability_identified", "3:00", kind="mental_health"))
    timeline = Timeline(rec, t("5:00"))
    assert not timeline.vulnerable_at(t("2:59"))
    assert timeline.vulnerable_at(t("3:00"))
    flagged = Timeline(record(booking(), detainee={"vulnerable": True}), t("5:00"))
    assert flagged.vulnerable_at(t("0:00"))


def test_indictable_offences():
    assert record(booking()).has_indictable_offence
    summary = [{"ref": "O1", "title": "Drunk and disorderly", "mode_of_trial": "summary_only"}]
    assert not record(booking(), offences=summary).has_indictable_offence


def test_every_event_type_of_the_spec_is_modelled():
    assert len(m.EVENT_TYPES) == 56
    assert {"arrested", "s136_extension_authorised", "correction", "note"} <= set(m.EVENT_TYPES)
