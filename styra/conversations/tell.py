"""Telling the other party of a new comment: a notice (notifications), in Styra and by e-mail.

Who is told: the other side of the dialog, and everyone who has written in the thread
before and is still a party. The unit's side (its editors) writes to whoever decides on
it, so the nearest approvers above the unit are told (the administrators who may decide
where no approver is above it); the deciding side writes to the unit, so its nearest
editors are told. A message that comes with a decision says which side wrote it (a note
handed in with a plan is the unit's; a reason it was returned with is the approver's); a
plain comment is the deciding side's when its author may decide on the unit. Nobody is
told of their own message, nor anyone without an active account.

The notice is `notifications.services.notice_send`'s, like a decision's: it shows in the
person's Aviseringar, is mailed after the commit (so a message rolled back tells nobody)
unless the person chose "only in Styra" or "off" for dialog messages or has no address,
and a server that refuses is logged and tried again, never an error for the one who wrote.
The two sides are the notifications room's (`approvers_of`, `editors_of`), the same people
a decision's notice goes to. A decision's own message travels in the decision's notice.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.utils.translation import gettext, override

from styra.accounts.permissions import Action, can
from styra.followup.models import Report
from styra.notifications.models import Kind, Notice
from styra.notifications.recipients import approvers_of, editors_of
from styra.notifications.services import notice_send
from styra.organisation.models import OrgUnit
from styra.plans.models import Plan

from .access import is_party
from .models import Message, MessageKind
from .subjects import Subject, about

FROM_THE_UNIT = {MessageKind.SUBMITTED}
FROM_THE_DECIDER = {MessageKind.RETURNED, MessageKind.ADOPTED, MessageKind.APPROVED}


def from_the_decider(message: Message, unit: OrgUnit) -> bool:
    if message.kind in FROM_THE_DECIDER:
        return True
    if message.kind in FROM_THE_UNIT or message.author is None:
        return False
    return can(message.author, Action.APPROVE, unit)


def recipients(message: Message, unit: OrgUnit) -> list[User]:
    """Who is told of the message: the other side, and the thread's earlier writers."""
    told = editors_of(unit).users if from_the_decider(message, unit) else approvers_of(unit)
    writers = Message.objects.filter(thread_id=message.thread_id, author__isnull=False)
    earlier = User.objects.filter(
        pk__in=writers.exclude(author_id=message.author_id).values("author_id"), is_active=True
    )
    # An earlier writer who has lost the role since is no party any more: not told.
    told += [user for user in earlier if is_party(user, unit)]
    people = {user.pk: user for user in told}
    people.pop(message.author_id or 0, None)
    return sorted(people.values(), key=lambda user: user.pk)


def tell_the_other_party(message: Message, subject: Subject) -> list[Notice]:
    """Store the notice of a comment for those it concerns; mailed once the transaction commits."""
    # The notice is Swedish whatever language the writer uses Styra in, as every notice is.
    with override("sv"):
        where = about(subject)
        title = gettext("Nytt meddelande – %(title)s") % {"title": where.title}
        text = render_to_string(
            "conversations/notice.txt", {"message": message, "title": where.title}
        ).strip()
    return notice_send(
        recipients=recipients(message, where.unit),
        kind=Kind.MESSAGE,
        title=title,
        text=text,
        link=where.dialog_url,
        unit=where.unit,
        plan=subject if isinstance(subject, Plan) else None,
        report=subject if isinstance(subject, Report) else None,
        key=where.key,
        dedupe_key=f"message:{message.pk}",
    )
