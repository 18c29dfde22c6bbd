"""The ethnicity-blind case sample of the scrutiny pack. Pure: no Django.

For each kind of case (strip search, clothing removal, use of force) the sample is N records of
the month, drawn at random but reproducibly: each candidate's draw number is SHA-256 of the
seed and its record id, and the N lowest are chosen. The draw depends only on the seed and the
set of candidates, never on the order records are read in, and anyone holding the records and
the seed printed in the pack can draw it again. A record may be drawn for more than one kind.

A case shows what a panel member needs to judge whether the search, removal or force was
justified and properly recorded, and nothing that identifies the person or invites judging by
ethnicity: no ethnicity, nationality, names, date of birth, staff ids or record ids. Times are
relative to arrival. Free text (reasons, notes) is kept, since it is what the panel judges, with
the detainee's names and aliases (when known) and the record and person ids removed; it may
still name someone, and the force must read it before the pack is published.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from bridewell.force.codes import NOT_FORCE, REASONS, TACTICS
from bridewell.insights.facts import RecordFacts
from bridewell.rules import model as m
from bridewell.rules.checks.searches import STRIP_LEVELS
from bridewell.rules.localtime import duration
from bridewell.rules.timeline import Timeline

Kind = Literal["strip_search", "clothing_removal", "use_of_force"]
KINDS: Final[tuple[Kind, ...]] = ("strip_search", "clothing_removal", "use_of_force")
KIND_LABELS: Final[dict[Kind, str]] = {
    "strip_search": "Strip searches",
    "clothing_removal": "Removal of clothing",
    "use_of_force": "Use of force",
}
DEFAULT_CASES: Final = 5
REDACTED: Final = "[name removed]"
ID_REDACTED: Final = "[id removed]"

SEARCH_LEVELS: Final[dict[str, str]] = {
    "outer": "Search of outer clothing",
    "strip": "Strip search",
    "strip_exposing_intimate_parts": "Strip search exposing intimate parts",
    "intimate_harm": "Intimate search (harm)",
    "intimate_drugs": "Intimate search (drugs)",
}


def default_seed(month: str, suite: str | None) -> str:
    """``2026-10/force`` or ``2026-10/HOLD-A``: the same pack always draws the same cases."""
    return f"{month}/{suite or 'force'}"


def draw_number(seed: str, record_id: str) -> str:
    return hashlib.sha256(f"{seed}\n{record_id}".encode()).hexdigest()


def kinds_of(f: RecordFacts) -> list[Kind]:
    found: list[Kind] = []
    if f.strip_searches:
        found.append("strip_search")
    if f.removals:
        found.append("clothing_removal")
    if any(t != NOT_FORCE for force in f.force for t in force.tactics):
        found.append("use_of_force")
    return found


class Candidates:
    """The records of month M (of the suite, if one) that could be drawn, kept whole."""

    def __init__(self, month: str, suite: str | None) -> None:
        self.month = month
        self.suite = suite
        self._by_kind: dict[Kind, dict[str, tuple[m.Record, RecordFacts]]] = {k: {} for k in KINDS}

    def add(self, record: m.Record, f: RecordFacts) -> None:
        if f.month != self.month or (self.suite is not None and f.suite != self.suite):
            return
        for kind in kinds_of(f):
            self._by_kind[kind][f.record_id] = (record, f)

    def count(self, kind: Kind) -> int:
        return len(self._by_kind[kind])

    def draw(self, kind: Kind, n: int, seed: str) -> list[tuple[m.Record, RecordFacts]]:
        """The ``n`` candidates with the lowest draw numbers, in draw order."""
        pool = self._by_kind[kind]
        chosen = sorted(pool, key=lambda record_id: draw_number(seed, record_id))[:n]
        return [pool[record_id] for record_id in chosen]


@dataclass(frozen=True)
class Line:
    """One event of a case: when, relative to arrival, what, and what was recorded."""

    after: str
    what: str
    details: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    kind: Kind
    pseudonym: str
    suite: str
    regime: str
    age_band: str
    sex: str
    child: bool
    lines: tuple[Line, ...]
    outcome: str


@dataclass(frozen=True)
class Sample:
    seed: str
    per_kind: int
    candidates: dict[Kind, int]
    cases: dict[Kind, tuple[Case, ...]]


def sample(
    found: Candidates,
    n: int,
    seed: str,
    pseudonym: Callable[[str], str],
    at: dt.datetime,
    names: Callable[[Sequence[str]], dict[str, list[str]]] = lambda ids: {},
) -> Sample:
    """Draw ``n`` cases of each kind; ``names`` gives the known names and aliases of the drawn
    records' detainees (by record id), to be removed from free text."""
    drawn = {kind: found.draw(kind, n, seed) for kind in KINDS}
    known = names(sorted({rec.record_id for pairs in drawn.values() for rec, _ in pairs}))
    return Sample(
        seed=seed,
        per_kind=n,
        candidates={kind: found.count(kind) for kind in KINDS},
        cases={
            kind: tuple(
                case(rec, f, kind, pseudonym(rec.record_id), at, known.get(rec.record_id, []))
                for rec, f in pairs
            )
            for kind, pairs in drawn.items()
        },
    )


def redactor(words: Iterable[str]) -> Callable[[str], str]:
    """A function removing each of ``words`` (names, ids) from text, whole words, any case."""
    kept = sorted({w.strip() for w in words if len(w.strip()) >= 2}, key=len, reverse=True)
    if not kept:
        return lambda text: text
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(w) for w in kept) + r")(?!\w)", re.IGNORECASE
    )
    return lambda text: pattern.sub(REDACTED, text)


def case(
    record: m.Record,
    f: RecordFacts,
    kind: Kind,
    pseudonym: str,
    at: dt.datetime,
    names: Sequence[str] = (),
) -> Case:
    """One record as a case: the events a panel judges, with nothing identifying."""
    tl = Timeline(record, at)
    words = [part for name in names for part in (name, *name.replace(",", " ").split())]
    clean_names = redactor(words)
    ids = re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(i) for i in (record.record_id, record.detainee.person_id))
        + r")(?!\w)",
        re.IGNORECASE,
    )

    def clean(text: str) -> str:
        return clean_names(ids.sub(ID_REDACTED, text))

    arrival = tl.first_arrived.at if tl.first_arrived is not None else tl.events[0].at
    lines = []
    for event in tl.events:
        described = _describe(event, clean)
        if described is not None:
            what, details = described
            lines.append(Line(_after(event.at - arrival), what, tuple(details)))
    return Case(
        kind=kind,
        pseudonym=pseudonym,
        suite=record.suite,
        regime=record.regime,
        age_band=f.age_band,
        sex=f.sex.replace("_", " "),
        child=f.juvenile,
        lines=tuple(lines),
        outcome=_outcome(tl),
    )


def _after(d: dt.timedelta) -> str:
    if d < dt.timedelta(0):
        return f"{duration(-d)} before arrival"
    return f"+{duration(d)}" if d else "arrival"


def _words(code: str) -> str:
    return code.replace("_", " ")


def _rank(actor: m.Actor | None) -> str:
    """The rank and role only, never the id: staff are not named in the sample."""
    if actor is None:
        return "not recorded"
    rank = "member of staff" if actor.rank == "staff" else _words(actor.rank)
    return f"{rank} ({_words(actor.role)})"


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _describe(event: m.EventBase, clean: Callable[[str], str]) -> tuple[str, list[str]] | None:
    if isinstance(event, m.Arrived):
        return "Arrived at the custody suite", []
    if isinstance(event, m.DetentionAuthorised):
        return "Detention authorised", [f"grounds: {_words(event.grounds)}", _rank(event.by)]
    if isinstance(event, m.RiskAssessed):
        flags = [
            label
            for label, on in (
                ("intoxicated", event.intoxicated),
                ("self-harm risk", event.self_harm_risk),
                ("swallowed drugs", event.swallowed_drugs),
            )
            if on
        ]
        return f"Risk assessment ({_words(event.stage)})", [", ".join(flags) or "no flags"]
    if isinstance(event, m.ObservationLevelSet):
        return f"Observation level {event.level} set", [f"reason: {clean(event.reason)}"]
    if isinstance(event, m.Search) and event.level in STRIP_LEVELS:
        present = ", ".join(f"{_words(p.role)} ({p.sex})" for p in event.present)
        return SEARCH_LEVELS[event.level], [
            f"authorised by: {_rank(event.authorised_by)}",
            f"place: {_words(event.place)}",
            f"people present: {present or 'none recorded'}",
            f"appropriate adult present: {_yes(event.appropriate_adult_present)}",
            f"urgent: {_yes(event.urgent)}",
            f"anything found: {_yes(event.found)}",
        ]
    if isinstance(event, m.ClothingRemoved):
        return "Clothing removed", [
            f"reason: {clean(event.reason)}",
            f"beyond outer clothing: {_yes(event.beyond_outer)}",
            f"replacement clothing offered: {_yes(event.replacement_offered)}",
            f"by force: {_yes(event.by_force)}",
            f"by: {_rank(event.by)}",
        ]
    if isinstance(event, m.ClothingReturned):
        return "Clothing returned", []
    if isinstance(event, m.ForceUsed):
        tactics = ", ".join(TACTICS.get(t, _words(t)) for t in event.tactics)
        reasons = ", ".join(REASONS.get(r, _words(r)) for r in event.reason)
        return "Force used", [
            f"tactics: {tactics}",
            f"reasons recorded: {reasons or 'none'}",
            f"officers involved: {len(event.officers)}; forms recorded: {len(event.forms)}",
        ]
    if isinstance(event, m.RestraintApplied):
        return f"Restraint applied: {_words(event.kind)}", []
    if isinstance(event, m.RestraintRemoved):
        return f"Restraint removed: {_words(event.kind)}", []
    if isinstance(event, m.HcpSeen):
        return "Seen by a healthcare professional", (
            [f"reason: {clean(event.reason)}"] if event.reason else []
        )
    if isinstance(event, m.Note):
        return "Note", [clean(event.text)]
    return None


def _outcome(tl: Timeline) -> str:
    end = tl.end_event
    if isinstance(end, m.Released):
        return f"released: {_words(end.outcome)}"
    if isinstance(end, m.Transferred):
        return f"transferred: {_words(end.to)}"
    return "still in custody when the pack was made" if tl.is_open else "ended"
