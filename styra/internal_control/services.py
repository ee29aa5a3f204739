"""The writes of internal control: the plan and its risk analysis, the control plan, the
city's risks pushed to every committee, the follow-up of controls with their measures,
and copying a plan to the next year. Importing a plan file is `import_services.py`, the
units' quality guarantees `guarantee_services.py`.

Every write validates the whole object (`full_clean`) and runs in one transaction, so a
refused write changes nothing. The plan's structure (processes, risks, controls) is
refused while the plan is submitted or adopted; the follow-up (results and measures) is
written on an adopted plan and refused once the node's report for the period is handed
in. Who may write is the views' and commands' question (`access.py`), asked before any
of these is called.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext

from styra.followup.models import DECIDED, Report, ReportingPeriod
from styra.goals.models import Goal, Level, PlanningYear
from styra.lib import ordering
from styra.organisation.models import Kind, OrgUnit
from styra.plans.models import PlanStatus
from styra.plans.services import refuse_draft_year

from .models import (
    CONTROL_PLAN_KINDS,
    CityRisk,
    Control,
    ControlPlan,
    ControlResult,
    Measure,
    Process,
    Risk,
)

PROCESS_FIELDS = ("title", "description")
RISK_FIELDS = (
    "title",
    "description",
    "probability",
    "consequence",
    "selected",
    "omission_reason",
    "goal",
)
CONTROL_FIELDS = (
    "what",
    "method",
    "scope",
    "frequency",
    "responsible",
    "report_t1",
    "report_t2",
    "report_vb",
)
MEASURE_FIELDS = ("name", "responsible", "start", "end", "status")

# The goals a risk may threaten: KF's and the committees'.
RISK_GOAL_LEVELS = (Level.DIRECTION, Level.AREA, Level.BOARD)


def _save(obj: Model) -> None:
    obj.full_clean()
    obj.save()


def _set(obj: Model, allowed: tuple[str, ...], fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(obj, name, value)


# --- the plan ------------------------------------------------------------------------------


@transaction.atomic
def control_plan_create(*, org_unit: OrgUnit, year: PlanningYear) -> ControlPlan:
    """A new, empty internal control plan; a committee's comes with the city's risks."""
    refuse_draft_year(year)
    if org_unit.kind not in CONTROL_PLAN_KINDS:
        raise ValidationError(
            gettext("En internkontrollplan görs av en nämnd eller av en enhet under den.")
        )
    if ControlPlan.objects.filter(org_unit=org_unit, year=year).exists():
        raise ValidationError(
            gettext("%(unit)s har redan en internkontrollplan för %(year)s.")
            % {"unit": org_unit.name, "year": year.year}
        )
    plan = ControlPlan(org_unit=org_unit, year=year, unit_name=org_unit.name)
    _save(plan)
    if org_unit.kind == Kind.COMMITTEE:
        _receive_city_risks(plan, CityRisk.objects.filter(year=year))
    return plan


def submission_problems(plan: ControlPlan) -> list[str]:
    """What stands in the way of handing the plan in, in words; empty when nothing does.

    Every risk is assessed, every high risk left out has its reason, and every risk taken
    into the plan has at least one control.
    """
    problems: list[str] = []
    risks = list(plan.risks.prefetch_related("controls"))
    if not risks:
        problems.append(gettext("Riskanalysen har inga risker."))
    for risk in risks:
        if not risk.is_assessed:
            problems.append(gettext("Risken ”%(risk)s” är inte bedömd.") % {"risk": risk.title})
        elif risk.needs_reason:
            problems.append(
                gettext(
                    "Risken ”%(risk)s” har riskvärde %(value)s men är inte med i "
                    "kontrollplanen: ange skälet."
                )
                % {"risk": risk.title, "value": risk.value}
            )
        elif risk.selected and not risk.controls.all():
            problems.append(
                gettext("Risken ”%(risk)s” är med i kontrollplanen men har inget kontrollmoment.")
                % {"risk": risk.title}
            )
    return problems


# --- the risk analysis ----------------------------------------------------------------------


@transaction.atomic
def process_create(*, plan: ControlPlan, title: str, description: str = "") -> Process:
    plan.refuse_changes()
    process = Process(
        plan=plan,
        title=title.strip(),
        description=description.strip(),
        position=ordering.next_position(plan.processes.all()),
    )
    _save(process)
    return process


@transaction.atomic
def process_update(*, process: Process, **fields: Any) -> Process:
    process.plan.refuse_changes()
    _set(process, PROCESS_FIELDS, fields)
    _save(process)
    return process


@transaction.atomic
def process_delete(*, process: Process) -> None:
    """Remove a process with its own risks; refused while it holds one of the city's."""
    process.plan.refuse_changes()
    if process.risks.filter(city_risk__isnull=False).exists():
        raise ValidationError(
            gettext(
                "Processen har risker som staden har gett alla nämnder. De kan inte tas bort: "
                "bedöm dem och ange skälet om de inte tas med i kontrollplanen."
            )
        )
    process.delete()


def _refuse_foreign_goal(plan: ControlPlan, goal: Goal | None) -> None:
    if goal is None:
        return
    if goal.year_id != plan.year_id or goal.level not in RISK_GOAL_LEVELS:
        raise ValidationError(
            {"goal": gettext("En risk kan knytas till ett av årets KF-mål eller nämndmål.")}
        )


@transaction.atomic
def risk_create(
    *,
    process: Process,
    title: str,
    description: str = "",
    probability: int | None = None,
    consequence: int | None = None,
    goal: Goal | None = None,
) -> Risk:
    plan = process.plan
    plan.refuse_changes()
    _refuse_foreign_goal(plan, goal)
    risk = Risk(
        plan=plan,
        process=process,
        title=title.strip(),
        description=description.strip(),
        probability=probability,
        consequence=consequence,
        goal=goal,
        position=ordering.next_position(process.risks.all()),
    )
    _save(risk)
    return risk


@transaction.atomic
def risk_update(*, risk: Risk, **fields: Any) -> Risk:
    """Change a risk: its words, its assessment, its goal, whether it is in the plan.

    A risk taken out of the plan must first lose its controls; a city risk keeps the
    city's words.
    """
    risk.plan.refuse_changes()
    if risk.city_risk_id is not None and {"title", "description"} & set(fields):
        raise ValidationError(gettext("Stadens risker har stadens formulering."))
    _set(risk, RISK_FIELDS, fields)
    _refuse_foreign_goal(risk.plan, risk.goal)
    if not risk.selected and risk.controls.exists():
        raise ValidationError(
            {
                "selected": gettext(
                    "Risken har kontrollmoment. Ta bort dem innan risken tas ur kontrollplanen."
                )
            }
        )
    if risk.selected:
        risk.omission_reason = ""
    _save(risk)
    return risk


@transaction.atomic
def risk_delete(*, risk: Risk) -> None:
    risk.plan.refuse_changes()
    if risk.city_risk_id is not None:
        raise ValidationError(
            gettext(
                "Risken är stadens och kan inte tas bort: bedöm den och ange skälet om den "
                "inte tas med i kontrollplanen."
            )
        )
    risk.delete()


# --- the control plan -----------------------------------------------------------------------


@transaction.atomic
def control_create(*, risk: Risk, what: str, **fields: Any) -> Control:
    risk.plan.refuse_changes()
    if not risk.selected:
        raise ValidationError(
            gettext("Ta med risken i kontrollplanen innan du lägger till kontrollmoment.")
        )
    position = ordering.next_position(risk.controls.all())
    control = Control(risk=risk, what=what.strip(), position=position)
    _set(control, CONTROL_FIELDS, fields)
    _save(control)
    return control


@transaction.atomic
def control_update(*, control: Control, **fields: Any) -> Control:
    control.risk.plan.refuse_changes()
    _set(control, CONTROL_FIELDS, fields)
    _save(control)
    return control


@transaction.atomic
def control_delete(*, control: Control) -> None:
    control.risk.plan.refuse_changes()
    control.delete()


# --- the city's risks -----------------------------------------------------------------------


def _receive_city_risks(plan: ControlPlan, city_risks: Any) -> None:
    """Give the committee's plan the city's risks it does not have yet, each in a process of
    the city's name (made when the plan has none of that name)."""
    have = set(plan.risks.filter(city_risk__isnull=False).values_list("city_risk_id", flat=True))
    processes = {p.title: p for p in plan.processes.all()}
    for city_risk in city_risks:
        if city_risk.pk in have:
            continue
        process = processes.get(city_risk.process)
        if process is None:
            process = Process(
                plan=plan,
                title=city_risk.process,
                position=ordering.next_position(plan.processes.all()),
            )
            _save(process)
            processes[process.title] = process
        _city_risk_in(process, city_risk)


def _city_risk_in(process: Process, city_risk: CityRisk) -> Risk:
    """The city's risk as the plan's, in the city's words, last in the process."""
    risk = Risk(
        plan=process.plan,
        process=process,
        title=city_risk.title,
        description=city_risk.description,
        city_risk=city_risk,
        position=ordering.next_position(process.risks.all()),
    )
    _save(risk)
    return risk


@transaction.atomic
def city_risk_create(
    *, year: PlanningYear, process: str, title: str, description: str = ""
) -> CityRisk:
    """A risk the city gives every committee this year: added at once to the committees'
    plans that are drafts, and to every committee plan made later. A plan already handed
    in or adopted gets it when it is reopened, never behind its decision."""
    city_risk = CityRisk(
        year=year,
        process=process.strip(),
        title=title.strip(),
        description=description.strip(),
        position=ordering.next_position(year.city_risks.all()),
    )
    _save(city_risk)
    drafts = ControlPlan.objects.filter(
        year=year, org_unit__kind=Kind.COMMITTEE, status=PlanStatus.DRAFT
    )
    for plan in drafts:
        _receive_city_risks(plan, [city_risk])
    return city_risk


@transaction.atomic
def city_risk_delete(*, city_risk: CityRisk) -> None:
    """Withdraw a city risk: from the draft plans, never from a decided one."""
    risks = Risk.objects.filter(city_risk=city_risk).select_related("plan")
    if any(risk.plan.is_locked for risk in risks):
        raise ValidationError(
            gettext(
                "Risken finns i en internkontrollplan som är inlämnad eller fastställd och kan "
                "inte dras tillbaka."
            )
        )
    risks.delete()
    city_risk.delete()


def receive_city_risks(plan: ControlPlan) -> None:
    """The year's city risks a reopened committee plan does not have yet."""
    if plan.org_unit.kind == Kind.COMMITTEE and not plan.is_locked:
        _receive_city_risks(plan, CityRisk.objects.filter(year=plan.year_id))


# --- follow-up ----------------------------------------------------------------------------


def refuse_followup(plan: ControlPlan, period: ReportingPeriod) -> None:
    """The follow-up of an adopted plan in one of its year's periods, until the node's
    report for that period is handed in."""
    if plan.status != PlanStatus.ADOPTED:
        raise ValidationError(
            gettext("Internkontrollplanen följs upp först när den är fastställd.")
        )
    if period.year_id != plan.year_id:
        raise ValidationError(gettext("Perioden hör inte till internkontrollplanens år."))
    decided = Report.objects.filter(
        org_unit_id=plan.org_unit_id, period=period, status__in=DECIDED
    ).exists()
    if decided:
        raise ValidationError(
            gettext(
                "Rapporten för %(period)s är inlämnad: kontrollernas uppföljning för perioden "
                "kan inte ändras förrän den har öppnats igen."
            )
            % {"period": period.period.label},
            code="locked",
        )


@transaction.atomic
def result_report(
    *,
    control: Control,
    period: ReportingPeriod,
    done: bool,
    result: str = "",
    findings: str = "",
    by: User | None,
) -> ControlResult:
    """Report a control for a period (again, if it was reported: the last word holds)."""
    plan = control.risk.plan
    refuse_followup(plan, period)
    if period.period.part not in control.reported_in:
        raise ValidationError(
            gettext("Kontrollmomentet rapporteras inte i %(period)s.")
            % {"period": period.period.label}
        )
    outcome = ControlResult.objects.filter(control=control, period=period).first()
    if outcome is None:
        outcome = ControlResult(control=control, period=period, done=done)
    outcome.done, outcome.result, outcome.findings = done, result, findings.strip()
    outcome.reported_by = by
    _save(outcome)
    if outcome.result != "deviation" and outcome.measures.exists():
        raise ValidationError({"result": gettext("Resultatet har åtgärder. Ta bort dem först.")})
    return outcome


def _result_plan(result: ControlResult) -> ControlPlan:
    return result.control.risk.plan


@transaction.atomic
def measure_create(*, result: ControlResult, name: str, **fields: Any) -> Measure:
    """A measure against what a control found (only a result with deviations has any)."""
    refuse_followup(_result_plan(result), result.period)
    if result.result != "deviation":
        raise ValidationError(gettext("Åtgärder hör till en kontroll som visade avvikelser."))
    measure = Measure(
        result=result, name=name.strip(), position=ordering.next_position(result.measures.all())
    )
    _set(measure, MEASURE_FIELDS, fields)
    _save(measure)
    return measure


@transaction.atomic
def measure_update(*, measure: Measure, **fields: Any) -> Measure:
    refuse_followup(_result_plan(measure.result), measure.result.period)
    _set(measure, MEASURE_FIELDS, fields)
    _save(measure)
    return measure


@transaction.atomic
def measure_delete(*, measure: Measure) -> None:
    refuse_followup(_result_plan(measure.result), measure.result.period)
    measure.delete()


# --- the next year --------------------------------------------------------------------------


@transaction.atomic
def control_plan_copy_to_year(*, plan: ControlPlan, year: PlanningYear) -> ControlPlan:
    """Next year's draft from this plan: its processes, risks with their assessment (to be
    reviewed), selection and controls. A city risk goes over as the new year's city risk
    of the same words, or as the node's own risk if the city no longer gives it; the goal
    a risk was tied to, as the goal copied from it."""
    if year.year <= plan.year.year:
        raise ValidationError(gettext("Planen kan bara kopieras till ett senare år."))
    copy = control_plan_create(org_unit=plan.org_unit, year=year)
    copy.copied_from = plan
    copy.save(update_fields=["copied_from", "updated_at"])
    new_city = {(c.process, c.title): c for c in CityRisk.objects.filter(year=year)}
    copied_goals = dict(
        Goal.objects.filter(year=year, copied_from__isnull=False).values_list(
            "copied_from_id", "pk"
        )
    )
    received = {r.city_risk_id: r for r in copy.risks.filter(city_risk__isnull=False)}
    for process in plan.processes.prefetch_related("risks__controls", "risks__city_risk"):
        target = copy.processes.filter(title=process.title).first() or Process.objects.create(
            plan=copy,
            title=process.title,
            description=process.description,
            position=process.position,
        )
        for risk in process.risks.all():
            city = risk.city_risk
            match = new_city.get((city.process, city.title)) if city is not None else None
            fields = dict(
                probability=risk.probability,
                consequence=risk.consequence,
                selected=risk.selected,
                omission_reason=risk.omission_reason,
                goal_id=copied_goals.get(risk.goal_id) if risk.goal_id else None,
            )
            new = received.get(match.pk) if match is not None else None
            if new is None:
                new = Risk(
                    plan=copy,
                    process=target,
                    title=risk.title,
                    description=risk.description,
                    position=risk.position,
                )
            for name, value in fields.items():
                setattr(new, name, value)
            _save(new)
            for control in risk.controls.all():
                Control.objects.create(
                    risk=new,
                    **{name: getattr(control, name) for name in CONTROL_FIELDS},
                    position=control.position,
                )
    return copy
