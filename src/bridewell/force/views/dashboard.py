"""The use-of-force dashboard: use of force in custody by suite, month and tactic, restraint
durations, and whether forms, reviews and CCTV reviews were done.

For custody managers, inspectors, superintendents and the scrutiny role, in their own suites,
for a period (by default the last 12 calendar months, this one included). It shows counts, never
a person or an officer, and reads no single custody record, so it writes nothing to the access
log. Each chart is an ``<img>`` of an SVG served by :func:`chart` for the same period, under a
policy of its own (see ``bridewell.web.charts``), with its numbers in a table beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Final

from django import forms
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.cache import never_cache

from bridewell.accounts.access import role_required, suites
from bridewell.accounts.roles import FORCE_DASHBOARD
from bridewell.custody.models import Suite
from bridewell.force import dashboard as figures
from bridewell.rules.localtime import LONDON, local_date
from bridewell.web import clock
from bridewell.web.charts import SVG_POLICY, Chart, Series
from bridewell.web.forms import UkDateField

MONTHS_SHOWN: Final = 12
MAX_MONTHS: Final = 36
"""The longest period shown: three years of months still make a readable chart."""


class Period(forms.Form):
    date_from = UkDateField(
        what="the ‘from’ date",
        label="From",
        help_text="For example, 1 4 2026",
        required=False,
    )
    date_to = UkDateField(
        what="the ‘to’ date",
        label="To",
        help_text="Force used on this day is included",
        required=False,
    )
    suite = forms.ChoiceField(label="Suite", required=False)

    def __init__(self, data: Any, mine: Sequence[Suite], today: dt.date) -> None:
        super().__init__(data)
        self.today = today
        choice = self.fields["suite"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [("", "All your suites"), *((s.code, s.name) for s in mine)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        since, until = data.get("date_from"), data.get("date_to")
        if since and not until and since > self.today:
            self.add_error("date_from", "The ‘from’ date must be today or in the past")
            return data
        until = until or self.today
        since = since or _months_back(until, MONTHS_SHOWN)
        if until < since:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
        elif (until.year - since.year) * 12 + until.month - since.month >= MAX_MONTHS:
            self.add_error("date_to", "The period can be at most 3 years")
        data["date_from"], data["date_to"] = since, until
        return data


def _months_back(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months - 1`` before ``day``'s, so ``months`` months end
    with ``day``'s own."""
    index = day.year * 12 + day.month - 1 - (months - 1)
    return dt.date(index // 12, index % 12 + 1, 1)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=LONDON).astimezone(dt.UTC)


def _scope(request: HttpRequest) -> tuple[Period, figures.Scope | None]:
    """The period form, and what it asks for when it is valid."""
    user = request.user
    assert isinstance(user, User)
    mine = list(suites(user))
    now = clock.now()
    form = Period(request.GET, mine, local_date(now))
    if not form.is_valid():
        return form, None
    wanted = form.cleaned_data
    shown = tuple(s for s in mine if s.code == wanted["suite"]) if wanted["suite"] else mine
    scope = figures.Scope(
        suites=tuple(shown),
        start=_midnight(wanted["date_from"]),
        end=_midnight(wanted["date_to"] + dt.timedelta(days=1)),
        now=now,
    )
    return form, scope


# The charts, each drawn from its section's figures


def suites_chart(volume: figures.Volume) -> Chart:
    return Chart(
        "uses of force per 1,000 detentions, by suite",
        [r.label for r in volume.suites],
        [Series("Per 1,000 detentions", [r.rate for r in volume.suites])],
        "Uses of force per 1,000 detentions",
    )


def months_chart(volume: figures.Volume) -> Chart:
    return Chart(
        "uses of force in custody, by month",
        [r.label for r in volume.months],
        [Series("Uses of force", [r.incidents for r in volume.months])],
        "Uses of force (incidents)",
        horizontal=False,
    )


def tactics_chart(rows: Sequence[figures.TacticRow]) -> Chart:
    return Chart(
        "tactics used in custody",
        [r.label for r in rows],
        [
            Series("Incidents", [r.incidents for r in rows]),
            Series("Officers' reports", [r.reports for r in rows]),
        ],
        "Number",
    )


def restraint_chart(rows: Sequence[figures.Durations]) -> Chart:
    timed = [r for r in rows if r.minutes]
    return Chart(
        "restraint durations",
        [r.label for r in timed],
        [
            Series("Median", [r.median for r in timed]),
            Series("90th percentile", [r.p90 for r in timed]),
        ],
        "Minutes",
    )


def governance_chart(governance: figures.Governance) -> Chart:
    shown = governance.suites
    return Chart(
        "forms, reviews and CCTV reviews, by suite",
        [o.label for o in shown],
        [
            Series("Every officer's form", [o.forms_complete.percent for o in shown]),
            Series("Reviewed within 7 days", [o.reviewed_on_time.percent for o in shown]),
            Series("CCTV reviewed", [o.cctv_reviewed.percent for o in shown]),
        ],
        "Percentage of uses of force",
        percent=True,
    )


CHARTS: Final[dict[str, Callable[[figures.Scope], Chart]]] = {
    "suites": lambda scope: suites_chart(figures.volume(scope)),
    "months": lambda scope: months_chart(figures.volume(scope)),
    "tactics": lambda scope: tactics_chart(figures.tactics(scope)),
    "restraint": lambda scope: restraint_chart(figures.restraints(scope)),
    "governance": lambda scope: governance_chart(figures.governance(scope)),
}


@never_cache
@role_required(*FORCE_DASHBOARD)
def dashboard(request: HttpRequest) -> HttpResponse:
    form, scope = _scope(request)
    context: dict[str, Any] = {"form": form, "scope": scope, "query": request.GET.urlencode()}
    if scope is not None and scope.suites:
        figures.prepare()
        volume = figures.volume(scope)
        tactics = figures.tactics(scope)
        restraints = figures.restraints(scope)
        governance = figures.governance(scope)
        context.update(
            first_day=local_date(scope.start),
            last_day=local_date(scope.end - dt.timedelta(microseconds=1)),
            volume=volume,
            tactics=tactics,
            restraints=[r for r in restraints if r.uses],
            governance=governance,
            charts={
                "suites": suites_chart(volume),
                "months": months_chart(volume),
                "tactics": tactics_chart(tactics),
                "restraint": restraint_chart(restraints),
                "governance": governance_chart(governance),
            },
        )
    return render(request, "force/dashboard/page.html", context)


@never_cache
@role_required(*FORCE_DASHBOARD)
def chart(request: HttpRequest, name: str) -> HttpResponse:
    """One chart of the dashboard as SVG, for the period and suites the page shows.

    The page has just brought incidents up to date; its five charts load at once, so they do
    not each take the database's write lock to do it again."""
    draw = CHARTS.get(name)
    if draw is None:
        raise Http404("no such chart")
    _, scope = _scope(request)
    if scope is None:
        return HttpResponseBadRequest(
            "correct the period on the dashboard", content_type="text/plain"
        )
    response = HttpResponse(draw(scope).svg(), content_type="image/svg+xml; charset=utf-8")
    response["Content-Security-Policy"] = SVG_POLICY
    return response


urlpatterns: list[URLPattern] = [
    path("dashboard/", dashboard, name="force-dashboard"),
    path("dashboard/charts/<slug:name>.svg", chart, name="force-dashboard-chart"),
]
