"""Move up/down on the plan page: offered only where the row can move, forged moves do nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from styra.budget.services import budget_row_create
from styra.conftest import add_unit_goal
from styra.goals.services import activity_create
from styra.indicators.services import indicator_create
from styra.plans.models import SectionPart
from styra.plans.services import section_create

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def rows(plan_a, chain, org):
    def goal(title):
        return add_unit_goal(chain, org.unit_a, title)

    goals = [goal("Först"), goal("Mitten"), goal("Sist")]
    return {
        "goal_move": goals,
        "indicator_move": [
            indicator_create(goal=goals[0], owner=org.unit_a, name=name) for name in ("I1", "I2")
        ],
        "activity_move": [activity_create(goal=goals[1], owner=org.unit_a, name="Ensam")],
        "section_move": [
            section_create(plan=plan_a, heading="Inledning 1"),
            section_create(plan=plan_a, heading="Inledning 2"),
            section_create(plan=plan_a, heading="Avslutning", part=SectionPart.CLOSING),
        ],
        "budget_row_move": [
            budget_row_create(plan=plan_a, name="Personal", costs=Decimal(10)),
            budget_row_create(plan=plan_a, name="Lokaler", costs=Decimal(5)),
        ],
    }


def _url(name, plan, obj, way):
    return reverse(f"plans:{name}", args=[plan.pk, obj.pk, way])


# (kind, index) -> the moves offered: the closing section is alone in its part.
OFFERED = {
    ("goal_move", 0): {"ned"},
    ("goal_move", 1): {"upp", "ned"},
    ("goal_move", 2): {"upp"},
    ("indicator_move", 0): {"ned"},
    ("indicator_move", 1): {"upp"},
    ("activity_move", 0): set(),
    ("section_move", 0): {"ned"},
    ("section_move", 1): {"upp"},
    ("section_move", 2): set(),
    ("budget_row_move", 0): {"ned"},
    ("budget_row_move", 1): {"upp"},
}


def test_it_offers_moves_only_where_a_row_can_move(client, editor_a, plan_a, rows):
    client.force_login(editor_a)
    html = client.get(reverse("plans:detail", args=[plan_a.pk])).content.decode()
    for (kind, index), offered in OFFERED.items():
        for way in ("upp", "ned"):
            shown = f'action="{_url(kind, plan_a, rows[kind][index], way)}"' in html
            assert shown == (way in offered), (kind, index, way)


def test_a_moved_row_gets_the_controls_of_its_new_place(client, editor_a, plan_a, rows):
    client.force_login(editor_a)
    first, second = rows["budget_row_move"]
    html = client.post(_url("budget_row_move", plan_a, second, "upp"), **HTMX).content.decode()
    assert html.index("Lokaler") < html.index("Personal")
    assert f'action="{_url("budget_row_move", plan_a, second, "upp")}"' not in html
    assert f'action="{_url("budget_row_move", plan_a, first, "upp")}"' in html


@pytest.mark.parametrize(
    "kind, index, way",
    [
        ("goal_move", 0, "upp"),
        ("goal_move", 2, "ned"),
        ("indicator_move", 0, "upp"),
        ("activity_move", 0, "ned"),
        ("section_move", 1, "ned"),  # the last intro section does not jump into the closing
        ("section_move", 2, "upp"),
        ("budget_row_move", 1, "ned"),
    ],
)
@pytest.mark.parametrize("htmx", [True, False])
def test_a_forged_move_beyond_the_edge_changes_nothing(
    client, editor_a, plan_a, rows, kind, index, way, htmx
):
    model = type(rows[kind][0])
    positions = dict(model.objects.values_list("pk", "position"))
    client.force_login(editor_a)
    response = client.post(_url(kind, plan_a, rows[kind][index], way), **(HTMX if htmx else {}))
    assert response.status_code == (200 if htmx else 302)
    assert dict(model.objects.values_list("pk", "position")) == positions
    if htmx:
        assert "block-error" not in response.content.decode()


def test_sections_keep_their_part_in_the_documents_whatever_their_positions(plan_a):
    from styra.plans.context import load_plan
    from styra.plans.services import section_move

    closing = section_create(plan=plan_a, heading="Övrigt", part=SectionPart.CLOSING)
    first = section_create(plan=plan_a, heading="Bakgrund")
    second = section_create(plan=plan_a, heading="Uppdrag")
    section_move(section=second, offset=-1)  # the intro renumbers 1, 2; the closing keeps 1
    ctx = load_plan(plan_a)
    assert [s.heading for s in ctx.sections] == ["Uppdrag", "Bakgrund", "Övrigt"]
    assert ctx.closing_from == 2
    assert first.pk and closing.pk
