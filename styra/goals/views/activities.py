"""KF's and the committees' activities under their goals."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from styra.accounts.permissions import Action
from styra.goals import services
from styra.lib.htmx_forms import MOVES, ask_first

from ..access import chain_access, get_activity_for_user, get_goal_for_user
from ..forms import ActivityForm
from .editing import form_data, goal_form_view, row_action


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, pk, Action.EDIT)
    access = chain_access(request.user)
    form = ActivityForm(form_data(request), auto_id=f"new-activity-{pk}-%s")

    def save(data: dict) -> tuple[int, str]:
        services.activity_create(goal=goal, owner=goal.owner, **data)
        return goal.pk, _("Aktiviteten är tillagd.")

    return goal_form_view(
        request,
        goal,
        form=form,
        title=_("Ny aktivitet"),
        context_line=_("För målet: %(goal)s") % {"goal": goal},
        on_valid=save,
        access=access,
        submit_label=_("Lägg till"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request.user, pk, Action.EDIT)
    access = chain_access(request.user)
    goal = activity.goal
    initial = {"name": activity.name, "start": activity.start, "end": activity.end}
    form = ActivityForm(form_data(request), initial=initial, auto_id=f"activity-{pk}-%s")

    def save(data: dict) -> tuple[int, str]:
        services.activity_update(activity=activity, **data)
        return goal.pk, _("Aktiviteten är sparad.")

    return goal_form_view(
        request,
        goal,
        form=form,
        title=_("Ändra aktivitet"),
        on_valid=save,
        access=access,
    )


@login_required
@require_POST
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request.user, pk, Action.EDIT)
    access = chain_access(request.user)
    return row_action(
        request,
        activity,
        access=access,
        run=lambda: ask_first(
            request,
            lambda: services.activity_delete_question(activity),
            lambda: services.activity_delete(activity=activity, confirmed=True),
        ),
        message=_("Aktiviteten är borttagen."),
    )


@login_required
@require_POST
def activity_move(request: HttpRequest, pk: int, way: str) -> HttpResponse:
    activity = get_activity_for_user(request.user, pk, Action.EDIT)
    access = chain_access(request.user)
    return row_action(
        request,
        activity,
        access=access,
        run=lambda: services.activity_move(activity=activity, offset=MOVES[way]),
        message=_("Aktiviteten är flyttad upp.")
        if way == "upp"
        else _("Aktiviteten är flyttad ned."),
        way=way,
    )
