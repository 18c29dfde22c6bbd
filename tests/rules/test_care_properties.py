"""Properties of the care rules over small random timelines.

More care never makes a record look worse and less care never makes it look better. Exactly what
that means for the visit timer needs care, because a lapse is one finding and the timer restarts at
the late visit:

- A roused visit added while a visit is overdue ends that lapse and starts a new timer, so the
  record can gain a second, later lapse (one long lapse becomes a lapse, a late visit and a
  shorter lapse). What never grows is the time during which a visit is overdue; and a roused visit
  made on time (no visit overdue at that moment) never adds to the number of findings.
- Deleting a visit can likewise merge two lapses into one, so the number of findings can drop;
  what never shrinks is the time during which a visit is overdue, and deleting a visit made on
  time never lowers the number of findings.
- A lapse is reported under the rule in force at its due time, so moving a deadline can turn an
  hourly lapse (PACE-CARE-1) into a roused one (PACE-CARE-2): the two are counted together.
"""

import datetime as dt
import random
from collections import Counter
from typing import Any, NamedTuple

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bridewell.rules.engine import Assessment, assess
from tests.builders import DETENTION_OFFICER, SERGEANT, booking, ev, record, t

VISITS = {"PACE-CARE-1", "PACE-CARE-2"}
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KINDS = [
    "visit",
    "visit",
    "visit",
    "risk",
    "level",
    "interview",
    "hospital",
    "call",
    "meal",
    "rest",
]
minutes = st.integers(min_value=0, max_value=32 * 12).map(lambda n: n * 5)


def at(minute: int) -> dt.timedelta:
    return dt.timedelta(minutes=minute)


@st.composite
def care_events(draw: st.DrawFn, i: int) -> list[dict[str, Any]]:
    """One care event (two for an interview or a hospital trip) with ids made from ``i``."""
    kind = draw(st.sampled_from(KINDS))
    when = draw(minutes)
    eid = f"g{i}"
    if kind == "visit":
        roused = draw(st.booleans())
        response = draw(st.sampled_from(["responded", "no_response", "not_roused"]))
        return [
            ev(
                "cell_visit",
                at(when),
                id=eid,
                by=DETENTION_OFFICER,
                roused=roused,
                response=response,
            )
        ]
    if kind == "risk":
        return [
            ev(
                "risk_assessed",
                at(when),
                id=eid,
                by=SERGEANT,
                stage="review",
                intoxicated=draw(st.booleans()),
                swallowed_drugs=draw(st.booleans()),
            )
        ]
    if kind == "level":
        fields: dict[str, Any] = {"level": draw(st.integers(1, 4)), "reason": "review"}
        rousing = draw(st.sampled_from([None, True, False]))
        if rousing is not None:
            fields["rousing"] = rousing
        return [ev("observation_level_set", at(when), id=eid, by=SERGEANT, **fields)]
    if kind in ("interview", "hospital"):
        length = draw(st.integers(1, 48)) * 5
        if kind == "interview":
            start = ev("interview_started", at(when), id=eid)
            end = ev("interview_ended", at(when + length), id=f"{eid}x")
        else:
            purpose = draw(st.sampled_from(["medical", "investigative"]))
            start = ev("hospital_departed", at(when), id=eid, purpose=purpose)
            end = ev("hospital_returned", at(when + length), id=f"{eid}x")
        return [start, end] if draw(st.integers(0, 5)) else [start]
    if kind == "call":
        return [ev(draw(st.sampled_from(["hcp_requested", "ambulance_called"])), at(when), id=eid)]
    if kind == "meal":
        return [ev("meal_offered", at(when), id=eid, kind=draw(st.sampled_from(["light", "main"])))]
    code = draw(st.sampled_from(["a", "b", "c"]))
    return [ev("rest_interrupted", at(when), id=eid, code=code, reason="test")]


class Case(NamedTuple):
    """A generated record: its events, its regime and the time T of the audit."""

    events: list[dict[str, Any]]
    regime: str
    audit: dt.datetime

    def run(
        self, events: list[dict[str, Any]] | None = None, when: dt.datetime | None = None
    ) -> Assessment:
        rec = record(self.events if events is None else events, regime=self.regime)
        return assess(rec, self.audit if when is None else when)

    def overdue(self, events: list[dict[str, Any]], when: dt.datetime) -> bool:
        """A visit is overdue at ``when``: the live view then shows a visit due before it."""
        return any(o.rule in VISITS and o.due < when for o in self.run(events, when).obligations)

    def compare(self, events: list[dict[str, Any]]) -> tuple[Counter[str], int]:
        """Findings outside the visit timer by (rule, at), and the number of visit lapses."""
        found = self.run(events).findings
        others = Counter(f"{f.rule} {f.at.isoformat()}" for f in found if f.rule not in VISITS)
        return others, sum(f.rule in VISITS for f in found)

    def snapshot(self, events: list[dict[str, Any]]) -> tuple[list[Any], list[Any]]:
        result = self.run(events)
        return (
            sorted((f.rule, f.at, f.due, f.message, f.events) for f in result.findings),
            sorted((o.rule, o.due, o.message, o.events) for o in result.obligations),
        )


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A booking, a few care events, perhaps a release, in any regime, audited at some T."""
    events = booking()
    for i in range(draw(st.integers(0, 14))):
        events.extend(draw(care_events(i)))
    if draw(st.booleans()):
        events.append(ev("released", at(draw(minutes)), id="out", by=SERGEANT, outcome="bail"))
    regime = draw(st.sampled_from(["pace", "pace", "mha_s136", "tact"]))
    return Case(events, regime, t(at(draw(st.integers(0, 34 * 12)) * 5)))


def roused_visit(minute: int) -> dict[str, Any]:
    return ev(
        "cell_visit",
        at(minute),
        id="added",
        by=DETENTION_OFFICER,
        roused=True,
        response="responded",
    )


@SETTINGS
@given(cases(), minutes)
def test_a_roused_visit_made_on_time_never_adds_a_finding(case, minute):
    if case.overdue(case.events, t(at(minute))):
        return
    added = [*case.events, roused_visit(minute)]
    before_others, before_lapses = case.compare(case.events)
    after_others, after_lapses = case.compare(added)
    assert after_others - before_others == Counter()
    assert after_lapses <= before_lapses
    assert len(case.run(added).findings) <= len(case.run().findings)


@SETTINGS
@given(cases(), minutes, st.lists(minutes, min_size=1, max_size=4))
def test_a_roused_visit_never_adds_time_overdue(case, minute, probes):
    added = [*case.events, roused_visit(minute)]
    for probe in probes:
        when = t(at(probe))
        assert case.overdue(case.events, when) or not case.overdue(added, when)


@SETTINGS
@given(cases(), st.data())
def test_deleting_a_visit_never_removes_a_finding(case, data):
    visits = [e for e in case.events if e["type"] == "cell_visit"]
    if not visits:
        return
    gone = data.draw(st.sampled_from(visits))
    fewer = [e for e in case.events if e is not gone]
    for probe in data.draw(st.lists(minutes, min_size=1, max_size=4)):
        when = t(at(probe))
        assert case.overdue(fewer, when) or not case.overdue(case.events, when)
    made_on_time = not case.overdue(fewer, dt.datetime.fromisoformat(gone["at"]))
    if gone["response"] == "no_response" or not made_on_time:
        return
    before_others, before_lapses = case.compare(case.events)
    after_others, after_lapses = case.compare(fewer)
    assert before_others - after_others == Counter()
    assert after_lapses >= before_lapses


@SETTINGS
@given(cases(), st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_the_order_of_events(case, rnd: random.Random):
    shuffled = list(case.events)
    rnd.shuffle(shuffled)
    assert case.snapshot(shuffled) == case.snapshot(case.events)


@SETTINGS
@given(cases())
def test_an_overdue_visit_is_always_also_a_finding(case):
    result = case.run()
    lapses = {(f.rule, f.at) for f in result.findings if f.rule in VISITS}
    for o in result.obligations:
        if o.rule in VISITS:
            assert result.open
            assert o.due >= case.audit or (o.rule, o.due) in lapses
