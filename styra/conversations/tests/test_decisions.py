"""A decision with a message: handed in with a note, returned with its reason, adopted with a word.

The message is written in the decision's transaction: a refused message refuses the
decision too, and nothing changes.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styra.decisions.services import (
    plan_adopt,
    plan_reopen,
    plan_submit,
    report_approve,
    report_reopen,
    report_submit,
)
from styra.followup.models import Fulfilment, ReportStatus
from styra.followup.services import assessment_set
from styra.plans.models import PlanStatus

from ..models import Message, MessageKind
from ..services import MAX_LENGTH


def kinds_and_texts():
    return [(m.kind, m.text, m.author_name) for m in Message.objects.order_by("pk")]


def assess(setup):
    for goal in (setup.goal, setup.bare_goal):
        assessment_set(report=setup.report, goal=goal, value=Fulfilment.FULFILLED, proposed="")


def test_a_plan_handed_in_with_a_note_and_returned_with_a_reason(plan_a, editor_a, approver):
    plan_submit(plan=plan_a, by=editor_a, message="Budgeten är preliminär.")
    plan_reopen(plan=plan_a, by=approver, reason="Komplettera budgeten.")
    plan_submit(plan=plan_a, by=editor_a)  # no note: no message
    plan_adopt(plan=plan_a, by=approver, message="Bra plan!")
    assert kinds_and_texts() == [
        (MessageKind.SUBMITTED, "Budgeten är preliminär.", "editor_a"),
        (MessageKind.RETURNED, "Komplettera budgeten.", "approver"),
        (MessageKind.ADOPTED, "Bra plan!", "approver"),
    ]


def test_a_report_handed_in_with_a_note_returned_and_approved(report_setup, editor_a, approver):
    report = report_setup.report
    assess(report_setup)
    report_submit(report=report, by=editor_a, message="Utfallen är preliminära.")
    report_reopen(report=report, by=approver, reason="Rätta utfallen.")
    report_submit(report=report, by=editor_a, message="   ")  # blank: no message
    report_approve(report=report, by=approver, message="Godkänd, tack.")
    assert kinds_and_texts() == [
        (MessageKind.SUBMITTED, "Utfallen är preliminära.", "editor_a"),
        (MessageKind.RETURNED, "Rätta utfallen.", "approver"),
        (MessageKind.APPROVED, "Godkänd, tack.", "approver"),
    ]


def test_a_note_too_long_refuses_the_submission(plan_a, editor_a):
    with pytest.raises(ValidationError, match="högst 4"):
        plan_submit(plan=plan_a, by=editor_a, message="x" * (MAX_LENGTH + 1))
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.DRAFT and plan_a.submitted_at is None
    assert not Message.objects.exists()


def test_a_note_that_says_nothing_refuses_the_report(report_setup, editor_a):
    assess(report_setup)
    with pytest.raises(ValidationError, match="Skriv ett meddelande"):
        report_submit(report=report_setup.report, by=editor_a, message="…")
    report_setup.report.refresh_from_db()
    assert report_setup.report.status == ReportStatus.DRAFT
    assert not Message.objects.exists()


# ---------------------------------------------------------------- the forms on the pages


def test_the_plan_page_hands_in_with_a_message(client, plan_a, editor_a):
    client.force_login(editor_a)
    page = client.get(reverse("plans:detail", args=[plan_a.pk])).content.decode()
    assert 'name="message"' in page and "Meddelande till den som fastställer planen" in page
    response = client.post(
        reverse("decisions:plan_submit", args=[plan_a.pk]), {"message": "Se avsnitt 2."}
    )
    assert response.status_code == 302
    assert kinds_and_texts() == [(MessageKind.SUBMITTED, "Se avsnitt 2.", "editor_a")]


def test_a_message_keeps_an_address_in_brackets_and_the_page_shows_it_as_text(
    client, plan_a, editor_a
):
    client.force_login(editor_a)
    message = "Fråga Anna <anna@example.se> om a<b gäller."
    client.post(reverse("decisions:plan_submit", args=[plan_a.pk]), {"message": message})
    assert kinds_and_texts() == [(MessageKind.SUBMITTED, message, "editor_a")]
    page = client.get(reverse("plans:detail", args=[plan_a.pk])).content.decode()
    assert "Anna &lt;anna@example.se&gt; om a&lt;b gäller." in page


def test_the_plan_page_refuses_a_message_too_long_and_keeps_the_draft(client, plan_a, editor_a):
    client.force_login(editor_a)
    url = reverse("decisions:plan_submit", args=[plan_a.pk])
    page = client.post(url, {"message": "x" * (MAX_LENGTH + 1)}, follow=True).content.decode()
    assert "Meddelandet får vara högst 4" in page
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.DRAFT and not Message.objects.exists()


def test_the_reopen_form_says_where_the_reason_goes_and_writes_it(client, plan_a, approver):
    plan_submit(plan=plan_a, by=None)
    client.force_login(approver)
    url = reverse("decisions:plan_reopen", args=[plan_a.pk])
    assert "Skälet skrivs också i planens dialog" in client.get(url).content.decode()
    assert client.post(url, {"reason": "Fel år i texten."}).status_code == 302
    assert kinds_and_texts() == [(MessageKind.RETURNED, "Fel år i texten.", "approver")]


def test_the_report_page_hands_in_with_a_message_over_htmx(
    client, report_setup, editor_a, approver
):
    assess(report_setup)
    report = report_setup.report
    client.force_login(editor_a)
    url = reverse("decisions:report_submit", args=[report.pk])
    response = client.post(url, {"message": "Klart."}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response["HX-Redirect"]
    client.force_login(approver)
    url = reverse("decisions:report_approve", args=[report.pk])
    client.post(url, {"message": "Tack!"}, HTTP_HX_REQUEST="true")
    assert kinds_and_texts() == [
        (MessageKind.SUBMITTED, "Klart.", "editor_a"),
        (MessageKind.APPROVED, "Tack!", "approver"),
    ]


def test_a_refused_report_submission_keeps_the_message_typed(client, report_setup, editor_a):
    # Not every goal is assessed: the refusal re-renders the header with the text kept.
    client.force_login(editor_a)
    url = reverse("decisions:report_submit", args=[report_setup.report.pk])
    response = client.post(url, {"message": "Mitt <utkast>"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "mål saknar bedömning" in body
    assert ">Mitt &lt;utkast&gt;</textarea>" in body
    assert not Message.objects.exists()
