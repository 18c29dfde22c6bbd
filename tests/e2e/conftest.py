"""Browser journeys: Playwright driving Debian's chromium against a live server.

Playwright's own browser download is not used (it cannot reach its servers here); the test
script installs Debian's chromium. Every page a journey visits can be scanned with axe-core,
installed from npm at setup time.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import Page

from bridewell.rules.localtime import LONDON
from bridewell.web import clock

# Django's live server and Playwright's sync API share the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class _OneRequestAtATime(WSGIServer):
    """The live server, answering one request at a time.

    The test database is an in-memory SQLite database whose single connection the live server
    shares between threads; a browser fetching several chart images at once through a threaded
    server can deadlock on it. A deployment has a connection per thread and no such limit.
    """

    def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


LiveServerThread.server_class = _OneRequestAtATime

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def _plain_static_files(settings: Any) -> None:
    """The live server serves static files through the finders: no manifest needed."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    clock.reset()
    yield
    clock.reset()


def accessibility_problems(page: Page) -> list[str]:
    """Serious and critical WCAG 2.2 A/AA violations axe-core finds on the page as it is now."""
    # Evaluated through the DevTools protocol, so the page's strict Content Security Policy
    # (no inline script) stays on for everything the application itself does.
    page.evaluate(f"() => {{ {AXE.read_text()}\n; window.axe = axe; }}")
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def fill_time(page: Page, name: str, when: dt.datetime) -> None:
    """Fill in a GOV.UK date and time input (``UkDateTimeField``) with ``when`` in UK time."""
    local = when.astimezone(LONDON)
    page.locator(f"[name={name}_day]").fill(str(local.day))
    page.locator(f"[name={name}_month]").fill(str(local.month))
    page.locator(f"[name={name}_year]").fill(str(local.year))
    page.locator(f"[name={name}_time]").fill(f"{local:%H:%M}")


def sign_in(
    page: Page, base_url: str, username: str, password: str = "not-a-real-password-1"
) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
