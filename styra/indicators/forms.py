"""Forms for indicators and their annual targets; the writes go through indicators.services."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Aggregation, Direction, Measure, Periodicity

TARGET_HELP = _("Som det står i beslutet, till exempel 65 % eller ”öka”.")


def target_field(label) -> forms.CharField:
    """An annual target as the decision writes it: a figure or words, up to 200 characters."""
    return forms.CharField(
        label=label,
        max_length=200,
        required=False,
        help_text=TARGET_HELP,
        error_messages={"max_length": _("Årsmålet får vara högst %(limit_value)d tecken.")},
    )


class IndicatorForm(forms.Form):
    """An indicator with its owner's annual target (labelled by whose target it is).

    KF's and the committees' indicators say how the units' outcomes add up
    (aggregation); a unit's own indicator (`unit_indicator`) has a description
    instead, and must say how often it is reported.
    """

    name = forms.CharField(
        label=_("Indikator"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": _("Skriv indikatorns namn.")},
    )
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    measure = forms.ChoiceField(label=_("Mått"), choices=Measure.choices, required=False)
    direction = forms.ChoiceField(
        label=_("Riktning"),
        choices=Direction.choices,
        error_messages={"required": _("Välj om högre eller lägre värden är bättre.")},
    )
    periodicity = forms.ChoiceField(
        label=_("Periodicitet"),
        choices=[("", _("Ej angiven"))] + list(Periodicity.choices),
        required=False,
        help_text=_("Hur ofta utfallet rapporteras."),
    )
    decimals = forms.IntegerField(
        label=_("Antal decimaler"),
        min_value=0,
        max_value=4,
        initial=0,
        error_messages={
            "required": _("Ange antal decimaler, 0–4."),
            "invalid": _("Ange antal decimaler som ett heltal, 0–4."),
            "min_value": _("Ange antal decimaler, 0–4."),
            "max_value": _("Ange antal decimaler, 0–4."),
        },
    )
    aggregation = forms.ChoiceField(
        label=_("Sammanräkning för nämnd och stad"),
        choices=Aggregation.choices,
        initial=Aggregation.NONE,
        required=False,
        help_text=_("Hur enheternas utfall räknas samman till en total."),
    )
    target = target_field(_("Årsmål"))

    def __init__(self, *args, target_label: str, unit_indicator: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].label = target_label
        if unit_indicator:
            del self.fields["aggregation"]
            periodicity = cast(forms.ChoiceField, self.fields["periodicity"])
            periodicity.required = True
            periodicity.choices = [("", _("– välj –")), *Periodicity.choices]
        else:
            del self.fields["description"]

    def clean_aggregation(self) -> str:
        return self.cleaned_data.get("aggregation") or Aggregation.NONE


class TargetForm(forms.Form):
    """A unit's own annual target for an indicator it inherits from KF or its committee."""

    target = target_field(_("Enhetens årsmål"))
