"""Each decision on a plan or report tells those concerned, once it has committed."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from styra.accounts.models import Membership
from styra.decisions.services import (
    plan_adopt,
    plan_reopen,
    plan_submit,
    report_approve,
    report_reopen,
    report_submit,
)
from styra.followup.services import periods_ensure, report_open
from styra.plans.services import plan_create

from ..models import Kind, Notice


@pytest.fixture
def report_a(org, chain, plan_a):
    """Unit A's T1 report; its plan has no goals of its own, so it may be handed in as is."""
    periods = {p.code[-2:]: p for p in periods_ensure(year=chain.year)}
    return report_open(org_unit=org.unit_a, period=periods["T1"])


def told(kind=None):
    notices = Notice.objects.order_by("pk")
    if kind:
        notices = notices.filter(kind=kind)
    return [(n.recipient.username, n.kind) for n in notices]


def test_a_submitted_plan_goes_to_the_approvers(plan_a, editor_a, approver, mailed, committed):
    with committed():
        plan_submit(plan=plan_a, by=editor_a)
    assert told() == [("approver", Kind.SUBMITTED)]
    (message,) = mail.outbox
    assert message.to == ["approver@teststad.se"]
    assert message.subject == "Styra: Enhet A har lämnat in verksamhetsplanen 2026"
    assert "editor_a lämnade in verksamhetsplanen 2026 för Enhet A." in message.body
    assert f"http://127.0.0.1:8000/planer/{plan_a.pk}/" in message.body
    notice = Notice.objects.get()
    assert (notice.plan, notice.unit, notice.key) == (plan_a, plan_a.unit, "2026")


def test_an_adopted_plan_goes_to_the_units_editors(
    plan_a, editor_a, editor_b, approver, mailed, committed
):
    plan_submit(plan=plan_a, by=editor_a)
    with committed():
        plan_adopt(plan=plan_a, by=approver)
    assert told(Kind.DECIDED) == [("editor_a", Kind.DECIDED)]  # not unit B's editor
    assert [m.subject for m in mail.outbox] == [
        "Styra: Verksamhetsplanen 2026 för Enhet A är fastställd"
    ]


def test_a_plan_returned_to_a_unit_without_editors_tells_its_administrator_why(
    plan_a, editor_a, approver, city_admin, mailed, committed
):
    plan_submit(plan=plan_a, by=editor_a)
    Membership.objects.filter(user=editor_a).delete()  # the unit's only editor has left
    with committed():
        plan_reopen(plan=plan_a, by=approver, reason="Budgeten saknas.")
    assert told(Kind.RETURNED) == [("city_admin", Kind.RETURNED)]
    (message,) = mail.outbox
    assert "Motivering: Budgeten saknas." in message.body
    assert "ingen har rollen redaktör för Enhet A" in message.body


def test_a_reopened_plan_tells_the_editors_why(plan_a, editor_a, approver, mailed, committed):
    plan_submit(plan=plan_a, by=editor_a)
    with committed():
        plan_reopen(plan=plan_a, by=approver, reason="Budgeten saknar lokalkostnader.")
    notice = Notice.objects.get(kind=Kind.RETURNED)
    assert notice.recipient == editor_a
    assert "Motivering: Budgeten saknar lokalkostnader." in notice.text
    (message,) = mail.outbox
    assert "Motivering: Budgeten saknar lokalkostnader." in message.body
    html = message.alternatives[0].content
    assert "Motivering: Budgeten saknar lokalkostnader." in html and 'lang="sv"' in html


def test_a_report_submitted_approved_and_reopened(report_a, editor_a, approver, mailed, committed):
    with committed():
        report_submit(report=report_a, by=editor_a)
        report_approve(report=report_a, by=approver)
        report_reopen(report=report_a, by=approver, reason="Fel utfall.")
    assert told() == [
        ("approver", Kind.SUBMITTED),
        ("editor_a", Kind.DECIDED),
        ("editor_a", Kind.RETURNED),
    ]
    assert [m.subject for m in mail.outbox] == [
        "Styra: Enhet A har lämnat in tertialrapport 1 2026",
        "Styra: Tertialrapport 1 2026 för Enhet A är godkänd",
        "Styra: Tertialrapport 1 2026 för Enhet A har öppnats igen",
    ]
    assert all(n.report == report_a and n.key == "2026T1" for n in Notice.objects.all())
    assert f"/uppfoljning/rapporter/{report_a.pk}/" in mail.outbox[0].body


def test_the_one_who_decided_is_not_told(org, chain, city_admin, mailed, committed):
    """Södra nämnden has no approver: the city's administrator decides, and is not told of
    handing in the plan themselves."""
    plan = plan_create(unit=org.unit_s, year=chain.year)
    with committed():
        plan_submit(plan=plan, by=city_admin)
    assert told() == [] and mail.outbox == []
    plan_reopen(plan=plan, by=city_admin, reason="Fel år.")
    with committed():
        plan_submit(plan=plan, by=None)
    assert told() == [("city_admin", Kind.SUBMITTED)]


def test_a_refused_decision_tells_nobody(plan_a, approver, editor_a, mailed, committed):
    with committed(), pytest.raises(ValidationError):
        plan_adopt(plan=plan_a, by=approver)  # a draft cannot be adopted
    assert told() == [] and mail.outbox == []


def test_a_decision_rolled_back_sends_nothing(plan_a, editor_a, approver, mailed, committed):
    with committed(), transaction.atomic():
        plan_submit(plan=plan_a, by=editor_a)
        transaction.set_rollback(True)
    assert told() == [] and mail.outbox == []


def test_the_same_decision_twice_is_told_twice(plan_a, editor_a, approver, mailed, committed):
    """Handing in, reopening and handing in again: two decisions, two notices."""
    with committed():
        plan_submit(plan=plan_a, by=editor_a)
        plan_reopen(plan=plan_a, by=approver, reason="Komplettera.")
        plan_submit(plan=plan_a, by=editor_a)
    assert told(Kind.SUBMITTED) == [("approver", Kind.SUBMITTED)] * 2
