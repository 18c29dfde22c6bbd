"""Rule family 'rights' (rules-v1.md): being implemented."""

from __future__ import annotations

from typing import Final

from bridewell.rules.context import Context

READINGS: Final[dict[str, str]] = {}


def check(ctx: Context) -> None:
    return None
