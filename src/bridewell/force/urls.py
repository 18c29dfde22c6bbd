"""Routes of the use-of-force screens; each area's views module owns its own patterns."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

from bridewell.force.views import dashboard, officer, review

urlpatterns: list[URLPattern | URLResolver] = [
    *officer.urlpatterns,
    *review.urlpatterns,
    *dashboard.urlpatterns,
]
