"""The long texts of plans and reports: refused when too long, in Styra's words."""

from django import forms
from django.utils import translation

from styra.lib.forms import text_field


class NoteForm(forms.Form):
    text = text_field("Text", max_length=1000, rows=3)


def test_a_text_at_the_limit_is_taken_and_an_empty_one_too():
    assert NoteForm({"text": "x" * 1000}).is_valid()
    assert NoteForm({"text": ""}).is_valid()


def test_a_text_over_the_limit_is_refused_with_its_length_in_swedish_numbers():
    form = NoteForm({"text": "x" * 1234})
    assert not form.is_valid()
    assert form.errors["text"] == [
        "Texten får vara högst 1\u00a0000 tecken lång. Den är nu 1\u00a0234 tecken; "
        "korta den och spara igen."
    ]
    assert form.has_error("text", code="max_length")


def test_the_refusal_reads_in_english_for_who_chose_english():
    with translation.override("en"):
        form = NoteForm({"text": "x" * 1001})
        assert form.errors["text"] == [
            "The text may be at most 1\u00a0000 characters long. It is now 1\u00a0001 "
            "characters; shorten it and save again."
        ]


def test_the_textarea_still_tells_the_browser_the_limit():
    html = str(NoteForm()["text"])
    assert 'maxlength="1000"' in html and 'rows="3"' in html
