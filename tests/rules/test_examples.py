"""The shared examples of the format spec give exactly the findings the spec lists."""

import datetime as dt
import json

from bridewell.interchange.reader import read_records
from bridewell.rules.engine import assess
from tests.builders import DATA, EXAMPLES


def test_shared_examples_give_exactly_the_expected_findings():
    expected = json.loads((DATA / "shared-examples.expected.json").read_text())
    at = dt.datetime.fromisoformat(expected["at"])
    found = {}
    for item in read_records(EXAMPLES):
        assert item.record is not None, item.error
        found[item.record.record_id] = sorted(f.rule for f in assess(item.record, at).findings)
    assert found == {rid: sorted(rules) for rid, rules in expected["records"].items()}
