"""styra-internal-control/1 both ways: export then import gives the same plan, exactly.

For any plan without results, `control_plan_dict(import(control_plan_dict(plan)))` is the
original dict; imported into another node, only its unit and organisation differ.
"""

import json

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styra.internal_control import import_services, services
from styra.internal_control.interchange import control_plan_dict
from styra.internal_control.interchange.parsing import parse_control_plan_json
from styra.internal_control.models import ControlPlan
from styra.plans.models import PlanStatus

pytestmark = pytest.mark.django_db

ELSEWHERE = ("unit", "organisation")


def _through_a_file(data: dict) -> dict:
    """The dict as its download's bytes read back (the CLI and the page read files)."""
    return parse_control_plan_json(json.dumps(data, ensure_ascii=False).encode("utf-8"))


def reimport(plan: ControlPlan, node=None) -> dict:
    exported = _through_a_file(control_plan_dict(plan))
    outcome = import_services.control_plan_import(
        org_unit=node or plan.org_unit,
        year=plan.year,
        data=exported,
        replace=True,
        by=None,
    )
    assert outcome.plan is not None
    return control_plan_dict(outcome.plan)


def _without(data: dict, keys=ELSEWHERE) -> dict:
    return {k: v for k, v in data.items() if k not in keys}


@pytest.fixture
def example_plan(chain, control_plan, process):
    """Norra nämnden's plan: the city's risk assessed and left out with a reason, a risk of
    its own in the plan with two controls and a KF goal, another unassessed, a second
    process."""
    services.city_risk_create(
        year=chain.year, process="Ekonomi", title="Underskott", description="Budgeten."
    )
    city = control_plan.risks.get(city_risk__isnull=False)
    services.risk_update(risk=city, probability=4, consequence=2, omission_reason="Följs i VB.")
    risk = services.risk_create(
        process=process,
        title="Felaktig attest",
        description="Fakturor attesteras av fel person.",
        probability=3,
        consequence=4,
        goal=chain.area,
    )
    services.risk_update(risk=risk, selected=True)
    services.control_create(
        risk=risk,
        what="Stickprov på fakturor",
        method="Granskning",
        scope="20 fakturor",
        frequency="Varje tertial",
        responsible="Ekonomichef",
        report_t1=True,
        report_t2=True,
    )
    services.control_create(risk=risk, what="Attestlistor", report_vb=True)
    services.risk_create(process=process, title="Avtal saknas")
    other = services.process_create(plan=control_plan, title="Personal", description="HR.")
    services.risk_create(
        process=other, title="Kompetens", probability=1, consequence=1, goal=chain.board
    )
    control_plan.refresh_from_db()
    return control_plan


def test_the_example_plan_comes_back_exactly(example_plan):
    before = control_plan_dict(example_plan)
    assert reimport(example_plan) == before


def test_imported_into_another_committee_only_its_unit_and_organisation_differ(org, example_plan):
    before = control_plan_dict(example_plan)
    after = reimport(example_plan, node=org.south)
    assert (after["unit"], after["organisation"]) == ("Södra nämnden", "Teststad")
    assert _without(after) == _without(before)


def test_imported_into_a_unit_the_citys_risk_comes_along(org, example_plan):
    before = control_plan_dict(example_plan)
    after = reimport(example_plan, node=org.unit_a)
    assert (after["unit"], after["organisation"]) == ("Enhet A", "Norra nämnden")
    assert _without(after) == _without(before)


def test_an_adopted_plan_comes_back_as_a_draft_of_the_same_content(org, example_plan):
    before = control_plan_dict(example_plan)
    ControlPlan.objects.filter(pk=example_plan.pk).update(status=PlanStatus.ADOPTED)
    after = reimport(ControlPlan.objects.get(pk=example_plan.pk), node=org.south)
    decided = (*ELSEWHERE, "status", "status_label", "submitted_at", "adopted_at")
    assert after["status"] == "draft"
    assert _without(after, decided) == _without(before, decided)


# ---------------------------------------------------------------- any plan

text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)
titles = text.filter(lambda t: t.strip())
scale = st.one_of(st.none(), st.integers(1, 4))
parts = st.sets(st.sampled_from(["T1", "T2", "VB"]), min_size=1)

controls = st.fixed_dictionaries(
    {
        "what": titles,
        "method": text,
        "scope": text,
        "frequency": text,
        "responsible": text,
        "parts": parts,
    }
)
risks = st.fixed_dictionaries(
    {
        "title": titles,
        "description": text,
        "probability": scale,
        "consequence": scale,
        "selected": st.booleans(),
        "omission_reason": text,
        "goal": st.sampled_from([None, "direction", "area", "board"]),
        "controls": st.lists(controls, max_size=2),
    }
)
# Titles repeat on purpose (two processes "Inköp", a process named as the city's).
process_titles = st.one_of(st.sampled_from(["Inköp", "Ekonomi", "inköp "]), titles)
processes = st.lists(
    st.fixed_dictionaries(
        {"title": process_titles, "description": text, "risks": st.lists(risks, max_size=3)}
    ),
    max_size=3,
)
city_assessments = st.lists(st.tuples(scale, scale), min_size=2, max_size=2)


def build(org, chain, node, shape: list, city: list) -> ControlPlan:
    """A plan of `shape` written through the services, as a user would write it."""
    for title in ("Underskott", "Bisysslor"):
        services.city_risk_create(year=chain.year, process="Ekonomi", title=title)
    plan = services.control_plan_create(org_unit=node, year=chain.year)
    for risk, (probability, consequence) in zip(
        plan.risks.filter(city_risk__isnull=False), city, strict=False
    ):
        services.risk_update(risk=risk, probability=probability, consequence=consequence)
    goals = {"direction": chain.direction, "area": chain.area, "board": chain.board}
    for item in shape:
        process = services.process_create(
            plan=plan, title=item["title"], description=item["description"]
        )
        for r in item["risks"]:
            risk = services.risk_create(
                process=process,
                title=r["title"],
                description=r["description"],
                probability=r["probability"],
                consequence=r["consequence"],
                goal=goals.get(r["goal"]),
            )
            selected = r["selected"] and risk.is_assessed
            services.risk_update(risk=risk, selected=selected, omission_reason=r["omission_reason"])
            if not selected:
                continue
            for c in r["controls"]:
                services.control_create(
                    risk=risk,
                    what=c["what"],
                    method=c["method"],
                    scope=c["scope"],
                    frequency=c["frequency"],
                    responsible=c["responsible"],
                    report_t1="T1" in c["parts"],
                    report_t2="T2" in c["parts"],
                    report_vb="VB" in c["parts"],
                )
    plan.refresh_from_db()
    return plan


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(shape=processes, city=city_assessments, where=st.sampled_from(["north", "south", "unit_a"]))
def test_any_plan_without_results_comes_back_exactly(org, chain, shape, city, where):
    with transaction.atomic():
        plan = build(org, chain, org.north, shape, city)
        before = control_plan_dict(plan)
        node = getattr(org, where)
        after = reimport(plan, node=node)
        if node == org.north:
            assert after == before
        else:
            assert _without(after) == _without(before)
        transaction.set_rollback(True)
