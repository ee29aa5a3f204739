"""The roll-up of internal control for one period: a committee's subtree, or the city's.

For a committee: every control plan of the year in its subtree (its own and its units'),
each adopted plan's controls due in the period (reported in T1, T2 or VB as the period
is) with their result status, the counts per status per plan and in total, the
deviations with what was found and the measures taken, and the plans not adopted yet.
For the city: the same counted per committee (each committee's total over its subtree)
and in total, with the plans not adopted of the whole city and the committees that have no
plan of their own (Kommunallagen asks one of every committee). The deviations themselves
stay on each committee's roll-up, which the city's links to: a city of 1 200 units has
thousands, a list nobody reads on one page (and 3 MB of it, in the benchmark).

Only adopted plans are counted: a plan in draft or handed in is still being written, its
controls are reported only once it is adopted (`services.refuse_followup`), so it stands
in the list of plans not adopted instead. Results are read live: the services refuse to
change them once the node's report for the period is handed in, so live is what the
report held.

Plans are narrowed to the nodes the person may see (`visible`, from
`accounts.permissions.visible_unit_ids`), as followup's roll-ups narrow their columns.

A fixed number of queries whatever the number of units: the tree, the year's plans, the
counts per plan (summed by the database), the deviations and their measures, and on the
committee page each plan's controls; every list is selected by joins on the plans, never
by a list of controls or results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, FilteredRelation, Q

from styra.followup.models import ReportingPeriod
from styra.organisation.models import Kind, OrgUnit
from styra.plans.models import PlanStatus

from .models import Control, ControlPlan, ControlResult, Measure, ResultKind, ResultStatus
from .status import MARKS, ORDER, ResultMark

COMMITTEE, CITY = "committee", "city"


@dataclass
class Counts:
    """Controls due in the period, by their result status."""

    not_reported: int = 0
    not_done: int = 0
    deviation: int = 0
    no_deviation: int = 0

    @property
    def total(self) -> int:
        return self.not_reported + self.not_done + self.deviation + self.no_deviation

    def of(self, status: ResultStatus) -> int:
        return int(getattr(self, status.value))

    @property
    def cells(self) -> list[tuple[ResultMark, int]]:
        """Each status's mark with its count, in the order the tables show them."""
        return [(MARKS[status], self.of(status)) for status in ORDER]

    def add(self, other: Counts) -> None:
        for status in ORDER:
            setattr(self, status.value, self.of(status) + other.of(status))


@dataclass
class ControlLine:
    """One control due in the period, with what its result says."""

    process: str
    risk: str
    what: str
    responsible: str
    mark: ResultMark
    findings: str = ""


@dataclass
class PlanFigures:
    """One node's control plan of the year: its counts and, on a committee's page, its controls."""

    plan: ControlPlan
    node: OrgUnit
    committee: OrgUnit | None
    counts: Counts = field(default_factory=Counts)
    controls: list[ControlLine] = field(default_factory=list)

    @property
    def adopted(self) -> bool:
        return self.plan.status == PlanStatus.ADOPTED


@dataclass
class Deviation:
    """A control whose result in the period showed deviations, with the measures taken."""

    plan: PlanFigures
    process: str
    risk: str
    what: str
    responsible: str
    findings: str
    measures: list[Measure] = field(default_factory=list)


@dataclass
class CommitteeFigures:
    """On the city's page, a committee's total over its subtree."""

    node: OrgUnit
    own_plan: PlanFigures | None
    counts: Counts = field(default_factory=Counts)
    adopted: int = 0  # plans counted
    not_adopted: int = 0


@dataclass
class ControlRollup:
    kind: str  # COMMITTEE or CITY
    scope: OrgUnit
    period: ReportingPeriod
    plans: list[PlanFigures]
    total: Counts
    deviations: list[Deviation]  # a committee's; the city's page links to them
    committees: list[CommitteeFigures] = field(default_factory=list)
    # The committees (the committee itself, on its page) without a plan of the year.
    without_plan: list[OrgUnit] = field(default_factory=list)

    @property
    def is_city(self) -> bool:
        return self.kind == CITY

    @property
    def adopted(self) -> list[PlanFigures]:
        return [p for p in self.plans if p.adopted]

    @property
    def not_adopted(self) -> list[PlanFigures]:
        return [p for p in self.plans if not p.adopted]

    @property
    def part(self) -> str:
        return self.period.period.part


# ---------------------------------------------------------------- the reads


def _due(period: ReportingPeriod, prefix: str = "") -> Q:
    """Controls reported in the period's part of the year (T1, T2 or VB)."""
    return Q(**{f"{prefix}report_{period.period.part.lower()}": True})


def _plans(
    scope: OrgUnit, period: ReportingPeriod, visible: set[int] | None
) -> tuple[list[OrgUnit], list[PlanFigures]]:
    """The scope's tree and the year's plans in it that the person may see, in tree order."""
    nodes = sorted(
        OrgUnit.objects.descendants(scope, include_self=True), key=lambda n: n.tree_ordering
    )
    by_id = {n.pk: n for n in nodes}
    committees = {n.pk for n in nodes if n.kind == Kind.COMMITTEE}
    # Every plan of the year, a few thousand at most: cheaper than sending the subtree's ids.
    plans = {
        p.org_unit_id: p
        for p in ControlPlan.objects.filter(year_id=period.year_id).only(
            "pk", "org_unit", "year", "unit_name", "status"
        )
    }
    result = []
    for node in nodes:
        plan = plans.get(node.pk)
        if plan is None or (visible is not None and node.pk not in visible):
            continue
        plan.org_unit = node
        committee = next((pk for pk in reversed(node.tree_path) if pk in committees), None)
        result.append(PlanFigures(plan, node, by_id.get(committee) if committee else None))
    return nodes, result


def _counts(period: ReportingPeriod, plan_ids: list[int]) -> dict[int, Counts]:
    """Each plan's controls due in the period by status, counted by the database."""
    done = Q(result__done=True)
    rows = (
        Control.objects.filter(_due(period), risk__plan__id__in=plan_ids)
        .annotate(result=FilteredRelation("results", condition=Q(results__period=period)))
        .values("risk__plan_id")
        .annotate(
            n=Count("pk"),
            reported=Count("result__id"),
            done=Count("pk", filter=done),
            deviation=Count("pk", filter=done & Q(result__result=ResultKind.DEVIATION)),
        )
        .order_by()
    )
    return {
        row["risk__plan_id"]: Counts(
            not_reported=row["n"] - row["reported"],
            not_done=row["reported"] - row["done"],
            deviation=row["deviation"],
            no_deviation=row["done"] - row["deviation"],
        )
        for row in rows
    }


def _status(done: bool | None, result: str | None) -> ResultStatus:
    """The status of a result read as values (`ControlResult.status`), or none reported."""
    if done is None:
        return ResultStatus.NOT_REPORTED
    return ControlResult(done=done, result=result or "").status


_ORDER = ("risk__process__position", "risk__process_id", "risk__position", "risk_id")


def _controls(period: ReportingPeriod, plans: dict[int, PlanFigures]) -> None:
    """Each plan's controls due in the period with their result, into `plans`."""
    rows: Any = (
        Control.objects.filter(_due(period), risk__plan__id__in=list(plans))
        .annotate(result=FilteredRelation("results", condition=Q(results__period=period)))
        .values(
            "risk__plan_id",
            "risk__process__title",
            "risk__title",
            "what",
            "responsible",
            "result__done",
            "result__result",
            "result__findings",
        )
        .order_by(*_ORDER, "position", "pk")
    )
    for row in rows:
        status = _status(row["result__done"], row["result__result"])
        plans[row["risk__plan_id"]].controls.append(
            ControlLine(
                process=row["risk__process__title"],
                risk=row["risk__title"],
                what=row["what"],
                responsible=row["responsible"],
                mark=MARKS[status],
                findings=row["result__findings"] or "",
            )
        )


def _deviating(period: ReportingPeriod, plan_ids: list[int], prefix: str = "") -> Q:
    """Results (reached as `prefix`) with deviations in the period on the plans' due controls."""
    return _due(period, f"{prefix}control__") & Q(
        **{
            f"{prefix}period": period,
            f"{prefix}done": True,
            f"{prefix}result": ResultKind.DEVIATION,
            f"{prefix}control__risk__plan__id__in": plan_ids,
        }
    )


def _deviations(period: ReportingPeriod, plans: dict[int, PlanFigures]) -> list[Deviation]:
    """The period's results with deviations on controls due in it, with their measures."""
    results = (
        ControlResult.objects.filter(_deviating(period, list(plans)))
        .select_related("control__risk__process")
        .order_by(*(f"control__{name}" for name in _ORDER), "control__position", "control_id")
    )
    measures: dict[int, list[Measure]] = {}
    in_results = Measure.objects.filter(_deviating(period, list(plans), "result__"))
    for measure in in_results.order_by("result_id", "position", "pk"):
        measures.setdefault(measure.result_id, []).append(measure)
    found = []
    for result in results:
        control, risk = result.control, result.control.risk
        found.append(
            Deviation(
                plan=plans[risk.plan_id],
                process=risk.process.title,
                risk=risk.title,
                what=control.what,
                responsible=control.responsible,
                findings=result.findings,
                measures=measures.get(result.pk, []),
            )
        )
    # The plans in tree order (the database ordered each plan's processes and risks).
    rank = {plan_id: i for i, plan_id in enumerate(plans)}
    return sorted(found, key=lambda deviation: rank[deviation.plan.plan.pk])


def control_rollup_for(
    scope: OrgUnit,
    period: ReportingPeriod,
    *,
    visible: set[int] | None = None,
    controls: bool = True,
) -> ControlRollup:
    """The city's roll-up for the city, a committee's for a committee.

    `controls`: also each plan's controls due in the period (the committee's page lists
    them; the city's page and followup's roll-up show the counts only).
    """
    is_city = scope.kind == Kind.CITY
    nodes, plans = _plans(scope, period, visible)
    adopted = {p.plan.pk: p for p in plans if p.adopted}
    for plan_id, counts in _counts(period, list(adopted)).items():
        adopted[plan_id].counts = counts
    if controls and not is_city:
        _controls(period, adopted)
    total = Counts()
    for figures in adopted.values():
        total.add(figures.counts)
    rollup = ControlRollup(
        kind=CITY if is_city else COMMITTEE,
        scope=scope,
        period=period,
        plans=plans,
        total=total,
        deviations=[] if is_city else _deviations(period, adopted),
    )
    with_plan = {p.node.pk for p in plans}
    if is_city:
        rollup.committees = _committee_figures(nodes, plans, visible)
        rollup.without_plan = [c.node for c in rollup.committees if c.own_plan is None]
    elif scope.pk not in with_plan:
        rollup.without_plan = [scope]
    return rollup


def _committee_figures(
    nodes: list[OrgUnit], plans: list[PlanFigures], visible: set[int] | None
) -> list[CommitteeFigures]:
    """The city's committees the person may see, each totalling the plans in its subtree."""
    committees = {
        n.pk: CommitteeFigures(node=n, own_plan=None)
        for n in nodes
        if n.kind == Kind.COMMITTEE and (visible is None or n.pk in visible)
    }
    for figures in plans:
        committee = committees.get(figures.committee.pk) if figures.committee else None
        if committee is None:
            continue
        if figures.node.pk == committee.node.pk:
            committee.own_plan = figures
        if figures.adopted:
            committee.adopted += 1
            committee.counts.add(figures.counts)
        else:
            committee.not_adopted += 1
    return list(committees.values())


def followup_rollup(
    node: OrgUnit, period: ReportingPeriod, visible: set[int] | None
) -> ControlRollup:
    """The answer to followup's roll-up page (`followup.rollup_internal_control`): the counts,
    deviations and plans not adopted, without each plan's controls (this room's page has them)."""
    return control_rollup_for(node, period, visible=visible, controls=False)
