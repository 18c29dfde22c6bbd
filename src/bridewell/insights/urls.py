"""Routes of the insights screens, included by the site under ``insights/``."""

from __future__ import annotations

from django.urls import URLPattern, path, re_path

from bridewell.insights import views

urlpatterns: list[URLPattern] = [
    path("", views.dashboard, name="insights"),
    path("kpi/<str:kpi_id>/", views.definition, name="insights-kpi"),
    path("charts/<str:kpi_id>.svg", views.chart, name="insights-chart"),
    re_path(
        r"^(?P<month>\d{4}-\d{2})/(?P<code>[^/]+)/(?P<kpi_id>[^/]+)/$",
        views.records,
        name="insights-records",
    ),
]
