"""URL routes. The custody suite screens arrive with the web application issue."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
