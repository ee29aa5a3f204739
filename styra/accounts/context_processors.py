"""What the navigation may offer the signed-in user."""

from django.http import HttpRequest

from .permissions import Action, holds_any


def navigation(request: HttpRequest) -> dict[str, bool]:
    # Reuses the memberships the view has already loaded, so it adds no query to most pages.
    user = getattr(request, "user", None)
    return {
        "nav_can_import": bool(user and holds_any(user, Action.EDIT)),
        "nav_can_administer": bool(user and holds_any(user, Action.ADMINISTER)),
    }
