"""Forms of the follow-up pages, with Swedish labels and lenient Swedish numbers.

The forms only shape input; every rule (reason when differing from the
proposal, comment on a deficit, locked reports) is the services' to enforce.
"""

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from styra.lib import narrative
from styra.lib.forms import SwedishDecimalField, date_field, text_field

from .fulfilment import fulfilment_label
from .models import ActivityStatus, Fulfilment


def fulfilment_choices(*, forecast: bool) -> list[tuple[str, str | Promise]]:
    return [("", _("– Välj bedömning –"))] + [
        (value, fulfilment_label(value, forecast=forecast)) for value in Fulfilment.values
    ]


TEXT_HELP = narrative.HELP


def _text(label, rows: int = 4, **kwargs) -> forms.CharField:
    return text_field(label, max_length=20000, rows=rows, **kwargs)


class OutcomeForm(forms.Form):
    value = forms.CharField(
        label=_("Utfall"),
        required=False,
        max_length=200,
        help_text=_("Ett tal (till exempel 1 234,5 eller 65 %) eller en text."),
    )
    comment = _text(_("Kommentar"), rows=3)

    def __init__(self, *args, weighted: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if weighted:
            self.fields["base"] = SwedishDecimalField(
                label=_("Bas"),
                help_text=_("Antalet som andelen räknas på; väger enhetens utfall i nämndens."),
            )


class AssessmentForm(forms.Form):
    value = forms.ChoiceField(label=_("Bedömning"), required=False)
    reason = _text(
        _("Skäl till avvikande bedömning"),
        rows=3,
        help_text=_("Krävs när bedömningen skiljer sig från Styras förslag."),
    )
    analysis = _text(_("Analys"), rows=6, help_text=TEXT_HELP)

    def __init__(self, *args, forecast: bool, proposal_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        value = self.fields["value"]
        assert isinstance(value, forms.ChoiceField)
        value.choices = fulfilment_choices(forecast=forecast)
        if proposal_label:
            self.fields["value"].help_text = _("Förslag: %(label)s") % {"label": proposal_label}


class ActivityStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    comment = _text(_("Kommentar"), rows=3)


class BudgetFollowUpForm(forms.Form):
    outcome = SwedishDecimalField(label=_("Utfall hittills"))
    forecast = SwedishDecimalField(label=_("Prognos helår"))
    comment = _text(
        _("Kommentar"),
        rows=3,
        help_text=_("Krävs när prognosen visar underskott: orsak och åtgärder."),
    )

    def __init__(self, *args, currency_unit: str = "tkr", **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("outcome", "forecast"):
            self.fields[name].label = f"{self.fields[name].label} ({currency_unit})"


class SectionTextForm(forms.Form):
    text = _text(_("Text"), rows=10, help_text=TEXT_HELP)


class OpenReportForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput)
    period = forms.IntegerField(widget=forms.HiddenInput)


class PeriodForm(forms.Form):
    cutoff = date_field(_("Avstämningsdatum"), required=True)
    deadline = date_field(_("Sista dag att rapportera"), required=True)


class ToleranceForm(forms.Form):
    status_tolerance = SwedishDecimalField(
        label=_("Tolerans för delvis uppnått (%)"),
        required=True,
        help_text=_(
            "Ett utfall som missar årsmålet med högst så här många procent av målet "
            "räknas som delvis uppnått."
        ),
    )
