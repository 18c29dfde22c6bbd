"""Generated documentation stays in step with the code it is generated from."""

from pathlib import Path

from bridewell.rulebook import READINGS, markdown
from bridewell.rules.catalogue import RULES

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_rules_page_is_generated_from_the_catalogue():
    assert (DOCS / "rules.md").read_text() == markdown(), (
        "docs/rules.md is out of date: run `bridewell rules --format markdown > docs/rules.md`"
    )


def test_readings_only_name_real_rules():
    assert set(READINGS) <= {rule.id for rule in RULES}
