"""The custody record service: append-only, hash-chained events, derived fields, import/export."""

import datetime as dt
import itertools
import threading

import pytest
from django.db import connection, connections, transaction

from bridewell.custody import records
from bridewell.custody.models import CustodyRecord, Event
from bridewell.interchange.reader import read_records
from bridewell.synth import SynthOptions, generate
from tests import factories as f
from tests.builders import EXAMPLES

pytestmark = pytest.mark.django_db

SERGEANT = {"id": "S0001", "rank": "sergeant", "role": "custody_officer"}
INSPECTOR = {"id": "I0001", "rank": "inspector", "role": "review_officer"}
LATER = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def at(minutes: int) -> str:
    return (f.NOW + dt.timedelta(minutes=minutes)).isoformat()


def test_booking_in_chains_the_first_events_and_derives_the_board_fields():
    record = f.booked()
    events = list(record.events.order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3, 4, 5, 6]
    assert events[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(events))
    assert record.head_hash == events[-1].hash
    assert record.is_open
    assert record.arrived_at == f.NOW
    assert record.limit_at == f.NOW + dt.timedelta(hours=24)
    assert record.limit_rule == "PACE-LIMIT-24"
    assert record.observation_level == 1
    # The next thing due is the first cell visit, an hour after detention was authorised.
    assert record.next_due_at == f.NOW + dt.timedelta(minutes=70)
    assert record.next_due_rule == "PACE-CARE-1"
    assert {o["rule"] for o in record.obligations} >= {"PACE-CARE-1", "PACE-REVIEW-1"}


def test_appending_a_visit_moves_the_next_visit_and_refreshes_findings():
    record = f.booked()
    user = f.staff("detention_officer", record.suite)
    visit = {"type": "cell_visit", "at": at(60), "by": SERGEANT}
    event = records.append(record, visit, user, now=f.NOW + dt.timedelta(minutes=61))
    assert (event.seq, event.event_id, event.recorded_by) == (7, "b7", user)
    assert event.payload["at"] == "2026-01-12T21:00:00Z"
    record.refresh_from_db()
    assert record.next_due_at == f.NOW + dt.timedelta(minutes=120)
    assert record.findings_count == 0
    # Two hours later with no visit, the lapse is a finding once something is recorded.
    note = {"type": "note", "at": at(200), "by": SERGEANT, "text": "Detainee asleep"}
    records.append(record, note, user, now=f.NOW + dt.timedelta(minutes=200))
    record.refresh_from_db()
    assert record.findings_count == 1
    assert record.next_due_rule == "PACE-CARE-1"
    assert record.next_due_at == f.NOW + dt.timedelta(minutes=120)


def test_an_invalid_event_is_refused_with_the_field_named_and_nothing_stored():
    record = f.booked()
    bad = {"type": "cell_visit", "at": "2026-01-12T21:00:00", "by": SERGEANT}
    with pytest.raises(records.RecordInvalid) as refused:
        records.append(record, bad, None, now=f.NOW)
    assert refused.value.path == "$.events[6].at"
    assert refused.value.message == "timestamp has no UTC offset"
    assert record.events.count() == 6


def test_a_review_before_charge_needs_an_inspector():
    record = f.booked()
    review = {"type": "review", "at": at(300), "mode": "in_person", "outcome": "continue"}
    with pytest.raises(records.NotAuthorised, match="only an inspector or above"):
        records.append(record, {**review, "by": SERGEANT}, None, now=f.NOW)
    records.append(record, {**review, "by": INSPECTOR}, None, now=f.NOW)
    assert record.events.filter(type="review").count() == 1


def test_an_extension_needs_a_superintendent():
    record = f.booked()
    ext = {"type": "extension_authorised", "at": at(1300), "until": at(2100)}
    with pytest.raises(records.NotAuthorised, match="superintendent"):
        records.append(record, {**ext, "by": INSPECTOR}, None, now=f.NOW)


def test_imported_records_are_not_refused_the_engine_reports_them_instead():
    [item] = [i for i in read_records(EXAMPLES) if i.record.record_id == "EX-REVIEW-LATE"]
    imported = records.import_record(item.record, now=LATER)
    assert imported.findings_count == 1
    assert imported.events.filter(source="import").count() == len(item.record.events)


def test_events_cannot_be_changed_or_deleted_through_the_orm():
    record = f.booked()
    event = record.events.first()
    event.payload = {"tampered": True}
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        Event.objects.filter(record=record).update(type="note")
    with pytest.raises(PermissionError):
        Event.objects.filter(record=record).delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_delete_on_events():
    record = f.booked()
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as c,
    ):
        c.execute("UPDATE custody_event SET type = 'note' WHERE record_id = %s", [record.pk])
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as c,
    ):
        c.execute("DELETE FROM custody_event WHERE record_id = %s", [record.pk])


def _tamper(sql: str, params: list[object]) -> None:
    """Change stored rows behind the application's back, as a rogue database user could."""
    with connection.cursor() as c:
        if connection.vendor == "postgresql":  # a superuser can switch triggers off
            c.execute("SET session_replication_role = replica")
        c.execute(sql, params)
        if connection.vendor == "postgresql":
            c.execute("SET session_replication_role = DEFAULT")


def test_verify_finds_a_tampered_row_and_says_where():
    record = f.booked()
    other = f.booked(f.suite("RIVERSIDE"))
    assert list(records.verify(CustodyRecord.objects.all())) == []
    _tamper(
        "UPDATE custody_event SET payload = %s WHERE record_id = %s AND seq = 3",
        ['{"id": "b3", "type": "detention_refused", "at": "2026-01-12T20:10:00Z"}', record.pk],
    )
    found = [str(b) for b in records.verify(CustodyRecord.objects.all())]
    assert found == [f"record {record.record_id}: event 3: contents do not match the stored hash"]
    assert other.record_id not in " ".join(found)


def test_verify_finds_a_deleted_row():
    record = f.booked()
    _tamper("DELETE FROM custody_event WHERE record_id = %s AND seq = 2", [record.pk])
    found = [str(b) for b in records.verify([record])]
    assert (
        found[0] == f"record {record.record_id}: event 3: expected event 2 (missing or reordered)"
    )


def test_import_then_export_gives_equal_records():
    originals = [i.record for i in read_records(EXAMPLES)]
    options = SynthOptions(records=30, start=dt.date(2026, 10, 20), seed=4, defects=0.5)
    originals += [r for r, _ in generate(options)]
    for original in originals:
        records.import_record(original, now=f.NOW)
    for original in originals:
        exported = records.export_record(CustodyRecord.objects.get(record_id=original.record_id))
        assert exported == original, original.record_id


def test_importing_a_record_again_is_refused_not_duplicated():
    [item, *_] = list(read_records(EXAMPLES))
    records.import_record(item.record, now=f.NOW)
    with pytest.raises(records.AlreadyExists, match="EX-CLEAN is already held"):
        records.import_record(item.record, now=f.NOW)
    assert CustodyRecord.objects.filter(record_id="EX-CLEAN").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent connections")
def test_simultaneous_appends_lose_nothing_and_keep_one_chain():
    record = f.booked()
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for k in range(5):
                note = {"type": "note", "at": at(20 + k), "by": SERGEANT, "text": f"w{n}-{k}"}
                records.append(record, note, None, now=f.NOW + dt.timedelta(minutes=30))
        except BaseException as exc:  # collected and re-raised below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(record.events.values_list("seq", flat=True)) == list(range(1, 47))
    assert list(records.verify([CustodyRecord.objects.get(pk=record.pk)])) == []
