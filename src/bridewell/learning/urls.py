"""Routes of the incident register and the recommendation tracker (under ``learning/``)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

from bridewell.learning.views import incidents, recommendations

urlpatterns: list[URLPattern | URLResolver] = [
    *incidents.urlpatterns,
    *recommendations.urlpatterns,
]
