"""Writes of the follow-up cycle: periods, outcomes, assessments, statuses, budget, workflow."""

import re
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_noop, ngettext

from styra.budget.models import BudgetRow
from styra.budget.sums import budget_deviation as sums_deviation
from styra.budget.sums import is_revenue_line, line_amount
from styra.goals.models import Activity, Goal, PlanningYear
from styra.indicators.models import Indicator, Outcome, Source
from styra.lib.narrative import clean_text
from styra.lib.numbers import parse_decimal
from styra.lib.periods import TERTIALS, Period
from styra.organisation.models import OrgUnit

from .models import (
    ActivityFollowUp,
    ActivityStatus,
    BudgetFollowUp,
    Fulfilment,
    GoalAssessment,
    Report,
    ReportingPeriod,
    ReportSection,
    ReportStatus,
)

# Marked for translation and translated where it is raised; the constant itself stays the
# Swedish source text (str), so pages and tests can look for it.
DEFICIT_NEEDS_COMMENT = gettext_noop(
    "Prognosen visar underskott: beskriv orsaken och vilka åtgärder som vidtas."
)


class Keep(Enum):
    """A typed sentinel: an Enum member, so `base is not KEEP` narrows the argument's type."""

    KEEP = "keep"


KEEP = Keep.KEEP  # "leave the stored value as it is"
# Stored as the new report's section headings: data, so Swedish whatever the language.
DEFAULT_SECTIONS = ("Viktiga händelser", "Analys", "Framtid")
# Reports are due two weeks after the cut-off unless the city sets another deadline.
DEFAULT_DEADLINE_DAYS = 14


@transaction.atomic
def periods_ensure(*, year: PlanningYear) -> list[ReportingPeriod]:
    """The year's T1, T2 and VB periods, created with the default dates where missing."""
    periods = []
    for part in TERTIALS:
        period = Period(year.year, part)
        obj, _ = ReportingPeriod.objects.get_or_create(
            code=period.code,
            defaults={
                "year": year,
                "cutoff": period.default_cutoff,
                "deadline": period.default_cutoff + timedelta(days=DEFAULT_DEADLINE_DAYS),
            },
        )
        periods.append(obj)
    return periods


@transaction.atomic
def period_update(*, period: ReportingPeriod, cutoff: date, deadline: date) -> ReportingPeriod:
    """New dates for a period. The cut-off is what its handed-in reports reported as of, so it
    stays while any is submitted or approved; the deadline may move (late units get more time,
    and a handed-in report keeps the deadline it had, followup.frozen)."""
    locked = ReportingPeriod.objects.select_for_update().filter(pk=period.pk)
    stored = locked.values_list("cutoff", flat=True).get()
    if cutoff != stored:
        decided = Report.objects.filter(period=period).decided().count()
        if decided:
            raise ValidationError(
                {
                    "cutoff": ngettext(
                        "Avstämningsdatumet kan inte ändras: %(n)d rapport för perioden är "
                        "inlämnad eller godkänd. Öppna den igen först.",
                        "Avstämningsdatumet kan inte ändras: %(n)d rapporter för perioden är "
                        "inlämnade eller godkända. Öppna dem igen först.",
                        decided,
                    )
                    % {"n": decided}
                }
            )
    period.cutoff, period.deadline = cutoff, deadline
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def year_set_tolerance(*, year: PlanningYear, tolerance: Decimal) -> PlanningYear:
    """How far from its target (in percent of it) an outcome still counts as partly reached."""
    if tolerance is None or not 0 <= tolerance <= 100:
        raise ValidationError(
            {"status_tolerance": gettext("Ange en tolerans mellan 0 och 100 procent.")}
        )
    # The tolerance judged every handed-in report's indicators, and the roll-ups judge their
    # frozen outcomes by it: changing it would move decided statuses, so it waits for a reopen.
    if tolerance != year.status_tolerance:
        decided = Report.objects.filter(period__year=year).decided().count()
        if decided:
            raise ValidationError(
                {
                    "status_tolerance": ngettext(
                        "Toleransen kan inte ändras: %(n)d rapport för året är inlämnad eller "
                        "godkänd och bedömdes med den. Öppna den igen först.",
                        "Toleransen kan inte ändras: %(n)d rapporter för året är inlämnade eller "
                        "godkända och bedömdes med den. Öppna dem igen först.",
                        decided,
                    )
                    % {"n": decided}
                }
            )
    year.status_tolerance = tolerance
    year.full_clean()
    year.save(update_fields=["status_tolerance"])
    return year


def _refuse_if_locked(report: Report) -> None:
    if report.is_locked:
        raise ValidationError(
            gettext("Rapporten är godkänd och kan inte ändras. Öppna den igen först.")
        )


def _refuse_unless_draft(report: Report) -> None:
    _refuse_if_locked(report)
    if report.status == ReportStatus.SUBMITTED:
        raise ValidationError(
            gettext("Rapporten är inlämnad. Den måste öppnas igen innan den ändras.")
        )


@transaction.atomic
def report_open(*, org_unit: OrgUnit, period: ReportingPeriod) -> Report:
    """The node's report for the period, created as a draft with the standard sections."""
    if period.year.is_draft:
        raise ValidationError(
            gettext(
                "%(year)s är ett utkast som staden förbereder; rapporter skrivs när året är "
                "öppnat för enheterna."
            )
            % {"year": period.year.year}
        )
    report, created = Report.objects.get_or_create(
        org_unit=org_unit, period=period, defaults={"unit_name": org_unit.name}
    )
    if created:
        # One create per section, not bulk_create: the audit trail sees model signals only.
        for i, heading in enumerate(DEFAULT_SECTIONS, start=1):
            ReportSection.objects.create(report=report, heading=heading, position=i)
    return report


def decided_reports(period_codes, unit_ids=None) -> dict[tuple[int, str], str]:
    """(unit id, period code) -> status of each submitted or approved report of the
    periods (and of the units, when given).

    Outcomes and budget follow-ups are stored per unit and period, not on the report, so
    this is how every write of them finds the report that locks them.
    """
    reports = Report.objects.decided().filter(period__code__in=period_codes)
    if unit_ids is not None:
        reports = reports.filter(org_unit_id__in=unit_ids)
    return {
        (unit_id, code): status
        for unit_id, code, status in reports.values_list("org_unit_id", "period__code", "status")
    }


def outcome_refusal(status: str | None, period: Period) -> str:
    """Why an outcome for a report in `status` cannot be written, or "" when it can.

    The same rule as the report page: only a draft (or no report yet) takes outcomes.
    One function, so the form, the bulk upload's preview and outcome_record agree.
    """
    if status == ReportStatus.APPROVED:
        return gettext("Rapporten för %(period)s är godkänd; utfallet kan inte ändras.") % {
            "period": period.display_label
        }
    if status == ReportStatus.SUBMITTED:
        return gettext(
            "Rapporten för %(period)s är inlämnad; utfallet kan inte ändras förrän den har "
            "öppnats igen."
        ) % {"period": period.display_label}
    return ""


def _report_status(org_unit: OrgUnit, period_code: str) -> str | None:
    return decided_reports([period_code], [org_unit.pk]).get((org_unit.pk, period_code))


# A measure written after the number ("65 %", "12 st", "3 dagar") is not part of the value.
_MEASURE_SUFFIX = re.compile(r"\s*(%|st|kr|tkr|mnkr|dagar|dgr)\.?$", re.IGNORECASE)


def parse_outcome(text: str) -> tuple[Decimal | None, str]:
    """A typed outcome as (number, "") when it is one, else (None, text as written)."""
    text = clean_text(text)
    cleaned = _MEASURE_SUFFIX.sub("", text).strip()
    if not cleaned:
        return None, text
    try:
        number = parse_decimal(cleaned)
    except ValueError:
        return None, text
    if number is not None and abs(number) >= Decimal("1e12"):
        raise ValidationError({"value": gettext("Värdet är för stort.")})
    return number, ""


@transaction.atomic
def outcome_record(
    *,
    indicator: Indicator,
    org_unit: OrgUnit,
    period: str,
    value: str | Decimal | None,
    comment: str = "",
    base: Decimal | None | Keep = KEEP,
    source: str = Source.MANUAL,
    by=None,
) -> Outcome:
    """Store one outcome; refused while the node's report for the period is submitted or
    approved. Every outcome write (the report page, the bulk upload, the demo) comes here.

    `base` (the count a share is computed on) is kept as stored when not given,
    so correcting a value by hand does not drop a base an upload brought.
    """
    try:
        parsed = Period.parse(period)
    except ValueError as exc:
        raise ValidationError({"period": str(exc)}) from None
    refusal = outcome_refusal(_report_status(org_unit, period), parsed)
    if refusal:
        raise ValidationError(refusal, code="locked")
    if isinstance(value, Decimal) or value is None:
        number, text = value, ""
    else:
        number, text = parse_outcome(value)
    if base is not KEEP and base is not None and base < 0:
        raise ValidationError({"base": gettext("Basen kan inte vara negativ.")})
    outcome, _ = Outcome.objects.get_or_create(
        indicator=indicator, org_unit=org_unit, period=period
    )
    outcome.value, outcome.text = number, text
    if base is not KEEP:
        outcome.base = base
    outcome.comment, outcome.source, outcome.updated_by = clean_text(comment), source, by
    outcome.full_clean()
    outcome.save()
    return outcome


SCORES = {"reached": 1.0, "partly": 0.5, "not_reached": 0.0}
ACTIVITY_SCORES: dict[str, float] = {
    ActivityStatus.FINISHED: 1.0,
    ActivityStatus.STARTED: 0.5,
    ActivityStatus.NOT_STARTED: 0.0,
}


def propose_assessment(
    indicator_statuses: list[str], activity_statuses: list[str], *, forecast: bool
) -> str:
    """Styra's proposal for a goal from its indicators' statuses and its activities' progress.

    Each reached indicator counts 1, partly reached 0.5, not reached 0; a
    finished activity 1, a started one 0.5 (1 in a forecast, where started
    is on track), not started 0; cancelled activities and indicators that
    cannot be judged do not count. An average of at least 0.8 proposes
    fulfilled, at least 0.4 partly fulfilled, below that not fulfilled.
    Nothing to go on gives no proposal ("").
    """
    scores = [SCORES[s] for s in indicator_statuses if s in SCORES]
    for status in activity_statuses:
        if status == ActivityStatus.STARTED and forecast:
            scores.append(1.0)
        elif status in ACTIVITY_SCORES:
            scores.append(ACTIVITY_SCORES[status])
    if not scores:
        return ""
    mean = sum(scores) / len(scores)
    if mean >= 0.8:
        return Fulfilment.FULFILLED
    return Fulfilment.PARTLY if mean >= 0.4 else Fulfilment.NOT_FULFILLED


@transaction.atomic
def assessment_set(
    *, report: Report, goal: Goal, value: str, proposed: str, reason: str = "", analysis: str = ""
) -> GoalAssessment:
    """Record a goal's assessment; a choice other than the proposal must say why."""
    _refuse_unless_draft(report)
    if value and value not in Fulfilment.values:
        raise ValidationError({"value": gettext("Välj en bedömning i listan.")})
    assessment, _ = GoalAssessment.objects.get_or_create(report=report, goal=goal)
    assessment.value, assessment.proposed = value, proposed
    assessment.reason, assessment.analysis = clean_text(reason), clean_text(analysis)
    assessment.full_clean()
    assessment.save()
    return assessment


@transaction.atomic
def activity_status_set(
    *, report: Report, activity: Activity, status: str, comment: str = ""
) -> ActivityFollowUp:
    _refuse_unless_draft(report)
    follow_up, _ = ActivityFollowUp.objects.get_or_create(report=report, activity=activity)
    follow_up.status, follow_up.comment = status, clean_text(comment)
    follow_up.full_clean()
    follow_up.save()
    return follow_up


def budget_deviation(row: BudgetRow, forecast: Decimal | None) -> Decimal | None:
    """A line's budget minus forecast, negative for a deficit (`budget.sums.budget_deviation`)."""
    return sums_deviation(line_amount(row), forecast, revenue=is_revenue_line(row))


@transaction.atomic
def budget_follow_up_set(
    *,
    row: BudgetRow,
    period: str,
    outcome: Decimal | None,
    forecast: Decimal | None,
    comment: str = "",
) -> BudgetFollowUp:
    """Outcome to date and forecast for a row; a forecast deficit needs a comment on measures."""
    if row.is_sum:
        # A sum row's outcome and forecast are its lines' (budget.sums); nothing is typed there.
        raise ValidationError(
            gettext("En summarad räknas fram ur raderna ovanför; skriv inga belopp i den.")
        )
    parsed = Period.parse(period)
    unit = row.budget.plan.unit
    status = None if parsed.is_month else _report_status(unit, period)
    if status == ReportStatus.APPROVED:
        raise ValidationError(
            gettext("Rapporten för perioden är godkänd; budgeten kan inte ändras.")
        )
    if status == ReportStatus.SUBMITTED:
        raise ValidationError(
            gettext(
                "Rapporten för perioden är inlämnad; budgeten kan inte ändras förrän den har "
                "öppnats igen."
            )
        )
    comment = clean_text(comment)
    deviation = budget_deviation(row, forecast)
    if deviation is not None and deviation < 0 and not comment:
        raise ValidationError({"comment": gettext(DEFICIT_NEEDS_COMMENT)})
    follow_up, _ = BudgetFollowUp.objects.get_or_create(row=row, period=period)
    follow_up.outcome, follow_up.forecast, follow_up.comment = outcome, forecast, comment
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def report_section_update(*, section: ReportSection, text: str) -> ReportSection:
    _refuse_unless_draft(section.report)
    section.text = clean_text(text)
    section.save(update_fields=["text"])
    return section
