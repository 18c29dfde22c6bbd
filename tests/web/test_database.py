"""The Django project runs on whichever database DATABASE_URL names (SQLite by default)."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db


def test_uses_the_configured_database():
    url = os.environ.get("DATABASE_URL", "")
    assert connection.vendor == ("postgresql" if url.startswith("postgres") else "sqlite")


def test_migrations_apply_and_passwords_use_argon2():
    user = get_user_model().objects.create_user("sergeant", password="correct horse battery")
    assert user.password.startswith("argon2$")
    assert user.check_password("correct horse battery")


def test_system_checks_pass():
    call_command("check", fail_level="WARNING")
