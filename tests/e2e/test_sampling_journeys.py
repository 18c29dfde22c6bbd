"""Dip sampling in a real browser, with an accessibility scan of every page on the way.

Last week's sample is drawn and one record already checked (its PRRA did not meet the standard).
A QA officer opens the QA dashboard, opens the sample, works through the checklist of the other
record (disputing what the engine found nothing wrong with), checks the answers and records
them; the pass rate for the PRRA goes from 0 of 1 to 1 of 2 and the dispute is listed. Then a
colleague decides the dispute as a rule defect.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from bridewell.rules.localtime import LONDON
from bridewell.sampling import checklist, samples, sampling
from bridewell.web import clock
from tests import factories as f
from tests.e2e.conftest import accessibility_problems, sign_in
from tests.sampling.builders import closed

pytestmark = pytest.mark.django_db(transaction=True)


def no_accessibility_problems(page: Page) -> None:
    assert accessibility_problems(page) == [], page.url


def test_a_qa_officer_completes_a_record_s_checklist_with_a_dispute(page: Page, live_server):
    suite = f.suite()
    officer = f.staff("qa_officer", suite, username="qa")
    colleague = f.staff("inspector", suite, username="colleague")
    now = clock.now()
    week = sampling.previous_week(sampling.week_of(now))
    monday = dt.datetime.combine(sampling.week_start(week), dt.time(9), LONDON)
    first = closed(suite, monday)
    second = closed(suite, monday + dt.timedelta(days=2), force=True)
    sample, _ = samples.draw(suite, week, now)
    done = sample.records.get(record=first)
    prepared = samples.prepare(first, now)
    answers = {
        i.key: checklist.Answer("confirm" if i.kind == "engine" else "meets")
        for i in prepared.items
    }
    answers["prra"] = checklist.Answer("does_not_meet", "No risks on release considered")
    samples.record_answers(done, prepared, answers, colleague, now)

    sign_in(page, live_server.url, officer.username)
    page.goto(f"{live_server.url}/assurance/")
    expect(page.get_by_role("heading", name="Dip sampling", exact=True)).to_be_visible()
    prra_row = page.get_by_role("row", name="Quality of the pre-release risk assessment").first
    expect(prra_row).to_contain_text("0 of 1 (0%)")
    expect(page.get_by_text("No findings have been disputed.")).to_be_visible()
    no_accessibility_problems(page)

    page.get_by_role("link", name=f"{suite.name} sample for {week}").click()
    expect(page.get_by_role("heading", name=f"Dip sample for {week}")).to_be_visible()
    expect(page.get_by_role("row", name=first.record_id)).to_contain_text("Completed")
    no_accessibility_problems(page)

    page.get_by_role("link", name=second.record_id).click()
    expect(page.get_by_role("heading", name=f"Checklist for {second.record_id}")).to_be_visible()
    no_accessibility_problems(page)
    for item in samples.prepare(second, now).items:
        group = page.get_by_role("group", name=item.title)
        group.get_by_label(checklist.ANSWER_LABELS[item.choices[0]], exact=True).check()
    page.get_by_role("group", name="Care in the cell (all regimes)").get_by_label(
        "Dispute", exact=True
    ).check()
    page.get_by_role("button", name="Continue").click()

    # The dispute has no reason yet: the error summary says so and links to the box.
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    no_accessibility_problems(page)
    page.get_by_role("link", name="Explain why you dispute the engine").click()
    page.get_by_label("Reason for disputing ‘Care in the cell (all regimes)’").fill(
        "The 11:00 visit found him unresponsive; no rousing recorded after"
    )
    page.get_by_role("button", name="Continue").click()

    expect(
        page.get_by_role("heading", name=f"Check your answers for {second.record_id}")
    ).to_be_visible()
    expect(page.get_by_text("The 11:00 visit found him unresponsive")).to_be_visible()
    no_accessibility_problems(page)
    page.get_by_role("button", name="Record the checklist").click()

    expect(page.get_by_text(f"Checklist recorded for {second.record_id}")).to_be_visible()
    expect(page.get_by_role("row", name=second.record_id)).to_contain_text("Completed")
    no_accessibility_problems(page)

    page.get_by_role("link", name="Back to dip sampling").click()
    prra_row = page.get_by_role("row", name="Quality of the pre-release risk assessment").first
    expect(prra_row).to_contain_text("1 of 2 (50%)")
    care_row = page.get_by_role("row", name="Care in the cell (all regimes)").first
    expect(care_row).to_contain_text("1 of 2 (50%)")
    disputes = page.get_by_role("table", name="Disputed findings")
    expect(disputes).to_contain_text("The 11:00 visit found him unresponsive")
    expect(disputes).to_contain_text(second.record_id)
    no_accessibility_problems(page)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server.url, colleague.username)
    page.goto(f"{live_server.url}/assurance/#disputes")
    page.get_by_role("link", name=f"Decide the dispute on {second.record_id}").click()
    expect(
        page.get_by_role("heading", name=f"Disputed finding on {second.record_id}")
    ).to_be_visible()
    no_accessibility_problems(page)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    no_accessibility_problems(page)
    page.get_by_label("Rule defect: the engine is wrong, pass it to the rules team").check()
    page.get_by_label("Why?").fill("Annex H: no response should have been a finding")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text(f"Dispute on {second.record_id} decided")).to_be_visible()
    disputes = page.get_by_role("table", name="Disputed findings")
    expect(disputes).to_contain_text("Rule defect: the engine is wrong")
    no_accessibility_problems(page)
