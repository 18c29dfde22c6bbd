"""Routes of the accounts screens."""

from __future__ import annotations

from django.urls import URLPattern, path

from bridewell.accounts import views

urlpatterns: list[URLPattern] = [
    path("access-log/", views.access_log, name="access-log"),
]
