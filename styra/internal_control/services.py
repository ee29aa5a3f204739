"""The writes of internal control: the plan and its risk analysis, the control plan, the
city's risks pushed to every committee, the follow-up of controls with their measures,
and copying a plan to the next year.

Every write validates the whole object (`full_clean`) and runs in one transaction, so a
refused write changes nothing. The plan's structure (processes, risks, controls) is
refused while the plan is submitted or adopted; the follow-up (results and measures) is
written on an adopted plan and refused once the node's report for the period is handed
in. Who may write is the views' and commands' question (`access.py`), asked before any
of these is called.

A unit's quality guarantees are part of its verksamhetsplan of the year: they change only
while that plan is a draft (the plan's own lock and message), and their outcomes only
until the unit's report for the period is handed in (the lock of the plan's indicators'
outcomes, `followup.services.outcome_refusal`).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model
from django.utils.translation import gettext

from styra.accounts.permissions import AnyUser
from styra.followup.models import DECIDED, Report, ReportingPeriod
from styra.followup.services import decided_reports, outcome_refusal
from styra.goals.models import Goal, Level, PlanningYear
from styra.lib import ordering
from styra.lib.narrative import clean_text
from styra.organisation.models import Kind, OrgUnit
from styra.plans.models import Plan, PlanStatus
from styra.plans.services import refuse_draft_year

from .access import require_control_plan_importer
from .interchange import control_plan_dict, load
from .interchange.load import ControlPlanImport
from .interchange.parsing import validate_control_plan_dict
from .models import (
    CONTROL_PLAN_KINDS,
    CityRisk,
    Control,
    ControlPlan,
    ControlResult,
    GuaranteeOutcome,
    Measure,
    Process,
    QualityGuarantee,
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
GUARANTEE_FIELDS = ("promise", "term", "target_percent", "remedy")

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


def _next_position(queryset: Any) -> int:
    return int(queryset.aggregate(n=Max("position"))["n"] or 0) + 1


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
        position=_next_position(plan.processes.all()),
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
        position=_next_position(process.risks.all()),
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
    control = Control(risk=risk, what=what.strip(), position=_next_position(risk.controls.all()))
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
                position=_next_position(plan.processes.all()),
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
        position=_next_position(process.risks.all()),
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
        position=_next_position(year.city_risks.all()),
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
        result=result, name=name.strip(), position=_next_position(result.measures.all())
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


# --- styra-internal-control/1 in ----------------------------------------------------------


class ControlPlanExists(ValidationError):
    """The node has a draft for the year and the import was not asked to replace it. The
    message names no way to ask: the page (a tick box) and the command (--replace) each
    say how in their own terms."""

    def __init__(self, *, plan: ControlPlan) -> None:
        super().__init__(
            gettext("%(unit)s har redan en internkontrollplan för %(year)s.")
            % {"unit": plan.org_unit.name, "year": plan.year.year},
            code="exists",
        )


def control_plan_import(
    *,
    org_unit: OrgUnit,
    year: PlanningYear,
    data: dict[str, Any],
    replace: bool = False,
    by: AnyUser | None,
    dry_run: bool = False,
) -> ControlPlanImport:
    """Store a styra-internal-control/1 dict as the node's draft for the year; all or nothing.

    The one authority check of every import (the page, its preview and
    `styra import-internal-control`): `by` must be allowed to edit the node's plan, or to
    start it when there is none (`access.require_control_plan_importer`); None is the
    server's operator. Goals are found by level, number and title, the city's risks by
    process and title; what is not found, and the follow-up the file holds (results and
    measures are reported in Styra on an adopted plan), is said in the warnings. A
    submitted or adopted plan is never replaced, a draft only with `replace`. `dry_run`
    does all of it and rolls it back: the preview shows exactly what saving stores.
    """
    if by is not None:
        require_control_plan_importer(by, org_unit, year)
    with transaction.atomic():
        outcome = _control_plan_import(org_unit, year, validate_control_plan_dict(data), replace)
        if dry_run:
            transaction.set_rollback(True)
            outcome.plan = None
    return outcome


def _located(where: str, error: ValidationError) -> ValidationError:
    """A service's refusal said where in the file it is ("processes/0/risks/2: …")."""
    return ValidationError([f"{where}: {message}" for message in error.messages])


def _importable(org_unit: OrgUnit, year: PlanningYear, replace: bool) -> tuple[ControlPlan, bool]:
    """The node's plan to import into, emptied (and given the city's risks again), or a new
    one; and whether it replaced a draft."""
    refuse_draft_year(year)
    plan = ControlPlan.objects.with_header().filter(org_unit=org_unit, year=year).first()
    if plan is None:
        return control_plan_create(org_unit=org_unit, year=year), False
    names = {"year": year.year, "unit": org_unit.name}
    if plan.status == PlanStatus.ADOPTED:
        raise ValidationError(
            gettext(
                "Internkontrollplanen %(year)s för %(unit)s är fastställd och kan inte ersättas. "
                "Öppna den igen först."
            )
            % names,
            code="locked",
        )
    if plan.is_locked:
        raise ValidationError(
            gettext(
                "Internkontrollplanen %(year)s för %(unit)s är inlämnad och kan inte ersättas. "
                "Öppna den igen först."
            )
            % names,
            code="locked",
        )
    if not replace:
        raise ControlPlanExists(plan=plan)
    if ControlResult.objects.filter(control__risk__plan=plan).exists():
        # A plan reopened after its follow-up began: what was reported stays.
        raise ValidationError(
            gettext(
                "Internkontrollplanen %(year)s för %(unit)s har kontroller som är uppföljda och "
                "kan inte ersättas."
            )
            % names
        )
    plan.processes.all().delete()
    plan.unit_name = org_unit.name
    _save(plan)
    receive_city_risks(plan)
    return plan, True


def _control_plan_import(
    org_unit: OrgUnit, year: PlanningYear, data: dict[str, Any], replace: bool
) -> ControlPlanImport:
    plan, replaces = _importable(org_unit, year, replace)
    warnings = _file_warnings(data, plan)
    goals = load.GoalFinder(org_unit, year)
    city = load.city_risks(year)
    received = {r.city_risk_id: r for r in plan.risks.filter(city_risk__isnull=False)}
    # The processes the plan was given for the city's risks, to take the file's of their name.
    spare: dict[str, list[Process]] = {}
    for existing in plan.processes.all():
        spare.setdefault(load.words(existing.title), []).append(existing)
    order: list[tuple[Process, list[Risk]]] = []
    for i, item in enumerate(data["processes"]):
        where = f"processes/{i}"
        fits = spare.get(load.words(item["title"])) or []
        try:
            if fits:
                process = process_update(process=fits.pop(0), description=item["description"])
            else:
                process = process_create(
                    plan=plan, title=item["title"], description=item["description"]
                )
        except ValidationError as exc:
            raise _located(where, exc) from None
        risks = []
        for j, risk_item in enumerate(item["risks"]):
            city_risk = _city_risk_of(city, item, risk_item, year, warnings)
            risk = received.pop(city_risk.pk, None) if city_risk is not None else None
            risks.append(
                _import_risk(
                    process, risk, city_risk, risk_item, goals, warnings, f"{where}/risks/{j}"
                )
            )
        order.append((process, risks))
    for risk in received.values():
        warnings.append(
            gettext(
                "Stadens risk ”%(risk)s” (%(process)s) finns inte i filen men följer med i "
                "planen. Bedöm den innan planen lämnas in."
            )
            % {"risk": risk.title, "process": risk.city_risk.process if risk.city_risk else ""}
        )
    _keep_file_order(plan, order)
    return ControlPlanImport(
        data=control_plan_dict(plan), plan=plan, warnings=warnings, replaces=replaces
    )


def _file_warnings(data: dict[str, Any], plan: ControlPlan) -> list[str]:
    """What the file says that the import does not keep: another node, year or status, and
    its follow-up."""
    warnings = []
    named = " ".join(data["unit"].split())
    if named and load.words(named) != load.words(plan.unit_name):
        warnings.append(
            gettext("Filen gäller %(named)s. Planen sparas för %(unit)s och med det namnet.")
            % {"named": named, "unit": plan.unit_name}
        )
    if data["year"] != plan.year.year:
        warnings.append(
            gettext("Filen gäller %(file)s. Planen sparas för %(year)s.")
            % {"file": data["year"], "year": plan.year.year}
        )
    if data["status"] != PlanStatus.DRAFT:
        warnings.append(
            gettext("Planen i filen är %(status)s. Den sparas som ett utkast.")
            % {"status": str(PlanStatus(data["status"]).label).lower()}
        )
    results, measures = load.follow_up_counts(data)
    if results:
        warnings.append(
            gettext(
                "Filen har uppföljning som inte importeras (kontrollresultat: %(results)s, "
                "åtgärder: %(measures)s). Kontrollerna följs upp i Styra när planen är "
                "fastställd."
            )
            % {"results": results, "measures": measures}
        )
    return warnings


def _city_risk_of(
    city: dict[tuple[str, str], CityRisk],
    process: dict[str, Any],
    risk: dict[str, Any],
    year: PlanningYear,
    warnings: list[str],
) -> CityRisk | None:
    """The year's city risk a risk the file marks as the city's is, by process and title."""
    if not risk["city"]:
        return None
    found = city.get((load.words(process["title"]), load.words(risk["title"])))
    if found is None:
        warnings.append(
            gettext(
                "Risken ”%(risk)s” är stadens i filen, men staden har ingen sådan risk för "
                "%(year)s. Den sparas som planens egen risk."
            )
            % {"risk": risk["title"], "year": year.year}
        )
    return found


def _import_risk(
    process: Process,
    risk: Risk | None,
    city_risk: CityRisk | None,
    item: dict[str, Any],
    goals: load.GoalFinder,
    warnings: list[str],
    where: str,
) -> Risk:
    """The file's risk in the process: the city's risk the plan received (its assessment
    filled in), the city's risk added, or a risk of the plan's own; then its controls."""
    goal = goals.find(item["goal"], item["title"], warnings) if item["goal"] else None
    try:
        if risk is not None:
            risk.process = process  # where the file puts it (a process of the city's name)
        elif city_risk is not None:
            risk = _city_risk_in(process, city_risk)
        else:
            risk = risk_create(
                process=process, title=item["title"], description=item["description"]
            )
        risk = risk_update(
            risk=risk,
            probability=item["probability"],
            consequence=item["consequence"],
            goal=goal,
            selected=item["selected"],
            omission_reason=item["omission_reason"],
        )
    except ValidationError as exc:
        raise _located(where, exc) from None
    for k, control in enumerate(item["controls"]):
        parts = set(control["reported_in"])
        try:
            control_create(
                risk=risk,
                what=control["what"],
                method=control["method"],
                scope=control["scope"],
                frequency=control["frequency"],
                responsible=control["responsible"],
                report_t1="T1" in parts,
                report_t2="T2" in parts,
                report_vb="VB" in parts,
            )
        except ValidationError as exc:
            raise _located(f"{where}/controls/{k}", exc) from None
    return risk


def _keep_file_order(plan: ControlPlan, order: list[tuple[Process, list[Risk]]]) -> None:
    """The processes and risks in the file's order; the city's risks the file lacks after
    them, and a process the city's risks were given in, left empty, removed."""
    placed = {process.pk for process, _ in order}
    rest = [p for p in plan.processes.prefetch_related("risks") if p.pk not in placed]
    for process in rest:
        if not process.risks.all():
            process.delete()
    rest = [p for p in rest if p.pk is not None]
    in_file = {process.pk: risks for process, risks in order}
    for position, process in enumerate([p for p, _ in order] + rest, start=1):
        risks = in_file.get(process.pk, [])
        mine = {r.pk for r in risks}
        others = [r for r in process.risks.order_by("position", "pk") if r.pk not in mine]
        for risk_position, risk in enumerate(risks + others, start=1):
            if risk.position != risk_position:
                risk.position = risk_position
                risk.save(update_fields=["position"])
        if process.position != position:
            process.position = position
            process.save(update_fields=["position"])


# --- quality guarantees ---------------------------------------------------------------------


def guarantee_plan(unit: OrgUnit, year: PlanningYear) -> Plan | None:
    """The unit's verksamhetsplan of the year, which its guarantees are part of."""
    return Plan.objects.filter(unit=unit, year=year).first()


def _refuse_guarantee_changes(unit: OrgUnit, year: PlanningYear) -> None:
    """A guarantee changes with its plan: only while the plan is a draft."""
    plan = guarantee_plan(unit, year)
    if plan is None:
        raise ValidationError(
            gettext(
                "%(unit)s har ingen verksamhetsplan för %(year)s. Kvalitetsgarantierna är en "
                "del av planen: skapa planen först."
            )
            % {"unit": unit.name, "year": year.year}
        )
    plan.refuse_changes()


def _decided_periods(guarantee: QualityGuarantee) -> list[str]:
    """The periods whose outcome of the guarantee was handed in with the unit's report."""
    codes = list(guarantee.outcomes.values_list("period__code", flat=True))
    decided = decided_reports(codes, [guarantee.unit_id]) if codes else {}
    return sorted(code for (_unit, code) in decided)


def _guarantee_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {
        name: clean_text(value) if isinstance(value, str) else value
        for name, value in fields.items()
    }


@transaction.atomic
def guarantee_create(
    *,
    unit: OrgUnit,
    year: PlanningYear,
    promise: str,
    term: str,
    target_percent: int = 100,
    remedy: str = "",
) -> QualityGuarantee:
    """A new quality guarantee, last in the unit's plan of the year (a draft)."""
    _refuse_guarantee_changes(unit, year)
    guarantee = QualityGuarantee(
        unit=unit,
        year=year,
        position=ordering.next_position(QualityGuarantee.objects.of_plan(unit.pk, year.pk)),
    )
    _set(
        guarantee,
        GUARANTEE_FIELDS,
        _guarantee_fields(
            {"promise": promise, "term": term, "target_percent": target_percent, "remedy": remedy}
        ),
    )
    _save(guarantee)
    return guarantee


@transaction.atomic
def guarantee_update(*, guarantee: QualityGuarantee, **fields: Any) -> QualityGuarantee:
    """Change a guarantee's words or target while its plan is a draft.

    The target is what a period's outcome is judged by: once an outcome was handed in with a
    report, the target stays, so that the report's guarantee keeps the status it was given.
    """
    _refuse_guarantee_changes(guarantee.unit, guarantee.year)
    target = fields.get("target_percent", guarantee.target_percent)
    if target != guarantee.target_percent:
        decided = _decided_periods(guarantee)
        if decided:
            raise ValidationError(
                {
                    "target_percent": gettext(
                        "Målvärdet kan inte ändras: utfallet för %(periods)s är inlämnat med "
                        "enhetens rapport."
                    )
                    % {"periods": ", ".join(decided)}
                }
            )
    _set(guarantee, GUARANTEE_FIELDS, _guarantee_fields(fields))
    _save(guarantee)
    return guarantee


@transaction.atomic
def guarantee_delete(*, guarantee: QualityGuarantee) -> None:
    """Remove a guarantee with its outcomes; never one whose outcome a report handed in."""
    _refuse_guarantee_changes(guarantee.unit, guarantee.year)
    decided = _decided_periods(guarantee)
    if decided:
        raise ValidationError(
            gettext(
                "Kvalitetsgarantin kan inte tas bort: utfallet för %(periods)s är inlämnat med "
                "enhetens rapport."
            )
            % {"periods": ", ".join(decided)}
        )
    guarantee.delete()


@transaction.atomic
def guarantee_move(*, guarantee: QualityGuarantee, offset: int) -> None:
    _refuse_guarantee_changes(guarantee.unit, guarantee.year)
    siblings = QualityGuarantee.objects.of_plan(guarantee.unit_id, guarantee.year_id)
    ordering.move(guarantee, siblings, offset)


@transaction.atomic
def guarantee_outcome_record(
    *,
    guarantee: QualityGuarantee,
    period: ReportingPeriod,
    cases: int,
    kept: int,
    comment: str = "",
    by: User | None = None,
) -> GuaranteeOutcome:
    """Store how the guarantee was kept in a period (again: the last word holds), until the
    unit's report for the period is handed in."""
    if period.year_id != guarantee.year_id:
        raise ValidationError(gettext("Perioden hör inte till kvalitetsgarantins år."))
    status = decided_reports([period.code], [guarantee.unit_id]).get(
        (guarantee.unit_id, period.code)
    )
    refusal = outcome_refusal(status, period.period)
    if refusal:
        raise ValidationError(refusal, code="locked")
    outcome = GuaranteeOutcome.objects.filter(guarantee=guarantee, period=period).first()
    if outcome is None:
        outcome = GuaranteeOutcome(guarantee=guarantee, period=period, cases=cases, kept=kept)
    outcome.cases, outcome.kept = cases, kept
    outcome.comment, outcome.updated_by = clean_text(comment), by
    _save(outcome)
    return outcome
