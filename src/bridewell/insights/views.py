"""The insights screens: the KPI dashboard, a KPI's definition and trend, and the records
behind a figure.

Figures come from the stored snapshot (``insights.snapshot``), never computed on a page load. The
dashboard and definition pages are for the ``INSIGHTS`` roles and show counts only, so they read
no record and log nothing. The scrutiny role (the PCC panel's view inside the force) sees counts
below the suppression threshold as "fewer than 10", and numbers that would give one away by
subtraction hidden too, as the published scrutiny pack does; it gets no drill-down (403), since
that lists records. Drill-down is for ``INSIGHTS_RECORDS`` roles, lists only records in the
user's suites, and logs every record it lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from bridewell.accounts.access import (
    log_listed,
    role_required,
    roles,
    sees_names,
    suite_for,
    suites,
)
from bridewell.accounts.roles import INSIGHTS, INSIGHTS_RECORDS
from bridewell.custody.models import CustodyRecord, Suite
from bridewell.insights import snapshot as snapshots
from bridewell.insights.kpis import BY_ID, CATALOGUE, CONVENTIONS, Kpi
from bridewell.insights.kpis_command import hours
from bridewell.insights.models import Snapshot
from bridewell.insights.monthly import KpiValue
from bridewell.insights.suppression import DEFAULT_THRESHOLD, Shown, Suppressed, suppress, text
from bridewell.rules.localtime import LONDON, month_name, short_month
from bridewell.web.charts import SVG_POLICY, Chart, Series

FORCE: Final = "force"
"""The suite filter's value for force-wide figures (every suite)."""
MONTHS_SHOWN: Final = 13
PER_PAGE: Final = 50
PURPOSE: Final = "insights drill-down"

FAMILIES: Final = (
    ("throughput", "Throughput and demographics", ("K-T1", "K-T2", "K-T3")),
    ("time-in-custody", "Time in custody", ("K-T4",)),
    ("reviews", "Reviews", ("K-P",)),
    ("rights", "Rights and appropriate adults", ("K-L",)),
    ("children", "Children", ("K-CH",)),
    ("s136", "Section 136 (mental health)", ("K-MH",)),
    ("risk", "Risk and checks", ("K-RK", "K-DC")),
    ("strip-search", "Strip search and clothing removal", ("K-SS", "K-CR")),
    ("force", "Use of force", ("K-UF",)),
    ("health", "Health care", ("K-H",)),
    ("release", "Release", ("K-RL",)),
    ("data-quality", "Data quality", ("K-DQ",)),
    ("findings", "Findings by rule", ("K-FR",)),
)
"""Dashboard sections: each KPI is in the first family one of whose prefixes starts its id."""

HEADLINES: Final = ("K-T1", "K-T4", "K-P1", "K-SS1", "K-UF1")
"""KPIs with a 13-month trend chart on the dashboard."""


def family(kpi: Kpi) -> str:
    for slug, _, prefixes in FAMILIES:
        if kpi.id.startswith(prefixes):
            return slug
    raise LookupError(f"{kpi.id} is in no dashboard section")


def month_label(month: str) -> str:
    if not month:
        return "Month not known"
    year, number = month.split("-")
    return month_name(int(year), int(number))


def _short_label(month: str) -> str:
    year, number = month.split("-")
    return short_month(int(year), int(number))


def _previous(month: str) -> str:
    year, number = (int(p) for p in month.split("-"))
    index = year * 12 + number - 2
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _trail(month: str, n: int = MONTHS_SHOWN) -> list[str]:
    """``n`` months ending with ``month``, oldest first."""
    out = [month]
    while len(out) < n:
        out.append(_previous(out[-1]))
    return out[::-1]


# How a figure reads: in full, or suppressed for the scrutiny role


@dataclass(frozen=True)
class Reading:
    """One KPI value as a person reads it: the headline and the numbers beside it."""

    value: str
    detail: str = ""
    parts: tuple[tuple[str, str], ...] = ()
    chart: float | None = None


Entry = Shown[int] | Suppressed


@dataclass(frozen=True)
class Published:
    """For each table a KPI publishes, one row's entries and its total after suppression;
    ``keys`` name a breakdown's columns."""

    tables: tuple[tuple[tuple[Entry, ...], Entry], ...]
    keys: tuple[str, ...] = ()

    def entry(self, table: int = 0, column: int = 0) -> Entry:
        return self.tables[table][0][column]


def _rows(kpi: Kpi, v: KpiValue | None, keys: Sequence[str]) -> list[list[int]]:
    """What one cell puts in each table the KPI publishes: a rate's numerator and the rest of
    its denominator (one table, the denominator its total); events per detention and their
    detentions (two tables: the events are not a part of the detentions); a duration's n; a
    breakdown's parts (in ``keys`` order); a count."""
    num, den, n = (v.numerator, v.denominator, v.n) if v else (0, 0, 0)
    if kpi.kind == "rate":
        return [[num, den - num]]
    if kpi.kind in ("per100", "per1000"):
        return [[num], [den]]
    if kpi.kind == "duration":
        return [[n]]
    if kpi.kind == "breakdown":
        return [[v.parts[k].count if v and k in v.parts else 0 for k in keys]]
    return [[num]]


def published(
    kpi: Kpi,
    suites: dict[str, KpiValue | None],
    suite: str | None,
    threshold: int = DEFAULT_THRESHOLD,
) -> Published | None:
    """What may be published of ``suite``'s figure (None: force-wide) when every suite's is
    published beside it: each table is suites × columns with its totals, the column totals
    being the force-wide figures, so no small count can be worked out by subtracting one
    suite's figure from the force's or one column from its total. None when nothing was
    counted (every entry would be zero)."""
    codes = sorted(suites)
    keys = sorted({k for v in suites.values() if v for k in v.parts})
    if not codes or (kpi.kind == "breakdown" and not keys):
        return None
    per_suite = [_rows(kpi, suites[c], keys) for c in codes]
    tables = []
    for t in range(len(per_suite[0])):
        table = suppress([rows[t] for rows in per_suite], threshold)
        if suite is None:
            tables.append((table.column_totals, table.grand_total))
        else:
            i = codes.index(suite)
            tables.append((table.cells[i], table.row_totals[i]))
    return Published(tuple(tables), tuple(keys))


def _text(cell: Entry, threshold: int) -> str:
    return text(cell, threshold)


def reading(
    kpi: Kpi,
    v: KpiValue | None,
    shown: Published | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> Reading:
    """``v`` as text: in full, or as ``shown`` (see :func:`published`) publishes it, counts from
    1 to ``threshold - 1`` being "fewer than 10" and numbers that would give one away "not
    shown", with any rate or median built on a small count."""
    if v is None:
        # No record counted in the cell: a count is a true zero, a rate or median has none.
        if kpi.kind in ("count", "breakdown"):
            return Reading("0", "no records", chart=0.0)
        return Reading("No records")
    if kpi.kind == "duration":
        if v.median is None or v.p90 is None:
            return Reading("No records", "n = 0")
        n = shown.entry() if shown else Shown(v.n)
        if isinstance(n, Suppressed) and n.reason == "small":
            return Reading("Not shown", f"n = {_text(n, threshold)}: median and P90 not shown")
        return Reading(
            f"{hours(v.median)} median",
            f"P90 {hours(v.p90)} (h:mm); n = {_text(n, threshold)}",
            chart=round(v.median / 60, 1),
        )
    if kpi.kind in ("rate", "per100", "per1000"):
        num: Entry = Shown(v.numerator)
        den: Entry = Shown(v.denominator)
        if shown and kpi.kind == "rate":
            num, den = shown.entry(), shown.tables[0][1]
        elif shown:
            num, den = shown.entry(), shown.entry(table=1)
        ratio = f"{_text(num, threshold)} of {_text(den, threshold)}"
        if v.value is None:
            return Reading("No records", ratio)
        if not isinstance(num, Shown) or not isinstance(den, Shown):
            return Reading("Not shown", ratio)
        if kpi.kind == "rate":
            return Reading(f"{v.value:,.1f}%", ratio, chart=v.value)
        per = "100" if kpi.kind == "per100" else "1,000"
        return Reading(f"{v.value:,.1f} per {per} detentions", ratio, chart=v.value)
    if kpi.kind == "breakdown" and v.parts:
        if shown:
            entries, total = shown.tables[0]
            by_key = dict(zip(shown.keys, entries, strict=True))
        else:
            total = Shown(v.numerator)
            by_key = {k: Shown(p.count) for k, p in v.parts.items()}
        return Reading(
            _text(total, threshold),
            parts=tuple((k, _text(by_key[k], threshold)) for k in v.parts),
            chart=float(total.value) if isinstance(total, Shown) else None,
        )
    cell = shown.entry() if shown else Shown(v.numerator)
    return Reading(
        _text(cell, threshold), chart=float(v.numerator) if isinstance(cell, Shown) else None
    )


# Filters: which snapshot, suite and month a page shows


@dataclass
class Scope:
    """What a page shows: the snapshot, month and suite (None: force-wide), the user's suites,
    whether figures are suppressed (roles that may not see records: scrutiny) and whether
    figures link to their records."""

    snapshot: Snapshot
    months: list[str]
    month: str
    suite: Suite | None
    mine: list[Suite]
    suppressed: bool
    drills: bool
    incomplete: str
    """The snapshot's own month, not complete when the figures were computed."""

    @property
    def code(self) -> str:
        return self.suite.code if self.suite else FORCE

    @property
    def where(self) -> str:
        return self.suite.name if self.suite else "Force-wide (every suite)"


def _evaluated_month(s: Snapshot) -> str:
    local = s.evaluated_at.astimezone(LONDON)
    return f"{local.year:04d}-{local.month:02d}"


def _default_month(months: Sequence[str], current: str) -> str:
    """The latest complete month: the one before the snapshot's own, or the newest there is."""
    dated = [m for m in months if m]
    complete = [m for m in dated if m < current]
    return (complete or dated or [_previous(current)])[-1]


def _suite(request: HttpRequest, code: str) -> Suite | None:
    if code in ("", FORCE):
        return None
    return suite_for(request, code)


def _scope(request: HttpRequest, s: Snapshot, month: str | None, code: str) -> Scope:
    user = request.user
    assert isinstance(user, User)
    held = roles(user)
    months = [m for m in snapshots.months(s) if m]
    current = _evaluated_month(s)
    if month is None or month == "":
        month = _default_month(months, current)
    elif month not in months:
        raise Http404("no figures for that month")
    return Scope(
        snapshot=s,
        months=months,
        month=month,
        suite=_suite(request, code),
        mine=list(suites(user)),
        suppressed=not held & INSIGHTS_RECORDS,
        drills=bool(held & INSIGHTS_RECORDS),
        incomplete=current,
    )


def _query(scope: Scope, **more: str) -> str:
    return urlencode({"suite": scope.code, "month": scope.month, **more})


# Pages


@dataclass(frozen=True)
class Figure:
    kpi: Kpi
    now: Reading
    before: Reading
    drill: str


def _has_records(kpi: Kpi, v: KpiValue | None) -> bool:
    """Whether records are behind ``v`` (the dashboard's figures carry counts, not ids)."""
    if v is None:
        return False
    exceptions = kpi.kind == "rate" and v.denominator > v.numerator
    return v.numerator > 0 or v.n > 0 or exceptions


def _drill_url(scope: Scope, kpi: Kpi, v: KpiValue | None) -> str:
    if not scope.drills or not _has_records(kpi, v):
        return ""
    return reverse("insights-records", args=[scope.month, scope.code, kpi.id])


def _chart(kpi: Kpi, trend: Sequence[tuple[str, Reading]]) -> Chart:
    axis = {
        "rate": "Percentage",
        "per100": "Per 100 detentions",
        "per1000": "Per 1,000 detentions",
        "duration": "Hours (median)",
    }.get(kpi.kind, "Number")
    return Chart(
        f"{kpi.title.lower()} ({kpi.id}), by month",
        [_short_label(m) for m, _ in trend],
        [Series(kpi.title, [r.chart for _, r in trend])],
        axis,
        horizontal=False,
        percent=kpi.kind == "rate",
    )


class Figures:
    """The snapshot's figures for the months a page shows, read as the user may see them: in
    full, or (scrutiny) suppressed together with every other suite's figure of the month."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.target = scope.suite.code if scope.suite else None
        first = scope.months[0] if scope.months else scope.month
        self.trail = [m for m in _trail(scope.month) if m >= first]
        """Up to 13 months ending with the chosen one, from the first month with records (a
        force's history may begin later than 13 months ago)."""
        months = {*self.trail, scope.month, _previous(scope.month)}
        wanted = None if scope.suppressed else [self.target]
        self.cells = snapshots.figures(scope.snapshot, months, wanted)

    def value(self, month: str, kpi: Kpi) -> KpiValue | None:
        return self.cells.get((month, self.target), {}).get(kpi.id)

    def read(self, month: str, kpi: Kpi) -> Reading:
        shown = None
        if self.scope.suppressed:
            suites: dict[str, KpiValue | None] = {
                code: values.get(kpi.id)
                for (m, code), values in self.cells.items()
                if m == month and code is not None
            }
            if self.target is not None:
                suites.setdefault(self.target, None)
            shown = published(kpi, suites, self.target)
        return reading(kpi, self.value(month, kpi), shown)

    def trend(self, kpi: Kpi) -> list[tuple[str, Reading]]:
        return [(m, self.read(m, kpi)) for m in self.trail]


def _no_snapshot(request: HttpRequest) -> HttpResponse:
    return render(request, "insights/dashboard/no_snapshot.html", status=200)


def _common(scope: Scope) -> dict[str, Any]:
    return {
        "scope": scope,
        "threshold": DEFAULT_THRESHOLD,
        "month_label": month_label(scope.month),
        "month_choices": [
            (m, month_label(m) + (" (incomplete)" if m >= scope.incomplete else ""))
            for m in reversed(scope.months)
        ],
        "invalid": len(scope.snapshot.invalid),
    }


@never_cache
@role_required(*INSIGHTS)
def dashboard(request: HttpRequest) -> HttpResponse:
    s = snapshots.latest()
    if s is None:
        return _no_snapshot(request)
    scope = _scope(request, s, request.GET.get("month"), request.GET.get("suite", FORCE))
    shown = Figures(scope)
    previous = _previous(scope.month)
    sections = []
    for slug, title, _ in FAMILIES:
        figures = [
            Figure(
                kpi,
                shown.read(scope.month, kpi),
                shown.read(previous, kpi),
                _drill_url(scope, kpi, shown.value(scope.month, kpi)),
            )
            for kpi in CATALOGUE
            if family(kpi) == slug
        ]
        charts = []
        for kpi in (f for f in figures if f.kpi.id in HEADLINES):
            trend = shown.trend(kpi.kpi)
            charts.append(
                {
                    "kpi": kpi.kpi,
                    "chart": _chart(kpi.kpi, trend),
                    "trend": [(month_label(m), r) for m, r in trend],
                    "src": reverse("insights-chart", args=[kpi.kpi.id]) + "?" + _query(scope),
                }
            )
        sections.append({"slug": slug, "title": title, "figures": figures, "charts": charts})
    context = _common(scope) | {
        "sections": sections,
        "previous_label": month_label(_previous(scope.month)),
    }
    return render(request, "insights/dashboard/page.html", context)


@never_cache
@role_required(*INSIGHTS)
def chart(request: HttpRequest, kpi_id: str) -> HttpResponse:
    """One KPI's 13 months as SVG, for the suite and month the page shows, under its own CSP."""
    kpi = BY_ID.get(kpi_id)
    s = snapshots.latest()
    if kpi is None or s is None:
        raise Http404("no such chart")
    scope = _scope(request, s, request.GET.get("month"), request.GET.get("suite", FORCE))
    response = HttpResponse(
        _chart(kpi, Figures(scope).trend(kpi)).svg(), content_type="image/svg+xml; charset=utf-8"
    )
    response["Content-Security-Policy"] = SVG_POLICY
    return response


@never_cache
@role_required(*INSIGHTS)
def definition(request: HttpRequest, kpi_id: str) -> HttpResponse:
    """A KPI's definition (as ``docs/kpis.md`` publishes it) and its 13 months in one suite."""
    kpi = BY_ID.get(kpi_id)
    if kpi is None:
        raise Http404("no such KPI")
    s = snapshots.latest()
    context: dict[str, Any] = {"kpi": kpi, "conventions": CONVENTIONS}
    if s is not None:
        scope = _scope(request, s, request.GET.get("month"), request.GET.get("suite", FORCE))
        shown = Figures(scope)
        trend = shown.trend(kpi)
        context |= _common(scope) | {
            "chart": _chart(kpi, trend),
            "src": reverse("insights-chart", args=[kpi.id]) + "?" + _query(scope),
            "trend": [
                (
                    month_label(m),
                    r,
                    reverse("insights-records", args=[m, scope.code, kpi.id])
                    if scope.drills and _has_records(kpi, shown.value(m, kpi))
                    else "",
                )
                for m, r in trend
            ],
        }
    return render(request, "insights/dashboard/definition.html", context)


@never_cache
@role_required(*INSIGHTS_RECORDS)
def records(request: HttpRequest, month: str, code: str, kpi_id: str) -> HttpResponse:
    """The records behind one figure: the numerator's, (for a rate) the exceptions, those in
    the denominator but not the numerator, or (for a breakdown, ``?part=``) one category's.
    Only records in the user's suites are listed, and each listed record is logged."""
    kpi = BY_ID.get(kpi_id)
    s = snapshots.latest()
    if kpi is None or s is None:
        raise Http404("no such figure")
    scope = _scope(request, s, month, code)
    values = snapshots.cell(s, month, scope.suite.code if scope.suite else None)
    v = values.get(kpi.id) if values else None
    which = (
        "exceptions"
        if request.GET.get("list") == "exceptions" and kpi.kind == "rate"
        else "records"
    )
    ids = (v.exceptions if which == "exceptions" else v.records) if v else ()
    part = request.GET.get("part") if kpi.kind == "breakdown" else None
    query = "list=exceptions&" if which == "exceptions" else ""
    if part is not None:
        if v is None or part not in v.parts:
            raise Http404("no such category")
        ids, which, query = v.parts[part].records, f"part:{part}", urlencode({"part": part}) + "&"
    user = request.user
    assert isinstance(user, User)
    held = CustodyRecord.objects.filter(record_id__in=ids)
    visible = (
        held.filter(suite__in=suites(user))
        .select_related("suite", "person")
        .order_by("arrived_at", "record_id")
    )
    page = Paginator(visible, PER_PAGE).get_page(request.GET.get("page"))
    log_listed(
        request,
        f"insights:{s.pk}:{month}:{scope.code}:{kpi.id}:{which}:{page.number}",
        [r.pk for r in page.object_list],
        PURPOSE,
    )
    found = held.count()
    context = _common(scope) | {
        "kpi": kpi,
        "reading": reading(kpi, v),
        "which": which,
        "page": page,
        "total": len(ids),
        "other_suites": found - page.paginator.count,
        "not_held": len(ids) - found,
        "names": sees_names(user),
        "numerator_count": len(v.records) if v else 0,
        "exceptions_count": len(v.exceptions) if v else 0,
        "base": request.path,
        "query": query,
        "part": part,
        "parts": [
            (key, p.count, f"{request.path}?{urlencode({'part': key})}")
            for key, p in (v.parts.items() if v and kpi.kind == "breakdown" else ())
        ],
    }
    return render(request, "insights/dashboard/records.html", context)
