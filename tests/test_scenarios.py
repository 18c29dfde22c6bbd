"""Scenario files: custody records with the findings rule set v1 requires of them.

Each ``tests/scenarios/NAME.jsonl`` has a ``NAME.expected.json`` written by hand from the rules
(never produced by running the engine): the audit time ``at`` and, per record, every finding as
``[rule, at]`` with ``at`` in UTC. A record listed with ``[]`` must give no finding at all.
"""

import datetime as dt
import json
from pathlib import Path

import pytest

from bridewell.interchange.reader import read_records
from bridewell.rules.engine import assess

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.jsonl"))


def _utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC)


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_gives_exactly_its_expected_findings(path):
    expected = json.loads(path.with_suffix(".expected.json").read_text())
    at = _utc(expected["at"])
    found = {}
    for item in read_records(path):
        assert item.record is not None, str(item.error)
        result = assess(item.record, at)
        found[item.record.record_id] = sorted((f.rule, f.at) for f in result.findings)
    wanted = {
        rid: sorted((rule, _utc(when)) for rule, when in findings)
        for rid, findings in expected["records"].items()
    }
    assert found == wanted


def test_there_are_scenarios():
    assert len(SCENARIOS) >= 4
