"""Who sees and who changes the year's dates.

Everyone signed in sees a year's calendar (a draft year only those who prepare it,
as goals.access says), narrowed to the dates that concern them (cycle.calendar). The
city's dates are changed by its administrators, a committee's also by the committee's
administrators; anyone else asking to change them gets 403 (the dates are not secret),
and a date they may not even see (another committee's) is 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from styra.accounts.permissions import AnyUser
from styra.goals.access import chain_access, require_year
from styra.goals.models import PlanningYear
from styra.organisation.models import OrgUnit

from .models import YearDate
from .services import date_editable_nodes


def get_year_for_user(user: AnyUser, year: int) -> PlanningYear:
    planning_year = get_object_or_404(PlanningYear, year=year)
    require_year(chain_access(user), planning_year)
    return planning_year


def require_date_editor(user: AnyUser) -> tuple[bool, list[OrgUnit]]:
    """Whether the user edits the city's dates and which committees'; 403 if none."""
    whole_city, committees = date_editable_nodes(user)
    if not whole_city and not committees:
        raise PermissionDenied
    return whole_city, committees


def get_year_date_for_user(user: AnyUser, date_id: int) -> YearDate:
    """A date to change: 404 if the user may not see it, 403 if they may not change it."""
    obj = get_object_or_404(YearDate.objects.select_related("year", "org_unit"), pk=date_id)
    access = chain_access(user)
    require_year(access, obj.year)
    if obj.org_unit_id is not None and not access.sees(obj.org_unit_id):
        raise Http404
    whole_city, committees = require_date_editor(user)
    if not whole_city and obj.org_unit_id not in {c.pk for c in committees}:
        raise PermissionDenied
    return obj
