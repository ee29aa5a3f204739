"""styra import-plan FILE [--save] [--unit UNIT] [--replace]

Reads a plan: styra-plan/1 JSON, or a plan document (text, markdown, Word or
PDF) that the importer turns into that format. Without --save it prints the
plan as JSON on stdout; with --save it stores it as a draft (creating the
unit, year and goal-chain nodes it needs, or linking to existing ones by
level, number and title) and prints what it created and linked. Nothing is
stored when anything in the file is wrong.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from styra.importer.reading import read_plan
from styra.organisation.models import UnitLookupError, resolve_unit
from styra.plans.interchange import plan_import


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("file", help="planens fil (.json, .txt, .md, .docx eller .pdf)")
        parser.add_argument("--save", action="store_true", help="spara planen som utkast")
        parser.add_argument("--unit", help="enhetens namn eller sökväg, om filen inte räcker")
        parser.add_argument("--replace", action="store_true", help="ersätt en befintlig plan")

    def handle(self, *args, **options):
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
        for warning in result.warnings:
            self.stderr.write(f"Varning: {warning}")
        if not options["save"]:
            self.stdout.write(json.dumps(result.plan, ensure_ascii=False, indent=2))
            return
        unit = None
        if options["unit"]:
            try:
                unit = resolve_unit(options["unit"])
            except UnitLookupError as exc:
                raise CommandError(str(exc)) from None
        try:
            report = plan_import(data=result.plan, unit=unit, replace=options["replace"])
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(f"Sparade planen (id {report.plan.pk}) som utkast.")
