"""The landing page: staff go straight to their suite's board."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from bridewell.accounts.access import suites


@login_required
def home(request: HttpRequest) -> HttpResponse:
    mine = list(suites(request.user))
    if len(mine) == 1:
        return redirect("board", mine[0].code)
    return render(request, "home.html", {"suites": mine})
