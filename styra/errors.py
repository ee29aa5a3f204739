"""Error pages that show no internals, for every status Django raises itself, in the user's
language (LocaleMiddleware has chosen it before any view runs)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.utils import translation
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    400: (
        _("Felaktig begäran"),
        _("Begäran kunde inte behandlas. Ladda om sidan och försök igen."),
    ),
    403: (_("Du har inte behörighet"), _("Du har inte behörighet att göra det här.")),
    404: (
        _("Sidan finns inte"),
        _("Sidan finns inte, eller så har du inte behörighet att se den."),
    ),
    # A refused CSRF token: mostly a form left open past the session's time-out.
    "csrf": (
        _("Formuläret kunde inte tas emot"),
        _(
            "Formuläret har gått ut eller kom inte från Styra, så inget sparades. "
            "Ladda om sidan och försök igen."
        ),
    ),
    500: (
        _("Något gick fel"),
        _("Ett tekniskt fel uppstod. Felet är loggat; försök igen om en stund."),
    ),
}
# The 500 page falls back to these when translating fails: it must render whatever broke.
SERVER_ERROR_SV = {
    "lang": "sv",
    "title": "Något gick fel",
    "text": "Ett tekniskt fel uppstod. Felet är loggat; försök igen om en stund.",
    "home": "Till startsidan",
}


def _page(request: HttpRequest, status: int, kind: int | str | None = None) -> HttpResponse:
    title, text = MESSAGES[kind or status]
    return render(
        request, "error.html", {"title": title, "text": text, "status": status}, status=status
    )


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(request, 400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(request, 403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: Styra's own 403 page, not Django's English one with its reason."""
    return _page(request, 403, "csrf")


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(request, 404)


def _server_error_texts() -> dict[str, str]:
    try:
        title, text = MESSAGES[500]
        return {
            "lang": translation.get_language() or "sv",
            "title": str(title),
            "text": str(text),
            "home": str(_("Till startsidan")),
        }
    except Exception:  # a broken catalogue must not hide the error page
        return SERVER_ERROR_SV


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors, database or template tags: the error may have come from any.
    html = get_template("error_500.html").render(_server_error_texts())
    return HttpResponse(html, status=500)
