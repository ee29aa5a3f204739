"""Internal control as documents: a node's internkontrollplan and its follow-up in a period.

The plan arrives as its styra-internal-control/1 dict (internal_control.interchange) and is
laid out as the blocks the plan and report documents use: the risk analysis, the risk
matrix (drawn, and the same counts as a table for whoever reads with a screen reader), the
control plan and, for a follow-up, each control's result and the measures taken.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from styra.lib.dates import long_date

from .layout import (
    Block,
    Column,
    DocumentLayout,
    Heading,
    Matrix,
    MatrixCell,
    Paragraph,
    Row,
    Table,
    clean,
    iso_date,
    text_blocks,
)

ADOPTED = "adopted"  # the plan's status once adopted: its document is no longer a draft
SCALE = (1, 2, 3, 4)
PROBABILITY = {1: "1 – Osannolik", 2: "2 – Mindre sannolik", 3: "3 – Möjlig", 4: "4 – Sannolik"}
CONSEQUENCE = {1: "1 – Försumbar", 2: "2 – Lindrig", 3: "3 – Kännbar", 4: "4 – Allvarlig"}
LEVEL_LABELS = {"low": "Låg", "medium": "Medel", "high": "Hög", "very_high": "Mycket hög"}
NOT_ASSESSED = "Ej bedömd"
NOT_REPORTED = "Ej rapporterad"


def level_of(value: int) -> str:
    """A risk value's level, as internal_control.models.RiskLevel.of has it (a test holds the
    two together): the matrix colours its empty cells too, which the dict gives no level."""
    if value >= 12:
        return "very_high"
    if value >= 8:
        return "high"
    if value >= 4:
        return "medium"
    return "low"


def _risks(data: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(process, risk) for process in data["processes"] for risk in process["risks"]]


def _scale(value: int | None) -> str:
    return str(value) if value is not None else "–"


def _goal(goal: dict[str, Any] | None) -> str:
    if not goal:
        return ""
    return " ".join(part for part in (clean(goal.get("number")), clean(goal["title"])) if part)


RISK_COLUMNS = (
    Column("Process", 1.5),
    Column("Risk", 2.4),
    Column("Sannolikhet", 1.1, "right"),
    Column("Konsekvens", 1.1, "right"),
    Column("Riskvärde", 1.0, "right"),
    Column("Risknivå", 1.0),
    Column("I planen", 0.8),
    Column("Skäl att inte ta med", 1.7),
    Column("Mål", 1.5),
)
MATRIX_COLUMNS = (
    Column("Konsekvens", 1.6),
    Column("Sannolikhet", 1.8),
    Column("Riskvärde", 1.0, "right"),
    Column("Risknivå", 1.2),
    Column("Antal risker", 1.1, "right"),
)
CONTROL_COLUMNS = (
    Column("Risk", 1.7),
    Column("Kontrollmoment", 2.2),
    Column("Metod", 1.6),
    Column("Omfattning", 1.3),
    Column("Frekvens", 1.1),
    Column("Ansvarig", 1.2),
    Column("Rapporteras", 1.1),
)
RESULT_COLUMNS = (
    Column("Risk", 1.8),
    Column("Kontrollmoment", 2.4),
    Column("Status", 1.5),
    Column("Iakttagelser", 3.4),
)
MEASURE_COLUMNS = (
    Column("Åtgärd", 2.6),
    Column("Kontrollmoment", 2.0),
    Column("Ansvarig", 1.3),
    Column("Startdatum", 1.1),
    Column("Slutdatum", 1.1),
    Column("Status", 1.1),
)


def _table(columns: tuple[Column, ...], rows: Iterable[list[str]]) -> Table:
    return Table(list(columns), [Row([clean(cell) for cell in cells]) for cells in rows])


def _risk_table(data: dict[str, Any]) -> Table:
    return _table(
        RISK_COLUMNS,
        (
            [
                process["title"],
                risk["title"] + (" (stadsövergripande)" if risk["city"] else ""),
                _scale(risk["probability"]),
                _scale(risk["consequence"]),
                _scale(risk["value"]),
                risk["level_label"] or NOT_ASSESSED,
                "Ja" if risk["selected"] else "Nej",
                risk["omission_reason"],
                _goal(risk["goal"]),
            ]
            for process, risk in _risks(data)
        ),
    )


def _process_blocks(data: dict[str, Any]) -> list[Block]:
    """What the processes are, where the plan says it: the table names them only."""
    result: list[Block] = []
    for process in data["processes"]:
        body = text_blocks(process["description"])
        if body:
            result.append(Heading(2, clean(process["title"])))
            result.extend(body)
    return result


def _matrix_blocks(data: dict[str, Any]) -> list[Block]:
    """The matrix drawn (a coloured grid with each cell's level and count) and as a table.

    The dict's matrix has its rows from consequence 4 down to 1 and its columns from
    probability 1 to 4, the way the matrix is drawn.
    """
    counts = data["matrix"]
    cells = [
        [
            MatrixCell(
                level_of(p * c), LEVEL_LABELS[level_of(p * c)], counts[len(SCALE) - c][p - 1]
            )
            for p in SCALE
        ]
        for c in reversed(SCALE)
    ]
    drawing = Matrix(
        rows=cells,
        row_labels=[CONSEQUENCE[c] for c in reversed(SCALE)],
        column_labels=[PROBABILITY[p] for p in SCALE],
        row_title="Konsekvens",
        column_title="Sannolikhet",
    )
    table = _table(
        MATRIX_COLUMNS,
        (
            [
                CONSEQUENCE[c],
                PROBABILITY[p],
                str(p * c),
                LEVEL_LABELS[level_of(p * c)],
                str(counts[len(SCALE) - c][p - 1]),
            ]
            for c in reversed(SCALE)
            for p in SCALE
        ),
    )
    assessed = data["summary"]["assessed"]
    return [
        Heading(1, "Riskmatris"),
        Paragraph(
            f"Matrisen räknar de {assessed} bedömda riskerna efter sannolikhet och konsekvens; "
            "riskvärdet är sannolikhet gånger konsekvens. Samma matris följer som tabell."
        ),
        drawing,
        Heading(2, "Riskmatrisen som tabell"),
        table,
    ]


def _controls(data: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(risk, control) for _, risk in _risks(data) for control in risk["controls"]]


def _control_table(data: dict[str, Any]) -> Table:
    return _table(
        CONTROL_COLUMNS,
        (
            [
                risk["title"],
                control["what"],
                control["method"],
                control["scope"],
                control["frequency"],
                control["responsible"],
                ", ".join(control["reported_in"]),
            ]
            for risk, control in _controls(data)
        ),
    )


def _control_blocks(data: dict[str, Any]) -> list[Block]:
    result: list[Block] = [Heading(1, "Kontrollplan")]
    if not _controls(data):
        return [*result, Paragraph("Kontrollplanen har inga kontrollmoment ännu.")]
    return [*result, _control_table(data)]


def _followed(data: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The controls the period asks for, and any other reported in it."""
    part = data["period"][4:]
    return [
        (risk, control)
        for risk, control in _controls(data)
        if part in control["reported_in"] or control["results"]
    ]


def _result_blocks(data: dict[str, Any]) -> list[Block]:
    followed = _followed(data)
    result: list[Block] = [Heading(1, "Resultat av kontrollerna")]
    if not followed:
        return [*result, Paragraph("Inga kontroller rapporteras i perioden.")]
    summary = data["summary"]
    result.append(
        Paragraph(
            f"{summary['reported']} av {len(followed)} kontroller är rapporterade, "
            f"{summary['deviations']} med avvikelser."
        )
    )
    rows = []
    for risk, control in followed:
        if control["results"]:
            found = control["results"][0]
            status, findings = found["status_label"], found["findings"]
        else:
            status, findings = NOT_REPORTED, ""
        rows.append([risk["title"], control["what"], status, findings])
    result.append(_table(RESULT_COLUMNS, rows))
    measures = [
        (control, measure)
        for _, control in followed
        for found in control["results"]
        for measure in found["measures"]
    ]
    result.append(Heading(1, "Åtgärder"))
    if not measures:
        return [*result, Paragraph("Inga åtgärder är beslutade i perioden.")]
    return [
        *result,
        _table(
            MEASURE_COLUMNS,
            (
                [
                    measure["name"],
                    control["what"],
                    measure["responsible"],
                    iso_date(measure["start"]),
                    iso_date(measure["end"]),
                    measure["status_label"],
                ]
                for control, measure in measures
            ),
        ),
    ]


def _note(data: dict[str, Any]) -> str:
    status = clean(data["status_label"])
    moment = data["adopted_at"] if data["status"] == ADOPTED else data["submitted_at"]
    if moment:
        status += f" {long_date(datetime.fromisoformat(moment).date())}"
    return f"Status: {status}"


def title_of(data: dict[str, Any]) -> str:
    """ "Internkontrollplan 2026", or "Uppföljning av internkontrollplan, Tertialrapport 1 2026"."""
    if data["period"]:
        return f"Uppföljning av internkontrollplan, {clean(data['period_label'])}"
    return f"Internkontrollplan {data['year']}"


def build_internal_control_layout(data: dict[str, Any]) -> DocumentLayout:
    """The blocks of an internal control plan, or of its follow-up when the dict has a period."""
    summary = data["summary"]
    body: list[Block] = [
        Heading(1, "Riskanalys"),
        Paragraph(
            f"Riskanalysen har {summary['risks']} risker, {summary['assessed']} av dem bedömda "
            f"och {summary['selected']} med i kontrollplanen."
        ),
    ]
    if summary["risks"]:
        body.append(_risk_table(data))
    body.extend(_process_blocks(data))
    body.extend(_matrix_blocks(data))
    body.extend(_control_blocks(data))
    if data["period"]:
        body.extend(_result_blocks(data))
    title, unit = title_of(data), clean(data["unit"])
    return DocumentLayout(
        title=title,
        unit=unit,
        doc_title=f"{title} – {unit}",
        organisation=clean(data["organisation"]),
        officer="",
        phone="",
        addressee="",
        meeting="",
        draft=data["status"] != ADOPTED,
        blocks=body,
        note=_note(data),
        # The risk analysis has nine columns; the city's internal control plans are landscape.
        landscape=True,
    )
