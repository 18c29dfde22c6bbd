"""Charts: SVG that fits any column, text kept as text, and alt text that sums them up."""

from __future__ import annotations

import re

from bridewell.web.charts import SVG_POLICY, Chart, Series

SUITES = Chart(
    "uses of force by suite",
    ["Northgate", "Southgate"],
    [Series("Uses of force", [12, 3])],
    "Uses of force",
)


def root(svg: str) -> str:
    found = re.search(r"<svg[^>]*>", svg)
    assert found is not None
    return found.group(0)


def test_a_chart_is_an_svg_document_that_scales_to_its_column():
    svg = SUITES.svg()
    assert svg.startswith("<?xml")
    assert "viewBox=" in root(svg)
    assert " width=" not in root(svg)
    assert " height=" not in root(svg)
    assert svg.rstrip().endswith("</svg>")


def test_its_labels_are_text_in_arial_and_it_holds_no_script():
    svg = SUITES.svg()
    assert ">Northgate</text>" in svg
    assert ">Southgate</text>" in svg
    assert "'Arial', 'Liberation Sans'" in svg
    assert "<script" not in svg
    assert "Matplotlib v" not in svg
    assert "#1d70b8" in svg


def test_the_same_chart_draws_the_same_svg():
    assert SUITES.svg() == SUITES.svg()


def test_alt_text_names_each_category_and_value():
    assert SUITES.alt() == (
        "Bar chart of uses of force by suite (uses of force): Northgate 12; Southgate 3."
    )


def test_alt_text_of_several_series_percentages_and_unknown_values():
    chart = Chart(
        "reviews by suite",
        ["Northgate"],
        [Series("Reviewed", [50.0]), Series("CCTV reviewed", [None])],
        "Percentage",
        percent=True,
    )
    assert chart.alt() == (
        "Bar chart of reviews by suite (percentage): Northgate: reviewed 50%, "
        "cctv reviewed not known."
    )
    assert ">CCTV reviewed</text>" in chart.svg()


def test_a_column_chart_of_months_and_fractional_values():
    chart = Chart(
        "restraint by month",
        ["Jan 2026", "Feb 2026"],
        [Series("Median", [2.5, 10])],
        "Minutes",
        horizontal=False,
    )
    assert chart.alt() == "Column chart of restraint by month (minutes): Jan 2026 2.5; Feb 2026 10."
    assert ">Jan 2026</text>" in chart.svg()


def test_an_empty_chart_says_there_is_nothing_to_show():
    chart = Chart("tactics", [], [Series("Incidents", [])], "Incidents")
    assert chart.alt() == "Bar chart of tactics: nothing to show."
    assert ">Nothing to show</text>" in chart.svg()


def test_the_chart_policy_allows_its_own_styles_and_nothing_else():
    assert "style-src 'unsafe-inline'" in SVG_POLICY
    assert "default-src 'none'" in SVG_POLICY
    assert "script-src" not in SVG_POLICY
