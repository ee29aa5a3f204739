"""Who is told about a unit: its nearest approvers and its nearest editors.

Every recipient holds the right per the access policy (accounts.permissions): an
approver or administrator strictly above the unit may approve it, an editor on the unit
or above may edit it. Of those, only the *nearest* are told: the people holding the role
on the closest node that has any. A report handed in by a unit goes to its committee's
approvers, not also to every approver and administrator up to the city (where no
approver is above the unit, the administrator who may decide is told); a reminder goes
to the unit's own editors, and only to the department's or committee's when the unit
has none of its own. Administrators may edit too, but write nothing as a rule, so they
are not told as editors, unless no editor is on the unit or above it: then the nearest
administrators stand in (`Writers.stand_in`), and are told why, since the one who can give
someone the editor's role is the only one who can see to it that the unit reports.
Inactive accounts hold no right and are left out.

`Roster` loads the tree's paths and the memberships once, so `styra remind` asks the same
two queries for one unit as for 1 200.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User

from styra.accounts.models import Membership, Role
from styra.accounts.permissions import POLICY, Action
from styra.organisation.models import OrgUnit

# Whom each kind of notice is about: who decides, who writes (and who stands in for them).
APPROVERS = POLICY[Action.APPROVE]
EDITORS = frozenset({Role.EDITOR})
ADMINISTRATORS = frozenset({Role.ADMIN})
WRITERS = EDITORS | ADMINISTRATORS


@dataclass(frozen=True)
class Writers:
    """Who is told what a unit must write: its nearest editors, or, when it has none on it
    or above it, its nearest administrators standing in."""

    users: list[User]
    stand_in: bool = False


class Roster:
    """The holders of some roles on a set of nodes and their ancestors."""

    def __init__(self, paths: dict[int, list[int]], roles: frozenset[str]) -> None:
        self.paths = paths  # node id -> ids from the root down to the node itself
        nodes = {node_id for path in paths.values() for node_id in path}
        # node id -> role -> user id -> user
        self.holders: dict[int, dict[str, dict[int, User]]] = defaultdict(lambda: defaultdict(dict))
        memberships = Membership.objects.filter(
            org_unit_id__in=nodes, role__in=roles, user__is_active=True
        ).select_related("user")
        for membership in memberships:
            holders = self.holders[membership.org_unit_id][membership.role]
            holders[membership.user_id] = membership.user

    @classmethod
    def for_node(cls, node: OrgUnit, roles: frozenset[str]) -> Roster:
        path = list(OrgUnit.objects.ancestors(node, include_self=True).values_list("pk", flat=True))
        return cls({node.pk: path}, roles)

    @classmethod
    def for_tree(cls, roles: frozenset[str]) -> Roster:
        nodes = OrgUnit.objects.with_tree_fields().only("pk", "parent_id")
        return cls({node.pk: list(node.tree_path) for node in nodes}, roles)

    def nearest(
        self, node_id: int, *, strictly_above: bool = False, roles: frozenset[str] | None = None
    ) -> list[User]:
        """The holders (of `roles`, or of any role loaded) on the closest node, from
        `node_id` upwards, that has any."""
        path = self.paths.get(node_id, [])
        if strictly_above:
            path = path[:-1]
        for ancestor in reversed(path):
            found = {
                user.pk: user
                for role, users in self.holders.get(ancestor, {}).items()
                if roles is None or role in roles
                for user in users.values()
            }
            if found:
                return sorted(found.values(), key=lambda user: user.pk)
        return []

    def writers(self, node_id: int) -> Writers:
        """The unit's nearest editors, else its nearest administrators standing in (the
        roster must hold WRITERS)."""
        editors = self.nearest(node_id, roles=EDITORS)
        if editors:
            return Writers(editors)
        administrators = self.nearest(node_id, roles=ADMINISTRATORS)
        return Writers(administrators, stand_in=bool(administrators))


def approvers_of(unit: OrgUnit) -> list[User]:
    """Who decides on the unit's plans and reports: the nearest approvers above it."""
    return Roster.for_node(unit, APPROVERS).nearest(unit.pk, strictly_above=True)


def editors_of(unit: OrgUnit) -> Writers:
    """Who writes the unit's plans and reports: its nearest editors, or the administrators
    standing in for them."""
    return Roster.for_node(unit, WRITERS).writers(unit.pk)


def without(users: Iterable[User], person: User | None) -> list[User]:
    """The users, less the one who acted: nobody is told of what they did themselves."""
    return [user for user in users if person is None or user.pk != person.pk]
