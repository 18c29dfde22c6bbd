"""The insights screens: roles, suite scoping, drill-down with its access log, suppression."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

import msgspec
import pytest
from django.urls import reverse

from bridewell.accounts.models import AccessLog
from bridewell.custody import records
from bridewell.custody.models import Person
from bridewell.insights import snapshot, views
from bridewell.insights.kpis import BY_ID, CATALOGUE
from bridewell.insights.monthly import KpiValue, Part
from bridewell.rules import model as m
from tests import factories as f
from tests.builders import BASE, SERGEANT, booking, ev, record

pytestmark = pytest.mark.django_db

AT = BASE + dt.timedelta(days=40)
"""21 February 2026: January is the latest complete month."""


def detained(record_id: str, suite: str, *more: dict, **kw) -> m.Record:
    return msgspec.structs.replace(record(booking(), *more, record_id=record_id, **kw), suite=suite)


@pytest.fixture
def loaded():
    """Three January detentions in HOLD-A (one without a pre-release... released), two in
    HOLD-B, and one December detention in HOLD-A; then the snapshot as at AT."""
    released = ev("released", "5:00", by=SERGEANT, outcome="nfa")
    recs = [
        detained("A-1", "HOLD-A", released, detainee={"person_id": "PA1"}),
        detained("A-2", "HOLD-A", detainee={"person_id": "PA2"}),
        detained("A-3", "HOLD-A", released, detainee={"person_id": "PA3"}),
        detained("B-1", "HOLD-B", detainee={"person_id": "PB1"}),
        detained("B-2", "HOLD-B", released, detainee={"person_id": "PB2"}),
        msgspec.structs.replace(
            record(booking("-500:00", "-499:50"), record_id="A-0", detainee={"person_id": "PA0"}),
            suite="HOLD-A",
        ),
    ]
    for rec in recs:
        records.import_record(rec, now=AT)
    Person.objects.filter(person_id="PA1").update(surname="JONES", forenames="Sam")
    snapshot.refresh(AT)
    return recs


def login(client, role: str, *codes: str):
    user = f.staff(role, *(f.suite(code) for code in codes))
    client.force_login(user)
    return user


def page(client, url: str, **params):
    response = client.get(url, params)
    return response, response.content.decode() if response.status_code == 200 else ""


def test_every_kpi_is_in_one_dashboard_section():
    slugs = {slug for slug, _, _ in views.FAMILIES}
    assert {views.family(k) for k in CATALOGUE} == slugs
    assert set(views.HEADLINES) <= set(BY_ID)


@pytest.mark.parametrize(
    "role", ["inspector", "superintendent", "custody_manager", "qa_officer", "scrutiny"]
)
def test_the_insights_roles_see_the_dashboard(client, loaded, role):
    login(client, role, "HOLD-A")
    response, html = page(client, reverse("insights"))
    assert response.status_code == 200
    assert "Custody KPIs: January 2026, Force-wide (every suite)" in html
    assert "Figures as at Sat 21 Feb 2026 20:00 GMT UK time" in html
    for _, title, _ in views.FAMILIES:
        assert f">{title}</h2>" in html
    assert reverse("force-dashboard") in html
    assert html.count('<img src="/insights/charts/') == len(views.HEADLINES)


@pytest.mark.parametrize("role", ["custody_officer", "detention_officer", "hcp"])
def test_other_roles_are_refused(client, loaded, role):
    login(client, role, "HOLD-A")
    assert client.get(reverse("insights")).status_code == 403
    assert client.get(reverse("insights-kpi", args=["K-T1"])).status_code == 403
    assert (
        client.get(reverse("insights-records", args=["2026-01", "HOLD-A", "K-T1"])).status_code
        == 403
    )


def test_signed_out_users_are_sent_to_sign_in(client, loaded):
    assert client.get(reverse("insights")).status_code == 302


def test_figures_of_the_chosen_suite_and_month_with_last_month_beside_them(client, loaded):
    login(client, "custody_manager", "HOLD-A")
    _, html = page(client, reverse("insights"), suite="HOLD-A", month="2026-01")
    assert (
        "Custody KPIs: January 2026, HOLD A" in html or "Custody KPIs: January 2026, Hold A" in html
    )
    row = re.search(r"K-T1</span></th>(.*?)</tr>", html, re.S)
    assert row is not None
    cells = re.findall(r"font-weight-bold\">([^<]*)<", row.group(1))
    assert cells == ["3", "1"]  # January; December: A-0
    assert reverse("insights-records", args=["2026-01", "HOLD-A", "K-T1"]) in row.group(1)
    assert '<option value="HOLD-A" selected>' in html
    assert '<option value="2026-01" selected>' in html
    assert "February 2026 (incomplete)" not in html  # no February records


def test_a_suite_the_user_does_not_work_in_is_not_found(client, loaded):
    login(client, "custody_manager", "HOLD-A")
    assert client.get(reverse("insights"), {"suite": "HOLD-B"}).status_code == 404
    assert (
        client.get(reverse("insights-kpi", args=["K-T1"]), {"suite": "HOLD-B"}).status_code == 404
    )
    assert (
        client.get(reverse("insights-chart", args=["K-T1"]), {"suite": "HOLD-B"}).status_code == 404
    )
    assert (
        client.get(reverse("insights-records", args=["2026-01", "HOLD-B", "K-T1"])).status_code
        == 404
    )
    assert client.get(reverse("insights"), {"month": "2025-03"}).status_code == 404


def test_no_snapshot_says_how_to_compute_one(client):
    login(client, "inspector", "HOLD-A")
    response, html = page(client, reverse("insights"))
    assert response.status_code == 200
    assert "No figures have been computed yet" in html
    assert "manage.py refresh_insights" in html


def test_the_definition_page_shows_the_catalogue_text_and_the_months(client, loaded):
    login(client, "inspector", "HOLD-A")
    kpi = BY_ID["K-RL1"]
    _, html = page(client, reverse("insights-kpi", args=[kpi.id]), suite="HOLD-A")
    assert kpi.definition.replace("'", "&#x27;").replace('"', "&quot;")[:60] in html
    # From the first month with records (December 2025) to the chosen one.
    rows = re.findall(r'<th scope="row" class="govuk-table__header">([^<]*)<', html)
    assert rows == ["December 2025", "January 2026"]
    assert client.get(reverse("insights-kpi", args=["K-NOPE"])).status_code == 404


def test_a_chart_is_svg_under_its_own_policy(client, loaded):
    login(client, "inspector", "HOLD-A")
    response = client.get(reverse("insights-chart", args=["K-P1"]), {"suite": "HOLD-A"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "script-src" not in response["Content-Security-Policy"]
    assert response.content.lstrip().startswith(b"<?xml") or b"<svg" in response.content[:500]


def test_drill_down_lists_the_records_behind_a_figure_and_logs_them(client, loaded):
    user = login(client, "inspector", "HOLD-A")
    url = reverse("insights-records", args=["2026-01", "HOLD-A", "K-T1"])
    response, html = page(client, url)
    assert response.status_code == 200
    assert re.findall(r'href="/records/([^/]+)/"', html) == ["A-1", "A-2", "A-3"]
    assert "JONES" in html or "Jones" in html
    logged = AccessLog.objects.filter(user=user)
    assert sorted(logged.values_list("record__record_id", flat=True)) == ["A-1", "A-2", "A-3"]
    assert set(logged.values_list("purpose", flat=True)) == {views.PURPOSE}


def test_force_wide_drill_down_lists_own_suites_and_counts_the_rest(client, loaded):
    login(client, "inspector", "HOLD-A")
    _, html = page(client, reverse("insights-records", args=["2026-01", "force", "K-T1"]))
    assert re.findall(r'href="/records/([^/]+)/"', html) == ["A-1", "A-2", "A-3"]
    assert "2 of the 5 records behind this figure are in suites you do not work in" in html


def test_a_rate_lists_its_exceptions_separately(client, loaded):
    v = snapshot.cell(snapshot.latest(), "2026-01", "HOLD-A")["K-RL1"]
    login(client, "inspector", "HOLD-A")
    url = reverse("insights-records", args=["2026-01", "HOLD-A", "K-RL1"])
    _, numerator = page(client, url)
    _, exceptions = page(client, url, list="exceptions")
    assert re.findall(r'href="/records/([^/]+)/"', numerator) == sorted(v.records)
    assert re.findall(r'href="/records/([^/]+)/"', exceptions) == sorted(v.exceptions)
    assert v.exceptions  # released without a pre-release risk assessment


def test_a_breakdown_lists_each_category_s_records(client, loaded, monkeypatch):
    v = snapshot.cell(snapshot.latest(), "2026-01", "HOLD-A")["K-T1-AGE"]
    key, part = next(iter(v.parts.items()))
    login(client, "inspector", "HOLD-A")
    url = reverse("insights-records", args=["2026-01", "HOLD-A", "K-T1-AGE"])
    _, every = page(client, url)
    assert f"{key} ({part.count})" in every
    _, one = page(client, url, part=key)
    assert re.findall(r'href="/records/([^/]+)/"', one) == sorted(part.records)
    assert f"<strong>{key} ({part.count})</strong>" in one
    assert page(client, url, part="no such category")[0].status_code == 404

    monkeypatch.setattr(views, "PER_PAGE", 1)
    _, first = page(client, url, part=key)
    if part.count > 1:
        assert f'href="?{urlencode({"part": key})}&amp;page=2"' in first


def test_long_lists_are_paginated(client, loaded, monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 2)
    user = login(client, "inspector", "HOLD-A")
    url = reverse("insights-records", args=["2026-01", "HOLD-A", "K-T1"])
    _, first = page(client, url)
    _, second = page(client, url, page=2)
    assert re.findall(r'href="/records/([^/]+)/"', first) == ["A-1", "A-2"]
    assert re.findall(r'href="/records/([^/]+)/"', second) == ["A-3"]
    assert "Page 1 of 2" in first
    assert AccessLog.objects.filter(user=user).count() == 3


def test_scrutiny_sees_no_drill_down_and_no_links_to_it(client, loaded):
    login(client, "scrutiny", "HOLD-A")
    _, html = page(client, reverse("insights"), suite="HOLD-A")
    assert "/insights/2026-01/" not in html
    url = reverse("insights-records", args=["2026-01", "HOLD-A", "K-T1"])
    assert client.get(url).status_code == 403
    assert AccessLog.objects.count() == 0


def test_scrutiny_sees_small_counts_suppressed_and_why(client, loaded):
    login(client, "scrutiny", "HOLD-A")
    _, html = page(client, reverse("insights"), suite="HOLD-A")
    row = re.search(r"K-T1</span></th>(.*?)</tr>", html, re.S)
    assert re.findall(r"font-weight-bold\">([^<]*)<", row.group(1)) == [
        "fewer than 10",
        "fewer than 10",
    ]
    assert "This is the scrutiny view" in html
    rate = re.search(r"K-RL1</span></th>(.*?)</tr>", html, re.S).group(1)
    assert "%" not in rate
    assert "Not shown" in rate
    # The manager's view of the same figures has the numbers.
    client.logout()
    login(client, "custody_manager", "HOLD-A")
    _, full = page(client, reverse("insights"), suite="HOLD-A")
    assert "This is the scrutiny view" not in full


def kv(kind_id: str, num: int, den: int = 0, values: int = 0, parts=None) -> KpiValue:
    return KpiValue(
        kpi=kind_id,
        numerator=num,
        denominator=den,
        value=100 * num / den if den else float(num),
        n=values,
        median=90.0 if values else None,
        p90=150.0 if values else None,
        records=(),
        exceptions=(),
        parts={k: Part(n, ()) for k, n in (parts or {}).items()},
    )


def test_readings_in_full():
    assert views.reading(BY_ID["K-T1"], None).value == "0"
    assert views.reading(BY_ID["K-T4"], None).value == "No records"
    assert views.reading(BY_ID["K-P1"], kv("K-P1", 3, 4)) == views.Reading(
        "75.0%", "3 of 4", chart=75.0
    )
    duration = views.reading(BY_ID["K-T4"], kv("K-T4", 0, values=12))
    assert (duration.value, duration.detail) == ("1:30 median", "P90 2:30 (h:mm); n = 12")


def scrutiny(kpi_id: str, v: KpiValue, **others: KpiValue):
    """``v`` as the scrutiny view reads it in suite A, beside the ``others`` suites."""
    kpi = BY_ID[kpi_id]
    return views.reading(kpi, v, views.published(kpi, {"A": v, **others}, "A"))


def test_readings_suppressed_for_scrutiny():
    # 3 of 40: the numerator is small; the 37 outside it would give it away (40 - 37), so it
    # is hidden too, and the rate built on the 3 is not shown.
    rate = scrutiny("K-P1", kv("K-P1", 3, 40))
    assert (rate.value, rate.detail, rate.chart) == ("Not shown", "fewer than 10 of 40", None)
    assert scrutiny("K-P1", kv("K-P1", 30, 40)).value == "75.0%"
    assert scrutiny("K-T1", kv("K-T1", 0)).value == "0"
    assert scrutiny("K-T1", kv("K-T1", 12)).value == "12"
    assert scrutiny("K-T4", kv("K-T4", 0, values=9)).value == "Not shown"
    # A breakdown: the small part, and the smallest other part that would reveal it, are hidden.
    parts = scrutiny("K-T1-SEX", kv("K-T1-SEX", 45, parts={"female": 3, "male": 30, "other": 12}))
    assert dict(parts.parts) == {"female": "fewer than 10", "male": "30", "other": "not shown"}
    assert parts.value == "45"


def test_a_suite_figure_that_would_reveal_another_suites_by_subtraction_is_hidden():
    # Force-wide 25 = A 20 + B 5: with A and the force-wide total shown, B is 25 - 20.
    kpi = BY_ID["K-T1"]
    suites = {"A": kv("K-T1", 20), "B": kv("K-T1", 5)}
    assert views.reading(kpi, suites["A"], views.published(kpi, suites, "A")).value == "not shown"
    assert views.reading(kpi, kv("K-T1", 25), views.published(kpi, suites, None)).value == "25"
    assert views.reading(kpi, suites["A"]).value == "20"


def test_events_per_detention_are_suppressed_on_their_own():
    # 12 strip searches in 8 detentions: the searches are not a part of the detentions.
    per = scrutiny("K-SS1", kv("K-SS1", 12, 8))
    assert (per.value, per.detail) == ("Not shown", "12 of fewer than 10")
    shown = views.reading(BY_ID["K-SS1"], kv("K-SS1", 12, 80))
    assert (shown.value, shown.detail) == ("15.0 per 100 detentions", "12 of 80")


def test_thirteen_months_end_with_the_chosen_one():
    assert views._trail("2026-01") == [f"2025-{m:02d}" for m in range(1, 13)] + ["2026-01"]


def test_the_default_month_is_the_latest_complete_one():
    assert views._default_month(["2025-12", "2026-01", "2026-02"], "2026-02") == "2026-01"
    assert views._default_month(["2025-11"], "2026-02") == "2025-11"
    assert views._default_month([], "2026-02") == "2026-01"
