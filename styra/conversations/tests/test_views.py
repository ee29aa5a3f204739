"""The "Dialog" panel on the plan's and report's pages, the dialog's page and its replies."""

import pytest
from django.urls import reverse

from ..models import Message
from ..services import MAX_LENGTH, message_post


def dialog_url(subject):
    name = "conversations:plan" if subject.__class__.__name__ == "Plan" else "conversations:report"
    return reverse(name, args=[subject.pk])


def page_url(subject):
    if subject.__class__.__name__ == "Plan":
        return reverse("plans:detail", args=[subject.pk])
    return reverse("followup:report", args=[subject.pk])


@pytest.fixture(params=["plan", "report"])
def subject(request, plan_a):
    if request.param == "plan":
        return plan_a
    return request.getfixturevalue("report_a")


@pytest.mark.parametrize("persona", ["editor_a", "approver", "city_admin"])
def test_a_party_sees_the_panel_with_the_thread_newest_last(
    client, request, subject, editor_a, approver, persona
):
    message_post(subject=subject, by=editor_a, text="Första frågan")
    message_post(subject=subject, by=approver, text="Svaret\n\nmed två stycken")
    client.force_login(request.getfixturevalue(persona))
    body = client.get(page_url(subject)).content.decode()
    assert '<section id="dialog"' in body and '<a href="#dialog">Dialog</a>' in body
    assert body.index("Första frågan") < body.index("Svaret")
    assert "<p>Svaret</p>" in body and "<p>med två stycken</p>" in body
    assert f'hx-post="{dialog_url(subject)}"' in body


@pytest.mark.parametrize("persona", ["reader", "controller"])
def test_who_may_see_but_is_no_party_gets_no_panel(client, request, subject, editor_a, persona):
    message_post(subject=subject, by=editor_a, text="Bara för parterna")
    client.force_login(request.getfixturevalue(persona))
    body = client.get(page_url(subject)).content.decode()
    assert 'id="dialog"' not in body and "Bara för parterna" not in body
    assert client.get(dialog_url(subject)).status_code == 403
    assert client.post(dialog_url(subject), {"text": "Hej"}).status_code == 403
    assert Message.objects.count() == 1


def test_another_units_editor_may_not_even_see_it(client, subject, editor_b):
    client.force_login(editor_b)
    assert client.get(dialog_url(subject)).status_code == 404
    assert client.post(dialog_url(subject), {"text": "Hej"}).status_code == 404
    assert not Message.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, subject):
    response = client.post(dialog_url(subject), {"text": "Hej"})
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
    assert not Message.objects.exists()


def test_a_reply_over_htmx_answers_with_the_thread_and_announces_it(
    client, subject, editor_a, approver
):
    message_post(subject=subject, by=editor_a, text="Fråga")
    client.force_login(approver)
    response = client.post(dialog_url(subject), {"text": "Svar"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(
        '<div id="dialog-thread" data-announce="Meddelandet är skickat.">'
    )
    assert body.index("Fråga") < body.index("Svar") and "Approver" not in body.split("Svar")[1]
    assert "<textarea" in body and "Svar</textarea>" not in body  # an empty form again
    assert [m.text for m in Message.objects.order_by("pk")] == ["Fråga", "Svar"]


def test_a_reply_without_javascript_goes_back_to_the_page(client, subject, editor_a):
    client.force_login(editor_a)
    response = client.post(dialog_url(subject), {"text": "Hej"})
    assert response.status_code == 302 and response["Location"] == page_url(subject) + "#dialog"
    page = client.get(response["Location"]).content.decode()
    assert "Meddelandet är skickat." in page and "Hej" in page


def test_the_dialogs_own_page(client, subject, editor_a):
    message_post(subject=subject, by=editor_a, text="Sparat")
    client.force_login(editor_a)
    body = client.get(dialog_url(subject)).content.decode()
    assert "<h1>Dialog om " in body and "Sparat" in body
    assert f'<a href="{page_url(subject)}">' in body


@pytest.mark.parametrize("htmx", [True, False])
def test_an_empty_message_is_refused_in_swedish_and_nothing_is_stored(
    client, subject, editor_a, htmx
):
    client.force_login(editor_a)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.post(dialog_url(subject), {"text": "  "}, **headers)
    assert "Skriv ett meddelande." in response.content.decode()
    if htmx:
        assert response["HX-Retarget"] == "#slot-dialog"
    else:
        assert response.status_code == 400
    assert not Message.objects.exists()


@pytest.mark.parametrize("htmx", [True, False])
def test_a_message_too_long_is_refused_with_its_length_and_kept(client, subject, editor_a, htmx):
    client.force_login(editor_a)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    text = "å" * (MAX_LENGTH + 5)
    response = client.post(dialog_url(subject), {"text": text}, **headers)
    body = response.content.decode()
    assert "Meddelandet får vara högst 4\u00a0000 tecken långt. Det är nu 4\u00a0005 tecken" in body
    assert f">\n{text}</textarea>" in body  # the writer's text is not lost
    assert 'maxlength="4000"' in body
    assert not Message.objects.exists()


def test_the_dialog_is_open_on_a_decided_plan(client, plan_a, editor_a, approver):
    from styra.decisions.services import plan_adopt, plan_submit

    plan_submit(plan=plan_a, by=editor_a)
    plan_adopt(plan=plan_a, by=approver)
    client.force_login(editor_a)
    assert client.post(dialog_url(plan_a), {"text": "Efter beslutet"}).status_code == 302
    assert 'id="dialog"' in client.get(page_url(plan_a)).content.decode()


@pytest.mark.parametrize("count", [1, 25])
def test_the_pages_ask_a_bounded_number_of_queries(
    client, plan_a, report_a, editor_a, approver, django_assert_max_num_queries, count
):
    for n in range(count):
        message_post(subject=plan_a, by=editor_a if n % 2 else approver, text=f"Plan {n}")
        message_post(subject=report_a, by=editor_a if n % 2 else approver, text=f"Rapport {n}")
    client.force_login(approver)
    # The plan page's own bound (plans/tests/test_views_plan.py) with one query for the dialog.
    with django_assert_max_num_queries(26):
        assert client.get(page_url(plan_a)).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(page_url(report_a)).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(dialog_url(plan_a)).status_code == 200
    # A reply: the access check, the message, who to tell (one query per earlier writer) and
    # their notice (notifications.notice_send: earlier notices, preferences, the insert).
    with django_assert_max_num_queries(24):
        response = client.post(dialog_url(report_a), {"text": "Ny"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
