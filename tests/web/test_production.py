"""Production settings: Django's deployment checks pass, and pages go out with a strict CSP.

Each test runs Django in a process of its own, because production settings are read once, at
start-up, from the environment.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bridewell.web.security import POLICY

ROOT = Path(__file__).resolve().parents[2]
SECRET = "test-only-" + "k7Qw9zR2xV5mN8pL3sT6yB1cF4hJ0dG" * 2


def django(tmp_path, *args, code=None, **env):
    # The browser journeys relax async safety in this process; a deployment never inherits that.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environ = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "bridewell.web.production",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **env,
    }
    command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
    return subprocess.run(
        command, cwd=ROOT, env=environ, capture_output=True, text=True, check=False
    )


def test_the_deployment_checks_pass(tmp_path):
    result = django(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="custody.example.police.uk",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "env"),
    [
        ("DJANGO_SECRET_KEY", {"DJANGO_ALLOWED_HOSTS": "custody.example.police.uk"}),
        ("DJANGO_ALLOWED_HOSTS", {"DJANGO_SECRET_KEY": SECRET}),
    ],
)
def test_refuses_to_start_without_its_secret_or_hosts(tmp_path, missing, env):
    environ = {k: v for k, v in os.environ.items() if k != missing}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**environ, "DJANGO_SETTINGS_MODULE": "bridewell.web.production", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert f"set {missing} in the environment to run with production settings" in result.stderr


PAGE = """
import json, re, sys
import django
from django.conf import settings
django.setup()
settings.STATIC_ROOT = sys.argv[1]
from django.core.management import call_command
from django.test import Client
call_command("collectstatic", "--noinput", verbosity=0)
client = Client()
page = client.get("/accounts/login/", secure=True)
plain = client.get("/accounts/login/")
html = page.content.decode()
print(json.dumps({
    "status": page.status_code,
    "headers": dict(page.headers),
    "cookies": {name: str(morsel) for name, morsel in page.cookies.items()},
    "plain": [plain.status_code, plain.headers.get("Location")],
    "scripts": re.findall(r"<script\\b[^>]*>", html),
    "styles": re.findall(r"<style\\b|\\sstyle=", html),
    "static": re.findall(r'(?:src|href)="(/static/[^"]+)"', html),
}))
"""


@pytest.mark.slow
def test_pages_carry_a_strict_content_security_policy_and_hashed_static_files(tmp_path):
    result = django(
        tmp_path,
        code=PAGE.replace("sys.argv[1]", repr(str(tmp_path / "static"))),
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="testserver",
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["status"] == 200
    headers = seen["headers"]
    assert headers["Content-Security-Policy"] == POLICY
    assert "script-src 'self';" in POLICY
    assert "style-src 'self';" in POLICY
    assert "unsafe-inline" not in POLICY
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "; Secure" in seen["cookies"]["csrftoken"]
    # Plain HTTP is redirected to HTTPS.
    assert seen["plain"] == [301, "https://testserver/accounts/login/"]
    # Nothing inline for the policy to block: every script is a file, there is no inline style.
    assert seen["scripts"]
    assert all(" src=" in tag for tag in seen["scripts"])
    assert seen["styles"] == []
    # Static files come from WhiteNoise's manifest, with a content hash in their names.
    assert seen["static"]
    assert all(len(name.rsplit(".", 2)[-2]) == 12 for name in seen["static"])
