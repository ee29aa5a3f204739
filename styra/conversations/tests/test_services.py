"""message_post: who may write, what a message may hold, and that a refusal changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from styra.audit.models import AuditEntry
from styra.plans.services import plan_create

from ..models import Message, MessageKind, SubjectKind, Thread
from ..services import MAX_LENGTH, message_post


def test_it_writes_the_first_message_in_a_new_thread(plan_a, editor_a):
    message = message_post(subject=plan_a, by=editor_a, text="  Hej!\r\nVi undrar över målen.  ")
    thread = message.thread
    assert (thread.kind, thread.org_unit_id, thread.key) == (
        SubjectKind.PLAN,
        plan_a.unit_id,
        "2026",
    )
    assert message.text == "Hej!\nVi undrar över målen."
    assert message.kind == MessageKind.COMMENT
    assert message.author == editor_a and message.author_name == "editor_a"


def test_it_keeps_one_thread_per_plan_and_per_report(plan_a, report_a, editor_a, approver):
    message_post(subject=plan_a, by=editor_a, text="Första")
    message_post(subject=plan_a, by=approver, text="Svar")
    message_post(subject=report_a, by=editor_a, text="Om rapporten")
    assert Thread.objects.count() == 2
    texts = Message.objects.of_subject(SubjectKind.PLAN, plan_a.unit_id, "2026")
    assert [m.text for m in texts] == ["Första", "Svar"]
    report_thread = Thread.objects.get(kind=SubjectKind.REPORT)
    assert report_thread.key == "2026T1"


def test_it_keeps_the_thread_when_an_import_replaces_the_plan(plan_a, chain, editor_a):
    message_post(subject=plan_a, by=editor_a, text="Före importen")
    unit = plan_a.unit
    plan_a.delete()
    again = plan_create(unit=unit, year=chain.year)
    texts = Message.objects.of_subject(SubjectKind.PLAN, again.unit_id, "2026")
    assert [m.text for m in texts] == ["Före importen"]


@pytest.mark.parametrize("persona", ["editor_a", "approver", "city_admin"])
def test_it_lets_every_party_write(request, plan_a, persona):
    user = request.getfixturevalue(persona)
    assert message_post(subject=plan_a, by=user, text="Hej").author == user


@pytest.mark.parametrize("persona", ["reader", "controller", "editor_b", "outsider"])
def test_it_refuses_anyone_who_is_no_party(request, plan_a, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        message_post(subject=plan_a, by=user, text="Hej")
    assert not Message.objects.exists() and not Thread.objects.exists()


def test_it_refuses_an_approver_on_the_unit_itself(org, plan_a):
    from styra.accounts.models import Membership, Role
    from styra.conftest import _user

    own = _user("own_approver", org.unit_a, Role.APPROVER)
    assert Membership.objects.filter(user=own).exists()
    with pytest.raises(PermissionDenied):
        message_post(subject=plan_a, by=own, text="Hej")


@pytest.mark.parametrize("text", ["", "   ", ".", "<p></p>", "\u200b"])
def test_it_refuses_a_message_that_says_nothing(plan_a, editor_a, text):
    with pytest.raises(ValidationError) as refused:
        message_post(subject=plan_a, by=editor_a, text=text)
    assert refused.value.message_dict == {"text": ["Skriv ett meddelande."]}
    assert not Thread.objects.exists()


def test_it_refuses_a_message_too_long_and_says_how_long(plan_a, editor_a):
    message_post(subject=plan_a, by=editor_a, text="x" * MAX_LENGTH)  # exactly the limit
    with pytest.raises(ValidationError) as refused:
        message_post(subject=plan_a, by=editor_a, text="x" * (MAX_LENGTH + 12))
    assert refused.value.message_dict["text"] == [
        "Meddelandet får vara högst 4\u00a0000 tecken långt. Det är nu 4\u00a0012 tecken; "
        "korta det och skicka igen."
    ]
    assert Message.objects.count() == 1


def test_it_counts_a_line_break_as_one_character(plan_a, editor_a):
    # A browser's maxlength counts a line break once; the form sends it as \r\n.
    text = "ab\r\n" * (MAX_LENGTH // 3)
    assert message_post(subject=plan_a, by=editor_a, text=text).text.count("\n") > 0


def test_it_removes_markup(plan_a, editor_a):
    message = message_post(subject=plan_a, by=editor_a, text="<script>x()</script><b>Fet</b> & mer")
    assert message.text == "Fet & mer"


def test_it_refuses_a_decision_the_subject_cannot_have(plan_a, report_a, approver):
    with pytest.raises(ValidationError):
        message_post(subject=plan_a, by=approver, text="Ok", kind=MessageKind.APPROVED)
    with pytest.raises(ValidationError):
        message_post(subject=report_a, by=approver, text="Ok", kind=MessageKind.ADOPTED)
    with pytest.raises(ValidationError):
        message_post(subject=report_a, by=approver, text="Ok", kind="nonsense")
    assert not Message.objects.exists()


def test_it_writes_as_styra_without_a_user(plan_a):
    message = message_post(subject=plan_a, by=None, text="Från kommandot")
    assert message.author is None and message.author_name == ""


def test_it_audits_a_message_on_its_unit_not_on_the_plan(
    plan_a, editor_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = message_post(subject=plan_a, by=editor_a, text="Granskas")
    entry = AuditEntry.objects.get(object_type="conversations.message", object_id=str(message.pk))
    assert entry.unit_id == plan_a.unit_id
    assert entry.changes["text"] == [None, "Granskas"]
    # The plan's history page (open to its readers) shows the entries with the plan's id.
    assert entry.plan_id is None and entry.report_id is None
