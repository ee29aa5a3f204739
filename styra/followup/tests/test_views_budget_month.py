"""Monthly budget follow-up: the whole month saved at once, deficits explained, by role."""

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from styra.budget.models import RowKind
from styra.budget.services import budget_row_create, budget_set_unit

from ..models import BudgetFollowUp
from ..services import budget_follow_up_set


@pytest.fixture
def rows(plan_a):
    budget_set_unit(plan=plan_a, currency_unit="tkr")
    staff = budget_row_create(plan=plan_a, name="Personal", costs=Decimal(1000))
    rent = budget_row_create(plan=plan_a, name="Lokaler", costs=Decimal(200))
    total = budget_row_create(plan=plan_a, name="Summa", kind=RowKind.COSTS)
    return staff, rent, total


def url(plan, code="2026M03"):
    return reverse("followup:budget_month", args=[plan.pk, code])


def data(rows, **values):
    staff, rent, _ = rows
    form = {
        f"row{staff.pk}-outcome": "250",
        f"row{staff.pk}-forecast": "1 000",
        f"row{rent.pk}-outcome": "50",
        f"row{rent.pk}-forecast": "200",
    }
    form.update(values)
    return form


def test_it_saves_every_row_of_the_month(client, controller, plan_a, rows):
    client.force_login(controller)
    response = client.post(url(plan_a), data(rows))
    assert response.status_code == 302
    saved = {f.row.name: f for f in BudgetFollowUp.objects.filter(period="2026M03")}
    assert set(saved) == {"Personal", "Lokaler"}  # sum rows are not entered
    assert saved["Personal"].forecast == Decimal(1000)
    page = client.get(url(plan_a)).content.decode()
    assert "Budgetuppföljning mars 2026" in page


def test_it_requires_a_comment_on_a_deficit_and_saves_nothing(client, editor_a, plan_a, rows):
    staff, _, _ = rows
    client.force_login(editor_a)
    response = client.post(url(plan_a), data(rows, **{f"row{staff.pk}-forecast": "1 100"}))
    assert response.status_code == 400
    assert "Prognosen visar underskott" in response.content.decode()
    assert not BudgetFollowUp.objects.exists()
    response = client.post(
        url(plan_a),
        data(rows, **{f"row{staff.pk}-forecast": "1 100", f"row{staff.pk}-comment": "Vikarier."}),
    )
    assert response.status_code == 302
    assert "underskott" in client.get(url(plan_a)).content.decode()


def test_it_rejects_words_where_numbers_belong(client, editor_a, plan_a, rows):
    staff, _, _ = rows
    client.force_login(editor_a)
    response = client.post(url(plan_a), data(rows, **{f"row{staff.pk}-outcome": "många"}))
    assert response.status_code == 400 and "Ange ett tal" in response.content.decode()
    assert not BudgetFollowUp.objects.exists()


@pytest.mark.parametrize(
    "persona,status", [("reader", 403), ("approver", 403), ("editor_b", 404), ("outsider", 404)]
)
def test_it_refuses_others(client, request, persona, status, plan_a, rows):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(url(plan_a), data(rows)).status_code == status
    assert not BudgetFollowUp.objects.exists()


def test_it_shows_the_month_read_only_to_readers(client, reader, plan_a, rows):
    client.force_login(reader)
    html = client.get(url(plan_a)).content.decode()
    assert "Personal" in html and "Spara månaden" not in html


@pytest.mark.parametrize("code", ["2026T1", "2025M03", "2026M13", "nonsens"])
def test_it_only_takes_months_of_the_plans_year(client, editor_a, plan_a, code):
    client.force_login(editor_a)
    assert client.get(url(plan_a, code)).status_code == 404


@time_machine.travel("2026-05-20")
def test_it_starts_from_the_current_month(client, editor_a, plan_a):
    client.force_login(editor_a)
    response = client.get(reverse("followup:budget_latest", args=[plan_a.pk]))
    assert response["Location"] == url(plan_a, "2026M05")


@pytest.mark.parametrize("lines", [2, 20])
def test_the_month_costs_the_same_queries_for_few_rows_as_for_many(
    client, controller, plan_a, lines, django_assert_max_num_queries
):
    budget_set_unit(plan=plan_a, currency_unit="tkr")
    for i in range(lines):
        row = budget_row_create(plan=plan_a, name=f"Rad {i}", costs=Decimal(100))
        budget_follow_up_set(row=row, period="2026M03", outcome=Decimal(20), forecast=Decimal(90))
        if i % 5 == 4:
            budget_row_create(plan=plan_a, name=f"Summa {i}", kind=RowKind.COSTS)
    budget_row_create(plan=plan_a, name="Totalt", kind=RowKind.TOTAL)
    client.force_login(controller)
    # Session and user, memberships, the plan, its unit and ancestors, the rows, the follow-ups,
    # the header's unread notices.
    with django_assert_max_num_queries(10):
        response = client.get(url(plan_a))
    assert response.status_code == 200
    assert f">{90 * lines}<" in response.content.decode().replace("\xa0", "")


def test_a_sum_row_shows_the_sum_of_its_lines_outcome_and_forecast(client, controller, rows):
    staff, rent, total = rows
    client.force_login(controller)
    client.post(url(rows[0].budget.plan), data(rows))
    page = client.get(url(rows[0].budget.plan)).content.decode()
    assert ">300<" in page and ">1\xa0200<" in page  # outcome 250 + 50, forecast 1 000 + 200
