"""Request types for views' annotations: what middleware and decorators add to HttpRequest."""

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request through django-htmx's middleware, which sets `request.htmx`."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HttpRequest):
    """A request in a @login_required view: `request.user` is a signed-in User."""

    user: User


class AuthenticatedHtmxHttpRequest(AuthenticatedHttpRequest, HtmxHttpRequest):
    """A request in a @login_required view through django-htmx's middleware."""
