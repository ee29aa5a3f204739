"""Session lifetimes: when a signed-in session started, when it was last used, and when it ends.

Every sign-in (password, OpenID Connect, the admin's login, a test's force_login) goes
through django.contrib.auth.login(), which sends `user_logged_in`; stamping the session
there means the middleware never has to write the session on an ordinary request.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest

SIGNED_IN_AT = "styra_signed_in_at"
SEEN_AT = "styra_seen_at"
# The last-seen stamp is refreshed at most this often, so most requests do not save the session.
SEEN_RESOLUTION_SECONDS = 60


def stamp_sign_in(
    sender: object, request: HttpRequest | None, user: object, **kwargs: object
) -> None:
    """Receiver of `user_logged_in`, connected in AccountsConfig.ready()."""
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now


def expiry_reason(session: SessionBase, now: float) -> str | None:
    """Why a signed-in session has ended ("idle", "absolute"), or None while it is still valid.

    A signed-in session without stamps was not made by login(), so it is ended too.
    """
    if SESSION_KEY not in session:
        return None
    signed_in_at, seen_at = session.get(SIGNED_IN_AT), session.get(SEEN_AT)
    if signed_in_at is None or seen_at is None:
        return "absolute"
    if now - signed_in_at > settings.STYRA_SESSION_MAX_HOURS * 3600:
        return "absolute"
    if now - seen_at > settings.STYRA_SESSION_IDLE_MINUTES * 60:
        return "idle"
    return None


def mark_seen(session: SessionBase, now: float) -> None:
    if now - session.get(SEEN_AT, 0) >= SEEN_RESOLUTION_SECONDS:
        session[SEEN_AT] = now
