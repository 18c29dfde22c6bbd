"""Insights in a real browser: a custody manager filters the dashboard by suite and month,
reads a chart and its table, drills into a figure and opens a record behind it; every page is
scanned with axe-core."""

from __future__ import annotations

import msgspec
import pytest
from playwright.sync_api import Page, expect

from bridewell.accounts.models import AccessLog
from bridewell.custody import records
from bridewell.insights import snapshot
from bridewell.web import clock
from tests import factories as f
from tests.builders import SERGEANT, booking, ev, record
from tests.e2e.conftest import accessibility_problems, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def no_accessibility_problems(page: Page) -> None:
    assert accessibility_problems(page) == [], page.url


def test_a_manager_filters_the_dashboard_and_drills_into_a_figure(page: Page, live_server):
    north, south = f.suite("HOLD-A"), f.suite("HOLD-B")
    f.staff("custody_manager", north, south, username="manager")
    released = ev("released", "5:00", by=SERGEANT, outcome="nfa")
    for n, suite in enumerate(["HOLD-A", "HOLD-A", "HOLD-B"], start=1):
        rec = record(booking(), released, record_id=f"J-{n}", detainee={"person_id": f"PJ{n}"})
        records.import_record(msgspec.structs.replace(rec, suite=suite), now=clock.now())
    december = record(booking("-500:00", "-499:50"), record_id="D-1", detainee={"person_id": "PD1"})
    records.import_record(december, now=clock.now())
    snapshot.refresh(clock.now())

    sign_in(page, live_server.url, "manager")
    page.goto(f"{live_server.url}/insights/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("January 2026")
    expect(page.get_by_text("Figures as at")).to_be_visible()
    no_accessibility_problems(page)

    page.get_by_label("Suite").select_option("HOLD-A")
    page.get_by_label("Month").select_option("2026-01")
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Custody KPIs: January 2026, Hold-A")
    no_accessibility_problems(page)

    chart = page.get_by_role("img", name="Column chart of throughput (K-T1), by month")
    expect(chart).to_be_visible()
    assert chart.evaluate("img => img.naturalWidth") > 0
    table = page.get_by_role("table", name="Throughput by month (the chart's figures)")
    expect(table.get_by_role("row", name="January 2026")).to_contain_text("2")
    expect(table.get_by_role("row", name="December 2025")).to_contain_text("1")

    page.get_by_role("link", name="Reviews on time", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reviews on time")
    expect(page.get_by_text("K-P1", exact=True).first).to_be_visible()
    no_accessibility_problems(page)
    page.go_back()

    page.get_by_role("link", name="Records behind K-T1 Throughput", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Records behind K-T1 Throughput")
    no_accessibility_problems(page)
    expect(page.get_by_role("link", name="J-3")).to_have_count(0)
    page.get_by_role("link", name="J-2").click()
    expect(page).to_have_url(f"{live_server.url}/records/J-2/")
    no_accessibility_problems(page)
    purposes = set(
        AccessLog.objects.filter(record__record_id="J-2").values_list("purpose", flat=True)
    )
    assert purposes == {"insights drill-down", "view the custody record"}


def test_the_scrutiny_panel_sees_small_numbers_suppressed(page: Page, live_server):
    f.staff("scrutiny", f.suite("HOLD-A"), username="panel")
    rec = record(booking(), record_id="J-1", detainee={"person_id": "PJ1"})
    records.import_record(rec, now=clock.now())
    snapshot.refresh(clock.now())

    sign_in(page, live_server.url, "panel")
    page.goto(f"{live_server.url}/insights/?suite=HOLD-A&month=2026-01")
    expect(page.get_by_text("This is the scrutiny view")).to_be_visible()
    throughput = page.get_by_role("row").filter(has=page.get_by_text("K-T1", exact=True))
    expect(throughput).to_contain_text("fewer than 10")
    expect(page.get_by_role("link", name="Records behind K-T1 Throughput")).to_have_count(0)
    no_accessibility_problems(page)
