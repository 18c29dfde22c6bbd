"""Fixtures of the learning tests: a fixed clock, suites, staff and records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from bridewell.web import clock


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    clock.reset()
    yield
    clock.reset()


DO = {"id": "D0001", "rank": "staff", "role": "detention_officer"}
SERGEANT = {"id": "S0001", "rank": "sergeant", "role": "custody_officer"}


def visit(at: dt.datetime, response: str) -> dict[str, Any]:
    return {
        "type": "cell_visit",
        "at": at.isoformat(),
        "by": DO,
        "roused": True,
        "response": response,
    }
