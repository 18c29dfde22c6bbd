"""The JSON Schema is generated from the model and agrees with it on valid and invalid input."""

import json

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from bridewell.interchange.schema import record_schema
from tests.builders import EXAMPLES


@pytest.fixture(scope="module")
def validator():
    schema = record_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def examples():
    return [json.loads(line) for line in EXAMPLES.read_text().splitlines() if line.strip()]


def test_every_shared_example_validates(validator):
    for record in examples():
        assert list(validator.iter_errors(record)) == [], record["record_id"]


def without_offset(r):
    r["events"][0]["at"] = r["events"][0]["at"][:19]


def unknown_field(r):
    r["events"][1]["weather"] = "rain"


def unknown_type(r):
    r["events"][1]["type"] = "teleported"


def bad_enum(r):
    r["detainee"]["sex"] = "unknown"


def missing_required(r):
    del r["events"][2]["by"]


def bad_level(r):
    r["events"][5]["level"] = 7


def wrong_format(r):
    r["format"] = "bridewell/custody-record@2"


def extra_top_level(r):
    r["notes"] = "x"


@pytest.mark.parametrize(
    "spoil",
    [
        without_offset,
        unknown_field,
        unknown_type,
        bad_enum,
        missing_required,
        bad_level,
        wrong_format,
        extra_top_level,
    ],
)
def test_invalid_variants_do_not_validate(validator, spoil):
    record = examples()[0]
    spoil(record)
    assert list(validator.iter_errors(record)), spoil.__name__
