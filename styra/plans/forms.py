"""Forms for a plan's parts, with Swedish messages and lenient Swedish numbers."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from styra.budget.models import CurrencyUnit, RowKind
from styra.goals.models import NARRATIVE_FIELDS, Goal, PlanningYear
from styra.indicators.models import Direction, Measure, Periodicity
from styra.lib import narrative
from styra.lib.numbers import parse_decimal

NARRATIVE_LABELS = {
    "description": _("Beskrivning"),
    "expected_result": _("Förväntat resultat"),
    "method": _("Arbetssätt"),
    "resources": _("Resursanvändning"),
    "follow_up": _("Uppföljning"),
    "development": _("Utveckling"),
}
NARRATIVE_HELP = narrative.HELP


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
    )


class SwedishDecimalField(forms.CharField):
    """Accepts "1 234,5", "1234,5" and "1234.5"; inputmode keeps the decimal keyboard on phones."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal"})

    def to_python(self, value) -> Decimal | None:
        try:
            number = parse_decimal(super().to_python(value))
        except ValueError:
            raise ValidationError(
                _("Ange ett tal, till exempel 1 234,5."), code="invalid"
            ) from None
        if number is not None and abs(number) >= Decimal("1e12"):
            raise ValidationError(_("Talet är för stort."), code="invalid")
        return number


class HeaderForm(forms.Form):
    officer = forms.CharField(label=_("Handläggare"), max_length=200, required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=50, required=False)
    addressee = forms.CharField(label=_("Till"), max_length=300, required=False)
    meeting_date = _date_field(_("Sammanträdesdatum"))


class SectionForm(forms.Form):
    heading = forms.CharField(label=_("Rubrik"), max_length=300)
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=NARRATIVE_HELP,
        max_length=50000,
    )


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Mål"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parents is not None:
            self.fields["parent"] = forms.ModelChoiceField(
                label=_("Under nämndmål"),
                queryset=parents,
                empty_label=None,
                error_messages={"invalid_choice": _("Välj ett nämndmål i listan.")},
            )
            self.order_fields(["parent", "title"])
        for name in NARRATIVE_FIELDS:
            self.fields[name] = forms.CharField(
                label=NARRATIVE_LABELS[name],
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                max_length=50000,
                help_text=NARRATIVE_HELP if name == "description" else "",
            )


class BoardGoalChoiceForm(forms.Form):
    goal = forms.ModelChoiceField(
        label=_("Nämndmål"),
        queryset=Goal.objects.none(),
        error_messages={"invalid_choice": _("Välj ett nämndmål i listan.")},
    )

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = choices


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indikator"), max_length=1000)
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    measure = forms.ChoiceField(label=_("Mått"), choices=Measure.choices, required=False)
    direction = forms.ChoiceField(label=_("Riktning"), choices=Direction.choices)
    periodicity = forms.ChoiceField(
        label=_("Periodicitet"), choices=[("", _("– välj –")), *Periodicity.choices]
    )
    decimals = forms.IntegerField(
        label=_("Antal decimaler"),
        min_value=0,
        max_value=4,
        initial=0,
        error_messages={"invalid": _("Ange ett heltal 0–4.")},
    )
    target = forms.CharField(
        label=_("Årsmål"),
        max_length=200,
        required=False,
        help_text=_("Till exempel 65 % eller 350 st."),
    )


class TargetForm(forms.Form):
    target = forms.CharField(
        label=_("Enhetens årsmål"),
        max_length=200,
        required=False,
        help_text=_("Till exempel 65 % eller 350 st."),
    )


class ActivityForm(forms.Form):
    name = forms.CharField(
        label=_("Aktivitet"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    start = _date_field(_("Startdatum"))
    end = _date_field(_("Slutdatum"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Slutdatum kan inte ligga före startdatum."))
        return data


class BudgetUnitForm(forms.Form):
    currency_unit = forms.ChoiceField(label=_("Belopp anges i"), choices=CurrencyUnit.choices)


class BudgetRowForm(forms.Form):
    name = forms.CharField(label=_("Budgetpost"), max_length=200)
    costs = SwedishDecimalField(label=_("Kostnader"))
    revenues = SwedishDecimalField(label=_("Intäkter"))
    net = SwedishDecimalField(
        label=_("Netto"),
        help_text=_(
            "Netto räknas fram som kostnader minus intäkter; skriv det bara på en rad "
            "som varken har kostnader eller intäkter."
        ),
    )
    # Not "kind": that name is the organisation forms' (and a POST body may carry both).
    row_kind = forms.ChoiceField(
        label=_("Slag av rad"),
        choices=RowKind.choices,
        initial=RowKind.LINE,
        required=False,  # left out, a row stays what it is (a new one a line)
        help_text=_(
            "En summarad räknas fram ur alla rader med belopp ovanför den; "
            "belopp skrivs bara på vanliga rader."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("row_kind") not in ("", None, RowKind.LINE):
            for name in ("costs", "revenues", "net"):
                if data.get(name) is not None:
                    self.add_error(
                        name,
                        _("En summarad räknas fram ur raderna ovanför; skriv inga belopp i den."),
                    )
        return data


class AppendixForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=300)
    file = forms.FileField(label=_("Fil (valfri)"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class CopyForm(forms.Form):
    """Next year's plan goes into a planning year that exists and comes after the plan's."""

    year = forms.TypedChoiceField(
        label=_("År för den nya planen"),
        coerce=int,
        error_messages={
            "invalid_choice": _("Välj ett av de planeringsår som finns efter planens år."),
            "required": _("Välj ett år."),
        },
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        later = PlanningYear.objects.filter(year__gt=plan.year.year).order_by("year")
        years = list(later.values_list("year", flat=True))
        self.fields["year"].choices = [(y, str(y)) for y in years]
        if years:
            self.fields["year"].initial = years[0]
        else:
            self.fields["year"].help_text = _(
                "Det finns inget senare planeringsår ännu. Stadens administratör skapar nya "
                "planeringsår i Målkedjan."
            )


class NewPlanForm(forms.Form):
    year = forms.IntegerField(
        label=_("År"),
        min_value=1990,
        max_value=2100,
        error_messages={"invalid": _("Ange ett årtal.")},
    )
