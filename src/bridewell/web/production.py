"""Production settings: the development settings, made fit to face a network.

Use with ``DJANGO_SETTINGS_MODULE=bridewell.web.production``. What differs between deployments
comes from the environment, and the process refuses to start without a secret key or the host
names it serves rather than fall back to a development value:

- ``DJANGO_SECRET_KEY`` (required): a long random string, kept out of the repository.
- ``DJANGO_ALLOWED_HOSTS`` (required): host names, comma-separated.
- ``DATABASE_URL``: as in development; PostgreSQL in production (its trigger backs up the
  append-only rule for custody events).
- ``BRIDEWELL_BEHIND_TLS_PROXY=1``: trust ``X-Forwarded-Proto`` from a reverse proxy that ends
  TLS and strips that header from clients (otherwise every request would be redirected).
- ``DJANGO_LOG_LEVEL``: ``INFO`` by default; logs go to standard error.

``manage.py collectstatic`` must be run at deployment: static files are served by WhiteNoise
from compressed copies whose names carry a hash of their content, so browsers cache them for
good and a new release is never mixed with an old stylesheet.
"""

from __future__ import annotations

import os
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from bridewell.web.settings import *  # noqa: F403


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"set {name} in the environment to run with production settings")
    return value


DEBUG = False
SECRET_KEY = _required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]

# HTTPS only, and browsers told to remember it for a year (the preload directive has no effect
# until the domain is submitted to the browsers' preload list, which is a deployment decision).
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if os.environ.get("BRIDEWELL_BEHIND_TLS_PROXY") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Record numbers appear in URLs: never send them to another site.
SECURE_REFERRER_POLICY = "same-origin"

STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO").upper()
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": _LEVEL, "propagate": False},
        # Refused hosts, bad CSRF tokens and suspicious operations: always worth seeing.
        "django.security": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        # Failed sign-ins and lockouts.
        "axes": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "bridewell": {"handlers": ["stderr"], "level": _LEVEL, "propagate": False},
    },
}
