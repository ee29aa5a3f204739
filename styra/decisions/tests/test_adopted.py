"""decisions answers the plan page's question (plans.adopted): the plan as it was adopted."""

from styra.goals.services import goal_update
from styra.plans.adopted import adopted_plan
from styra.plans.context import load_plan

from ..adopted import plan_as_adopted
from ..services import plan_reopen
from .conftest import adopt_as_older_styra


def titles(nodes) -> list[str]:
    return [title for node in nodes for title in (node.goal.title, *titles(node.children))]


def test_it_is_decisions_that_answers_the_hook():
    assert adopted_plan.answered
    # A different answer would be refused; the same one again is a no-op.
    assert adopted_plan.register(plan_as_adopted) is plan_as_adopted


def test_it_gives_the_snapshot_its_plan_and_what_changed_since(adopted, chain):
    goal_update(goal=chain.area, title="Invånarna får stöd när de behöver det")
    answer = adopted_plan(adopted.plan, load_plan(adopted.plan))
    assert answer is not None
    assert answer.snapshot == adopted.snapshot and answer.snapshot.number == 1
    assert "Invånarna får stöd i tid" in titles(answer.view.nodes)  # as adopted, not as now
    assert answer.since.goals_changed


def test_it_is_none_for_a_draft_a_reopened_plan_and_one_adopted_without_a_snapshot(
    content, adopted, approver
):
    plan = adopted.plan
    plan_reopen(plan=plan, by=approver, reason="Fel i budgeten.")
    assert adopted_plan(plan, load_plan(plan)) is None
    adopt_as_older_styra(plan)
    assert adopted_plan(plan, load_plan(plan)) is None
