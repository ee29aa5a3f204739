"""Every delete on the plan page asks once, in Styra's own form, and nowhere else.

Reproduction: the delete buttons carried browser dialogs (data-confirm), so a goal with
draft report data was asked about twice, first by the browser ("Ta bort målet …?") and
then by the server's form naming the data that goes. Now there is no dialog; the server
asks in a real form (keyboard and no-JS friendly) for every delete, naming the draft
report data where there is some, else the object.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from styra.budget.models import BudgetRow
from styra.budget.services import budget_row_create
from styra.conftest import add_indicator, add_unit_goal
from styra.goals.models import Activity, Goal
from styra.goals.services import activity_create
from styra.indicators.models import Indicator
from styra.indicators.services import indicator_create
from styra.plans.models import Appendix, Section
from styra.plans.services import appendix_add, section_create

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def things(org, chain, plan_a):
    goal = add_unit_goal(chain, org.unit_a, "Snabba svar")
    indicator = add_indicator(
        goal, org.unit_a, "Svarstid", target="högst 3 dagar", periodicity="year"
    )
    activity = activity_create(goal=goal, owner=org.unit_a, name="Ny telefonrutin")
    row = budget_row_create(plan=plan_a, name="Verksamheten", net=Decimal(1000))
    section = section_create(plan=plan_a, heading="Inledning", text="Text.")
    appendix = appendix_add(plan=plan_a, name="Bilaga 1")
    return {
        "goal_delete": (
            Goal,
            goal,
            "Målet ”Snabba svar” tas bort med sina indikatorer och aktiviteter.",
        ),
        "indicator_delete": (
            Indicator,
            indicator,
            "Indikatorn ”Svarstid” tas bort med sina årsmål.",
        ),
        "activity_delete": (Activity, activity, "Aktiviteten ”Ny telefonrutin” tas bort."),
        "budget_row_delete": (BudgetRow, row, "Budgetraden ”Verksamheten” tas bort."),
        "section_delete": (Section, section, "Avsnittet ”Inledning” tas bort."),
        "appendix_delete": (Appendix, appendix, "Bilagan ”Bilaga 1” tas bort."),
    }


NAMES = [
    "goal_delete",
    "indicator_delete",
    "activity_delete",
    "budget_row_delete",
    "section_delete",
    "appendix_delete",
]


@pytest.mark.parametrize("headers", [{}, HTMX])
@pytest.mark.parametrize("name", NAMES)
def test_a_delete_asks_once_in_a_form_then_deletes(client, editor_a, plan_a, things, name, headers):
    model, obj, question = things[name]
    client.force_login(editor_a)
    delete = reverse(f"plans:{name}", args=[plan_a.pk, obj.pk])
    response = client.post(delete, **headers)
    html = response.content.decode()
    assert response.status_code == 200
    assert question in html
    assert f'action="{delete}"' in html
    assert '<input type="hidden" name="confirm" value="1">' in html
    assert "Avbryt" in html
    assert model.objects.filter(pk=obj.pk).exists()

    response = client.post(delete, {"confirm": "1"}, **headers)
    assert response.status_code in (200, 302)
    assert not model.objects.filter(pk=obj.pk).exists()


def test_the_plan_page_has_no_browser_dialog_on_a_delete(client, editor_a, plan_a, things, chain):
    client.force_login(editor_a)
    html = client.get(reverse("plans:detail", args=[plan_a.pk])).content.decode()
    forms = re.findall(r"<form[^>]*>", html)
    deletes = [f for f in forms if "ta-bort" in f]
    assert deletes, "the page shows delete buttons"
    assert not [f for f in deletes if "confirm" in f]
    assert "hx-confirm" not in html


def test_the_chain_page_has_no_browser_dialog_on_a_delete(client, city_admin, chain, org):
    indicator_create(goal=chain.area, owner=org.city, name="KF:s indikator")
    activity_create(goal=chain.area, owner=org.city, name="KF:s aktivitet")
    client.force_login(city_admin)
    html = client.get(reverse("goals:chain_year", args=[chain.year.year])).content.decode()
    deletes = [f for f in re.findall(r"<form[^>]*>", html) if "ta-bort" in f]
    assert len(deletes) >= 3
    assert "hx-confirm" not in html and not [f for f in deletes if "confirm" in f]
