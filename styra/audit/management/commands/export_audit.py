"""styra export-audit [--user NAME] [--type APP.MODEL] [--since DATE] [--until DATE] [--text TEXT]

Writes the audit trail as CSV (UTF-8, one entry a row, newest first) on
stdout, with the same filters as the search page: --user matches part of the
username, --type an object type such as plans.plan, --since and --until are
ISO dates (both days included), --text searches names, changes and paths.
Cells that a spreadsheet could read as a formula are neutralised.
"""

from django.core.management.base import BaseCommand

from styra.audit.export import csv_lines
from styra.audit.models import AuditEntry
from styra.lib.dates import option_date


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--user", default="", help="del av användarnamnet")
        parser.add_argument("--type", default="", help="objekttyp, t.ex. plans.plan")
        parser.add_argument("--since", help="från och med datum (ÅÅÅÅ-MM-DD)")
        parser.add_argument("--until", help="till och med datum (ÅÅÅÅ-MM-DD)")
        parser.add_argument("--text", default="", help="fritext")

    def handle(self, *args, **options):
        entries = AuditEntry.objects.search(
            user=options["user"],
            object_type=options["type"],
            since=option_date(options["since"]),
            until=option_date(options["until"]),
            text=options["text"],
        )
        for line in csv_lines(entries.iterator(chunk_size=2000)):
            self.stdout.write(line, ending="")
