"""An indicator's page: its definition and its outcomes over periods and years.

The same indicator is set anew each year; the years are tied together by its
code when it has one (a Kolada id, for example), else by its name under the
same owner. The outcomes are those of the units the user may see, or of one
of them (?enhet=<id>), as a chart with the target line and as a table with
the same figures.

The page lives in followup, not indicators, because it judges a handed-in period by the
target its report froze (followup's Report); its URL keeps the "indicators" namespace and
/indikatorer/ (styra.followup.indicator_urls).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from styra.accounts.permissions import visible_unit_ids
from styra.indicators.access import get_indicator_for_user
from styra.indicators.charts import MAX_SERIES, Series, outcome_chart
from styra.indicators.models import Indicator, Outcome, Target
from styra.indicators.status import StatusMark, target_status
from styra.indicators.targets import parse_target
from styra.lib.numbers import figure_unit, row_unit
from styra.lib.periods import Period
from styra.organisation.models import OrgUnit

from ..models import Report, ReportStatus


@dataclass
class HistoryRow:
    period: Period
    unit: OrgUnit
    outcome: Outcome
    target: str
    status: StatusMark
    measure: str = ""

    @property
    def figure_unit(self) -> str:
        """The unit the outcome is shown with (`unit` is the organisational unit)."""
        return figure_unit(self.measure, self.target)


def same_indicator_over_years(indicator: Indicator) -> list[Indicator]:
    """The indicator in every year: by code when set, else by name under the same owner."""
    if indicator.code:
        related = Indicator.objects.filter(code=indicator.code)
    else:
        related = Indicator.objects.filter(code="", name=indicator.name, owner=indicator.owner_id)
    return list(related.select_related("goal__year").order_by("goal__year__year", "pk"))


def _period(code: str) -> Period | None:
    try:
        return Period.parse(code)
    except ValueError:
        return None


def _held_targets(outcomes: list[Outcome]) -> dict[tuple[int, str], dict[str, list]]:
    """(unit id, period code) -> the targets a submitted or approved report of theirs froze.

    An outcome of a decided period is judged against the target the report was handed in
    with, as its report and the roll-ups judge it, not against one set afterwards.
    """
    if not outcomes:
        return {}
    reports = Report.objects.filter(
        org_unit_id__in={o.org_unit_id for o in outcomes},
        period__code__in={o.period for o in outcomes},
        status__in=(ReportStatus.SUBMITTED, ReportStatus.APPROVED),
        frozen_figures__isnull=False,
    ).values_list("org_unit_id", "period__code", "frozen_figures")
    return {(unit, code): figures["targets"] for unit, code, figures in reports}


def load_history(
    indicators: list[Indicator], unit_ids: set[int]
) -> tuple[list[HistoryRow], dict[tuple[int, int], tuple[str, Decimal | None]]]:
    """Every outcome of the indicators in the units, with its target and status, in period order."""
    by_pk = {i.pk: i for i in indicators}
    targets = {
        (ind, unit): (text, value)
        for ind, unit, text, value in Target.objects.filter(indicator_id__in=by_pk).values_list(
            "indicator_id", "org_unit_id", "text", "value"
        )
    }
    rows = []
    outcomes = list(
        Outcome.objects.filter(indicator_id__in=by_pk, org_unit_id__in=unit_ids).select_related(
            "org_unit"
        )
    )
    # The indicators are one indicator over the years: a change target ("öka") is measured
    # from the outcome of the same unit and part of the year before (or the year it names).
    values = {}
    for outcome in outcomes:
        period = _period(outcome.period)
        if period is not None and outcome.value is not None:
            values[(outcome.org_unit_id, period.year, period.part)] = outcome.value
    # A handed-in period is judged by the target it was handed in with.
    held = _held_targets(outcomes)
    for outcome in outcomes:
        period = _period(outcome.period)
        if period is None:
            continue
        indicator = by_pk[outcome.indicator_id]
        held_key = (outcome.org_unit_id, outcome.period)
        if held_key in held:
            text, _amount = held[held_key].get(str(indicator.pk), ("", None))
        else:
            text, _value = targets.get((indicator.pk, outcome.org_unit_id), ("", None))
        spec = parse_target(text)
        key = (outcome.org_unit_id, spec.compared_year(period.year), period.part)
        status = target_status(
            outcome.value,
            text,
            indicator.direction,
            indicator.goal.year.status_tolerance,
            values.get(key) if spec.relative else None,
        )
        rows.append(HistoryRow(period, outcome.org_unit, outcome, text, status, indicator.measure))
    rows.sort(key=lambda r: (r.period, r.unit.name, r.unit.pk))
    return rows, targets


def _chart(
    indicator: Indicator,
    indicators: list[Indicator],
    rows: list[HistoryRow],
    targets: dict,
    unit: OrgUnit | None,
) -> tuple[str, list[str]]:
    """The chart's SVG and the names of the units it leaves out (the table has them all)."""
    periods = sorted({r.period for r in rows})
    units: dict[int, OrgUnit] = {}
    for r in rows:
        units.setdefault(r.unit.pk, r.unit)
    shown = sorted(units.values(), key=lambda u: u.name)
    left_out = [u.name for u in shown[MAX_SERIES:]]
    values = {(r.period, r.unit.pk): r.outcome.value for r in rows}
    series = [Series(u.name, [values.get((p, u.pk)) for p in periods]) for u in shown[:MAX_SERIES]]
    # The target line: the unit's own when one unit is shown, else the owner's.
    by_year: dict[int, Indicator] = {}
    for ind in indicators:
        by_year.setdefault(ind.goal.year.year, ind)
    target_node = unit.pk if unit else None
    line = []
    for p in periods:
        year_indicator = by_year.get(p.year)
        node = target_node or (year_indicator.owner_id if year_indicator else None)
        line.append(
            targets.get((year_indicator.pk, node), ("", None))[1] if year_indicator else None
        )
    svg = outcome_chart(
        periods=[p.code for p in periods],
        series=series,
        target=line,
        target_label=_("Årsmål"),
        # The axis names the unit as the table does, from the targets when there is no measure.
        unit=(
            indicator.get_measure_display()
            if indicator.measure
            else row_unit("", (r.target for r in rows))
        ),
    )
    return svg, left_out


@login_required
@require_GET
def detail(request: HttpRequest, indicator_id: int) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, indicator_id)
    visible = visible_unit_ids(request.user)
    indicators = same_indicator_over_years(indicator)
    unit = None
    wanted = request.GET.get("enhet", "")
    if wanted:
        if not wanted.isdigit() or int(wanted) not in visible:
            raise Http404
        unit = OrgUnit.objects.filter(pk=int(wanted)).first()
    all_rows, targets = load_history(indicators, visible)
    choices = sorted({r.unit.pk: r.unit for r in all_rows}.values(), key=lambda u: u.name)
    rows = [r for r in all_rows if unit is None or r.unit.pk == unit.pk]
    svg, left_out = _chart(indicator, indicators, rows, targets, unit) if rows else ("", [])
    context = {
        "indicator": indicator,
        "years": [i.goal.year.year for i in indicators],
        "unit": unit,
        "choices": choices,
        "rows": rows,
        "svg": svg,
        "left_out": left_out,
        "nav": "followup",
    }
    return render(request, "indicators/detail.html", context)
