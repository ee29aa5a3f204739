"""styra year-open YEAR --from YEAR [--committee NAME]... [--all-committees] [--user USERNAME]

Creates the planning year YEAR as a draft from the year given with --from: its reporting
periods (T1 per 30 April, T2 per 31 August, VB per 31 December, with last year's deadlines
a year on; the periods page changes them), KF's direction and area goals with KF's
indicators, targets and activities, and for each committee named with --committee (a name
or a path; repeat it) or for every committee with --all-committees, the committee's board
goals with its indicators, targets and activities. Every copy records what it was copied
from, so that next year's plans link to it whatever the city rewords.

The year stays a draft that units neither see nor plan in until the city administrator
opens it for them ("Öppna året för enheterna" on the chain page). Refused when YEAR exists
already, when the --from year does not, and, with --user, unless that user administers
the city. Without --user the write is the server operator's, as for import-plan.
"""

from contextlib import nullcontext
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from styra.accounts.console import command_user
from styra.audit.trail import acting_as
from styra.cycle.services import year_open
from styra.organisation.models import Kind, OrgUnit, UnitLookupError, resolve_unit


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int, help="det nya planeringsåret")
        parser.add_argument(
            "--from", dest="from_year", type=int, required=True, help="året att kopiera från"
        )
        parser.add_argument(
            "--committee",
            action="append",
            default=[],
            metavar="NAMN",
            help="en nämnd vars mål kopieras (namn eller sökväg; kan upprepas)",
        )
        parser.add_argument(
            "--all-committees", action="store_true", help="kopiera alla nämnders mål"
        )
        parser.add_argument(
            "--user", metavar="NAMN", help="öppna året som den här användaren (administratör)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["committee"] and options["all_committees"]:
            raise CommandError("Ange antingen --committee eller --all-committees, inte båda.")
        user = command_user(options["user"]) if options["user"] else None
        committees = self.committees(options["committee"], options["all_committees"])
        acting = acting_as(user, via="year-open") if user is not None else nullcontext()
        try:
            with acting:
                opened = year_open(
                    year=options["year"],
                    from_year=options["from_year"],
                    committees=committees,
                    by=user,
                )
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        self.stdout.write(opened.summary())
        names = ", ".join(c.name for c in opened.committees) or "inga"
        self.stdout.write(f"Nämnder vars mål kopierades: {names}.")
        self.stdout.write(
            f"Året är ett utkast: öppna det för enheterna på målkedjans sida för "
            f"{opened.year.year}."
        )

    def committees(self, names: list[str], every: bool) -> list[OrgUnit]:
        if every:
            return list(
                OrgUnit.objects.filter(kind=Kind.COMMITTEE, parent__parent__isnull=True)
                .filter(parent__kind=Kind.CITY)
                .order_by("name")
            )
        found = []
        for name in names:
            try:
                unit = resolve_unit(name)
            except UnitLookupError as exc:
                raise CommandError(str(exc)) from None
            if unit.kind != Kind.COMMITTEE:
                raise CommandError(f"{unit.name} är ingen nämnd.")
            found.append(unit)
        return found
