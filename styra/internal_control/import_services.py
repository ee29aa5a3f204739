"""Storing a styra-internal-control/1 dict (a JSON file, or a document the importer read)
as a node's draft control plan, through the room's services: all or nothing, with a dry
run for the preview."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from styra.accounts.permissions import AnyUser
from styra.goals.models import PlanningYear
from styra.organisation.models import OrgUnit
from styra.plans.models import PlanStatus
from styra.plans.services import refuse_draft_year

from .access import require_control_plan_importer
from .interchange import control_plan_dict, load
from .interchange.load import ControlPlanImport
from .interchange.parsing import validate_control_plan_dict
from .models import CityRisk, ControlPlan, ControlResult, Process, Risk
from .services import (
    _city_risk_in,
    _save,
    control_create,
    control_plan_create,
    process_create,
    process_update,
    receive_city_risks,
    risk_create,
    risk_update,
)


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
