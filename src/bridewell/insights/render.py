"""The governance and scrutiny packs as standalone HTML, and as PDF through WeasyPrint.

One HTML document serves both: it carries its own stylesheet (screen and print rules) and its
charts as SVG data URIs, so the file opens anywhere with nothing else, and WeasyPrint prints the
same document to A4 with a running title, "Page X of Y" and page numbers in the contents. Nothing
is told by colour alone: tables have borders and grey zebra rows, chart lines differ by dash
and marker, and every chart has its data table beside it.

Templates are rendered by a standalone Django template engine (no settings needed, so packs
from a file need no database); every value reaches the templates already formatted as text.

Extra sections: a caller may pass ``extra=[Section(...)]`` to :func:`governance_html`; they are
placed, in order, after the pack's own sections and before the appendix, and listed in the
contents. Their ``html`` is inserted as given (it must already be escaped), so it comes from
code, never from user input. Quality assurance (dip sampling, incidents and recommendations)
adds its sections this way.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from django.template import Context, Engine
from django.utils.safestring import mark_safe
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bridewell.insights.cases import KIND_LABELS, KINDS, Sample
from bridewell.insights.disproportionality import (
    OUTCOMES,
    Z95,
    PublishedRow,
    RateTable,
    RelativeRate,
    publish,
)
from bridewell.insights.groups import LABELS
from bridewell.insights.kpis import BY_ID, CATALOGUE, CONVENTIONS, Kpi
from bridewell.insights.kpis_command import hours, shown
from bridewell.insights.monthly import KpiValue
from bridewell.insights.pack import HEADLINE, OUTCOME_LABELS, PackData, parse_month
from bridewell.insights.suppression import DEFAULT_THRESHOLD, Shown, Suppressed
from bridewell.rules.catalogue import rule
from bridewell.rules.localtime import full, month_name, short_month
from bridewell.web import charts

CLASSIFICATION: Final = "OFFICIAL-SENSITIVE"
TEMPLATES: Final = Path(__file__).resolve().parent / "templates"

FAMILIES: Final = (
    ("T", "Throughput and time in custody"),
    ("P", "Reviews of detention"),
    ("L", "Rights and appropriate adults"),
    ("CH", "Children"),
    ("MH", "Mental health: s.136"),
    ("RK", "Risk and observation"),
    ("DC", "Cell visits"),
    ("SS", "Strip search"),
    ("CR", "Removal of clothing"),
    ("UF", "Use of force"),
    ("RL", "Release"),
    ("DQ", "Data quality"),
    ("FR", "Findings by rule"),
)
CHARTED: Final = ("K-T1", "K-T4", "K-P1", "K-UF1")
"""The headline KPIs drawn as 13-month line charts (each with its table)."""

DIMENSION_LABELS: Final = {
    "ethnic_group": "Self-defined ethnic group",
    "age_band": "Age band",
    "sex": "Sex",
}
LINE_STYLES: Final = (("-", "o"), ("--", "s"), (":", "^"), ("-.", "D"))
"""Solid with circles, dashed with squares, dotted with triangles: told apart in grey."""

CI_METHOD: Final = (
    "Relative rate of a group against the reference group (White; male; the largest age band): "
    "RR = (a / n1) / (c / n0), with a of n1 detentions in the group having the outcome and c of "
    "n0 in the reference group. The 95% confidence interval is by the log (Katz) method: "
    "exp(ln RR ± 1.96 × SE), SE = √(1/a − 1/n1 + 1/c − 1/n0). When a or c is 0 the relative "
    "rate is not computable (never shown as 0 or infinite). A relative rate is marked "
    "significant only when its interval excludes 1. The denominator is custody throughput "
    "(detentions), so the measure is of treatment in custody, not of who is arrested; for "
    "children held overnight it is the children detained."
)


def suppression_method(threshold: int) -> str:
    return (
        f"Any count from 1 to {threshold - 1} is shown as “fewer than {threshold}”; zero is "
        "shown. Each table is protected with its totals: where a hidden count could be worked "
        "out by subtraction from a total or from other rows and columns, further counts are "
        "hidden too (“not shown”), and a figure hidden in one table is hidden in every other "
        "table that repeats it. Rates and relative rates built on a hidden count are hidden."
    )


@dataclass(frozen=True)
class Section:
    """A section added by the caller: ``html`` is trusted markup, placed before the appendix."""

    title: str
    html: str
    id: str = ""

    @property
    def anchor(self) -> str:
        return self.id or "extra-" + re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")


@dataclass(frozen=True)
class ForceRow:
    label: str
    incidents: str
    forms_complete: str
    reviewed_on_time: str
    cctv_reviewed: str


@dataclass(frozen=True)
class ForceFigures:
    """Use-of-force governance from the use-of-force module (database only)."""

    rows: tuple[ForceRow, ...]
    reconciled_incidents: str
    with_report: str
    every_officer: str
    custody_reports_matched: str
    outstanding_officers: str
    open_restraints: str


@dataclass(frozen=True)
class Source:
    """Where the records came from, for the cover."""

    description: str
    database: bool


# Formatting


def month_words(month: str) -> str:
    return month_name(*parse_month(month))


def month_short(month: str) -> str:
    return short_month(*parse_month(month))


def compact(kpi: Kpi, v: KpiValue | None) -> str:
    """A KPI's value in a trend cell: %, per 100, h:mm median, or a count."""
    if v is None:
        return "–"
    if kpi.kind == "duration":
        return hours(v.median) if v.median is not None else "–"
    if v.value is None:
        return "–"
    if kpi.kind == "rate":
        return f"{v.value:.1f}%"
    if kpi.kind in ("per100", "per1000"):
        return f"{v.value:,.1f}"
    return f"{v.numerator:,}"


def full_value(kpi: Kpi, v: KpiValue | None) -> str:
    return "no records" if v is None else shown(kpi, v)


def _median_text(kpi: Kpi, value: float | None) -> str:
    if value is None:
        return "–"
    if kpi.kind == "duration":
        return hours(value)
    if kpi.kind == "rate":
        return f"{value:.1f}%"
    if kpi.kind in ("per100", "per1000"):
        return f"{value:,.1f}"
    return f"{value:,.1f}".removesuffix(".0")


def _direction(now: float | None, then: float | None) -> str:
    """Up, down or the same, in words: whether that is good depends on the KPI."""
    if now is None or then is None:
        return "–"
    if abs(now - then) < 1e-9:
        return "same"
    return "higher" if now > then else "lower"


def _headline_value(v: KpiValue | None) -> float | None:
    return None if v is None else v.value


def cell_text(cell: Shown[int] | Suppressed | None, threshold: int) -> str:
    if cell is None:
        return "–"
    if isinstance(cell, Shown):
        return f"{cell.value:,}"
    return f"fewer than {threshold}" if cell.reason == "small" else "not shown"


def _rate_text(rate: Shown[float] | Suppressed | None) -> str:
    if rate is None:
        return "–"
    if isinstance(rate, Suppressed):
        return "not shown"
    return f"{100 * rate.value:.1f}%"


def _relative_text(row: PublishedRow, table: RateTable) -> str:
    if row.category == table.reference:
        return "reference"
    if row.category == "all":
        return ""
    if row.relative is None:
        return "not computable"
    if isinstance(row.relative, Suppressed):
        return "not shown"
    rr: RelativeRate = row.relative.value
    mark = " (significant)" if rr.significant else ""
    return f"{rr.ratio:.2f} ({rr.low:.2f} to {rr.high:.2f}){mark}"


_ETHNIC_LABELS: Final[dict[str, str]] = {str(k): v for k, v in LABELS.items()}


def _category(dimension: str, category: str) -> str:
    if category == "all":
        return "All"
    if dimension == "ethnic_group":
        return _ETHNIC_LABELS.get(category, category)
    return category.replace("_", " ").capitalize() if dimension == "sex" else category


# Charts


def line_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    axis: str,
) -> str:
    """A line chart as SVG: one line per series, each its own dash and marker, in black and
    grey, gaps where a month has no value. Uses :mod:`bridewell.web.charts`'s fonts."""
    figure = Figure(figsize=(7.0, 3.0), layout="constrained")
    axes = figure.add_subplot()
    x = list(range(len(labels)))
    for i, (name, values) in enumerate(series):
        dash, marker = LINE_STYLES[i % len(LINE_STYLES)]
        colour = charts.BLACK if i % 2 == 0 else "#505a5f"
        y = [float("nan") if v is None else v for v in values]
        axes.plot(x, y, linestyle=dash, marker=marker, color=colour, label=name, linewidth=1.8)
    axes.set_xticks(x, list(labels), rotation=45, ha="right", fontsize=9)
    axes.set_ylabel(axis, fontsize=10)
    axes.set_title(title, fontsize=11, loc="left")
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5))
    axes.set_ylim(bottom=0)
    axes.grid(axis="y", color=charts.MID_GREY, linewidth=0.5)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if len(series) > 1:
        axes.legend(frameon=False, fontsize=9)
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _chart_value(kpi: Kpi, v: KpiValue | None) -> float | None:
    if v is None:
        return None
    if kpi.kind == "duration":
        return None if v.median is None else v.median / 60
    return v.value


def _chart_axis(kpi: Kpi) -> str:
    return {
        "duration": "hours (median)",
        "rate": "%",
        "per100": "per 100",
        "per1000": "per 1,000",
    }.get(kpi.kind, "count")


# Sections


def _cover(data: PackData, source: Source, title: str) -> dict[str, Any]:
    where = f"suite {data.suite}" if data.suite else "force-wide (every suite)"
    return {
        "title": title,
        "where": where,
        "month": month_words(data.month),
        "at": full(data.at),
        "source": source.description,
        "records_read": f"{data.records_read:,}",
        "left_out": f"{data.left_out:,}",
        "complete": data.complete,
        "problems": list(data.problems[:20]),
        "more_problems": max(0, len(data.problems) - 20),
        "classification": CLASSIFICATION,
    }


def _headline(data: PackData) -> list[dict[str, str]]:
    rows = []
    for kpi_id in HEADLINE:
        kpi = BY_ID[kpi_id]
        now = data.value(data.month, kpi_id)
        before = data.value(data.previous, kpi_id)
        typical = data.twelve_month_median(kpi_id)
        rows.append(
            {
                "id": kpi.id,
                "title": kpi.title,
                "now": full_value(kpi, now),
                "before": full_value(kpi, before),
                "median": _median_text(kpi, typical),
                "change": _direction(_headline_value(now), _headline_value(before)),
                "against_median": _direction(_headline_value(now), typical),
            }
        )
    return rows


def _trends(data: PackData) -> list[dict[str, Any]]:
    families = []
    for code, label in FAMILIES:
        kpis = [k for k in CATALOGUE if re.match(rf"K-{code}\d*(-|$)", k.id)]
        if not kpis:
            continue
        families.append(
            {
                "label": label,
                "rows": [
                    {
                        "id": k.id,
                        "title": k.title,
                        "unit": _unit(k),
                        "values": [compact(k, v) for v in data.trend(k.id)],
                    }
                    for k in kpis
                ],
            }
        )
    return families


def _unit(kpi: Kpi) -> str:
    return {
        "duration": "median h:mm",
        "rate": "%",
        "per100": "per 100 detentions",
        "per1000": "per 1,000 detentions",
        "breakdown": "total",
        "count": "count",
    }[kpi.kind]


def _charts(data: PackData) -> list[dict[str, Any]]:
    out = []
    labels = [month_short(mo) for mo in data.months]
    for kpi_id in CHARTED:
        kpi = BY_ID[kpi_id]
        series = [
            (
                f"Suite {data.suite}" if data.suite else "Force-wide",
                [_chart_value(kpi, v) for v in data.trend(kpi_id)],
            )
        ]
        rows_for = [(series[0][0], data.trend(kpi_id))]
        if data.suite:
            force = [data.cells.get((mo, None), {}).get(kpi_id) for mo in data.months]
            series.append(("Force-wide", [_chart_value(kpi, v) for v in force]))
            rows_for.append(("Force-wide", force))
        svg = line_chart(f"{kpi.title} ({kpi.id})", labels, series, _chart_axis(kpi))
        out.append(
            {
                "id": kpi.id,
                "title": kpi.title,
                "src": data_uri(svg),
                "alt": f"Line chart of {kpi.title.lower()} by month, {labels[0]} to "
                f"{labels[-1]}; the figures are in the table beside it.",
                "columns": [name for name, _ in rows_for],
                "rows": [
                    {
                        "month": label,
                        "values": [full_value(kpi, values[i]) for _, values in rows_for],
                    }
                    for i, label in enumerate(labels)
                ],
            }
        )
    return out


def _comparison(data: PackData) -> dict[str, Any]:
    suites = list(data.suites)
    rows = []
    for kpi in CATALOGUE:
        if kpi.kind == "breakdown":
            continue
        rows.append(
            {
                "id": kpi.id,
                "title": kpi.title,
                "unit": _unit(kpi),
                "values": [
                    compact(kpi, data.cells.get((data.month, s), {}).get(kpi.id)) for s in suites
                ]
                + [compact(kpi, data.cells.get((data.month, None), {}).get(kpi.id))],
            }
        )
    return {"suites": suites, "rows": rows}


def _findings_by_rule(data: PackData) -> list[dict[str, str]]:
    v = data.value(data.month, "K-FR")
    if v is None:
        return []
    out = []
    for rule_id, part in v.parts.items():
        r = rule(rule_id)
        out.append(
            {
                "id": r.id,
                "title": r.title,
                "severity": r.severity,
                "source": r.source,
                "count": f"{part.count:,}",
                "records": f"{len(part.records):,}",
            }
        )
    return out


def _rate_tables(
    tables: Sequence[RateTable],
    published: Sequence[Sequence[PublishedRow]],
    threshold: int,
    relative: bool,
) -> list[dict[str, Any]]:
    out = []
    for table, rows in zip(tables, published, strict=True):
        dimension = str(table.dimension)
        by = DIMENSION_LABELS.get(dimension, "suite").lower()
        out.append(
            {
                "title": f"{OUTCOME_LABELS[table.outcome]} by {by}",
                "dimension": DIMENSION_LABELS.get(dimension, "Suite"),
                "denominator": "Children detained"
                if table.outcome == "child_overnight"
                else "Detentions",
                "relative": relative,
                "rows": [
                    {
                        "category": _category(dimension, row.category),
                        "throughput": cell_text(row.throughput, threshold),
                        "cases": cell_text(row.cases, threshold),
                        "rate": _rate_text(row.rate),
                        "relative": _relative_text(row, table),
                        "total": row.category == "all",
                    }
                    for row in rows
                ],
            }
        )
    return out


def _exceptions(data: PackData) -> list[dict[str, Any]]:
    return [
        {
            "record_id": b.record_id,
            "suite": b.suite,
            "at": full(b.counted_at) if b.counted_at else "–",
            "span": str(len(b.rules)),
            "rules": [
                {
                    "id": r.rule,
                    "title": r.title,
                    "source": r.source,
                    "events": ", ".join(r.events) or "–",
                }
                for r in b.rules
            ],
        }
        for b in data.exceptions
    ]


def _definitions(ids: Sequence[str]) -> list[dict[str, str]]:
    return [
        {
            "id": k.id,
            "title": k.title,
            "unit": k.unit,
            "definition": k.definition,
            "source": k.source,
        }
        for k in CATALOGUE
        if k.id in ids
    ]


@cache
def _engine() -> Engine:
    return Engine(dirs=[str(TEMPLATES)], autoescape=True)


def _texts(value: Any) -> Any:
    """Numbers as text throughout: the standalone engine has no locale settings to format
    them, and a pack's numbers are formatted here, UK style, anyway."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, dict):
        return {k: _texts(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_texts(v) for v in value]
    return value


def _render(name: str, context: dict[str, Any]) -> str:
    return _engine().get_template(name).render(Context(_texts(context)))


def governance_html(
    data: PackData,
    source: Source,
    *,
    force: ForceFigures | None = None,
    extra: Sequence[Section] = (),
    threshold: int = DEFAULT_THRESHOLD,
) -> str:
    """The governance pack for a custody management meeting (OFFICIAL-SENSITIVE)."""
    tables = data.rate_tables()
    title = "Custody governance pack"
    shown_ids = [k.id for k in CATALOGUE]
    return _render(
        "insights/packs/governance.html",
        {
            "cover": _cover(data, source, title),
            "running": f"{title}: {month_words(data.month)}",
            "month": month_words(data.month),
            "previous": month_words(data.previous),
            "first": month_words(data.months[0]),
            "months": [month_short(mo) for mo in data.months],
            "headline": _headline(data),
            "charts": _charts(data),
            "trends": _trends(data),
            "comparison": _comparison(data),
            "findings": _findings_by_rule(data),
            "dp_from": month_words(data.disproportionality_months[0]),
            "detentions": f"{len(data.subjects):,}",
            "rate_tables": _rate_tables(
                tables, data.published(threshold), threshold, relative=True
            ),
            "exceptions": _exceptions(data),
            "exception_count": _plural(len(data.exceptions), "record"),
            "database": source.database,
            "force": force,
            "extra": [
                {"title": s.title, "anchor": s.anchor, "html": mark_safe(s.html)} for s in extra
            ],
            "definitions": _definitions(shown_ids),
            "conventions": CONVENTIONS,
            "ci_method": CI_METHOD,
            "suppression": suppression_method(threshold),
            "threshold": str(threshold),
            "z": f"{Z95:.5f}",
        },
    )


def scrutiny_html(
    data: PackData,
    source: Source,
    sample: Sample,
    *,
    threshold: int = DEFAULT_THRESHOLD,
) -> str:
    """The scrutiny pack for the PCC panel and custody visitors: anonymised and suppressed."""
    title = "Custody scrutiny pack"
    cover = _cover(data, source, title)
    cover["records_read"] = count_text(data.records_read, threshold)
    cover["left_out"] = count_text(data.left_out, threshold)
    cover["problems"] = []
    cover["more_problems"] = 0
    suites = data.suite_tables()
    dp = data.rate_tables()
    return _render(
        "insights/packs/scrutiny.html",
        {
            "cover": cover,
            "running": f"{title}: {month_words(data.month)}",
            "month": month_words(data.month),
            "dp_from": month_words(data.disproportionality_months[0]),
            "threshold": str(threshold),
            "below": str(threshold - 1),
            "suite_tables": _rate_tables(
                suites, _publish(suites, threshold), threshold, relative=False
            ),
            "rate_tables": _rate_tables(dp, data.published(threshold), threshold, relative=True),
            "sample": _sample(sample, threshold),
            "seed": sample.seed,
            "per_kind": sample.per_kind,
            "ci_method": CI_METHOD,
            "suppression": suppression_method(threshold),
            "outcomes": [OUTCOME_LABELS[o] for o in OUTCOMES],
        },
    )


def _publish(tables: list[RateTable], threshold: int) -> list[list[PublishedRow]]:
    return publish(tables, threshold) if tables else []


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def count_text(n: int, threshold: int) -> str:
    return f"fewer than {threshold}" if 0 < n < threshold else f"{n:,}"


def _bound(n: int, threshold: int) -> str:
    """A count given only as a bound: the exact number of candidates is close to the month's
    total for the outcome, which the suite tables may have had to hide."""
    if n == 0:
        return "none"
    return f"fewer than {threshold}" if n < threshold else f"{threshold} or more"


def _sample(sample: Sample, threshold: int) -> list[dict[str, Any]]:
    return [
        {
            "label": KIND_LABELS[kind],
            "candidates": _bound(sample.candidates[kind], threshold),
            "cases": [
                {
                    "pseudonym": c.pseudonym,
                    "suite": c.suite,
                    "regime": "s.136 Mental Health Act"
                    if c.regime == "mha_s136"
                    else c.regime.upper(),
                    "age_band": c.age_band,
                    "sex": c.sex,
                    "child": c.child,
                    "outcome": c.outcome,
                    "lines": [
                        {"after": ln.after, "what": ln.what, "details": list(ln.details)}
                        for ln in c.lines
                    ],
                }
                for c in sample.cases[kind]
            ],
        }
        for kind in KINDS
    ]


def pdf(html: str) -> bytes:
    """The pack printed to A4 by WeasyPrint, from the same HTML."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # no stubs or py.typed

    document: bytes = HTML(string=html).write_pdf()
    return document
