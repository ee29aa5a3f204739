"""styra export-report --unit UNIT --year YYYY --period T1|T2|VB --format pdf|docx|json [-o FILE]

Writes a follow-up report: a unit's tertial report (T1, T2) or annual report
(VB, verksamhetsberättelse). UNIT is a name or, where names repeat, a path in
the organisation tree ("Socialnämnden/Vuxenenheten"); an unknown or ambiguous
UNIT is an error that lists the candidates. A committee gets the committee's
report: its own goals and the roll-up of its units' reports, written whether
or not the committee has a report of its own for the period.

JSON is the report's content as a dict (format "styra-report/1", described in
styra/followup/interchange/__init__.py and checked by styra/followup/report.schema.json)
and goes to stdout when no -o is given; PDF and DOCX need -o.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styra.followup.interchange import (
    FORMATS,
    committee_report_dict,
    report_data_file,
    unit_report_data,
)
from styra.followup.models import Report, ReportingPeriod
from styra.lib.periods import TERTIALS, Period
from styra.organisation.models import Kind, UnitLookupError, resolve_unit


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--unit", required=True, help="enhetens eller nämndens namn eller sökväg"
        )
        parser.add_argument("--year", required=True, type=int, help="rapportens år")
        parser.add_argument("--period", required=True, choices=TERTIALS, type=str.upper)
        parser.add_argument("--format", choices=sorted(FORMATS), default="json")
        parser.add_argument("-o", "--output", help="fil att skriva till")

    def handle(self, *args, **options):
        fmt = options["format"]
        if fmt != "json" and not options["output"]:
            raise CommandError(f"Ange en fil med -o för formatet {fmt}.")
        try:
            unit = resolve_unit(options["unit"])
        except UnitLookupError as exc:
            raise CommandError(str(exc)) from None
        code = Period(options["year"], options["period"]).code
        data = self.report_data(unit, code)
        content = report_data_file(data, fmt)
        if options["output"]:
            Path(options["output"]).write_bytes(content)
            self.stderr.write(f"Skrev {options['output']} ({len(content)} byte).")
        else:
            sys.stdout.flush()
            self.stdout.write(content.decode("utf-8"))

    def report_data(self, unit, code: str) -> dict:
        period = ReportingPeriod.objects.select_related("year").filter(code=code).first()
        if period is None:
            raise CommandError(
                f"Perioden {code} finns inte; uppföljningsperioderna är inte skapade."
            )
        if unit.kind == Kind.COMMITTEE:
            return committee_report_dict(unit, period)
        report = Report.objects.with_header().filter(org_unit=unit, period=period).first()
        if report is None:
            raise CommandError(f"{unit.name} har ingen rapport för {period.period.label}.")
        return unit_report_data(report)
