"""The suite's main journeys in a real browser, with an accessibility scan of every main screen.

A custody officer books someone in and records visits; the clock moves on until a visit is
overdue on the board; an inspector records a review; the person is released after a pre-release
risk assessment.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from bridewell.custody import records
from bridewell.custody.models import CustodyRecord
from bridewell.rules.engine import assess
from bridewell.web import clock
from tests import factories as f
from tests.e2e.conftest import accessibility_problems, fill_time, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def no_accessibility_problems(page: Page) -> None:
    assert accessibility_problems(page) == [], page.url


def continue_(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()


def test_book_in_record_a_visit_and_see_the_next_one_become_overdue(page: Page, live_server):
    suite = f.suite()
    f.staff("custody_officer", suite, username="sergeant")
    sign_in(page, live_server.url, "sergeant")

    expect(page.get_by_role("heading", name="Northgate custody board")).to_be_visible()
    no_accessibility_problems(page)
    page.get_by_role("button", name="Book someone in").click()
    no_accessibility_problems(page)
    page.get_by_role("button", name="Start").click()

    now = clock.now()
    fill_time(page, "arrived_at", now - dt.timedelta(minutes=20))
    page.get_by_label("Elsewhere, then brought here").check()
    fill_time(page, "arrested_at", now - dt.timedelta(minutes=50))
    no_accessibility_problems(page)
    continue_(page)

    page.get_by_label("Offence").fill("Burglary dwelling")
    page.get_by_label("Either way").check()
    no_accessibility_problems(page)
    page.get_by_role("button", name="Continue").click()

    no_accessibility_problems(page)
    page.get_by_role("button", name="Add a new person").click()
    page.get_by_label("Surname").fill("Testperson")
    page.get_by_label("Forenames").fill("Jordan")
    born = page.get_by_role("group", name="Date of birth")
    born.get_by_label("Day").fill("14")
    born.get_by_label("Month").fill("6")
    born.get_by_label("Year").fill("1990")
    no_accessibility_problems(page)
    continue_(page)

    no_accessibility_problems(page)
    continue_(page)
    # Details, risk, observation, cell, detention and rights: answer what each page asks.
    for _page in range(12):
        if page.get_by_role("heading", name="Check your answers").count():
            break
        _answer_the_page(page)
        no_accessibility_problems(page)
        continue_(page)
    else:
        problems = page.locator(".govuk-error-summary").all_inner_texts()
        pytest.fail(f"never reached check your answers: {page.url} {problems}")

    no_accessibility_problems(page)
    page.get_by_role("button", name="Book in").click()

    expect(page.get_by_role("heading", name="Testperson", exact=False)).to_be_visible()
    no_accessibility_problems(page)
    record = CustodyRecord.objects.get(person__surname="Testperson")
    assert record.is_open

    page.get_by_role("button", name="Cell visit", exact=False).first.click()
    expect(page.get_by_text("Cell visit", exact=False).first).to_be_visible()
    record.refresh_from_db()
    assert record.events.filter(type="cell_visit").count() == 1

    clock.advance(dt.timedelta(minutes=75))
    page.goto(f"{live_server.url}/suites/{suite.code}/board/")
    row = page.get_by_role("row").filter(has_text="TESTPERSON")
    expect(row).to_contain_text("Overdue")
    no_accessibility_problems(page)


def _answer_the_page(page: Page) -> None:
    """Answer a booking page the way a sergeant would for a sober adult with no risks."""
    step = page.url.rstrip("/").rsplit("/", 1)[-1]
    yes_on = {"detention", "rights"}
    for answer in page.get_by_role(
        "radio", name="Yes" if step in yes_on else "No", exact=True
    ).all():
        answer.check()
    for label in (
        "Male",
        "White",
        "Level 1: general observation",
        "To obtain such evidence by questioning them",
        "C1",
    ):
        option = page.get_by_label(label, exact=True)
        if option.count():
            option.first.check()
    ethnicity = page.locator("select[name=ethnicity_self]")
    if ethnicity.count():
        ethnicity.select_option(label="White: English, Welsh, Scottish, Northern Irish or British")
    for name, text in (("language", "English"), ("reason", "Initial risk assessment: no concerns")):
        field = page.locator(f"[name={name}]")
        if field.count():
            field.fill(text)


def rules_found(record: CustodyRecord) -> set[str]:
    return {f.rule for f in assess(records.rules_record(record), clock.now()).findings}


def test_inspector_records_a_review(page: Page, live_server):
    suite = f.suite()
    record = f.booked(suite, at=clock.now() - dt.timedelta(hours=5))
    f.staff("inspector", suite, username="inspector")
    sign_in(page, live_server.url, "inspector")
    page.goto(f"{live_server.url}/records/{record.record_id}/")
    no_accessibility_problems(page)
    page.get_by_role("link", name="Record another entry").click()
    no_accessibility_problems(page)
    page.get_by_role("link", name="Review of detention", exact=False).first.click()
    page.get_by_label("In person").check()
    page.get_by_label("Continue detention", exact=False).check()
    no_accessibility_problems(page)
    page.get_by_role("button", name="Save", exact=False).click()
    expect(page.get_by_text("Review", exact=False).first).to_be_visible()
    assert record.events.filter(type="review").count() == 1
    record.refresh_from_db()
    assert "PACE-REVIEW-2" in {o["rule"] for o in record.obligations}
    assert not rules_found(record) & {"PACE-REVIEW-1", "PACE-REVIEW-3"}


def test_release_after_a_pre_release_risk_assessment(page: Page, live_server):
    suite = f.suite()
    record = f.booked(suite, at=clock.now() - dt.timedelta(hours=2))
    f.staff("custody_officer", suite, username="sergeant")
    sign_in(page, live_server.url, "sergeant")
    for entry, answers in (
        ("Pre-release risk assessment", ()),
        ("Released", ("Bail",)),
    ):
        page.goto(f"{live_server.url}/records/{record.record_id}/entries/")
        page.get_by_role("link", name=entry, exact=False).first.click()
        for answer in answers:
            page.get_by_label(answer, exact=True).check()
        no_accessibility_problems(page)
        page.get_by_role("button", name="Save", exact=False).click()
    record.refresh_from_db()
    assert not record.is_open
    assert "APP-PRRA-1" not in rules_found(record)
    page.goto(f"{live_server.url}/suites/{suite.code}/board/")
    expect(page.get_by_role("row").filter(has_text=record.person.surname.upper())).to_have_count(0)
