"""Offences with realistic titles and their mode of trial.

Weights are a product assumption giving roughly 40% summary-only, 55% either-way and 5%
indictable-only offences, the mix of a busy urban suite. ``drink`` marks offences that usually
come with intoxication.
"""

from __future__ import annotations

import random
from typing import Final, NamedTuple

from bridewell.rules.model import ModeOfTrial, Offence
from bridewell.synth.people import pick


class Kind(NamedTuple):
    title: str
    mode: ModeOfTrial
    weight: float
    drink: bool = False


CATALOGUE: Final = (
    Kind("Assault occasioning actual bodily harm", "either_way", 9.0),
    Kind("Common assault", "summary_only", 8.0),
    Kind("Assault on an emergency worker", "either_way", 2.5, True),
    Kind("Theft from a shop", "either_way", 8.0),
    Kind("Theft", "either_way", 3.0),
    Kind("Burglary dwelling", "either_way", 4.5),
    Kind("Burglary other than a dwelling", "either_way", 2.0),
    Kind("Robbery", "indictable_only", 2.5),
    Kind("Possession of a controlled drug (Class B)", "either_way", 4.5),
    Kind("Possession with intent to supply a controlled drug (Class A)", "either_way", 3.0),
    Kind("Driving with excess alcohol", "summary_only", 4.5, True),
    Kind("Failing to provide a specimen for analysis", "summary_only", 1.0, True),
    Kind("Driving while disqualified", "summary_only", 1.5),
    Kind("Criminal damage (value under £5,000)", "summary_only", 4.5),
    Kind("Threatening behaviour (Public Order Act 1986 s.4)", "summary_only", 3.0, True),
    Kind("Drunk and disorderly", "summary_only", 3.0, True),
    Kind("Harassment", "summary_only", 1.5),
    Kind("Breach of a non-molestation order", "either_way", 2.0),
    Kind("Controlling or coercive behaviour", "either_way", 1.0),
    Kind("Stalking involving fear of violence", "either_way", 0.8),
    Kind("Possession of an offensive weapon in a public place", "either_way", 2.0),
    Kind("Possession of a bladed article in a public place", "either_way", 2.0),
    Kind("Taking a vehicle without consent", "summary_only", 1.2),
    Kind("Fraud by false representation", "either_way", 1.8),
    Kind("Handling stolen goods", "either_way", 1.0),
    Kind("Inflicting grievous bodily harm (s.20)", "either_way", 1.5, True),
    Kind("Wounding with intent (s.18)", "indictable_only", 0.8),
    Kind("Possession of indecent photographs of a child", "either_way", 0.6),
    Kind("Rape", "indictable_only", 0.5),
    Kind("Arson with intent to endanger life", "indictable_only", 0.2),
    Kind("Kidnapping", "indictable_only", 0.1),
    Kind("Murder", "indictable_only", 0.1),
)
_TABLE: Final = tuple((k, k.weight) for k in CATALOGUE)
COUNT: Final = ((1, 80.0), (2, 15.0), (3, 5.0))
SERIOUS: Final = tuple(k for k in CATALOGUE if k.mode == "indictable_only")


def offences(rng: random.Random, *, serious: bool = False) -> tuple[list[Offence], bool]:
    """One to three offences (the first serious when asked), and whether drink is involved."""
    kinds = [pick(rng, _TABLE) for _ in range(pick(rng, COUNT))]
    if serious:
        kinds[0] = rng.choice(SERIOUS)
    seen: dict[str, Kind] = {k.title: k for k in kinds}
    out = [
        Offence(ref=f"O{i}", title=k.title, mode_of_trial=k.mode)
        for i, k in enumerate(seen.values(), start=1)
    ]
    return out, any(k.drink for k in seen.values())


def further(rng: random.Random, ref: str) -> Offence:
    """An offence discovered while in custody (a further arrest, PACE s.31)."""
    k = pick(rng, _TABLE)
    return Offence(ref=ref, title=k.title, mode_of_trial=k.mode)
