"""Routes of the custody screens; each area's views module owns its own patterns."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

from bridewell.custody.views import board, booking, events, record

urlpatterns: list[URLPattern | URLResolver] = [
    *board.urlpatterns,
    *record.urlpatterns,
    *events.urlpatterns,
    *booking.urlpatterns,
]
