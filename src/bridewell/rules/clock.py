"""The PACE detention clock: relevant time, hospital time, and the limit in force.

``L(h)`` in rules-v1 is :meth:`DetentionClock.after`: the instant at which ``h`` hours of the clock
have run, pausing for time at hospital for treatment (PACE s.41(6)). Extensions and warrants are
judged here because the limit in force depends on them; the findings about them are reported by
``checks.limits``.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from bridewell.rules import model as m
from bridewell.rules.authority import review_is_valid
from bridewell.rules.config import HOUR
from bridewell.rules.intervals import Interval
from bridewell.rules.lazy import cached
from bridewell.rules.timeline import Timeline


class Limit(NamedTuple):
    """The limit in force: when it falls, which rule it is, and the events it rests on."""

    due: dt.datetime
    rule: str
    events: list[str]
    label: str


class ExtensionCheck(NamedTuple):
    event: m.ExtensionAuthorised
    faults: list[str]

    @property
    def valid(self) -> bool:
        return not self.faults


class DetentionClock:
    """The pre-charge clock of a PACE record (None of it applies to other regimes)."""

    def __init__(self, tl: Timeline) -> None:
        self.tl = tl
        first_arrest = tl.first(m.Arrested)
        self.relevant_event: m.EventBase | None
        if first_arrest and (
            first_arrest.place == "at_station" or first_arrest.voluntary_attendance
        ):
            self.relevant_event = first_arrest
            self.relevant_basis = (
                "arrest after voluntary attendance"
                if first_arrest.voluntary_attendance
                else "arrest at the station"
            )
        else:
            self.relevant_event = tl.first_arrived
            self.relevant_basis = "arrival at the station"
        self.relevant_time = self.relevant_event.at if self.relevant_event else None
        self.pre_charge_end = min(tl.charge_at, tl.end) if tl.charge_at else tl.end
        self._after: dict[float, dt.datetime] = {}

    @cached
    def hospital_time(self) -> list[Interval]:
        """Hospital time after the relevant time: a clock that is not running cannot pause."""
        rt = self.relevant_time
        if rt is None:
            return []
        return [iv._replace(start=max(iv.start, rt)) for iv in self.tl.hospital_time if iv.end > rt]

    def after(self, hours: float) -> dt.datetime:
        """``L(h)``: RT + h, plus all hospital time that began before that instant."""
        known = self._after.get(hours)
        if known is None:
            known = self._after[hours] = self._compute_after(hours)
        return known

    def _compute_after(self, hours: float) -> dt.datetime:
        assert self.relevant_time is not None
        cursor = self.relevant_time
        remaining = dt.timedelta(hours=hours)
        for iv in self.hospital_time:
            if cursor + remaining <= iv.start:
                break
            remaining -= iv.start - cursor
            cursor = max(cursor, iv.end)
        return cursor + remaining

    def elapsed(self, t: dt.datetime) -> dt.timedelta:
        """How much of the clock has run at ``t``."""
        assert self.relevant_time is not None
        if t <= self.relevant_time:
            return dt.timedelta(0)
        paused = sum(
            (min(iv.end, t) - iv.start for iv in self.hospital_time if iv.start < t),
            dt.timedelta(0),
        )
        return t - self.relevant_time - paused

    @cached
    def valid_reviews(self) -> list[m.Review]:
        return [r for r in self.tl.of(m.Review) if review_is_valid(r, self.tl.charge_at)]

    @cached
    def extensions(self) -> list[ExtensionCheck]:
        """Every s.42 extension with the reasons it is invalid (none for a valid one)."""
        reviews = self.valid_reviews
        second_review = reviews[1].at if len(reviews) >= 2 else None
        checks = []
        for ext in self.tl.of(m.ExtensionAuthorised):
            faults = []
            if not ext.by.at_least("superintendent"):
                faults.append(f"authorised by a {ext.by.rank.replace('_', ' ')}")
            if not self.tl.record.has_indictable_offence:
                faults.append("no offence is indictable")
            if ext.at > self.after(24):
                faults.append("given more than 24 hours after the relevant time")
            if second_review is None or ext.at <= second_review:
                faults.append("given before the second review")
            if ext.until > self.after(36):
                faults.append("runs beyond 36 hours after the relevant time")
            checks.append(ExtensionCheck(ext, faults))
        return checks

    def application_deadline(self, app: m.WarrantApplied) -> dt.datetime:
        """36 hours, or 42 when the court could not sit at 36 hours (s.43(5)(b))."""
        return self.after(36) + (6 * HOUR if app.court_not_sitting else dt.timedelta(0))

    @cached
    def late_applications(self) -> list[m.WarrantApplied]:
        return [a for a in self.tl.of(m.WarrantApplied) if a.at > self.application_deadline(a)]

    @cached
    def counting_warrants(
        self,
    ) -> list[tuple[m.WarrantApplied, m.WarrantIssued | m.WarrantExtended]]:
        """Warrants issued or extended after a valid application, each with that application.

        An extension of a warrant counts only once a warrant has been issued.
        """
        if not self.tl.of(m.WarrantIssued):
            return []
        late = {a.id for a in self.late_applications}
        valid_apps = [a for a in self.tl.of(m.WarrantApplied) if a.id not in late]
        grants: list[m.WarrantIssued | m.WarrantExtended] = [
            *self.tl.of(m.WarrantIssued),
            *self.tl.of(m.WarrantExtended),
        ]
        grants.sort(key=lambda g: g.at)
        out: list[tuple[m.WarrantApplied, m.WarrantIssued | m.WarrantExtended]] = []
        issued = False
        for grant in grants:
            apps = [a for a in valid_apps if a.at <= grant.at]
            if not apps or (isinstance(grant, m.WarrantExtended) and not issued):
                continue
            issued = True
            out.append((apps[-1], grant))
        return out

    @cached
    def limit(self) -> Limit | None:
        """The limit in force, built up in time order; None when there is no relevant time.

        A valid extension moves the 24-hour limit to its ``until``. A counting warrant moves it to
        its ``until`` (never past 96 hours), but only when it was applied for while detention was
        still authorised, or under the court-not-sitting exception once detention had been
        extended to 36 hours: a warrant cannot make lawful hours already spent past a limit.
        """
        if self.relevant_time is None:
            return None
        rt_id = self.relevant_event.id if self.relevant_event else None
        limit = Limit(self.after(24), "PACE-LIMIT-24", [rt_id] if rt_id else [], "24-hour limit")
        valid = [c.event for c in self.extensions if c.valid]
        if valid:
            ext = valid[-1]
            if ext.until > limit.due:
                limit = Limit(ext.until, "PACE-LIMIT-36", [ext.id], "superintendent's extension")
        warrants = self.counting_warrants
        if not warrants:
            return limit
        cap, thirty_six = self.after(96), self.after(36)
        for app, grant in warrants:
            in_time = app.at <= limit.due or (app.court_not_sitting and limit.due >= thirty_six)
            if not in_time:
                break
            label = "warrant of further detention" + (
                " (extended)" if isinstance(grant, m.WarrantExtended) else ""
            )
            limit = Limit(min(grant.until, cap), "PACE-LIMIT-WARRANT", [app.id, grant.id], label)
        return limit
