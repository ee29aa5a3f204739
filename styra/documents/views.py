from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from styra.accounts.permissions import get_plan_for_user
from styra.lib.language import swedish

from .export import FORMATS, plan_file, plan_filename


@login_required
@require_GET
@swedish
def plan_download(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    """The plan as PDF, DOCX or styra-plan/1 JSON, for anyone who may read it."""
    if fmt not in FORMATS:
        raise Http404
    plan = get_plan_for_user(request.user, plan_id)
    response = HttpResponse(plan_file(plan, fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{plan_filename(plan, fmt)}"'
    return response
