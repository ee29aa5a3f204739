"""styra export-internal-control --unit UNIT --year YYYY --format json|pdf|docx
[--period 2026T1] [-o FILE] [--user NAME]

Writes a node's internal control plan for a year: a committee's, or a unit's where it has
its own. UNIT is a name or, where names repeat, a path in the organisation tree
("Norra nämnden/Enhet A"); an unknown or ambiguous UNIT is an error that lists the
candidates. With --period (2026T1, 2026T2, 2026VB) it writes the plan's follow-up in that
period instead: each control's result and measures (only an adopted plan is followed up).

JSON is the plan as a dict (format "styra-internal-control/1", described in
styra/internal_control/interchange/__init__.py and checked by
styra/internal_control/internal-control.schema.json) and goes to stdout when no -o is
given; PDF and DOCX need -o. The web page's downloads give the same files
(styra.internal_control.files).

With --user the plan is read as that person, through the same access policy as the page
(styra.internal_control.access.get_control_plan_for_user): one who may not read it gets
nothing. Without --user the server's operator reads it (whoever runs commands here holds
the database already).
"""

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from styra.accounts.commandline import add_user_option, find_actor, find_node
from styra.internal_control.access import get_control_plan_for_user
from styra.internal_control.files import FORMATS, plan_file, year_period
from styra.internal_control.models import ControlPlan
from styra.plans.models import PlanStatus


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="nämndens eller enhetens namn")
        parser.add_argument("--year", required=True, type=int, help="planens år")
        parser.add_argument("--format", choices=sorted(FORMATS), default="json")
        parser.add_argument(
            "--period", metavar="PERIOD", help="uppföljningen i perioden (2026T1, 2026T2, 2026VB)"
        )
        parser.add_argument("-o", "--output", help="fil att skriva till")
        add_user_option(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        fmt = options["format"]
        if fmt != "json" and not options["output"]:
            raise CommandError(f"Ange en fil med -o för formatet {fmt}.")
        node = find_node(options["unit"])
        actor = find_actor(options["user"])
        plan = (
            ControlPlan.objects.with_header()
            .filter(org_unit=node, year__year=options["year"])
            .first()
        )
        if plan is None:
            raise CommandError(f"{node.name} har ingen internkontrollplan för {options['year']}.")
        if actor is not None:
            try:
                plan = get_control_plan_for_user(actor, plan.pk)
            except (Http404, PermissionDenied):
                raise CommandError(
                    f"{actor.get_username()} får inte läsa internkontrollplanen för {node.name}."
                ) from None
        period = None
        if options["period"]:
            period = year_period(plan, options["period"])
            if period is None:
                raise CommandError(
                    f"Perioden {options['period']} hör inte till {options['year']} års "
                    "uppföljningsperioder."
                )
            if plan.status != PlanStatus.ADOPTED:
                raise CommandError("Internkontrollplanen är inte fastställd och följs inte upp än.")
        content, _ = plan_file(plan, fmt, period)
        if options["output"]:
            Path(options["output"]).write_bytes(content)
            self.stderr.write(f"Skrev {options['output']} ({len(content)} byte).")
        else:
            sys.stdout.flush()
            self.stdout.write(content.decode("utf-8"))
