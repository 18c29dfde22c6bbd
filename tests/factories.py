"""Database fixtures for the web app: suites, staff with roles, and booked-in records."""

from __future__ import annotations

import datetime as dt
from itertools import count
from typing import Any

from django.contrib.auth.models import Group, User

from bridewell.accounts.models import StaffProfile
from bridewell.accounts.roles import ROLES
from bridewell.custody import records
from bridewell.custody.models import Cell, CustodyRecord, Person, Suite

NOW = dt.datetime(2026, 1, 12, 20, 0, tzinfo=dt.UTC)
_n = count(1)

RANKS = {
    "custody_officer": "sergeant",
    "detention_officer": "staff",
    "inspector": "inspector",
    "superintendent": "superintendent",
    "hcp": "none",
    "custody_manager": "chief_inspector",
    "scrutiny": "none",
    "qa_officer": "sergeant",
}


def suite(code: str = "NORTHGATE", cells: int = 4) -> Suite:
    made, created = Suite.objects.get_or_create(code=code, defaults={"name": code.title()})
    if created:
        for n in range(1, cells + 1):
            Cell.objects.create(suite=made, name=f"C{n}")
    return made


def staff(role: str, *suites: Suite, rank: str | None = None, username: str | None = None) -> User:
    n = next(_n)
    user = User.objects.create_user(username or f"{role}{n}", password="not-a-real-password-1")
    user.first_name, user.last_name = role.replace("_", " ").title(), f"Tester{n}"
    user.save()
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    profile = StaffProfile.objects.create(
        user=user,
        staff_id=f"{role[:2].upper()}{n:04d}",
        rank=rank or RANKS[role],
        role="doctor" if rank == "doctor" else ROLES[role].format_role,
    )
    profile.suites.set(suites)
    return user


def person(surname: str = "SMITH", forenames: str = "Alex", **kw: Any) -> Person:
    n = next(_n)
    return Person.objects.create(person_id=f"P-{n:06d}", surname=surname, forenames=forenames, **kw)


def booking_events(at: dt.datetime = NOW, **risk: bool) -> list[dict[str, Any]]:
    """Arrest, arrival, detention authorised, rights and an initial risk assessment."""

    def iso(minutes: int) -> str:
        return (at + dt.timedelta(minutes=minutes)).isoformat()

    sergeant = {"id": "S0001", "rank": "sergeant", "role": "custody_officer"}
    return [
        {"type": "arrested", "at": iso(-30), "place": "elsewhere", "offences": ["O1"]},
        {"type": "arrived", "at": iso(0), "station": "NORTHGATE"},
        {
            "type": "detention_authorised",
            "at": iso(10),
            "by": sergeant,
            "grounds": "obtain_evidence_by_questioning",
        },
        {"type": "rights_given", "at": iso(11), "by": sergeant},
        {"type": "risk_assessed", "at": iso(12), "by": sergeant, "stage": "initial", **risk},
        {
            "type": "observation_level_set",
            "at": iso(13),
            "by": sergeant,
            "level": 2 if risk.get("intoxicated") else 1,
            "reason": "initial risk assessment",
        },
    ]


def booked(
    where: Suite | None = None,
    who: Person | None = None,
    *,
    at: dt.datetime = NOW,
    user: User | None = None,
    detainee: dict[str, Any] | None = None,
    **risk: bool,
) -> CustodyRecord:
    where = where or suite()
    who = who or person()
    return records.open_record(
        suite=where,
        person=who,
        detainee={"sex": "male", **(detainee or {})},
        offences=[{"ref": "O1", "title": "Burglary dwelling", "mode_of_trial": "either_way"}],
        events=booking_events(at, **risk),
        user=user,
        now=at + dt.timedelta(minutes=15),
        cell=where.cells.first(),
    )
