"""Accounts screens (being built)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from bridewell.accounts.access import role_required


@role_required("custody_manager")
def access_log(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
