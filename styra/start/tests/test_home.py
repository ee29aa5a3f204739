"""The start page "Att göra" for each role: what each person sees and what they never see."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from styra.accounts.models import Membership, Role
from styra.audit.models import Action as AuditAction
from styra.audit.models import AuditEntry
from styra.conftest import PASSWORD
from styra.followup.models import Report, ReportingPeriod, ReportStatus
from styra.organisation.models import Kind, OrgUnit
from styra.plans.models import PlanStatus
from styra.plans.services import plan_create

HOME = reverse("start:home")
TODAY = datetime.datetime(2026, 7, 15, 10, tzinfo=datetime.UTC)


@pytest.fixture
def city_year(org, chain, plan_a, plan_b):
    """T1 is past its deadline (15 May), T2 is due on 15 September; unit B has handed in
    T1 and its plan; unit A has not reported T1; Enhet S (the other committee) neither."""
    t1 = ReportingPeriod.objects.create(
        year=chain.year,
        code="2026T1",
        cutoff=datetime.date(2026, 4, 30),
        deadline=datetime.date(2026, 5, 15),
    )
    t2 = ReportingPeriod.objects.create(
        year=chain.year,
        code="2026T2",
        cutoff=datetime.date(2026, 8, 31),
        deadline=datetime.date(2026, 9, 15),
    )
    plan_s = plan_create(unit=org.unit_s, year=chain.year)
    report_b = Report.objects.create(
        org_unit=org.unit_b,
        period=t1,
        unit_name="Enhet B",
        status=ReportStatus.SUBMITTED,
        submitted_at=TODAY,
    )
    plan_b.status = PlanStatus.SUBMITTED
    plan_b.submitted_at = TODAY
    plan_b.save()
    return type(
        "CityYear",
        (),
        dict(t1=t1, t2=t2, plan_a=plan_a, plan_b=plan_b, plan_s=plan_s, report_b=report_b),
    )


def page(client, user):
    client.force_login(user)
    with time_machine.travel(TODAY, tick=False):
        response = client.get(HOME)
    assert response.status_code == 200
    return response


def test_it_shows_an_editor_their_units_reports_late_first(client, editor_a, city_year):
    response = page(client, editor_a)
    due = response.context["todo"].due
    assert [(d.unit_name, d.period.code, d.is_late) for d in due] == [
        ("Enhet A", "2026T1", True),
        ("Enhet A", "2026T2", False),
    ]
    html = response.content.decode()
    assert "Försenad: 61 dagar sen" in html
    assert "62 dagar kvar" in html
    assert "1 rapport är försenad." in html
    assert "Enhet B" not in html and "Enhet S" not in html
    assert [p.pk for p in response.context["todo"].plans_to_write] == [city_year.plan_a.pk]
    assert "Inget väntar på ditt beslut." in html
    assert "Enheter som inte har rapporterat" not in html


def test_it_does_not_list_a_handed_in_report_as_due(client, editor_b, city_year):
    todo = page(client, editor_b).context["todo"]
    assert [(d.unit_name, d.period.code) for d in todo.due] == [("Enhet B", "2026T2")]
    assert todo.plans_to_write == []  # submitted, no longer the editor's to write


def test_it_shows_an_approver_what_waits_and_who_is_late(client, approver, city_year):
    response = page(client, approver)
    todo = response.context["todo"]
    assert todo.plans_to_approve == [city_year.plan_b]
    assert todo.reports_to_approve == [city_year.report_b]
    assert [(d.unit_name, d.period.code) for d in todo.not_reported] == [("Enhet A", "2026T1")]
    assert todo.due == [] and todo.plans_to_write == []
    html = response.content.decode()
    assert reverse("followup:report", args=[city_year.report_b.pk]) in html
    assert reverse("plans:detail", args=[city_year.plan_b.pk]) in html
    assert "Enhet S" not in html


def test_it_does_not_ask_an_approver_to_decide_on_their_own_unit(client, org, city_year):
    from django.contrib.auth import get_user_model

    head = get_user_model().objects.create_user(username="head_b", password=PASSWORD)
    Membership.objects.create(user=head, org_unit=org.unit_b, role=Role.APPROVER)
    todo = page(client, head).context["todo"]
    assert todo.plans_to_approve == [] and todo.reports_to_approve == []
    assert todo.not_reported == [] and not todo.oversees


def test_it_shows_a_controller_who_is_late_but_nothing_to_decide(client, controller, city_year):
    response = page(client, controller)
    todo = response.context["todo"]
    assert todo.plans_to_approve == [] and todo.reports_to_approve == []
    assert [(d.unit_name, d.period.code) for d in todo.not_reported] == [("Enhet A", "2026T1")]
    assert "Försenad: 61 dagar sen" in response.content.decode()


def test_it_shows_the_city_admin_the_whole_city(client, city_admin, city_year):
    todo = page(client, city_admin).context["todo"]
    assert todo.plans_to_approve == [city_year.plan_b]
    assert todo.reports_to_approve == [city_year.report_b]
    assert [(d.unit_name, d.period.code) for d in todo.not_reported] == [
        ("Enhet A", "2026T1"),
        ("Enhet S", "2026T1"),
    ]


def test_it_gives_a_reader_only_the_plans_and_empty_lists(client, reader, city_year):
    response = page(client, reader)
    todo = response.context["todo"]
    assert todo.due == todo.plans_to_write == todo.plans_to_approve == []
    assert todo.reports_to_approve == todo.not_reported == todo.imports == []
    html = response.content.decode()
    assert "Du har inga rapporter att lämna just nu." in html
    assert "Du har inga planer att skriva eller lämna in." in html
    assert "Inget väntar på ditt beslut." in html
    assert {p.unit_name for _, plans in todo.by_year for p in plans} == {"Enhet A", "Enhet B"}


def test_it_shows_an_outsider_nothing(client, outsider, city_year):
    response = page(client, outsider)
    assert "Det finns inga planer som du har behörighet att se." in response.content.decode()
    assert response.context["todo"].by_year == []


def test_it_lists_the_draft_plans_the_person_imported(client, editor_a, editor_b, city_year):
    for user, plan in ((editor_a, city_year.plan_a), (editor_b, city_year.plan_b)):
        AuditEntry.objects.create(
            actor_id=user.pk,
            actor=user.username,
            action=AuditAction.CREATE,
            object_type="plans.plan",
            object_id=str(plan.pk),
            object_name=str(plan),
            path=reverse("importer:confirm"),
        )
    assert page(client, editor_a).context["todo"].imports == [city_year.plan_a]
    # Unit B's import is submitted now: no longer a draft to finish.
    assert page(client, editor_b).context["todo"].imports == []


def test_it_asks_a_bounded_number_of_queries(
    client, org, chain, city_admin, city_year, django_assert_max_num_queries
):
    client.force_login(city_admin)
    for n in range(40):
        unit = OrgUnit.objects.create(name=f"Enhet {n:02}", kind=Kind.UNIT, parent=org.dept)
        plan_create(unit=unit, year=chain.year)
        if n % 2:
            Report.objects.create(org_unit=unit, period=city_year.t1, unit_name=unit.name)
    with time_machine.travel(TODAY, tick=False), django_assert_max_num_queries(12):
        response = client.get(HOME)
    assert len(response.context["todo"].not_reported) == 42
