"""docs/kpis.md is generated from the KPI catalogue and stays in step with it."""

from pathlib import Path

from bridewell.insights.kpis import CATALOGUE, markdown

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_kpi_page_is_generated_from_the_catalogue():
    assert (DOCS / "kpis.md").read_text() == markdown(), (
        "docs/kpis.md is out of date: run `python -c 'from bridewell.insights.kpis import "
        'markdown; print(markdown(), end="")\' > docs/kpis.md`'
    )


def test_every_kpi_is_documented_once_with_a_definition():
    ids = [k.id for k in CATALOGUE]
    assert len(ids) == len(set(ids))
    page = markdown()
    for kpi in CATALOGUE:
        assert kpi.definition
        assert page.count(f"| {kpi.id} |") == 1
