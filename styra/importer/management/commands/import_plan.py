"""styra import-plan FILE [--save [--user USERNAME] [--create-chain] [--dry-run]] [--unit UNIT]
[--replace]

Reads a plan: styra-plan/1 JSON, or a plan document (text, markdown, Word or
PDF) that the importer turns into that format. Without --save it prints the
plan as JSON on stdout; with --save it stores it as a draft of the unit's plan
and prints what it created, linked and left out. Nothing is stored when
anything in the file is wrong.

The import writes the unit's own part of the plan: its plan, goals,
indicators, targets and activities. It links to the planning year, the
organisation and the goal chain above the unit (KF's and the committees'
goals, indicators, KF:s årsmål and activities) by level, number and title,
and changes nothing there: what cannot be linked is left out, with a warning.
Only with --create-chain does it create the planning year, units and chain
nodes that are missing, fill in their empty texts and set KF:s årsmål; that
takes the administrator role on the city's root. --dry-run does all of it and
stores nothing, to see beforehand what would be saved and left out.

With --user, --save writes through the access policy (styra.accounts.permissions)
as that user: an active user who may edit the plan's unit (and, for
--create-chain, administers the city); otherwise nothing is stored. The web
page's import runs the same check (styra.importer.services.plan_import). The
audit trail then records the write as that user's, with "via styra import-plan
(system:<OS user>)" as its origin, so that both the user and the operator who
ran the command are known. Without --user the write is the server operator's
(whoever can run commands here already holds the database) and the audit trail
records it as the system user, system:<OS user>.
"""

import json
from contextlib import nullcontext
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from styra.accounts.console import command_user
from styra.audit.trail import acting_as
from styra.importer.reading import read_plan
from styra.importer.results import PlanExists
from styra.importer.services import plan_import
from styra.organisation.models import UnitLookupError, resolve_unit


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("file", help="planens fil (.json, .txt, .md, .docx eller .pdf)")
        parser.add_argument("--save", action="store_true", help="spara planen som utkast")
        parser.add_argument("--unit", help="enhetens namn eller sökväg, om filen inte räcker")
        parser.add_argument("--replace", action="store_true", help="ersätt en befintlig plan")
        parser.add_argument(
            "--year",
            type=int,
            metavar="ÅR",
            help="planens år, om filen inte säger det (eller säger fel)",
        )
        parser.add_argument(
            "--user",
            help="spara med den här användarens behörighet (utan: som serverns operatör)",
            metavar="NAMN",
        )
        parser.add_argument(
            "--create-chain",
            action="store_true",
            help="skapa planeringsår, enheter och mål i målkedjan som saknas "
            "(kräver administratörsrollen för hela staden)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="visa vad --save skulle skapa, länka och lämna utanför, utan att spara",
        )

    def handle(self, *args, **options):
        user = command_user(options["user"]) if options["save"] and options["user"] else None
        path = Path(options["file"])
        try:
            if path.stat().st_size > settings.STYRA_MAX_UPLOAD_BYTES * 3:
                raise CommandError(f"Filen {path} är för stor.")
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Filen {path} kan inte läsas: {exc.strerror}") from None
        try:
            result = read_plan(raw, path.name)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        if options["year"] is not None:
            result.plan["year"] = options["year"]
        for warning in result.warnings:
            self.stderr.write(f"Varning: {warning}")
        if not options["save"]:
            self.stdout.write(json.dumps(result.plan, ensure_ascii=False, indent=2))
            return
        if result.plan.get("year") is None:
            raise CommandError("Planens år står inte i filen. Ange det med --year ÅR.")
        unit = None
        if options["unit"]:
            try:
                unit = resolve_unit(options["unit"])
            except UnitLookupError as exc:
                raise CommandError(str(exc)) from None
        acting = acting_as(user, via="import-plan") if user is not None else nullcontext()
        try:
            # plan_import decides what the user may write, per node (see its docstring).
            with acting:
                report = plan_import(
                    data=result.plan,
                    user=user,
                    unit=unit,
                    replace=options["replace"],
                    create_chain=options["create_chain"],
                    dry_run=options["dry_run"],
                )
        except PlanExists as exc:
            raise CommandError(f"{exc.messages[0]} Använd --replace för att ersätta den.") from None
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        for line in report.lines():
            self.stdout.write(line)
        if options["dry_run"]:
            self.stdout.write("Provkörning: ingenting sparades.")
        else:
            self.stdout.write(f"Sparade planen (id {report.plan.pk}) som utkast.")
