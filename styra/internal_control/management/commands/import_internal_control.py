"""styra import-internal-control FILE --unit UNIT --year YYYY [--replace] [--save]
[--user NAME]

Reads a styra-internal-control/1 file (a plan downloaded from Styra, or written by another
system) and stores it as UNIT's draft internal control plan for YYYY. Without --save it is
a dry run: it prints what it would store (processes, risks with their assessment, controls)
and the warnings, and stores nothing. UNIT is a name or a path in the organisation tree, as
for export-internal-control.

Goals are found among the year's KF and committee goals by level, number and title, the
city's risks by process and title; what is not found is said, and the risk is stored
without its goal or as the plan's own. Results and measures in the file are not imported:
the follow-up is reported in Styra on an adopted plan. A draft the node has for the year is
replaced only with --replace; a submitted or adopted plan never is. Nothing is stored when
anything in the file is wrong.

With --user the import writes as that person, through the same rules as the web page
(styra.internal_control.import_services.control_plan_import): one who may edit the node's plan,
or, where there is none, start it (a unit's plan is started by its committee); the audit
trail names them and "via styra import-internal-control". Without --user the write is the
server operator's.
"""

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from styra.accounts.commandline import acting, add_user_option, find_actor, find_node
from styra.goals.models import PlanningYear
from styra.internal_control.import_services import ControlPlanExists, control_plan_import
from styra.internal_control.interchange.reading import (
    is_json,
    max_bytes,
    read_control_plan_file,
)


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            help="filen i formatet styra-internal-control/1 (.json), eller ett befintligt "
            "dokument (.docx, .pdf, .txt) med planens tabell",
        )
        parser.add_argument("--unit", required=True, help="nämndens eller enhetens namn")
        parser.add_argument("--year", required=True, type=int, help="planens år")
        parser.add_argument("--replace", action="store_true", help="ersätt ett befintligt utkast")
        parser.add_argument("--save", action="store_true", help="spara (utan: en provkörning)")
        add_user_option(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            with path.open("rb") as file:
                # One byte past the limit is enough for the reader to refuse a larger file.
                raw = file.read(max_bytes(path.name) + 1)
        except OSError as exc:
            raise CommandError(f"Filen {path} kan inte läsas: {exc.strerror}") from None
        try:
            if len(raw) > max_bytes(path.name) and not is_json(raw, path.name):
                raise ValidationError(f"Filen {path} är större än vad Styra läser in.")
            data, read_warnings = read_control_plan_file(raw, path.name)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        node = find_node(options["unit"])
        year = PlanningYear.objects.filter(year=options["year"]).first()
        if year is None:
            raise CommandError(f"Planeringsåret {options['year']} finns inte.")
        actor = find_actor(options["user"])
        try:
            with acting(actor, "import-internal-control"):
                outcome = control_plan_import(
                    org_unit=node,
                    year=year,
                    data=data,
                    replace=options["replace"],
                    by=actor,
                    dry_run=not options["save"],
                )
        except (Http404, PermissionDenied):
            name = actor.get_username() if actor is not None else ""
            raise CommandError(
                f"{name} får inte importera internkontrollplanen för {node.name}."
            ) from None
        except ControlPlanExists as exc:
            raise CommandError(f"{exc.messages[0]} Använd --replace för att ersätta det.") from None
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        outcome.warnings[:0] = read_warnings
        for line in outcome.lines():
            self.stdout.write(line)
        if outcome.plan is None:
            self.stdout.write("Provkörning: ingenting sparades. Spara med --save.")
        else:
            self.stdout.write(f"Sparade internkontrollplanen (id {outcome.plan.pk}) som utkast.")
