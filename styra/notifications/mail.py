"""Notices as e-mail: Swedish plain text with an HTML alternative, through Django's backends.

Which backend is the environment's (STYRA_EMAIL_URL in settings: the console in the demo
and in development, SMTP in production; the tests use locmem). A mail is sent after the
transaction that stored its notice has committed, so a decision rolled back sends
nothing; `emailed_at` records that it went. A mail the server refused is logged and left
unsent, and `styra remind` tries it again (`unsent`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from styra.accounts.people import person_name

from .models import Notice, NoticeQuerySet

logger = logging.getLogger("styra.notifications")

# A mail that failed is tried again by `styra remind` for a day; one younger than a few
# minutes may still be on its way from the request that stored it.
RETRY_FOR = timedelta(days=1)
RETRY_AFTER = timedelta(minutes=10)


def absolute(path: str) -> str:
    return settings.STYRA_SITE_URL.rstrip("/") + path if path else ""


def message(notice: Notice) -> EmailMultiAlternatives:
    """The notice as a mail to its recipient: subject, plain text and HTML."""
    # The mail is Swedish whatever language the recipient uses Styra in, as its notice is.
    with override("sv"):
        context = {
            "notice": notice,
            "name": person_name(notice.recipient),
            "link": absolute(notice.link),
            "settings_link": absolute(reverse("notifications:settings")),
        }
        text = render_to_string("notifications/email.txt", context)
        html = render_to_string("notifications/email.html", context)
    # One line, whatever a unit's name holds: a line break in a subject is refused.
    subject = " ".join(f"Styra: {notice.title}".split())
    mail = EmailMultiAlternatives(subject=subject, body=text, to=[notice.email_to])
    mail.attach_alternative(html, "text/html")
    return mail


def send(notice_ids: Iterable[int]) -> int:
    """Mail the notices not mailed yet; returns how many went. Failures are logged."""
    notices = list(
        Notice.objects.filter(pk__in=list(notice_ids), emailed_at__isnull=True)
        .exclude(email_to="")
        .select_related("recipient")
        .order_by("pk")
    )
    if not notices:
        return 0
    try:
        connection = get_connection()
        connection.open()
    except Exception:  # noqa: BLE001 - an unreachable server must not fail the decision
        logger.exception("E-post kunde inte skickas: ingen anslutning (%d st.)", len(notices))
        return 0
    try:
        return sum(_send_one(connection, notice) for notice in notices)
    finally:
        connection.close()


def _send_one(connection: BaseEmailBackend, notice: Notice) -> bool:
    try:
        connection.send_messages([message(notice)])
    except Exception:  # noqa: BLE001 - one refused address must not stop the others
        logger.exception("E-post till %s kunde inte skickas (%d)", notice.email_to, notice.pk)
        return False
    Notice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())
    logger.info("E-post skickad till %s: %s", notice.email_to, notice.title)
    return True


def unsent() -> NoticeQuerySet:
    """Notices whose mail failed lately, old enough not to be on their way still."""
    now = timezone.now()
    return Notice.objects.filter(
        emailed_at__isnull=True,
        created_at__gte=now - RETRY_FOR,
        created_at__lte=now - RETRY_AFTER,
    ).exclude(email_to="")
