"""The Excel template to download: a row per indicator the user reports in the period.

Its columns are the outcome file's (`followup.bulk_file`), so a filled-in
template uploads as it is.
"""

import io

from django.utils.translation import gettext

from styra.accounts.permissions import Action, AnyUser, visible_unit_ids
from styra.indicators.models import Indicator, Target
from styra.lib.periods import Period
from styra.lib.spreadsheets import neutralise
from styra.organisation.models import Kind, OrgUnit

from .bulk import indicator_due
from .bulk_file import COLUMNS, MAX_ROWS


def template_rows(user: AnyUser, period: Period) -> list[tuple[str, str]]:
    """(indicator name, unit path) for every indicator due in the period in units the user edits."""
    editable = visible_unit_ids(user, Action.EDIT)
    paths = {
        node.pk: path
        for path, node in OrgUnit.objects.by_path().items()
        if node.pk in editable and node.kind in (Kind.UNIT, Kind.GROUP)
    }
    pairs = set(
        Target.objects.filter(
            org_unit_id__in=paths, indicator__goal__year__year=period.year
        ).values_list("indicator_id", "org_unit_id")
    )
    pairs |= set(
        Indicator.objects.filter(owner_id__in=paths, goal__year__year=period.year).values_list(
            "pk", "owner_id"
        )
    )
    indicators = Indicator.objects.in_bulk({i for i, _ in pairs})
    rows = [
        (indicators[i].name, paths[u]) for i, u in pairs if indicator_due(indicators[i], period)
    ]
    return sorted(rows, key=lambda r: (r[1].casefold(), r[0].casefold()))[:MAX_ROWS]


def template_xlsx(user: AnyUser, period: Period) -> bytes:
    """An Excel file to fill in: the columns, and a row per indicator the user reports."""
    import xlsxwriter

    buffer = io.BytesIO()
    # Names are written as text, never as formulas, whatever they start with, and a
    # name a spreadsheet could take for a formula is quoted like in every other export
    # (it still is one once the sheet is saved as CSV); read_rows() takes the quote off.
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = workbook.add_worksheet(gettext("Utfall"))
    bold = workbook.add_format({"bold": True})
    sheet.write_row(0, 0, COLUMNS, bold)
    for number, (name, unit) in enumerate(template_rows(user, period), start=1):
        sheet.write_string(number, 0, neutralise(name))
        sheet.write_string(number, 1, neutralise(unit))
        sheet.write_string(number, 2, neutralise(period.code))
    sheet.set_column(0, 0, 60)
    sheet.set_column(1, 1, 45)
    sheet.set_column(2, 3, 10)
    sheet.set_column(4, 4, 50)
    sheet.freeze_panes(1, 0)
    # The instructions are in the user's language; the column names they explain are not.
    help_sheet = workbook.add_worksheet(gettext("Instruktioner"))
    for number, text in enumerate(
        [
            gettext("Fyll i värde (och gärna kommentar) på varje rad och ladda upp filen i Styra."),
            gettext("indikator: indikatorns namn som i planen, eller dess id."),
            gettext("enhet: enhetens namn eller sökväg i organisationen."),
            gettext("period: till exempel 2026T1, 2026T2 eller 2026VB."),
            gettext("värde: ett tal, till exempel 87,5. Procent kan skrivas 87,5 %."),
            gettext("Inget sparas förrän du har sett förhandsgranskningen och bekräftat."),
        ]
    ):
        help_sheet.write_string(number, 0, neutralise(text))
    help_sheet.set_column(0, 0, 90)
    workbook.close()
    return buffer.getvalue()
