"""Forms for editing the goal chain; writes go through goals.services and indicators.services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from styra.goals.models import PlanningYear, UnitGoalLabel
from styra.indicators.models import Aggregation, Direction, Measure, Periodicity
from styra.organisation.models import OrgUnit

DATE_ERRORS = {"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-31.")}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class GoalForm(forms.Form):
    number = forms.CharField(
        label=_("Nummer (frivilligt)"),
        max_length=20,
        required=False,
        help_text=_("Till exempel 2 eller 2.3."),
        error_messages={"max_length": _("Numret får vara högst %(limit_value)d tecken.")},
    )
    title = forms.CharField(
        label=_("Målets formulering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv målets formulering.")},
    )
    description = forms.CharField(
        label=_("Beskrivning (frivillig)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class BoardGoalForm(GoalForm):
    """A board goal also says which committee sets it, among those the user edits for."""

    committee = forms.TypedChoiceField(
        label=_("Nämnd"),
        coerce=int,
        error_messages={
            "required": _("Välj vilken nämnd målet hör till."),
            "invalid_choice": _("Välj en av nämnderna i listan."),
        },
    )
    field_order = ["committee", "number", "title", "description"]

    def __init__(self, *args, committees: list[OrgUnit], **kwargs):
        super().__init__(*args, **kwargs)
        self.committees = {c.pk: c for c in committees}
        choices = [(c.pk, c.name) for c in committees]
        if len(committees) > 1:
            choices.insert(0, ("", _("Välj nämnd")))
        self.fields["committee"].choices = choices

    def clean_committee(self) -> OrgUnit:
        return self.committees[self.cleaned_data["committee"]]


class IndicatorForm(forms.Form):
    name = forms.CharField(
        label=_("Indikator"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv indikatorns namn.")},
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
    target = forms.CharField(
        max_length=200,
        required=False,
        help_text=_("Som det står i beslutet, till exempel 65 % eller ”öka”."),
        error_messages={"max_length": _("Årsmålet får vara högst %(limit_value)d tecken.")},
    )

    def __init__(self, *args, target_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].label = target_label

    def clean_aggregation(self) -> str:
        return self.cleaned_data.get("aggregation") or Aggregation.NONE


class ActivityForm(forms.Form):
    name = forms.CharField(
        label=_("Aktivitet"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv aktivitetens namn.")},
    )
    start = forms.DateField(
        label=_("Startdatum (frivilligt)"),
        required=False,
        widget=DateInput(),
        error_messages=DATE_ERRORS,
    )
    end = forms.DateField(
        label=_("Slutdatum (frivilligt)"),
        required=False,
        widget=DateInput(),
        error_messages=DATE_ERRORS,
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Slutdatum kan inte ligga före startdatum."))
        return cleaned


class UnitGoalLabelForm(forms.Form):
    unit_goal_label = forms.ChoiceField(
        label=_("Benämning på enheternas mål"),
        choices=UnitGoalLabel.choices,
        help_text=_("Äldre planer skriver Åtagande, nyare Enhetsmål."),
        error_messages={"required": _("Välj en benämning.")},
    )


class PlanningYearForm(UnitGoalLabelForm):
    year = forms.IntegerField(
        label=_("År"),
        min_value=1990,
        max_value=2100,
        error_messages={
            "required": _("Ange vilket år planeringen gäller."),
            "invalid": _("Ange året med fyra siffror, till exempel 2027."),
            "min_value": _("Ange ett år mellan 1990 och 2100."),
            "max_value": _("Ange ett år mellan 1990 och 2100."),
        },
    )
    field_order = ["year", "unit_goal_label"]

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if PlanningYear.objects.filter(year=year).exists():
            raise ValidationError(_("Planeringsåret %(year)s finns redan."), params={"year": year})
        return year
