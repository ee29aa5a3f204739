"""styra demo [--reset]

Loads Exempelby kommun, an invented city, for trying Styra out: KF's goal
chain for 2025 and 2026 with indicators and targets, two committees with
their goals, plans of several units for both years (one adopted and
published, one handed in and waiting for the committee, the rest drafts), a
user per role, and follow-up reports for T1, T2 and VB 2025 and T1 2026:
approved (one published), submitted, drafts, one missing after its deadline,
some with budget deficits, one with a dialog between the unit and its approver;
and internal control: the city's risks each year, both committees' internal
control plans for both years (2026's copied from 2025's and revised) and two
units' own for 2026, all adopted, their controls reported in the periods the
reports cover, some with deviations and their measures.
The plans are styra-plan/1 files (styra/demo/plans) stored through the
importer; the rest is written through the same service functions as the web
pages use (styra/demo/loader.py), in one transaction.

When the demo city is already there nothing is loaded; the users are
printed again. --reset empties the WHOLE database first (like `flush`) and
then loads the demo. The passwords are fixed and printed: local use only.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from styra.accounts.models import Role
from styra.demo import city
from styra.demo.loader import UsersTaken, demo_load, demo_loaded


class Command(BaseCommand):
    help = __doc__
    # The system checks take about two seconds; `runserver`, which follows the demo in
    # README's first command, and the test suite run them anyway.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="töm HELA databasen först och ladda demostaden på nytt",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reset"]:
            call_command("flush", interactive=False, verbosity=0)
        if demo_loaded():
            self.stdout.write(f"{city.CITY} finns redan; inget laddades (--reset laddar om).")
        else:
            try:
                with transaction.atomic():
                    loaded = demo_load()
            except UsersTaken as exc:
                raise CommandError(f"Användarna {exc} finns redan; använd --reset.") from None
            except ValidationError as exc:
                raise CommandError(
                    "Demodata kunde inte laddas: " + "; ".join(exc.messages)
                ) from None
            self.stdout.write(
                f"Laddade {city.CITY}: {len(loaded.plans)} verksamhetsplaner för "
                f"{', '.join(map(str, city.YEARS))}."
            )
            self.stdout.write(f"Laddade {loaded.reports} uppföljningsrapporter.")
            self.stdout.write(f"Laddade {len(loaded.control_plans)} internkontrollplaner.")
        self.print_users()

    def print_users(self) -> None:
        self.stdout.write("\nDemoanvändare (lösenord för alla: " + city.DEMO_PASSWORD + "):")
        for username, first, last, role, node, _ in city.USERS:
            self.stdout.write(
                f"  {username:<12} {city.DEMO_PASSWORD:<16} {Role(role).label:<15} "
                f"{first} {last}, {city.current_name(node)}"
            )
