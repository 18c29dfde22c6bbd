"""``manage.py send_force_reminders``: email officers their overdue use-of-force reports."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.urls import reverse

from bridewell.force import incidents, reminders
from bridewell.web import clock


class Command(BaseCommand):
    help = (
        "Email each officer the use of force reports they owe that are overdue (the custody "
        "record names them and they have not submitted a report within "
        "BRIDEWELL_FORCE_REPORT_DUE_HOURS, 24 by default), one email per officer, through "
        "EMAIL_BACKEND. Officers who cannot be emailed (no account for the staff number, or no "
        "email address) are printed so a custody manager can chase them. Run it once a day, "
        "for example from cron: 0 7 * * * manage.py send_force_reminders --link-base "
        "https://bridewell.example.police.uk"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--link-base",
            default="",
            metavar="URL",
            help="the site's address, to put a link to the officer's reports in each email",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        incidents.sync()
        now = clock.now()
        base = options["link_base"].rstrip("/")
        sent = reminders.send(now, f"{base}{reverse('force-mine')}" if base else "")
        if not sent.reminded and not sent.not_reminded:
            self.stdout.write("No use of force reports are overdue.")
            return
        count = sum(len(o.overdue) for o in sent.reminded)
        self.stdout.write(
            f"Reminded {len(sent.reminded)} officer(s) of {count} overdue use of force report(s)."
        )
        if sent.not_reminded:
            self.stdout.write(
                f"\nCould not remind {len(sent.not_reminded)} officer(s); chase them:\n"
            )
            for officer, why in sent.not_reminded:
                who = f"{officer.staff_id} {officer.name}" if officer.user else officer.staff_id
                refs = ", ".join(o.incident.incident_ref for o in officer.overdue)
                self.stdout.write(f"  {who} ({why}): {len(officer.overdue)} overdue: {refs}")
