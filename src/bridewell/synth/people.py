"""Detainees: who they are, and the pool that lets the same person come back.

Names are not part of the interchange format; a person is a pseudonymous ``person_id`` with the
demographics that stay the same between detentions (birth date, sex, ethnicity, language).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from functools import cache
from typing import Final, NamedTuple, TypeVar

from bridewell.rules.model import EthnicityOfficer, EthnicitySelf, Sex

# Product assumption, from the brief: about 85% of detainees are male.
SEX: Final[tuple[tuple[Sex, float], ...]] = (
    ("male", 85.0),
    ("female", 14.0),
    ("other", 0.5),
    ("not_stated", 0.5),
)

# Self-defined ethnicity, roughly the West Midlands county at the 2021 census (approximate
# shares, not from the research notes), plus detainees who decline to say. Codes read as the
# police 18+1 list: A1 Indian, A2 Pakistani, A3 Bangladeshi, A4 Chinese, A5 other Asian;
# B1 Caribbean, B2 African, B3 other Black; M1 White and Black Caribbean, M2 White and Black
# African, M3 White and Asian, M4 other Mixed; W1 British, W2 Irish, W3 Gypsy or Irish
# Traveller, W4 other White; O1 Arab, O2 any other.
ETHNICITY: Final[tuple[tuple[EthnicitySelf, float], ...]] = (
    ("W1", 57.0), ("W2", 0.9), ("W3", 0.3), ("W4", 4.2),
    ("A1", 6.3), ("A2", 8.2), ("A3", 2.0), ("A4", 0.7), ("A5", 2.6),
    ("B1", 2.5), ("B2", 3.1), ("B3", 0.9),
    ("M1", 2.0), ("M2", 0.4), ("M3", 1.1), ("M4", 1.0),
    ("O1", 1.0), ("O2", 1.8),
    ("not_stated", 4.0),
)  # fmt: skip
_OFFICER_VIEW: Final[dict[str, EthnicityOfficer]] = {
    "W": "white",
    "A": "asian",
    "B": "black",
    "M": "mixed",
    "O": "other",
    "n": "not_recorded",
}

# Product assumption: ages of adult detainees, as ((first age, last age), weight).
ADULT_AGES: Final = (
    ((18, 20), 10.0),
    ((21, 25), 17.0),
    ((26, 30), 17.0),
    ((31, 35), 15.0),
    ((36, 40), 12.0),
    ((41, 50), 16.0),
    ((51, 60), 9.0),
    ((61, 75), 4.0),
)
# Product assumption: children in custody are mostly 14-17 (the brief); 10-13 are rare.
CHILD_AGES: Final = (
    (10, 1.0), (11, 2.0), (12, 4.0), (13, 8.0), (14, 14.0), (15, 20.0), (16, 25.0), (17, 26.0),
)  # fmt: skip

# Product assumption: about 4% need an interpreter; languages with a plausible nationality.
NEEDS_INTERPRETER: Final = 0.04
LANGUAGES: Final = (
    (("pl", "PL"), 14.0), (("ro", "RO"), 14.0), (("ur", "PK"), 9.0), (("pa", "IN"), 6.0),
    (("ar", "SY"), 7.0), (("ku", "IQ"), 8.0), (("sq", "AL"), 8.0), (("vi", "VN"), 6.0),
    (("pt", "PT"), 5.0), (("lt", "LT"), 5.0), (("ti", "ER"), 5.0), (("fa", "IR"), 5.0),
    (("bn", "BD"), 4.0), (("so", "SO"), 4.0),
)  # fmt: skip
# Product assumption: English speakers are mostly British nationals.
ENGLISH_NATIONALITY: Final = (
    ("GB", 91.0), ("IE", 2.0), ("PL", 1.5), ("IN", 1.0), ("JM", 1.0), ("NG", 1.0),
    ("ZW", 0.8), ("PK", 0.9), ("SO", 0.8),
)  # fmt: skip
# Product assumption: about 3% give no date of birth and have an apparent age instead.
NO_BIRTH_DATE: Final = 0.03
# Product assumption: a quarter of detentions are of someone already detained earlier in the run.
REPEAT: Final = 0.25


class Person(NamedTuple):
    person_id: str
    birth_date: dt.date | None
    apparent_age: int | None
    sex: Sex
    ethnicity_self: EthnicitySelf
    ethnicity_officer: EthnicityOfficer
    needs_interpreter: bool
    language: str
    nationality: str


def age_on(person: Person, day: dt.date) -> int:
    """Whole years on ``day`` (apparent age when no birth date was given)."""
    b = person.birth_date
    if b is None:
        assert person.apparent_age is not None
        return person.apparent_age
    return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


T = TypeVar("T")


@cache
def _cumulative(table: tuple[tuple[object, float], ...]) -> tuple[list[float], float]:
    weights = list(itertools.accumulate(w for _, w in table))
    return weights, weights[-1]


def pick(rng: random.Random, table: tuple[tuple[T, float], ...]) -> T:
    """One value from a table of ``(value, weight)`` pairs (the tables are constants)."""
    weights, total = _cumulative(table)
    return table[bisect.bisect_right(weights, rng.random() * total)][0]


def _age(rng: random.Random, juvenile: bool) -> int:
    if juvenile:
        return pick(rng, CHILD_AGES)
    low, high = pick(rng, ADULT_AGES)
    return rng.randint(low, high)


def _birth_date(rng: random.Random, age: int, day: dt.date) -> dt.date:
    """A birth date giving exactly ``age`` on ``day`` (the last birthday 1-364 days before)."""
    last_birthday = day - dt.timedelta(days=rng.randint(1, 364))
    try:
        return last_birthday.replace(year=last_birthday.year - age)
    except ValueError:  # 29 February in a year without one
        return last_birthday.replace(year=last_birthday.year - age, day=28)


def new_person(rng: random.Random, day: dt.date, juvenile: bool) -> Person:
    age = _age(rng, juvenile)
    ethnicity = pick(rng, ETHNICITY)
    officer = _OFFICER_VIEW[ethnicity[0]]
    if officer == "mixed" and rng.random() < 0.4:
        officer = rng.choice(("white", "black", "asian"))
    if ethnicity == "not_stated" and rng.random() < 0.8:
        officer = rng.choice(("white", "white", "white", "asian", "black"))
    interpreter = rng.random() < NEEDS_INTERPRETER
    if interpreter:
        language, nationality = pick(rng, LANGUAGES)
    else:
        language, nationality = "en", pick(rng, ENGLISH_NATIONALITY)
    no_dob = rng.random() < NO_BIRTH_DATE
    return Person(
        person_id=f"P{rng.getrandbits(40):010X}",
        birth_date=None if no_dob else _birth_date(rng, age, day),
        apparent_age=age if no_dob else None,
        sex=pick(rng, SEX),
        ethnicity_self=ethnicity,
        ethnicity_officer=officer,
        needs_interpreter=interpreter,
        language=language,
        nationality=nationality,
    )


class People:
    """Everyone detained so far in a run, so that some detainees come back (``REPEAT``)."""

    def __init__(self) -> None:
        self._known: list[Person] = []
        self._free_from: dict[str, dt.datetime] = {}

    def detainee(
        self, rng: random.Random, arrival: dt.datetime, day: dt.date, juvenile: bool
    ) -> Person:
        """A returning person of the right age group who is not in custody now, else a new one."""
        if self._known and rng.random() < REPEAT:
            person = rng.choice(self._known)
            free = self._free_from[person.person_id]
            if free < arrival and (age_on(person, day) < 18) == juvenile:
                return person
        person = new_person(rng, day, juvenile)
        self._known.append(person)
        self._free_from[person.person_id] = arrival
        return person

    def released(self, person: Person, end: dt.datetime) -> None:
        self._free_from[person.person_id] = end
