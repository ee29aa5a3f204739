"""Writes of notices: sending one, the decisions' notices, reminders, reading, preferences.

`notice_send` is the one door: it stores a notice per recipient (once per dedupe key) and
mails it after the transaction commits. Everything that tells someone something goes
through it, so a person's preferences and an inactive account are respected everywhere.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from styra.followup.models import Report
from styra.internal_control.models import ControlPlan
from styra.organisation.models import OrgUnit
from styra.plans.models import Plan

from . import mail, reminders, texts
from .models import Delivery, Kind, Notice, NoticeSetting
from .recipients import Writers, approvers_of, editors_of, without

logger = logging.getLogger("styra.notifications")


def deliveries(users: Iterable[User], kind: str) -> dict[int, str]:
    """Each user's choice for this kind of notice (by e-mail and in Styra unless they chose)."""
    ids = [user.pk for user in users]
    chosen = dict(
        NoticeSetting.objects.filter(user_id__in=ids, kind=kind).values_list("user_id", "delivery")
    )
    return {pk: chosen.get(pk, Delivery.EMAIL) for pk in ids}


def _address(user: User) -> str:
    """The user's e-mail address, or "" when they have none that could be sent to."""
    try:
        validate_email(user.email)
    except ValidationError:
        return ""
    return user.email


@transaction.atomic
def notice_send(
    *,
    recipients: Iterable[User],
    kind: str,
    title: str,
    text: str,
    dedupe_key: str,
    link: str = "",
    unit: OrgUnit | None = None,
    plan: Plan | None = None,
    report: Report | None = None,
    key: str = "",
) -> list[Notice]:
    """Store the notice for each recipient and mail it once the transaction commits.

    Skipped: inactive accounts, people who turned this kind off, and anyone who already
    has a notice with this dedupe key (the same reminder is never stored or sent twice).
    People who chose "only in Styra", or have no e-mail address, get the notice unmailed.
    Returns the notices stored now.
    """
    if kind not in Kind.values:
        raise ValidationError(gettext("Okänt slag av avisering."))
    people = {user.pk: user for user in recipients if user.is_active}
    if people:
        already = Notice.objects.filter(recipient_id__in=people, dedupe_key=dedupe_key)
        for pk in already.values_list("recipient_id", flat=True):
            del people[pk]
    if not people:
        return []
    choice = deliveries(people.values(), kind)
    fresh = [
        Notice(
            recipient=user,
            kind=kind,
            unit=unit,
            plan=plan,
            report=report,
            key=key,
            title=title[:300],
            text=text,
            link=link,
            email_to=_address(user) if choice[pk] == Delivery.EMAIL else "",
            dedupe_key=dedupe_key[:200],
        )
        for pk, user in people.items()
        if choice[pk] != Delivery.OFF
    ]
    stored = _store(fresh)
    mailed = [notice.pk for notice in stored if notice.email_to]
    if mailed:
        transaction.on_commit(partial(mail.send, mailed))
    return stored


def _store(notices: list[Notice]) -> list[Notice]:
    """Insert the notices; those another run stored meanwhile (cron overlapping itself) are
    left out, one by one, only when that happened."""
    if not notices:
        return []
    try:
        with transaction.atomic():
            return Notice.objects.bulk_create(notices)
    except IntegrityError:
        pass
    stored = []
    for notice in notices:
        notice.pk = None
        try:
            with transaction.atomic():
                notice.save(force_insert=True)
        except IntegrityError:
            continue
        stored.append(notice)
    return stored


def _link(subject: Plan | Report | ControlPlan) -> str:
    if isinstance(subject, Plan):
        return reverse("plans:detail", args=[subject.pk])
    if isinstance(subject, ControlPlan):
        return reverse("internal_control:detail", args=[subject.pk])
    return reverse("followup:report", args=[subject.pk])


def _about(subject: Plan | Report | ControlPlan) -> str:
    if isinstance(subject, Plan):
        return "plan"
    return "control_plan" if isinstance(subject, ControlPlan) else "report"


@transaction.atomic
def decision_notify(
    *,
    subject: Plan | Report | ControlPlan,
    kind: str,
    by: User | None,
    reason: str = "",
    message: str = "",
) -> list[Notice]:
    """Tell those concerned of a decision on a plan, report or internal control plan, within
    the decision's transaction (decisions.services calls it): handed in → the unit's nearest
    approvers; adopted or approved, opened again → the unit's nearest editors, with the
    reason, and with the message the decision came with (written in the dialog, not mailed
    twice). An internal control plan's notice points at its node and year (`key`)."""
    if isinstance(subject, Plan):
        unit, plan, report, key = subject.unit, subject, None, str(subject.year.year)
    elif isinstance(subject, ControlPlan):
        unit, plan, report, key = subject.org_unit, None, None, str(subject.year.year)
    else:
        unit, plan, report, key = subject.org_unit, None, subject, subject.period.code
    if kind == Kind.SUBMITTED:
        told = Writers(approvers_of(unit))  # only writers are stood in for
    elif kind in (Kind.DECIDED, Kind.RETURNED):
        told = editors_of(unit)
    else:
        raise ValidationError(gettext("Okänt slag av beslut."))
    words = texts.decision(kind, subject, by=by, reason=reason, message=message)
    words, recipients = texts.to_writers(words, told, unit.name), told.users
    moment = timezone.now().strftime("%Y%m%dT%H%M%S.%f")
    return notice_send(
        recipients=without(recipients, by),
        kind=kind,
        title=words.title,
        text=words.text,
        link=_link(subject),
        unit=unit,
        plan=plan,
        report=report,
        key=key,
        dedupe_key=f"{kind}:{_about(subject)}:{subject.pk}:{moment}",
    )


@dataclass(frozen=True)
class Reminded:
    """What one reminder of a run did: for whom, and how many were told."""

    due: reminders.Due | reminders.PlanDue
    notices: list[Notice]


def reminders_send(*, today: date | None = None) -> list[Reminded]:
    """Send every reminder due today that has not been sent; safe to run every hour.

    Each unit's reminder is its own transaction, so what was sent stays sent if a later
    one fails; the dedupe keys make a second run send nothing. E-mails that failed lately
    are tried again.
    """
    today = today or timezone.localdate()
    done = []
    for due in reminders.due_reports(today):
        words = texts.reminder(due.period, due.unit.name, today=today)
        words = texts.to_writers(words, due.writers, due.unit.name)
        if due.report is not None:
            link = reverse("followup:report", args=[due.report.pk])
        else:
            link = reverse("followup:home") + f"?ar={due.period.year.year}"
        notices = notice_send(
            recipients=due.writers.users,
            kind=Kind.REMINDER,
            title=words.title,
            text=words.text,
            link=link,
            unit=due.unit,
            report=due.report,
            key=due.period.code,
            dedupe_key=due.dedupe_key,
        )
        done.append(Reminded(due, notices))
        for notice in notices:
            logger.info("Påminnelse %s %s till %s", due.dedupe_key, due.unit.name, notice.recipient)
    for plan_due in reminders.due_plans(today):
        words = texts.plan_reminder(plan_due.plan, plan_due.year_date.date, today=today)
        words = texts.to_writers(words, plan_due.writers, plan_due.unit.name)
        notices = notice_send(
            recipients=plan_due.writers.users,
            kind=Kind.REMINDER,
            title=words.title,
            text=words.text,
            link=reverse("plans:detail", args=[plan_due.plan.pk]),
            unit=plan_due.unit,
            plan=plan_due.plan,
            key=str(plan_due.plan.year.year),
            dedupe_key=plan_due.dedupe_key,
        )
        done.append(Reminded(plan_due, notices))
        for notice in notices:
            logger.info(
                "Påminnelse %s %s till %s",
                plan_due.dedupe_key,
                plan_due.unit.name,
                notice.recipient,
            )
    return done


def mail_retry() -> int:
    """Mail again the notices whose e-mail failed lately; returns how many went now."""
    return mail.send(mail.unsent().values_list("pk", flat=True))


@transaction.atomic
def notice_mark_read(*, notice: Notice) -> Notice:
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


@transaction.atomic
def notices_mark_all_read(*, user: User) -> int:
    """Every unread notice of the person read now; returns how many."""
    return Notice.objects.of(user).unread().update(read_at=timezone.now())


@transaction.atomic
def notice_settings_update(*, user: User, choices: Mapping[str, str]) -> None:
    """The person's choice per kind of notice; the default (e-mail) keeps no row."""
    for kind, delivery in choices.items():
        if kind not in Kind.values or delivery not in Delivery.values:
            raise ValidationError(gettext("Välj ett av alternativen för varje slag av avisering."))
    current = {s.kind: s for s in NoticeSetting.objects.filter(user=user)}
    for kind, delivery in choices.items():
        setting = current.get(kind)
        if delivery == Delivery.EMAIL:
            if setting is not None:
                setting.delete()
        elif setting is None:
            NoticeSetting.objects.create(user=user, kind=kind, delivery=delivery)
        elif setting.delivery != delivery:
            setting.delivery = delivery
            setting.save(update_fields=["delivery"])
