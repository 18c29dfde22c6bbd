"""A PACE detention planned from arrest to release.

Times are worked out first (booking, support, risk, hospital, reviews, the pre-charge hold, the
outcome and so the end of custody), then every event is written with that end known, so nothing
is recorded after the detainee has gone. Interviews are held in at most one session per local
day, between 08:00 and 22:00: every 24 hours then holds a night of at least 9 hours without
interview, which keeps Code C 12.2 rest clean by construction.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Final

from bridewell.rules import model as m
from bridewell.synth import care, reviews, searches
from bridewell.synth.drafts import Draft
from bridewell.synth.episode import Episode
from bridewell.synth.offences import further
from bridewell.synth.people import pick
from bridewell.synth.profile import Outcome
from bridewell.synth.staff import CHIEF_INSPECTOR, SUPERINTENDENTS, constable
from bridewell.synth.timing import DAY, HOUR, MINUTE, at_local, local, local_minutes, minutes

# Product assumptions (docs/synthetic-data.md): booking-in wait and appropriate adult response
# in minutes, HCP calls, failed rousing, session length, interruptions of rest, grounds.
BOOKING_WAIT: Final = (((5, 25), 70.0), ((26, 60), 25.0), ((61, 120), 5.0))
AA_WAIT: Final = (((30, 180), 70.0), ((181, 360), 30.0))
HCP_FOR_OTHERS: Final = 0.1
FAILED_ROUSING: Final = 0.005
SESSION: Final = 5 * HOUR  # longest interview session: keeps a 9-hour rest in every 24 hours
REST_INTERRUPTED: Final = 0.08
GROUNDS: Final[tuple[tuple[str, float], ...]] = (
    ("obtain_evidence_by_questioning", 70.0),
    ("secure_preserve_evidence", 20.0),
    ("charging_decision", 10.0),
)
RELEASED: Final[dict[Outcome, str]] = {
    "nfa": "nfa",
    "rui": "released_under_investigation",
    "bail": "bail",
    "caution": "caution",
    "charged_bailed": "charged_bailed",
}
TRANSFERRED: Final[dict[Outcome, str]] = {
    "other_force": "other_force",
    "immigration": "immigration",
    "recall": "prison",
    "remanded": "court",
}
# Research note (b.5), Cambridgeshire: of 48 children charged and refused bail, 33 local
# authority requests were made and 2 children were moved.
LA_REQUESTED: Final = 33 / 48
LA_MOVED: Final = 2 / 33
NOTES: Final = (
    "Property bagged and sealed in the detainee's presence",
    "Detainee asked for a blanket: provided",
    "Solicitor attended; private consultation room used",
    "Next of kin informed by telephone",
    "Detainee given reading material",
)
REST_INTERRUPTIONS: Final = (
    ("b", "At the detainee's request: to speak to their solicitor"),
    ("c", "To carry out the review of detention"),
)


class Plan:
    """The times of one PACE detention, then its events."""

    def __init__(self, ep: Episode) -> None:
        self.ep = ep
        a = ep.p.arrival
        self.arrest = self.rights = self.c1 = self.c2 = a
        self.interpreter: tuple[dt.datetime, dt.datetime] | None = None
        self.sessions: list[list[tuple[dt.datetime, dt.datetime]]] = []
        self.aa_arrival: dt.datetime | None = None
        self.aa_request: dt.datetime | None = None
        self.identified: dt.datetime | None = None
        self.sober: dt.datetime | None = None
        self.step_down: dt.datetime | None = None
        self.legal_done: dt.datetime | None = None
        self.delay: tuple[dt.datetime, dt.datetime] | None = None
        self.extension: tuple[dt.datetime, dt.datetime, m.Actor] | None = None
        self.warrant: list[tuple[type[m.EventBase], dt.datetime, dt.datetime | None]] = []
        self.remand: list[tuple[type[m.EventBase], dt.datetime]] = []
        self.end_kind: type[m.EventBase] = m.Released

    def run(self) -> None:
        ep = self.ep
        self._book()
        self._support()
        self._risk()
        self._hospital()
        seed = ep.rng.getrandbits(32)
        self._hold(reviews.chain(ep, seed, ep.rt + 30 * HOUR))
        self._outcome()
        self._write()
        reviews.emit(ep, reviews.planted(ep, seed))
        care.visits(ep, ep.da)
        care.meals(ep, ep.da)
        searches.plan(ep)
        self._failed_rousing()
        self._extras()

    # times

    def _book(self) -> None:
        ep, p, rng = self.ep, self.ep.p, self.ep.rng
        if p.voluntary:
            self.arrest = p.arrival + minutes(rng, 10, 40)
            ep.rt = ep.rest_start = self.arrest
        else:
            self.arrest = p.arrival - minutes(rng, 12, 75)
        if ep.knobs.hold == "no_decision":
            wait = minutes(rng, 2, 5)
        else:
            low, high = pick(rng, BOOKING_WAIT)
            wait = minutes(rng, low, high)
        ep.da = ep.rt + wait
        t = ep.da + minutes(rng, 1, 3)
        if p.person.needs_interpreter:
            self.interpreter = (t, t + minutes(rng, 3, 12))
            t = self.interpreter[1]
        self.rights = t + minutes(rng, 1, 5)
        self.c1 = self.rights + minutes(rng, 2, 8)
        self.c2 = self.c1 + minutes(rng, 1, 4)
        ep.booked = self.c2

    def _support(self) -> None:
        ep, p, rng = self.ep, self.ep.p, self.ep.rng
        if p.juvenile or p.vulnerable:
            self.aa_request = self.rights + minutes(rng, 2, 15)
        elif p.later_vulnerability is not None:
            self.identified = ep.da + minutes(rng, 30, 240)
            ep.vulnerable_from = self.identified
            self.aa_request = self.identified + minutes(rng, 5, 20)
        if self.aa_request is not None:
            low, high = pick(rng, AA_WAIT)
            self.aa_arrival = self.aa_request + minutes(rng, low, high)
        if p.legal_advice:
            self.legal_done = self.rights + minutes(rng, 40, 240)
        if p.delay is not None and p.hold != "quick":
            start = self.rights + minutes(rng, 10, 60)
            self.delay = (start, start + minutes(rng, 60, 180))
            if p.delay == "legal_advice":
                self.legal_done = self.delay[1] + minutes(rng, 20, 60)

    def _risk(self) -> None:
        p, rng = self.ep.p, self.ep.rng
        if p.rousing:
            self.sober = self.c1 + minutes(rng, 240, 540)
        if p.level >= 3 and rng.random() < 0.5:
            self.step_down = self.c2 + minutes(rng, 180, 720)
            if self.sober is not None:
                self.step_down = self.sober = max(self.step_down, self.sober)
        elif p.level >= 3:
            self.sober = None  # on constant observation until release

    def _hospital(self) -> None:
        ep, p, rng = self.ep, self.ep.p, self.ep.rng
        if p.hospital is None:
            return
        leave = ep.da + minutes(rng, 60, 300)
        back = leave + minutes(rng, 120, 300 if p.hospital == "trip" else 360)
        ep.hospital = (leave, back)
        ep.absences.append(ep.hospital)
        if self.sober is not None and leave - 10 * MINUTE <= self.sober <= back + 10 * MINUTE:
            self.sober = back + minutes(rng, 10, 30)
        if self.step_down is not None and leave - 10 * MINUTE <= self.step_down:
            self.step_down = max(self.step_down, back + minutes(rng, 10, 30))
            if self.sober is not None:
                self.sober = self.step_down = max(self.sober, self.step_down)

    def _earliest_interview(self) -> dt.datetime | None:
        ep, p = self.ep, self.ep.p
        if p.rousing and self.sober is None:
            return None
        times = [ep.da + 45 * MINUTE]
        if self.legal_done is not None:
            times.append(self.legal_done + 20 * MINUTE)
        if self.aa_arrival is not None:
            times.append(self.aa_arrival + 15 * MINUTE)
        if self.sober is not None:
            times.append(self.sober + HOUR)
        if ep.hospital is not None:
            times.append(ep.hospital[1] + 30 * MINUTE)
        return max(times)

    def _plan_sessions(self, until: dt.datetime, one: bool) -> None:
        """Interviews: one session a day, in the day; ``one`` keeps them to a single session."""
        rng, count = self.ep.rng, self.ep.p.interviews
        start = self._earliest_interview()
        if start is None or count == 0:
            return
        day = _daytime(rng, start)
        tries = 0
        while count > 0 and day < until and tries < 6:
            tries += 1
            closing = min(at_local(local(day).date(), 22), day + SESSION)
            session: list[tuple[dt.datetime, dt.datetime]] = []
            t = day
            while count > 0:
                finish = t + minutes(rng, 25, 100)
                if finish > closing or finish > until:
                    break
                session.append((t, finish))
                count -= 1
                t = finish + minutes(rng, 30, 120)
            if session:
                self.sessions.append(session)
                if one:
                    return
            day = at_local(local(day).date() + DAY, 8, 30) + minutes(rng, 0, 120)

    def _hold(self, slots: list[reviews.Slot]) -> None:
        """The end of pre-charge detention, with any extension or warrant (PACE s.41-44)."""
        ep, p, rng, knob = self.ep, self.ep.p, self.ep.rng, self.ep.knobs.hold
        rt = ep.rt

        def h(hours: float) -> dt.datetime:
            return rt + dt.timedelta(hours=hours)

        if p.hospital == "admitted":
            ep.disposal = ep.hospital[1] if ep.hospital else ep.da
            return
        if knob == "no_decision" or p.hold == "quick":
            ep.disposal = ep.booked + minutes(rng, 10, 35)
            return
        if knob is None and p.hold == "standard":
            self._plan_sessions(h(21), one=True)
            self._standard_disposal()
            return
        if knob == "ext_rank":
            ext = h(16) + minutes(rng, 0, 300)
            self.extension = (ext, h(36), CHIEF_INSPECTOR)
            ep.disposal = ext + minutes(rng, 30, 150)
            ep.plant("PACE-EXT-36", ext, ext)
        elif knob == "ext_rank_overrun":
            ext = h(16) + minutes(rng, 0, 360)
            self.extension = (ext, h(36), CHIEF_INSPECTOR)
            ep.disposal = h(24) + minutes(rng, 15, 300)
            ep.plant("PACE-EXT-36", ext, ext)
            ep.plant("PACE-LIMIT-24", h(24), h(24))
        elif knob in ("ext_early", "ext_summary"):
            ext = (
                slots[0].at + minutes(rng, 15, 90)
                if knob == "ext_early"
                else slots[1].at + minutes(rng, 15, 45)
            )
            self.extension = (ext, h(36), rng.choice(SUPERINTENDENTS))
            ep.disposal = ext + minutes(rng, 30, 120)
            ep.plant("PACE-EXT-36", ext, ext)
        elif knob == "overrun24":
            ep.disposal = h(24) + minutes(rng, 15, 240)
            ep.plant("PACE-LIMIT-24", h(24), h(24))
        elif p.hold == "extended" and knob in (None, "overrun36"):
            until = h(30) + minutes(rng, 0, 360)
            self.extension = (self._valid_extension_time(slots), until, rng.choice(SUPERINTENDENTS))
            if knob is None:
                ep.disposal = h(24.5) + minutes(rng, 0, int((until - h(25)) / MINUTE))
            else:
                ep.disposal = until + minutes(rng, 15, 180)
                ep.plant("PACE-LIMIT-36", until, until)
        else:
            self._warrant(slots)
        self._plan_sessions(ep.disposal - 20 * MINUTE, one=False)

    def _standard_disposal(self) -> None:
        ep, rng = self.ep, self.ep.rng
        if self.sessions:
            disposal = self.sessions[-1][-1][1] + minutes(rng, 20, 180)
        else:
            held = math.exp(rng.gauss(math.log(210), 0.7))
            disposal = ep.da + minutes(rng, 0, 10) + dt.timedelta(minutes=min(max(held, 45), 1200))
        floors = [disposal]
        if self.sober is not None:
            floors.append(self.sober + minutes(rng, 30, 90))
        if self.aa_arrival is not None:
            floors.append(self.aa_arrival + minutes(rng, 20, 60))
        if ep.hospital is not None:
            floors.append(ep.hospital[1] + minutes(rng, 30, 90))
        if self.delay is not None:
            floors.append(self.delay[1] + minutes(rng, 15, 45))
        ep.disposal = min(max(floors), ep.rt + 22 * HOUR)

    def _valid_extension_time(self, slots: list[reviews.Slot]) -> dt.datetime:
        """After the second review and before 24 hours (PACE s.42(4))."""
        rng, rt = self.ep.rng, self.ep.rt
        return max(slots[1].at + minutes(rng, 15, 60), rt + minutes(rng, 19 * 60, 22 * 60))

    def _warrant(self, slots: list[reviews.Slot]) -> None:
        """A superintendent's extension to 36 hours, then a magistrates' warrant (s.43-44)."""
        ep, rng, rt, knob = self.ep, self.ep.rng, self.ep.rt, self.ep.knobs.hold
        until = rt + 36 * HOUR
        self.extension = (self._valid_extension_time(slots), until, rng.choice(SUPERINTENDENTS))
        if knob == "wfd_late":
            applied = until + minutes(rng, 20, 120)
            ep.plant("PACE-WFD-1", applied, applied)
            ep.plant("PACE-LIMIT-36", until, until)
        else:
            applied = rt + minutes(rng, 28 * 60, 34 * 60)
        issued = applied + minutes(rng, 60, 150)
        warrant = min(issued + minutes(rng, 24 * 60, 36 * 60), rt + 90 * HOUR)
        self.warrant = [
            (m.WarrantApplied, applied, None),
            (m.WarrantIssued, issued, warrant),
        ]
        final = warrant
        if knob == "overrun96" or (knob is None and rng.random() < 0.3):
            final = (
                rt + 96 * HOUR if knob else min(warrant + minutes(rng, 720, 1440), rt + 95 * HOUR)
            )
            self.warrant.append((m.WarrantExtended, warrant - minutes(rng, 60, 240), final))
        if knob == "wfd_late":
            ep.disposal = applied + minutes(rng, 180, 1200)
        elif knob == "overrun_warrant":
            ep.disposal = final + minutes(rng, 15, 180)
            ep.plant("PACE-LIMIT-WARRANT", final, final)
        elif knob == "overrun96":
            ep.disposal = final + minutes(rng, 20, 120)
            ep.plant("PACE-LIMIT-WARRANT", final, final)
            ep.plant("PACE-LIMIT-96", final, final)
        elif final > warrant:  # extended because more time was needed: charged after that
            ep.disposal = warrant + minutes(rng, 0, int((final - warrant) / MINUTE) - 60)
        else:
            ep.disposal = rt + minutes(rng, 40 * 60, int((warrant - rt) / MINUTE) - 60)

    def _outcome(self) -> None:
        """Charge, bail or remand, and so the end of the custody episode."""
        ep, p, rng = self.ep, self.ep.p, self.ep.rng
        d = ep.disposal
        if p.hospital == "admitted":
            ep.end, self.end_kind = d, m.Transferred
            return
        if p.outcome not in ("charged_bailed", "remanded"):
            ep.end = d
            self.end_kind = m.Released if p.outcome in RELEASED else m.Transferred
            return
        ep.charge = d
        if p.outcome == "charged_bailed":
            ep.end = d + minutes(rng, 20, 90)
            return
        refused = d + minutes(rng, 5, 20)
        self.remand.append((m.BailRefused, refused))
        court = _court_sitting(rng, refused + 2 * HOUR)
        ep.end, self.end_kind = court, m.Transferred
        if not p.juvenile:
            return
        if rng.random() < LA_REQUESTED:
            asked = refused + minutes(rng, 5, 30)
            self.remand.append((m.LaTransferRequested, asked))
            if rng.random() < LA_MOVED:
                ep.end, self.end_kind = asked + minutes(rng, 120, 360), m.LaTransferCompleted
                return
        certified = min(refused + minutes(rng, 30, 240), court - 30 * MINUTE)
        self.remand.append((m.S38_6Certificate, certified))

    # events

    def _write(self) -> None:
        ep, p, rng, roster = self.ep, self.ep.p, self.ep.rng, self.ep.roster
        refs = [o.ref for o in p.offences]
        arrest: dict[str, object] = {"place": "elsewhere", "offences": refs}
        if p.voluntary:
            arrest = {"place": "at_station", "voluntary_attendance": True, "offences": refs}
            ep.add(p.arrival, m.Arrived, station=roster.suite.code)
            ep.add(self.arrest, m.Arrested, by=constable(rng), **arrest)
        else:
            ep.add(self.arrest, m.Arrested, by=constable(rng), **arrest)
            ep.add(p.arrival, m.Arrived, station=roster.suite.code)
        grounds = pick(rng, GROUNDS)
        ep.add(ep.da, m.DetentionAuthorised, by=roster.sergeant(rng, ep.da), grounds=grounds)
        officer = roster.custody_officer(rng, self.rights)
        if self.interpreter is not None:
            ep.add(self.interpreter[0], m.InterpreterRequested)
            ep.add(
                self.interpreter[1],
                m.InterpreterArrived,
                by=roster.interpreter(rng),
                mode="telephone",
            )
        ep.add(
            self.rights,
            m.RightsGiven,
            by=officer,
            interpreter_present=self.interpreter is not None,
        )
        self._rights_requests()
        self._write_risk()
        self._write_aa()
        self._write_hospital()
        self._write_interviews()
        self._write_limits()
        self._write_end()

    def _rights_requests(self) -> None:
        ep, p, rng = self.ep, self.ep.p, self.ep.rng
        asked = self.rights + MINUTE
        for right, wanted in (
            ("legal_advice", p.legal_advice),
            ("inform_someone", p.inform_someone),
        ):
            if wanted and asked < ep.end:
                ep.add(asked, m.RightRequested, right=right)
        done = self.legal_done
        if p.legal_advice and done is not None and done < ep.end:
            ep.add(done, m.RightFulfilled, right="legal_advice")
        informed = self.rights + minutes(rng, 10, 90)
        if self.delay is not None and self.delay[1] < min(ep.disposal, ep.end) - 15 * MINUTE:
            start, stop = self.delay
            by = (
                rng.choice(SUPERINTENDENTS)
                if p.delay == "legal_advice"
                else ep.roster.inspector(start)
            )
            grounds = "Risk of alerting other suspects not yet arrested (s.56(5))"
            ep.add(start, m.RightDelayAuthorised, right=p.delay, by=by, grounds=grounds)
            ep.add(stop, m.RightDelayEnded, right=p.delay)
            informed = stop + minutes(rng, 5, 30)
        if p.inform_someone and informed < ep.end:
            ep.add(informed, m.RightFulfilled, right="inform_someone")

    def _write_risk(self) -> None:
        ep, p, rng, knobs = self.ep, self.ep.p, self.ep.rng, self.ep.knobs
        ep.assess(
            self.c1,
            "initial",
            intoxicated=p.intoxicated,
            self_harm=p.self_harm,
            swallowed=p.swallowed,
        )
        level = p.level
        if knobs.visits == "intox_level1":
            due = min(ep.da + HOUR, self.c1 + 30 * MINUTE)
            quiet = ep.hospital is None and self.sober is not None and due < ep.end - 10 * MINUTE
            if quiet and p.level == 2:
                level = 1
                ep.plant("APP-OBS-2", None, self.c1 + 30 * MINUTE)
                ep.plant("PACE-CARE-2", due, due)
            else:
                knobs.visits = None
        reason = "Initial risk assessment"
        rousing = None if level != 2 else p.rousing
        ep.observe(self.c2, level, reason, rousing)
        if p.self_harm or p.vulnerable or p.swallowed or rng.random() < HCP_FOR_OTHERS:
            asked = self.c1 + minutes(rng, 3, 15)
            seen = asked + minutes(rng, 15, 120)
            if asked < ep.end:
                ep.add(asked, m.HcpRequested, reason="Booking-in risk assessment")
            if seen < ep.end and not ep.absent(seen):
                ep.add(seen, m.HcpSeen, by=ep.roster.hcp(rng, seen), reason="Assessment")
        for t in sorted({t for t in (self.sober, self.step_down) if t is not None}):
            if t < ep.end - 10 * MINUTE:
                ep.assess(t, "review", self_harm=p.self_harm)
                level = 2 if p.self_harm else 1
                ep.observe(t + minutes(rng, 1, 3), level, "Risk reviewed", False)

    def _write_aa(self) -> None:
        """The appropriate adult: requested, present for each interview session, rights again."""
        ep, p, rng, roster, end = self.ep, self.ep.p, self.ep.rng, self.ep.roster, self.ep.end
        if self.aa_request is None or self.aa_request >= end:
            if self.identified is not None:  # identified too late to matter: not recorded
                ep.vulnerable_from = None
            return
        if self.identified is not None:
            ep.add(self.identified, m.VulnerabilityIdentified, kind=p.later_vulnerability)
        ep.add(self.aa_request, m.AppropriateAdultRequested)
        arrival = self.aa_arrival
        if arrival is None or arrival >= end - 15 * MINUTE:
            return
        windows: list[tuple[dt.datetime, dt.datetime]] = []
        come: dt.datetime | None = arrival
        for session in self.sessions:
            start = session[0][0]
            if come is not None and start - come > 3 * HOUR:
                windows.append((come, come + minutes(rng, 30, 60)))
                come = None
            if come is None:
                come = start - minutes(rng, 15, 45)
            windows.append((come, session[-1][1] + minutes(rng, 5, 20)))
            come = None
        if come is not None:
            windows.append((come, ep.disposal + minutes(rng, 10, 40)))
        aa = roster.appropriate_adult(rng)
        for come_at, leave_at in windows:
            ep.add(come_at, m.AppropriateAdultArrived, by=aa)
            if leave_at < end - 5 * MINUTE:
                ep.add(leave_at, m.AppropriateAdultLeft, by=aa)
            ep.aa_present.append((come_at, min(leave_at, end)))
        again = arrival + minutes(rng, 2, 10)
        ep.add(
            again,
            m.RightsGiven,
            by=roster.custody_officer(rng, again),
            appropriate_adult_present=True,
            interpreter_present=self.interpreter is not None,
        )

    def _write_hospital(self) -> None:
        ep, p, rng = self.ep, self.ep.p, self.ep.rng
        if ep.hospital is None:
            return
        leave, back = ep.hospital
        seen = leave - minutes(rng, 20, 50)
        ep.add(seen, m.HcpSeen, by=ep.roster.hcp(rng, seen), reason="Condition deteriorating")
        if rng.random() < 0.5:
            ep.add(leave - minutes(rng, 5, 15), m.AmbulanceCalled, reason="Transfer to A&E")
        ep.add(leave, m.HospitalDeparted, purpose="medical")
        if p.hospital == "trip":
            ep.add(back, m.HospitalReturned)

    def _write_interviews(self) -> None:
        ep, p, rng = self.ep, self.ep.p, self.ep.rng
        interpreter = p.person.needs_interpreter
        for n, session in enumerate(self.sessions):
            if interpreter:
                ep.add(
                    session[0][0] - minutes(rng, 10, 30),
                    m.InterpreterArrived,
                    by=ep.roster.interpreter(rng),
                    mode="in_person",
                )
            for start, finish in session:
                ep.add(
                    start,
                    m.InterviewStarted,
                    appropriate_adult_present=ep.needs_aa(start),
                    interpreter_present=interpreter,
                    solicitor_present=p.legal_advice,
                )
                ep.add(finish, m.InterviewEnded)
                ep.absences.append((start, finish))
            arrested = session[-1][1] + minutes(rng, 5, 30)
            if n == 0 and p.further_arrest and arrested < ep.disposal:
                offence = further(rng, f"O{len(p.offences) + 1}")
                p.offences.append(offence)
                ep.add(arrested, m.FurtherArrest, offences=[offence.ref])

    def _write_limits(self) -> None:
        ep = self.ep
        if self.extension is not None:
            at, limit, by = self.extension
            ep.add(at, m.ExtensionAuthorised, by=by, until=limit)
        for kind, when, until in self.warrant:
            if until is None:
                ep.add(when, kind)
            else:
                ep.add(when, kind, by=ep.roster.court, until=until)

    def _write_end(self) -> None:
        ep, p, rng, roster, end = self.ep, self.ep.p, self.ep.rng, self.ep.roster, self.ep.end
        if ep.charge is not None:
            refs = [o.ref for o in p.offences]
            ep.add(ep.charge, m.Charged, by=roster.sergeant(rng, ep.charge), offences=refs)
            ep.assess(ep.charge + minutes(rng, 5, 15), "charge", self_harm=p.self_harm)
        for kind, t in self.remand:
            if kind is m.BailRefused:
                grounds = "Risk of further offences and of failing to appear"
                ep.add(t, kind, by=roster.sergeant(rng, t), grounds=grounds)
                ep.assess(t + minutes(rng, 2, 10), "bail_refused", self_harm=p.self_harm)
            elif kind is m.LaTransferRequested:
                ep.add(t, kind, secure=rng.random() < 0.1)
            else:
                harm = p.age >= 12 and rng.random() < 0.15
                reason = "no_secure_accommodation_serious_harm" if harm else "impracticable"
                ep.add(t, kind, by=roster.sergeant(rng, t), reason=reason)
        officer = roster.custody_officer(rng, end)
        if p.hospital == "admitted":
            ep.ending = ep.add(end, m.Transferred, to="hospital_admission")
            return
        prra = max(end - minutes(rng, 15, 90), ep.da + 2 * MINUTE)
        ep.add(prra, m.PrraCompleted, by=roster.custody_officer(rng, prra))
        if self.end_kind is m.LaTransferCompleted:
            ep.ending = ep.add(end, m.LaTransferCompleted)
        elif self.end_kind is m.Released:
            ep.ending = ep.add(end, m.Released, by=officer, outcome=RELEASED[p.outcome])
        else:
            ep.ending = ep.add(end, m.Transferred, to=TRANSFERRED[p.outcome])

    def _failed_rousing(self) -> None:
        """Rarely, a detainee cannot be roused; an HCP is called at once (Code C Annex H)."""
        ep, rng = self.ep, self.ep.rng
        if not ep.p.rousing or rng.random() >= FAILED_ROUSING:
            return
        roused = [d for d in ep.of(m.CellVisit) if d.fields.get("roused") and d.at < ep.end - HOUR]
        if roused:
            visit = rng.choice(roused)
            visit.fields["response"] = "no_response"
            asked = visit.at + minutes(rng, 1, 4)
            ep.add(asked, m.HcpRequested, reason="No response when roused")
            ep.add(asked + minutes(rng, 8, 30), m.HcpSeen, by=ep.roster.hcp(rng, asked))

    def _extras(self) -> None:
        """Notes, a corrected note, and interruptions of rest that Code C 12.2 allows."""
        ep, rng, roster = self.ep, self.ep.rng, self.ep.roster
        span = int((ep.end - ep.da) / MINUTE)
        notes = []
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            t = ep.da + minutes(rng, 1, max(1, span - 1))
            notes.append(ep.add(t, m.Note, by=roster.sergeant(rng, t), text=rng.choice(NOTES)))
        if notes and ep.p.correction:
            note = notes[0]
            fixed = Draft(note.at, m.Note, {**note.fields, "text": note.fields["text"] + "."})
            t = note.at + minutes(rng, 10, 120)
            ep.add(
                t,
                m.Correction,
                by=roster.sergeant(rng, t),
                corrects=note,
                reason="Typing error",
                replacement=fixed,
            )
        if span > 600 and rng.random() < REST_INTERRUPTED:
            code, reason = rng.choice(REST_INTERRUPTIONS)
            ep.add(
                ep.da + minutes(rng, 120, span - 60), m.RestInterrupted, code=code, reason=reason
            )


def plan(ep: Episode) -> None:
    """Fill ``ep`` with a PACE detention."""
    Plan(ep).run()


def _daytime(rng: random.Random, t: dt.datetime) -> dt.datetime:
    """``t`` if it is in the interviewing day (08:00-20:30 local), else the next morning."""
    now = local_minutes(t)
    if 8 * 60 <= now < 20 * 60 + 30:
        return t
    day = local(t).date() + (DAY if now >= 20 * 60 + 30 else dt.timedelta(0))
    return at_local(day, 8, 30) + minutes(rng, 0, 120)


def _court_sitting(rng: random.Random, t: dt.datetime) -> dt.datetime:
    """The next morning list of the magistrates' court (none on Sundays) at or after ``t``."""
    day = local(t).date() + (DAY if local(t).hour >= 7 else dt.timedelta(0))
    while day.weekday() == 6:
        day += DAY
    return max(at_local(day, 8) + minutes(rng, 0, 90), t)
