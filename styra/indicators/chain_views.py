"""The goal-chain page's editing of KF's and the committees' indicators (goals:indicator_*),
each with its owner's annual target as written; the page itself is goals.views.chain.

The views are goals.views.editing's, told by indicators.urls that they edit an
indicator; what is an indicator's own is declared here: the annual target, written with it
in one transaction, and the form's label saying whose target it is.
"""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styra.goals.access import ChainAccess
from styra.goals.models import Goal
from styra.goals.views.editing import RowEntity
from styra.organisation.models import OrgUnit

from . import services
from .access import get_indicator_for_user
from .forms import IndicatorForm
from .models import Indicator, Target

FIELDS = ("name", "measure", "direction", "periodicity", "decimals", "aggregation")


def _form_options(owner: OrgUnit, access: ChainAccess) -> dict[str, Any]:
    if access.city is not None and owner.pk == access.city.pk:
        return {"target_label": _("KF:s årsmål")}
    return {"target_label": _("Nämndens årsmål")}


def _initial(indicator: Indicator) -> dict[str, Any]:
    target = Target.objects.filter(indicator=indicator, org_unit=indicator.owner).first()
    initial: dict[str, Any] = {name: getattr(indicator, name) for name in FIELDS}
    # None: the owner has set no target (an empty form leaves it so); an empty one is
    # still there, and saving clears it.
    initial["target"] = target.text if target else None
    return initial


def _create(goal: Goal, data: dict[str, Any]) -> None:
    target = data.pop("target")
    with transaction.atomic():
        indicator = services.indicator_create(goal=goal, owner=goal.owner, **data)
        if target:
            services.target_set(indicator=indicator, org_unit=goal.owner, text=target)


def _update(indicator: Indicator, data: dict[str, Any], initial: dict[str, Any]) -> None:
    text = data.pop("target")
    with transaction.atomic():
        services.indicator_update(indicator=indicator, **data)
        if text or initial["target"] is not None:
            services.target_set(indicator=indicator, org_unit=indicator.owner, text=text)


INDICATOR = RowEntity(
    name="indicator",
    load=get_indicator_for_user,
    form=IndicatorForm,
    form_options=_form_options,
    initial=_initial,
    update=_update,
    create=_create,
    question=services.indicator_delete_question,
    delete=lambda indicator: services.indicator_delete(indicator=indicator, confirmed=True),
    move=lambda indicator, offset: services.indicator_move(indicator=indicator, offset=offset),
    new_title=gettext_lazy("Ny indikator"),
    edit_title=gettext_lazy("Ändra indikator"),
    added=gettext_lazy("Indikatorn är tillagd."),
    saved=gettext_lazy("Indikatorn är sparad."),
    deleted=gettext_lazy("Indikatorn är borttagen."),
    moved={
        "upp": gettext_lazy("Indikatorn är flyttad upp."),
        "ned": gettext_lazy("Indikatorn är flyttad ned."),
    },
)
