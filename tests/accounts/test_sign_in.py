"""Signing in: Argon2 password hashes, and lockout after repeated failures (django-axes)."""

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
PASSWORD = "not-a-real-password-1"  # the factories' password


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.fixture
def sergeant():
    return f.staff("custody_officer", f.suite(), username="sgt.fenwhistle")


def test_passwords_are_stored_as_argon2_hashes(sergeant):
    assert sergeant.password.startswith("argon2$argon2id$")


def test_the_right_password_signs_in(client, sergeant):
    response = sign_in(client, "sgt.fenwhistle", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(sergeant.pk)


def test_a_wrong_password_is_explained_without_saying_which_part_was_wrong(client, sergeant):
    response = sign_in(client, "sgt.fenwhistle", "wrong")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter a correct username and password" in html
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_account_even_against_the_right_password(client, sergeant):
    for _ in range(5):
        sign_in(client, "sgt.fenwhistle", "guess")
    response = sign_in(client, "sgt.fenwhistle", PASSWORD)
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock_and_success_resets_the_count(client, sergeant):
    for _ in range(4):
        sign_in(client, "sgt.fenwhistle", "guess")
    assert sign_in(client, "sgt.fenwhistle", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "sgt.fenwhistle", "guess")
    assert sign_in(client, "sgt.fenwhistle", PASSWORD).status_code == 302


def test_a_locked_account_does_not_lock_out_colleagues(client, sergeant):
    colleague = f.staff("detention_officer", f.suite(), username="do.marrowby")
    for _ in range(5):
        sign_in(client, "sgt.fenwhistle", "guess")
    assert sign_in(client, "do.marrowby", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)
