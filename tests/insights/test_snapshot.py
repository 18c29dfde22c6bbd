"""The stored KPI snapshot: the same cells as the Accumulator, kept few, invalid records listed."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest
from django.core.management import call_command

from bridewell.custody import records
from bridewell.custody.models import CustodyRecord
from bridewell.insights import snapshot
from bridewell.insights.facts import facts
from bridewell.insights.models import Snapshot, SnapshotCell
from bridewell.insights.monthly import Accumulator
from bridewell.rules import model as m
from bridewell.rules.engine import assess
from bridewell.web import clock
from tests.builders import BASE, DETENTION_OFFICER, SERGEANT, booking, ev, record

pytestmark = pytest.mark.django_db

AT = BASE + dt.timedelta(days=40)


def detained(record_id: str, suite: str, *more: dict, **kw) -> m.Record:
    rec = record(booking(), *more, record_id=record_id, **kw)
    return msgspec.structs.replace(rec, suite=suite)


def sample() -> list[m.Record]:
    """Five records in two suites and two months: a child, late visits, a release."""
    released = ev("released", "5:00", by=SERGEANT, outcome="nfa")
    return [
        detained("S-1", "HOLD-A", released),
        detained("S-2", "HOLD-A", ev("cell_visit", "3:00", by=DETENTION_OFFICER, note="ok")),
        detained("S-3", "HOLD-B", released, detainee={"person_id": "P3", "apparent_age": 15}),
        detained("S-4", "HOLD-B"),
        msgspec.structs.replace(
            record(booking("-400:00", "-399:50"), record_id="S-5"), suite="HOLD-A"
        ),
    ]


def test_refresh_stores_the_cells_the_accumulator_gives_for_the_same_records():
    recs = sample()
    for rec in recs:
        records.import_record(rec, now=AT)
    acc = Accumulator()
    for rec in recs:
        acc.add(facts(rec, assess(rec, AT), AT))
    expected = acc.result()

    done = snapshot.refresh(AT)

    assert done.records == 5
    assert done.invalid == ()
    assert done.cells == len(expected)
    stored = snapshot.latest()
    assert stored is not None
    assert stored.evaluated_at == AT
    assert snapshot.cells(stored) == expected
    assert set(expected) >= {("2026-01", "HOLD-A"), ("2026-01", "HOLD-B"), ("2026-01", None)}
    assert snapshot.months(stored) == sorted({month for month, _ in expected})


def test_the_page_figures_carry_no_record_ids_but_the_drill_down_does():
    for rec in sample():
        records.import_record(rec, now=AT)
    stored = snapshot.refresh(AT).snapshot
    figures = snapshot.figures(stored, ["2026-01"], ["HOLD-A"])[("2026-01", "HOLD-A")]["K-T1"]
    assert figures.numerator == 2
    assert figures.records == ()
    drilled = snapshot.cell(stored, "2026-01", "HOLD-A")
    assert drilled is not None
    assert set(drilled["K-T1"].records) == {"S-1", "S-2"}
    assert snapshot.cell(stored, "2026-01", "NOWHERE") is None


def test_only_the_newest_snapshots_are_kept():
    records.import_record(sample()[0], now=AT)
    made = [
        snapshot.refresh(AT + dt.timedelta(hours=n)).snapshot.pk for n in range(snapshot.KEEP + 2)
    ]
    kept = list(Snapshot.objects.values_list("pk", flat=True))
    assert sorted(kept) == made[-snapshot.KEEP :]
    assert SnapshotCell.objects.exclude(snapshot_id__in=kept).count() == 0
    assert snapshot.latest().pk == made[-1]


def test_a_record_that_no_longer_decodes_is_listed_not_dropped():
    for rec in sample()[:2]:
        records.import_record(rec, now=AT)
    broken = CustodyRecord.objects.get(record_id="S-2")
    # Storage damaged outside custody.records (the only write path would refuse it).
    CustodyRecord.objects.filter(pk=broken.pk).update(regime="not-a-regime")

    done = snapshot.refresh(AT)

    assert done.records == 2
    assert [i.record_id for i in done.invalid] == ["S-2"]
    assert done.snapshot.invalid[0]["record_id"] == "S-2"
    assert (
        snapshot.figures(done.snapshot, ["2026-01"], [None])[("2026-01", None)]["K-T1"].numerator
        == 1
    )


def test_the_command_prints_the_summary_and_what_it_left_out(capsys):
    for rec in sample():
        records.import_record(rec, now=AT)
    CustodyRecord.objects.filter(record_id="S-2").update(regime="not-a-regime")
    clock.reset()
    call_command("refresh_insights")
    out = capsys.readouterr().out
    assert "5 records read, 1 invalid and left out" in out
    assert "left out: record S-2: $.regime:" in out
    assert Snapshot.objects.count() == 1


def test_the_demo_gets_figures_from_one_call_after_seeding():
    from bridewell.web import demo

    seeded = demo.seed(AT, demo.DemoSize(days=1.5, history_every=10))
    done = snapshot.refresh(AT)
    assert done.records == CustodyRecord.objects.count() == seeded.open + seeded.closed
    assert done.invalid == ()
    force_wide = snapshot.figures(done.snapshot, snapshot.months(done.snapshot), [None])
    assert sum(values["K-T1"].numerator for values in force_wide.values()) > 0
