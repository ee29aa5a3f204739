"""The roll-up pages cost the same number of queries for 3 units as for 30."""

from decimal import Decimal

import pytest
from django.urls import reverse

from styra.budget.services import budget_row_create
from styra.conftest import add_unit_goal
from styra.followup.models import Fulfilment
from styra.followup.services import (
    assessment_set,
    budget_follow_up_set,
    outcome_record,
    periods_ensure,
    report_open,
)
from styra.indicators.models import Aggregation
from styra.indicators.services import target_set
from styra.organisation.models import Kind, OrgUnit
from styra.plans.services import plan_create

from .test_rollup import shared_indicator

# Session and user, memberships, the node and its ancestors, the period, the tree, the
# visible nodes, plans, reports, goals, assessments, indicators, targets, outcomes (summed
# per committee on the city page), budget rows with their follow-ups (summed per unit or
# committee) and the period list.
MAX_QUERIES = 19
# The pages also count the header's unread notices, and read their internal control section
# (styra.internal_control.rollup: the tree, the plans, their counts, deviations and measures).
CONTROL_QUERIES = 5
PAGE_QUERIES = MAX_QUERIES + 1 + CONTROL_QUERIES
# The workbook has internal control's sheets too (internal_control.rollup_report).
EXCEL_QUERIES = MAX_QUERIES + CONTROL_QUERIES


def build(org, chain, units: int, indicators: int):
    t1 = periods_ensure(year=chain.year)[0]
    shared = [
        shared_indicator(chain.board, org.north, f"Indikator {i}", agg)
        for i, agg in zip(range(indicators), [*Aggregation.values] * indicators, strict=False)
    ]
    for n in range(units):
        unit = OrgUnit.objects.create(name=f"Enhet {n:02}", kind=Kind.UNIT, parent=org.dept)
        plan = plan_create(unit=unit, year=chain.year)
        goal = add_unit_goal(chain, unit, f"Mål {n}")
        report = report_open(org_unit=unit, period=t1)
        assessment_set(report=report, goal=goal, value=Fulfilment.PARTLY, proposed="")
        for indicator in shared:
            target_set(indicator=indicator, org_unit=unit, text="50 %")
            outcome_record(
                indicator=indicator,
                org_unit=unit,
                period=t1.code,
                value=Decimal(n),
                base=Decimal(10),
            )
        row = budget_row_create(plan=plan, name="Netto", net=Decimal(100))
        budget_follow_up_set(
            row=row, period=t1.code, outcome=None, forecast=Decimal(90 + n), comment="Åtgärder"
        )
    return t1


@pytest.mark.parametrize(("units", "indicators"), [(3, 2), (30, 8)])
def test_it_bounds_the_committee_page(
    client, reader, org, chain, django_assert_max_num_queries, units, indicators
):
    build(org, chain, units, indicators)
    client.force_login(reader)
    url = reverse("followup:rollup_committee", args=[org.north.pk, "2026T1"])
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="rollup-figure"') == units * indicators


@pytest.mark.parametrize(("units", "indicators"), [(3, 2), (30, 8)])
def test_it_bounds_the_city_page(
    client, city_admin, org, chain, django_assert_max_num_queries, units, indicators
):
    build(org, chain, units, indicators)
    client.force_login(city_admin)
    url = reverse("followup:rollup_city", args=["2026T1"])
    with django_assert_max_num_queries(PAGE_QUERIES):
        assert client.get(url).status_code == 200


def test_it_bounds_the_excel_download(client, reader, org, chain, django_assert_max_num_queries):
    build(org, chain, 30, 4)
    client.force_login(reader)
    url = reverse("followup:rollup_excel", args=[org.north.pk, "2026T1"])
    with django_assert_max_num_queries(EXCEL_QUERIES):
        assert client.get(url).status_code == 200
