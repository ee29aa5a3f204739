"""Importing styra-internal-control/1: what is stored, what is said, what is refused."""

import copy

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from styra.goals.models import Level
from styra.goals.services import goal_create
from styra.internal_control import import_services, services
from styra.internal_control.interchange import control_plan_dict
from styra.internal_control.models import CityRisk, Control, ControlPlan, Process, Risk
from styra.plans.models import PlanStatus

pytestmark = pytest.mark.django_db


def _risk(title, **fields):
    risk = {
        "title": title,
        "description": "",
        "probability": None,
        "consequence": None,
        "value": None,
        "level": None,
        "level_label": "",
        "selected": False,
        "omission_reason": "",
        "city": False,
        "goal": None,
        "controls": [],
    }
    return {**risk, **fields}


def _control(what, **fields):
    control = {
        "what": what,
        "method": "",
        "scope": "",
        "frequency": "",
        "responsible": "",
        "reported_in": ["VB"],
        "results": [],
    }
    return {**control, **fields}


def plan_file(processes, **fields):
    """A styra-internal-control/1 dict as a hand or another system might write it."""
    data = {
        "format": "styra-internal-control/1",
        "year": 2026,
        "unit": "Norra nämnden",
        "organisation": "Teststad",
        "status": "draft",
        "status_label": "Utkast",
        "submitted_at": None,
        "adopted_at": None,
        "period": None,
        "period_label": None,
        "processes": processes,
        "matrix": [[0] * 4 for _ in range(4)],
        "summary": dict.fromkeys(
            ("risks", "assessed", "selected", "controls", "reported", "deviations"), 0
        ),
    }
    return {**data, **fields}


def attest_file(**fields):
    """One process with a selected risk tied to the board goal, with a control."""
    risk = _risk(
        "Fel attest",
        description="Fakturor attesteras av fel person.",
        probability=3,
        consequence=4,
        selected=True,
        goal={"level": "board", "number": None, "title": "Ingen ska vänta längre än nödvändigt"},
        controls=[_control("Stickprov på fakturor", method="Granskning", reported_in=["T1", "VB"])],
    )
    low = _risk("Sen betalning", probability=1, consequence=2)
    process = {"title": "Inköp", "description": "Rutinen.", "risks": [risk, low]}
    return plan_file([process], **fields)


def _import(org, chain, data, node=None, **kwargs):
    kwargs.setdefault("by", None)
    return import_services.control_plan_import(
        org_unit=node or org.north, year=chain.year, data=data, **kwargs
    )


def test_an_import_stores_the_plan_with_its_goals_and_controls(org, chain):
    outcome = _import(org, chain, attest_file())
    plan = outcome.plan
    assert plan.status == PlanStatus.DRAFT and plan.unit_name == "Norra nämnden"
    risk = Risk.objects.get(title="Fel attest")
    assert (risk.probability, risk.consequence, risk.selected, risk.goal) == (
        3,
        4,
        True,
        chain.board,
    )
    control = risk.controls.get()
    assert (control.what, control.method, control.reported_in) == (
        "Stickprov på fakturor",
        "Granskning",
        ("T1", "VB"),
    )
    assert outcome.warnings == []
    assert outcome.data == control_plan_dict(plan)


def test_a_kf_goal_is_found_by_level_number_and_title(org, chain):
    data = attest_file()
    data["processes"][0]["risks"][0]["goal"] = {
        "level": "area",
        "number": "1.1",
        "title": "Invånarna  får stöd i tid",  # spaces as a hand may type them
    }
    _import(org, chain, data)
    assert Risk.objects.get(title="Fel attest").goal == chain.area


def test_a_committees_own_goal_wins_over_another_committees_of_the_same_words(org, chain):
    other = goal_create(
        year=chain.year,
        level=Level.BOARD,
        owner=org.south,
        parent=chain.area,
        title="Ingen ska vänta längre än nödvändigt",
    )
    _import(org, chain, attest_file())
    assert Risk.objects.get(title="Fel attest").goal == chain.board
    import_services.control_plan_import(
        org_unit=org.unit_s, year=chain.year, data=attest_file(), by=None
    )
    assert Risk.objects.get(title="Fel attest", plan__org_unit=org.unit_s).goal == other


def test_a_goal_not_found_is_a_warning_and_the_risk_is_kept_without_it(org, chain):
    data = attest_file()
    data["processes"][0]["risks"][0]["goal"] = {"level": "board", "number": "9", "title": "Okänt"}
    outcome = _import(org, chain, data)
    assert Risk.objects.get(title="Fel attest").goal is None
    assert outcome.warnings == [
        "Risken ”Fel attest” är knuten till målet ”9 Okänt” (Nämndmål), som inte finns bland "
        "2026 års KF-mål och nämndmål. Risken sparas utan mål."
    ]


def test_a_city_risk_the_committee_received_gets_its_assessment(org, chain):
    city_risk = services.city_risk_create(year=chain.year, process="Ekonomi", title="Underskott")
    data = attest_file()
    data["processes"].insert(
        0,
        {
            "title": "Ekonomi",
            "description": "",
            "risks": [
                _risk("Underskott", city=True, probability=2, consequence=2, omission_reason="Låg")
            ],
        },
    )
    outcome = _import(org, chain, data)
    risk = Risk.objects.get(city_risk=city_risk)
    assert (risk.probability, risk.consequence, risk.omission_reason) == (2, 2, "Låg")
    assert [p.title for p in outcome.plan.processes.all()] == ["Ekonomi", "Inköp"]
    assert outcome.plan.risks.filter(city_risk=city_risk).count() == 1
    assert outcome.warnings == []


def test_a_city_risk_in_a_units_plan_is_linked_to_the_citys(org, chain):
    city_risk = services.city_risk_create(year=chain.year, process="Ekonomi", title="Underskott")
    data = plan_file(
        [{"title": "Ekonomi", "description": "", "risks": [_risk("underskott", city=True)]}]
    )
    outcome = _import(org, chain, data, node=org.unit_a)
    risk = outcome.plan.risks.get()
    assert (risk.city_risk, risk.title) == (city_risk, "Underskott")  # the city's own words


def test_a_city_risk_the_city_does_not_give_is_the_plans_own_with_a_warning(org, chain):
    data = plan_file(
        [{"title": "Ekonomi", "description": "", "risks": [_risk("Underskott", city=True)]}]
    )
    outcome = _import(org, chain, data)
    risk = outcome.plan.risks.get()
    assert risk.city_risk is None and risk.title == "Underskott"
    assert outcome.warnings == [
        "Risken ”Underskott” är stadens i filen, men staden har ingen sådan risk för 2026. "
        "Den sparas som planens egen risk."
    ]


def test_a_city_risk_missing_from_the_file_stays_in_a_committees_plan_with_a_warning(org, chain):
    services.city_risk_create(year=chain.year, process="Ekonomi", title="Underskott")
    outcome = _import(org, chain, attest_file())
    assert [p.title for p in outcome.plan.processes.all()] == ["Inköp", "Ekonomi"]
    assert outcome.warnings == [
        "Stadens risk ”Underskott” (Ekonomi) finns inte i filen men följer med i planen. "
        "Bedöm den innan planen lämnas in."
    ]


def test_results_and_measures_are_not_imported_and_said_so(org, chain):
    data = attest_file(status="adopted", status_label="Fastställd")
    result = {
        "period": "2026T1",
        "done": True,
        "result": "deviation",
        "status": "deviation",
        "status_label": "Avvikelser",
        "findings": "Två fakturor",
        "measures": [
            {
                "name": "Utbildning",
                "responsible": "",
                "start": None,
                "end": None,
                "status": "not_started",
                "status_label": "Ej påbörjad",
            }
        ],
    }
    control = data["processes"][0]["risks"][0]["controls"][0]
    control["results"] = [result, {**result, "measures": []}]
    outcome = _import(org, chain, data)
    assert outcome.warnings == [
        "Planen i filen är fastställd. Den sparas som ett utkast.",
        "Filen har uppföljning som inte importeras (kontrollresultat: 2, åtgärder: 1). "
        "Kontrollerna följs upp i Styra när planen är fastställd.",
    ]
    assert outcome.data["summary"]["reported"] == 0


def test_another_nodes_file_is_stored_under_this_nodes_name_with_a_warning(org, chain):
    outcome = _import(org, chain, attest_file(unit="Socialnämnden", year=2025))
    assert outcome.plan.unit_name == "Norra nämnden"
    assert outcome.warnings == [
        "Filen gäller Socialnämnden. Planen sparas för Norra nämnden och med det namnet.",
        "Filen gäller 2025. Planen sparas för 2026.",
    ]


def test_a_dry_run_says_what_would_be_stored_and_stores_nothing(org, chain):
    outcome = _import(org, chain, attest_file(), dry_run=True)
    assert outcome.plan is None
    assert [r["title"] for r in outcome.data["processes"][0]["risks"]] == [
        "Fel attest",
        "Sen betalning",
    ]
    assert outcome.data["summary"]["controls"] == 1
    assert not ControlPlan.objects.exists() and not Risk.objects.exists()
    assert outcome.lines()[:3] == [
        "Internkontrollplan 2026 för Norra nämnden (utkast)",
        "Process: Inköp",
        "  Risk: Fel attest (sannolikhet 3, konsekvens 4, riskvärde 12; med i kontrollplanen)",
    ]


def test_a_draft_is_replaced_only_when_asked(org, chain):
    first = _import(org, chain, attest_file()).plan
    with pytest.raises(import_services.ControlPlanExists) as refused:
        _import(org, chain, plan_file([]))
    assert refused.value.messages == ["Norra nämnden har redan en internkontrollplan för 2026."]
    assert Risk.objects.count() == 2
    outcome = _import(org, chain, plan_file([]), replace=True)
    assert outcome.replaces and outcome.plan.pk == first.pk
    assert not Process.objects.exists()


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (PlanStatus.SUBMITTED, "Internkontrollplanen 2026 för Norra nämnden är inlämnad"),
        (PlanStatus.ADOPTED, "Internkontrollplanen 2026 för Norra nämnden är fastställd"),
    ],
)
def test_a_submitted_or_adopted_plan_is_never_replaced(org, chain, status, message):
    plan = _import(org, chain, attest_file()).plan
    ControlPlan.objects.filter(pk=plan.pk).update(status=status)
    with pytest.raises(ValidationError) as refused:
        _import(org, chain, plan_file([]), replace=True)
    assert refused.value.messages[0].startswith(message)
    assert Risk.objects.count() == 2


def test_a_failure_half_way_writes_nothing(org, chain):
    data = attest_file()
    # The second process's risk has a control but is not in the plan: refused there.
    data["processes"].append(
        {
            "title": "Löner",
            "description": "",
            "risks": [_risk("Fel lön", probability=2, consequence=2, controls=[_control("Koll")])],
        }
    )
    with pytest.raises(ValidationError) as refused:
        _import(org, chain, data)
    assert refused.value.messages == [
        "processes/1/risks/0/controls/0: Ta med risken i kontrollplanen innan du lägger till "
        "kontrollmoment."
    ]
    assert not ControlPlan.objects.exists() and not Control.objects.exists()


def test_a_failure_half_way_leaves_the_replaced_draft_as_it_was(org, chain):
    _import(org, chain, attest_file())
    before = control_plan_dict(ControlPlan.objects.get())
    data = attest_file()
    data["processes"][0]["risks"][1]["selected"] = True  # not assessed: refused
    data["processes"][0]["risks"][1]["probability"] = None
    with pytest.raises(ValidationError) as refused:
        _import(org, chain, data, replace=True)
    assert refused.value.messages == [
        "processes/0/risks/1: Bedöm sannolikhet och konsekvens innan risken tas med i "
        "kontrollplanen."
    ]
    assert control_plan_dict(ControlPlan.objects.get()) == before


def test_a_file_that_is_no_styra_internal_control_file_is_refused_and_says_where(org, chain):
    data = attest_file()
    data["processes"][0]["risks"][1]["probability"] = 7
    with pytest.raises(ValidationError) as refused:
        _import(org, chain, data)
    assert refused.value.messages == [
        "Filen följer inte formatet styra-internal-control/1.",
        "processes/0/risks/1/probability: ogiltigt värde 7.",
    ]
    assert not ControlPlan.objects.exists()


def test_a_draft_year_is_refused(org, chain):
    chain.year.state = "draft"
    chain.year.save()
    with pytest.raises(ValidationError, match="Planeringsåret 2026 är ett utkast"):
        _import(org, chain, attest_file())


def test_the_import_is_as_the_user_may_write(org, chain, editor_a, committee_editor, reader):
    with pytest.raises(PermissionDenied):  # a unit's plan is started by its committee
        _import(org, chain, attest_file(), node=org.unit_a, by=editor_a)
    with pytest.raises(Http404):
        _import(org, chain, attest_file(), node=org.unit_s, by=committee_editor)
    with pytest.raises(PermissionDenied):
        _import(org, chain, attest_file(), by=reader)
    assert not ControlPlan.objects.exists()
    _import(org, chain, attest_file(), node=org.unit_a, by=committee_editor)
    # Once the unit has its plan, its editor may import over the draft.
    outcome = _import(org, chain, attest_file(), node=org.unit_a, by=editor_a, replace=True)
    assert outcome.replaces


def test_the_city_risks_are_not_changed_by_an_import(org, chain):
    services.city_risk_create(year=chain.year, process="Ekonomi", title="Underskott")
    data = plan_file(
        [
            {
                "title": "Ekonomi",
                "description": "",
                "risks": [_risk("Underskott", city=True), _risk("Ny risk", city=True)],
            }
        ]
    )
    before = list(CityRisk.objects.values())
    _import(org, chain, copy.deepcopy(data))
    assert list(CityRisk.objects.values()) == before
