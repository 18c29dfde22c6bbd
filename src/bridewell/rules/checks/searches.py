"""Strip and intimate searches (Code C Annex A, PACE s.55) and the removal of clothing."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from typing import Final

from bridewell.rules import model as m
from bridewell.rules.config import MINUTE
from bridewell.rules.context import Context
from bridewell.rules.localtime import clock_after, day_clock

STRIP_LEVELS: Final = frozenset({"strip", "strip_exposing_intimate_parts"})
INTIMATE_LEVELS: Final = frozenset({"intimate_harm", "intimate_drugs"})
STRIP_WINDOW: Final = 30 * MINUTE

_SEARCH_NAME: Final[dict[str, str]] = {
    "strip": "Strip search",
    "strip_exposing_intimate_parts": "Strip search exposing intimate parts",
    "intimate_harm": "Intimate search for a harmful article",
    "intimate_drugs": "Intimate drugs search",
}
_ROLE_NAME: Final[dict[str, str]] = {"hcp": "health care professional", "other": "person"}

READINGS: Final[dict[str, str]] = {
    "PACE-SRCH-2": "Every strip-level search in the record is checked, whenever it was made: the "
    "spec sets no window. A custody officer is as the format defines one: role custody_officer "
    "with rank sergeant or above, or rank staff (a designated staff custody officer).",
    "PACE-SRCH-3": "Juvenile or vulnerable status is taken at the time of the search. Anyone "
    "present whose recorded sex is not the detainee's (including 'other' or 'not stated') counts "
    "as of the opposite sex, since the record then cannot show a same-sex search; appropriate "
    "adults are exempt. Only the search's appropriate_adult_present flag shows that an "
    "appropriate adult was there. One finding per search names every failed condition.",
    "PACE-SRCH-4": "An authoriser outside the police (rank none, e.g. a doctor) is below "
    "inspector. One finding per search names every fault.",
    "DATA-CLOTH-STRIP": "Only searches at level strip or strip_exposing_intimate_parts count, "
    "and the window includes both ends (a search exactly 30 minutes before or after counts). "
    "The finding is reported once the 30 minutes after the removal have passed before T, so a "
    "search may still be recorded in time.",
}


def check(ctx: Context) -> None:
    tl = ctx.tl
    strip_times: list[dt.datetime] = []
    for search in tl.of(m.Search):
        if search.level in STRIP_LEVELS:
            strip_times.append(search.at)
            _strip_authority(ctx, search)
            _strip_conduct(ctx, search)
        elif search.level in INTIMATE_LEVELS:
            _intimate(ctx, search)
    for removal in tl.of(m.ClothingRemoved):
        if not removal.replacement_offered:
            ctx.report.finding(
                "APP-CLOTH-1",
                at=removal.at,
                message=f"Clothing removed {day_clock(removal.at)} without replacement "
                "clothing being offered",
                events=[removal.id],
            )
        if removal.beyond_outer:
            _recorded_as_strip_search(ctx, removal, strip_times)


def _strip_authority(ctx: Context, search: m.Search) -> None:
    """Annex A para 10: only the custody officer may authorise a strip search."""
    if search.authorised_by.is_custody_officer:
        return
    ctx.report.finding(
        "PACE-SRCH-2",
        at=search.at,
        message=f"{_SEARCH_NAME[search.level]} {day_clock(search.at)} was authorised by "
        f"{_actor(search.authorised_by)}, not a custody officer",
        events=[search.id],
    )


def _strip_conduct(ctx: Context, search: m.Search) -> None:
    """Annex A para 11: who must (and must not) be present; one finding naming every fault."""
    tl = ctx.tl
    faults: list[str] = []
    if (
        search.level == "strip_exposing_intimate_parts"
        and not search.urgent
        and len(search.present) < 2
    ):
        faults.append(
            f"{_people(len(search.present))} when intimate parts were exposed (2 needed unless "
            "urgent)"
        )
    sex = tl.record.detainee.sex
    if sex in ("male", "female"):
        others = [p for p in search.present if p.sex != sex and p.role != "appropriate_adult"]
        if others:
            who = " and ".join(_person(p) for p in others)
            faults.append(f"{who} present with a {sex} detainee")
    juvenile = tl.juvenile
    if (
        (juvenile or tl.vulnerable_at(search.at))
        and not search.appropriate_adult_present
        and not search.urgent
        and not (juvenile and search.aa_declined_by_juvenile)
    ):
        whom = "a juvenile" if juvenile else "a vulnerable adult"
        faults.append(f"no appropriate adult present for {whom}")
    if faults:
        ctx.report.finding(
            "PACE-SRCH-3",
            at=search.at,
            message=f"{_SEARCH_NAME[search.level]} {day_clock(search.at)}: {'; '.join(faults)}",
            events=[search.id],
        )


def _intimate(ctx: Context, search: m.Search) -> None:
    """PACE s.55: an inspector's authority; a drugs search only at medical premises."""
    faults: list[str] = []
    if not search.authorised_by.at_least("inspector"):
        faults.append(f"authorised by {_actor(search.authorised_by)}, not an inspector or above")
    if search.level == "intimate_drugs" and search.place == "custody_suite":
        faults.append("carried out in the custody suite, not at medical premises")
    if faults:
        ctx.report.finding(
            "PACE-SRCH-4",
            at=search.at,
            message=f"{_SEARCH_NAME[search.level]} {day_clock(search.at)}: {'; '.join(faults)}",
            events=[search.id],
        )


def _recorded_as_strip_search(
    ctx: Context, removal: m.ClothingRemoved, strip_times: list[dt.datetime]
) -> None:
    """Davies: removing more than outer clothing is a strip search and must be recorded as one."""
    start, end = removal.at - STRIP_WINDOW, removal.at + STRIP_WINDOW
    if end >= ctx.tl.at:
        return
    i = bisect_left(strip_times, start)
    if i < len(strip_times) and strip_times[i] <= end:
        return
    ctx.report.finding(
        "DATA-CLOTH-STRIP",
        at=removal.at,
        message=f"More than outer clothing removed {day_clock(removal.at)} but no strip "
        f"search recorded between {clock_after(start, removal.at)} and "
        f"{clock_after(end, removal.at)}",
        events=[removal.id],
    )


def _actor(actor: m.Actor) -> str:
    """``C1, a constable (arresting officer)``: who it was, and the authority they held."""
    role = _role(actor.role)
    if actor.rank == "none":
        return f"{actor.id}, {_a(role)}"
    rank = "member of staff" if actor.rank == "staff" else actor.rank.replace("_", " ")
    if actor.role == "other":
        return f"{actor.id}, {_a(rank)}"
    return f"{actor.id}, {_a(rank)} ({role})"


def _person(person: m.PersonPresent) -> str:
    role = _role(person.role)
    if person.sex in ("male", "female"):
        return _a(f"{person.sex} {role}")
    return f"{_a(role)} whose sex is recorded as {person.sex.replace('_', ' ')}"


def _role(role: str) -> str:
    return _ROLE_NAME.get(role, role.replace("_", " "))


def _people(n: int) -> str:
    return "nobody present besides the detainee" if n == 0 else "only 1 person present"


def _a(words: str) -> str:
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"
