"""Adverse incidents a custody record suggests, for a person to confirm or reject.

Pure: each rule reads the record as the rules engine does (``rules.timeline.Timeline``, so a
corrected entry is replaced by its correction) and names the events behind what it proposes. A
candidate's ``key`` is made from the record and the event that starts it, so finding candidates
again over the same records proposes nothing new. The readings of the format behind each rule
are in docs/incidents-and-recommendations.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

from bridewell.rules import model as m
from bridewell.rules.timeline import Timeline

Kind: TypeAlias = Literal[
    "self_harm",
    "failed_rousing",
    "hospital_transfer",
    "escape",
    "assault",
    "death_or_serious_injury",
    "near_miss",
    "other",
]

KINDS: Final[tuple[tuple[Kind, str], ...]] = (
    ("self_harm", "Self-harm"),
    ("failed_rousing", "Failed rousing"),
    ("hospital_transfer", "Hospital transfer"),
    ("escape", "Escape"),
    ("assault", "Assault"),
    ("death_or_serious_injury", "Death or serious injury"),
    ("near_miss", "Near miss"),
    ("other", "Other"),
)
"""The types of the register, in the order screens list them (defined in the docs)."""

SEARCH_BEFORE_NOTE: Final = dt.timedelta(hours=1)
"""A search that found something this long before a note of a ligature or self-harm is taken to
be the search that found it, and is listed with the note."""

SELF_HARM_WORDS: Final = re.compile(
    r"\bligatures?\b|\bself[- ]?harm(?:s|ed|ing)?\b|\bnoose\b"
    r"|\bcut (?:him|her|them)sel(?:f|ves)\b|\btied? .{0,30}\baround (?:his|her|their) neck\b",
    re.IGNORECASE,
)
"""Words in a note or a cell visit's note that say a ligature was found or self-harm happened."""

RISK_WORDING: Final = re.compile(
    r"\b(?:at )?risk of (?:self[- ]?harm|ligatures?)\b"
    r"|\b(?:self[- ]?harm|ligature)s? (?:risks?|points?|markers?|history|warning)\b",
    re.IGNORECASE,
)
"""Talk of a risk (‘ligature risk’, ‘risk of self-harm’, ‘ligature points’) is care planning, not
an incident: it is taken out of the text before the words above are looked for."""


@dataclass(frozen=True)
class Candidate:
    """One proposed incident: what it seems to be, when, and the events that show it."""

    record_id: str
    suite: str
    rule: str
    kind: Kind
    at: dt.datetime
    event_ids: tuple[str, ...]
    summary: str

    @property
    def key(self) -> str:
        """The same record, rule and first event always give the same key."""
        return f"{self.record_id}/{self.rule}/{self.event_ids[0]}"


def propose(record: m.Record, at: dt.datetime) -> list[Candidate]:
    """Every candidate incident in ``record`` as known at ``at``, in time order."""
    timeline = Timeline(record, at)
    found = [
        *_failed_rousing(timeline),
        *_hospital_after_force(timeline),
        *_self_harm_noted(timeline),
        *_escape_prevented(timeline),
        *_admitted_to_hospital(timeline),
    ]
    return sorted(found, key=lambda c: (c.at, c.rule, c.event_ids))


def propose_incidents(records: Iterable[m.Record], at: dt.datetime) -> Iterator[Candidate]:
    """The candidates of each record in turn."""
    for record in records:
        yield from propose(record, at)


def _candidate(
    timeline: Timeline, rule: str, kind: Kind, events: list[m.EventBase], summary: str
) -> Candidate:
    return Candidate(
        record_id=timeline.record_id,
        suite=timeline.record.suite,
        rule=rule,
        kind=kind,
        at=events[0].at,
        event_ids=tuple(e.id for e in events),
        summary=summary,
    )


def _failed_rousing(timeline: Timeline) -> Iterator[Candidate]:
    """A visit where the detainee did not respond to rousing; a run of such visits with no
    response in between is one incident (the first visit starts it)."""
    run: list[m.CellVisit] = []
    for visit in timeline.of(m.CellVisit):
        if visit.response == "no_response":
            run.append(visit)
            continue
        if run and visit.response == "responded":
            yield _rousing(timeline, run)
            run = []
    if run:
        yield _rousing(timeline, run)


def _rousing(timeline: Timeline, run: list[m.CellVisit]) -> Candidate:
    visits = "visit" if len(run) == 1 else f"{len(run)} visits in a row"
    return _candidate(
        timeline,
        "failed-rousing",
        "failed_rousing",
        list(run),
        f"No response to rousing at a cell {visits}",
    )


def _hospital_trigger(event: m.EventBase) -> bool:
    if isinstance(event, m.HospitalDeparted):
        return event.purpose == "medical"
    if isinstance(event, m.Transferred):
        return event.to == "hospital_admission"
    return isinstance(event, m.AmbulanceCalled)


def _hospital_after_force(timeline: Timeline) -> Iterator[Candidate]:
    """Force, then an ambulance or a medical hospital trip later in the episode. The first
    ambulance call and the first hospital event after a use of force are listed with it; uses
    of force followed by the same ones (force used twice before one ambulance) are one
    candidate, keyed by the first use."""
    grouped: dict[tuple[str, ...], tuple[list[m.EventBase], list[m.EventBase]]] = {}
    for force in timeline.of(m.ForceUsed):
        after: list[m.EventBase] = []
        for kind in (m.AmbulanceCalled, m.HospitalDeparted, m.Transferred):
            first = next(
                (e for e in timeline.of(kind) if e.at >= force.at and _hospital_trigger(e)), None
            )
            if first is not None and first.at <= timeline.end:
                after.append(first)
        if after:
            after.sort(key=lambda e: e.at)
            forces, _ = grouped.setdefault(tuple(e.id for e in after), ([], after))
            forces.append(force)
    for forces, after in grouped.values():
        what = " and ".join(_HOSPITAL_WORDS[type(e)] for e in after)
        yield _candidate(
            timeline,
            "hospital-after-force",
            "hospital_transfer",
            [*forces, *after],
            f"Force used, then {what}",
        )


_HOSPITAL_WORDS: Final[dict[type, str]] = {
    m.AmbulanceCalled: "an ambulance called",
    m.HospitalDeparted: "taken to hospital",
    m.Transferred: "admitted to hospital",
}


def _self_harm_noted(timeline: Timeline) -> Iterator[Candidate]:
    """A note (or a cell visit's note) that speaks of a ligature or self-harm, with any search
    that found something in the hour before it."""
    searches = [s for s in timeline.of(m.Search) if s.found]
    for event in timeline.events:
        text = (
            event.text
            if isinstance(event, m.Note)
            else event.note
            if isinstance(event, m.CellVisit)
            else None
        )
        if not text or not SELF_HARM_WORDS.search(RISK_WORDING.sub(" ", text)):
            continue
        found = [s for s in searches if event.at - SEARCH_BEFORE_NOTE <= s.at <= event.at]
        yield Candidate(
            record_id=timeline.record_id,
            suite=timeline.record.suite,
            rule="self-harm-noted",
            kind="self_harm",
            at=found[0].at if found else event.at,
            event_ids=(event.id, *(s.id for s in found)),
            summary=f"Recorded: “{_clip(text)}”",
        )


def _escape_prevented(timeline: Timeline) -> Iterator[Candidate]:
    """Force used for the reason ‘prevent escape’: an escape attempt, at least a near miss."""
    for force in timeline.of(m.ForceUsed):
        if "prevent_escape" in force.reason:
            yield _candidate(
                timeline,
                "escape-prevented",
                "escape",
                [force],
                "Force used to prevent an escape",
            )


def _admitted_to_hospital(timeline: Timeline) -> Iterator[Candidate]:
    """Custody ended by admission to hospital: the format's nearest sign of a death or serious
    injury; proposed whether or not force was used, for a person to judge."""
    for transfer in timeline.of(m.Transferred):
        if transfer.to == "hospital_admission":
            yield _candidate(
                timeline,
                "admitted-to-hospital",
                "death_or_serious_injury",
                [transfer],
                "Custody ended with admission to hospital",
            )


def _clip(text: str, size: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else f"{flat[: size - 1]}…"
