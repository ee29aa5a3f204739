"""Writing in a dialog: `message_post`, the one door, for a comment and for a decision's note.

The decisions (decisions.services) call it too, in their own transaction: a plan handed
in with a note, a plan or report reopened with its reason (always: the reason is the
message), adopted or approved with a word. A refused message then refuses the decision
with it, and nothing is stored.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from styra.accounts.people import person_name
from styra.lib.narrative import clean_text
from styra.lib.numbers import format_number

from . import tell
from .access import is_party
from .models import Message, MessageKind, SubjectKind, Thread
from .subjects import Subject, about

# Long enough for a reasoned reply, short enough to stay a message rather than a document.
MAX_LENGTH = 4000

# The decisions a message may come with, per kind of subject.
DECISION_KINDS: dict[str, set[str]] = {
    SubjectKind.PLAN: {MessageKind.SUBMITTED, MessageKind.RETURNED, MessageKind.ADOPTED},
    SubjectKind.REPORT: {MessageKind.SUBMITTED, MessageKind.RETURNED, MessageKind.APPROVED},
}


def message_text(text: str) -> str:
    """The text as it is stored (markup and control characters gone), or a refusal."""
    text = clean_text(text)
    # A message says something: a dot or an invisible character is none.
    if not any(ch.isalnum() for ch in text):
        raise ValidationError({"text": gettext("Skriv ett meddelande.")}, code="required")
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            {
                "text": gettext(
                    "Meddelandet får vara högst %(limit)s tecken långt. Det är nu "
                    "%(length)s tecken; korta det och skicka igen."
                )
                % {"limit": format_number(MAX_LENGTH), "length": format_number(len(text))}
            },
            code="max_length",
        )
    return text


@transaction.atomic
def message_post(
    *, subject: Subject, by: User | None, text: str, kind: str = MessageKind.COMMENT
) -> Message:
    """Write a message in the plan's or report's thread; a comment is a notice to the other party.

    `by` must be a party to the dialog (conversations.access); None is Styra itself (a
    command run without a user). The notice is mailed once the transaction commits.
    """
    where = about(subject)
    if kind != MessageKind.COMMENT and kind not in DECISION_KINDS[where.kind]:
        raise ValidationError(gettext("Meddelandet kan inte ha det slaget."), code="kind")
    if by is not None and not is_party(by, where.unit):
        raise PermissionDenied
    cleaned = message_text(text)
    thread, _created = Thread.objects.get_or_create(
        kind=where.kind, org_unit=where.unit, key=where.key
    )
    message = Message(
        thread=thread, kind=kind, author=by, author_name=person_name(by)[:300], text=cleaned
    )
    message.full_clean()
    message.save(force_insert=True)
    # A decision's own message reaches the other party inside the decision's notice
    # (notifications.decision_notify, which decisions sends with it): one e-mail a decision.
    if kind == MessageKind.COMMENT:
        tell.tell_the_other_party(message, subject)
    return message
