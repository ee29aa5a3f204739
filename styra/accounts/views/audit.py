"""The audit trail's search and CSV export, for administrators of the whole city.

The policy decides who opens them (here); the trail draws them (styra.audit.pages).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from styra.audit import pages
from styra.organisation.models import OrgUnit

from ..permissions import Action, AnyUser, require


def _require_administrator(user: AnyUser) -> None:
    """Administrators of the whole city only: the trail spans every unit."""
    roots = list(OrgUnit.objects.filter(parent=None))
    if not roots and not (user.is_active and user.is_superuser):
        raise PermissionDenied
    for root in roots:
        require(user, Action.ADMINISTER, root)


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    _require_administrator(request.user)
    return pages.search(request)


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The search's every hit as CSV; the export itself goes to the security log."""
    _require_administrator(request.user)
    return pages.export(request)
