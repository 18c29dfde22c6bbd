"""What every check receives: the timeline, the clock, the configuration and the report."""

from __future__ import annotations

from typing import NamedTuple

from bridewell.rules.clock import DetentionClock
from bridewell.rules.config import RuleConfig
from bridewell.rules.findings import Report
from bridewell.rules.model import EventBase, type_name
from bridewell.rules.timeline import Timeline


class Context(NamedTuple):
    tl: Timeline
    clock: DetentionClock | None
    config: RuleConfig
    report: Report


def describe(event: EventBase) -> str:
    """A ``cell_visit`` event → ``Cell visit``: its type as words."""
    return type_name(event).replace("_", " ").capitalize()
