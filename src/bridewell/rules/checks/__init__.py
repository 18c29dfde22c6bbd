"""One module per rule family; each exposes ``check(ctx)``, writing to ``ctx.report``, and
``READINGS``, how it reads the spec where it could be read more than one way."""

from __future__ import annotations

from typing import Final

from bridewell.rules.checks import (
    care,
    force,
    juveniles,
    limits,
    mha,
    records,
    release,
    reviews,
    rights,
    searches,
)

MODULES: Final = (limits, reviews, care, rights, searches, juveniles, release, mha, force, records)
