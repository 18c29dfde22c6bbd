"""URL routes: sign-in, the suite screens, the access log, use of force, insights and QA."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path

from bridewell.web import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("bridewell.accounts.urls")),
    path("", include("bridewell.custody.urls")),
    path("force/", include("bridewell.force.urls")),
    path("insights/", include("bridewell.insights.urls")),
    path("assurance/", include("bridewell.sampling.urls")),
    path("learning/", include("bridewell.learning.urls")),
]
