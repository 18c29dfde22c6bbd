"""The QA dashboard, sample and checklist pages: who may see and answer, suites, the access log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bridewell.accounts.models import AccessLog, StaffProfile
from bridewell.rules.localtime import LONDON
from bridewell.sampling import checklist, figures, samples, sampling
from bridewell.sampling.models import Answer, DisputeDecision, Sample, SampledRecord
from bridewell.web import clock
from tests import factories as f
from tests.sampling.builders import closed

pytestmark = pytest.mark.django_db


def last_week() -> tuple[str, dt.datetime]:
    week = sampling.previous_week(sampling.week_of(clock.now()))
    monday = dt.datetime.combine(sampling.week_start(week), dt.time(9), LONDON)
    return week, monday


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def drawn() -> SampledRecord:
    suite = f.suite()
    week, monday = last_week()
    closed(suite, monday, force=True)
    sample, _ = samples.draw(suite, week, clock.now())
    return sample.records.get()


def checklist_url(sampled: SampledRecord) -> str:
    return reverse("dip-checklist", args=[sampled.sample_id, sampled.record.record_id])


def passing(sampled: SampledRecord, **special: str) -> dict[str, str]:
    prepared = samples.prepare(sampled.record, clock.now())
    data = {
        i.key.replace(":", "-"): "confirm" if i.kind == "engine" else "meets"
        for i in prepared.items
    }
    return data | special


@pytest.mark.parametrize("role", ["qa_officer", "inspector", "superintendent", "custody_manager"])
def test_qa_roles_see_the_dashboard(role):
    suite = f.suite()
    response = client_for(f.staff(role, suite)).get(reverse("dip-dashboard"))
    assert response.status_code == 200
    assert b"Due this week" in response.content


@pytest.mark.parametrize("role", ["custody_officer", "detention_officer", "hcp", "scrutiny"])
def test_other_roles_are_refused_every_page(role, drawn):
    c = client_for(f.staff(role, drawn.sample.suite))
    assert c.get(reverse("dip-dashboard")).status_code == 403
    assert c.get(reverse("dip-sample", args=[drawn.sample_id])).status_code == 403
    assert c.get(checklist_url(drawn)).status_code == 403
    assert c.post(checklist_url(drawn), passing(drawn)).status_code == 403
    assert not AccessLog.objects.exists()


def test_another_suite_s_sample_and_record_are_not_found(drawn):
    elsewhere = f.staff("qa_officer", f.suite("EASTBANK"))
    c = client_for(elsewhere)
    assert c.get(reverse("dip-sample", args=[drawn.sample_id])).status_code == 404
    assert c.get(checklist_url(drawn)).status_code == 404
    assert c.post(checklist_url(drawn), passing(drawn)).status_code == 404
    assert not AccessLog.objects.exists()


def test_a_record_not_in_the_sample_is_not_found(drawn):
    other = f.booked(drawn.sample.suite)
    url = reverse("dip-checklist", args=[drawn.sample_id, other.record_id])
    assert client_for(f.staff("qa_officer", drawn.sample.suite)).get(url).status_code == 404


def test_the_checklist_page_logs_the_read_and_shows_the_engine_s_findings(drawn):
    auditor = f.staff("qa_officer", drawn.sample.suite)
    response = client_for(auditor).get(checklist_url(drawn))
    assert response.status_code == 200
    [entry] = AccessLog.objects.all()
    assert (entry.user, entry.record, entry.purpose) == (auditor, drawn.record, "dip sample")
    page = response.content.decode()
    assert "What the engine found" in page
    assert "Timeline of the record" in page
    assert "Use of force and restraint" in page
    assert page.count('type="radio"') > 20


def test_the_sample_page_lists_its_records_and_logs_them(drawn):
    manager = f.staff("custody_manager", drawn.sample.suite)
    response = client_for(manager).get(reverse("dip-sample", args=[drawn.sample_id]))
    assert drawn.record.record_id in response.content.decode()
    assert "Use of force" in response.content.decode()
    assert list(AccessLog.objects.values_list("record", flat=True)) == [drawn.record_id]


def test_an_auditor_answers_checks_and_records_the_checklist(drawn):
    auditor = f.staff("qa_officer", drawn.sample.suite)
    c = client_for(auditor)
    url = checklist_url(drawn)

    # A dispute without a reason, and a "does not meet" without a note, are refused.
    response = c.post(url, passing(drawn, **{"engine-care": "dispute", "grounds": "does_not_meet"}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Explain why you dispute the engine on ‘Care in the cell (all regimes)’" in page
    assert "Explain why ‘Grounds for detention recorded properly’ does not meet" in page

    # CCTV after force may not be "not applicable".
    response = c.post(url, passing(drawn, cctv="not_applicable"))
    assert "CCTV cannot be not applicable" in response.content.decode()

    answers = passing(
        drawn,
        **{"engine-care": "dispute", "engine-care-note": "The 10:00 visit was never made"},
    )
    response = c.post(url, answers)
    check = reverse("dip-check", args=[drawn.sample_id, drawn.record.record_id])
    assert response.status_code == 302
    assert response["Location"] == check
    assert not Answer.objects.exists()

    response = c.get(check)
    assert "Check your answers" in response.content.decode()
    assert "The 10:00 visit was never made" in response.content.decode()
    assert "Disputed: the engine missed something" in response.content.decode()

    # "Change" goes back to the form with the answers filled in.
    again = c.get(url).content.decode()
    assert 'id="id_engine-care_1" name="engine-care" type="radio" value="dispute" checked' in again
    assert "The 10:00 visit was never made</textarea>" in again

    response = c.post(check)
    assert response.status_code == 302
    drawn.refresh_from_db()
    assert drawn.completed_by == auditor
    assert drawn.completed_at is not None
    care = Answer.objects.get(sampled=drawn, item="engine:care")
    assert (care.value, care.outcome, care.note) == (
        "dispute",
        "fail",
        "The 10:00 visit was never made",
    )

    # Read-only afterwards: the answers are shown and a second submission is refused.
    page = c.get(url).content.decode()
    assert "Checklist answers" in page
    assert 'type="radio"' not in page
    assert c.post(url, answers).status_code == 403

    dashboard = c.get(reverse("dip-dashboard")).content.decode()
    assert "The 10:00 visit was never made" in dashboard
    assert "Completed" in dashboard


def test_only_auditors_answer(drawn):
    manager = client_for(f.staff("custody_manager", drawn.sample.suite))
    assert manager.post(checklist_url(drawn), passing(drawn)).status_code == 403
    check = reverse("dip-check", args=[drawn.sample_id, drawn.record.record_id])
    assert manager.get(check).status_code == 403
    page = manager.get(checklist_url(drawn)).content.decode()
    assert "has not been checked yet" in page


@pytest.mark.parametrize("staff_id", ["S0001", "D0001"])  # made entries; named on the force
def test_an_auditor_who_took_part_in_the_record_does_not_check_it(drawn, staff_id):
    auditor = f.staff("inspector", drawn.sample.suite)
    StaffProfile.objects.filter(user=auditor).update(staff_id=staff_id)
    c = client_for(auditor)
    page = c.get(checklist_url(drawn)).content.decode()
    assert "another auditor must check it" in page
    assert 'type="radio"' not in page
    assert c.post(checklist_url(drawn), passing(drawn)).status_code == 403

    prepared = samples.prepare(drawn.record, clock.now())
    answers = {
        i.key: checklist.Answer("confirm" if i.kind == "engine" else "meets", "")
        for i in prepared.items
    }
    auditor.refresh_from_db()
    with pytest.raises(samples.TookPart):
        samples.record_answers(drawn, prepared, answers, auditor, clock.now())
    other = f.staff("qa_officer", drawn.sample.suite)
    samples.record_answers(drawn, prepared, answers, other, clock.now())
    assert Answer.objects.filter(sampled=drawn).count() == len(prepared.items)


def test_the_check_page_sends_an_auditor_without_answers_back(drawn):
    c = client_for(f.staff("inspector", drawn.sample.suite))
    check = reverse("dip-check", args=[drawn.sample_id, drawn.record.record_id])
    assert c.post(check)["Location"] == checklist_url(drawn)
    assert not Answer.objects.exists()


def test_an_auditor_draws_the_week_s_samples_once():
    suite = f.suite()
    week, monday = last_week()
    closed(suite, monday)
    c = client_for(f.staff("qa_officer", suite))
    assert b"Draw this week" in c.get(reverse("dip-dashboard")).content
    c.post(reverse("dip-draw"))
    c.post(reverse("dip-draw"))
    sample = Sample.objects.get()
    assert (sample.week, sample.records.count()) == (week, 1)
    assert b"Draw this week" not in c.get(reverse("dip-dashboard")).content


def test_oversight_may_not_draw():
    suite = f.suite()
    c = client_for(f.staff("custody_manager", suite))
    assert c.post(reverse("dip-draw")).status_code == 403
    assert c.get(reverse("dip-draw")).status_code == 405


def test_an_unfinished_past_sample_is_overdue(drawn):
    c = client_for(f.staff("qa_officer", drawn.sample.suite))
    clock.advance(dt.timedelta(days=8))
    try:
        page = c.get(reverse("dip-dashboard")).content.decode()
    finally:
        clock.reset()
    assert "No sample from a past week is overdue" not in page
    assert f"{drawn.sample.suite.name}, {drawn.sample.week}" in page


def disputed(drawn: SampledRecord) -> Answer:
    auditor = f.staff("qa_officer", drawn.sample.suite)
    prepared = samples.prepare(drawn.record, clock.now())
    answers = {
        i.key: checklist.Answer("confirm" if i.kind == "engine" else "meets", "")
        for i in prepared.items
    }
    answers["engine:care"] = checklist.Answer("dispute", "The 10:00 visit was never made")
    samples.record_answers(drawn, prepared, answers, auditor, clock.now())
    return Answer.objects.get(sampled=drawn, item="engine:care")


def test_a_dispute_is_decided_once_with_a_reason_by_someone_else(drawn):
    answer = disputed(drawn)
    url = reverse("dip-dispute", args=[answer.pk])

    own = client_for(answer.answered_by)
    assert "someone else decides it" in own.get(url).content.decode()
    assert own.post(url, {"outcome": "defect", "reason": "x"}).status_code == 403

    manager = f.staff("custody_manager", drawn.sample.suite)
    c = client_for(manager)
    dashboard = c.get(reverse("dip-dashboard")).content.decode()
    assert f'href="{url}"' in dashboard
    refused = c.post(url, {"outcome": "defect"}).content.decode()
    assert "Explain your decision" in refused
    response = c.post(url, {"outcome": "defect", "reason": "The visit log shows no 10:00 entry"})
    assert response.status_code == 302
    decision = DisputeDecision.objects.get(answer=answer)
    assert (decision.outcome, decision.decided_by) == ("defect", manager)

    dashboard = c.get(reverse("dip-dashboard")).content.decode()
    assert "Rule defect: the engine is wrong" in dashboard
    assert f'href="{url}"' not in dashboard
    assert "Record the decision" not in c.get(url).content.decode()
    assert c.post(url, {"outcome": "upheld", "reason": "changed my mind"}).status_code == 403
    with pytest.raises(samples.AlreadyDecided):
        samples.decide_dispute(answer, "upheld", "again", f.staff("inspector"), clock.now())

    section = figures.pack_html(figures.governance_figures(drawn.sample.month))
    assert "Rule defect: the engine is wrong, pass it to the rules team. The visit log" in section


def test_only_disputes_in_the_user_s_suites_can_be_decided(drawn):
    answer = disputed(drawn)
    elsewhere = client_for(f.staff("custody_manager", f.suite("ELSEWHERE")))
    assert elsewhere.get(reverse("dip-dispute", args=[answer.pk])).status_code == 404
    confirmed = Answer.objects.filter(sampled=drawn).exclude(value="dispute").first()
    manager = client_for(f.staff("custody_manager", drawn.sample.suite))
    assert manager.get(reverse("dip-dispute", args=[confirmed.pk])).status_code == 404
    with pytest.raises(ValueError, match="needs a reason"):
        samples.decide_dispute(answer, "defect", "  ", f.staff("inspector"), clock.now())
