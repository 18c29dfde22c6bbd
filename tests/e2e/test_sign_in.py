"""Signing in, and the sign-in page's accessibility."""

import pytest
from playwright.sync_api import Page, expect

from tests import factories as f
from tests.e2e.conftest import accessibility_problems, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_page_is_accessible(page: Page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading", name="Sign in to Bridewell")).to_be_visible()
    assert accessibility_problems(page) == []


def test_a_wrong_password_shows_the_error_summary(page: Page, live_server):
    f.staff("custody_officer", f.suite(), username="sgt")
    sign_in(page, live_server.url, "sgt", "wrong password")
    expect(page.get_by_role("alert")).to_contain_text("Enter a correct username and password")
    assert accessibility_problems(page) == []
