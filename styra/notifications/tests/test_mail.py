"""The e-mail of a notice: Swedish plain text and HTML, links to Styra, nothing injected."""

from django.core import mail

from ..models import Kind
from ..services import notice_send


def send(user, **words):
    return notice_send(
        recipients=[user],
        kind=Kind.RETURNED,
        title=words.get("title", "Verksamhetsplanen 2026 för Enhet A har öppnats igen"),
        text=words.get("text", "Motivering: Budgeten saknas."),
        link="/planer/7/",
        dedupe_key="k",
    )


def test_it_is_swedish_plain_text_with_an_html_alternative(editor_a, mailed, committed):
    editor_a.first_name, editor_a.last_name = "Vera", "Vuxengren"
    editor_a.save()
    with committed():
        send(editor_a)
    (message,) = mail.outbox
    assert message.subject == "Styra: Verksamhetsplanen 2026 för Enhet A har öppnats igen"
    assert message.body.startswith("Hej Vera Vuxengren!")
    assert "Öppna i Styra: http://127.0.0.1:8000/planer/7/" in message.body
    assert "http://127.0.0.1:8000/aviseringar/installningar/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="sv">' in html and 'href="http://127.0.0.1:8000/planer/7/"' in html


def test_links_start_with_the_sites_address(editor_a, mailed, committed, settings):
    settings.STYRA_SITE_URL = "https://styra.exempelby.se/"
    with committed():
        send(editor_a)
    assert "Öppna i Styra: https://styra.exempelby.se/planer/7/" in mail.outbox[0].body


def test_names_are_escaped_in_html_and_kept_on_one_line_in_the_subject(editor_a, mailed, committed):
    with committed():
        send(editor_a, title="Enhet <script>x</script>\nBcc: a@b.se", text="<img src=x>")
    (message,) = mail.outbox
    assert message.subject == "Styra: Enhet <script>x</script> Bcc: a@b.se"
    html = message.alternatives[0].content
    assert "<script>" not in html and "&lt;script&gt;" in html and "<img" not in html
    assert message.to == ["editor_a@teststad.se"] and message.bcc == []
