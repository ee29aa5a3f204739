"""The access policy: role × place in the organisation tree × state of the object.

A role on a node covers the node's whole subtree. The table below is the one
place where roles become rights; every view, download, export and command
asks `can()` or its object kind's `get_<object>_for_user`, and every list is
narrowed with `visible_unit_ids()`. The policy knows people, roles and nodes
only: each object's loader lives with the object (plans.access, goals.access,
indicators.access, followup.access) and is built on `require()`, all of one
shape: `get_<object>_for_user(user, <object>_id, action=Action.VIEW)` returns the
object, or raises 404 when the user may not see it and 403 when they may see it
but not do `action`.

| action     | who (on the node or above)          | refused when                |
|------------|-------------------------------------|-----------------------------|
| view       | reader, editor, approver, controller, admin |                     |
| edit       | editor, admin                       | the plan is submitted/adopted |
| budget     | editor, controller, admin           | the plan is submitted/adopted |
| approve    | approver, admin (strictly above the unit for approver) |          |
| administer | admin                               |                             |
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import Http404

from styra.organisation.models import Kind, OrgUnit

from .models import Membership, Role

# Whoever asks: request.user (perhaps anonymous), or a User in commands and services.
AnyUser = User | AnonymousUser


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    BUDGET = "budget"
    APPROVE = "approve"
    ADMINISTER = "administer"


POLICY: dict[Action, frozenset[str]] = {
    Action.VIEW: frozenset(Role.values),
    Action.EDIT: frozenset({Role.EDITOR, Role.ADMIN}),
    Action.BUDGET: frozenset({Role.EDITOR, Role.CONTROLLER, Role.ADMIN}),
    Action.APPROVE: frozenset({Role.APPROVER, Role.ADMIN}),
    Action.ADMINISTER: frozenset({Role.ADMIN}),
}

# Actions that change an object and so are refused on submitted or adopted plans.
WRITES = frozenset({Action.EDIT, Action.BUDGET})


def _memberships(user: AnyUser) -> list[tuple[int, str]]:
    """The user's (node id, role) pairs, loaded once per request."""
    if isinstance(user, AnonymousUser) or not getattr(user, "is_authenticated", False):
        return []
    cached: list[tuple[int, str]] | None = getattr(user, "_styra_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).values_list("org_unit_id", "role"))
        setattr(user, "_styra_memberships", cached)  # noqa: B010 (read back with getattr above)
    return cached


def _ancestor_ids(node: OrgUnit) -> list[int]:
    path = getattr(node, "tree_path", None)
    if path is None:
        path = list(OrgUnit.objects.ancestors(node, include_self=True).values_list("pk", flat=True))
        node.tree_path = path
    return list(path)


def roles_on(user: AnyUser, node: OrgUnit) -> set[str]:
    """Every role the user holds on the node or on a node above it."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return {Role.ADMIN}
    ancestors = set(_ancestor_ids(node))
    return {role for node_id, role in _memberships(user) if node_id in ancestors}


def can(user: AnyUser, action: Action, node: OrgUnit, *, locked: bool = False) -> bool:
    if locked and action in WRITES:
        return False
    if not getattr(user, "is_active", False):
        return False
    roles = roles_on(user, node)
    if action == Action.APPROVE and Role.ADMIN not in roles:
        # An approver decides on units below them, never on their own unit.
        above = set(_ancestor_ids(node)[:-1])
        roles = {role for node_id, role in _memberships(user) if node_id in above}
    return bool(roles & POLICY[action])


def holds_any(user: AnyUser, action: Action) -> bool:
    """Whether the user may do `action` somewhere in the tree (for navigation, not access)."""
    if not getattr(user, "is_active", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return any(role in POLICY[action] for _, role in _memberships(user))


def visible_unit_ids(user: AnyUser, action: Action = Action.VIEW) -> set[int]:
    """Ids of every node where the user may do `action`: the subtrees of their memberships."""
    if not getattr(user, "is_active", False):
        return set()
    if getattr(user, "is_superuser", False):
        return set(OrgUnit.objects.values_list("pk", flat=True))
    roots = {node_id for node_id, role in _memberships(user) if role in POLICY[action]}
    if not roots:
        return set()
    visible = set()
    for node in OrgUnit.objects.with_tree_fields().only("pk", "parent_id"):
        if roots.intersection(node.tree_path):
            visible.add(node.pk)
    return visible


def require(user: AnyUser, action: Action, node: OrgUnit, *, locked: bool = False) -> None:
    """Raise 404 when the user may not even see the node, 403 when they may see but not act."""
    if not can(user, Action.VIEW, node):
        raise Http404
    if action != Action.VIEW and not can(user, action, node, locked=locked):
        raise PermissionDenied


def get_unit_for_user(user: AnyUser, unit_id: int, action: Action = Action.VIEW) -> OrgUnit:
    """The node if the user may do `action` on it; 404 if they may not see it, else 403.

    Nodes are organisation's, which sits below this policy, so their loader is here.
    """
    unit = OrgUnit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    require(user, action, unit)
    return unit


def require_city_admin(user: AnyUser, *, seen_by_everyone: bool = False) -> OrgUnit:
    """The city (the root of the tree) if the user administers it; 404 or 403 otherwise.

    Planning years, KF's goals and the follow-up calendar are the city's to change. A
    refusal is 404 for those who may not see the city, unless what is asked about is
    shown to every signed-in user (`seen_by_everyone`: KF's part of the goal chain),
    where hiding it would say nothing and 403 says why.
    """
    city = OrgUnit.objects.filter(parent__isnull=True, kind=Kind.CITY).order_by("pk").first()
    if city is None:
        raise Http404
    if not can(user, Action.ADMINISTER, city):
        if seen_by_everyone and getattr(user, "is_active", False):
            raise PermissionDenied
        require(user, Action.ADMINISTER, city)
    return city
