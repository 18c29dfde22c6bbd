"""The recommendation tracker's services: history kept for good, closure only with evidence,
and the governance figures read from the database."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template.loader import render_to_string

from bridewell.learning import incidents, recommendations
from bridewell.learning.evidence import Refused
from bridewell.learning.governance import governance_figures
from bridewell.learning.models import Recommendation, Update
from bridewell.web import clock
from tests import factories as f

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 10, 14, 9, tzinfo=dt.UTC)


@pytest.fixture
def suite():
    return f.suite("NORTHGATE")


@pytest.fixture
def manager(suite):
    user = f.staff("custody_manager", suite)
    user.first_name, user.last_name = "Pat", "Khan"
    user.save()
    return user


@pytest.fixture
def qa(suite):
    user = f.staff("qa_officer", suite)
    user.first_name, user.last_name = "Jo", "Reid"
    user.save()
    return user


def new(suite, owner, by, due=dt.date(2026, 12, 31)) -> Recommendation:
    return recommendations.create(
        source_type="inspection",
        category="recommendation",
        source_reference="Custody inspection 2026, para 4.12",
        text="Pre-release risk assessments should be recorded for every detainee",
        suite=suite,
        owner=owner,
        due=due,
        by=by,
        now=NOW,
    )


def test_every_change_is_kept_in_the_history(suite, manager, qa):
    rec = new(suite, qa, manager)
    later = NOW + dt.timedelta(days=1)
    recommendations.update(
        rec,
        by=qa,
        now=later,
        status="in_progress",
        owner=manager,
        due=dt.date(2027, 1, 31),
        note="Dip samples started",
    )
    recommendations.update(rec, by=qa, now=later, note="Weekly check in place")
    with pytest.raises(Refused, match="Change something or enter a note"):
        recommendations.update(rec, by=qa, now=later, status="in_progress")
    history = [(u.by, u.changes, u.note) for u in rec.updates.all()]
    assert history == [
        (manager, ["Added, owner Jo Reid, due 31 December 2026"], ""),
        (
            qa,
            [
                "Status: Open to In progress",
                "Owner: Jo Reid to Pat Khan",
                "Due: 31 December 2026 to 31 January 2027",
            ],
            "Dip samples started",
        ),
        (qa, [], "Weekly check in place"),
    ]


def test_the_history_is_append_only(suite, manager):
    rec = new(suite, manager, manager)
    first = rec.updates.get()
    first.note = "rewritten"
    with pytest.raises(PermissionError):
        first.save()
    with pytest.raises(PermissionError):
        first.delete()
    with pytest.raises(PermissionError):
        Update.objects.filter(recommendation=rec).update(note="x")
    with pytest.raises(PermissionError):
        Update.objects.all().delete()
    assert Update.objects.get().note == ""


def test_closing_needs_evidence_and_a_note_and_is_final(suite, manager):
    rec = new(suite, manager, manager)
    with pytest.raises(Refused, match="Close a recommendation with its evidence"):
        recommendations.update(rec, by=manager, now=NOW, status="closed")
    with pytest.raises(Refused, match="at least one evidence link"):
        recommendations.close(rec, note="Done", by=manager, now=NOW)
    recommendations.add_evidence(
        rec, by=manager, now=NOW, kind="kpi", kpi_id="K-P1", month="2026-10",
        suite_code="NORTHGATE",
    )  # fmt: skip
    with pytest.raises(Refused, match="how the recommendation was met"):
        recommendations.close(rec, note="", by=manager, now=NOW)
    recommendations.close(rec, note="PRRA recorded in 98% of releases", by=manager, now=NOW)
    rec.refresh_from_db()
    assert (rec.status, rec.closed_by, rec.closed_at) == ("closed", manager, NOW)
    assert [u.changes for u in rec.updates.all()][-2:] == [
        ["Evidence added: KPI: K-P1 2026-10 NORTHGATE"],
        ["Status: Open to Closed"],
    ]
    with pytest.raises(Refused, match="closed"):
        recommendations.update(rec, by=manager, now=NOW, note="more")
    with pytest.raises(Refused, match="closed"):
        recommendations.add_evidence(rec, by=manager, now=NOW, kind="qa", qa_reference="DS-2")


def test_evidence_of_each_kind_needs_its_parts(suite, manager):
    rec = new(suite, manager, manager)
    with pytest.raises(Refused, match="KPI and the month"):
        recommendations.add_evidence(rec, by=manager, now=NOW, kind="kpi", kpi_id="K-P1",
                                     month="Oct")  # fmt: skip
    with pytest.raises(Refused, match="dip sample reference"):
        recommendations.add_evidence(rec, by=manager, now=NOW, kind="qa")
    with pytest.raises(Refused, match="needs the incident"):
        recommendations.add_evidence(rec, by=manager, now=NOW, kind="incident")
    assert rec.evidence.count() == 0


def test_force_wide_recommendations_are_seen_in_every_suite(suite, manager):
    other = f.suite("EASTGATE")
    elsewhere = f.staff("qa_officer", other)
    force_wide = new(None, manager, manager)
    mine = new(suite, manager, manager)
    theirs = new(other, elsewhere, elsewhere)
    assert set(recommendations.visible(manager)) == {force_wide, mine}
    assert set(recommendations.visible(elsewhere)) == {force_wide, theirs}


def test_governance_figures_from_the_database(monkeypatch, suite, manager):
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 11, 20, tzinfo=dt.UTC))
    other = f.suite("EASTGATE")
    rec_here = f.booked(suite)
    rec_there = f.booked(other)

    def incident(record, kind, day):
        return incidents.record(
            custody_record=record, kind=kind, occurred_at=dt.datetime(2026, 10, day, 12,
            tzinfo=dt.UTC), summary="x", event_ids=[], by=manager, now=NOW,
        )  # fmt: skip

    reviewed = incident(rec_here, "self_harm", 2)
    incidents.review(
        reviewed, findings="ok", by=manager, now=dt.datetime(2026, 10, 5, tzinfo=dt.UTC)
    )
    incident(rec_here, "failed_rousing", 10)  # never reviewed: overdue at the end of October
    incident(rec_there, "escape", 11)
    incidents.add_action(
        reviewed, description="Brief", owner=manager, due=dt.date(2026, 10, 20), by=manager,
        now=NOW,
    )  # fmt: skip
    new(None, manager, manager, due=dt.date(2026, 10, 1))  # force-wide, overdue
    new(other, manager, manager)

    here = governance_figures("2026-10", ["NORTHGATE"])
    assert here.incidents == 2
    assert here.incidents_by_kind == {"self_harm": 1, "failed_rousing": 1}
    assert here.incidents_by_status == {"reviewed": 1, "confirmed": 1}
    assert (here.reviews_done, here.reviews_overdue) == (1, 1)
    assert (here.actions_open, here.actions_overdue, here.actions_closed) == (1, 1, 0)
    assert here.recommendations_by_status == {"open": 1}
    assert here.recommendations_overdue == 1

    section = render_to_string("learning/pack_section.html", {"figures": here})
    assert "Adverse incidents, learning and recommendations, October 2026" in section
    assert re.search(r"Reviews overdue</dt><dd[^>]*>1 <strong[^>]*>Overdue</strong>", section)
    assert re.search(r">Failed rousing</th><td[^>]*>1</td>", section)
    assert "href" not in section
    assert "<script" not in section

    force = governance_figures("2026-10", None)
    assert force.incidents == 3
    assert force.reviews_overdue == 2
    assert force.recommendations_by_status == {"open": 2}
