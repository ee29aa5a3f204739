"""Excel downloads: one workbook, one sheet per table, numbers as numbers, no formulas.

Text that a spreadsheet could take for a formula or a command gets a leading '
(styra.lib.spreadsheets), the header row included. Numbers (negative ones too) are
written as numbers so Excel's own Swedish formatting applies; dates as dates.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import xlsxwriter
from django.utils.translation import gettext as _

from styra.lib.spreadsheets import neutralise

from .rollup_tables import Figure, Rollup

MAX_WIDTH = 60


@dataclass
class Sheet:
    title: str  # at most 31 characters, none of []:*?/\
    headers: Sequence[str]
    rows: Iterable[Sequence[object]]


def workbook(sheets: Iterable[Sheet]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    dates = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
    numbers = book.add_format({"num_format": "#,##0.##", "valign": "top"})
    for sheet in sheets:
        ws = book.add_worksheet(sheet.title[:31])
        widths = [len(h) for h in sheet.headers]
        for col, header in enumerate(sheet.headers):
            ws.write_string(0, col, neutralise(str(header)), bold)
        count = 0
        for count, row in enumerate(sheet.rows, start=1):
            for col, value in enumerate(row):
                _write(ws, count, col, value, wrap, dates, numbers)
                if isinstance(value, str):
                    longest = max((len(line) for line in value.splitlines()), default=0)
                    widths[col] = max(widths[col], longest)
        for col, width in enumerate(widths):
            ws.set_column(col, col, min(max(width, 8), MAX_WIDTH) + 2)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(count, 1), max(len(sheet.headers) - 1, 0))
    book.close()
    return buffer.getvalue()


def _write(ws, row: int, col: int, value: object, wrap, dates, numbers) -> None:
    if value is None or value == "":
        ws.write_blank(row, col, None)
    elif isinstance(value, bool):
        ws.write_string(row, col, _("Ja") if value else _("Nej"), wrap)
    elif isinstance(value, int | float | Decimal):
        ws.write_number(row, col, float(value), numbers)
    elif isinstance(value, date):
        ws.write_datetime(row, col, value, dates)
    else:
        ws.write_string(row, col, neutralise(str(value)), wrap)


# ---------------------------------------------------------------- the roll-up


def _number(value: Decimal | None, decimals: int) -> float | None:
    return None if value is None else round(float(value), decimals + 2)


def _figure_row(head: Sequence[object], decimals: int, column_name: str, figure: Figure) -> list:
    """Indicator, measure, column, outcome, text or note, target, status, aggregation."""
    return [
        *head[:2],
        column_name,
        _number(figure.value, decimals),
        figure.text or figure.note,
        figure.target,
        figure.status.label if figure.applies else "",
        head[2],
    ]


def rollup_sheets(rollup: Rollup) -> list[Sheet]:
    column_title = _("Nämnd") if rollup.is_city else _("Enhet")
    row_goal_title = _("KF:s mål") if rollup.is_city else _("Nämndmål")
    child_goal_title = _("Nämndmål") if rollup.is_city else _("Enhetens mål")
    total_name = _("%(name)s totalt") % {"name": rollup.scope.name}

    goals = [
        [str(row.goal), column.node.name, str(item.goal), item.mark.label]
        for row in rollup.goal_rows
        for column, cell in zip(rollup.columns, row.cells, strict=True)
        for item in cell.items
    ]
    indicators = []
    for row in rollup.indicator_rows:
        ind = row.indicator
        # The unit the page shows the figures with (measure, else the one the targets name).
        head = [ind.name, row.unit, ind.get_aggregation_display()]
        for column, figure in zip(rollup.columns, row.cells, strict=True):
            if figure.applies:
                indicators.append(_figure_row(head, figure.decimals, column.node.name, figure))
        indicators.append(_figure_row(head, row.total.decimals, total_name, row.total))
    budget = [
        [
            f.node.name,
            f.budget,
            f.outcome,
            f.forecast,
            f.deviation,
            f.deficit,
            f.rows_without_forecast,
            f.rows_without_outcome,
        ]
        for f in [*rollup.budget, rollup.budget_total]
    ]
    budget[-1][0] = total_name
    pending = [
        [
            p.node.name,
            p.status_label,
            p.late,
            rollup.period.deadline,
            *([p.units_pending, p.units_total] if rollup.is_city else []),
        ]
        for p in rollup.pending
    ]
    return [
        Sheet(
            _("Mål"),
            [row_goal_title, column_title, child_goal_title, _("Bedömning")],
            goals,
        ),
        Sheet(
            _("Indikatorer"),
            [
                _("Indikator"),
                _("Mått"),
                column_title,
                _("Utfall"),
                _("Utfall i text eller anmärkning"),
                _("Årsmål"),
                _("Status"),
                _("Sammanräkning"),
            ],
            indicators,
        ),
        Sheet(
            _("Budget"),
            [
                column_title,
                _("Budget (tkr)"),
                _("Utfall hittills (tkr)"),
                _("Prognos (tkr)"),
                _("Avvikelse (tkr)"),
                _("Underskott"),
                _("Rader utan prognos"),
                _("Rader utan utfall"),
            ],
            budget,
        ),
        Sheet(
            _("Ej rapporterat"),
            [
                column_title,
                _("Rapportens status"),
                _("Försenad"),
                _("Sista dag"),
                *([_("Enheter som inte rapporterat"), _("Enheter")] if rollup.is_city else []),
            ],
            pending,
        ),
    ]


def rollup_workbook(rollup: Rollup, more: Sequence[Sheet] = ()) -> bytes:
    """The roll-up's sheets, then `more` (internal control's, which this room cannot read)."""
    return workbook([*rollup_sheets(rollup), *more])
