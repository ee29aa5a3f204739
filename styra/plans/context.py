"""One loader for everything a plan shows: page, documents and JSON export all read this.

It runs a fixed number of queries whatever the size of the plan: the chain
nodes the plan includes (with their ancestors, fetched level by level), the
indicators that apply to the unit with its own and KF's targets, the
activities, the sections, the budget and the appendices.
"""

from dataclasses import dataclass
from functools import cached_property
from typing import TypeAlias

from django.db.models import Q
from django.utils.translation import gettext

from styra.budget.models import Budget
from styra.budget.sums import TableRow, table
from styra.goals.models import Activity, Goal, Level
from styra.goals.tree import GoalNode
from styra.indicators.models import Indicator, Target
from styra.lib.ordering import mark_movable
from styra.lib.outline import OutlinedSection, outline
from styra.organisation.models import Kind, OrgUnit
from styra.plans.guarantees import GuaranteeItem, plan_guarantees
from styra.plans.models import Appendix, Plan, SectionPart


@dataclass
class IndicatorRow:
    indicator: Indicator
    target: str | None
    city_target: str | None
    own: bool
    to_review: bool = False  # the unit's target is last year's, carried over (Target.to_review)


@dataclass(frozen=True)
class ReviewItem:
    """Something next year's plan carried over for the unit to read again ("Att granska")."""

    anchor: str  # the id on the plan page
    label: str
    note: str


PlanNode: TypeAlias = GoalNode[Goal, IndicatorRow, Activity]


@dataclass
class PlanContext:
    plan: Plan
    city: OrgUnit | None
    committee: OrgUnit | None
    unit_goal_label: str
    nodes: list[PlanNode]
    sections: list
    budget: Budget | None
    budget_rows: list[TableRow]  # sum rows computed from their lines: budget.sums
    appendices: list[Appendix]

    @property
    def closing_from(self) -> int | None:
        return next((i for i, s in enumerate(self.sections) if s.part == SectionPart.CLOSING), None)

    @property
    def intro_sections(self) -> list:
        return [s for s in self.sections if s.part != SectionPart.CLOSING]

    @property
    def closing_sections(self) -> list:
        return [s for s in self.sections if s.part == SectionPart.CLOSING]

    @property
    def intro_outline(self) -> list[OutlinedSection]:
        return outline(self.intro_sections)

    @property
    def closing_outline(self) -> list[OutlinedSection]:
        return outline(self.closing_sections)

    @property
    def organisation(self) -> str:
        return self.committee.name if self.committee else ""

    @cached_property
    def quality_guarantees(self) -> list[GuaranteeItem]:
        """The unit's quality guarantees of the year, asked of internal_control (one query)
        where they are shown or exported, never by the loads that do neither."""
        return plan_guarantees(self.plan)

    # The header as the page shows it; an adopted plan (stored_plan.PlanView) has the same.
    @property
    def officer(self) -> str:
        return self.plan.officer

    @property
    def phone(self) -> str:
        return self.plan.phone

    @property
    def addressee(self) -> str:
        return self.plan.addressee

    @property
    def meeting_date(self):
        return self.plan.meeting_date

    @property
    def to_review(self) -> list[ReviewItem]:
        """What the copy from last year marked: the addressee, goal texts and sections that
        name last year, and targets carried over; each mark goes when the unit edits what it
        is on."""
        items = []
        if self.plan.addressee_review_note:
            label = gettext("Planens uppgifter: Till")
            note = gettext("nämner %(phrases)s") % {"phrases": self.plan.addressee_review_note}
            items.append(ReviewItem("header", label, note))
        for section in self.sections:
            if section.review_note:
                label = gettext("Avsnitt: %(heading)s") % {"heading": section.heading}
                note = gettext("nämner %(phrases)s") % {"phrases": section.review_note}
                items.append(ReviewItem(f"section-{section.pk}", label, note))
        for node, _ in self.walk():
            goal = node.goal
            if node.own and goal.review_note:
                label = f"{self.unit_goal_label}: {goal.title}"
                note = gettext("nämner %(phrases)s") % {"phrases": goal.review_note}
                items.append(ReviewItem(f"goal-{goal.pk}", label, note))
            for row in node.indicators:
                if row.to_review:
                    label = gettext("Årsmål för %(name)s") % {"name": row.indicator.name}
                    note = gettext("förra årets: %(target)s") % {"target": row.target or "–"}
                    items.append(ReviewItem(f"goal-{goal.pk}", label, note))
        return items

    def walk(self):
        """Every node with its depth, in document order."""
        stack = [(n, 0) for n in reversed(self.nodes)]
        while stack:
            node, depth = stack.pop()
            yield node, depth
            stack.extend((c, depth + 1) for c in reversed(node.children))

    @property
    def budget_columns(self) -> list[str]:
        """The amount columns the rows use, in the seeds' order."""
        return [
            c
            for c in ("costs", "revenues", "net")
            if any(getattr(r, c) is not None for r in self.budget_rows)
        ]


def shown_goals(plan: Plan) -> dict[int, Goal]:
    unit = plan.unit
    goals = {
        g.pk: g
        for g in Goal.objects.filter(
            Q(year_id=plan.year_id, level=Level.UNIT, owner=unit)
            | Q(pk__in=plan.chain_goals.values("pk"))
        )
    }
    # Ancestors the plan does not list explicitly still frame it; at most three levels up.
    for _ in range(3):
        missing = {g.parent_id for g in goals.values() if g.parent_id and g.parent_id not in goals}
        if not missing:
            break
        goals.update({g.pk: g for g in Goal.objects.filter(pk__in=missing)})
    return goals


def load_plan(plan: Plan) -> PlanContext:
    unit = plan.unit
    ancestors = list(OrgUnit.objects.ancestors(unit, include_self=False))
    city = ancestors[0] if ancestors and ancestors[0].kind == Kind.CITY else None
    committee = next((a for a in reversed(ancestors) if a.kind == Kind.COMMITTEE), None)

    goals = shown_goals(plan)
    indicators = list(
        Indicator.objects.filter(goal_id__in=goals)
        .filter(Q(owner=unit) | Q(targets__org_unit=unit))
        .distinct()
        .order_by("position", "pk")
    )
    targets, to_review = {}, set()
    for t in Target.objects.filter(
        indicator__in=[i.pk for i in indicators],
        org_unit_id__in=[unit.pk] + ([city.pk] if city else []),
    ):
        targets[(t.indicator_id, t.org_unit_id)] = t.text
        if t.to_review and t.org_unit_id == unit.pk:
            to_review.add(t.indicator_id)
    activities = list(
        Activity.objects.filter(goal_id__in=goals)
        .filter(Q(owner=unit) | Q(pk__in=plan.chain_activities.values("pk")))
        .order_by("position", "pk")
    )

    nodes = {pk: PlanNode(goal=g, own=g.owner_id == unit.pk) for pk, g in goals.items()}
    for ind in indicators:
        nodes[ind.goal_id].indicators.append(
            IndicatorRow(
                indicator=ind,
                target=targets.get((ind.pk, unit.pk)),
                city_target=targets.get((ind.pk, city.pk)) if city else None,
                own=ind.owner_id == unit.pk,
                to_review=ind.pk in to_review,
            )
        )
    for act in activities:
        nodes[act.goal_id].activities.append(act)
    roots: list[PlanNode] = []
    for node in sorted(
        nodes.values(), key=lambda n: (n.goal.level_rank, n.goal.position, n.goal.pk)
    ):
        parent = nodes.get(node.goal.parent_id)
        (parent.children if parent else roots).append(node)

    budget = Budget.objects.filter(plan=plan).first()
    ctx = PlanContext(
        plan=plan,
        city=city,
        committee=committee,
        unit_goal_label=plan.year.get_unit_goal_label_display(),
        nodes=roots,
        # Intro before closing, each in its own order: sections move within their part.
        sections=sorted(
            plan.sections.all(), key=lambda s: (s.part == SectionPart.CLOSING, s.position, s.pk)
        ),
        budget=budget,
        budget_rows=table(budget.rows.all()) if budget else [],
        appendices=list(plan.appendices.all()),
    )
    _mark_movable(ctx, unit)
    return ctx


def _mark_movable(ctx: PlanContext, unit: OrgUnit) -> None:
    """Which of the unit's rows can move up or down, grouped as the move services see them."""
    groups = [ctx.nodes] + [node.children for node, _ in ctx.walk()]
    for siblings in groups:
        mark_movable(
            [n.goal for n in siblings if n.own],
            key=lambda g: (g.parent_id, g.owner_id, g.level),
        )
    for node, _ in ctx.walk():
        mark_movable([row.indicator for row in node.indicators], key=lambda i: i.owner_id)
        mark_movable(node.activities, key=lambda a: a.owner_id)
    mark_movable(ctx.sections, key=lambda s: s.part)
    # The rows themselves: a TableRow is a frozen view of one, shown with its computed sums.
    mark_movable([r.row for r in ctx.budget_rows])
