"""Django settings for development, tests and the demo: SQLite by default, PostgreSQL via
DATABASE_URL. Production overrides are in ``bridewell.web.production``."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[3]

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "axes",
    "bridewell.custody",
    "bridewell.accounts",
    "bridewell.force",
    "bridewell.insights",
    "bridewell.sampling",
    "bridewell.learning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The strict policy production sends, in development and browser tests too, so an inline
    # script or style is caught long before it could be deployed.
    "bridewell.web.security.content_security_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "bridewell.web.urls"
# Form widgets render from the project's templates (the GOV.UK date-time widget lives there).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "bridewell.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "src" / "bridewell" / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bridewell.accounts.access.context",
            ],
            "builtins": ["bridewell.web.templatetags.ukt"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging lets the board read while an event is being written, and commits
    # without waiting for the disk twice; a power cut can lose the last moments, not the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = 12 * 60 * 60  # one custody shift

# Lock an account for 15 minutes after 5 failed sign-ins from the same place.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Compiled from npm packages by scripts/assets.sh at setup time; never committed.
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shown in the header so nobody mistakes demo data for real custody records.
BRIDEWELL_DEMO = os.environ.get("BRIDEWELL_DEMO", "0") == "1"

# Reminders to officers who owe use-of-force reports (manage.py send_force_reminders). Printed to
# the console unless a deployment names a real backend (for example Django's SMTP backend, with
# EMAIL_HOST and friends).
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "bridewell@localhost")
# A report is overdue this long after force was used.
BRIDEWELL_FORCE_REPORT_DUE_HOURS = 24
# Records drawn per suite per week for dip sampling (manage.py draw_dip_samples, weekly); at least
# 6, so that every stratum (children, vulnerable adults, s.136, force, strip search, over 24 h)
# can be represented.
BRIDEWELL_DIP_SAMPLE_SIZE = int(os.environ.get("BRIDEWELL_DIP_SAMPLE_SIZE", "10"))
# Days from an adverse incident to its review being due: a local choice, not a national standard
# (docs/incidents-and-recommendations.md).
BRIDEWELL_INCIDENT_REVIEW_DAYS = int(os.environ.get("BRIDEWELL_INCIDENT_REVIEW_DAYS", "7"))
