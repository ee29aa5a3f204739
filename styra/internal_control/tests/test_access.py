"""Who loads which part of internal control, and for what: refusals by role and place."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from styra.accounts.permissions import Action
from styra.internal_control import access, services
from styra.internal_control.models import ControlPlan
from styra.plans.models import PlanStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_plan(org, chain):
    plan = services.control_plan_create(org_unit=org.unit_a, year=chain.year)
    process = services.process_create(plan=plan, title="Delegation")
    risk = services.risk_create(
        process=process, title="Beslut utan delegation", probability=2, consequence=2
    )
    services.risk_update(risk=risk, selected=True)
    services.control_create(risk=risk, what="Stickprov", report_t1=True)
    return plan


def _answer(load, *args, **kwargs):
    try:
        load(*args, **kwargs)
    except Http404:
        return "404"
    except PermissionDenied:
        return "403"
    return "ok"


@pytest.mark.parametrize(
    ("persona", "view", "edit"),
    [
        ("editor_a", "ok", "ok"),
        ("editor_b", "404", "404"),
        ("reader", "ok", "403"),
        ("approver", "ok", "403"),
        ("controller", "ok", "403"),
        ("committee_editor", "ok", "ok"),
        ("city_admin", "ok", "ok"),
        ("outsider", "404", "404"),
    ],
)
def test_a_unit_plan_and_its_parts_by_role(request, unit_plan, persona, view, edit):
    user = request.getfixturevalue(persona)
    risk = unit_plan.risks.get()
    control = risk.controls.get()
    loaders = [
        (access.get_control_plan_for_user, unit_plan.pk),
        (access.get_process_for_user, risk.process_id),
        (access.get_risk_for_user, risk.pk),
        (access.get_control_for_user, control.pk),
    ]
    for load, pk in loaders:
        assert _answer(load, user, pk, Action.VIEW) == view
        assert _answer(load, user, pk, Action.EDIT) == edit


def test_an_adopted_plan_is_edited_by_nobody_but_followed_up_by_its_editors(
    unit_plan, editor_a, city_admin, reader
):
    ControlPlan.objects.filter(pk=unit_plan.pk).update(status=PlanStatus.ADOPTED)
    control = unit_plan.risks.get().controls.get()
    for user in (editor_a, city_admin):
        assert _answer(access.get_control_plan_for_user, user, unit_plan.pk, Action.EDIT) == "403"
        assert _answer(access.get_control_for_user, user, control.pk, Action.EDIT) == "403"
        followup = _answer(
            access.get_control_for_user, user, control.pk, Action.EDIT, followup=True
        )
        assert followup == "ok"
    followup = _answer(access.get_control_for_user, reader, control.pk, Action.EDIT, followup=True)
    assert followup == "403"


def test_unknown_ids_are_404(editor_a):
    for load in (
        access.get_control_plan_for_user,
        access.get_process_for_user,
        access.get_risk_for_user,
        access.get_control_for_user,
        access.get_result_for_user,
        access.get_measure_for_user,
    ):
        with pytest.raises(Http404):
            load(editor_a, 987654)


@pytest.mark.parametrize(
    ("persona", "committee", "unit"),
    [
        ("editor_a", "404", "403"),  # a unit's plan is the committee's to start
        ("committee_editor", "ok", "ok"),
        ("reader", "403", "403"),
        ("approver", "403", "403"),
        ("city_admin", "ok", "ok"),
        ("editor_b", "404", "404"),
        ("outsider", "404", "404"),
    ],
)
def test_who_starts_a_control_plan(request, org, persona, committee, unit):
    user = request.getfixturevalue(persona)
    node_committee = org.north if persona != "editor_b" else org.south
    node_unit = org.unit_a if persona != "editor_b" else org.unit_s
    assert _answer(access.require_control_plan_creator, user, node_committee) == committee
    assert _answer(access.require_control_plan_creator, user, node_unit) == unit


def test_the_city_starts_no_control_plan(org, city_admin):
    with pytest.raises(PermissionDenied):
        access.require_control_plan_creator(city_admin, org.city)
