"""``governance_figures``: the incidents and recommendations section of the governance pack."""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Q
from django.template.loader import render_to_string

from bridewell.learning.ageing import review_due
from bridewell.learning.incidents import review_days
from bridewell.learning.models import Incident, LearningAction, Recommendation
from bridewell.learning.pack import (
    ActionRow,
    GovernanceFigures,
    IncidentRow,
    Month,
    RecommendationRow,
    ReferralEntry,
    as_at,
    figures,
    standing_referral,
)
from bridewell.web import clock


def governance_figures(month: str, suites: Collection[str] | None) -> GovernanceFigures:
    """The figures of ``month`` (``2026-10``) for ``suites`` (codes), or the force when ``None``.

    Force-wide recommendations count in every suite's pack as well as the force's: they apply
    to every suite. Incidents by status include candidates and rejected candidates, so the pack
    shows how many proposals are waiting and how many were turned down. IOPC referrals count
    by the decision standing at the month's end (``pack.standing_referral``)."""
    days = review_days()
    chosen = Month.parse(month)
    now = clock.now()
    end = as_at(chosen, now)
    incidents = Incident.objects.prefetch_related("referrals")
    actions = LearningAction.objects.all()
    recs = Recommendation.objects.all()
    if suites is not None:
        incidents = incidents.filter(suite__code__in=suites)
        actions = actions.filter(incident__suite__code__in=suites)
        recs = recs.filter(Q(suite__isnull=True) | Q(suite__code__in=suites))
    rows = []
    for i in incidents:
        referred, referral_at = standing_referral(
            (ReferralEntry(r.at, r.referred) for r in i.referrals.all()), end
        )
        rows.append(
            IncidentRow(
                kind=i.kind,
                status=i.status,
                occurred_at=i.occurred_at,
                recorded_at=i.recorded_at,
                review_due=review_due(i.occurred_at, days),
                reviewed_at=i.reviewed_at,
                rejected_at=i.decided_at if i.status == Incident.Status.REJECTED else None,
                referred=referred,
                referral_recorded_at=referral_at,
            )
        )
    return figures(
        chosen,
        now,
        rows,
        (ActionRow(a.due, a.created_at, a.closed_at) for a in actions),
        (RecommendationRow(r.status, r.due, r.created_at, r.closed_at) for r in recs),
    )


def pack_html(figures: GovernanceFigures) -> str:
    """The section as escaped, self-contained HTML for the governance pack."""
    return render_to_string("learning/pack_section.html", {"figures": figures})
