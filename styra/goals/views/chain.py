"""The goal chain of a year: KF's direction and area goals, board goals per committee, unit goals.

The page loads the year's goals, indicators, targets and activities in one query
each and builds the tree in Python, so its query count does not grow with the
chain; the indicator rows come from indicators, through `chain_rows.indicator_rows`.
Every edit answers with a re-rendered block of this page: one goal with everything
under it, or the whole chain.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from styra.goals.models import Activity, Goal, Level, PlanningYear
from styra.goals.tree import GoalNode
from styra.organisation.models import OrgUnit

from ..access import ChainAccess, chain_access, get_goal_for_user
from ..chain_rows import ActivityRow, ChainRow, UnderGoal, indicator_rows

# Headings run h2 (direction) → h3 (area) → h4 (committee) → h5 (board) → h6 (unit);
# unit goals are the leaves and need no heading of their own.
GOAL_HEADING = {Level.DIRECTION: "h2", Level.AREA: "h3", Level.BOARD: "h5", Level.UNIT: "p"}
GROUP_HEADING = {Level.AREA: "h4", Level.BOARD: "h6"}
PANEL_HEADING = {Level.DIRECTION: 3, Level.AREA: 4, Level.BOARD: 6, Level.UNIT: 6}


@dataclass
class Group:
    """The goals under one goal that one owner set: a committee's board goals, a unit's goals."""

    owner: OrgUnit | None
    heading: str
    label: str
    nodes: list["ChainNode"] = field(default_factory=list)


@dataclass(kw_only=True)
class ChainNode(GoalNode):
    """A goal tree node with what editing the chain needs: its children grouped by owner."""

    label: str
    heading: str
    editable: bool
    can_add_child: bool
    groups: list[Group] = field(default_factory=list)
    parent: "ChainNode | None" = None
    first: bool = False
    last: bool = False
    open: bool = False
    focus: str = ""
    error: str = ""
    announce: str = ""

    @property
    def child_count(self) -> int:
        return len(self.children)

    @property
    def summary(self) -> str:
        parts = []
        if self.indicators:
            n = len(self.indicators)
            parts.append(ngettext("%(n)d indikator", "%(n)d indikatorer", n) % {"n": n})
        if self.activities:
            n = len(self.activities)
            parts.append(ngettext("%(n)d aktivitet", "%(n)d aktiviteter", n) % {"n": n})
        if self.child_count:
            n = self.child_count
            parts.append(ngettext("%(n)d mål under", "%(n)d mål under", n) % {"n": n})
        return ", ".join(parts)

    @property
    def parent_block(self) -> str:
        """The block that re-renders when this goal moves or goes: its parent, or the chain."""
        return f"goal-{self.goal.parent_id}" if self.goal.parent_id else "chain"

    @property
    def add_child_label(self) -> str:
        if self.goal.level == Level.DIRECTION:
            return _("Nytt mål för verksamhetsområdet")
        return _("Nytt nämndmål")

    def add_child(self, node: "ChainNode", owner: OrgUnit, label: str) -> None:
        node.parent = self
        heading = GROUP_HEADING.get(self.goal.level, "")
        group_owner = owner if heading else None
        group = next((g for g in self.groups if g.owner == group_owner), None)
        if group is None:
            group = Group(owner=group_owner, heading=heading, label=label)
            self.groups.append(group)
        group.nodes.append(node)
        self.children.append(node)


@dataclass
class Chain:
    year: PlanningYear
    access: ChainAccess
    roots: list[ChainNode]
    nodes: dict[int, ChainNode]
    announce: str = ""
    error: str = ""

    def node(self, goal_id: int) -> ChainNode:
        try:
            return self.nodes[goal_id]
        except KeyError:
            raise Http404 from None

    def open_to(self, goal_id: int | None) -> None:
        """Open the goal's <details> and those of every goal above it."""
        node = self.nodes.get(goal_id) if goal_id else None
        while node is not None:
            node.open = True
            node = node.parent


def _mark_ends(items: list) -> None:
    if items:
        items[0].first = True
        items[-1].last = True


def load_chain(year: PlanningYear, access: ChainAccess) -> Chain:
    """The year's chain as the user may see it; four queries whatever its size."""
    unit_label = year.get_unit_goal_label_display()
    goals = [g for g in Goal.objects.for_year(year) if access.sees(g.owner_id)]
    nodes = {
        g.pk: ChainNode(
            goal=g,
            label=unit_label if g.level == Level.UNIT else g.get_level_display(),
            heading=GOAL_HEADING[g.level],
            editable=g.level != Level.UNIT and access.edits(g.owner_id),
            can_add_child=(g.level == Level.DIRECTION and access.administers_city)
            or (g.level == Level.AREA and bool(access.committees)),
            open=g.level == Level.DIRECTION,
        )
        for g in goals
    }
    roots = []
    for goal in goals:
        node = nodes[goal.pk]
        if goal.level == Level.DIRECTION:
            roots.append(node)
        elif goal.parent_id in nodes:
            group_label = (
                _("%(owner)s – nämndmål")
                if goal.level == Level.BOARD
                else "%(owner)s – " + unit_label
            ) % {"owner": goal.owner.name}
            nodes[goal.parent_id].add_child(node, goal.owner, group_label)

    for row in indicator_rows(year, access):
        node = nodes.get(row.obj.goal_id)
        if node is not None:
            node.indicators.append(row)
    for activity in Activity.objects.filter(goal__year=year).order_by("position", "pk"):
        node = nodes.get(activity.goal_id)
        if node is not None and access.sees(activity.owner_id):
            node.activities.append(
                ActivityRow(activity=activity, editable=access.edits(activity.owner_id))
            )

    _mark_ends(roots)
    for node in nodes.values():
        node.groups.sort(key=lambda g: g.owner.name if g.owner else "")
        node.children = [child for group in node.groups for child in group.nodes]
        for group in node.groups:
            _mark_ends(group.nodes)
        # Indicators and activities move among those of the same owner.
        for rows in (node.indicators, node.activities):
            for owner_id in {row.obj.owner_id for row in rows}:
                _mark_ends([row for row in rows if row.obj.owner_id == owner_id])
    return Chain(year=year, access=access, roots=roots, nodes=nodes)


def chain_url(year: PlanningYear, goal_id: int | None = None) -> str:
    url = reverse("goals:chain_year", args=[year.year])
    return f"{url}?oppna={goal_id}#goal-{goal_id}" if goal_id else url


def _page(request: HttpRequest, year: PlanningYear | None, years: list) -> HttpResponse:
    access = chain_access(request.user)
    chain = load_chain(year, access) if year else None
    if chain is not None:
        opened = request.GET.get("oppna", "")
        chain.open_to(int(opened) if opened.isdigit() else None)
    context = {"chain": chain, "year": year, "years": years, "access": access, "nav": "chain"}
    if request.htmx and chain is not None:
        return render(request, "goals/chain.html#chain", context)
    return render(request, "goals/chain.html", context)


def _years(request: HttpRequest) -> list[PlanningYear]:
    """The years the user may see, newest first: a draft year only to those who prepare it."""
    access = chain_access(request.user)
    return [y for y in PlanningYear.objects.order_by("-year") if access.sees_year(y)]


@login_required
@require_GET
def chain(request: HttpRequest) -> HttpResponse:
    """The newest open year's chain (a draft year is chosen in the year selector)."""
    years = _years(request)
    newest = next((y for y in years if not y.is_draft), years[0] if years else None)
    return _page(request, newest, years)


@login_required
@require_GET
def chain_year(request: HttpRequest, year: int) -> HttpResponse:
    years = _years(request)
    selected = next((y for y in years if y.year == year), None)
    if selected is None:
        raise Http404
    return _page(request, selected, years)


def block_response(
    request: HttpRequest,
    year: PlanningYear,
    block: str,
    *,
    focus_goal: int | None = None,
    focus: str = "heading",
    message: str = "",
    error: str = "",
    row: UnderGoal | None = None,
    access: ChainAccess | None = None,
) -> HttpResponse:
    """After a change: the block re-rendered for htmx, else a redirect back to the goal.

    `block` is "chain" or "goal-<id>"; `focus_goal` is the goal whose heading (or
    move button, `focus` = "upp"/"ned") gets the keyboard focus after the swap;
    with `row`, that indicator's or activity's move button gets it instead.
    """
    if not request.htmx:
        if error:
            messages.error(request, error)
        elif message:
            messages.success(request, message)
        return redirect(chain_url(year, focus_goal))
    chain = load_chain(year, access or chain_access(request.user))
    chain.open_to(focus_goal)
    target = chain.nodes.get(focus_goal) if focus_goal else None
    if target is not None:
        target.error = error
        item = target
        if row is not None:
            rows: list[ChainRow] = [*target.indicators, *target.activities]
            item = next((r for r in rows if r.obj == row), target)
        if (focus == "upp" and item.first) or (focus == "ned" and item.last):
            target.focus = "heading"  # the button is gone at either end
        else:
            item.focus = focus
    context = {"chain": chain, "year": year, "access": chain.access}
    if block == "chain":
        chain.announce, chain.error = message, "" if target else error
        return render(request, "goals/chain.html#chain", context)
    node = chain.node(int(block.removeprefix("goal-")))
    node.announce = message or error
    return render(request, "goals/chain.html#goal_node", {**context, "node": node})


@login_required
@require_GET
def goal_block(request: HttpRequest, pk: int) -> HttpResponse:
    """One goal with everything under it; what "Avbryt" in an htmx form swaps back in."""
    goal = get_goal_for_user(request.user, pk)
    access = chain_access(request.user)
    if not request.htmx:
        return redirect(chain_url(goal.year, goal.pk))
    return block_response(request, goal.year, f"goal-{pk}", focus_goal=pk, access=access)
