"""Who may load which indicator: the policy applied to its owner and the nodes with targets."""

from django.http import Http404

from styra.accounts.permissions import Action, AnyUser, visible_unit_ids
from styra.goals.access import chain_access, require_edit, require_year

from .models import Indicator, Target


def get_indicator_for_user(
    user: AnyUser, indicator_id: int, action: Action = Action.VIEW
) -> Indicator:
    """The indicator if the user may see it (404 if not) and, for any `action` but viewing,
    change it as part of the chain (403 if not; see goals.access).

    A unit that has a target for a city's or committee's indicator works with it, so its
    people may follow it even without seeing the owner. A draft year's indicator is seen
    only by those who prepare the year (goals.access).
    """
    indicator = (
        Indicator.objects.select_related("goal__year", "owner").filter(pk=indicator_id).first()
    )
    if indicator is None:
        raise Http404
    require_year(chain_access(user), indicator.goal.year)
    if action != Action.VIEW:
        require_edit(chain_access(user), indicator.owner_id)
        return indicator
    visible = visible_unit_ids(user)
    if (
        indicator.owner_id not in visible
        and not Target.objects.filter(indicator=indicator, org_unit_id__in=visible).exists()
    ):
        raise Http404
    return indicator
