"""Swedish error pages that show no internals, for every status Django raises itself."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import get_template

MESSAGES = {
    400: ("Felaktig begäran", "Begäran kunde inte behandlas. Ladda om sidan och försök igen."),
    403: ("Du har inte behörighet", "Du har inte behörighet att göra det här."),
    404: ("Sidan finns inte", "Sidan finns inte, eller så har du inte behörighet att se den."),
    500: ("Något gick fel", "Ett tekniskt fel uppstod. Felet är loggat; försök igen om en stund."),
}


def _page(request: HttpRequest, status: int) -> HttpResponse:
    title, text = MESSAGES[status]
    return render(
        request, "error.html", {"title": title, "text": text, "status": status}, status=status
    )


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(request, 400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(request, 403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors or database: the error may have come from either.
    title, text = MESSAGES[500]
    html = get_template("error_500.html").render({"title": title, "text": text})
    return HttpResponse(html, status=500)
