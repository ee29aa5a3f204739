"""The shared form templates: every id a field's aria-describedby names is on the page."""

from html.parser import HTMLParser

from django import forms
from django.template.loader import render_to_string


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.described_by: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        self.described_by.extend((values.get("aria-describedby") or "").split())


class _Form(forms.Form):
    text = forms.CharField(label="Text", help_text="Skriv något.")
    number = forms.IntegerField(label="Tal")
    agree = forms.BooleanField(label="Jag godkänner", help_text="Måste kryssas.")

    def clean_text(self) -> str:
        # Two errors on one field: both sit in the one element aria-describedby names.
        raise forms.ValidationError(["Första felet.", "Andra felet."])


def _parse(form: forms.Form, template: str) -> _Ids:
    parser = _Ids()
    parser.feed(render_to_string(template, {"form": form}))
    return parser


def test_every_described_by_id_exists_on_a_form_with_errors() -> None:
    form = _Form(data={"number": "x"})
    assert not form.is_valid()
    page = _parse(form, "includes/fields.html")
    assert {"id_text_error", "id_number_error", "id_agree_error", "id_text_helptext"} <= set(
        page.described_by
    )
    assert set(page.described_by) <= page.ids


def test_both_errors_of_a_field_are_shown() -> None:
    html = render_to_string("includes/fields.html", {"form": _Form(data={"text": "a"})})
    assert "Första felet." in html and "Andra felet." in html
    assert html.count('id="id_text_error"') == 1


def test_a_form_without_errors_names_only_its_help_texts() -> None:
    form = _Form()
    page = _parse(form, "includes/fields.html")
    assert set(page.described_by) == {"id_text_helptext", "id_agree_helptext"}
    assert set(page.described_by) <= page.ids
