"""Four eyes: nobody decides on what they handed in themselves.

Only an administrator holds both rights on a unit (edit and approve); handing a plan or a
report in and then adopting or approving it alone would make the decision one person's.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styra.followup.models import Fulfilment, ReportStatus
from styra.followup.services import assessment_set
from styra.plans.models import PlanStatus

from ..models import Snapshot
from ..services import plan_adopt, plan_submit, report_approve, report_submit
from .conftest import build_report


def test_an_administrator_cannot_adopt_the_plan_they_handed_in(content, city_admin, approver):
    plan_submit(plan=content.plan, by=city_admin)
    with pytest.raises(ValidationError, match="Du lämnade in den själv"):
        plan_adopt(plan=content.plan, by=city_admin)
    content.plan.refresh_from_db()
    assert content.plan.status == PlanStatus.SUBMITTED and not Snapshot.objects.exists()
    plan_adopt(plan=content.plan, by=approver)  # another decider may
    content.plan.refresh_from_db()
    assert content.plan.status == PlanStatus.ADOPTED


def test_an_administrator_cannot_approve_the_report_they_handed_in(org, chain, plan_a, city_admin):
    setup = build_report(org, chain, plan_a)
    for goal in (setup.goal, setup.bare_goal):
        assessment_set(report=setup.report, goal=goal, value=Fulfilment.FULFILLED, proposed="")
    report_submit(report=setup.report, by=city_admin)
    with pytest.raises(ValidationError, match="Du lämnade in den själv"):
        report_approve(report=setup.report, by=city_admin)
    setup.report.refresh_from_db()
    assert setup.report.status == ReportStatus.SUBMITTED and not Snapshot.objects.exists()


def test_the_plan_page_says_why_and_changes_nothing(client, content, city_admin):
    plan_submit(plan=content.plan, by=city_admin)
    client.force_login(city_admin)
    url = reverse("decisions:plan_adopt", args=[content.plan.pk])
    page = client.post(url, follow=True).content.decode()
    assert "Du lämnade in den själv och kan inte fatta beslut om den." in page
    content.plan.refresh_from_db()
    assert content.plan.status == PlanStatus.SUBMITTED and not Snapshot.objects.exists()
