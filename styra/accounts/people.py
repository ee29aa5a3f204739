"""Who looks after whom: the people an administrator sees, and their loaders.

An administrator (the admin role on a node) looks after the people who hold a role on
that node or below it, and sees only those roles; a city administrator (admin on the
root, or a superuser) looks after everyone, also those who hold no role yet (an account
the identity provider made). Changing the account itself (closing it, sending it a link
for a new password) takes more: every role the person holds must lie where the
administrator administers, so that nobody closes the account of someone above them.
Accounts that open Django's admin (staff, superusers) are looked after there only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from styra.organisation.models import OrgUnit

from .models import Membership
from .permissions import Action, AnyUser, visible_unit_ids


@dataclass(frozen=True)
class Scope:
    """The nodes a user administers, whether that is the whole city, and the tree's roots."""

    node_ids: frozenset[int]
    everyone: bool
    superuser: bool
    root_ids: frozenset[int]

    def __bool__(self) -> bool:
        return bool(self.node_ids)


def admin_scope(user: AnyUser) -> Scope:
    """Where the user administers; two queries once per request, whatever the size of the tree.

    Kept on the user object like the memberships it is made of (permissions._memberships).
    """
    cached: Scope | None = getattr(user, "_styra_admin_scope", None)
    if cached is not None:
        return cached
    node_ids = frozenset(visible_unit_ids(user, Action.ADMINISTER))
    roots = frozenset(OrgUnit.objects.filter(parent=None).values_list("pk", flat=True))
    scope = Scope(
        node_ids=node_ids,
        everyone=bool(roots) and roots <= node_ids,
        superuser=bool(getattr(user, "is_superuser", False) and user.is_active),
        root_ids=roots,
    )
    setattr(user, "_styra_admin_scope", scope)  # noqa: B010 (read back with getattr above)
    return scope


def node_labels() -> dict[int, str]:
    """Every node's path of names below the city ("Socialnämnden/Vuxenenheten"); one query."""
    return {node.pk: path for path, node in OrgUnit.objects.by_path().items()}


def people_in(scope: Scope) -> QuerySet[User]:
    """The people the scope looks after, by name."""
    users = get_user_model().objects.all()
    if not scope.everyone:
        holding = Membership.objects.filter(org_unit_id__in=scope.node_ids).values("user_id")
        users = users.filter(pk__in=holding)
    return users.order_by("last_name", "first_name", "username", "pk")


def looks_after(scope: Scope, person: User) -> bool:
    """Whether the person is on the scope's list (people_in)."""
    if not scope:
        return False
    if scope.everyone:
        return True
    return Membership.objects.filter(user=person, org_unit_id__in=scope.node_ids).exists()


def outside_roles(scope: Scope, person: User) -> int:
    """How many of the person's roles lie where the scope does not reach."""
    if scope.everyone:
        return 0
    return Membership.objects.filter(user=person).exclude(org_unit_id__in=scope.node_ids).count()


def manages_account(scope: Scope, person: User) -> bool:
    """Whether the scope may close, reopen or send a password link to the person's account."""
    if person.is_superuser or person.is_staff:
        return scope.superuser
    if not scope:
        return False
    if scope.everyone:
        return True
    return looks_after(scope, person) and outside_roles(scope, person) == 0


def get_person_for_user(user: AnyUser, person_id: int, action: Action = Action.VIEW) -> User:
    """The person if `user` looks after them; 404 otherwise, 403 if `action` is ADMINISTER
    (their account itself) and they hold a role where `user` does not administer."""
    scope = admin_scope(user)
    person = get_user_model().objects.filter(pk=person_id).first()
    if person is None or not looks_after(scope, person):
        raise Http404
    if action == Action.ADMINISTER and not manages_account(scope, person):
        raise PermissionDenied
    return person


def get_membership_for_user(user: AnyUser, membership_id: int) -> Membership:
    """A role on a node where `user` administers; 404 for every other role."""
    membership = (
        Membership.objects.select_related("user", "org_unit").filter(pk=membership_id).first()
    )
    if membership is None or membership.org_unit_id not in admin_scope(user).node_ids:
        raise Http404
    return membership


def person_name(user: User | None) -> str:
    """How Styra names a person wherever it shows or keeps who did something: the full
    name, else the username; "" for nobody (Styra itself, a command run without a user)."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
