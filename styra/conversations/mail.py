"""The e-mail that tells the other party of a new message, through Django's mail API.

Who is told: the other side of the dialog, and everyone who has written in the thread
before and is still a party. The unit's side (its editors) writes to whoever decides on
it, so the nearest approvers above the unit are told (the administrators who may decide
where no approver is above it); the deciding side writes to the unit, so its nearest
editors are told. A message that comes with a decision says which side wrote it (a note
handed in with a plan is the unit's; a reason it was returned with is the approver's); a
plain comment is the deciding side's when its author may decide on the unit. Nobody is
told of their own message, and nobody without an e-mail address or an active account.

The mails go once the transaction that stored the message commits, so a message (or a
decision) rolled back tells nobody; a server that refuses is logged, never an error for
the one who wrote. The two sides are the notifications room's (`approvers_of`,
`editors_of`), the same people a decision's notice goes to.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import override

from styra.accounts.people import person_name
from styra.accounts.permissions import Action, can
from styra.notifications.recipients import approvers_of, editors_of
from styra.organisation.models import OrgUnit

from .access import is_party
from .models import Message, MessageKind
from .subjects import About

logger = logging.getLogger("styra.conversations")

FROM_THE_UNIT = {MessageKind.SUBMITTED}
FROM_THE_DECIDER = {MessageKind.RETURNED, MessageKind.ADOPTED, MessageKind.APPROVED}


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


def from_the_decider(message: Message, unit: OrgUnit) -> bool:
    if message.kind in FROM_THE_DECIDER:
        return True
    if message.kind in FROM_THE_UNIT or message.author is None:
        return False
    return can(message.author, Action.APPROVE, unit)


def recipients(message: Message, unit: OrgUnit) -> list[User]:
    """Who is told of the message: the other side, and the thread's earlier writers."""
    told = editors_of(unit) if from_the_decider(message, unit) else approvers_of(unit)
    writers = Message.objects.filter(thread_id=message.thread_id, author__isnull=False)
    earlier = User.objects.filter(
        pk__in=writers.exclude(author_id=message.author_id).values("author_id"), is_active=True
    )
    # An earlier writer who has lost the role since is no party any more: not told.
    told += [user for user in earlier if is_party(user, unit)]
    people = {user.pk: user for user in told if user.email}
    people.pop(message.author_id or 0, None)
    return sorted(people.values(), key=lambda user: user.pk)


def tell_the_other_party(message: Message, about: About) -> None:
    """Mail the message to those it concerns once the transaction commits."""
    link = getattr(settings, "STYRA_SITE_URL", "").rstrip("/") + about.dialog_url
    # The mail is Swedish whatever language the writer uses Styra in.
    with override("sv"):
        mails = [
            Mail(
                to=user.email,
                subject=" ".join(f"Styra: Nytt meddelande – {about.title}".split()),
                body=render_to_string(
                    "conversations/email.txt",
                    {
                        "name": person_name(user),
                        "message": message,
                        "title": about.title,
                        "link": link,
                    },
                ),
            )
            for user in recipients(message, about.unit)
        ]
    if mails:
        transaction.on_commit(lambda: send(mails))


def send(mails: list[Mail]) -> int:
    """Send each mail on its own (no recipient sees another's address); returns how many went."""
    sent = 0
    try:
        connection = get_connection()
        connection.open()
    except Exception:  # noqa: BLE001 - an unreachable server must not fail the message
        logger.exception("E-post om dialogen kunde inte skickas: ingen anslutning")
        return 0
    try:
        for mail in mails:
            try:
                connection.send_messages([EmailMessage(mail.subject, mail.body, to=[mail.to])])
            except Exception:  # noqa: BLE001 - one refused address must not stop the others
                logger.exception("E-post om dialogen till %s kunde inte skickas", mail.to)
            else:
                sent += 1
                logger.info("E-post om dialogen skickad till %s: %s", mail.to, mail.subject)
    finally:
        connection.close()
    return sent
