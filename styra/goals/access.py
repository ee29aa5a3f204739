"""Who may see and change which part of the goal chain.

KF's goals are shown to every signed-in user. A committee's or a unit's goals,
indicators and activities are shown to those who may see that node and to
those working below it, whose own plans are framed by them (a unit's plan shows
its committee's board goals too). KF's part is changed by administrators of the
city root, a committee's part by its editors; units change their own goals in
their plans, not here.

A draft year (one opened from the last, not yet opened for the units) is shown only to the
city's administrators and the committees' administrators, who prepare it; to everyone
else it does not exist (404).
"""

from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.http import Http404

from styra.accounts.permissions import Action, AnyUser, can, visible_unit_ids
from styra.goals.models import Activity, Goal, PlanningYear
from styra.organisation.models import Kind, OrgUnit


@dataclass
class ChainAccess:
    city: OrgUnit | None
    seen_ids: set[int]
    administers_city: bool
    committees: list[OrgUnit]  # the committees whose part of the chain the user edits
    sees_drafts: bool = False  # administers the city or a committee: prepares draft years
    # The nodes where the user may view (their memberships' subtrees), without the nodes above
    # them that seen_ids adds: who may read a unit's plans and reports.
    visible_ids: frozenset[int] = frozenset()

    def sees_year(self, year: PlanningYear) -> bool:
        return not year.is_draft or self.sees_drafts

    def sees(self, owner_id: int) -> bool:
        return owner_id in self.seen_ids or (self.city is not None and owner_id == self.city.pk)

    def edits(self, owner_id: int) -> bool:
        if self.city is not None and owner_id == self.city.pk:
            return self.administers_city
        return any(c.pk == owner_id for c in self.committees)


def chain_access(user: AnyUser) -> ChainAccess:
    """The user's view of the chain, from one read of the tree (three queries).

    Kept on the user for the request, as the policy keeps their memberships: the
    loaders below and the page that answers both ask for it.
    """
    cached: ChainAccess | None = getattr(user, "_styra_chain_access", None)
    if cached is not None:
        return cached
    visible = visible_unit_ids(user)
    nodes = sorted(OrgUnit.objects.with_tree_fields(), key=lambda n: n.tree_ordering)
    city = next((n for n in nodes if n.parent_id is None and n.kind == Kind.CITY), None)
    seen = {pk for n in nodes if n.pk in visible for pk in n.tree_path}
    committees = [
        n
        for n in nodes
        if n.kind == Kind.COMMITTEE and n.pk in visible and can(user, Action.EDIT, n)
    ]
    administers_city = city is not None and can(user, Action.ADMINISTER, city)
    access = ChainAccess(
        city=city,
        seen_ids=seen,
        visible_ids=frozenset(visible),
        administers_city=administers_city,
        committees=committees,
        sees_drafts=administers_city or any(can(user, Action.ADMINISTER, n) for n in committees),
    )
    if getattr(user, "is_authenticated", False):
        setattr(user, "_styra_chain_access", access)  # noqa: B010 (read back with getattr above)
    return access


def require_year(access: ChainAccess, year: PlanningYear) -> None:
    """404 for a draft year to those who do not prepare it: to them it does not exist yet."""
    if not access.sees_year(year):
        raise Http404


def require_edit(access: ChainAccess, owner_id: int) -> None:
    """404 when the user cannot see the owner's part of the chain, 403 if they cannot change it."""
    if not access.sees(owner_id):
        raise Http404
    if not access.edits(owner_id):
        raise PermissionDenied


def get_goal_for_user(user: AnyUser, goal_id: int, action: Action = Action.VIEW) -> Goal:
    """The goal if the user may see its part of the chain (404 if not) and, for any
    `action` but viewing, change it (403 if not: KF's part is the city administrators',
    a committee's its editors'; a unit changes its goals in its plan, not here)."""
    goal = Goal.objects.select_related("year", "owner", "parent").filter(pk=goal_id).first()
    return _require_chain(user, goal, action)


def get_activity_for_user(
    user: AnyUser, activity_id: int, action: Action = Action.VIEW
) -> Activity:
    """The activity, on the terms of get_goal_for_user: by its owner's part of the chain."""
    activity = Activity.objects.select_related("owner", "goal__year").filter(pk=activity_id).first()
    return _require_chain(user, activity, action)


Owned = TypeVar("Owned", Goal, Activity)


def _require_chain(user: AnyUser, obj: Owned | None, action: Action) -> Owned:
    if obj is None:
        raise Http404
    access = chain_access(user)
    require_year(access, obj.year if isinstance(obj, Goal) else obj.goal.year)
    if action == Action.VIEW:
        if not access.sees(obj.owner_id):
            raise Http404
    else:
        require_edit(access, obj.owner_id)
    return obj
