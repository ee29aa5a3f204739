"""Any sequence of plan changes leaves every handed-in report's JSON export byte for byte as it was.

A hypothesis state machine: each example builds a year with Enhet A's T1
report approved, its T2 report submitted, Enhet B's T1 report and Norra
nämnden's own T1 report submitted, then runs a few steps of plan edits,
deletes, imports with replace, bulk outcome uploads and budget edits. After
every step each of those reports' JSON export (and the committee's document)
must be the bytes it was after submission. A step the services refuse (a
locked report, a goal with goals under it, a protected row) is allowed: the
invariant is on what the decided reports say.
"""

import contextlib
import json
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from styra.budget.models import BudgetRow
from styra.budget.services import (
    budget_row_create,
    budget_row_delete,
    budget_row_update,
)
from styra.conftest import add_unit_goal
from styra.decisions.services import report_approve, report_submit
from styra.followup.interchange import (
    committee_report_data,
    report_data_file,
    unit_report_data,
)
from styra.goals.models import Activity, Goal
from styra.goals.services import (
    activity_create,
    activity_delete,
    activity_update,
    goal_delete,
    goal_update,
)
from styra.importer.services import plan_import
from styra.indicators.models import Indicator
from styra.indicators.services import indicator_create, indicator_delete, target_set
from styra.plans.context import load_plan
from styra.plans.interchange import context_to_dict
from styra.plans.models import Plan
from styra.plans.services import plan_create

from ..bulk import outcomes_store
from ..models import Fulfilment, Report, ReportStatus
from ..services import assessment_set, budget_follow_up_set, outcome_record, report_open
from .test_context import build_report
from .test_report_schema import assert_valid

REFUSED = (ValidationError, ProtectedError)
PERIODS = ("2026T1", "2026T2")
words = st.sampled_from(["Ny", "Ändrad", "Mål", "Mått", "Rad", "öka", "50 %", "högst 3", ""])
pick = st.integers(min_value=0, max_value=50)


def _exports() -> dict[int, bytes]:
    reports = (
        Report.objects.with_header()
        .select_related("submitted_by")
        .filter(status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED])
        .order_by("pk")
    )
    return {r.pk: report_data_file(unit_report_data(r), "json") for r in reports}


class PlanChanges(RuleBasedStateMachine):
    """Changes a unit's plan after its reports are handed in."""

    def __init__(self, org, chain, editor):
        super().__init__()
        self.org, self.chain, self.editor = org, chain, editor
        # Each example runs in a savepoint that teardown rolls back.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        plan = Plan.objects.get(unit=org.unit_a, year=chain.year)
        s = build_report(org, chain, plan)
        for code, value in (("2026T1", "95"), ("2026T2", "97")):
            outcome_record(indicator=s.visits, org_unit=org.unit_a, period=code, value=value)
        budget_follow_up_set(row=s.staff, period="2026T1", outcome=D(300), forecast=D(950))
        t1 = s.report
        t2 = report_open(org_unit=org.unit_a, period=s.periods["T2"])
        for report in (t1, t2):
            for goal in (s.goal, s.bare_goal):
                assessment_set(report=report, goal=goal, value=Fulfilment.PARTLY, proposed="")
            report_submit(report=report, by=editor)
        report_approve(report=t1, by=None)
        plan_b = plan_create(unit=org.unit_b, year=chain.year)
        goal_b = add_unit_goal(chain, org.unit_b, "B")
        budget_row_create(plan=plan_b, name="Netto B", net=D(100))
        report_b = report_open(org_unit=org.unit_b, period=s.periods["T1"])
        assessment_set(report=report_b, goal=goal_b, value=Fulfilment.FULFILLED, proposed="")
        report_submit(report=report_b, by=None)
        committee = report_open(org_unit=org.north, period=s.periods["T1"])
        assessment_set(report=committee, goal=chain.board, value=Fulfilment.PARTLY, proposed="")
        report_submit(report=committee, by=None)
        self.exports = _exports()
        self.committee = report_data_file(committee_report_data(org.north, "2026T1"), "json")
        assert len(self.exports) == 4
        for content in [*self.exports.values(), self.committee]:
            assert_valid(json.loads(content))

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    # ------------------------------------------------------------ what there is to change

    def _plan(self, unit=None) -> Plan | None:
        unit = unit or self.org.unit_a
        return Plan.objects.filter(unit=unit, year=self.chain.year).first()

    def _goals(self) -> list[Goal]:
        return list(
            Goal.objects.filter(owner__in=[self.org.unit_a, self.org.unit_b]).order_by("pk")
        )

    def _indicators(self) -> list[Indicator]:
        return list(Indicator.objects.select_related("goal", "owner").order_by("pk"))

    @staticmethod
    def _one(items, i):
        return items[i % len(items)] if items else None

    # ------------------------------------------------------------ plan edits

    @rule(i=pick, title=words)
    def rename_goal(self, i, title):
        goal = self._one(self._goals(), i)
        if goal is not None and title:
            goal_update(goal=goal, title=title)

    @rule(i=pick, text=words)
    def set_target(self, i, text):
        indicator = self._one(self._indicators(), i)
        unit = self._one([self.org.unit_a, self.org.unit_b], i)
        if indicator is not None:
            target_set(indicator=indicator, org_unit=unit, text=text)

    @rule(i=pick, name=words, kf=st.booleans())
    def add_indicator(self, i, name, kf):
        if kf:
            goal, owner = self.chain.area, self.org.city
        else:
            goal = self._one(self._goals(), i)
            owner = goal.owner if goal else None
        if goal is not None:
            indicator = indicator_create(
                goal=goal, owner=owner, name=name or "Mått", periodicity="tertial"
            )
            target_set(indicator=indicator, org_unit=self.org.unit_a, text="10")

    @rule(title=words)
    def add_goal(self, title):
        add_unit_goal(self.chain, self.org.unit_a, title or "Nytt mål")

    @rule(i=pick, name=words)
    def add_or_rename_activity(self, i, name):
        activities = list(Activity.objects.order_by("pk"))
        activity = self._one(activities, i)
        if activity is not None and i % 2:
            activity_update(activity=activity, name=name or "Aktivitet", start=None, end=None)
            return
        goal = self._one(self._goals(), i)
        if goal is not None:
            activity_create(goal=goal, owner=goal.owner, name=name or "Aktivitet")

    # ------------------------------------------------------------ deletes

    @rule(i=pick, kind=st.sampled_from(["goal", "indicator", "activity"]))
    def delete(self, i, kind):
        try:
            if kind == "goal":
                goal = self._one(self._goals(), i)
                if goal is not None:
                    goal_delete(goal=goal)
            elif kind == "indicator":
                indicator = self._one(self._indicators(), i)
                if indicator is not None:
                    indicator_delete(indicator=indicator)
            else:
                activity = self._one(list(Activity.objects.order_by("pk")), i)
                if activity is not None:
                    activity_delete(activity=activity)
        except REFUSED:
            pass  # refusing to delete what decided reports hold is fine

    # ------------------------------------------------------------ imports with replace

    @rule(title=words)
    def import_with_replace(self, title):
        plan = self._plan()
        if plan is None:
            return
        data = context_to_dict(load_plan(plan))
        for goal in data.get("goals") or []:
            for child in goal.get("children") or []:
                for unit_goal in child.get("children") or []:
                    unit_goal["title"] = title or "Importerat mål"
        with contextlib.suppress(REFUSED):
            plan_import(data=data, unit=self.org.unit_a, replace=True)

    # ------------------------------------------------------------ bulk uploads

    @rule(i=pick, value=st.integers(min_value=0, max_value=200), period=st.sampled_from(PERIODS))
    def bulk_upload(self, i, value, period):
        indicator = self._one(self._indicators(), i)
        unit = self._one([self.org.unit_a, self.org.unit_b], i)
        if indicator is None:
            return
        row = {
            "line": 2,
            "indicator": indicator.pk,
            "unit": unit.pk,
            "period": period,
            "number": str(value),
            "text": "",
            "comment": "Uppladdat",
        }
        with contextlib.suppress(REFUSED):  # an approved report's outcomes are refused
            outcomes_store(rows=[row], user=self.editor)

    # ------------------------------------------------------------ budget edits

    @rule(i=pick, amount=st.integers(min_value=0, max_value=5000), what=st.integers(0, 3))
    def edit_budget(self, i, amount, what):
        plan = self._plan(self._one([self.org.unit_a, self.org.unit_b], i))
        if plan is None:
            return
        rows = list(BudgetRow.objects.filter(budget__plan=plan).order_by("pk"))
        row = self._one(rows, i)
        try:
            if what == 0 or row is None:
                budget_row_create(plan=plan, name=f"Rad {amount}", costs=D(amount))
            elif what == 1:
                budget_row_update(row=row, name=f"Ändrad {amount}", costs=D(amount))
            elif what == 2:
                budget_row_delete(row=row)
            else:
                budget_follow_up_set(
                    row=row,
                    period=self._one(PERIODS, i),
                    outcome=D(amount),
                    forecast=D(amount),
                    comment="Prognos",
                )
        except REFUSED:
            pass  # an approved report's budget follow-up is refused

    # ------------------------------------------------------------ the invariant

    @invariant()
    def handed_in_reports_say_what_they_said(self):
        assert _exports() == self.exports
        committee = report_data_file(committee_report_data(self.org.north, "2026T1"), "json")
        assert committee == self.committee


def test_plan_changes_never_change_a_handed_in_report(org, chain, plan_a, editor_a):
    run_state_machine_as_test(
        lambda: PlanChanges(org, chain, editor_a),
        settings=settings(
            max_examples=8,
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


@pytest.mark.parametrize("step", ["import_with_replace", "delete"])
def test_replacing_or_deleting_keeps_the_exports(org, chain, plan_a, editor_a, step):
    """The two steps that cascade on today's foreign keys, run once each for certain."""
    machine = PlanChanges(org, chain, editor_a)
    try:
        if step == "import_with_replace":
            machine.import_with_replace(title="Ersatt")
        else:
            for i in range(6):
                machine.delete(i=i, kind="goal")
                machine.delete(i=i, kind="indicator")
                machine.delete(i=i, kind="activity")
        machine.handed_in_reports_say_what_they_said()
    finally:
        machine.teardown()
