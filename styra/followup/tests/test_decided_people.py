"""Who handed in, approved or adopted is part of what was decided: the account that did it
cannot be deleted (it is deactivated instead), so a decided report's page and history, and
an adopted plan's page, keep naming them. Accounts that decided nothing are deleted as
before. Reopening what was decided needs a reason that says something."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse

from styra.decisions.services import (
    plan_adopt,
    plan_reopen,
    plan_submit,
    report_approve,
    report_reopen,
    report_submit,
)
from styra.plans.models import PlanStatus

from ..models import Report
from . import test_frozen

setup = test_frozen.setup  # Enhet A's T1 report, filled in and assessed

User = get_user_model()


def _named(user, **names) -> None:
    for key, value in names.items():
        setattr(user, key, value)
    user.save()


def test_the_approver_of_a_report_cannot_be_deleted(client, reader, editor_a, approver, setup):
    _named(approver, first_name="Anna", last_name="Andersson")
    _named(editor_a, first_name="Erik", last_name="Ek")
    report_submit(report=setup.report, by=editor_a)
    report_approve(report=setup.report, by=approver)
    client.force_login(reader)
    url = reverse("followup:report_block", args=[setup.report.pk, "header"])
    before = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "av Anna Andersson" in before and "av Erik Ek" in before

    for user in (approver, editor_a):
        with pytest.raises(ProtectedError):
            User.objects.filter(pk=user.pk).delete()

    report = Report.objects.get(pk=setup.report.pk)
    assert (report.submitted_by_id, report.approved_by_id) == (editor_a.pk, approver.pk)
    assert client.get(url, HTTP_HX_REQUEST="true").content.decode() == before


def test_the_one_who_adopted_a_plan_cannot_be_deleted(editor_a, approver, plan_a):
    plan_submit(plan=plan_a, by=editor_a)
    plan_adopt(plan=plan_a, by=approver)
    for user in (approver, editor_a):
        with pytest.raises(ProtectedError):
            user.delete()
    plan_a.refresh_from_db()
    assert (plan_a.submitted_by_id, plan_a.adopted_by_id) == (editor_a.pk, approver.pk)


def test_an_account_that_decided_nothing_is_deleted(reader, approver, setup):
    report_submit(report=setup.report, by=None)
    reader.delete()
    assert not User.objects.filter(pk=reader.pk).exists()


@pytest.mark.parametrize("reason", ["\u200b", ".", " - ", "\ufeff\u200b"])
def test_a_report_or_plan_is_reopened_only_with_a_reason_that_says_something(
    approver, editor_a, plan_a, setup, reason
):
    report_submit(report=setup.report, by=editor_a)
    plan_submit(plan=plan_a, by=editor_a)
    with pytest.raises(ValidationError) as report_refused:
        report_reopen(report=setup.report, by=approver, reason=reason)
    with pytest.raises(ValidationError) as plan_refused:
        plan_reopen(plan=plan_a, by=approver, reason=reason)
    # Both refuse on the reason's field, which the one reopen form shows it next to.
    assert report_refused.value.message_dict == {"reason": ["Ange varför rapporten öppnas igen."]}
    assert plan_refused.value.message_dict == {"reason": ["Ange varför planen öppnas igen."]}
    setup.report.refresh_from_db()
    plan_a.refresh_from_db()
    assert (setup.report.status, plan_a.status) == ("submitted", PlanStatus.SUBMITTED)
    assert not setup.report.events.filter(kind="reopen").exists()
    report_reopen(report=setup.report, by=approver, reason="Fel utfall")
    plan_reopen(plan=plan_a, by=approver, reason="Ny budget")
