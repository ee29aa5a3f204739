"""notice_send: stored once per person, mailed after the commit, as each person chose."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Delivery, Kind, Notice, NoticeSetting
from ..services import notice_send


def send(recipients, key="k1", **extra):
    return notice_send(
        recipients=recipients,
        kind=extra.pop("kind", Kind.REMINDER),
        title="Rubrik",
        text="Text",
        link="/uppfoljning/",
        dedupe_key=key,
        **extra,
    )


def test_it_stores_the_notice_and_mails_it_once_committed(editor_a, mailed, committed):
    with committed():
        notices = send([editor_a])
        assert mail.outbox == []  # nothing leaves before the commit
    assert [n.recipient for n in notices] == [editor_a]
    assert [m.to for m in mail.outbox] == [["editor_a@teststad.se"]]
    notices[0].refresh_from_db()
    assert notices[0].emailed_at is not None and notices[0].read_at is None


def test_a_rolled_back_transaction_stores_and_mails_nothing(editor_a, mailed, committed):
    with committed(), transaction.atomic():
        send([editor_a])
        transaction.set_rollback(True)
    assert not Notice.objects.exists() and mail.outbox == []


def test_the_same_key_is_never_stored_or_mailed_twice(editor_a, editor_b, mailed, committed):
    with committed():
        send([editor_a])
        again = send([editor_a, editor_b])
    assert [n.recipient for n in again] == [editor_b]
    assert Notice.objects.filter(recipient=editor_a).count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["editor_a@teststad.se", "editor_b@teststad.se"]


def test_it_skips_inactive_people(editor_a, mailed, committed):
    editor_a.is_active = False
    editor_a.save()
    with committed():
        assert send([editor_a]) == []
    assert mail.outbox == []


def test_people_without_an_address_get_the_notice_unmailed(editor_a, committed):
    editor_a.email = "inte en adress"
    editor_a.save()
    with committed():
        (notice,) = send([editor_a])
    assert notice.email_to == "" and mail.outbox == []


def test_it_respects_each_persons_choice(editor_a, editor_b, approver, mailed, committed):
    NoticeSetting.objects.create(user=editor_a, kind=Kind.REMINDER, delivery=Delivery.OFF)
    NoticeSetting.objects.create(user=editor_b, kind=Kind.REMINDER, delivery=Delivery.IN_APP)
    NoticeSetting.objects.create(user=approver, kind=Kind.SUBMITTED, delivery=Delivery.OFF)
    with committed():
        notices = send([editor_a, editor_b, approver])
    assert {n.recipient.username: n.email_to for n in notices} == {
        "editor_b": "",
        "approver": "approver@teststad.se",
    }
    assert [m.to for m in mail.outbox] == [["approver@teststad.se"]]


def test_an_unknown_kind_is_refused(editor_a):
    with pytest.raises(ValidationError):
        send([editor_a], kind="gossip")
    assert not Notice.objects.exists()


def test_a_failing_mail_server_keeps_the_notice_and_logs(
    editor_a, mailed, committed, settings, caplog
):
    settings.EMAIL_BACKEND = "styra.notifications.tests.backends.Refusing"
    with committed():
        (notice,) = send([editor_a])
    notice.refresh_from_db()
    assert notice.emailed_at is None
    assert "kunde inte skickas" in caplog.text


def test_it_asks_a_bounded_number_of_queries(
    editor_a, editor_b, approver, mailed, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        send([editor_a, editor_b, approver])


def test_a_notice_stored_meanwhile_by_another_run_is_left_out(editor_a, editor_b):
    """Two runs of `styra remind` at once: the second one's insert meets the first's row."""
    from ..services import _store

    send([editor_a], key="race")

    def twin(user):
        return Notice(recipient=user, kind=Kind.REMINDER, title="R", text="T", dedupe_key="race")

    stored = _store([twin(editor_a), twin(editor_b)])
    assert [n.recipient for n in stored] == [editor_b]
    assert Notice.objects.filter(dedupe_key="race").count() == 2
