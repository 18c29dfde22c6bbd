"""Loading synthetic reports and reviews: incidents, reports as the officers named (submitted,
drafts, unlinked), officers who owe theirs, accounts that cannot sign in, and reviews."""

import dataclasses
import datetime as dt
import random

import pytest
from django.contrib.auth.models import User

from bridewell.accounts.models import StaffProfile
from bridewell.custody import records
from bridewell.force import reports, reviews, seeding
from bridewell.force.models import Incident, Involvement, Report, Review
from bridewell.rules import model as m
from bridewell.synth import SynthOptions, generate
from bridewell.synth import force as synth
from tests import factories as f

pytestmark = pytest.mark.django_db

START = dt.date(2026, 3, 1)
NOW = dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def with_force() -> list[m.Record]:
    """The first eight records with force among 900 from one suite (all ended before NOW)."""
    found = (r for r, _ in generate(SynthOptions(records=900, start=START, seed=4, suites=1)))
    return [r for r in found if any(isinstance(e, m.ForceUsed) for e in r.events)][:8]


def _drawn(with_force: list[m.Record]) -> list[seeding.Drawn]:
    """Their reports, with one of each kind made certain: a draft, one missing, one unlinked."""
    drawn = []
    for n, record in enumerate(with_force):
        event = next(e for e in record.events if isinstance(e, m.ForceUsed))
        fixed: dict[tuple[str, str], synth.Filing] = {}
        if n < 2:
            fixed[event.id, event.officers[0]] = ("draft", "missing")[n]
        rng = random.Random(record.record_id)
        drawn.append(synth.reported(record, rng, now=NOW, fixed=fixed))
    record, found = drawn[2]
    first = next(i for i, r in enumerate(found) if r.filing == "submitted")
    found[first] = dataclasses.replace(found[first], flaw="unlinked")
    for record, _ in drawn:
        records.import_record(record, now=NOW)
    return drawn


def test_reports_are_written_as_the_officers_named(with_force):
    drawn = _drawn(with_force)
    inspector = f.staff("inspector", f.suite("NORTHGATE"))
    loaded = seeding.load(drawn, NOW, reviewers=[inspector], named=lambda s: ("Pat", f"Ox{s}"))

    named = [(record, r) for record, found in drawn for r in found]
    events = sum(isinstance(e, m.ForceUsed) for record, _ in drawn for e in record.events)
    assert loaded.incidents == events == Incident.objects.filter(event__isnull=False).count()
    assert Involvement.objects.count() == len(named)
    assert (
        loaded.submitted + loaded.drafts + loaded.missing + loaded.elsewhere + loaded.unlinked
        == len(named)
    )
    assert loaded.drafts >= 1
    assert loaded.missing >= 1
    assert loaded.unlinked >= 1

    for record, r in named:
        incident = Incident.objects.get(
            record__record_id=record.record_id, event__event_id=r.event_id
        )
        user = User.objects.get(staff__staff_id=r.officer)
        held = Report.objects.filter(incident=incident, staff_id=r.officer).first()
        owes = [o.incident for o in reports.owed(user)]
        if r.flaw == "unlinked":
            assert held is None
            assert incident in owes
            [mine] = Report.objects.filter(staff_id=r.officer, incident__record__isnull=True)
            assert mine.submitted
            assert mine.in_custody_block
            assert mine.answers == r.answers
        elif r.filing == "submitted":
            assert held is not None
            assert held.submitted
            assert held.officer == user
            assert held.answers == r.answers
            assert (held.created, held.submitted_at) == (r.started_at, r.submitted_at)
            assert held.revisions.get().version == 1
            assert incident not in owes
        elif r.filing == "draft":
            assert held is not None
            assert not held.submitted
            assert held.answers == r.answers
            assert [o.draft for o in reports.owed(user) if o.incident == incident] == [held]
        else:
            assert held is None
            assert incident in owes


def test_officers_get_accounts_that_cannot_sign_in_in_their_suite(with_force):
    drawn = _drawn(with_force)
    northgate = f.suite("NORTHGATE")
    already = f.staff("detention_officer", northgate)
    officer = next(r.officer for _, found in drawn for r in found if r.officer.startswith("NG-D"))
    StaffProfile.objects.filter(user=already).update(staff_id=officer)

    seeding.load(drawn, NOW, named=lambda s: ("Pat", f"Ox{s}"))

    assert User.objects.get(staff__staff_id=officer) == already
    made = User.objects.exclude(pk=already.pk)
    assert made.count() == len({r.officer for _, found in drawn for r in found}) - 1
    for user in made:
        assert not user.has_usable_password()
        assert not user.groups.exists()
        assert list(user.staff.suites.all()) == [northgate]
        assert (user.first_name, user.last_name) == ("Pat", f"Ox{user.staff.staff_id}")
        if user.staff.staff_id.startswith("PC"):
            assert (user.staff.rank, user.staff.role) == ("constable", "arresting_officer")
        else:
            assert (user.staff.rank, user.staff.role) == ("staff", "detention_officer")
    assert Review.objects.count() == 0


def test_reviews_are_recorded_by_a_reviewer_and_the_rest_wait(with_force):
    drawn = _drawn(with_force)
    inspector = f.staff("inspector", f.suite("NORTHGATE"))
    loaded = seeding.load(drawn, NOW, reviewers=[inspector], seed=3)

    done = Review.objects.select_related("incident")
    assert loaded.reviewed == done.count() > 0
    for review in done:
        assert review.reviewer == inspector
        assert review.incident.occurred_at < review.reviewed_at <= NOW
        if review.cctv_reviewed:
            assert review.cctv_reference
            assert review.cctv_reviewed_by == inspector
        else:
            assert review.cctv_not_reviewed_reason
    waiting = {w.incident for w in reviews.waiting(inspector, NOW)}
    custody = set(Incident.objects.filter(record__isnull=False))
    assert waiting == custody - {r.incident for r in done}
