"""Request ids for the audit trail, and refused requests for the security log."""

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from .models import SecurityKind
from .security import security_event
from .trail import current_request

HEADER = "X-Request-ID"
POLICY_MODULE = "styra.accounts.permissions"
POLICY_REFUSAL = "require"


def _raised_by_policy(exc: BaseException) -> bool:
    """A 404 the access policy raised because the user may not see the object.

    `accounts.permissions.require` is where the policy turns "may not see"
    into 404; the same module's "no such object" 404s are not refusals.
    """
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return False
    frame = tb.tb_frame
    return (
        frame.f_globals.get("__name__") == POLICY_MODULE and frame.f_code.co_name == POLICY_REFUSAL
    )


class AuditMiddleware:
    """Give each request an id (also sent back as X-Request-ID) and log refusals.

    The id is generated here, never taken from the client, so that entries
    with the same id really come from the same request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = uuid.uuid4().hex
        token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response[HEADER] = request.request_id
        refused = getattr(request, "_styra_refused", False)
        if response.status_code == 403 or (response.status_code == 404 and refused):
            security_event(SecurityKind.REFUSED, request, status=response.status_code)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied) or (
            isinstance(exception, Http404) and _raised_by_policy(exception)
        ):
            request._styra_refused = True
