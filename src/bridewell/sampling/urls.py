"""Routes of dip sampling, included by the project under ``assurance/``."""

from __future__ import annotations

from django.urls import URLPattern, path

from bridewell.sampling import views

urlpatterns: list[URLPattern] = [
    path("", views.dashboard, name="dip-dashboard"),
    path("samples/draw/", views.draw, name="dip-draw"),
    path("samples/<int:pk>/", views.sample_page, name="dip-sample"),
    path("samples/<int:pk>/records/<str:record_id>/", views.checklist_page, name="dip-checklist"),
    path("samples/<int:pk>/records/<str:record_id>/check/", views.check_page, name="dip-check"),
    path("disputes/<int:pk>/", views.dispute_page, name="dip-dispute"),
]
