"""The JSON Schema of the v1 format, generated from the model so the two cannot drift apart.

JSON Schema cannot express everything the format requires (unique event ids, references to
offences and events, offences being required for regime ``pace``); those are checked by
``bridewell.rules.model.semantic_errors`` and reported the same way as schema errors.
"""

from __future__ import annotations

from typing import Any

import msgspec

from bridewell.rules.model import FORMAT_V1, Record


def record_schema() -> dict[str, Any]:
    schema = msgspec.json.schema(Record)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Bridewell custody record",
        "description": f"One custody record in the {FORMAT_V1} interchange format.",
        **schema,
    }
