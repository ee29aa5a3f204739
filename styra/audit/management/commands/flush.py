"""Django's flush, which empties the WHOLE database, including the audit tables.

The append-only triggers refuse the DELETE (SQLite) or TRUNCATE (PostgreSQL)
flush runs, so they are lifted for the flush and put back after it. This is
the one way to remove audit entries, and it removes everything else too:
`styra demo --reset` and the test runner use it. Anyone who may run it can
drop the triggers anyway; Styra's web pages, admin and services cannot.
"""

from django.core.management.commands import flush
from django.db import connections

from styra.audit.triggers import lifted


class Command(flush.Command):
    help = flush.Command.help + " Lifts the audit tables' append-only triggers while it runs."

    def handle(self, **options):
        with lifted(connections[options["database"]]):
            return super().handle(**options)
