"""The incident register and the recommendation tracker in a real browser, with an
accessibility scan of every page on the way.

A custody manager opens the tracker, finds the overdue recommendation, adds a KPI as evidence
and closes it: it then shows as closed, with the evidence and the history. The same manager
looks at a candidate incident on the register, rejects it with a reason, and a learning action
on a confirmed incident is closed with its evidence.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from bridewell.custody import records
from bridewell.learning import incidents, recommendations
from bridewell.learning.models import Incident, LearningAction, Recommendation
from bridewell.web import clock
from tests import factories as f
from tests.e2e.conftest import accessibility_problems, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def no_accessibility_problems(page: Page) -> None:
    assert accessibility_problems(page) == [], page.url


def test_a_manager_closes_an_overdue_recommendation_with_evidence(page: Page, live_server):
    suite = f.suite()
    manager = f.staff("custody_manager", suite, username="manager")
    now = clock.now()
    recommendations.create(
        source_type="inspection",
        category="recommendation",
        source_reference="Custody inspection 2026, para 4.12",
        text="The force should make sure a pre-release risk assessment is recorded every time",
        suite=suite,
        owner=manager,
        due=now.date() - dt.timedelta(days=10),
        by=manager,
        now=now - dt.timedelta(days=60),
    )
    recommendations.create(
        source_type="internal",
        category="improvement",
        source_reference="Custody review board, March",
        text="Cell call bells tested weekly",
        suite=None,
        owner=manager,
        due=now.date() + dt.timedelta(days=30),
        by=manager,
        now=now,
    )

    sign_in(page, live_server.url, "manager")
    page.goto(f"{live_server.url}/learning/recommendations/")
    expect(page.get_by_role("heading", name="Recommendation tracker")).to_be_visible()
    expect(page.get_by_text("2 recommendations, 1 overdue")).to_be_visible()
    no_accessibility_problems(page)

    page.get_by_role("link", name="REC-0001").click()
    expect(page.get_by_role("heading", name="REC-0001")).to_be_visible()
    expect(page.locator(".govuk-tag", has_text="Overdue")).to_be_visible()
    no_accessibility_problems(page)

    page.get_by_text("Add an evidence link").click()
    page.get_by_role("radio", name="KPI").check()
    page.get_by_label("KPI id").fill("K-P1")
    page.get_by_label("Month").fill("2026-10")
    page.get_by_label("Suite").select_option("NORTHGATE")
    no_accessibility_problems(page)
    page.get_by_role("button", name="Add evidence link").click()
    expect(page.get_by_text("Evidence added", exact=True)).to_be_visible()
    evidence = page.get_by_role("link", name="K-P1 2026-10 NORTHGATE")
    expect(evidence).to_have_attribute("href", "/insights/kpi/K-P1/?month=2026-10&suite=NORTHGATE")
    no_accessibility_problems(page)

    page.get_by_role("link", name="Close with evidence").click()
    expect(page.get_by_role("heading", name="Check before closing")).to_be_visible()
    no_accessibility_problems(page)
    page.get_by_role("button", name="Close the recommendation").click()
    expect(page.get_by_text("Enter what was done").first).to_be_visible()
    no_accessibility_problems(page)
    page.get_by_label("What was done").fill("PRRA now recorded for 97% of releases in October")
    page.get_by_role("button", name="Close the recommendation").click()

    expect(page.get_by_text("REC-0001 closed")).to_be_visible()
    expect(page.locator(".govuk-tag", has_text="Closed")).to_be_visible()
    expect(page.locator(".govuk-tag", has_text="Overdue")).to_have_count(0)
    history = page.locator(".bw-history")
    expect(history).to_contain_text("Status: Open to Closed")
    expect(history).to_contain_text("Evidence added: KPI: K-P1 2026-10 NORTHGATE")
    expect(history).to_contain_text("PRRA now recorded for 97% of releases in October")
    no_accessibility_problems(page)
    closed = Recommendation.objects.get(pk=1)
    assert (closed.status, closed.closed_by) == ("closed", manager)

    page.get_by_role("link", name="Back to the tracker").click()
    page.get_by_label("Status").select_option("closed")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("1 recommendation, by due date")).to_be_visible()


def test_a_manager_rejects_a_candidate_and_closes_a_learning_action(page: Page, live_server):
    suite = f.suite()
    manager = f.staff("custody_manager", suite, username="manager")
    booked_at = clock.now().replace(microsecond=0) - dt.timedelta(days=9)
    record = f.booked(suite, f.person("JONES", "Sam"), at=booked_at)
    at = booked_at + dt.timedelta(hours=1)
    visit = {
        "type": "cell_visit",
        "at": at.isoformat(),
        "by": {"id": "D0001", "rank": "staff", "role": "detention_officer"},
        "roused": True,
        "response": "no_response",
    }
    records.append(record, visit, None, now=at)
    incidents.find_candidates(clock.now())
    confirmed = incidents.record(
        custody_record=record,
        kind="self_harm",
        occurred_at=booked_at + dt.timedelta(hours=2),
        summary="Ligature found in cell 2 during a visit",
        event_ids=[],
        by=manager,
        now=clock.now(),
    )
    incidents.add_action(
        confirmed,
        description="Check cell 2 for ligature points",
        owner=manager,
        due=clock.now().date() - dt.timedelta(days=1),
        by=manager,
        now=clock.now(),
    )

    sign_in(page, live_server.url, "manager")
    page.goto(f"{live_server.url}/learning/incidents/")
    expect(page.get_by_role("heading", name="Adverse incidents and near misses")).to_be_visible()
    expect(page.get_by_text("2 incidents, 2 with the review overdue")).to_be_visible()
    no_accessibility_problems(page)

    page.get_by_role("link", name="INC-00001").click()
    expect(page.get_by_text("Sam JONES").or_(page.get_by_text("JONES, Sam"))).to_be_visible()
    no_accessibility_problems(page)
    page.get_by_role("link", name="Confirm or reject").click()
    no_accessibility_problems(page)
    page.get_by_label("No, reject it").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Enter why this is not an incident")).to_be_visible()
    no_accessibility_problems(page)
    page.get_by_label("Why is it not an incident?").fill("Asleep; responded on the next visit")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-tag", has_text="Rejected")).to_be_visible()
    assert Incident.objects.get(pk=1).status == "rejected"

    page.goto(f"{live_server.url}/learning/incidents/2/")
    page.get_by_role("link", name="ACT-0001").click()
    expect(page.locator(".govuk-tag", has_text="Overdue")).to_be_visible()
    no_accessibility_problems(page)
    page.get_by_text("Add an evidence link").click()
    page.get_by_role("radio", name="Document").check()
    page.get_by_label("Document title").fill("Cell 2 ligature point survey")
    page.get_by_label("URL or file reference").fill("Estates job 2026-0412")
    page.get_by_role("button", name="Add evidence link").click()
    expect(page.get_by_text("Cell 2 ligature point survey (Estates job 2026-0412)")).to_be_visible()
    page.get_by_label("What was done").fill("Vent cover replaced with an anti-ligature grille")
    page.get_by_role("button", name="Close the action").click()
    expect(page.get_by_text("Learning action ACT-0001 closed")).to_be_visible()
    expect(page.locator(".govuk-tag", has_text="Done")).to_be_visible()
    no_accessibility_problems(page)
    assert LearningAction.objects.get().status == "done"
