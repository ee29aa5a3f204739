"""A plan's history: every change to the plan and its parts, for everyone who may see it.

The page is the plan's (its access, title and way back); the audit trail draws the
entries (styra.audit.pages).
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from styra.accounts.permissions import Action, can
from styra.audit import pages
from styra.audit.models import AuditEntry

from ..access import get_plan_for_user


@login_required
@require_GET
def plan_history(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Every change to the plan and its parts: header, sections, goals, targets, budget."""
    plan = get_plan_for_user(request.user, plan_id)
    title = _("Historik – Verksamhetsplan %(year)s – %(unit)s") % {
        "year": plan.year.year,
        "unit": plan.unit_name,
    }
    return pages.history(
        request,
        AuditEntry.objects.filter(plan_id=plan.pk),
        title=title,
        back_url=reverse("plans:detail", args=[plan.pk]),
        nav="home",
        administrator=can(request.user, Action.ADMINISTER, plan.unit),
    )
