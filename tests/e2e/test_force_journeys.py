"""Use of force in a real browser, with an accessibility scan of every page on the way.

The custody record shows force used by a detention officer; the officer finds the report they
owe, completes it page by page and submits it; an inspector reviews the incident, records what
the CCTV showed and the outcome; the reconciliation then shows the incident fully reported.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from bridewell.force.models import Report, Review
from bridewell.rules.localtime import LONDON
from bridewell.web import clock
from tests import factories as f
from tests.e2e.conftest import accessibility_problems, fill_time, sign_in
from tests.force.builders import force_used

pytestmark = pytest.mark.django_db(transaction=True)


def no_accessibility_problems(page: Page) -> None:
    assert accessibility_problems(page) == [], page.url


def save_and_continue(page: Page) -> None:
    no_accessibility_problems(page)
    page.get_by_role("button", name="Save and continue").click()


def test_an_officer_reports_the_force_they_owe_and_an_inspector_reviews_it(page: Page, live_server):
    suite = f.suite()
    officer = f.staff("detention_officer", suite, username="officer")
    inspector = f.staff("inspector", suite, username="inspector")
    booked_at = clock.now().replace(microsecond=0) - dt.timedelta(hours=3)
    record = f.booked(suite, at=booked_at)
    used = booked_at + dt.timedelta(minutes=30)
    force_used(
        record,
        [officer.staff.staff_id],
        minutes=30,
        booked_at=booked_at,
        tactics=["ground_restraint"],
    )

    # The officer finds the report they owe.
    sign_in(page, live_server.url, "officer")
    page.get_by_role("link", name="Your use of force reports").click()
    expect(page.get_by_role("heading", name="Your use of force reports")).to_be_visible()
    no_accessibility_problems(page)
    page.get_by_role("button", name="Start report").click()
    no_accessibility_problems(page)

    # When and where, and the tactics, come from the custody record.
    page.get_by_role("link", name="When and where").click()
    expect(page.get_by_label("Custody block", exact=True)).to_be_checked()
    save_and_continue(page)
    expect(page.get_by_label("Ground restraint", exact=True)).to_be_checked()
    page.get_by_label("Handcuffing: non-compliant", exact=True).check()
    save_and_continue(page)

    page.get_by_label("Protect self", exact=True).check()
    page.get_by_label("Alcohol", exact=True).check()
    save_and_continue(page)

    page.get_by_role("group", name="How old did they seem?").get_by_label(
        "18 to 34", exact=True
    ).check()
    page.get_by_role("group", name="What gender did they seem?").get_by_label(
        "Male", exact=True
    ).check()
    page.get_by_role("group", name="What ethnicity did they seem?").get_by_label(
        "Not reported", exact=True
    ).check()
    page.get_by_role("group", name="Did they seem to have a health condition?").get_by_label(
        "None", exact=True
    ).check()
    save_and_continue(page)

    # A contradiction is refused with an error summary, and put right.
    page.get_by_role("group", name="Were you injured?").get_by_label("No", exact=True).check()
    page.get_by_role("group", name="Were you intentionally assaulted?").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_role("group", name="Was the subject injured as a result").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_role("group", name="How badly was the subject injured?").get_by_label(
        "Minor", exact=True
    ).check()
    page.get_by_role("group", name="Was the subject offered medical").get_by_label(
        "Yes", exact=True
    ).check()
    page.get_by_label("Arrested", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("alert")).to_contain_text("remove the level")
    no_accessibility_problems(page)
    page.get_by_role("group", name="How badly was the subject injured?").get_by_label(
        "The subject was not injured", exact=True
    ).check()
    save_and_continue(page)

    # Custody details: the fields inspectors reconcile against the record.
    fill_time(page, "restraint_started_at", used)
    fill_time(page, "restraint_ended_at", used + dt.timedelta(minutes=9))
    page.get_by_label("CCTV reference", exact=True).fill("CAM 3 21:30")
    page.get_by_role("group", name="Was any of the subject's clothing").get_by_label(
        "No", exact=True
    ).check()
    fill_time(page, "health_check_at", used + dt.timedelta(minutes=35))
    page.get_by_role("group", name="Did the subject refuse").get_by_label("No", exact=True).check()
    page.get_by_role("group", name="Was the subject a juvenile").get_by_label(
        "No", exact=True
    ).check()
    save_and_continue(page)

    page.get_by_label("What happened, and why was the force you used necessary?").fill(
        "He swung at the detention officer at the desk; we took him to the floor and cuffed him."
    )
    save_and_continue(page)

    if page.get_by_role("link", name="Check your answers and submit").count():
        page.get_by_role("link", name="Check your answers and submit").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    no_accessibility_problems(page)
    page.get_by_role("button", name="Submit report").click()
    no_accessibility_problems(page)
    assert Report.objects.get().status == Report.SUBMITTED
    page.get_by_role("link", name="Your use of force reports").click()
    expect(page.get_by_text("No custody record names you for a use of force")).to_be_visible()

    # The inspector reviews the incident.
    page.context.clear_cookies()
    sign_in(page, live_server.url, "inspector")
    page.get_by_role("link", name="Force review").click()
    no_accessibility_problems(page)
    page.get_by_role("link", name=f"UOF-{record.record_id}").click()
    no_accessibility_problems(page)
    page.get_by_role("link", name="Review this use of force").click()
    page.get_by_role("group", name="Has the CCTV").get_by_label("Yes", exact=True).check()
    page.get_by_label("CCTV reference", exact=True).fill("CAM 3 21:30")
    page.get_by_label("Staff number of who reviewed the CCTV").fill(inspector.staff.staff_id)
    fill_time(page, "cctv_reviewed_at", clock.now() - dt.timedelta(minutes=10))
    page.get_by_label("Justified and proportionate", exact=True).check()
    page.get_by_label("Reasons for the outcome").fill(
        "The footage matches the account: a swing at staff, a short ground restraint, cuffs off "
        "after nine minutes, seen by the nurse within the hour."
    )
    no_accessibility_problems(page)
    page.get_by_role("button", name="Continue").click()
    no_accessibility_problems(page)
    page.get_by_role("button", name="Record the review").click()
    no_accessibility_problems(page)
    review = Review.objects.get()
    assert (review.outcome, review.cctv_reviewed) == (Review.JUSTIFIED, True)

    page.goto(f"{live_server.url}/force/reconciliation/?month={used.astimezone(LONDON):%Y-%m}")
    no_accessibility_problems(page)
    expect(page.get_by_role("main")).to_contain_text("1 of 1")


def test_the_dashboard_shows_charts_with_their_data(page: Page, live_server):
    suite = f.suite()
    officer = f.staff("detention_officer", suite, username="officer")
    f.staff("custody_manager", suite, username="manager")
    booked_at = clock.now().replace(microsecond=0) - dt.timedelta(hours=5)
    record = f.booked(suite, at=booked_at)
    force_used(record, [officer.staff.staff_id, "PC0404"], booked_at=booked_at)

    sign_in(page, live_server.url, "manager")
    page.get_by_role("link", name="Force dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Use of force")
    page.wait_for_load_state("load")
    charts = page.locator("main img")
    assert charts.count() >= 1
    for n in range(charts.count()):
        loaded = charts.nth(n).evaluate("img => img.complete && img.naturalWidth > 0")
        assert loaded, charts.nth(n).get_attribute("src")
        assert charts.nth(n).get_attribute("alt")
    assert page.locator("main table caption").count() >= charts.count()
    no_accessibility_problems(page)
