"""Copy to next year links the new plan to the unit's own chain, never to another unit's part.

Found: the new year's chain was matched by level and title across the whole year, so a
board goal of another committee with the same title took the unit's goals, and another
unit's own indicator or activity on a KF goal got the unit's target or joined its plan.
"""

import pytest

from styra.conftest import add_indicator, add_unit_goal, kf_goals
from styra.goals.models import Goal, Level, PlanningYear, UnitGoalLabel
from styra.goals.services import activity_create, goal_create
from styra.importer.tests.forged import add_kf_indicator
from styra.indicators.models import Target
from styra.indicators.services import target_set
from styra.plans.services import plan_copy_to_year


@pytest.fixture
def next_year(org):
    """2027's chain: the same KF goals; Södra nämnden's board goal has Norra's title and comes
    first; Enhet B has its own indicator and activity on the KF goal, named as KF's 2026 ones."""
    year = PlanningYear.objects.create(year=2027, unit_goal_label=UnitGoalLabel.ENHETSMAL)
    _direction, area = kf_goals(year, org)
    title = "Ingen ska vänta längre än nödvändigt"
    south = goal_create(year=year, level=Level.BOARD, owner=org.south, parent=area, title=title)
    north = goal_create(year=year, level=Level.BOARD, owner=org.north, parent=area, title=title)
    theirs = add_indicator(area, org.unit_b, "Nöjda invånare", target="10")
    activity = activity_create(goal=area, owner=org.unit_b, name="Gemensam kampanj")
    return type(
        "Next", (), dict(year=year, north=north, south=south, theirs=theirs, activity=activity)
    )


def test_copy_links_only_to_the_units_own_chain(org, chain, plan_a, next_year):
    kf = add_kf_indicator(chain, org)
    target_set(indicator=kf, org_unit=org.unit_a, text="80 %")
    campaign = activity_create(goal=chain.area, owner=org.city, name="Gemensam kampanj")
    plan_a.chain_activities.add(campaign)
    add_unit_goal(chain, org.unit_a, "Alla besök bokas inom tre dagar")
    report = plan_copy_to_year(plan=plan_a, year=2027)
    new = report.plan
    own = Goal.objects.get(year=next_year.year, owner=org.unit_a)
    assert own.parent == next_year.north
    assert next_year.south not in new.chain_goals.all()
    assert next_year.activity not in new.chain_activities.all()
    assert list(Target.objects.filter(indicator=next_year.theirs).values_list("org_unit")) == [
        (org.unit_b.pk,)
    ]
    assert "Indikator: Nöjda invånare" in report.unlinked
    assert "Aktivitet: Gemensam kampanj" in report.unlinked
