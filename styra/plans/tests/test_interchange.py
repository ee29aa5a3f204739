"""The styra-plan/1 interchange: import then export gives the same plan; bad input stores none."""

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from styra.budget.models import BudgetRow
from styra.decisions.services import plan_adopt, plan_submit
from styra.documents.tests.sample_plans import goal_node
from styra.goals.models import Activity, Goal, Level
from styra.importer.services import plan_import
from styra.indicators.models import Indicator, Measure, Periodicity, Target
from styra.organisation.models import Kind, OrgUnit
from styra.plans.interchange import parse_plan_json, plan_to_dict
from styra.plans.models import Plan, PlanStatus, Section, SectionPart
from styra.testing import SHARED  # noqa: E402

GOLDEN = sorted((SHARED / "seeds" / "golden").glob("*.json"))
PLAN_SCORE = SHARED / "tools" / "plan-score"


def small_plan(unit="Testenheten", year=2026, committee="Testnämnden") -> dict:
    """A complete, invented plan that uses every part of the format."""
    unit_goal = goal_node(
        "unit",
        None,
        "Alla nya ärenden får en första kontakt inom en vecka",
        description="Enheten ringer upp samma dag.",
        expected_result="Kortare väntan.\n\nFärre klagomål.",
        method="- telefontid varje dag\n- gemensam ärendelista",
        resources="Inom ram.",
        follow_up="Varje månad.",
        development="Chatt prövas.",
        indicators=[
            {
                "name": "Andel ärenden med kontakt inom en vecka",
                "target": "90 %",
                "city_target": None,
                "period": "Tertial",
            },
            {"name": "Handläggningstid", "target": "12 dagar", "city_target": None, "period": "År"},
        ],
        activities=[{"name": "Ny telefontid", "start": "2026-02-01", "end": "2026-03-31"}],
    )
    board = goal_node(
        "board",
        "1",
        "Invånarna får stöd i rätt tid",
        indicators=[
            {
                "name": "Antal överklaganden",
                "target": "högst 5 st",
                "city_target": None,
                "period": "Halvår",
            }
        ],
        activities=[{"name": "Gemensam rutin för mottagning", "start": "2026-01-01", "end": None}],
        children=[unit_goal],
    )
    area = goal_node(
        "area",
        "1.1",
        "Invånarna får god service",
        indicators=[
            {
                "name": "Andel nöjda invånare",
                "target": "85 %",
                "city_target": "80 %",
                "period": "År",
            },
            {
                "name": "Andel som fått besked i tid",
                "target": "90 %",
                "city_target": "tas fram av nämnden",
                "period": "Tertial",
            },
        ],
        children=[board],
    )
    return {
        "format": "styra-plan/1",
        "unit": unit,
        "year": year,
        "addressee": f"{committee}, sammanträde 2025-12-16",
        "officer": "Testa Testsson",
        "sections": [
            {"heading": "Inledning", "text": "Första stycket.\n\nAndra stycket."},
            {"heading": "Uppdrag", "text": "a) ett\nb) två"},
            {"heading": "Övrigt", "text": ""},
        ],
        "goals": [goal_node("direction", "1", "En stad för alla", children=[area])],
        "budget": {
            "currency_unit": "tkr",
            "rows": [
                {"name": "Personalkostnader", "costs": 1300},
                {"name": "Hyresintäkter", "revenues": 250.5},
                {"name": "Summa", "costs": 1300, "revenues": 250.5, "net": 1049.5, "total": True},
            ],
        },
        "appendices": ["Internkontrollplan", "Årshjul"],
    }


def _stored_counts() -> dict[str, int]:
    return {
        "plans": Plan.objects.count(),
        "goals": Goal.objects.count(),
        "indicators": Indicator.objects.count(),
        "targets": Target.objects.count(),
        "activities": Activity.objects.count(),
        "units": OrgUnit.objects.count(),
        "budget rows": BudgetRow.objects.count(),
    }


# ---------------------------------------------------------------- round trips


@pytest.mark.django_db
def test_it_round_trips_a_small_plan():
    data = small_plan()
    report = plan_import(create_chain=True, data=data)
    assert plan_to_dict(report.plan) == data


@pytest.mark.django_db
def test_it_stores_the_parts_where_they_belong():
    report = plan_import(create_chain=True, data=small_plan())
    plan = report.plan
    assert plan.status == PlanStatus.DRAFT
    assert plan.meeting_date.isoformat() == "2025-12-16"
    unit = plan.unit
    assert unit.kind == Kind.UNIT
    assert unit.parent.name == "Testnämnden" and unit.parent.kind == Kind.COMMITTEE
    board = Goal.objects.get(level=Level.BOARD)
    assert board.owner == unit.parent
    assert Goal.objects.get(level=Level.UNIT).owner == unit
    assert Goal.objects.get(level=Level.DIRECTION).owner.kind == Kind.CITY
    parts = list(Section.objects.filter(plan=plan).values_list("heading", "part"))
    assert parts[-1] == ("Övrigt", SectionPart.CLOSING)
    assert parts[0] == ("Inledning", SectionPart.INTRO)
    nojda = Indicator.objects.get(name="Andel nöjda invånare")
    assert nojda.measure == Measure.PERCENT
    assert nojda.periodicity == Periodicity.YEAR
    city_target = Target.objects.get(indicator=nojda, org_unit=board.owner.parent)
    assert city_target.text == "80 %" and city_target.value == 80
    assert "Skapade: verksamhetsplan 2026 för Testenheten" in report.lines()


@pytest.mark.django_db
def test_it_links_two_units_to_one_goal_chain():
    plan_import(create_chain=True, data=small_plan(unit="Enhet ett"))
    second = small_plan(unit="Enhet två")
    report = plan_import(create_chain=True, data=second)
    assert Goal.objects.filter(level=Level.DIRECTION).count() == 1
    assert Goal.objects.filter(level=Level.BOARD).count() == 1
    assert Goal.objects.filter(level=Level.UNIT).count() == 2
    assert any(
        line.startswith("Länkade till befintlig: KF:s inriktningsmål") for line in report.lines()
    )
    assert plan_to_dict(report.plan) == second


@pytest.mark.django_db
def test_it_imports_into_a_unit_given_by_the_caller(org):
    report = plan_import(
        create_chain=True, data=small_plan(unit="Namn i dokumentet"), unit=org.unit_a
    )
    assert report.plan.unit == org.unit_a
    assert report.plan.unit_name == "Namn i dokumentet"
    assert Goal.objects.get(level=Level.BOARD).owner == org.north


@pytest.mark.django_db
def test_it_replaces_an_existing_plan_when_asked():
    plan_import(create_chain=True, data=small_plan())
    changed = small_plan()
    changed["goals"][0]["children"][0]["children"][0]["children"][0]["title"] = "Nytt mål"
    report = plan_import(create_chain=True, data=changed, replace=True)
    assert Plan.objects.count() == 1
    assert list(Goal.objects.filter(level=Level.UNIT).values_list("title", flat=True)) == [
        "Nytt mål"
    ]
    assert "Varning: Den tidigare planen ersattes." in report.lines()
    assert plan_to_dict(report.plan) == changed


@pytest.mark.django_db
def test_it_strips_markup_on_import():
    data = small_plan()
    data["sections"][0]["text"] = "<b>Fet</b> text<script>alert(1)</script>"
    report = plan_import(create_chain=True, data=data)
    assert plan_to_dict(report.plan)["sections"][0]["text"] == "Fet text"


@pytest.mark.django_db
def test_it_exports_an_adopted_plan_unchanged():
    data = small_plan()
    plan = plan_import(create_chain=True, data=data).plan
    plan_submit(plan=plan, by=None)
    plan_adopt(plan=plan, by=None)
    assert plan_to_dict(Plan.objects.get(pk=plan.pk)) == data


@pytest.mark.django_db
def test_it_refuses_to_replace_a_submitted_plan():
    data = small_plan()
    plan = plan_import(create_chain=True, data=data).plan
    plan_submit(plan=plan, by=None)
    with pytest.raises(ValidationError, match="är inlämnad och kan inte ersättas"):
        plan_import(create_chain=True, data=data, replace=True)
    assert Plan.objects.get(pk=plan.pk).status == "submitted"


def _score(reference: Path, candidate: Path) -> str:
    run = subprocess.run(  # noqa: S603 - our own tool with our own paths
        [sys.executable, str(PLAN_SCORE), str(reference), str(candidate)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return run.stdout


@pytest.mark.skipif(not GOLDEN or not PLAN_SCORE.exists(), reason="/work/shared is not here")
@pytest.mark.parametrize("golden", GOLDEN, ids=lambda p: p.stem)
@pytest.mark.django_db
def test_it_round_trips_the_golden_plans(golden, tmp_path):
    data = json.loads(golden.read_text(encoding="utf-8"))
    report = plan_import(create_chain=True, data=data)
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(plan_to_dict(report.plan), ensure_ascii=False), "utf-8")
    output = _score(golden, exported)
    assert "overall 1.000" in output, output


@pytest.mark.skipif(not GOLDEN, reason="/work/shared is not here")
@pytest.mark.django_db
def test_it_keeps_every_golden_plan_apart():
    """All golden plans in one database, sharing a city: each still exports exactly as itself."""
    stored = []
    for path in GOLDEN:
        data = json.loads(path.read_text("utf-8"))
        stored.append((data, plan_import(create_chain=True, data=data).plan))
    for data, plan in stored:
        assert plan_to_dict(plan) == data


# ---------------------------------------------------------------- bad input


def test_it_refuses_malformed_json_in_swedish():
    with pytest.raises(ValidationError) as exc:
        parse_plan_json('{"format": "styra-plan/1",')
    assert "inte giltig JSON" in exc.value.messages[0]


@pytest.mark.django_db
def test_it_refuses_a_date_that_is_not_a_date():
    data = small_plan()
    data["goals"][0]["children"][0]["children"][0]["activities"][0]["start"] = "1 februari"
    with pytest.raises(ValidationError) as exc:
        plan_import(create_chain=True, data=data)
    assert "'1 februari' är inget datum (ÅÅÅÅ-MM-DD)" in " ".join(exc.value.messages)
    assert _stored_counts() == dict.fromkeys(_stored_counts(), 0)


@pytest.mark.django_db
def test_it_refuses_an_impossible_date():
    data = small_plan()
    data["goals"][0]["children"][0]["children"][0]["activities"][0]["end"] = "2026-02-30"
    with pytest.raises(ValidationError, match="inget datum"):
        plan_import(create_chain=True, data=data)
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_a_unit_goal_directly_under_a_direction_goal():
    data = small_plan()
    data["goals"][0]["children"] = [goal_node("unit", None, "Ett mål på fel ställe")]
    with pytest.raises(ValidationError) as exc:
        plan_import(create_chain=True, data=data)
    message = " ".join(exc.value.messages)
    assert (
        "Målet 'Ett mål på fel ställe' (Enhetens mål) kan inte ligga under ett mål på nivån "
        "KF:s inriktningsmål."
    ) in message
    assert _stored_counts() == dict.fromkeys(_stored_counts(), 0)


@pytest.mark.django_db
def test_it_refuses_an_area_goal_at_the_top():
    data = small_plan()
    data["goals"] = data["goals"][0]["children"]
    with pytest.raises(ValidationError, match="Målet måste ligga under ett mål på nivån över"):
        plan_import(create_chain=True, data=data)
    assert Goal.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_an_indicator_with_unknown_fields():
    data = small_plan()
    data["goals"][0]["indicators"] = [{"name": "Andel", "target": "5 %", "owner": "KF"}]
    with pytest.raises(ValidationError, match="okänd uppgift"):
        plan_import(create_chain=True, data=data)
    assert Indicator.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_an_indicator_nested_as_a_goal():
    data = small_plan()
    data["goals"][0]["children"][0]["children"] = [{"name": "Andel nöjda", "target": "5 %"}]
    with pytest.raises(ValidationError) as exc:
        plan_import(create_chain=True, data=data)
    assert "Filen följer inte formatet styra-plan/1." in exc.value.messages
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_an_existing_plan_without_replace():
    plan_import(create_chain=True, data=small_plan())
    before = _stored_counts()
    changed = small_plan()
    changed["goals"][0]["title"] = "En annan inriktning"
    with pytest.raises(ValidationError) as exc:
        plan_import(create_chain=True, data=changed)
    assert exc.value.messages == [
        # The service names no way to ask for a replace: the page and the command each do.
        "Testenheten har redan en verksamhetsplan för 2026."
    ]
    assert _stored_counts() == before


@pytest.mark.django_db
def test_it_refuses_a_wrong_format_tag():
    data = copy.deepcopy(small_plan())
    data["format"] = "styra-plan/2"
    with pytest.raises(ValidationError, match="format: ogiltigt värde 'styra-plan/2'"):
        plan_import(create_chain=True, data=data)


@pytest.mark.django_db
def test_it_refuses_a_plan_without_goals():
    data = small_plan()
    del data["goals"]
    with pytest.raises(ValidationError, match="uppgift saknas \\(goals\\)"):
        plan_import(create_chain=True, data=data)
