"""Writes on user accounts."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone


def user_sessions_end(*, user) -> int:
    """Delete every live session of the user; returns how many there were.

    Django's database sessions are not indexed by user, so each live session is decoded;
    a municipality has at most a few thousand at a time.
    """
    user_id = str(user.pk)
    keys = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_KEY)) == user_id
    ]
    Session.objects.filter(session_key__in=keys).delete()
    return len(keys)


@transaction.atomic
def user_deactivate(*, user) -> None:
    """Close the account and end every session it has, at once.

    Django would also refuse an inactive user on their next request (ModelBackend.get_user
    returns nobody); deleting the sessions makes that true for every backend and leaves
    nothing to reactivate by mistake.
    """
    user.is_active = False
    user.full_clean()
    user.save(update_fields=["is_active"])
    user_sessions_end(user=user)
