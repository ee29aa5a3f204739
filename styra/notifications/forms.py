"""The preferences form: for each kind of notice, how it reaches the person."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Delivery, Kind

# What each kind is, in the words of the person who gets it.
HELP = {
    Kind.SUBMITTED: _("När en plan eller rapport som du beslutar om lämnas in."),
    Kind.DECIDED: _("När en plan som du skriver fastställs eller en rapport godkänns."),
    Kind.RETURNED: _("När en plan eller rapport som du skriver öppnas igen, med motiveringen."),
    Kind.REMINDER: _(
        "Sju dagar och en dag före sista dag att rapportera, och dagen efter om rapporten "
        "inte är inlämnad."
    ),
    Kind.MESSAGE: _(
        "När någon skriver i dialogen om en plan eller rapport som du skriver eller beslutar om."
    ),
}


class SettingsForm(forms.Form):
    def __init__(self, *args: Any, initial_choices: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                help_text=HELP[kind],
                choices=Delivery.choices,
                initial=initial_choices.get(kind.value, Delivery.EMAIL),
                widget=forms.RadioSelect,
                error_messages={"required": _("Välj hur du vill få den här aviseringen.")},
            )
