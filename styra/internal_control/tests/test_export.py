"""The styra-internal-control/1 dict: what it says, that the schema holds it, and its cost."""

import json
from pathlib import Path

import jsonschema
import pytest

from styra.internal_control import services
from styra.internal_control.interchange import control_plan_dict
from styra.internal_control.interchange.export import matrix_of
from styra.internal_control.models import ControlPlan
from styra.plans.models import PlanStatus

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "internal-control.schema.json").read_text(encoding="utf-8")
)


@pytest.fixture
def followed_plan(chain, control_plan, process, periods, editor_a):
    """Two risks (one of them the city's), a control reported in T1 with a deviation."""
    services.city_risk_create(year=chain.year, process="Ekonomi", title="Underskott")
    risk = services.risk_create(
        process=process, title="Felaktig attest", probability=3, consequence=4, goal=chain.board
    )
    services.risk_update(risk=risk, selected=True)
    control = services.control_create(
        risk=risk, what="Stickprov på fakturor", method="Granskning", report_t1=True
    )
    ControlPlan.objects.filter(pk=control_plan.pk).update(status=PlanStatus.ADOPTED)
    control.refresh_from_db()
    result = services.result_report(
        control=control,
        period=periods["T1"],
        done=True,
        result="deviation",
        findings="Två fakturor utan attest",
        by=editor_a,
    )
    services.measure_create(result=result, name="Utbildning i attestordningen", end="2026-06-30")
    control_plan.refresh_from_db()
    return control_plan


def test_the_dict_holds_the_plan_and_its_follow_up(followed_plan):
    data = control_plan_dict(followed_plan)
    jsonschema.validate(data, SCHEMA)
    assert (data["unit"], data["organisation"], data["status"]) == (
        "Norra nämnden",
        "Teststad",
        "adopted",
    )
    processes = {p["title"]: p for p in data["processes"]}
    risk = processes["Inköp och upphandling"]["risks"][0]
    assert (risk["value"], risk["level"], risk["level_label"], risk["city"]) == (
        12,
        "very_high",
        "Mycket hög",
        False,
    )
    assert risk["goal"]["title"] == "Ingen ska vänta längre än nödvändigt"
    result = risk["controls"][0]["results"][0]
    assert (result["period"], result["status_label"], result["measures"][0]["end"]) == (
        "2026T1",
        "Avvikelser",
        "2026-06-30",
    )
    assert processes["Ekonomi"]["risks"][0]["city"] is True
    assert data["summary"] == {
        "risks": 2,
        "assessed": 1,
        "selected": 1,
        "controls": 1,
        "reported": 1,
        "deviations": 1,
    }
    assert data["matrix"][0] == [0, 0, 1, 0]  # consequence 4, probability 3


def test_a_follow_up_lists_its_period_only(followed_plan, periods):
    t1 = control_plan_dict(followed_plan, period=periods["T1"])
    t2 = control_plan_dict(followed_plan, period=periods["T2"])
    jsonschema.validate(t2, SCHEMA)
    assert (t1["period"], t1["period_label"]) == ("2026T1", "Tertialrapport 1 2026")
    control = t2["processes"][0]["risks"][0]["controls"][0]
    assert control["results"] == [] and t2["summary"]["reported"] == 0


def test_the_matrix_counts_each_cell():
    risks = [
        type("R", (), {"probability": p, "consequence": c}) for p, c in ((1, 1), (1, 1), (4, 4))
    ]
    risks.append(type("R", (), {"probability": None, "consequence": 2}))
    matrix = matrix_of(risks)
    assert matrix[0][3] == 1 and matrix[3][0] == 2 and sum(map(sum, matrix)) == 3


def test_the_dict_costs_the_same_queries_for_many_risks(
    followed_plan, process, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        control_plan_dict(followed_plan)
    ControlPlan.objects.filter(pk=followed_plan.pk).update(status=PlanStatus.DRAFT)
    process.refresh_from_db()
    for n in range(30):
        services.risk_create(process=process, title=f"Risk {n}", probability=1, consequence=2)
    with django_assert_max_num_queries(12):
        control_plan_dict(followed_plan)
