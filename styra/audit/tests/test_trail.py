"""One entry per changed object per transaction, with before and after, for every service."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from styra.audit.models import Action, AuditEntry
from styra.budget.services import budget_row_create
from styra.conftest import add_unit_goal
from styra.followup.services import outcome_record
from styra.goals.services import goal_move, goal_update
from styra.indicators.services import indicator_create, target_set
from styra.plans.models import Plan, Section
from styra.plans.services import (
    plan_chain_add,
    plan_chain_remove,
    plan_copy_to_year,
    plan_create,
    section_create,
    section_delete,
)

from .conftest import assert_one_entry_per_object, entries_for


@pytest.fixture
def unit_goal(org, chain, plan_a):
    return add_unit_goal(chain, org.unit_a, "Snabbt")


@pytest.fixture
def indicator(org, unit_goal):
    return indicator_create(goal=unit_goal, owner=org.unit_a, name="Väntetid", measure="dagar")


def test_it_logs_an_update_with_before_and_after(audited, unit_goal, plan_a):
    with audited():
        goal_update(goal=unit_goal, title="Snabbare", method="Telefontid")
    [entry] = AuditEntry.objects.all()
    assert entry.action == Action.UPDATE
    assert (entry.object_type, entry.object_id) == ("goals.goal", str(unit_goal.pk))
    assert entry.object_name == "Snabbare"
    assert entry.changes == {"title": ["Snabbt", "Snabbare"], "method": ["", "Telefontid"]}
    assert entry.plan_id == plan_a.pk and entry.unit_id == unit_goal.owner_id
    assert entry.actor.startswith("system") and entry.actor_id is None
    assert entry.request_id == "" and entry.ip is None


def test_a_save_that_changes_nothing_leaves_no_entry(audited, unit_goal):
    with audited():
        goal_update(goal=unit_goal, title="Snabbt")
    assert not AuditEntry.objects.exists()


def test_get_or_create_then_save_is_one_create(audited, org, indicator):
    with audited():
        target = target_set(indicator=indicator, org_unit=org.unit_a, text="7 dagar")
    [entry] = AuditEntry.objects.all()
    assert entry.action == Action.CREATE and entry.object_id == str(target.pk)
    assert entry.changes["text"] == [None, "7 dagar"]
    assert entry.changes["value"] == [None, "7"]


def test_an_outcome_is_one_create_and_its_correction_one_update(audited, org, indicator):
    with audited():
        outcome = outcome_record(
            indicator=indicator, org_unit=org.unit_a, period="2026T1", value="7"
        )
    with audited():
        outcome_record(indicator=indicator, org_unit=org.unit_a, period="2026T1", value="6,5")
    first, second = sorted(entries_for(outcome), key=lambda e: e.pk)
    assert first.action == Action.CREATE and first.changes["value"] == [None, "7"]
    assert second.action == Action.UPDATE and second.changes == {"value": ["7", "6.5"]}


def test_a_plan_and_its_chain_goals_are_one_entry(audited, org, chain):
    with audited():
        plan = plan_create(unit=org.unit_b, year=chain.year)
    [entry] = AuditEntry.objects.all()
    assert entry.action == Action.CREATE and entry.object_id == str(plan.pk)
    assert entry.changes["chain_goals"] == {"added": [chain.board.pk], "removed": []}
    assert entry.changes["unit_name"] == [None, "Enhet B"]
    assert entry.plan_id == plan.pk


def test_chain_changes_list_added_and_removed_ids(audited, plan_a, chain):
    with audited():
        plan_chain_remove(plan=plan_a, goal=chain.board)
    with audited():
        plan_chain_remove(plan=plan_a, goal=chain.board)  # no longer linked: no change
    with audited():
        plan_chain_add(plan=plan_a, goal=chain.board)
    removed, added = AuditEntry.objects.order_by("pk")
    assert removed.changes == {"chain_goals": {"added": [], "removed": [chain.board.pk]}}
    assert added.changes == {"chain_goals": {"added": [chain.board.pk], "removed": []}}


def test_a_refused_write_leaves_nothing(audited, org, indicator):
    with audited(), pytest.raises(ValidationError):
        outcome_record(indicator=indicator, org_unit=org.unit_a, period="2026T1", value="x" * 300)
    assert not AuditEntry.objects.exists()


def test_a_rolled_back_savepoint_is_dropped_and_the_rest_kept(audited, plan_a):
    with audited(), transaction.atomic():
        kept = section_create(plan=plan_a, heading="Bakgrund")
        try:
            with transaction.atomic():
                section_create(plan=plan_a, heading="Ångrad")
                raise RuntimeError
        except RuntimeError:
            pass
    [entry] = AuditEntry.objects.all()
    assert entry.object_id == str(kept.pk)


def test_created_and_deleted_in_one_transaction_leaves_nothing(audited, plan_a):
    with audited(), transaction.atomic():
        section_delete(section=section_create(plan=plan_a, heading="Tillfällig"))
    assert not AuditEntry.objects.exists()


def test_a_delete_keeps_the_values_it_removed(audited, plan_a):
    section = section_create(plan=plan_a, heading="Bakgrund", text="Lång text")
    with audited():
        section_delete(section=section)
    [entry] = AuditEntry.objects.all()
    assert entry.action == Action.DELETE and entry.object_name == "Bakgrund"
    assert entry.changes["text"] == ["Lång text", None]
    assert entry.plan_id == plan_a.pk


def test_a_move_logs_each_renumbered_sibling(audited, org, chain, plan_a):
    first = add_unit_goal(chain, org.unit_a, "Ett")
    second = add_unit_goal(chain, org.unit_a, "Två")
    with audited():
        goal_move(goal=second, offset=-1)
    changes = {e.object_id: e.changes for e in AuditEntry.objects.all()}
    assert changes == {str(second.pk): {"position": [2, 1]}, str(first.pk): {"position": [1, 2]}}


def test_a_cascade_logs_every_deleted_object(audited, plan_a):
    section_create(plan=plan_a, heading="Bakgrund")
    budget_row_create(plan=plan_a, name="Personal", costs=Decimal("100"))
    with audited():
        Plan.objects.filter(pk=plan_a.pk).delete()
    kinds = sorted((e.object_type, e.action) for e in AuditEntry.objects.all())
    assert kinds == [
        ("budget.budget", "delete"),
        ("budget.budgetrow", "delete"),
        ("plans.plan", "delete"),
        ("plans.section", "delete"),
    ]
    assert set(AuditEntry.objects.values_list("plan_id", flat=True)) == {plan_a.pk}
    assert set(AuditEntry.objects.values_list("unit_id", flat=True)) == {plan_a.unit_id}


def test_copying_a_plan_logs_every_row_once(audited, org, chain, plan_a, unit_goal, indicator):
    section_create(plan=plan_a, heading="Bakgrund")
    section_create(plan=plan_a, heading="Övrigt")
    budget_row_create(plan=plan_a, name="Personal", costs=Decimal("100"))
    budget_row_create(plan=plan_a, name="Lokaler", costs=Decimal("50"))
    from styra.goals.models import PlanningYear

    year = PlanningYear.objects.create(year=2027)
    with audited():
        report = plan_copy_to_year(plan=plan_a, year=2027)
    assert_one_entry_per_object()
    new = report.plan
    assert year.pk == new.year_id
    sections = Section.objects.filter(plan=new)
    assert sections.count() == 2
    for section in sections:
        [entry] = entries_for(section)
        assert entry.action == Action.CREATE and entry.plan_id == new.pk
    types = AuditEntry.objects.filter(plan_id=new.pk).values_list("object_type", flat=True)
    assert sorted(set(types)) == [
        "budget.budget",
        "budget.budgetrow",
        "plans.plan",
        "plans.section",
    ]
    assert list(types).count("budget.budgetrow") == 2


def test_deleting_a_user_keeps_their_entries(audited, editor_a):
    """The actor is a plain id and name: no foreign key to cascade or SET_NULL into the trail."""
    own = AuditEntry.objects.create(
        actor_id=editor_a.pk,
        actor="editor_a",
        action="update",
        object_type="goals.goal",
        object_id="1",
        object_name="Mål",
        changes={"title": ["a", "b"]},
    )
    with audited():
        get_user_model().objects.filter(pk=editor_a.pk).delete()
    own.refresh_from_db()
    assert (own.actor_id, own.actor) == (editor_a.pk, "editor_a")
    types = sorted(AuditEntry.objects.exclude(pk=own.pk).values_list("object_type", "action"))
    assert types == [("accounts.membership", "delete"), ("auth.user", "delete")]
    user_entry = AuditEntry.objects.get(object_type="auth.user")
    assert user_entry.changes["password"] == ["(ändrat)", None]
    assert user_entry.changes["username"] == ["editor_a", None]


def test_a_sign_in_does_not_log_last_login(audited, client, editor_a):
    with audited():
        client.post("/konto/logga-in/", {"username": "editor_a", "password": "fel"})
        client.force_login(editor_a)
    assert not AuditEntry.objects.exists()
