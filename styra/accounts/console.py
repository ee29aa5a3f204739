"""The person a command acts for (`--user NAME`): found by username, and active."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management.base import CommandError


def command_user(username: str) -> User:
    """The active user named `username`, or a CommandError that says why not (in Swedish:
    commands speak to the operator's console)."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Det finns ingen användare som heter {username!r}.")
    if not user.is_active:
        raise CommandError(f"Användaren {username} är inaktiverad och kan inte göra ändringar.")
    return user
