"""KF's and the committees' activities under their goals, edited by goals.views.editing."""

from django.utils.translation import gettext_lazy

from styra.goals import services

from ..access import get_activity_for_user
from ..forms import ActivityForm
from .editing import RowEntity

ACTIVITY = RowEntity(
    name="activity",
    load=get_activity_for_user,
    form=ActivityForm,
    initial=lambda activity: {"name": activity.name, "start": activity.start, "end": activity.end},
    update=lambda activity, data, initial: services.activity_update(activity=activity, **data),
    create=lambda goal, data: services.activity_create(goal=goal, owner=goal.owner, **data),
    question=services.activity_delete_question,
    delete=lambda activity: services.activity_delete(activity=activity, confirmed=True),
    move=lambda activity, offset: services.activity_move(activity=activity, offset=offset),
    new_title=gettext_lazy("Ny aktivitet"),
    edit_title=gettext_lazy("Ändra aktivitet"),
    added=gettext_lazy("Aktiviteten är tillagd."),
    saved=gettext_lazy("Aktiviteten är sparad."),
    deleted=gettext_lazy("Aktiviteten är borttagen."),
    moved={
        "upp": gettext_lazy("Aktiviteten är flyttad upp."),
        "ned": gettext_lazy("Aktiviteten är flyttad ned."),
    },
)
