"""Who may see and change which part of the goal chain.

KF's goals are shown to every signed-in user. A committee's or a unit's goals,
indicators and activities are shown to those who may see that node and to
those working below it, whose own plans are framed by them (a unit's plan shows
its committee's board goals too). KF's part is changed by administrators of the
city root, a committee's part by its editors; units change their own goals in
their plans, not here.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from styra.accounts.permissions import Action, can, visible_unit_ids
from styra.goals.models import Activity, Goal
from styra.indicators.models import Indicator
from styra.organisation.models import Kind, OrgUnit


@dataclass
class ChainAccess:
    city: OrgUnit | None
    seen_ids: set[int]
    administers_city: bool
    committees: list[OrgUnit]  # the committees whose part of the chain the user edits

    def sees(self, owner_id: int) -> bool:
        return owner_id in self.seen_ids or (self.city is not None and owner_id == self.city.pk)

    def edits(self, owner_id: int) -> bool:
        if self.city is not None and owner_id == self.city.pk:
            return self.administers_city
        return any(c.pk == owner_id for c in self.committees)


def chain_access(user) -> ChainAccess:
    """The user's view of the chain, from one read of the tree (three queries)."""
    visible = visible_unit_ids(user)
    nodes = sorted(OrgUnit.objects.with_tree_fields(), key=lambda n: n.tree_ordering)
    city = next((n for n in nodes if n.parent_id is None and n.kind == Kind.CITY), None)
    seen = {pk for n in nodes if n.pk in visible for pk in n.tree_path}
    committees = [
        n
        for n in nodes
        if n.kind == Kind.COMMITTEE and n.pk in visible and can(user, Action.EDIT, n)
    ]
    return ChainAccess(
        city=city,
        seen_ids=seen,
        administers_city=city is not None and can(user, Action.ADMINISTER, city),
        committees=committees,
    )


def require_edit(access: ChainAccess, owner_id: int) -> None:
    """404 when the user cannot see the owner's part of the chain, 403 if they cannot change it."""
    if not access.sees(owner_id):
        raise Http404
    if not access.edits(owner_id):
        raise PermissionDenied


def require_city_admin(user) -> ChainAccess:
    access = chain_access(user)
    if access.city is None:
        raise Http404
    if not access.administers_city:
        raise PermissionDenied
    return access


def _get_for_edit(user, queryset, pk: int):
    """The object if the user may change its owner's part of the chain (404 or 403 if not)."""
    obj = get_object_or_404(queryset, pk=pk)
    access = chain_access(user)
    require_edit(access, obj.owner_id)
    return obj, access


def get_goal_for_edit(user, goal_id: int) -> tuple[Goal, ChainAccess]:
    return _get_for_edit(user, Goal.objects.select_related("year", "owner", "parent"), goal_id)


def get_indicator_for_edit(user, indicator_id: int) -> tuple[Indicator, ChainAccess]:
    return _get_for_edit(
        user, Indicator.objects.select_related("owner", "goal__year"), indicator_id
    )


def get_activity_for_edit(user, activity_id: int) -> tuple[Activity, ChainAccess]:
    return _get_for_edit(user, Activity.objects.select_related("owner", "goal__year"), activity_id)
