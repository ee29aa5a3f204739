"""Who is told about a unit: its nearest approvers and its nearest editors.

Every recipient holds the right per the access policy (accounts.permissions): an
approver or administrator strictly above the unit may approve it, an editor on the unit
or above may edit it. Of those, only the *nearest* are told: the people holding the role
on the closest node that has any. A report handed in by a unit goes to its committee's
approvers, not also to every approver and administrator up to the city (where no
approver is above the unit, the administrator who may decide is told); a reminder goes
to the unit's own editors, and only to the department's or committee's when the unit
has none of its own. Administrators may edit too, but write nothing as a rule, so they
are not told as editors. Inactive accounts hold no right and are left out.

`Roster` loads the tree's paths and the memberships once, so `styra remind` asks the same
two queries for one unit as for 1 200.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth.models import User

from styra.accounts.models import Membership, Role
from styra.accounts.permissions import POLICY, Action
from styra.organisation.models import OrgUnit

# Whom each kind of notice is about: who decides, who writes.
APPROVERS = POLICY[Action.APPROVE]
EDITORS = frozenset({Role.EDITOR})


class Roster:
    """The holders of some roles on a set of nodes and their ancestors."""

    def __init__(self, paths: dict[int, list[int]], roles: frozenset[str]) -> None:
        self.paths = paths  # node id -> ids from the root down to the node itself
        nodes = {node_id for path in paths.values() for node_id in path}
        self.holders: dict[int, dict[int, User]] = defaultdict(dict)
        memberships = Membership.objects.filter(
            org_unit_id__in=nodes, role__in=roles, user__is_active=True
        ).select_related("user")
        for membership in memberships:
            self.holders[membership.org_unit_id][membership.user_id] = membership.user

    @classmethod
    def for_node(cls, node: OrgUnit, roles: frozenset[str]) -> Roster:
        path = list(OrgUnit.objects.ancestors(node, include_self=True).values_list("pk", flat=True))
        return cls({node.pk: path}, roles)

    @classmethod
    def for_tree(cls, roles: frozenset[str]) -> Roster:
        nodes = OrgUnit.objects.with_tree_fields().only("pk", "parent_id")
        return cls({node.pk: list(node.tree_path) for node in nodes}, roles)

    def nearest(self, node_id: int, *, strictly_above: bool = False) -> list[User]:
        """The holders on the closest node (from `node_id` upwards) that has any."""
        path = self.paths.get(node_id, [])
        if strictly_above:
            path = path[:-1]
        for ancestor in reversed(path):
            found = self.holders.get(ancestor)
            if found:
                return sorted(found.values(), key=lambda user: user.pk)
        return []


def approvers_of(unit: OrgUnit) -> list[User]:
    """Who decides on the unit's plans and reports: the nearest approvers above it."""
    return Roster.for_node(unit, APPROVERS).nearest(unit.pk, strictly_above=True)


def editors_of(unit: OrgUnit) -> list[User]:
    """Who writes the unit's plans and reports: its nearest editors."""
    return Roster.for_node(unit, EDITORS).nearest(unit.pk)


def without(users: Iterable[User], person: User | None) -> list[User]:
    """The users, less the one who acted: nobody is told of what they did themselves."""
    return [user for user in users if person is None or user.pk != person.pk]
