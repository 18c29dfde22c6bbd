"""The demo: suites, a live picture with upcoming and overdue obligations, history, accounts."""

import datetime as dt
import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from bridewell.accounts.models import StaffProfile
from bridewell.accounts.roles import ROLES
from bridewell.custody import records
from bridewell.custody.models import CustodyRecord, Person, Suite
from bridewell.force import reports, reviews
from bridewell.force.models import Incident, Report, Review
from bridewell.interchange.reader import read_records
from bridewell.rules import model as m
from bridewell.rules.timeline import Timeline
from bridewell.web import demo
from tests.builders import EXAMPLES

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 7, 4, 14, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "size", [demo.DemoSize(days=1.5, history_every=10), demo.DemoSize(days=3, history_every=40)]
)
def test_a_small_demo_has_suites_a_live_picture_history_and_an_account_per_role(size, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    seeded = demo.seed(NOW, size)

    assert sorted(Suite.objects.values_list("code", flat=True)) == [
        "ELMWOOD",
        "NORTHGATE",
        "RIVERSIDE",
    ]
    assert all(s.cells.count() == demo.CELLS_PER_SUITE for s in Suite.objects.all())

    live = CustodyRecord.objects.filter(is_open=True)
    assert seeded.open == live.count() > 0
    assert seeded.closed == CustodyRecord.objects.filter(is_open=False).count() > 0
    # Open records arrived over the last day and a half; none is in the future.
    assert all(NOW - dt.timedelta(hours=40) < r.arrived_at <= NOW for r in live)
    assert not CustodyRecord.objects.filter(events__inserted_at__gt=NOW).exists()
    assert all(r.cell is not None and r.cell.suite_id == r.suite_id for r in live)
    # Obligations: some already overdue, some coming up.
    assert all(r.obligations for r in live)
    assert seeded.overdue == live.filter(next_due_at__lt=NOW).count() > 0
    assert live.filter(next_due_at__gte=NOW).exists()
    for suite in Suite.objects.all():
        assert live.filter(suite=suite, next_due_at__lt=NOW).exists(), suite.code
    # Everyone has a made-up name.
    assert not Person.objects.filter(surname="").exists()
    assert all(p.surname in demo.SURNAMES for p in Person.objects.all())

    accounts = {a.username: a for a in seeded.accounts}
    assert sorted(a.role for a in seeded.accounts) == sorted(r.label for r in ROLES.values())
    for role in ROLES:
        [user] = User.objects.filter(groups__name=role)
        profile = StaffProfile.objects.get(user=user)
        assert profile.suites.count() == 3
        assert profile.role == ROLES[role].format_role
        assert user.check_password(accounts[user.username].password)


def test_nothing_is_entered_after_now_and_some_records_stopped_short_of_it():
    records = demo.demo_records(NOW, demo.DemoSize(days=2, history_every=1000))
    for record in records:
        assert all(e.entered_at <= NOW for e in record.events)
    stale = {
        r.suite
        for r in records
        if max(e.entered_at for e in r.events) <= NOW - demo.OVERDUE_GAP
        and Timeline(r, NOW).is_open
    }
    assert stale == set(demo.SUITE_NAMES)


def test_demo_names_are_made_up_and_stable():
    assert demo.fictional_name("P00000000AB", "female") == demo.fictional_name(
        "P00000000AB", "female"
    )
    forename, surname = demo.fictional_name("P00000000AB", "female")
    assert forename in demo.FIRST_NAMES["female"]
    assert surname in demo.SURNAMES
    assert demo.fictional_name("anything", "not_stated")[0] in demo.FIRST_NAMES["other"]


def test_the_demo_is_never_seeded_into_a_database_that_holds_records():
    [item, *_] = read_records(EXAMPLES)
    records.import_record(item.record, now=NOW)
    with pytest.raises(demo.DemoRefused, match="only seeded into an empty database"):
        demo.seed(NOW, demo.DemoSize(days=1))
    with pytest.raises(CommandError, match="only seeded into an empty database"):
        call_command("seed_demo", "--days", "1", stdout=io.StringIO())


def test_the_command_prints_accounts_that_sign_in(client):
    out = io.StringIO()
    call_command("seed_demo", "--days", "1", "--history-every", "50", stdout=out)
    text = out.getvalue()
    assert re.search(r"Demo seeded in \d+ s: 3 suites, \d+ people in custody now", text)
    assert re.search(r"Use of force: \d+ incidents, \d+ reviewed; \d+ reports owed", text)
    rows = re.findall(r"^  (.+?)\s{2,}(\S+)\s+(\S{14})$", text, re.MULTILINE)
    assert [label for label, _, _ in rows] == [r.label for r in ROLES.values()]
    username, password = next((u, p) for label, u, p in rows if label == "Custody officer")
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302


def test_the_demo_flag_shows_demo_in_the_page_header(client, settings):
    settings.BRIDEWELL_DEMO = True
    html = client.get(reverse("login")).content.decode()
    assert re.search(r'<header[^>]*>.*<strong class="[^"]*bw-demo-tag">DEMO</strong>', html, re.S)
    assert "<title>Sign in – Bridewell (DEMO)</title>" in html
    settings.BRIDEWELL_DEMO = False
    assert "DEMO" not in client.get(reverse("login")).content.decode()


def test_the_newest_uses_of_force_name_the_demo_officer_and_sergeant():
    chosen = demo.demo_records(NOW, demo.DemoSize(days=20, history_every=10))
    named, fixed = demo.with_demo_officers(chosen, NOW)

    def force(records):
        return sorted(
            (
                (e.at, r.record_id, e)
                for r in records
                for e in r.events
                if isinstance(e, m.ForceUsed)
            ),
            key=lambda x: x[0],
            reverse=True,
        )

    before, after = force(chosen), force(named)
    assert len(after) == len(before) >= len(demo.DEMO_FORCE)
    for (_, record_id, old), (_, _, new), (staff_id, filing) in zip(
        before, after, demo.DEMO_FORCE, strict=False
    ):
        assert staff_id in new.officers
        assert staff_id not in old.officers
        assert len(new.officers) == len(old.officers) + (staff_id == "DEMO-S01")
        assert fixed[record_id][new.id, staff_id] == filing
    for (_, _, old), (_, _, new) in zip(
        before[len(demo.DEMO_FORCE) :], after[len(demo.DEMO_FORCE) :], strict=True
    ):
        assert new == old
    assert sum(len(f) for f in fixed.values()) == len(demo.DEMO_FORCE)


def test_demo_officers_owe_reports_and_past_force_is_reported_and_awaits_review(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    seeded = demo.seed(NOW, demo.DemoSize(days=6, history_every=5))

    force = seeded.force
    assert force.incidents == Incident.objects.filter(event__isnull=False).count() >= 4
    assert Report.objects.filter(status=Report.SUBMITTED).count() == (
        force.submitted + force.unlinked
    )
    assert Report.objects.filter(status=Report.DRAFT).count() == force.drafts
    for username in ("detention", "sergeant"):
        user = User.objects.get(username=username)
        owed = reports.owed(user)
        assert len(owed) == 2, username
        assert sum(o.draft is not None for o in owed) == 1, username
    # Officers named in the synthetic records report through accounts that cannot sign in.
    officers = User.objects.filter(staff__isnull=False, groups__isnull=True)
    assert officers.exists()
    assert not any(u.has_usable_password() for u in officers)
    # Reviews are by the demo reviewers; the inspector has uses of force waiting.
    assert Review.objects.count() == force.reviewed
    assert not Review.objects.exclude(reviewer__username__in=demo.REVIEWERS).exists()
    inspector = User.objects.get(username="inspector")
    assert reviews.waiting(inspector, NOW)
