"""The configurable values of rule set v1 (``NAME = default`` in rules-v1.md)."""

from __future__ import annotations

import datetime as dt

from msgspec import Struct

MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)


class RuleConfig(Struct, frozen=True, kw_only=True):
    """Thresholds a force may set by policy. The defaults are those of rule set v1."""

    postponed_review_sla: dt.timedelta = 60 * MINUTE
    late_entry_threshold: dt.timedelta = 15 * MINUTE
    sla_failed_rouse: dt.timedelta = 5 * MINUTE


DEFAULT = RuleConfig()
