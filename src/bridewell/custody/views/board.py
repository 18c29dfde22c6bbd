"""The custody board: a suite's landing page, and the fragment htmx polls to keep it live.

Every role may see the board of a suite they work in (the scrutiny role sees pseudonymous ids,
not names). Showing a detainee on the board consults their record, so it is access-logged with
the purpose "custody board": once when the page opens, and then only for records that newly
appear on it as it refreshes.

The page sends back, with each poll, what it already shows: the order of its rows and the
overdue items it has announced. When the rows are unchanged the fragment updates their contents
out of band and leaves the rows (and the link that may hold keyboard focus) in place; only a
change of rows replaces the table, whose links keep their ids so htmx puts focus back.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Final

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.cache import never_cache
from django_htmx.http import HttpResponseClientRefresh

from bridewell.accounts.access import log_listed, role_required, sees_names, suite_for
from bridewell.custody import board as board_rows
from bridewell.web import clock

REFRESH_SECONDS: Final = 20
PURPOSE: Final = "custody board"


def _logged_key(code: str) -> str:
    return f"board-logged:{code}"


def _reload_when_signed_out(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """A poll after the session ends reloads the page (to the sign-in page) rather than
    swapping the sign-in form into the board."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.headers.get("HX-Request") == "true" and not request.user.is_authenticated:
            return HttpResponseClientRefresh()
        return view(request, *args, **kwargs)

    return guarded


@never_cache
@role_required()
def board(request: HttpRequest, code: str) -> HttpResponse:
    suite = suite_for(request, code)
    shown = board_rows.load(suite, clock.now(), names=sees_names(request.user))
    request.session.pop(_logged_key(code), None)
    log_listed(request, _logged_key(code), [row.pk for row in shown.rows], PURPOSE)
    context = {
        "suite": suite,
        "board": shown,
        "live": request.GET.get("updates") != "off",
        "refresh_seconds": REFRESH_SECONDS,
    }
    return render(request, "board/board.html", context)


@never_cache
@_reload_when_signed_out
@role_required()
def board_live(request: HttpRequest, code: str) -> HttpResponse:
    suite = suite_for(request, code)
    shown = board_rows.load(suite, clock.now(), names=sees_names(request.user))
    log_listed(request, _logged_key(code), [row.pk for row in shown.rows], PURPOSE)
    announced = frozenset(request.GET.get("overdue", "").split())
    context = {
        "suite": suite,
        "board": shown,
        "announcements": shown.newly_overdue(announced),
        "same_rows": request.GET.get("shown") == shown.shown,
        "refresh_seconds": REFRESH_SECONDS,
    }
    return render(request, "board/live.html", context)


urlpatterns: list[URLPattern] = [
    path("suites/<str:code>/board/", board, name="board"),
    path("suites/<str:code>/board/live/", board_live, name="board-live"),
]
