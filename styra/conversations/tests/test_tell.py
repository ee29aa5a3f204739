"""The other party is told of each comment: a notice in Styra, mailed once the message is stored."""

import pytest
from django.core import mail
from django.db import transaction

from styra.accounts.models import Membership, Role
from styra.decisions.services import plan_reopen, plan_submit
from styra.notifications.models import Delivery, Kind, Notice, NoticeSetting

from ..services import message_post


def told(outbox=None):
    return sorted(address for m in (outbox or mail.outbox) for address in m.to)


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """message_post, with the mails it leaves for the commit sent."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return message_post(**kwargs)

    return run


def test_the_units_message_goes_to_the_approver_above(plan_a, named, editor_a, post):
    post(subject=plan_a, by=editor_a, text="Kan ni titta på målen?")
    assert told() == ["approver@teststad.se"]
    sent = mail.outbox[0]
    assert sent.subject == "Styra: Nytt meddelande – Verksamhetsplan 2026 – Enhet A"
    assert "Editor A Testsson skrev i dialogen om Verksamhetsplan 2026 – Enhet A" in sent.body
    assert "Kan ni titta på målen?" in sent.body
    assert f"/planer/{plan_a.pk}/dialog/" in sent.body


def test_the_approvers_answer_goes_to_the_units_editors(plan_a, named, approver, post):
    post(subject=plan_a, by=approver, text="Ja, i morgon.")
    assert told() == ["editor_a@teststad.se"]


def test_each_earlier_writer_is_told_too_and_nobody_of_their_own(
    plan_a, named, editor_a, approver, city_admin, post
):
    post(subject=plan_a, by=city_admin, text="Staden har synpunkter.")
    assert told() == ["editor_a@teststad.se"]
    mail.outbox.clear()
    post(subject=plan_a, by=editor_a, text="Tack.")
    assert told() == ["approver@teststad.se", "city_admin@teststad.se"]


def test_nobody_else_is_told(plan_a, report_a, named, editor_a, approver, post):
    post(subject=plan_a, by=editor_a, text="Fråga")
    post(subject=plan_a, by=approver, text="Svar")
    post(subject=report_a, by=editor_a, text="Om rapporten")
    everyone = told()
    for outsider in ("reader", "controller", "editor_b"):
        assert f"{outsider}@teststad.se" not in everyone


def test_an_earlier_writer_who_lost_the_role_is_not_told(plan_a, named, editor_a, approver, post):
    post(subject=plan_a, by=approver, text="Fråga")
    Membership.objects.filter(user=approver).update(role=Role.READER)
    mail.outbox.clear()
    post(subject=plan_a, by=editor_a, text="Svar")
    assert "approver@teststad.se" not in told()


def test_the_comment_is_a_notice_in_the_other_partys_list(plan_a, named, editor_a, post):
    message = post(subject=plan_a, by=editor_a, text="Kan ni titta på målen?")
    notice = Notice.objects.get(kind=Kind.MESSAGE)
    assert notice.recipient.username == "approver" and notice.plan == plan_a
    assert notice.title == "Nytt meddelande – Verksamhetsplan 2026 – Enhet A"
    assert "Kan ni titta på målen?" in notice.text
    assert notice.link == f"/planer/{plan_a.pk}/dialog/"
    assert notice.dedupe_key == f"message:{message.pk}"


def test_without_an_address_the_notice_stays_in_styra(plan_a, named, editor_a, approver, post):
    approver.email = ""
    approver.save()
    post(subject=plan_a, by=editor_a, text="Fråga")
    assert mail.outbox == []
    assert Notice.objects.filter(recipient=approver, kind=Kind.MESSAGE).exists()


def test_nobody_without_an_active_account_is_told(
    plan_a, named, editor_a, approver, city_admin, post
):
    # The administrator would stand in for a unit left without an active editor.
    for person in (editor_a, city_admin):
        person.is_active = False
        person.save()
    post(subject=plan_a, by=approver, text="Svar")
    assert mail.outbox == [] and not Notice.objects.exists()


def test_a_person_who_turned_dialog_notices_off_is_not_told(
    plan_a, named, editor_a, approver, post
):
    NoticeSetting.objects.create(user=approver, kind=Kind.MESSAGE, delivery=Delivery.OFF)
    post(subject=plan_a, by=editor_a, text="Fråga")
    assert mail.outbox == [] and not Notice.objects.exists()


def test_a_message_rolled_back_tells_nobody(
    plan_a, named, editor_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        message_post(subject=plan_a, by=editor_a, text="Ångras")
        transaction.set_rollback(True)
    assert mail.outbox == [] and not Notice.objects.exists()


def test_a_decisions_message_says_which_side_wrote_it(
    plan_a, named, editor_a, approver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan_submit(plan=plan_a, by=editor_a, message="Inlämnad med en fråga.")
    # One e-mail for the decision, carrying its message (notifications.decision_notify).
    assert told() == ["approver@teststad.se"]
    assert "Meddelande: Inlämnad med en fråga." in mail.outbox[0].body
    mail.outbox.clear()
    # Reopened by a command without a user: still the deciding side, so the unit is told once.
    with django_capture_on_commit_callbacks(execute=True):
        plan_reopen(plan=plan_a, by=None, reason="Rätta budgeten.")
    assert told() == ["editor_a@teststad.se"]
    assert "Rätta budgeten." in mail.outbox[0].body


def test_a_server_that_refuses_does_not_fail_the_message(plan_a, named, editor_a, settings, post):
    settings.EMAIL_BACKEND = "styra.conversations.tests.test_tell.Refusing"
    message = post(subject=plan_a, by=editor_a, text="Ändå sparat")
    assert message.pk is not None
    # Left unsent, for `styra remind` to try again.
    assert Notice.objects.get(kind=Kind.MESSAGE).emailed_at is None


class Refusing:
    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        raise ConnectionRefusedError

    def close(self):
        pass
