"""Who may load which plan: the policy (accounts.permissions) applied to a plan's unit."""

from django.http import Http404

from styra.accounts.permissions import Action, AnyUser, require

from .models import Plan


def get_plan_for_user(user: AnyUser, plan_id: int, action: Action = Action.VIEW) -> Plan:
    """The plan if the user may do `action` on it; 404 if they may not see it, else 403.

    Writes are refused on a submitted or adopted plan (it is locked).
    """
    plan = Plan.objects.with_header().filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    require(user, action, plan.unit, locked=plan.is_locked)
    return plan
