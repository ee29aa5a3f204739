"""The form of one date of Årshjulet: what, when, for whom."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styra.lib.forms import DateInput
from styra.organisation.models import OrgUnit

from .models import DateKind


class YearDateForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Slag"),
        choices=DateKind.choices,
        error_messages={"required": _("Välj vad datumet gäller.")},
    )
    date = forms.DateField(
        label=_("Datum"),
        widget=DateInput(),
        error_messages={
            "required": _("Ange ett datum."),
            "invalid": _("Ange datumet som ÅÅÅÅ-MM-DD."),
        },
    )
    org_unit: "forms.ModelChoiceField[OrgUnit]" = forms.ModelChoiceField(
        label=_("Gäller"),
        queryset=OrgUnit.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Välj en av nämnderna i listan.")},
    )
    title = forms.CharField(
        label=_("Rubrik"),
        required=False,
        max_length=200,
        help_text=_("Frivillig, utom för övriga datum. Utan rubrik visas slaget."),
        error_messages={"max_length": _("Rubriken får vara högst 200 tecken.")},
    )

    def __init__(
        self, *args: Any, whole_city: bool, committees: list[OrgUnit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["org_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = OrgUnit.objects.filter(pk__in=[c.pk for c in committees]).order_by("name")
        if whole_city:
            field.empty_label = str(_("Hela kommunen"))
        else:
            field.required = True
            field.empty_label = None
            field.error_messages["required"] = _("Välj nämnden datumet gäller.")
