"""The access log search (DPA 2018 s.62): custody managers only, their suites only, not a read."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from bridewell.accounts.models import AccessLog
from bridewell.accounts.roles import ROLES
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = reverse("access-log")


@pytest.fixture
def northgate():
    return f.suite("NORTHGATE")


@pytest.fixture
def manager(client, northgate):
    user = f.staff("custody_manager", northgate)
    client.force_login(user)
    return user


def read(user, record, at, purpose="view record", view="record"):
    entry = AccessLog.objects.create(user=user, record=record, purpose=purpose, view=view)
    AccessLog.objects.filter(pk=entry.pk).update(at=at)
    return entry


def rows(response):
    return list(response.context["page"].object_list)


@pytest.mark.parametrize("role", sorted(set(ROLES) - {"custody_manager"}))
def test_only_custody_managers_may_search_the_log(client, northgate, role):
    client.force_login(f.staff(role, northgate))
    assert client.get(URL).status_code == 403


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_lists_the_latest_reads_with_who_when_which_record_and_why(client, manager, northgate):
    sergeant = f.staff("custody_officer", northgate, username="sgt.ashgrove")
    record = f.booked(northgate)
    read(sergeant, record, dt.datetime(2026, 6, 1, 13, 5, tzinfo=dt.UTC), "record a visit", "visit")
    response = client.get(URL)
    assert response.status_code == 200
    [entry] = rows(response)
    assert entry.user == sergeant
    html = response.content.decode()
    assert "Mon 1 Jun 2026 14:05 BST" in html
    assert "sgt.ashgrove" in html
    assert sergeant.staff.staff_id in html
    assert record.record_id in html
    assert "record a visit" in html
    assert "1 read, newest first" in html


def test_reads_of_another_suites_records_are_not_shown(client, manager, northgate):
    riverside = f.suite("RIVERSIDE")
    theirs = f.booked(riverside)
    ours = f.booked(northgate)
    officer = f.staff("custody_officer", northgate, riverside)
    read(officer, theirs, f.NOW)
    read(officer, ours, f.NOW)
    assert [e.record for e in rows(client.get(URL))] == [ours]
    assert rows(client.get(URL, {"record": theirs.record_id})) == []


def test_searching_the_log_is_not_logged_as_a_read(client, manager, northgate):
    read(f.staff("custody_officer", northgate), f.booked(northgate), f.NOW)
    client.get(URL)
    client.get(URL, {"who": "anyone"})
    assert AccessLog.objects.count() == 1


def test_filter_by_username_staff_number_or_name(client, manager, northgate):
    ash = f.staff("custody_officer", northgate, username="r.ashgrove")
    ash.first_name, ash.last_name = "Robin", "Ashgrove"
    ash.save()
    other = f.staff("detention_officer", northgate)
    record = f.booked(northgate)
    read(ash, record, f.NOW)
    read(other, record, f.NOW)
    for who in ("R.ASHGROVE", ash.staff.staff_id.lower(), "robin ashgrove", "Ashgr"):
        assert [e.user for e in rows(client.get(URL, {"who": who}))] == [ash], who
    response = client.get(URL, {"who": "nobody-by-that-name"})
    assert rows(response) == []
    assert "No reads match your search" in response.content.decode()


def test_filter_by_record_number_ignores_case(client, manager, northgate):
    one, two = f.booked(northgate), f.booked(northgate)
    officer = f.staff("custody_officer", northgate)
    read(officer, one, f.NOW)
    read(officer, two, f.NOW)
    assert [e.record for e in rows(client.get(URL, {"record": two.record_id.lower()}))] == [two]


def day(name, value):
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


def test_date_range_is_in_uk_days_and_includes_the_last_day(client, manager, northgate):
    officer = f.staff("custody_officer", northgate)
    record = f.booked(northgate)
    # 23:30 UTC on 1 June is 00:30 BST on 2 June.
    late = read(officer, record, dt.datetime(2026, 6, 1, 23, 30, tzinfo=dt.UTC))
    early = read(officer, record, dt.datetime(2026, 6, 1, 7, 0, tzinfo=dt.UTC))
    later = read(officer, record, dt.datetime(2026, 6, 3, 22, 59, tzinfo=dt.UTC))

    def found(**days):
        query = {}
        for name, value in days.items():
            query |= day(name, value)
        return list(rows(client.get(URL, query)))

    assert found(date_from=dt.date(2026, 6, 2)) == [later, late]
    assert found(date_to=dt.date(2026, 6, 1)) == [early]
    assert found(date_from=dt.date(2026, 6, 2), date_to=dt.date(2026, 6, 2)) == [late]
    assert found(date_from=dt.date(2026, 6, 3), date_to=dt.date(2026, 6, 3)) == [later]


def test_a_wrong_date_is_explained_in_the_error_summary_and_beside_the_field(client, manager):
    response = client.get(URL, {"date_from_0": "31", "date_from_1": "2", "date_from_2": "2026"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert html.count("The ‘from’ date must be a real date") == 2
    assert 'href="#id_date_from_0"' in html
    assert "govuk-input--error" in html
    assert "<title>Error: Access log" in html
    response = client.get(URL, {"date_to_0": "3", "date_to_2": "2026"})
    assert "Enter the ‘to’ date in full, for example 27 3 2026" in response.content.decode()


def test_the_to_date_must_not_be_before_the_from_date(client, manager):
    query = day("date_from", dt.date(2026, 6, 3)) | day("date_to", dt.date(2026, 6, 2))
    html = client.get(URL, query).content.decode()
    assert "must be the same as or after the ‘from’ date" in html
    assert "Correct the search above to see results" in html


def test_results_are_paginated_and_pages_keep_the_search(client, manager, northgate):
    officer = f.staff("custody_officer", northgate, username="dvisitor")
    record = f.booked(northgate)
    for n in range(55):
        read(officer, record, f.NOW + dt.timedelta(minutes=n))
    first = client.get(URL, {"who": "dvisitor"})
    assert len(rows(first)) == 50
    assert rows(first)[0].at == f.NOW + dt.timedelta(minutes=54)
    html = first.content.decode()
    assert "55 reads, newest first (page 1 of 2)" in html
    assert re.search(r'href="\?who=dvisitor&amp;page=2" rel="next"', html)
    second = client.get(URL, {"who": "dvisitor", "page": "2"})
    assert len(rows(second)) == 5
    assert 'aria-current="page">2<' in second.content.decode()


def test_queries_do_not_grow_with_the_number_of_rows(
    client, manager, northgate, django_assert_max_num_queries
):
    record = f.booked(northgate)
    for n in range(30):
        read(f.staff("detention_officer", northgate), record, f.NOW + dt.timedelta(minutes=n))
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
