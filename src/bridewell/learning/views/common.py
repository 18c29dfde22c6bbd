"""What the learning screens share: the signed-in user and the staff who can own work."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest

from bridewell.accounts import access
from bridewell.accounts.roles import QA_OVERSIGHT
from bridewell.learning import evidence, incidents
from bridewell.learning.forms import EvidenceForm
from bridewell.learning.models import Evidence


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def owners(user: User) -> list[User]:
    """People who may own an action or a recommendation: oversight staff of the user's suites."""
    return list(
        User.objects.filter(
            is_active=True,
            staff__suites__in=access.suites(user),
            groups__name__in=QA_OVERSIGHT,
        )
        .select_related("staff")
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


def closes(user: User) -> bool:
    """Custody managers close recommendations, learning actions and incidents."""
    return "custody_manager" in access.roles(user)


def evidence_form(request: HttpRequest, data: Any = None) -> EvidenceForm:
    """The form adding an evidence link, offering only the user's suites and incidents."""
    user = user_of(request)
    return EvidenceForm(data, suites=list(access.suites(user)), incidents=incidents.visible(user))


def evidence_rows(links: QuerySet[Evidence]) -> list[dict[str, Any]]:
    """Each evidence link with where it points, for ``learning/_evidence_list.html``."""
    return [
        {"item": e, "link": evidence.link(e)} for e in links.select_related("added_by", "incident")
    ]
