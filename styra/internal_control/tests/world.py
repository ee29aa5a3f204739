"""What the page tests build: a control plan with risks and controls, adopted or not, and
the requests they send (htmx or not)."""

from django.urls import reverse

from styra.followup.models import Report, ReportStatus
from styra.internal_control import services
from styra.internal_control.models import ControlPlan
from styra.plans.models import PlanStatus

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, *args):
    return reverse(f"internal_control:{name}", args=args)


def add_risk(process, title, p=None, c=None, *, selected=False, reason="", goal=None):
    risk = services.risk_create(
        process=process, title=title, probability=p, consequence=c, goal=goal
    )
    if selected or reason:
        services.risk_update(risk=risk, selected=selected, omission_reason=reason)
    return risk


def add_control(risk, what="Stickprov på tio fakturor", **fields):
    fields.setdefault("report_t1", True)
    return services.control_create(risk=risk, what=what, **fields)


def set_status(plan, status):
    ControlPlan.objects.filter(pk=plan.pk).update(status=status)
    plan.refresh_from_db()


def adopt(plan):
    set_status(plan, PlanStatus.ADOPTED)


def hand_in_report(node, period):
    return Report.objects.create(
        org_unit=node, period=period, unit_name=node.name, status=ReportStatus.SUBMITTED
    )


def grow(process, n, start=0):
    """n more selected risks, each with a control reported in T1."""
    for i in range(start, start + n):
        risk = add_risk(process, f"Risk {i}", 1 + i % 4, 1 + (i // 4) % 4, selected=True)
        add_control(risk, what=f"Kontroll {i}")


def report_deviation(control, period, by, findings="Fel", **measure):
    """The control reported with a deviation in the period, and one measure against it."""
    result = services.result_report(
        control=control, period=period, done=True, result="deviation", findings=findings, by=by
    )
    return result, services.measure_create(result=result, name="Åtgärd", **measure)
