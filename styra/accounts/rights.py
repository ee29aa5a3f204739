"""What a person may see and do, and why, in words: each role, on its node, with the
actions that `permissions.POLICY` gives it there.

The words follow the policy table (docs/access-policy.md), and are built from POLICY
itself, so that a change of the policy changes what the person's page says.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Membership, Role
from .permissions import POLICY, Action

WHAT: dict[Action, Promise] = {
    Action.VIEW: gettext_lazy("se planer, rapporter, mål, indikatorer och deras historik"),
    Action.EDIT: gettext_lazy("skriva planer och rapporter, lämna in dem och importera planer"),
    Action.BUDGET: gettext_lazy("arbeta med budgeten och budgetuppföljningen"),
    Action.APPROVE: gettext_lazy("fastställa planer, godkänna rapporter och öppna dem igen"),
    Action.ADMINISTER: gettext_lazy("administrera organisationen, personer och roller"),
}


@dataclass(frozen=True)
class RoleRights:
    """One role on one node: "Redaktör på Vuxenenheten", and what it gives."""

    membership: Membership
    place: str  # the node's path of names
    heading: str
    rights: list[str]


def role_rights(role: str, node: str, *, root: bool = False) -> list[str]:
    """What the role gives on the node named `node`, one sentence per action of POLICY.

    An approver decides on what lies below their node, never on the node itself (see
    permissions.can); an administrator of the root also keeps the city's own parts.
    """
    everything = _("för %(node)s och allt under den") % {"node": node}
    lines = []
    for action, roles in POLICY.items():
        if role not in roles:
            continue
        where = everything
        if action == Action.APPROVE and role != Role.ADMIN:
            where = _("för det som ligger under %(node)s, inte för %(node)s själv") % {"node": node}
        lines.append(_("får %(what)s %(where)s") % {"what": WHAT[action], "where": where})
    if role == Role.ADMIN and root:
        lines.append(
            _("sköter stadens planeringsår, KF:s mål, uppföljningsperioderna och granskningsloggen")
        )
    return lines


def explain(
    memberships: list[Membership], labels: dict[int, str], root_ids: set[int]
) -> list[RoleRights]:
    """Each role with its rights, in the order given (the caller's, usually by place)."""
    explained = []
    for membership in memberships:
        node = membership.org_unit
        heading = _("%(role)s på %(node)s") % {
            "role": membership.get_role_display(),
            "node": node.name,
        }
        explained.append(
            RoleRights(
                membership=membership,
                place=labels.get(node.pk, node.name),
                heading=heading,
                rights=role_rights(membership.role, node.name, root=node.pk in root_ids),
            )
        )
    return explained


def account_notes(person: User, memberships: list[Membership]) -> list[str]:
    """What else decides what the person may do: a closed account, Django's admin, TOTP."""
    notes = []
    if not person.is_active:
        notes.append(
            _("Kontot är inaktiverat: personen kan inte logga in och får inte se något i Styra.")
        )
    if person.is_superuser:
        notes.append(
            _(
                "Superanvändare: får allt i hela organisationen, vilka roller personen än har, "
                "och Djangos administration."
            )
        )
    elif person.is_staff:
        notes.append(_("Personal: öppnar Djangos administration med de rättigheter som getts där."))
    if not memberships and not person.is_superuser:
        notes.append(_("Har ingen roll: personen ser ingen del av organisationen."))
    administers = person.is_superuser or person.is_staff
    administers = administers or any(m.role == Role.ADMIN for m in memberships)
    if administers and settings.STYRA_REQUIRE_ADMIN_OTP:
        notes.append(
            _(
                "Som administratör anger personen en kod från sin autentiseringsapp efter "
                "lösenordet (tvåstegsverifiering), utom vid inloggning med kommunens konto."
            )
        )
    return notes
