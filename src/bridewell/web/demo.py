"""Demo data: three custody suites with a live picture, months of history, one account per role.

Everything comes from the synthetic generator (``bridewell.synth``), run up to the moment of
seeding, and goes in through ``custody.records.import_record`` like any other custody system's
export, so the board, the timelines and the findings are the real engine's. Officers' use-of-force
reports and supervisors' reviews come from ``bridewell.synth.force`` and go in through the
use-of-force services (``bridewell.force.seeding``). People get made-up names (the format carries
only pseudonymous ids); demo accounts get passwords made at seed time, never stored in the
repository.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import secrets
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Final, NamedTuple

import msgspec
from django.contrib.auth.models import Group, User
from django.db import transaction

from bridewell.accounts.models import StaffProfile
from bridewell.accounts.roles import ROLES
from bridewell.custody import records
from bridewell.custody.models import Alias, Cell, CustodyRecord, Person, Suite
from bridewell.force import seeding as force_seeding
from bridewell.insights import snapshot as insights_snapshot
from bridewell.learning import seeding as learning_seeding
from bridewell.rules import model as m
from bridewell.rules.engine import assess
from bridewell.rules.localtime import LONDON, local_date
from bridewell.rules.timeline import Timeline
from bridewell.sampling import seeding as sampling_seeding
from bridewell.synth import SynthOptions, generate
from bridewell.synth import force as synth_force
from bridewell.synth.staff import SUITES
from bridewell.synth.timing import RATE_PER_SUITE_DAY

SUITE_NAMES: Final = {"NORTHGATE": "Northgate", "RIVERSIDE": "Riverside", "ELMWOOD": "Elmwood"}
CELLS_PER_SUITE: Final = 16
DEFECTS: Final = 0.2
"""About one record in five carries the defects inspectors typically find."""
OVERDUE_EVERY: Final = 4
OVERDUE_GAP: Final = dt.timedelta(minutes=80)
"""About one open record in four is shown as if nothing had been entered for the last 80
minutes, so its next visit (hourly at most) is overdue on the board."""


@dataclass(frozen=True)
class DemoSize:
    """How much to seed. Every open record is kept, but only one closed record in
    ``history_every``: importing runs the engine on every record, about 45 ms each on a 2-core
    machine, so the full 90 days (about 4,900 records) would take minutes; one in ten (about
    490) keeps ``scripts/demo.sh`` well under a minute."""

    days: float = 90.0
    history_every: int = 10
    seed: int = 2026


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str


@dataclass(frozen=True)
class Seeded:
    accounts: list[DemoAccount]
    open: int
    overdue: int
    closed: int
    force: force_seeding.Loaded
    dip_samples: sampling_seeding.Loaded
    learning: learning_seeding.Loaded


class DemoRefused(Exception):
    """The database already holds custody records or accounts: the demo never mixes with them."""


# Made-up names: plausible first names, and surnames invented for the demo (none is the name of
# anyone known). Keyed by person_id, so the same person has the same name every time.
FIRST_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "male": (
        "Aaron", "Adam", "Ahmed", "Callum", "Connor", "Daniel", "Dariusz", "Dean", "Ethan",
        "Hassan", "Jamal", "Jordan", "Kai", "Kieran", "Liam", "Luke", "Marcus", "Mihai", "Nathan",
        "Omar", "Ravi", "Reece", "Ryan", "Tariq", "Tomasz", "Tyler", "Wayne", "Zain",
    ),
    "female": (
        "Aisha", "Amber", "Bethany", "Chantelle", "Chloe", "Demi", "Ella", "Gemma", "Hannah",
        "Ioana", "Jade", "Kasia", "Kayleigh", "Laura", "Leanne", "Megan", "Nadia", "Priya",
        "Rebecca", "Sadia", "Shannon", "Stacey", "Zara",
    ),
    "other": ("Alex", "Charlie", "Jamie", "Jesse", "Morgan", "Robin", "Sam", "Taylor"),
}  # fmt: skip
SURNAMES: Final = (
    "Alderwick", "Ashgrove", "Birchenall", "Brackenby", "Brambleton", "Brindlecombe",
    "Carrowmere", "Cheverton", "Coldharbour", "Dunhallow", "Elderwick", "Fallowfield",
    "Farrowdale", "Fenwhistle", "Fernacre", "Gillimot", "Greymarsh", "Hartswood", "Hazelmere",
    "Hollinbrook", "Inchbrook", "Kestleby", "Kingsmere", "Larkmoor", "Lindenhall", "Marrowby",
    "Mossington", "Nettlecombe", "Oakhurst", "Ottercombe", "Pellingham", "Quenby", "Quillfeather",
    "Ravensdale", "Rookley", "Saltmarsh", "Sparrowhill", "Thistlewood", "Tillingham",
    "Vennicott", "Wardlow", "Willowmere", "Winterbourne", "Wrenfield", "Yarrowby",
)  # fmt: skip


def fictional_name(key: str, sex: str = "other") -> tuple[str, str]:
    """(forename, surname) for ``key``: the same key always gives the same made-up name."""
    h = zlib.crc32(key.encode())
    firsts = FIRST_NAMES.get(sex, FIRST_NAMES["other"])
    return firsts[(h // len(SURNAMES)) % len(firsts)], SURNAMES[h % len(SURNAMES)]


class _Account(NamedTuple):
    role: str
    username: str
    rank: str
    staff_id: str


ACCOUNTS: Final = (
    _Account("custody_officer", "sergeant", "sergeant", "DEMO-S01"),
    _Account("detention_officer", "detention", "staff", "DEMO-D01"),
    _Account("inspector", "inspector", "inspector", "DEMO-I01"),
    _Account("superintendent", "superintendent", "superintendent", "DEMO-SUPT01"),
    _Account("hcp", "healthcare", "none", "DEMO-H01"),
    _Account("custody_manager", "manager", "chief_inspector", "DEMO-CI01"),
    _Account("scrutiny", "scrutiny", "none", "DEMO-SCR01"),
    _Account("qa_officer", "qa", "sergeant", "DEMO-QA01"),
)
DEMO_FORCE: Final[tuple[tuple[str, synth_force.Filing], ...]] = (
    ("DEMO-D01", "missing"),
    ("DEMO-S01", "draft"),
    ("DEMO-D01", "draft"),
    ("DEMO-S01", "missing"),
    ("DEMO-D01", "submitted"),
    ("DEMO-S01", "submitted"),
)
"""The demo detention officer and sergeant in the newest uses of force, newest first, and what
became of their reports: each owes two (one not started, one a draft) and has submitted one."""
REVIEWERS: Final = ("inspector", "superintendent")
"""The demo accounts that review past uses of force."""
_PASSWORD_LETTERS: Final = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def entered_by(record: m.Record, cut: dt.datetime) -> m.Record:
    """The record as it stood at ``cut``: the events that had happened and been written down.

    A prefix in time order (as the generator's own cut is), so no event refers to one left out.
    """
    kept: list[m.Event] = []
    for event in record.events:
        if event.at > cut or event.entered_at > cut:
            break
        kept.append(event)
    return msgspec.structs.replace(record, events=kept)


def demo_records(now: dt.datetime, size: DemoSize) -> list[m.Record]:
    """The records to seed, oldest first: everyone in custody now, and a share of the past.

    A record appears once the detainee has arrived at the station. In each suite, about one
    open record in :data:`OVERDUE_EVERY` (at least one) is taken as it stood
    :data:`OVERDUE_GAP` ago, when that leaves something overdue now (a detainee in interview,
    for one, needs no visits), so every board shows both what is coming up and what has been
    missed.
    """
    codes = tuple(s.code for s in SUITES[: len(SUITE_NAMES)])
    assert codes == tuple(SUITE_NAMES), "the demo names the generator's first three suites"
    start = local_date(now - dt.timedelta(days=size.days))
    first = dt.datetime.combine(start, dt.time(), tzinfo=LONDON)
    hours = (now - first) / dt.timedelta(hours=1) + 1  # an hour past now: arrivals reach it
    options = SynthOptions(
        records=math.ceil(hours / 24 * len(codes) * RATE_PER_SUITE_DAY),
        start=start,
        seed=size.seed,
        suites=len(codes),
        defects=DEFECTS,
        as_of=now,
    )
    chosen: list[m.Record] = []
    closed = 0
    opened: Counter[str] = Counter()
    overdue: Counter[str] = Counter()
    for generated, _ in generate(options):
        record = entered_by(generated, now)
        if not _arrived(record):
            continue
        if not Timeline(record, now).is_open:
            closed += 1
            if closed % size.history_every == 0:
                chosen.append(record)
            continue
        suite = record.suite
        opened[suite] += 1
        if overdue[suite] < opened[suite] // OVERDUE_EVERY + 1:
            stale = entered_by(generated, now - OVERDUE_GAP)
            if _arrived(stale) and _overdue(stale, now):
                record = stale
                overdue[suite] += 1
        chosen.append(record)
    return chosen


def with_demo_officers(
    chosen: list[m.Record], now: dt.datetime
) -> tuple[list[m.Record], dict[str, dict[tuple[str, str], synth_force.Filing]]]:
    """The records with the demo detention officer and sergeant named in the newest uses of
    force (:data:`DEMO_FORCE`), and those filings by record id, then (event id, staff id).

    The detention officer takes the place of the first officer named (one of the team's
    detention officers); the sergeant joins the officers who used force."""
    newest = sorted(
        (
            (e.at, i, e.id)
            for i, r in enumerate(chosen)
            for e in r.events
            if isinstance(e, m.ForceUsed) and e.at <= now
        ),
        reverse=True,
    )
    out = list(chosen)
    fixed: dict[str, dict[tuple[str, str], synth_force.Filing]] = {}
    detention = next(a.staff_id for a in ACCOUNTS if a.role == "detention_officer")
    for (_, i, event_id), (staff_id, filing) in zip(newest, DEMO_FORCE, strict=False):
        events: list[m.Event] = []
        for e in out[i].events:
            if isinstance(e, m.ForceUsed) and e.id == event_id:
                officers = list(e.officers)
                if staff_id == detention:
                    officers[0] = staff_id
                else:
                    officers.append(staff_id)
                e = msgspec.structs.replace(e, officers=list(dict.fromkeys(officers)))
            events.append(e)
        out[i] = msgspec.structs.replace(out[i], events=events)
        fixed.setdefault(out[i].record_id, {})[event_id, staff_id] = filing
    return out, fixed


def _arrived(record: m.Record) -> bool:
    return any(isinstance(e, m.Arrived) for e in record.events)


def _overdue(record: m.Record, now: dt.datetime) -> bool:
    return any(o.due < now for o in assess(record, now).obligations)


def seed(now: dt.datetime, size: DemoSize | None = None) -> Seeded:
    """Fill an empty database with the demo; refuses one that holds records or accounts."""
    size = size or DemoSize()
    if CustodyRecord.objects.exists() or User.objects.exists():
        raise DemoRefused(
            "the database already holds custody records or accounts; "
            "the demo is only seeded into an empty database"
        )
    chosen, fixed = with_demo_officers(demo_records(now, size), now)
    drawn = [
        synth_force.reported(
            record,
            random.Random(f"{size.seed}:{record.record_id}"),
            now=now,
            fixed=fixed.get(record.record_id, {}),
        )
        for record in chosen
    ]
    with transaction.atomic():
        suites = [_suite(code, name) for code, name in SUITE_NAMES.items()]
        for record, _ in drawn:
            records.import_record(record, now=now)
        _name_people()
        _place_in_cells(suites)
        accounts = [_account(a, suites) for a in ACCOUNTS]
        force = force_seeding.load(
            drawn,
            now,
            reviewers=list(User.objects.filter(username__in=REVIEWERS).order_by("username")),
            named=lambda staff_id: fictional_name(f"staff-{staff_id}"),
            seed=size.seed,
        )
        dip_samples = sampling_seeding.load(
            now,
            list(User.objects.filter(username__in=["qa", "inspector"]).order_by("username")),
            seed=size.seed,
        )
        learning = learning_seeding.seed(
            now,
            manager=User.objects.get(username="manager"),
            qa=User.objects.get(username="qa"),
        )
    insights_snapshot.refresh(now)
    live = CustodyRecord.objects.filter(is_open=True)
    return Seeded(
        accounts=accounts,
        open=live.count(),
        overdue=live.filter(next_due_at__lt=now).count(),
        closed=CustodyRecord.objects.filter(is_open=False).count(),
        force=force,
        dip_samples=dip_samples,
        learning=learning,
    )


def _suite(code: str, name: str) -> Suite:
    suite = Suite.objects.create(code=code, name=name)
    Cell.objects.bulk_create(Cell(suite=suite, name=f"C{n}") for n in range(1, CELLS_PER_SUITE + 1))
    return suite


def _name_people() -> None:
    """Give each person a made-up name, and one in eight an alias they have also used."""
    people = list(Person.objects.all())
    aliases = []
    for person in people:
        person.forenames, person.surname = fictional_name(person.person_id, person.sex)
        if zlib.crc32(person.person_id.encode()) % 8 == 0:
            other, _ = fictional_name(f"alias-{person.person_id}", person.sex)
            aliases.append(Alias(person=person, name=f"{other} {person.surname}"))
    Person.objects.bulk_update(people, ["forenames", "surname"], batch_size=500)
    Alias.objects.bulk_create(aliases)


def _place_in_cells(suites: list[Suite]) -> None:
    """Put each open record's detainee in a cell of its suite (the cell is the suite's
    bookkeeping, not part of the custody record format, so an import does not carry it)."""
    for suite in suites:
        cells = list(suite.cells.all())
        live = CustodyRecord.objects.filter(suite=suite, is_open=True).order_by("arrived_at")
        for record, cell in zip(live, cells, strict=False):
            CustodyRecord.objects.filter(pk=record.pk).update(cell=cell)


def _account(spec: _Account, suites: list[Suite]) -> DemoAccount:
    password = "".join(secrets.choice(_PASSWORD_LETTERS) for _ in range(14))
    forename, surname = fictional_name(f"staff-{spec.username}")
    user = User.objects.create_user(
        spec.username, password=password, first_name=forename, last_name=surname
    )
    user.groups.add(Group.objects.get_or_create(name=spec.role)[0])
    profile = StaffProfile.objects.create(
        user=user, staff_id=spec.staff_id, rank=spec.rank, role=ROLES[spec.role].format_role
    )
    profile.suites.set(suites)
    return DemoAccount(spec.username, password, ROLES[spec.role].label)
