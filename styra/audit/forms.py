from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .history import object_type_choices


class SearchForm(forms.Form):
    user = forms.CharField(
        label=_("Användare"),
        required=False,
        max_length=150,
        help_text=_("Namnet eller användarnamnet, helt eller delvis."),
    )
    object_type = forms.ChoiceField(label=_("Typ av objekt"), required=False)
    since = forms.DateField(
        label=_("Från och med"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Till och med"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    text = forms.CharField(
        label=_("Fritext"),
        required=False,
        max_length=200,
        help_text=_("Söker i objektets namn, ändringarna, sökvägen och anropets id."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("Alla")), *object_type_choices()]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            raise ValidationError(_("Slutdatumet ligger före startdatumet."))
        return data
