"""Self-defined ethnicity folded into the 2021-census top-level groups, plus not stated.

One definition for every figure by ethnic group: the KPI breakdowns show the labels, the
disproportionality tables use the codes.
"""

from __future__ import annotations

from typing import Final, Literal

EthnicGroup = Literal["white", "mixed", "asian", "black", "other", "not_stated"]

ETHNIC_GROUPS: Final[tuple[EthnicGroup, ...]] = (
    "white",
    "mixed",
    "asian",
    "black",
    "other",
    "not_stated",
)
LABELS: Final[dict[EthnicGroup, str]] = {
    "white": "White",
    "mixed": "Mixed",
    "asian": "Asian",
    "black": "Black",
    "other": "Other",
    "not_stated": "Not stated",
}
_BY_LETTER: Final[dict[str, EthnicGroup]] = {
    "W": "white",
    "M": "mixed",
    "A": "asian",
    "B": "black",
    "O": "other",
}


def ethnic_group(ethnicity_self: str) -> EthnicGroup:
    """The top-level group of a self-defined code (``B2`` → ``black``); anything else is not
    stated."""
    return _BY_LETTER.get(ethnicity_self[:1], "not_stated")
