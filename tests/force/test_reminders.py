"""Daily reminders of overdue use-of-force reports, and who cannot be reminded."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from bridewell.custody.models import CustodyRecord
from bridewell.force import reminders, reports
from bridewell.web import clock
from tests import factories as f
from tests.force.builders import force_used, incident_for, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def record() -> CustodyRecord:
    return f.booked(f.suite("NORTHGATE"))


def officer(n: int, email: str = "") -> User:
    user = f.staff("detention_officer", f.suite("NORTHGATE"), username=f"pc{n}")
    user.email = email
    user.save()
    return user


def sid(user: User) -> str:
    return user.staff.staff_id


def run(monkeypatch: pytest.MonkeyPatch, hours: float, *args: str) -> str:
    """The command's output, run ``hours`` after the booking in (20:00 GMT)."""
    monkeypatch.setattr(clock, "now", lambda: f.NOW + dt.timedelta(hours=hours))
    out = StringIO()
    call_command("send_force_reminders", *args, stdout=out)
    return out.getvalue()


def test_each_officer_gets_one_email_listing_their_overdue_reports(record, monkeypatch, mailoutbox):
    one = officer(1, "pc1@example.police.uk")
    two = officer(2, "pc2@example.police.uk")
    both = incident_for(force_used(record, [sid(one), sid(two)], minutes=30))
    alone = incident_for(force_used(record, [sid(one)], minutes=60))
    incident_for(force_used(record, [sid(two)], minutes=25 * 60))  # not due until tomorrow
    submitted(two, both, f.NOW + dt.timedelta(hours=2))
    reports.start(one, alone, f.NOW + dt.timedelta(hours=2))

    out = run(monkeypatch, 30)
    assert out.strip() == "Reminded 1 officer(s) of 2 overdue use of force report(s)."
    [mail] = mailoutbox
    assert mail.to == ["pc1@example.police.uk"]
    assert mail.subject == "Use of force: 2 reports overdue"
    assert mail.body.startswith(f"Dear {one.get_full_name()},")
    lines = [line for line in mail.body.splitlines() if line.startswith("- ")]
    assert lines == [
        f"- Mon 12 Jan 2026 20:30 GMT at Northgate, custody record {record.record_id} "
        f"(incident {both.incident_ref}): due 5 h 30 min ago.",
        f"- Mon 12 Jan 2026 21:00 GMT at Northgate, custody record {record.record_id} "
        f"(incident {alone.incident_ref}): due 5 h ago. You have started a draft.",
    ]
    assert "due within 24 hours" in mail.body


def test_officers_who_cannot_be_emailed_are_listed_for_a_custody_manager(
    record, monkeypatch, mailoutbox
):
    silent = officer(1)
    closed = officer(2, "pc2@example.police.uk")
    closed.is_active = False
    closed.save()
    first = incident_for(force_used(record, ["PC9999", sid(silent)], minutes=30))
    second = incident_for(force_used(record, ["PC9999", sid(closed)], minutes=45))

    out = run(monkeypatch, 48)
    assert mailoutbox == []
    assert "Reminded 0 officer(s)" in out
    assert "Could not remind 3 officer(s); chase them:" in out
    assert (
        f"  PC9999 (no account for this staff number): 2 overdue: "
        f"{first.incident_ref}, {second.incident_ref}"
    ) in out
    assert (
        f"  {sid(silent)} {silent.get_full_name()} (no email address): 1 overdue: "
        f"{first.incident_ref}"
    ) in out
    assert f"  {sid(closed)} {closed.get_full_name()} (account closed)" in out


def test_nothing_is_sent_when_nothing_is_overdue(record, monkeypatch, mailoutbox):
    one = officer(1, "pc1@example.police.uk")
    done = incident_for(force_used(record, [sid(one)], minutes=30))
    submitted(one, done, f.NOW + dt.timedelta(hours=2))
    force_used(record, [sid(one)], minutes=60)  # due at 21:00 GMT tomorrow
    assert run(monkeypatch, 24.5).strip() == "No use of force reports are overdue."
    assert mailoutbox == []


def test_the_hours_allowed_are_a_setting_and_the_email_can_link_to_the_reports(
    record, monkeypatch, mailoutbox, settings
):
    settings.BRIDEWELL_FORCE_REPORT_DUE_HOURS = 4
    one = officer(1, "pc1@example.police.uk")
    force_used(record, [sid(one)], minutes=30)
    assert reminders.due_hours() == 4
    assert run(monkeypatch, 4).strip() == "No use of force reports are overdue."
    run(monkeypatch, 5, "--link-base", "https://bridewell.example.police.uk/")
    [mail] = mailoutbox
    assert "due within 4 hours" in mail.body
    assert "https://bridewell.example.police.uk/force/" in mail.body
