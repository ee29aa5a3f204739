"""A security tester's forged imports, each past the unit in a way the first round missed."""

import pytest
from django.core.exceptions import ValidationError

from styra.conftest import add_indicator
from styra.goals.models import Goal, Level
from styra.importer.results import PlanExists
from styra.importer.services import plan_import
from styra.indicators.models import Target
from styra.plans.models import Plan

from .forged import above_the_unit, add_kf_indicator


def _plan(goals: list[dict], *, unit: str = "Enhet A") -> dict:
    return {"format": "styra-plan/1", "unit": unit, "year": 2026, "goals": goals}


def _chain(*, area_indicators=(), board_children=()) -> list[dict]:
    """The conftest chain as a file names it, with what the test hangs on it."""
    board = {
        "level": "board",
        "title": "Ingen ska vänta längre än nödvändigt",
        "children": list(board_children),
    }
    area = {
        "level": "area",
        "number": "1.1",
        "title": "Invånarna får stöd i tid",
        "indicators": list(area_indicators),
        "children": [board],
    }
    return [{"level": "direction", "number": "1", "title": "En stad för alla", "children": [area]}]


def test_a_goal_under_a_unit_goal_is_refused_in_swedish_not_a_crash(org, chain, editor_a):
    # Was a KeyError (a 500 on the web preview): nothing lies under a unit goal.
    nested = {
        "level": "unit",
        "title": "Eget mål",
        "children": [{"level": "unit", "title": "Under"}],
    }
    with pytest.raises(ValidationError, match="kan inte ligga under ett mål på nivån Enhetens mål"):
        plan_import(data=_plan(_chain(board_children=[nested])), user=editor_a, unit=org.unit_a)
    with pytest.raises(ValidationError, match="kan inte ligga under"):
        plan_import(data=_plan([nested]), user=editor_a, unit=org.unit_a)
    assert not Plan.objects.exists() and not Goal.objects.filter(level=Level.UNIT).exists()


def test_a_file_naming_another_unit_does_not_title_the_plan_as_that_unit(org, chain, editor_a):
    report = plan_import(data=_plan(_chain(), unit="Enhet B"), user=editor_a, unit=org.unit_a)
    assert report.plan.unit == org.unit_a and report.plan.unit_name == "Enhet A"
    assert str(report.plan) == "Verksamhetsplan 2026 – Enhet A"
    assert (
        "Filen anger enheten Enhet B, men planen sparas för Enhet A och med det namnet."
        in report.warnings
    )


def test_another_units_indicator_on_a_kf_goal_is_not_linked(org, chain, editor_a):
    """Enhet B's own indicator on the KF goal is B's: A's file naming it gets no target on it."""
    theirs = add_indicator(chain.area, org.unit_b, "B:s egen indikator", target="10")
    before = above_the_unit(org.unit_a)
    data = _plan(_chain(area_indicators=[{"name": "B:s egen indikator", "target": "99"}]))
    report = plan_import(data=data, user=editor_a, unit=org.unit_a)
    assert list(Target.objects.filter(indicator=theirs).values_list("org_unit", "text")) == [
        (org.unit_b.pk, "10")
    ]
    assert above_the_unit(org.unit_a) == before
    assert any(m.startswith("Indikatorn B:s egen indikator under") for m in report.left_out)


def test_a_kf_indicator_gets_the_units_target_and_keeps_kf_s(org, chain, editor_a):
    kf = add_kf_indicator(chain, org)
    item = {"name": kf.name, "target": "80 %", "city_target": "1 %", "period": "Månad"}
    data = _plan(_chain(area_indicators=[item]))
    plan_import(data=data, user=editor_a, unit=org.unit_a)
    assert Target.objects.get(indicator=kf, org_unit=org.unit_a).text == "80 %"
    assert Target.objects.get(indicator=kf, org_unit=org.city).text == "öka"
    kf.refresh_from_db()
    assert (kf.periodicity, kf.measure, kf.name) == ("tertial", "", "Nöjda invånare")


@pytest.mark.parametrize(
    ("node", "persona"), [("city", "city_admin"), ("north", "committee_editor")]
)
def test_an_import_writes_only_plans_of_units_below_a_committee(request, org, chain, node, persona):
    """Into the city, the "unit's target" on a KF indicator would be KF:s årsmål, set without
    the administrator's opt-in; into a committee, its own board goals would be the city's."""
    kf = add_kf_indicator(chain, org)
    unit = getattr(org, node)
    data = _plan(_chain(area_indicators=[{"name": kf.name, "target": "1 %"}]), unit=unit.name)
    before = above_the_unit(org.unit_a)
    with pytest.raises(ValidationError, match="En import sparar planer för enheter"):
        plan_import(data=data, user=request.getfixturevalue(persona), unit=unit)
    assert above_the_unit(org.unit_a) == before
    assert not Plan.objects.exists()


def test_an_existing_plan_is_named_without_a_command_line_flag(org, chain, editor_a, plan_a):
    with pytest.raises(PlanExists) as exc:
        plan_import(data=_plan(_chain()), user=editor_a, unit=org.unit_a)
    assert exc.value.messages == ["Enhet A har redan en verksamhetsplan för 2026."]
    report = plan_import(
        data=_plan(_chain()), user=editor_a, unit=org.unit_a, dry_run=True, replace=True
    )
    assert report.replaces and Plan.objects.get() == plan_a


@pytest.mark.parametrize("node", ["north", "dept"])
def test_a_committee_or_department_administrator_may_not_opt_in(org, chain, node):
    """They administer the unit, not the city: the opt-in to create the chain is refused."""
    from django.contrib.auth import get_user_model

    from styra.accounts.models import Membership, Role
    from styra.conftest import PASSWORD

    admin = get_user_model().objects.create_user(username=f"admin_{node}", password=PASSWORD)
    Membership.objects.create(user=admin, org_unit=getattr(org, node), role=Role.ADMIN)
    before = above_the_unit(org.unit_a)
    data = _plan(_chain(board_children=[{"level": "unit", "title": "Eget mål"}]))
    data["goals"].append({"level": "direction", "title": "Ett nytt KF-mål"})
    with pytest.raises(ValidationError, match="Bara stadens administratör kan låta"):
        plan_import(data=data, user=admin, unit=org.unit_a, create_chain=True)
    report = plan_import(data=data, user=admin, unit=org.unit_a, dry_run=True)
    assert report.above_unit == [] and any("Ett nytt KF-mål" in m for m in report.left_out)
    assert above_the_unit(org.unit_a) == before and not Plan.objects.exists()


def test_a_year_written_as_a_decimal_number_is_the_year(org, chain, editor_a):
    """JSON's 2026.0 passes the schema's "integer"; it was carried on as a float
    ("Planeringsåret 2099.0 finns inte", and a web preview that never ran its check)."""
    from styra.plans.interchange import parse_plan_json

    data = parse_plan_json(
        b'{"format": "styra-plan/1", "unit": "Enhet A", "year": 2099.0, "goals": []}'
    )
    assert data["year"] == 2099 and isinstance(data["year"], int)
    with pytest.raises(ValidationError) as exc:
        plan_import(data={**data, "year": 2099.0}, user=editor_a, unit=org.unit_a)
    assert exc.value.messages[0].startswith("Planeringsåret 2099 finns inte.")
    report = plan_import(data={**data, "year": 2026.0}, user=editor_a, unit=org.unit_a)
    assert report.plan.year == chain.year
