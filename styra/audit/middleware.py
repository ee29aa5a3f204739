"""Request ids for the audit trail, and refused requests for the security log."""

import re
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from .models import SecurityKind
from .security import security_event
from .trail import current_request

HEADER = "X-Request-ID"
POLICY_MODULE = "styra.accounts.permissions"
POLICY_REFUSAL = "require"
# What a proxy's id may look like: it is stored (32 characters) and written to log lines.
PROXY_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,32}")


def request_id(request: HttpRequest) -> str:
    """The id the trusted reverse proxy gave the request, else a new one.

    The proxy's id ties Styra's entries to the proxy's own logs. It is only read with
    STYRA_TRUST_REQUEST_ID behind STYRA_TRUSTED_PROXY_COUNT proxies, which must then set
    (overwrite) the header on every request; anything else a client could have written.
    A UUID is kept as its 32 hex digits.
    """
    if settings.STYRA_TRUST_REQUEST_ID and settings.STYRA_TRUSTED_PROXY_COUNT > 0:
        given = request.headers.get(HEADER, "").strip()
        try:
            return uuid.UUID(given).hex
        except ValueError:
            if PROXY_REQUEST_ID.fullmatch(given):
                return given
    return uuid.uuid4().hex


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

    The id is generated here or taken from the trusted proxy (request_id), never from
    the client, so that entries with the same id really come from the same request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The id travels on the request (read with getattr elsewhere): HttpRequest has no slot.
        request.request_id = request_id(request)  # type: ignore[attr-defined]
        token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response[HEADER] = request.request_id  # type: ignore[attr-defined]
        refused = getattr(request, "_styra_refused", False)
        if response.status_code == 403 or (response.status_code == 404 and refused):
            security_event(SecurityKind.REFUSED, request, status=response.status_code)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied) or (
            isinstance(exception, Http404) and _raised_by_policy(exception)
        ):
            request._styra_refused = True  # type: ignore[attr-defined]
