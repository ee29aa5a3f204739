"""The goal chain's invariants on the models: levels, years, activity dates, one plan a year."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from styra.goals.models import Activity, Goal, Level, PlanningYear, UnitGoalLabel
from styra.plans.models import Plan, PlanStatus


def _goal(chain, org, level, parent, **extra) -> Goal:
    owner = {Level.BOARD: org.north, Level.UNIT: org.unit_a}.get(level, org.city)
    return Goal(year=chain.year, level=level, owner=owner, parent=parent, title="Ett mål", **extra)


@pytest.mark.parametrize(
    "level, parent_attr",
    [
        (Level.AREA, "area"),
        (Level.BOARD, "direction"),
        (Level.UNIT, "direction"),
        (Level.UNIT, "area"),
        (Level.BOARD, "board"),
    ],
)
def test_it_refuses_a_parent_of_the_wrong_level(chain, org, level, parent_attr):
    goal = _goal(chain, org, level, getattr(chain, parent_attr))
    with pytest.raises(ValidationError) as exc:
        goal.full_clean()
    assert "Målet måste ligga under ett mål av typen" in exc.value.message_dict["parent"][0]


@pytest.mark.parametrize(
    "level, parent_attr",
    [(Level.AREA, "direction"), (Level.BOARD, "area"), (Level.UNIT, "board")],
)
def test_it_accepts_the_level_above_as_parent(chain, org, level, parent_attr):
    _goal(chain, org, level, getattr(chain, parent_attr)).full_clean()


def test_it_refuses_a_direction_goal_with_a_parent(chain, org):
    goal = _goal(chain, org, Level.DIRECTION, chain.direction)
    with pytest.raises(ValidationError, match="inte ha något mål över sig"):
        goal.full_clean()


@pytest.mark.parametrize("level", [Level.AREA, Level.BOARD, Level.UNIT])
def test_it_refuses_a_goal_without_parent_below_the_top(chain, org, level):
    with pytest.raises(ValidationError, match="Målet måste ligga under ett mål på nivån över"):
        _goal(chain, org, level, None).full_clean()


def test_it_refuses_a_parent_from_another_year(chain, org):
    other_year = PlanningYear.objects.create(year=2027)
    goal = Goal(
        year=other_year, level=Level.AREA, owner=org.city, parent=chain.direction, title="Mål"
    )
    with pytest.raises(ValidationError) as exc:
        goal.full_clean()
    assert exc.value.message_dict["parent"] == ["Målet över hör till ett annat år."]


def test_it_refuses_a_goal_without_words(chain, org):
    goal = _goal(chain, org, Level.BOARD, chain.area)
    goal.title = "   "
    with pytest.raises(ValidationError) as exc:
        goal.full_clean()
    assert "title" in exc.value.message_dict


def test_it_sorts_goals_top_down_by_level(chain):
    assert [g.level_rank for g in (chain.direction, chain.area, chain.board)] == [0, 1, 2]
    assert list(Goal.objects.for_year(chain.year)) == [chain.direction, chain.area, chain.board]


@pytest.mark.parametrize(
    "label, expected",
    [(UnitGoalLabel.ATAGANDE, "Åtagande"), (UnitGoalLabel.ENHETSMAL, "Enhetsmål")],
)
def test_it_labels_unit_goals_as_the_year_does(chain, org, label, expected):
    chain.year.unit_goal_label = label
    chain.year.save()
    goal = Goal.objects.create(
        year=chain.year, level=Level.UNIT, owner=org.unit_a, parent=chain.board, title="Mål"
    )
    assert goal.level_label() == expected
    assert chain.board.level_label() == "Nämndmål"


def test_it_refuses_an_activity_that_ends_before_it_starts(chain, org):
    activity = Activity(
        goal=chain.board, owner=org.north, name="Ett", start=date(2026, 5, 1), end=date(2026, 4, 30)
    )
    with pytest.raises(ValidationError) as exc:
        activity.full_clean()
    assert exc.value.message_dict["end"] == ["Slutdatum kan inte ligga före startdatum."]


@pytest.mark.parametrize(
    "start, end",
    [(date(2026, 5, 1), date(2026, 5, 1)), (None, date(2026, 5, 1)), (date(2026, 5, 1), None)],
)
def test_it_accepts_open_and_one_day_activities(chain, org, start, end):
    Activity(goal=chain.board, owner=org.north, name="Ett", start=start, end=end).full_clean()


def test_it_refuses_an_activity_without_a_name(chain, org):
    with pytest.raises(ValidationError):
        Activity(goal=chain.board, owner=org.north, name=" ").full_clean()


def test_it_keeps_one_plan_per_unit_and_year(plan_a, org, chain):
    duplicate = Plan(unit=org.unit_a, year=chain.year, unit_name="Enhet A")
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    Plan.objects.create(unit=org.unit_b, year=chain.year, unit_name="Enhet B")


def test_it_locks_an_adopted_plan(plan_a):
    assert not plan_a.is_locked
    plan_a.status = PlanStatus.ADOPTED
    assert plan_a.is_locked
    assert str(plan_a) == "Verksamhetsplan 2026 – Enhet A"
