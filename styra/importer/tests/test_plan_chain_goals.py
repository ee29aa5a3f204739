"""Which chain goals an imported plan shows: those its file names, and no others.

The plan lists them as a plan begun on the page does: the committee goals, framed by
KF's goals above them; a KF goal the file shows with no committee goal under it is
listed itself. The year's chain holds more (other areas, other committees' goals,
other units' plans): none of it reaches the plan.
"""

import pytest

from styra.goals.models import Goal, Level
from styra.goals.services import board_goals_for_unit, goal_create
from styra.importer.services import plan_import
from styra.indicators.services import indicator_create
from styra.plans.context import shown_goals
from styra.plans.interchange import plan_to_dict


@pytest.fixture
def wide(org, chain):
    """The conftest chain (1 > 1.1 > Norra's board goal) and more of the year beside it."""

    def goal(level, owner, title, parent=None, number=""):
        return goal_create(
            year=chain.year, level=level, owner=owner, parent=parent, number=number, title=title
        )

    work = goal(Level.AREA, org.city, "Invånarna har arbete", chain.direction, "1.2")
    indicator_create(goal=work, owner=org.city, name="Andel i arbete", periodicity="tertial")
    green = goal(Level.DIRECTION, org.city, "En hållbar stad", number="2")
    budget = goal(Level.AREA, org.city, "Ekonomin är i balans", green, "2.1")
    return type(
        "Wide",
        (),
        dict(
            work=work,
            work_board=goal(Level.BOARD, org.north, "Fler går till arbete", work),
            green=green,
            budget=budget,
            budget_board=goal(Level.BOARD, org.north, "Nämnden håller sin budget", budget),
            south_board=goal(Level.BOARD, org.south, "Södra nämndens mål", chain.area),
        ),
    )


def _plan_a() -> dict:
    """Enhet A's plan: its goal under Norra's board goal, and KF's area 1.2 with no board goal."""
    own = {"level": "unit", "title": "Enhet A svarar i tid"}
    board = {"level": "board", "title": "Ingen ska vänta längre än nödvändigt", "children": [own]}
    support = {"level": "area", "number": "1.1", "title": "Invånarna får stöd i tid"}
    work = {"level": "area", "number": "1.2", "title": "Invånarna har arbete"}
    indicators = [{"name": "Andel i arbete", "target": "40 %"}]
    areas = [{**support, "children": [board]}, {**work, "indicators": indicators}]
    direction = {
        "level": "direction",
        "number": "1",
        "title": "En stad för alla",
        "children": areas,
    }
    return {"format": "styra-plan/1", "unit": "Enhet A", "year": 2026, "goals": [direction]}


def _plan_b() -> dict:
    """Enhet B's plan: its goal under Norra's budget goal, in KF's direction 2 only."""
    board = {
        "level": "board",
        "title": "Nämnden håller sin budget",
        "children": [{"level": "unit", "title": "Enhet B håller sin budget"}],
    }
    area = {"level": "area", "number": "2.1", "title": "Ekonomin är i balans", "children": [board]}
    return {
        "format": "styra-plan/1",
        "unit": "Enhet B",
        "year": 2026,
        "goals": [
            {"level": "direction", "number": "2", "title": "En hållbar stad", "children": [area]}
        ],
    }


def _tree(goals: list[dict]) -> list:
    """The goal tree as levels, numbers and titles, of a file or of an export."""
    return [
        (g["level"], g.get("number") or "", g["title"], _tree(g.get("children") or []))
        for g in goals
    ]


def test_an_imported_plan_shows_only_the_chain_goals_its_file_names(org, chain, wide, editor_a):
    plan = plan_import(data=_plan_a(), user=editor_a, unit=org.unit_a).plan

    own = Goal.objects.get(owner=org.unit_a, level=Level.UNIT)
    assert set(shown_goals(plan).values()) == {
        chain.direction,
        chain.area,
        chain.board,
        own,
        wide.work,
    }
    # Listed as the page lists them: the committee goal, and the KF area with none under it.
    assert set(plan.chain_goals.all()) == {chain.board, wide.work}
    assert _tree(plan_to_dict(plan)["goals"]) == _tree(_plan_a()["goals"])


def test_importing_one_units_plan_does_not_attach_unrelated_kf_goals(
    org, chain, wide, editor_a, editor_b
):
    plan_a = plan_import(data=_plan_a(), user=editor_a, unit=org.unit_a).plan
    before = set(plan_a.chain_goals.all())
    plan_b = plan_import(data=_plan_b(), user=editor_b, unit=org.unit_b).plan

    shown_a, shown_b = set(shown_goals(plan_a).values()), set(shown_goals(plan_b).values())
    assert set(plan_a.chain_goals.all()) == before  # the second import leaves the first alone
    assert {wide.green, wide.budget, wide.budget_board}.isdisjoint(shown_a)
    assert {chain.direction, chain.area, chain.board, wide.work}.isdisjoint(shown_b)
    assert set(plan_b.chain_goals.all()) == {wide.budget_board}
    # Neither shows the goals of the year that no file names.
    assert {wide.work_board, wide.south_board}.isdisjoint(shown_a | shown_b)
    assert set(plan_b.chain_goals.all()) <= set(
        board_goals_for_unit(unit=org.unit_b, year=chain.year)
    )


def test_a_kf_goal_whose_committee_goal_is_left_out_is_still_shown(org, chain, wide, editor_a):
    """The editor may not create the committee goal the file names under area 1.2: it is left
    out, and the area (which the file shows) is listed itself."""
    data = _plan_a()
    data["goals"][0]["children"][1]["children"] = [
        {
            "level": "board",
            "title": "Ett nämndmål som inte finns",
            "children": [{"level": "unit", "title": "Mål under det"}],
        }
    ]

    report = plan_import(data=data, user=editor_a, unit=org.unit_a)

    assert any("Ett nämndmål som inte finns finns inte" in m for m in report.left_out)
    assert set(report.plan.chain_goals.all()) == {chain.board, wide.work}
    assert wide.work_board not in shown_goals(report.plan).values()


def test_a_kf_goal_the_file_does_not_name_is_not_shown_even_with_create_chain(org, chain, wide):
    """The city administrator's import creates what the file names, and links nothing more."""
    data = _plan_b()
    data["goals"][0]["children"].append(
        {"level": "area", "number": "2.2", "title": "Ett nytt område", "children": []}
    )

    plan = plan_import(data=data, create_chain=True, unit=org.unit_b).plan

    created = Goal.objects.get(number="2.2")
    assert set(plan.chain_goals.all()) == {wide.budget_board, created}
    assert {chain.direction, chain.area, wide.work}.isdisjoint(shown_goals(plan).values())
