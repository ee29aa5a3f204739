"""styra import-plan FILE [--save [--user USERNAME]] [--unit UNIT] [--replace]

Reads a plan: styra-plan/1 JSON, or a plan document (text, markdown, Word or
PDF) that the importer turns into that format. Without --save it prints the
plan as JSON on stdout; with --save it stores it as a draft (creating the
unit, year and goal-chain nodes it needs, or linking to existing ones by
level, number and title) and prints what it created and linked. Nothing is
stored when anything in the file is wrong.

With --user, --save writes through the access policy (styra.accounts.permissions)
as that user: an active user who may edit the plan's unit, and who holds the
administrator role on the city's root when the import would create an
organisational unit, a planning year or a goal-chain node above the unit;
otherwise nothing is stored. The audit trail then records the write as that
user's, with "via styra import-plan (system:<OS user>)" as its origin, so that
both the user and the operator who ran the command are known. Without --user the
write is the server operator's (whoever can run commands here already holds the
database) and the audit trail records it as the system user, system:<OS user>.
"""

import json
from contextlib import nullcontext
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from styra.accounts.permissions import Action, can
from styra.audit.trail import acting_as
from styra.goals.models import Goal, Level, PlanningYear
from styra.importer.reading import read_plan
from styra.organisation.models import OrgUnit, UnitLookupError, resolve_unit
from styra.plans.interchange import plan_import


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("file", help="planens fil (.json, .txt, .md, .docx eller .pdf)")
        parser.add_argument("--save", action="store_true", help="spara planen som utkast")
        parser.add_argument("--unit", help="enhetens namn eller sökväg, om filen inte räcker")
        parser.add_argument("--replace", action="store_true", help="ersätt en befintlig plan")
        parser.add_argument(
            "--user",
            help="spara med den här användarens behörighet (utan: som serverns operatör)",
            metavar="NAMN",
        )

    def handle(self, *args, **options):
        user = self._user(options["user"]) if options["save"] and options["user"] else None
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
            if user is not None and not can(user, Action.EDIT, unit):
                raise CommandError(
                    f"{user.get_username()} får inte ändra planer för {unit.name}. "
                    "Ingenting sparades."
                )
        acting = acting_as(user, via="import-plan") if user is not None else nullcontext()
        try:
            # The import runs first and is undone unless the user may make every write it made.
            with acting, transaction.atomic():
                before = _high_water()
                report = plan_import(data=result.plan, unit=unit, replace=options["replace"])
                if user is not None:
                    self._authorise(user, report.plan.unit, before)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(f"Sparade planen (id {report.plan.pk}) som utkast.")

    def _user(self, username: str):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Det finns ingen användare som heter {username!r}.")
        if not user.is_active:
            raise CommandError(f"Användaren {username} är inaktiverad och kan inte spara.")
        return user

    def _authorise(self, user, unit: OrgUnit, before: dict[str, int]) -> None:
        """Refuse (and so roll back) an import that went beyond what the user may do."""
        name = user.get_username()
        if not can(user, Action.EDIT, unit):
            raise CommandError(f"{name} får inte ändra planer för {unit.name}. Ingenting sparades.")
        created = _created_since(before)
        if created:
            root = unit
            while root.parent_id is not None:
                root = root.parent
            if not can(user, Action.ADMINISTER, root):
                raise CommandError(
                    f"Importen skulle skapa {', '.join(created)}, och det kräver "
                    f"administratörsrollen för hela {root.name}. {name} har den inte. "
                    "Ingenting sparades."
                )


def _high_water() -> dict[str, int]:
    """The highest ids before the import: anything above them was created by it."""

    def top(qs) -> int:
        return qs.order_by("-pk").values_list("pk", flat=True).first() or 0

    return {
        "unit": top(OrgUnit.objects.all()),
        "year": top(PlanningYear.objects.all()),
        "goal": top(Goal.objects.exclude(level=Level.UNIT)),
    }


def _created_since(before: dict[str, int]) -> list[str]:
    """Names of the organisational units, planning years and chain nodes created after `before`."""
    created = [
        f"enheten {u.name}" for u in OrgUnit.objects.filter(pk__gt=before["unit"]).order_by("pk")
    ]
    created += [
        f"planeringsåret {y.year}"
        for y in PlanningYear.objects.filter(pk__gt=before["year"]).order_by("pk")
    ]
    created += [
        f"målet {g.title[:60]!r}"
        for g in Goal.objects.filter(pk__gt=before["goal"]).exclude(level=Level.UNIT).order_by("pk")
    ]
    return created
