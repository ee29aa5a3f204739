"""styra roles [NODE] [--user ADMIN]

Lists who holds which role on NODE and on every node under it (the whole city without
NODE), node by node in the tree's order: each role with the person's username and name,
"(inaktiverat konto)" for a closed account and "(från identitetsleverantören)" for a role
that the identity provider's groups give. NODE is a name or a path of names, as for
`styra grant`. With --user ADMIN only the nodes ADMIN administers are listed, as the
administration pages would show them.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styra.accounts.commandline import add_user_option, find_actor, find_node, role_label
from styra.accounts.models import Membership, Source
from styra.accounts.people import admin_scope, node_labels
from styra.organisation.models import OrgUnit


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("node", metavar="NODE", nargs="?", help="enhetens namn eller sökväg")
        add_user_option(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        labels = node_labels()
        nodes = set(labels)
        if options["node"]:
            node = find_node(options["node"])
            nodes = set(OrgUnit.objects.subtree(node).values_list("pk", flat=True))
        actor = find_actor(options["user"])
        if actor is not None:
            nodes &= admin_scope(actor).node_ids
            if not nodes:
                raise CommandError(f"{actor.get_username()} administrerar ingenting här.")
        by_node: dict[int, list[Membership]] = {}
        for membership in Membership.objects.on_nodes(nodes):
            by_node.setdefault(membership.org_unit_id, []).append(membership)
        if not by_node:
            self.stdout.write("Ingen har någon roll här.")
            return
        for node_id, label in labels.items():
            if node_id in by_node:
                self.stdout.write(label)
                for membership in by_node[node_id]:
                    self.stdout.write(f"  {self.line(membership)}")

    @staticmethod
    def line(membership: Membership) -> str:
        person = membership.user
        parts = [f"{role_label(membership.role):<15}", person.get_username()]
        if person.get_full_name():
            parts.append(f"({person.get_full_name()})")
        if not person.is_active:
            parts.append("(inaktiverat konto)")
        if membership.source == Source.IDENTITY_PROVIDER:
            parts.append("(från identitetsleverantören)")
        return " ".join(parts)
