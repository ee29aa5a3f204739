"""The number of the signed-in person's unread notices, for the header."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import Notice


def unread(request: HttpRequest) -> dict[str, object]:
    # Lazy: one COUNT when the header shows it, none on pages that never ask.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notices": SimpleLazyObject(lambda: Notice.objects.of(user).unread().count())}
