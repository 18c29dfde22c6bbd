"""Who may see and do what: roles, suite scoping and the access log, checked on every view.

Views never look a custody record up themselves: they call :func:`record_for`, which checks the
user's suites, refuses with 404 what they may not see (so record ids cannot be probed), and
writes the access-log entry that DPA 2018 s.62 requires.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from bridewell.accounts.models import AccessLog, StaffProfile
from bridewell.accounts.roles import (
    FORCE_DASHBOARD,
    FORCE_REVIEW,
    INSIGHTS,
    QA_OVERSIGHT,
    RECORDS,
    ROLES,
    SEE_NAMES,
)
from bridewell.custody.models import CustodyRecord, Suite
from bridewell.rules import model as m

View = TypeVar("View", bound=Callable[..., HttpResponse])


def roles(user: User | AnonymousUser) -> frozenset[str]:
    """The user's roles, read once a request."""
    if not user.is_authenticated:
        return frozenset()
    cached: frozenset[str] | None = getattr(user, "_bridewell_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True)) & frozenset(ROLES)
        user._bridewell_roles = cached  # type: ignore[attr-defined]
    return cached


def profile(user: User) -> StaffProfile:
    try:
        return user.staff
    except StaffProfile.DoesNotExist:
        raise PermissionDenied("this account has no staff profile") from None


def suites(user: User | AnonymousUser) -> QuerySet[Suite]:
    if not user.is_authenticated:
        return Suite.objects.none()
    return Suite.objects.filter(staff__user=user)


def sees_names(user: User | AnonymousUser) -> bool:
    return bool(roles(user) & SEE_NAMES)


def may_record(user: User | AnonymousUser, event_type: str) -> bool:
    return any(event_type in RECORDS[role] for role in roles(user))


def actor(user: User) -> m.Actor:
    """The signed-in user as the ``by`` of an event."""
    staff = profile(user)
    return m.Actor(id=staff.staff_id, rank=staff.rank, role=staff.role)  # type: ignore[arg-type]


def role_required(*allowed: str) -> Callable[[View], View]:
    """Signed in, and holding one of ``allowed`` roles (any role when none are named)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            held = roles(request.user)
            if not held or (allowed and not held & set(allowed)):
                raise PermissionDenied("your role does not allow this")
            return view(request, *args, **kwargs)

        return login_required(guarded)  # type: ignore[return-value]

    return decorate


def suite_for(request: HttpRequest, code: str) -> Suite:
    """A suite the user works in; 404 for any other."""
    try:
        return suites(request.user).get(code=code)
    except Suite.DoesNotExist:
        raise Http404("no such suite") from None


def record_for(request: HttpRequest, record_id: str, purpose: str) -> CustodyRecord:
    """A record in one of the user's suites, with its read written to the access log."""
    user = request.user
    assert isinstance(user, User)
    try:
        record = CustodyRecord.objects.select_related("suite", "person", "cell").get(
            record_id=record_id, suite__in=suites(user)
        )
    except CustodyRecord.DoesNotExist:
        raise Http404("no such record") from None
    AccessLog.objects.create(
        user=user,
        record=record,
        purpose=purpose,
        view=request.resolver_match.view_name if request.resolver_match else request.path,
    )
    return record


def log_listed(request: HttpRequest, key: str, pks: Collection[int], purpose: str) -> None:
    """Log the records a list page shows, each once for as long as the page stays open.

    A list such as the custody board shows each detainee's name and state, so it consults their
    records; it is logged like any read. Its 20-second refreshes would add the same entries
    three times a minute, so the session remembers what this page (``key``) has already logged
    and a refresh logs only records that have newly appeared on it.
    """
    user = request.user
    assert isinstance(user, User)
    logged = set(request.session.get(key, ()))
    new = [pk for pk in pks if pk not in logged]
    if new:
        view = request.resolver_match.view_name if request.resolver_match else request.path
        AccessLog.objects.bulk_create(
            AccessLog(user=user, record_id=pk, purpose=purpose, view=view) for pk in new
        )
    if new or len(logged) != len(pks):
        request.session[key] = list(pks)


def context(request: HttpRequest) -> dict[str, Any]:
    """Template context: who is signed in and what they may see, and whether this is a demo."""
    user = request.user
    return {
        "demo": settings.BRIDEWELL_DEMO,
        "user_roles": roles(user),
        "user_role_labels": [ROLES[r].label for r in sorted(roles(user))],
        "user_suites": list(suites(user)) if user.is_authenticated else [],
        "sees_names": sees_names(user),
        "sees_force_review": bool(roles(user) & FORCE_REVIEW),
        "sees_force_dashboard": bool(roles(user) & FORCE_DASHBOARD),
        "sees_insights": bool(roles(user) & INSIGHTS),
        "sees_qa": bool(roles(user) & QA_OVERSIGHT),
    }
