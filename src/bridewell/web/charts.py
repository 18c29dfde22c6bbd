"""Bar charts drawn on the server as SVG by matplotlib, in GOV.UK colours and Arial.

A chart is an image next to the table that holds its numbers: the table is what screen readers,
keyboard users and anyone copying a figure use, and :meth:`Chart.alt` sums the chart up in a
sentence for its ``alt`` text. Pages show charts as ``<img>``: matplotlib writes ``style``
attributes, which the site's strict Content Security Policy would block inside the page, while
an image cannot run script and is styled by its own response (see :data:`SVG_POLICY`).

The SVG has a ``viewBox`` but no width or height, so an ``<img>`` fills the column it sits in at
any screen size without a stylesheet rule. Text stays text (``svg.fonttype`` none): it is
smaller, sharp at any zoom, and drawn in Arial, or Liberation Sans where Arial is not installed
(the two have the same metrics). Settings are fixed once at import rather than per chart,
because matplotlib's settings are global and charts may be drawn in several threads.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

matplotlib.use("Agg")
matplotlib.rcParams.update(
    {
        "font.family": "sans-serif",
        "font.sans-serif": ["Arial", "Liberation Sans", "DejaVu Sans"],
        "font.size": 12,
        "svg.fonttype": "none",
        "svg.hashsalt": "bridewell",
        "text.color": "#0b0c0c",
        "axes.labelcolor": "#0b0c0c",
        "xtick.color": "#0b0c0c",
        "ytick.color": "#0b0c0c",
    }
)

BLACK: Final = "#0b0c0c"
MID_GREY: Final = "#b1b4b6"
SERIES_COLOURS: Final = ("#1d70b8", "#0b0c0c", "#00703c", "#4c2c92")
"""GOV.UK blue, black, green and purple: each at least 3:1 against white (WCAG 1.4.11), and
told apart by hatching too, never by colour alone."""
HATCHES: Final = ("", "//", "..", "xx")

SVG_POLICY: Final = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
"""The Content Security Policy of a chart's own response: its inline styles, nothing else (no
script, no fetches, no fonts or images from anywhere)."""

_SIZE = re.compile(r'(<svg[^>]*?)\s+width="[^"]*"\s+height="[^"]*"')


@dataclass(frozen=True)
class Series:
    """One set of bars; ``None`` is a value that cannot be worked out (drawn as no bar)."""

    name: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class Chart:
    """A bar chart: horizontal bars for named categories, columns for months."""

    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    axis_label: str
    horizontal: bool = True
    percent: bool = False

    def alt(self) -> str:
        """The chart in a sentence, for its ``alt`` text."""
        kind = "Bar chart" if self.horizontal else "Column chart"
        if not self.categories:
            return f"{kind} of {self.title}: nothing to show."
        if len(self.series) == 1:
            parts = [
                f"{c} {self._value(v)}"
                for c, v in zip(self.categories, self.series[0].values, strict=True)
            ]
        else:
            parts = [
                f"{c}: "
                + ", ".join(f"{s.name.lower()} {self._value(s.values[i])}" for s in self.series)
                for i, c in enumerate(self.categories)
            ]
        return f"{kind} of {self.title} ({self.axis_label.lower()}): {'; '.join(parts)}."

    def _value(self, value: float | None) -> str:
        if value is None:
            return "not known"
        if self.percent:
            return f"{value:.0f}%"
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"

    def _counts(self) -> bool:
        """Whether every value is a whole number, so the axis needs no fractions."""
        return all(v is None or float(v).is_integer() for s in self.series for v in s.values)

    def svg(self) -> str:
        """The chart as an SVG document."""
        rows = max(len(self.categories), 1) * (0.3 + 0.2 * len(self.series))
        size = (5.0, 1.0 + rows) if self.horizontal else (5.0, 3.2)
        figure = Figure(figsize=size, layout="constrained")
        axes = figure.add_subplot()
        self._draw(figure, axes)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        return _SIZE.sub(r"\1", out.getvalue(), count=1)

    def _draw(self, figure: Figure, axes: Axes) -> None:
        count = len(self.series)
        width = 0.8 / count
        positions = list(range(len(self.categories)))
        for i, series in enumerate(self.series):
            offset = (i - (count - 1) / 2) * width
            where = [p + offset for p in positions]
            values = [v or 0 for v in series.values]
            style = {
                "label": series.name,
                "color": SERIES_COLOURS[i % len(SERIES_COLOURS)],
                "hatch": HATCHES[i % len(HATCHES)],
                "edgecolor": "white",
            }
            if self.horizontal:
                bars = axes.barh(where, values, height=width, **style)  # type: ignore[arg-type]
            else:
                bars = axes.bar(where, values, width=width, **style)  # type: ignore[arg-type]
            # A missing value is a dash on the chart (long words collide on a 13-month chart);
            # the alt text and the table beside the chart say "not known".
            labels = ["–" if v is None else self._value(v) for v in series.values]
            axes.bar_label(bars, labels=labels, padding=3, fontsize=11)
        if self.horizontal:
            axes.set_yticks(positions, list(self.categories))
            axes.invert_yaxis()
            axes.set_xlabel(self.axis_label)
            axes.margins(x=0.15)
            axes.tick_params(axis="y", length=0)
        else:
            axes.set_xticks(positions, list(self.categories), rotation=45, ha="right")
            axes.set_ylabel(self.axis_label)
            axes.margins(y=0.15)
            axes.tick_params(axis="x", length=0)
        if not self.percent:
            value_axis = axes.xaxis if self.horizontal else axes.yaxis
            value_axis.set_major_locator(MaxNLocator(integer=self._counts()))
        if self.percent and self.horizontal:
            axes.set_xlim(0, 110)
        elif self.percent:
            axes.set_ylim(0, 110)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        for side in ("left", "bottom"):
            axes.spines[side].set_color(MID_GREY)
        if count > 1:
            figure.legend(loc="outside upper center", ncols=count, frameon=False)
        if not self.categories:
            axes.set_axis_off()
            axes.text(0.5, 0.5, "Nothing to show", ha="center", transform=axes.transAxes)
