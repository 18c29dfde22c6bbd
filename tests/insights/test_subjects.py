"""From a custody record to the subject the disproportionality tables count."""

from __future__ import annotations

from bridewell.insights.disproportionality import rate_table, subject
from bridewell.insights.facts import facts
from bridewell.rules import model as m
from bridewell.rules.engine import assess
from tests.builders import SERGEANT, booking, ev, record, t


def subject_of(rec: m.Record):
    when = t("200:00")
    return subject(facts(rec, assess(rec, when), when))


def released(when: str) -> dict[str, object]:
    return ev("released", when, id="rel", by=SERGEANT, outcome="nfa")


def test_a_detention_with_force_a_strip_search_and_clothing_removed():
    rec = record(
        booking(),
        ev("force_used", "0:30", id="f1", officers=["C1"], tactics=["ground_restraint"]),
        ev("search", "1:00", id="s1", level="strip", authorised_by=SERGEANT,
           place="custody_suite"),
        ev("clothing_removed", "1:05", id="c1", by=SERGEANT, reason="ligature risk"),
        released("30:00"),
        detainee={"ethnicity_self": "B2", "sex": "female"},
    )  # fmt: skip
    s = subject_of(rec)
    assert s is not None
    assert (s.ethnic_group, s.sex, s.child, s.record_id) == (
        "black",
        "female",
        False,
        rec.record_id,
    )
    assert s.outcomes == {"use_of_force", "strip_search", "clothing_removal", "over_24_hours"}


def test_tactical_communication_alone_is_not_force_and_a_child_overnight_counts():
    rec = record(
        booking(),
        ev("force_used", "0:30", id="f1", officers=["C1"], tactics=["tactical_communication"]),
        released("5:00"),
        detainee={"birth_date": "2011-01-01"},
    )
    s = subject_of(rec)
    assert s is not None
    assert s.child
    assert s.outcomes == {"child_overnight"}


def test_a_refused_detention_is_not_in_the_throughput():
    rec = record(
        ev("arrived", "0:00", station="NORTHGATE"),
        ev("detention_refused", "0:10", by=SERGEANT),
    )
    assert subject_of(rec) is None


def test_subjects_feed_the_rate_table():
    people = [
        record(booking(), released("2:00"), record_id=f"R{n}", detainee={"ethnicity_self": code})
        for n, code in enumerate(["W1", "W2", "B1", "A1", "not_stated"])
    ]
    subjects = [s for s in map(subject_of, people) if s is not None]
    table = rate_table(subjects, "use_of_force", "ethnic_group")
    throughput = {row.category: row.throughput for row in table.rows}
    assert (throughput["white"], throughput["black"], throughput["mixed"]) == (2, 1, 0)
