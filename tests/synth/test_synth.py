"""The synthetic generator: reproducible, valid, realistic, and truthful about what it planted.

The truth of a planted defect is written by the generator from how the defect was built; these
tests check that the real audit (``bridewell.rules.engine.assess``) finds exactly that, and that
clean records give no finding at all.
"""

import datetime as dt
import random
import statistics
from collections import Counter

import msgspec
import pytest

from bridewell.rules import model as m
from bridewell.rules.catalogue import RULES
from bridewell.rules.engine import assess
from bridewell.rules.timeline import ENDING_TYPES
from bridewell.synth import Planted, SynthOptions, generate, span_days
from bridewell.synth.defects import KINDS, Kind
from bridewell.synth.generate import episode, record
from bridewell.synth.people import People
from bridewell.synth.profile import Knobs, draw_profile
from bridewell.synth.staff import SUITES, Roster
from bridewell.synth.timing import LONDON

START = dt.date(2026, 3, 1)  # spans the spring change to summer time


def _encoded(opts: SynthOptions) -> list[bytes]:
    return [msgspec.json.encode(rec) + msgspec.json.encode(truth) for rec, truth in generate(opts)]


def _after(rec: m.Record) -> dt.datetime:
    """An audit time after every event of the record."""
    return max(e.at for e in rec.events) + dt.timedelta(days=1)


def _ending(rec: m.Record) -> m.EventBase | None:
    return next((e for e in rec.events if isinstance(e, ENDING_TYPES)), None)


def _arrival(rec: m.Record) -> dt.datetime:
    return next(e.at for e in rec.events if isinstance(e, m.Arrived))


def _check_truth(rec: m.Record, truth: list[Planted], at: dt.datetime) -> None:
    """The audit at ``at`` finds exactly the planted rules, each at its planted time if known."""
    findings = assess(rec, at).findings
    assert Counter(f.rule for f in findings) == Counter(p.rule for p in truth), rec.record_id
    for p in truth:
        if p.at is not None:
            assert any(f.rule == p.rule and f.at == p.at for f in findings), (rec.record_id, p)


@pytest.fixture(scope="module")
def clean() -> list[tuple[m.Record, list[Planted]]]:
    return list(generate(SynthOptions(records=3000, start=START, seed=5)))


@pytest.fixture(scope="module")
def defective() -> list[tuple[m.Record, list[Planted]]]:
    return list(generate(SynthOptions(records=3000, start=START, seed=6, defects=0.3)))


# reproducibility and validity


def test_same_options_give_byte_identical_output():
    opts = SynthOptions(records=400, start=START, seed=42, defects=0.4)
    assert _encoded(opts) == _encoded(opts)


def test_different_seeds_give_different_records():
    a = _encoded(SynthOptions(records=50, start=START, seed=1))
    b = _encoded(SynthOptions(records=50, start=START, seed=2))
    assert a != b


def test_records_are_valid_and_survive_a_json_round_trip(defective):
    for rec, _ in defective:
        assert m.semantic_errors(rec) == []
        assert m.record_decoder.decode(msgspec.json.encode(rec)) == rec


def test_records_come_in_arrival_order_with_unique_ids(clean):
    arrivals = [_arrival(rec) for rec, _ in clean]
    assert arrivals == sorted(arrivals)
    assert len({rec.record_id for rec, _ in clean}) == len(clean)
    assert {rec.suite for rec, _ in clean} == {s.code for s in SUITES[:3]}


def test_every_event_happens_by_the_end_of_custody(defective):
    for rec, _ in defective:
        end = _ending(rec)
        assert end is not None
        late = [e.id for e in rec.events if e.at > end.at and not isinstance(e, m.Correction)]
        assert late == [], rec.record_id


def test_timestamps_carry_the_uk_offset_of_their_instant(clean):
    offsets = Counter()
    for rec, _ in clean:
        for e in rec.events:
            assert e.at.utcoffset() == e.at.astimezone(LONDON).utcoffset()
            offsets[e.at.utcoffset()] += 1
    assert offsets[dt.timedelta(0)]
    assert offsets[dt.timedelta(hours=1)]
    assert b'+01:00"' in msgspec.json.encode(clean[-1][0])


def test_entries_are_made_within_fifteen_minutes_unless_planted_late(clean):
    delays = [e.recorded_at - e.at for rec, _ in clean for e in rec.events if e.recorded_at]
    assert max(delays) < dt.timedelta(minutes=15)
    assert Counter(d == dt.timedelta(0) for d in delays)[True] > len(delays) / 3


# realism


def test_volume_follows_the_realistic_daily_rate():
    assert span_days(40_000, 6) == pytest.approx(365.25)
    recs = [rec for rec, _ in generate(SynthOptions(records=1100, start=START, suites=2))]
    days = (_arrival(recs[-1]) - _arrival(recs[0])).total_seconds() / 86400
    assert days == pytest.approx(span_days(1100, 2), rel=0.05)


def test_distributions_are_plausible(clean):
    n = len(clean)
    juveniles = sum(
        m.is_juvenile(rec.detainee, _arrival(rec).astimezone(LONDON).date()) for rec, _ in clean
    )
    assert 0.045 < juveniles / n < 0.09  # about 1 in 15
    male = sum(rec.detainee.sex == "male" for rec, _ in clean)
    assert 0.8 < male / n < 0.9
    hours = [(_ending(rec).at - _arrival(rec)).total_seconds() / 3600 for rec, _ in clean]
    assert 6 < statistics.median(hours) < 16
    assert 0.01 < sum(h > 24 for h in hours) / n < 0.15
    by_hour = Counter(_arrival(rec).astimezone(LONDON).hour for rec, _ in clean)
    assert by_hour.most_common(1)[0][0] in range(17, 24)
    assert by_hour[4] * 2 < by_hour[21]
    regimes = Counter(rec.regime for rec, _ in clean)
    assert 0 < regimes["mha_s136"] < n * 0.03
    repeat = n - len({rec.detainee.person_id for rec, _ in clean})
    assert 0.1 < repeat / n < 0.35


def test_s136_detainees_are_adults_held_under_a_day(clean):
    held = [rec for rec, _ in clean if rec.regime == "mha_s136"]
    assert held
    for rec in held:
        arrived = _arrival(rec)
        assert not m.is_juvenile(rec.detainee, arrived.astimezone(LONDON).date())
        assert _ending(rec).at - arrived < dt.timedelta(hours=24)


# truth


def test_clean_records_give_no_findings(clean):
    for rec, truth in clean:
        assert truth == []
        assert assess(rec, _after(rec)).findings == [], rec.record_id


def test_the_audit_finds_exactly_what_was_planted(defective):
    planted = Counter(p.rule for _, truth in defective for p in truth)
    assert sum(1 for _, truth in defective if truth) > 600  # about 30% of 3,000
    assert len(planted) >= 25
    for rec, truth in defective:
        _check_truth(rec, truth, _after(rec))


def _fitting(kind: Kind, wanted: int) -> list[tuple[m.Record, list[Planted]]]:
    """Records each carrying ``kind`` alone, from the first profiles it fits."""
    roster = Roster(SUITES[0])
    base = dt.datetime(2026, 3, 20, 18, tzinfo=dt.UTC)
    out = []
    for seed in range(100_000):
        rng = random.Random(seed)
        arrival = base + dt.timedelta(hours=seed % 2000, minutes=seed % 60)
        profile = draw_profile(rng, f"T-{seed}", roster, arrival, People())
        if not kind.fits(profile):
            continue
        knobs = Knobs()
        if kind.prepare is not None:
            kind.prepare(profile, knobs, random.Random(-seed))
        ep = episode(profile, knobs, [kind], rng)
        if ep.plants:
            truth = [Planted(profile.record_id, p.rule, p.at) for p in ep.plants]
            out.append((record(ep), truth))
            if len(out) == wanted:
                break
    return out


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_each_defect_kind_plants_exactly_its_findings(kind):
    planted = _fitting(kind, 6)
    assert len(planted) == 6
    for rec, truth in planted:
        assert {p.rule for p in truth} <= set(kind.rules)
        _check_truth(rec, truth, _after(rec))


def test_every_rule_of_the_catalogue_can_be_planted():
    assert {rule for kind in KINDS for rule in kind.rules} == {r.id for r in RULES}


# as_of


def test_as_of_cuts_records_and_leaves_the_ones_in_custody_open():
    as_of = dt.datetime(2026, 3, 20, 14, 0, 30, tzinfo=dt.UTC)
    full = list(generate(SynthOptions(records=2000, start=START, seed=9, defects=0.5)))
    cut = list(generate(SynthOptions(records=2000, start=START, seed=9, defects=0.5, as_of=as_of)))
    begun = [rec for rec, _ in full if _arrival(rec) <= as_of]
    assert [rec.record_id for rec, _ in cut] == [rec.record_id for rec in begun]
    open_ = [rec for rec, _ in cut if _ending(rec) is None]
    assert len(open_) > 5
    for (rec, truth), whole in zip(cut, begun, strict=True):
        assert all(e.at <= as_of for e in rec.events)
        assert [e for e in whole.events if e.at <= as_of] == rec.events
        _check_truth(rec, truth, as_of)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"suites": 0}, "suites"),
        ({"suites": 9}, "suites"),
        ({"defects": 1.5}, "defects"),
        ({"records": -1}, "records"),
        ({"as_of": dt.datetime(2026, 3, 2)}, "UTC offset"),
    ],
)
def test_options_are_checked(bad, message):
    with pytest.raises(ValueError, match=message):
        next(generate(SynthOptions(**{"records": 1, "start": START, **bad})))
