"""Reviews of detention (PACE s.40): the schedule, who reviews and how.

Clean schedule: the first review 4-5.5 h after detention was authorised (due at 6 h), later ones
7-8.5 h after the previous (due at 9 h). Now and then a review is postponed a little before its
deadline and held within 50 minutes after it; the next is then due 9 h after the postponed
deadline, so the chain continues from that deadline. Planted lateness is built into the chain
so that every later review follows the late one, as the schedule in rules-v1 requires.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Final, NamedTuple

from bridewell.rules import model as m
from bridewell.synth.episode import Episode
from bridewell.synth.people import pick
from bridewell.synth.timing import HOUR, MINUTE, minutes

FIRST: Final = 6 * HOUR
INTERVAL: Final = 9 * HOUR
POSTPONE: Final = 0.03  # product assumption
LATE: Final = 150  # a planted late review is held up to this many minutes after its deadline
POSTPONED_LATE: Final = 180
# Product assumption: how reviews are held; telephone only when video is not practicable.
MODES: Final = (("in_person", 75.0), ("video", 20.0), ("telephone", 5.0))


class Slot(NamedTuple):
    at: dt.datetime
    due: dt.datetime
    postponed: dt.datetime | None
    late: bool


def chain(
    ep: Episode,
    seed: int,
    horizon: dt.datetime,
    late: int | None = None,
    postponed_late: int | None = None,
) -> list[Slot]:
    """Review times from detention authorised to ``horizon``.

    ``late`` (``postponed_late``) is the index of a review held late (postponed and then held
    late). The chain has its own generator, so a longer horizon extends the same chain and a
    planted lateness leaves the reviews before it as they were.
    """
    rng = random.Random(seed)
    due = ep.da + FIRST
    at = ep.da + minutes(rng, 240, 330)
    out: list[Slot] = []
    while at < horizon:
        k = len(out)
        postponed, is_late, base = None, False, at
        if late == k:
            at = due + minutes(rng, 10, LATE)
            base, is_late = at, True
        elif postponed_late == k or rng.random() < POSTPONE:
            postponed = due - minutes(rng, 5, 40)
            is_late = postponed_late == k
            at = due + (minutes(rng, 70, POSTPONED_LATE) if is_late else minutes(rng, 5, 50))
            base = due
        out.append(Slot(at, due, postponed, is_late))
        due = base + INTERVAL
        at = base + minutes(rng, 420, 510)
    return out


def planted(ep: Episode, seed: int) -> list[Slot]:
    """The chain to the end of custody, with the planted lateness at a review it can hold.

    The index is chosen once the end is known, among the reviews whose late version is still
    held (10 minutes) before release; when there is none, nothing is planted.
    """
    clean = chain(ep, seed, ep.end)
    knobs, last = ep.knobs, ep.end - 10 * MINUTE
    late = postponed = None
    if knobs.review_late == "first":
        late = 0 if clean and clean[0].due + LATE * MINUTE < last else None
    elif knobs.review_late == "later":
        options = [k for k in range(1, len(clean)) if clean[k].due + LATE * MINUTE < last]
        late = ep.rng.choice(options[:3]) if options else None
    if knobs.review_postponed_late:
        options = [k for k, s in enumerate(clean) if s.due + POSTPONED_LATE * MINUTE < last]
        postponed = ep.rng.choice(options[:3]) if options else None
    if late is None and postponed is None:
        return clean
    return chain(ep, seed, ep.end, late, postponed)


def emit(ep: Episode, slots: list[Slot]) -> None:
    """Write the reviews held before the end, and plant the truth of any planted lateness."""
    rng = ep.rng
    for k, slot in enumerate(slots):
        if slot.postponed is not None and slot.postponed >= ep.end:
            return
        if slot.at >= ep.end - 5 * MINUTE:
            if slot.postponed is not None:  # released soon after: the review is held at once
                _review(ep, slot.postponed, slot.due)
            return
        if slot.postponed is not None:
            ep.add(
                slot.postponed,
                m.ReviewPostponed,
                by=_reviewer(ep, slot.postponed),
                reason=rng.choice(("Detainee in interview", "Detainee consulting solicitor")),
            )
            ep.postponed = True
        _review(ep, slot.at, slot.due)
        if slot.late and slot.postponed is not None:
            ep.plant("PACE-REVIEW-4", slot.due + HOUR, slot.due + HOUR)
        elif slot.late:
            rule = "PACE-REVIEW-1" if k == 0 else "PACE-REVIEW-2"
            ep.plant(rule, slot.due, slot.due)


def _reviewer(ep: Episode, t: dt.datetime) -> m.Actor:
    """Before charge the duty inspector (s.40(1)(b)); after it, the custody officer."""
    if ep.charge is None or t < ep.charge:
        return ep.roster.inspector(t)
    return ep.roster.sergeant(ep.rng, t)


def _review(ep: Episode, t: dt.datetime, due: dt.datetime) -> None:
    rng = ep.rng
    at_hospital = ep.hospital is not None and ep.hospital[0] <= t < ep.hospital[1]
    mode = "telephone" if at_hospital else pick(rng, MODES)
    fields: dict[str, object] = {"by": _reviewer(ep, t), "mode": mode, "outcome": "continue"}
    if mode == "telephone":
        fields["video_not_practicable"] = True
    ep.reviews.append((ep.add(t, m.Review, **fields), due))
