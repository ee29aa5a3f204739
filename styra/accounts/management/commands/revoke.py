"""styra revoke USER ROLE NODE [--user ADMIN]

Takes the role ROLE on NODE from USER; USER, ROLE and NODE as for `styra grant`. A role
USER does not hold on exactly that node is an error that lists the roles USER holds.

Without --user the server's operator takes it ("system:<OS user>" in the audit trail and
the security log). With --user ADMIN it is taken as ADMIN through the administration
pages' rules (styra.accounts.services.membership_revoke): ADMIN must administer NODE,
cannot take their own last administrator role, and leaves a role that the identity
provider's groups still give to the provider.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from styra.accounts.commandline import acting, add_role_arguments, read_role_arguments, role_label
from styra.accounts.models import Membership
from styra.accounts.people import node_labels
from styra.accounts.services import membership_revoke


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        add_role_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        person, role, node, actor = read_role_arguments(options)
        labels = node_labels()
        membership = Membership.objects.filter(user=person, role=role, org_unit=node).first()
        if membership is None:
            held = [
                f"{role_label(m.role)} på {labels.get(m.org_unit_id, m.org_unit.name)}"
                for m in person.memberships.select_related("org_unit").order_by("pk")
            ]
            raise CommandError(
                f"{person.get_username()} har inte rollen {role_label(role)} på "
                f"{labels.get(node.pk, node.name)}. Personens roller: {'; '.join(held) or 'inga'}."
            )
        try:
            with acting(actor, "revoke"):
                membership_revoke(membership=membership, by=actor)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            f"{person.get_username()} har inte längre rollen {role_label(role)} på "
            f"{labels.get(node.pk, node.name)}."
        )
