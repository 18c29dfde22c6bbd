"""The custody board: who may see it, what each row says, the live refresh and its cost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bridewell.accounts.models import AccessLog
from bridewell.accounts.roles import ROLES
from bridewell.custody import records
from bridewell.custody.board import effective
from bridewell.custody.models import CustodyRecord, Suite
from bridewell.web import clock
from tests import factories as f

pytestmark = pytest.mark.django_db

SERGEANT = {"id": "S0001", "rank": "sergeant", "role": "custody_officer"}
HCP = {"id": "H0001", "rank": "none", "role": "hcp"}


def at(minutes: int) -> dt.datetime:
    return f.NOW + dt.timedelta(minutes=minutes)


@pytest.fixture
def now(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """Set the application clock to ``minutes`` after the bookings in (20:00 GMT)."""

    def move(minutes: int) -> None:
        monkeypatch.setattr(clock, "now", lambda: at(minutes))

    move(20)
    return move


@pytest.fixture
def suite() -> Suite:
    return f.suite("NORTHGATE")


def book(
    where: Suite,
    cell: str = "C1",
    *,
    minutes: int = 0,
    detainee: dict[str, Any] | None = None,
    **risk: bool,
) -> CustodyRecord:
    """A detainee booked in ``minutes`` after 20:00 GMT into ``cell``."""
    return records.open_record(
        suite=where,
        person=f.person(),
        detainee={"sex": "male", **(detainee or {})},
        offences=[{"ref": "O1", "title": "Burglary dwelling", "mode_of_trial": "either_way"}],
        events=f.booking_events(at(minutes), **risk),
        user=None,
        now=at(minutes + 15),
        cell=where.cells.get(name=cell),
    )


def add(record: CustodyRecord, minutes: int, type_: str, **fields: Any) -> None:
    event = {"type": type_, "at": at(minutes).isoformat(), **fields}
    records.append(record, event, None, now=at(minutes))


def signed_in(role: str, *suites: Suite) -> Client:
    client = Client()
    client.force_login(f.staff(role, *suites))
    return client


def board(client: Client, code: str = "NORTHGATE") -> str:
    response = client.get(reverse("board", args=[code]))
    assert response.status_code == 200
    return response.content.decode()


def poll(client: Client, code: str = "NORTHGATE", **state: str) -> str:
    response = client.get(reverse("board-live", args=[code]), state, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


# Who may see it


@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_role_sees_the_board_of_their_suite(role, suite, now):
    record = book(suite)
    page = board(signed_in(role, suite))
    assert reverse("record", args=[record.record_id]) in page
    if role == "scrutiny":
        assert record.person.person_id in page
        assert record.person.surname not in page
    else:
        assert "SMITH, Alex" in page


@pytest.mark.parametrize("view", ["board", "board-live"])
def test_another_suites_board_is_not_found(view, suite, now):
    book(suite)
    elsewhere = signed_in("custody_officer", f.suite("SOUTHGATE"))
    assert elsewhere.get(reverse(view, args=["NORTHGATE"])).status_code == 404
    assert elsewhere.get(reverse(view, args=["NOWHERE"])).status_code == 404


def test_a_signed_out_visitor_is_sent_to_sign_in_and_a_poll_reloads_the_page(suite, now):
    anonymous = Client()
    response = anonymous.get(reverse("board", args=["NORTHGATE"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    polled = anonymous.get(reverse("board-live", args=["NORTHGATE"]), HTTP_HX_REQUEST="true")
    assert polled["HX-Refresh"] == "true"


def test_an_account_without_a_role_is_refused(suite, now):
    client = Client()
    user = f.staff("custody_officer", suite)
    user.groups.clear()
    client.force_login(user)
    assert client.get(reverse("board", args=["NORTHGATE"])).status_code == 403


def test_each_record_shown_on_the_board_is_logged_once_while_the_page_stays_open(suite, now):
    first = book(suite, "C1")
    client = signed_in("custody_officer", suite)
    board(client)
    poll(client)
    poll(client)
    logged = AccessLog.objects.values_list("record_id", "purpose", "view")
    assert list(logged) == [(first.pk, "custody board", "board")]

    second = book(suite, "C2")
    poll(client)
    assert sorted(AccessLog.objects.values_list("record_id", flat=True)) == [first.pk, second.pk]

    board(client)
    assert AccessLog.objects.filter(record=first).count() == 2
    assert AccessLog.objects.filter(record=second).count() == 2


def test_the_board_is_never_cached(suite, now):
    response = signed_in("custody_officer", suite).get(reverse("board", args=["NORTHGATE"]))
    assert "no-store" in response["Cache-Control"]


# What the rows say


def rows(page: str) -> list[str]:
    """The record ids in the order the rows link to them."""
    prefix = reverse("record", args=["ID"]).split("ID")[0]
    return [part.split("/")[0] for part in page.split(f'href="{prefix}')[1:]]


def test_open_records_only_most_urgent_first_and_nothing_due_last(suite, now):
    later = book(suite, "C1", minutes=5)
    drunk = book(suite, "C2", minutes=0, intoxicated=True)  # roused visit due 20:42
    sober = book(suite, "C3", minutes=0)  # visit due 21:10
    idle = book(suite, "C4", minutes=0)
    # A record with nothing due (as after charge, on constant observation) sorts last.
    CustodyRecord.objects.filter(pk=idle.pk).update(next_due_at=None, obligations=[])
    gone = f.booked(suite)
    add(gone, 16, "released", by=SERGEANT, outcome="nfa")
    page = board(signed_in("detention_officer", suite))
    assert rows(page) == [drunk.record_id, sober.record_id, later.record_id, idle.record_id]


def test_a_row_shows_time_in_custody_the_limit_observation_and_what_is_due(suite, now):
    book(suite, "C2", intoxicated=True)
    page = board(signed_in("custody_officer", suite))
    assert "20 min<br>since 20:00 GMT" in page
    assert "24-hour limit 20:00 GMT on 13 Jan" in page
    assert "23 h 40 min left" in page
    assert "Level 2<br>Intermittent observation" in page
    assert "Rousing</strong>" in page
    assert "Roused visit 20:42 GMT" in page
    assert 'class="bw-due-soon">Due in 22 min' in page
    assert "First review 02:10 GMT on 13 Jan" in page
    assert "Due in 5 h 50 min" in page


def test_an_overdue_visit_is_red_with_words_and_its_finding_is_counted(suite, now):
    record = book(suite, "C3")
    now(82)  # the visit was due at 21:10
    page = board(signed_in("detention_officer", suite))
    assert "Visit 21:10 GMT" in page
    assert 'class="bw-overdue">Overdue by 12 min' in page
    # The record was re-assessed when its deadline passed, so the finding is on the board.
    record.refresh_from_db()
    assert (record.findings_count, record.assessed_at) == (1, at(82))
    assert "1<br>1 breach" in page


def test_a_record_is_reassessed_once_per_deadline_passed(suite, now):
    book(suite)
    client = signed_in("custody_officer", suite)
    now(82)
    with CaptureQueriesContext(connection) as first:
        board(client)
    with CaptureQueriesContext(connection) as second:
        board(client)
    assert len(second) < len(first)


def test_markers_and_support_not_yet_requested(suite, now):
    book(
        suite,
        detainee={
            "birth_date": "2010-05-01",
            "vulnerable": True,
            "needs_interpreter": True,
            "language": "Polish",
        },
    )
    page = board(signed_in("custody_officer", suite))
    for marker in ("Juvenile", "Vulnerable", "Interpreter"):
        assert f'">{marker}</strong>' in page
    assert (
        'Appropriate adult <strong class="govuk-tag govuk-tag--red">Not requested</strong>' in page
    )
    assert (
        'Interpreter (Polish) <strong class="govuk-tag govuk-tag--red">Not requested</strong>'
        in page
    )


def test_support_requested_is_awaited_until_it_arrives(suite, now):
    record = book(suite, detainee={"birth_date": "2010-05-01", "needs_interpreter": True})
    add(record, 16, "appropriate_adult_requested")
    add(record, 17, "interpreter_requested")
    add(record, 18, "hcp_requested", reason="asthma")
    now(50)
    client = signed_in("custody_officer", suite)
    page = board(client)
    assert (
        'Appropriate adult <strong class="govuk-tag govuk-tag--yellow">Awaited</strong><br>Requested 20:16 GMT, 34 min ago'
        in page
    )
    assert 'Interpreter <strong class="govuk-tag govuk-tag--yellow">Awaited</strong>' in page
    assert (
        'Health care <strong class="govuk-tag govuk-tag--yellow">Not yet seen</strong><br>Requested 20:18 GMT, 32 min ago'
        in page
    )
    add(record, 51, "appropriate_adult_arrived")
    add(record, 52, "interpreter_arrived", mode="telephone")
    add(record, 53, "hcp_seen", by=HCP)
    now(54)
    page = board(client)
    assert "Awaited" not in page
    assert "Not yet seen" not in page


def test_a_pre_release_risk_assessment_is_asked_for_once_charged_and_shown_when_done(suite, now):
    record = book(suite)
    add(record, 120, "charged", by=SERGEANT, offences=["O1"])
    now(125)
    client = signed_in("custody_officer", suite)
    page = board(client)
    assert "Charged: no pre-charge limit" in page
    assert (
        'Pre-release risk assessment <strong class="govuk-tag govuk-tag--orange">Needed before release</strong><br>Charged at 22:00 GMT'
        in page
    )
    add(record, 126, "prra_completed", by=SERGEANT)
    now(130)
    page = board(client)
    assert "Done</strong><br>At 22:06 GMT; counts for a release by 00:06 GMT on 13 Jan" in page
    now(250)  # over two hours later it no longer counts
    assert "the last one, at 22:06 GMT on 12 Jan, is over 2 h old" in board(client)


def test_no_pre_release_assessment_is_asked_for_while_release_is_far_off(suite, now):
    book(suite)
    assert "Pre-release risk assessment" not in board(signed_in("custody_officer", suite))
    now(22 * 60 + 30)  # the 24-hour limit is 1 h 30 min away
    assert "Needed before release</strong><br>Detention limit at 20:00 GMT" in board(
        signed_in("custody_officer", suite)
    )


def test_corrections_are_applied_as_the_rules_apply_them():
    def stored(
        seq: int, type_: str, minutes: int, **payload: Any
    ) -> tuple[str, dt.datetime, int, dict[str, Any]]:
        return (
            type_,
            at(minutes),
            seq,
            {"id": f"e{seq}", "type": type_, "at": at(minutes).isoformat(), **payload},
        )

    seen_later = {"id": "e3b", "type": "hcp_seen", "at": at(90).isoformat()}
    entries = effective(
        [
            stored(1, "hcp_requested", 10),
            stored(2, "hcp_seen", 20),
            stored(
                3,
                "correction",
                30,
                corrects="e2",
                replacement=seen_later,
                reason="wrong time",
                by=SERGEANT,
            ),
            # A note (not loaded) corrected into an interpreter request.
            stored(
                4,
                "correction",
                31,
                corrects="n1",
                replacement={"id": "e4b", "type": "interpreter_requested", "at": at(5).isoformat()},
                reason="wrong entry",
                by=SERGEANT,
            ),
        ],
        at(60),
    )
    assert [(e.type, e.at) for e in entries] == [
        ("interpreter_requested", at(5)),
        ("hcp_requested", at(10)),
    ]


def test_the_suite_summary(suite, now):
    book(suite, "C1", intoxicated=True)
    book(suite, "C2", detainee={"birth_date": "2010-05-01"})
    book(suite, "C3", minutes=-50)  # visit due 20:20, in 0 min... then overdue
    now(25)
    page = board(signed_in("custody_officer", suite))
    summary = page.split('id="board-summary"')[1].split('id="board-table"')[0]
    figures = [chunk.split("</span>")[0] for chunk in summary.split('margin-bottom-1">')[1:]]
    assert figures == ["3", "1", "1", "1"]  # detainees, juveniles, level 2+, due within 30 min
    assert "and 1 overdue" in summary


def test_updates_can_be_paused(suite, now):
    client = signed_in("custody_officer", suite)
    assert 'hx-trigger="every 20s"' in board(client)
    response = client.get(reverse("board", args=["NORTHGATE"]), {"updates": "off"})
    page = response.content.decode()
    assert "hx-trigger" not in page
    assert "Automatic updates are paused" in page


# The live refresh


def state(page: str) -> dict[str, str]:
    return {
        name: page.split(f'name="{name}" value="')[1].split('"')[0] for name in ("shown", "overdue")
    }


def test_a_poll_updates_cells_in_place_and_announces_each_newly_overdue_item_once(suite, now):
    book(suite, "C3")
    client = signed_in("detention_officer", suite)
    page = board(client)
    assert state(page)["overdue"] == ""
    same = poll(client, **state(page))
    # The rows are unchanged: their contents are swapped out of band, the links left alone.
    assert 'id="board-table"' not in same
    assert 'hx-swap-oob="true"' in same
    assert '<div id="board-announcements" hx-swap-oob="innerHTML"></div>' in same

    now(71)
    overdue = poll(client, **state(same))
    assert "<p>Cell C3: visit now overdue.</p>" in overdue
    again = poll(client, **state(overdue))
    assert "now overdue" not in again


def test_a_poll_replaces_the_table_when_the_rows_change(suite, now):
    book(suite, "C1")
    client = signed_in("custody_officer", suite)
    page = board(client)
    book(suite, "C2", minutes=-40)
    changed = poll(client, **state(page))
    assert '<div id="board-table" hx-swap-oob="innerHTML">' in changed
    assert 'hx-swap-oob="true"' not in changed
    # Links keep their ids across the swap, so htmx can give focus back.
    assert changed.count('id="board-link-') == 2


def test_the_limit_passing_is_announced(suite, now):
    book(suite, "C4")
    client = signed_in("custody_officer", suite)
    now(24 * 60 - 1)
    page = board(client)
    now(24 * 60 + 1)
    assert "Cell C4: 24-hour limit now passed." in poll(client, **state(page))


# What it costs


def test_the_number_of_queries_does_not_grow_with_the_number_of_records(suite, now):
    client = signed_in("custody_officer", suite)
    cells = [f"C{n}" for n in range(1, 5)]

    def render() -> int:
        with CaptureQueriesContext(connection) as queries:
            board(client)
            poll(client)
        return len(queries)

    for n in range(3):
        record = book(suite, cells[n % 4], detainee={"birth_date": "2010-05-01"})
        add(record, 16, "hcp_requested")
    with_three = render()
    for n in range(9):
        book(suite, cells[n % 4], intoxicated=n % 2 == 0)
    assert CustodyRecord.objects.filter(is_open=True).count() == 12
    assert render() == with_three


def test_custody_officers_get_a_book_in_button_and_others_do_not(client):
    where = f.suite()
    for role, shown in (("custody_officer", True), ("detention_officer", False)):
        client.force_login(f.staff(role, where))
        page = client.get(reverse("board", args=[where.code])).content.decode()
        assert (reverse("book-in", args=[where.code]) in page) is shown, role
