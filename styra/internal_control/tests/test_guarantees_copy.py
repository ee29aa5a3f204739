"""Copying a unit's plan to next year copies its quality guarantees: words, target and
remedy, never the outcomes; into a draft only, once, and only forwards for the same unit."""

import pytest
from django.core.exceptions import ValidationError

from styra.goals.models import PlanningYear, UnitGoalLabel
from styra.internal_control import guarantee_services
from styra.internal_control.models import QualityGuarantee
from styra.plans.models import Plan, PlanStatus
from styra.plans.services import plan_copy_to_year, plan_create

from .test_guarantees import _record

pytestmark = pytest.mark.django_db


@pytest.fixture
def guaranteed(org, chain, plan_a, periods):
    first = guarantee_services.guarantee_create(
        unit=org.unit_a,
        year=chain.year,
        promise="Du får ett första samtal inom en vecka",
        term="inom 7 dagar från ansökan",
        target_percent=90,
        remedy="Enhetschefen ringer dig",
    )
    second = guarantee_services.guarantee_create(
        unit=org.unit_a, year=chain.year, promise="Du får en kontaktperson", term="vid beslut"
    )
    _record(first, periods["T1"], cases=20, kept=17, comment="Semestertider")
    return first, second


@pytest.fixture
def next_year(db):
    return PlanningYear.objects.create(year=2027, unit_goal_label=UnitGoalLabel.ENHETSMAL)


def fields(guarantee):
    return (guarantee.promise, guarantee.term, guarantee.target_percent, guarantee.remedy)


def test_copying_the_plan_copies_its_guarantees_without_their_outcomes(
    org, plan_a, guaranteed, next_year
):
    report = plan_copy_to_year(plan=plan_a, year=2027)

    copies = list(QualityGuarantee.objects.of_plan(org.unit_a.pk, next_year.pk))
    assert [fields(g) for g in copies] == [fields(g) for g in guaranteed]
    assert all(not g.outcomes.exists() for g in copies)
    assert guaranteed[0].outcomes.count() == 1  # last year's stays with last year
    assert "Kvalitetsgaranti: Du får ett första samtal inom en vecka" in report.copied
    assert "Kvalitetsgaranti: Du får en kontaktperson" in report.copied


def test_a_plan_without_guarantees_copies_none(org, plan_a, next_year):
    report = plan_copy_to_year(plan=plan_a, year=2027)
    assert not QualityGuarantee.objects.filter(year=next_year).exists()
    assert not any(line.startswith("Kvalitetsgaranti") for line in report.copied)


def test_copying_again_adds_none_twice_and_keeps_the_new_plans_own(
    org, plan_a, guaranteed, next_year
):
    new_plan = plan_create(unit=org.unit_a, year=next_year)
    own = guarantee_services.guarantee_create(
        unit=org.unit_a, year=next_year, promise="Du får svar på mejl samma dag", term="1 dag"
    )
    first = guarantee_services.guarantees_copy_to_year(plan=plan_a, new_plan=new_plan)
    again = guarantee_services.guarantees_copy_to_year(plan=plan_a, new_plan=new_plan)

    assert len(first) == 2 and again == []
    promises = [g.promise for g in QualityGuarantee.objects.of_plan(org.unit_a.pk, next_year.pk)]
    assert promises == [own.promise, *(g.promise for g in guaranteed)]


def test_it_copies_into_a_draft_only_forwards_and_for_the_same_unit(
    org, chain, plan_a, plan_b, guaranteed, next_year
):
    new_plan = plan_create(unit=org.unit_a, year=next_year)
    Plan.objects.filter(pk=new_plan.pk).update(status=PlanStatus.SUBMITTED)
    new_plan.refresh_from_db()
    with pytest.raises(ValidationError):
        guarantee_services.guarantees_copy_to_year(plan=plan_a, new_plan=new_plan)
    with pytest.raises(ValidationError):
        guarantee_services.guarantees_copy_to_year(plan=plan_a, new_plan=plan_b)
    with pytest.raises(ValidationError):
        guarantee_services.guarantees_copy_to_year(plan=plan_a, new_plan=plan_a)
    assert not QualityGuarantee.objects.filter(year=next_year).exists()
    assert QualityGuarantee.objects.filter(unit=org.unit_b).count() == 0


def test_the_copy_page_lists_the_guarantees_copied(
    client, editor_a, org, plan_a, guaranteed, next_year
):
    from django.urls import reverse

    client.force_login(editor_a)
    response = client.post(reverse("plans:copy", args=[plan_a.pk]), {"year": 2027}, follow=True)
    assert response.status_code == 200
    assert "Du får ett första samtal inom en vecka" in response.content.decode()
    assert QualityGuarantee.objects.filter(year=next_year, unit=org.unit_a).count() == 2
