"""The use-of-force dashboard: who may see it, for which suites, and figures that match the data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bridewell.accounts.models import AccessLog
from bridewell.custody import records
from bridewell.force.models import Review
from bridewell.web import clock
from bridewell.web.charts import SVG_POLICY
from tests import factories as f
from tests.force.builders import SERGEANT, force_used, incident_for, submitted

pytestmark = pytest.mark.django_db

LATER = f.NOW + dt.timedelta(hours=3)
TODAY = f.NOW + dt.timedelta(days=10)  # 22 January 2026
PERIOD = {  # 1 December 2025 to 31 January 2026
    "date_from_day": "1",
    "date_from_month": "12",
    "date_from_year": "2025",
    "date_to_day": "31",
    "date_to_month": "1",
    "date_to_year": "2026",
}


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: TODAY)


def signed_in(role: str, *suites: str) -> Client:
    client = Client()
    client.force_login(f.staff(role, *(f.suite(code) for code in suites)))
    return client


def officer(suite: str = "NORTHGATE"):
    return f.staff("detention_officer", f.suite(suite))


def at(minutes: int) -> str:
    return (f.NOW + dt.timedelta(minutes=minutes)).isoformat()


def append(record, **payload: Any):
    when = dt.datetime.fromisoformat(payload["at"])
    return records.append(record, payload, None, now=when)


@pytest.fixture
def northgate():
    """Northgate: three detentions (one in December), two uses of force in January.

    The first names officers A and B; A reports (restraint 12 minutes), B does not; it was
    reviewed two days later with its CCTV. The second names C, who reports handcuffing and a
    Taser fired (restraint 30 minutes); it is not reviewed, and its 7 days are gone. The first
    record shows handcuffs on for 15 minutes and a spit guard never recorded as removed."""
    suite = f.suite("NORTHGATE")
    first = f.booked(suite)
    second = f.booked(suite, at=f.NOW + dt.timedelta(hours=1))
    f.booked(suite, at=f.NOW - dt.timedelta(days=40))
    a, b, c = officer(), officer(), officer()
    one = incident_for(force_used(first, [a.staff.staff_id, b.staff.staff_id], minutes=30))
    two = incident_for(
        force_used(second, [c.staff.staff_id], minutes=90, tactics=["ced_drawn", "ced_fired"])
    )
    submitted(a, one, LATER)
    submitted(
        c,
        two,
        LATER,
        tactics=["handcuffing_compliant", "ced_fired"],
        restraint_ended_at=two.occurred_at + dt.timedelta(minutes=30),
    )
    reviewer = f.staff("inspector", suite)
    Review.objects.create(
        incident=one,
        cctv_reviewed=True,
        cctv_reference="CCTV-1",
        cctv_reviewed_by=reviewer,
        cctv_reviewed_at=one.occurred_at + dt.timedelta(days=2),
        outcome=Review.JUSTIFIED,
        reasons="Restraint proportionate to the threat shown on CCTV.",
        reviewer=reviewer,
        reviewed_at=one.occurred_at + dt.timedelta(days=2),
    )
    append(first, type="restraint_applied", at=at(30), kind="handcuffs")
    append(first, type="restraint_applied", at=at(31), kind="spit_guard")
    append(first, type="restraint_removed", at=at(45), kind="handcuffs")
    return {"officers": (a, b, c), "incidents": (one, two), "first": first}


@pytest.fixture
def southgate():
    three = officer("SOUTHGATE")
    incident = incident_for(
        force_used(f.booked(f.suite("SOUTHGATE")), [three.staff.staff_id], tactics=["baton_used"])
    )
    submitted(three, incident, LATER, tactics=["baton_used"])
    return incident


def page(client: Client, **query: str):
    return client.get(reverse("force-dashboard"), {**PERIOD, **query})


@pytest.mark.parametrize("role", ["inspector", "superintendent", "custody_manager", "scrutiny"])
def test_the_oversight_roles_see_the_dashboard(role):
    response = signed_in(role, "NORTHGATE").get(reverse("force-dashboard"))
    assert response.status_code == 200
    assert b"Use of force in custody" in response.content


@pytest.mark.parametrize("role", ["custody_officer", "detention_officer", "hcp"])
def test_other_roles_are_refused(role):
    client = signed_in(role, "NORTHGATE")
    assert client.get(reverse("force-dashboard")).status_code == 403
    chart = reverse("force-dashboard-chart", args=["months"])
    assert client.get(chart).status_code == 403


def test_signed_out_people_are_sent_to_sign_in():
    response = Client().get(reverse("force-dashboard"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_figures_match_the_data(northgate):
    response = page(signed_in("custody_manager", "NORTHGATE"))
    volume = response.context["volume"]
    assert (volume.total.incidents, volume.total.reports, volume.total.detentions) == (2, 2, 3)
    assert volume.total.rate == 666.7
    assert [(m.label, m.detentions, m.incidents, m.rate) for m in volume.months] == [
        ("Dec 2025", 1, 0, 0.0),
        ("Jan 2026", 2, 2, 1000.0),
    ]
    tactics = {t.code: (t.incidents, t.reports) for t in response.context["tactics"]}
    assert tactics == {
        "handcuffing_compliant": (1, 1),
        "handcuffing_non_compliant": (1, 1),
        "ced_fired": (1, 1),
    }


def test_the_page_shows_the_figures_in_its_tables(northgate):
    response = page(signed_in("custody_manager", "NORTHGATE"))
    html = response.content.decode()
    assert "1 December 2025 to 31 January 2026, Northgate." in html
    for expected in [
        '<th scope="row" class="govuk-table__header">Jan 2026</th>\n'
        '          <td class="govuk-table__cell govuk-table__cell--numeric">2</td>\n'
        '          <td class="govuk-table__cell govuk-table__cell--numeric">2</td>\n'
        '          <td class="govuk-table__cell govuk-table__cell--numeric">1000.0</td>',
        '<dd class="govuk-summary-list__value">666.7</dd>',
        "Taser (CED): fired",
    ]:
        assert expected in html
    assert "Taser (CED): drawn" not in html


def test_restraint_durations_from_reports_and_from_custody_records(northgate):
    rows = {r.label: r for r in page(signed_in("inspector", "NORTHGATE")).context["restraints"]}
    reported = rows["Officers' reports (each officer's own)"]
    assert (reported.minutes, reported.median, reported.p90) == ([12.0, 30.0], 21.0, 30.0)
    assert (reported.median_text, reported.p90_text) == ("21 min", "30 min")
    cuffs = rows["Custody records: Handcuffs"]
    assert (cuffs.minutes, cuffs.unended) == ([15.0], 0)
    guard = rows["Custody records: Spit and bite guard"]
    assert (guard.uses, guard.unended, guard.median_text) == (1, 1, "–")
    assert "Custody records: Leg restraints" not in rows


def test_a_corrected_removal_time_is_the_one_used(northgate):
    first = northgate["first"]
    removal = first.events.get(type="restraint_removed")
    append(
        first,
        type="correction",
        at=at(50),
        by=SERGEANT,
        corrects=removal.event_id,
        reason="Removal was entered at the wrong time",
        replacement={"id": "fix1", "type": "restraint_removed", "at": at(55), "kind": "handcuffs"},
    )
    rows = {r.label: r for r in page(signed_in("inspector", "NORTHGATE")).context["restraints"]}
    assert rows["Custody records: Handcuffs"].minutes == [25.0]


def test_reports_reviews_and_cctv(northgate):
    response = page(signed_in("superintendent", "NORTHGATE"))
    total = response.context["governance"].total
    assert str(total.forms_complete) == "50% (1 of 2)"
    assert str(total.officer_forms) == "67% (2 of 3)"
    assert str(total.reviewed_on_time) == "50% (1 of 2)"
    assert total.median_review_days == 2.0
    assert (total.awaiting, total.overdue) == (1, 1)
    assert str(total.cctv_reviewed) == "50% (1 of 2)"
    assert dict(total.outcome_counts())["Justified and proportionate"] == 1
    html = response.content.decode()
    assert "50% (1 of 2)" in html
    assert "2.0 days" in html
    assert "1 (1 more than 7 days)" in html


def test_an_unreviewed_use_of_force_within_its_7_days_is_not_yet_due(northgate, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: f.NOW + dt.timedelta(days=3))
    total = page(signed_in("inspector", "NORTHGATE")).context["governance"].total
    assert str(total.reviewed_on_time) == "100% (1 of 1)"
    assert (total.awaiting, total.overdue) == (1, 0)


def test_each_user_sees_only_their_own_suites(northgate, southgate):
    north = page(signed_in("custody_manager", "NORTHGATE")).context
    assert [r.label for r in north["volume"].suites] == ["Northgate"]
    assert north["volume"].total.incidents == 2
    assert "baton_used" not in {t.code for t in north["tactics"]}
    both = page(signed_in("custody_manager", "NORTHGATE", "SOUTHGATE")).context
    assert [(r.label, r.incidents) for r in both["volume"].suites] == [
        ("Northgate", 2),
        ("Southgate", 1),
    ]
    only_south = page(signed_in("custody_manager", "NORTHGATE", "SOUTHGATE"), suite="SOUTHGATE")
    assert only_south.context["volume"].total.incidents == 1


def test_another_suite_cannot_be_asked_for(northgate, southgate):
    response = page(signed_in("custody_manager", "NORTHGATE"), suite="SOUTHGATE")
    assert response.status_code == 200
    assert "volume" not in response.context
    assert b"There is a problem" in response.content
    chart = reverse("force-dashboard-chart", args=["suites"])
    client = signed_in("custody_manager", "NORTHGATE")
    assert client.get(chart, {"suite": "SOUTHGATE"}).status_code == 400


def test_the_default_period_is_the_last_12_months_this_one_included(northgate):
    response = signed_in("inspector", "NORTHGATE").get(reverse("force-dashboard"))
    months = [m.label for m in response.context["volume"].months]
    assert (months[0], months[-1], len(months)) == ("Feb 2025", "Jan 2026", 12)
    assert response.context["volume"].total.incidents == 2
    assert b"1 February 2025 to 22 January 2026" in response.content


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date_to_day": "1", "date_to_month": "11", "date_to_year": "2025"}, "same as or after"),
        ({"date_from_year": "2022"}, "at most 3 years"),
        ({"date_from_month": "13"}, "must be a real date"),
    ],
)
def test_a_wrong_period_is_explained(northgate, query, message):
    response = page(signed_in("inspector", "NORTHGATE"), **query)
    assert message in response.content.decode()
    assert "volume" not in response.context


def test_a_future_from_date_alone_is_refused():
    response = signed_in("inspector", "NORTHGATE").get(
        reverse("force-dashboard"),
        {"date_from_day": "1", "date_from_month": "2", "date_from_year": "2026"},
    )
    assert "must be today or in the past" in response.content.decode()


def test_no_names_are_shown_and_no_record_read_is_logged(northgate):
    response = page(signed_in("scrutiny", "NORTHGATE"))
    html = response.content.decode()
    first = northgate["first"]
    assert first.person.surname not in html
    assert first.record_id not in html
    for person in northgate["officers"]:
        assert person.get_full_name() not in html
        assert person.staff.staff_id not in html
    assert not AccessLog.objects.exists()


def test_every_chart_is_an_image_with_alt_text_and_a_table_beside_it(northgate):
    html = page(signed_in("custody_manager", "NORTHGATE")).content.decode()
    for name in ("suites", "months", "tactics", "restraint", "governance"):
        assert f'<img src="{reverse("force-dashboard-chart", args=[name])}?' in html
    assert (
        'alt="Column chart of uses of force in custody, by month (uses of force (incidents)): '
        in html
    )
    assert "Dec 2025 0; Jan 2026 2." in html
    assert html.count('<caption class="govuk-table__caption') >= 5


@pytest.mark.parametrize("name", ["suites", "months", "tactics", "restraint", "governance"])
def test_the_chart_view_returns_svg_under_its_own_policy(northgate, name):
    client = signed_in("scrutiny", "NORTHGATE")
    response = client.get(reverse("force-dashboard-chart", args=[name]), PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Security-Policy"] == SVG_POLICY
    assert "no-store" in response["Cache-Control"]
    svg = response.content.decode()
    assert "<svg" in svg
    assert "<script" not in svg


def test_the_month_chart_draws_the_months_of_the_period(northgate):
    client = signed_in("inspector", "NORTHGATE")
    svg = client.get(reverse("force-dashboard-chart", args=["months"]), PERIOD).content.decode()
    assert ">Dec 2025</text>" in svg
    assert ">Jan 2026</text>" in svg


def test_an_unknown_chart_is_not_found():
    client = signed_in("inspector", "NORTHGATE")
    assert client.get(reverse("force-dashboard-chart", args=["people"])).status_code == 404


def test_the_page_itself_keeps_the_strict_policy(northgate):
    response = page(signed_in("inspector", "NORTHGATE"))
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_a_user_without_suites_is_told_so():
    response = signed_in("custody_manager").get(reverse("force-dashboard"))
    assert b"not assigned to any custody suite" in response.content
