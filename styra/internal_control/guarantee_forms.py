"""The forms of the quality guarantees page: a guarantee, and its outcome in a period."""

from django import forms
from django.utils.translation import gettext_lazy as _

from styra.lib.forms import text_field


class GuaranteeForm(forms.Form):
    promise = forms.CharField(
        label=_("Vi lovar"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Löftet till invånarna, till exempel ”Du får ett första samtal”."),
    )
    term = forms.CharField(
        label=_("Mätbart villkor"),
        max_length=300,
        help_text=_("Det som följs upp, till exempel ”inom 7 dagar från ansökan”."),
    )
    target_percent = forms.IntegerField(
        label=_("Målvärde (andel av ärendena där garantin hålls, %)"),
        min_value=0,
        max_value=100,
        initial=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4}),
        error_messages={
            "invalid": _("Ange målvärdet som ett heltal mellan 0 och 100."),
            "min_value": _("Ange målvärdet som ett heltal mellan 0 och 100."),
            "max_value": _("Ange målvärdet som ett heltal mellan 0 och 100."),
        },
    )
    remedy = text_field(
        _("Om garantin inte hålls"),
        max_length=2000,
        rows=3,
        help_text=_("Vad enheten gör då (rättelse), om något."),
    )


class GuaranteeOutcomeForm(forms.Form):
    cases = forms.IntegerField(
        label=_("Antal ärenden under perioden"),
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
        error_messages={
            "invalid": _("Ange antalet som ett heltal, 0 eller fler."),
            "min_value": _("Ange antalet som ett heltal, 0 eller fler."),
        },
    )
    kept = forms.IntegerField(
        label=_("Antal ärenden där garantin hölls"),
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
        error_messages={
            "invalid": _("Ange antalet som ett heltal, 0 eller fler."),
            "min_value": _("Ange antalet som ett heltal, 0 eller fler."),
        },
    )
    comment = text_field(_("Kommentar"), max_length=5000, rows=3)
