"""Booking in: the custody officer's guided journey, from arrival to the new custody record.

One topic a page, answers kept in the session under a journey id (two bookings in two tabs
never mix; drafts go when the session does), a check-your-answers page with a "Change" link for
each answer, and one atomic write at the end through ``custody.records.open_record``. After any
answer the journey goes on to the first step still to answer, so a change that makes a later
answer unfit (a refused detention, a new date of birth) leads there before the check page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, NamedTuple

import msgspec
from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from bridewell.accounts import access
from bridewell.accounts.roles import BOOK_IN
from bridewell.custody import booking, records
from bridewell.custody import booking_forms as bf
from bridewell.custody.booking import Draft, Step
from bridewell.custody.models import Cell, CustodyRecord, Person, Suite
from bridewell.rules.localtime import local_date
from bridewell.web import clock

SESSION_KEY = "booking_drafts"
SEARCH_LIMIT = 25


class Journey(NamedTuple):
    suite: Suite
    draft: Draft
    step: Step
    changing: bool


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _suite(request: HttpRequest, code: str) -> Suite:
    """A suite of the user's, and a user who acts as custody officer (sergeant or DSCO)."""
    if not access.actor(_user(request)).is_custody_officer:
        raise PermissionDenied("only a custody officer may book someone in")
    return access.suite_for(request, code)


def _drafts(request: HttpRequest) -> dict[str, dict[str, Any]]:
    return request.session.setdefault(SESSION_KEY, {})  # type: ignore[no-any-return]


def _keep(request: HttpRequest, draft: Draft) -> None:
    _drafts(request)[draft.id] = booking.to_session(draft)
    request.session.modified = True


def _url(j: Journey | Draft, step: Step) -> str:
    draft = j.draft if isinstance(j, Journey) else j
    return reverse(f"book-in-{step}", args=[draft.suite, draft.id])


def _onward(j: Journey) -> HttpResponse:
    return redirect(_url(j, booking.first_incomplete(j.draft)))


role_required_book_in = access.role_required(*BOOK_IN)
JourneyView = Callable[[HttpRequest, Journey], HttpResponse]


def journey_step(step: Step) -> Callable[[JourneyView], Callable[..., HttpResponse]]:
    """Custody officers only, in their own suite, on a draft of theirs, in the journey's order."""

    def decorate(view: JourneyView) -> Callable[..., HttpResponse]:
        @role_required_book_in
        @wraps(view)
        def guarded(request: HttpRequest, code: str, journey: str) -> HttpResponse:
            suite = _suite(request, code)
            data = _drafts(request).get(journey)
            draft = booking.from_session(data) if data is not None else None
            if draft is None or draft.suite != suite.code:
                context = {"suite": suite}
                return render(request, "booking/expired.html", context, status=404)
            if not booking.reachable(draft, step):
                return redirect(_url(draft, booking.first_incomplete(draft)))
            return view(request, Journey(suite, draft, step, "change" in request.GET))

        return guarded

    return decorate


def _page(
    request: HttpRequest, j: Journey, template: str, context: Mapping[str, Any]
) -> HttpResponse:
    draft = j.draft
    before = booking.previous(draft, j.step)
    back = (
        _url(j, "check")
        if j.changing
        else _url(j, before)
        if before
        else reverse("book-in", args=[j.suite.code])
    )
    return render(
        request,
        template,
        {
            "suite": j.suite,
            "draft": draft,
            "back": back,
            "age": booking.age(draft),
            "juvenile": booking.juvenile(draft),
            "vulnerable": bool(booking.vulnerabilities(draft)),
            "interpreter": booking.needs_interpreter(draft),
            **context,
        },
    )


def _form_step(
    request: HttpRequest,
    j: Journey,
    form: forms.Form,
    save: Callable[[Any], None],
    context: Mapping[str, Any],
    template: str = "booking/form.html",
) -> HttpResponse:
    """Show a step's form; on a valid answer keep it and go on to the next step to answer."""
    if request.method == "POST" and form.is_valid():
        save(form)
        _keep(request, j.draft)
        return _onward(j)
    return _page(request, j, template, {"form": form, **context})


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


# The start page


@role_required_book_in
def start(request: HttpRequest, code: str) -> HttpResponse:
    suite = _suite(request, code)
    if request.method == "POST":
        draft = booking.new_draft(suite.code, clock.now())
        _keep(request, draft)
        return redirect(_url(draft, "arrest"))
    kept = (booking.from_session(d) for d in _drafts(request).values())
    drafts = [d for d in kept if d is not None and d.suite == suite.code]
    return render(
        request,
        "booking/start.html",
        {
            "suite": suite,
            "drafts": [
                (d, _url(d, booking.first_incomplete(d)))
                for d in sorted(drafts, key=lambda d: d.started)
            ],
        },
    )


# 1. Arrest and offences


@journey_step("arrest")
def arrest(request: HttpRequest, j: Journey) -> HttpResponse:
    now = clock.now()
    initial = (
        msgspec.structs.asdict(j.draft.arrest)
        if j.draft.arrest
        else {"arrived_at": now.replace(second=0, microsecond=0)}
    )
    form = bf.ArrestForm(_data(request), initial=initial, now=now)

    def save(f: bf.ArrestForm) -> None:
        j.draft.arrest = f.answer()

    return _form_step(request, j, form, save, {"title": "Arrest and arrival"})


@journey_step("offences")
def offences(request: HttpRequest, j: Journey) -> HttpResponse:
    draft = j.draft
    adding = "add" in request.POST
    empty = (
        "Enter the offence" if adding else None if draft.offences else "Add at least one offence"
    )
    form = bf.OffenceForm(_data(request), empty=empty)
    if request.method == "POST":
        if "remove" in request.POST:
            index = int(request.POST["remove"]) if request.POST["remove"].isdigit() else -1
            if 0 <= index < len(draft.offences):
                del draft.offences[index]
                _keep(request, draft)
            return redirect(request.get_full_path())
        if form.is_valid():
            offence = form.answer()
            if offence is not None:
                draft.offences.append(offence)
                _keep(request, draft)
            if adding:
                return redirect(request.get_full_path())
            return _onward(j)
    return _page(
        request,
        j,
        "booking/offences.html",
        {
            "form": form,
            "added": [(o.title, booking.MODES_OF_TRIAL[o.mode_of_trial]) for o in draft.offences],
        },
    )


# 2. The person


def _search(name: str, born: Any) -> list[Person]:
    people = Person.objects.all()
    for term in name.split():
        people = people.filter(
            Q(surname__icontains=term)
            | Q(forenames__icontains=term)
            | Q(aliases__name__icontains=term)
        )
    if born:
        people = people.filter(birth_date=born)
    in_custody = CustodyRecord.objects.filter(person=OuterRef("pk"), is_open=True)
    found = people.distinct().annotate(in_custody=Exists(in_custody))
    return list(found.prefetch_related("aliases")[:SEARCH_LIMIT])


def _choose(request: HttpRequest, j: Journey, chosen: booking.PersonAnswer) -> HttpResponse:
    draft = j.draft
    before = draft.person
    if before is None or (before.pk, before.birth_date) != (chosen.pk, chosen.birth_date):
        draft.details = None
    draft.person = chosen
    _keep(request, draft)
    return _onward(j)


@journey_step("person")
def person(request: HttpRequest, j: Journey) -> HttpResponse:
    if request.method == "POST":
        pk = request.POST.get("person", "")
        found = Person.objects.filter(pk=pk).first() if pk.isdigit() else None
        if found is not None:
            return _choose(
                request,
                j,
                booking.PersonAnswer(
                    pk=found.pk,
                    surname=found.surname,
                    forenames=found.forenames,
                    birth_date=found.birth_date,
                ),
            )
    searching = bool(request.GET.keys() - {"change"})
    form = bf.SearchForm(request.GET if searching else None)
    results = (
        _search(form.cleaned_data["name"], form.cleaned_data.get("born"))
        if (searching and form.is_valid())
        else None
    )
    return _page(
        request,
        j,
        "booking/person.html",
        {"form": form, "results": results, "limit": SEARCH_LIMIT},
    )


@journey_step("person")
def new_person(request: HttpRequest, j: Journey) -> HttpResponse:
    chosen = j.draft.person
    initial = msgspec.structs.asdict(chosen) if chosen and chosen.pk is None else None
    form = bf.NewPersonForm(_data(request), initial=initial, today=local_date(clock.now()))
    if request.method == "POST" and form.is_valid():
        return _choose(request, j, form.answer())
    back = _url(j, "person") + ("?change=1" if j.changing else "")
    return _page(
        request,
        j,
        "booking/form.html",
        {"form": form, "title": "Add a new person", "back": back},
    )


def _last_details(person_pk: int | None) -> dict[str, Any]:
    """What their last custody record said, to start from. Self-defined ethnicity is asked
    afresh: it is theirs to give each time."""
    if person_pk is None:
        return {}
    last = CustodyRecord.objects.filter(person_id=person_pk).order_by("-created").first()
    if last is None:
        return {}
    keys = ("sex", "ethnicity_officer", "language", "needs_interpreter", "nationality")
    return {k: last.detainee[k] for k in keys if k in last.detainee}


@journey_step("details")
def details(request: HttpRequest, j: Journey) -> HttpResponse:
    chosen = j.draft.person
    assert chosen is not None
    initial = (
        msgspec.structs.asdict(j.draft.details) if j.draft.details else _last_details(chosen.pk)
    )
    form = bf.DetailsForm(_data(request), initial=initial, age_needed=chosen.birth_date is None)

    def save(f: bf.DetailsForm) -> None:
        j.draft.details = f.answer()

    context: dict[str, Any] = {"title": f"About {chosen.name}"}
    if chosen.pk is None and not j.changing:
        context["back"] = reverse("book-in-new-person", args=[j.suite.code, j.draft.id])
    return _form_step(request, j, form, save, context)


# 3 and 4. Risk, observation level and cell


@journey_step("risk")
def risk(request: HttpRequest, j: Journey) -> HttpResponse:
    form = bf.RiskForm(_data(request), initial=bf.RiskForm.initial_from(j.draft.risk))

    def save(f: bf.RiskForm) -> None:
        j.draft.risk = f.answer()

    return _form_step(request, j, form, save, {}, "booking/risk.html")


@journey_step("observation")
def observation(request: HttpRequest, j: Journey) -> HttpResponse:
    suggestion = booking.suggested_level(j.draft)
    if j.draft.observation:
        initial = msgspec.structs.asdict(j.draft.observation)
    else:
        initial = {"level": suggestion.level} if suggestion else {}
    form = bf.ObservationForm(_data(request), initial=initial)

    def save(f: bf.ObservationForm) -> None:
        j.draft.observation = f.answer()

    hints = [hint for _, hint in booking.LEVELS.values()]
    context = {
        "suggestion": suggestion,
        "level_radios": list(zip(form["level"], hints, strict=True)),
    }
    return _form_step(request, j, form, save, context, "booking/observation.html")


def _free_cells(suite: Suite) -> list[tuple[int, str]]:
    taken = CustodyRecord.objects.filter(is_open=True, cell__isnull=False).values("cell")
    cells = suite.cells.filter(in_use=True).exclude(pk__in=taken)
    return [(c.pk, c.name) for c in cells]


@journey_step("cell")
def cell(request: HttpRequest, j: Journey) -> HttpResponse:
    chosen = j.draft.cell
    initial = {"cell": str(chosen.pk) if chosen.pk else bf.NO_CELL} if chosen else {}
    form = bf.CellForm(_data(request), initial=initial, cells=_free_cells(j.suite))

    def save(f: bf.CellForm) -> None:
        j.draft.cell = f.answer()

    context = {"title": "Cell"}
    return _form_step(request, j, form, save, context)


# 5 and 6. Detention, then rights (or the release when detention is refused)


@journey_step("detention")
def detention(request: HttpRequest, j: Journey) -> HttpResponse:
    initial = msgspec.structs.asdict(j.draft.detention) if j.draft.detention else {}
    form = bf.DetentionForm(_data(request), initial=initial)

    def save(f: bf.DetentionForm) -> None:
        j.draft.detention = f.answer()

    return _form_step(request, j, form, save, {}, "booking/detention.html")


@journey_step("release")
def release(request: HttpRequest, j: Journey) -> HttpResponse:
    initial = msgspec.structs.asdict(j.draft.release) if j.draft.release else {}
    form = bf.ReleaseForm(_data(request), initial=initial)

    def save(f: bf.ReleaseForm) -> None:
        j.draft.release = f.answer()

    context = {
        "title": "Release",
        "lede": "Detention is refused, so they are released now.",
    }
    return _form_step(request, j, form, save, context)


@journey_step("rights")
def rights(request: HttpRequest, j: Journey) -> HttpResponse:
    draft = j.draft
    initial = msgspec.structs.asdict(draft.rights) if draft.rights else {}
    form = bf.RightsForm(
        _data(request),
        initial=initial,
        needs_aa=booking.needs_appropriate_adult(draft),
        needs_interpreter=booking.needs_interpreter(draft),
        consular=booking.foreign_national(draft),
    )

    def save(f: bf.RightsForm) -> None:
        draft.rights = f.answer()

    return _form_step(request, j, form, save, {}, "booking/rights.html")


# 7. Check your answers, then book in


class Stale(Exception):
    """An answer no longer fits the suite as it is now; ``page`` is where to change it."""

    def __init__(self, message: str, page: Step) -> None:
        super().__init__(message)
        self.page = page


def _book_in(request: HttpRequest, j: Journey) -> CustodyRecord:
    draft, suite, user = j.draft, j.suite, _user(request)
    assert draft.person is not None
    assert draft.details is not None
    assert draft.detention is not None
    now = clock.now()
    with transaction.atomic():
        cell = None
        if draft.detention.authorised and draft.cell and draft.cell.pk:
            cells = Cell.objects.select_for_update().filter(suite=suite, in_use=True)
            cell = cells.filter(pk=draft.cell.pk).first()
            if cell is None or CustodyRecord.objects.filter(cell=cell, is_open=True).exists():
                message = f"Cell {draft.cell.name} is no longer free: choose another"
                raise Stale(message, "cell")
        chosen = draft.person
        if chosen.pk is not None:
            who = Person.objects.filter(pk=chosen.pk).first()
            if who is None:
                raise Stale(
                    f"{chosen.name} is no longer held as a person: find them again", "person"
                )
        else:
            person_id = booking.new_person_id()
            while Person.objects.filter(person_id=person_id).exists():
                person_id = booking.new_person_id()
            who = Person.objects.create(
                person_id=person_id,
                surname=chosen.surname,
                forenames=chosen.forenames,
                birth_date=chosen.birth_date,
                sex=draft.details.sex,
                ethnicity_self=draft.details.ethnicity_self,
            )
        by = msgspec.to_builtins(access.actor(user))
        return records.open_record(
            suite=suite,
            person=who,
            detainee=booking.detainee(draft, who.person_id),
            offences=booking.offences(draft),
            events=booking.first_events(draft, by=by, at=now, station=suite.code),
            user=user,
            now=now,
            cell=cell,
        )


def _change_url(j: Journey, page: str) -> str:
    return reverse(f"book-in-{page}", args=[j.suite.code, j.draft.id]) + "?change=1"


@journey_step("check")
def check(request: HttpRequest, j: Journey) -> HttpResponse:
    draft = j.draft
    problems: list[tuple[str, Step]] = []
    if request.method == "POST":
        try:
            record = _book_in(request, j)
        except Stale as stale:
            problems.append((str(stale), stale.page))
        except records.RecordInvalid as invalid:
            problems.append((f"The record could not be opened: {invalid.message}", "arrest"))
        else:
            del _drafts(request)[draft.id]
            request.session.modified = True
            assert draft.person is not None
            assert draft.detention is not None
            if draft.detention.authorised:
                done = f"{draft.person.name} booked in: custody record {record.record_id}"
            else:
                done = (
                    f"Detention refused and {draft.person.name} released: "
                    f"custody record {record.record_id}"
                )
            messages.success(request, done)
            return redirect("record", record.record_id)
    context = {
        "problems": [(text, _change_url(j, step)) for text, step in problems],
        "sections": [
            (title, [(row, _change_url(j, row.page)) for row in rows])
            for title, rows in booking.summary(draft)
        ],
        "flags": booking.flags(draft),
        "vulnerabilities": [
            booking.VULNERABILITY_LABELS[k] for k in booking.vulnerabilities(draft)
        ],
        "suggestion": booking.suggested_level(draft),
    }
    return _page(request, j, "booking/check.html", context)


_STEPS: tuple[tuple[Step, Callable[..., HttpResponse]], ...] = (
    ("arrest", arrest),
    ("offences", offences),
    ("person", person),
    ("details", details),
    ("risk", risk),
    ("observation", observation),
    ("cell", cell),
    ("detention", detention),
    ("release", release),
    ("rights", rights),
    ("check", check),
)

urlpatterns: list[URLPattern] = [
    path("suites/<str:code>/book-in/", start, name="book-in"),
    path(
        "suites/<str:code>/book-in/<str:journey>/person/new/",
        new_person,
        name="book-in-new-person",
    ),
    *(
        path(f"suites/<str:code>/book-in/<str:journey>/{step}/", view, name=f"book-in-{step}")
        for step, view in _STEPS
    ),
]
