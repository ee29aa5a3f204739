"""styra export-plan --unit UNIT --year YYYY --format json|pdf|docx [-o FILE]

Writes a unit's plan for a year. UNIT is a name or, where names repeat, a
path in the organisation tree ("Östermalm/Vuxenenheten"); an unknown or
ambiguous UNIT is an error that lists the candidates. JSON goes to stdout
when no -o is given; PDF and DOCX need -o. An adopted plan is written as it
was adopted: its snapshot's data and the PDF/A stored then.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styra.decisions.files import plan_file
from styra.organisation.models import UnitLookupError, resolve_unit
from styra.plans.files import FORMATS
from styra.plans.models import Plan


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="enhetens namn eller sökväg")
        parser.add_argument("--year", required=True, type=int, help="planens år")
        parser.add_argument("--format", choices=sorted(FORMATS), default="json")
        parser.add_argument("-o", "--output", help="fil att skriva till")

    def handle(self, *args, **options):
        try:
            unit = resolve_unit(options["unit"])
        except UnitLookupError as exc:
            raise CommandError(str(exc)) from None
        plan = Plan.objects.with_header().filter(unit=unit, year__year=options["year"]).first()
        if plan is None:
            raise CommandError(f"{unit.name} har ingen verksamhetsplan för {options['year']}.")
        fmt = options["format"]
        if fmt != "json" and not options["output"]:
            raise CommandError(f"Ange en fil med -o för formatet {fmt}.")
        content = plan_file(plan, fmt)
        if options["output"]:
            Path(options["output"]).write_bytes(content)
            self.stderr.write(f"Skrev {options['output']} ({len(content)} byte).")
        else:
            sys.stdout.flush()
            self.stdout.write(content.decode("utf-8"))
