"""styra grant USER ROLE NODE [--user ADMIN]

Gives USER the role ROLE on NODE and on everything under it. USER is a username (or an
e-mail address); ROLE a role's code or label: läsare (reader), redaktör (editor),
beslutsfattare (approver), controller, administratör (admin); NODE a name or, where names
repeat, a path in the organisation tree ("Norrdalens stadsdelsnämnd/Vuxenenheten"). An
unknown or ambiguous name is an error that lists the candidates. A role USER already has
changes nothing and is no error.

Without --user the server's operator gives the role (whoever runs commands here holds
the database already): the audit trail and the security log record "system:<OS user>".
With --user ADMIN it is given as ADMIN, through the same rules as the administration
pages (styra.accounts.services.membership_grant): ADMIN must administer NODE, so gives
roles only in their own subtree and never the administrator role above it; the records
name ADMIN and the operator who ran the command.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from styra.accounts.commandline import acting, add_role_arguments, read_role_arguments, role_label
from styra.accounts.people import node_labels
from styra.accounts.services import membership_grant


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        add_role_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        person, role, node, actor = read_role_arguments(options)
        try:
            with acting(actor, "grant"):
                membership_grant(user=person, role=role, node=node, by=actor)
        except ValidationError as exc:
            if exc.error_list[0].code == "exists":
                self.stdout.write(f"{' '.join(exc.messages)} Ingenting ändrades.")
                return
            raise CommandError(" ".join(exc.messages)) from None
        place = node_labels().get(node.pk, node.name)
        self.stdout.write(
            f"{person.get_username()} har nu rollen {role_label(role)} på {place} "
            "och allt under den."
        )
