"""Benchmark: the custody board against a trivial page (the sign-in form), in one run.

    .venv/bin/python bench/board.py [--records 40] [--requests 30]

Builds a throwaway test database (Django's test database machinery: a temporary SQLite file,
or a throwaway PostgreSQL database when DATABASE_URL names one), then loads a suite with
``--records`` open records of about 100 events each: long synthetic detentions cut off after
their hundredth event and moved in time so that each is still in custody now, imported through
``custody.records.import_record``. A second suite holds a quarter as many, to show that the
number of SQL queries does not grow with the number of records.

It then times, with Django's test Client in this process (middleware, view, queries,
templates), the board page, the htmx poll that refreshes it, and the sign-in page, interleaved
``--requests`` times, and prints the median of each, their ratio to the sign-in page, and the
number of queries. Timings vary between machines; the ratio is what to compare.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import django
import msgspec

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bridewell.web.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    teardown_databases,
)
from django.urls import reverse  # noqa: E402

from bridewell.accounts.models import StaffProfile  # noqa: E402
from bridewell.custody import records  # noqa: E402
from bridewell.custody.models import Cell, CustodyRecord, Suite  # noqa: E402
from bridewell.rules import model as m  # noqa: E402
from bridewell.synth import SynthOptions, generate  # noqa: E402
from bridewell.web import clock  # noqa: E402

EVENTS = 100
START = dt.date(2026, 1, 5)
TIME_FIELDS = ("at", "recorded_at", "until")
HTMX = {"HX-Request": "true"}


def _shift(value: Any, by: dt.timedelta) -> Any:
    """Every instant in an event (and in a correction's replacement) moved by ``by``."""
    if isinstance(value, dict):
        return {
            k: (
                (dt.datetime.fromisoformat(v) + by).isoformat()
                if k in TIME_FIELDS and isinstance(v, str)
                else _shift(v, by)
            )
            for k, v in value.items()
        }
    return value


def open_records(count: int, suite: str, now: dt.datetime) -> Iterator[m.Record]:
    """Synthetic detentions still in custody at ``now`` with about ``EVENTS`` events each."""
    made = 0
    options = SynthOptions(records=20 * count + 2000, start=START, seed=11, suites=6)
    for record, _ in generate(options):
        events = sorted(record.events, key=lambda e: e.at)
        if len(events) <= EVENTS:
            continue
        cut = events[EVENTS - 1].at
        # Each record is cut a few minutes apart, so the board has a spread of due times.
        by = now - dt.timedelta(minutes=7 * made) - cut
        kept = [
            _shift(msgspec.to_builtins(e), by)
            for e in record.events
            if e.at <= cut and (e.recorded_at or e.at) <= cut
        ]
        data = msgspec.to_builtins(record)
        data.update(record_id=f"{suite}-{made + 1:04d}", suite=suite, events=kept)
        try:
            decoded = m.record_decoder.decode(msgspec.json.encode(data))
        except msgspec.ValidationError:
            continue
        if m.semantic_errors(decoded):
            continue
        made += 1
        yield decoded
        if made == count:
            return


def load_suite(code: str, count: int, now: dt.datetime) -> int:
    """Import ``count`` open records into suite ``code``, one to a cell; the events held."""
    events = 0
    for n, decoded in enumerate(open_records(count, code, now), start=1):
        record = records.import_record(decoded, now=now)
        suite = record.suite
        cell, _ = Cell.objects.get_or_create(suite=suite, name=f"C{n}")
        CustodyRecord.objects.filter(pk=record.pk).update(cell=cell)
        events += record.last_seq
    held = CustodyRecord.objects.filter(suite__code=code, is_open=True).count()
    if held != count:
        sys.exit(f"only {held} of {count} records are open in {code}")
    return events


def sergeant(*codes: str) -> User:
    user = User.objects.create_user("bench-sergeant", password="not-a-real-password-1")
    user.groups.add(Group.objects.get_or_create(name="custody_officer")[0])
    staff = StaffProfile.objects.create(
        user=user, staff_id="S9999", rank="sergeant", role="custody_officer"
    )
    staff.suites.set(Suite.objects.filter(code__in=codes))
    return user


def page_state(client: Client, url: str) -> dict[str, str]:
    """What the board page sends back with each poll: its rows and what it has announced."""
    page = client.get(url).content.decode()
    return dict(re.findall(r'name="(shown|overdue)" value="([^"]*)"', page))


def timed(
    client: Client, url: str, data: dict[str, str] | None = None, htmx: bool = False
) -> float:
    started = time.perf_counter()
    response = client.get(url, data, headers=HTMX if htmx else None)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}")
    return elapsed


def queries(
    client: Client, url: str, data: dict[str, str] | None = None, htmx: bool = False
) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url, data, headers=HTMX if htmx else None)
    return len(captured)


def measure(records_count: int, requests: int) -> None:
    now = clock.now()
    started = time.perf_counter()
    events = load_suite("BENCH", records_count, now)
    small = max(1, records_count // 4)
    load_suite("SMALL", small, now)
    print(
        f"suite BENCH: {records_count} open records, {events:,} events "
        f"({events / records_count:.0f} a record); loaded in {time.perf_counter() - started:.1f} s"
    )
    staff, anonymous = Client(), Client()
    staff.force_login(sergeant("BENCH", "SMALL"))
    board, live = reverse("board", args=["BENCH"]), reverse("board-live", args=["BENCH"])
    login = reverse("login")
    # Warm up: templates compiled, any record whose deadline passed since loading re-assessed.
    for _ in range(3):
        timed(staff, board)
        timed(staff, live, htmx=True)
        timed(anonymous, login)
    # A poll from an open board: the same rows, so their contents are updated in place.
    state = page_state(staff, board)
    times: dict[str, list[float]] = {"board": [], "poll": [], "login": []}
    for _ in range(requests):
        times["login"].append(timed(anonymous, login))
        times["board"].append(timed(staff, board))
        times["poll"].append(timed(staff, live, state, htmx=True))
    median = {name: statistics.median(values) * 1000 for name, values in times.items()}
    counts = {
        "board": queries(staff, board),
        "poll": queries(staff, live, state, htmx=True),
        "login": queries(anonymous, login),
        "small board": queries(staff, reverse("board", args=["SMALL"])),
        "small poll": queries(staff, reverse("board-live", args=["SMALL"]), state, htmx=True),
    }
    print(f"median of {requests} requests (ms), SQL queries:")
    print(f"  sign-in page (baseline): {median['login']:7.1f} ms  {counts['login']:3d} queries")
    for name in ("board", "poll"):
        ratio = median[name] / median["login"]
        print(
            f"  {'board page' if name == 'board' else 'board poll (htmx)':23s}: "
            f"{median[name]:7.1f} ms  {counts[name]:3d} queries  ({ratio:.1f}× the sign-in page)"
        )
    print(
        f"  queries with {small} records instead of {records_count}: "
        f"board {counts['small board']}, poll {counts['small poll']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--records", type=int, default=40)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="No directory at")
    # As served: no debug query log, and no test instrumentation of template rendering.
    settings.DEBUG = False
    with tempfile.TemporaryDirectory() as tmp:
        if connection.vendor == "sqlite":
            connection.settings_dict["TEST"]["NAME"] = str(Path(tmp) / "bench.sqlite3")
        databases = setup_databases(verbosity=0, interactive=False)
        try:
            measure(args.records, args.requests)
        finally:
            teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
