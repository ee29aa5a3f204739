"""Forms for a plan's header, sections, goals, budget and appendices, and for new plans."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from styra.budget.models import CurrencyUnit, RowKind
from styra.goals.models import Goal, PlanningYear, YearState
from styra.lib import narrative
from styra.lib.forms import SwedishDecimalField, date_field, text_field


class HeaderForm(forms.Form):
    officer = forms.CharField(label=_("Handläggare"), max_length=200, required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=50, required=False)
    addressee = forms.CharField(label=_("Till"), max_length=300, required=False)
    meeting_date = date_field(_("Sammanträdesdatum"))


class SectionForm(forms.Form):
    heading = forms.CharField(
        label=_("Rubrik"),
        max_length=300,
        error_messages={"max_length": _("Rubriken får vara högst %(limit_value)d tecken.")},
    )
    text = text_field(_("Text"), max_length=50000, rows=8, help_text=narrative.HELP)


class BoardGoalChoiceForm(forms.Form):
    goal = forms.ModelChoiceField(
        label=_("Nämndmål"),
        queryset=Goal.objects.none(),
        error_messages={"invalid_choice": _("Välj ett nämndmål i listan.")},
    )

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = choices


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


class CopyForm(forms.Form):
    """Next year's plan goes into a planning year that exists, is open for the units and comes
    after the plan's. `closed` says why there is none to choose ("" when there is one)."""

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
        # A draft year is the city's until it opens it for the units (plan_copy_to_year).
        later = PlanningYear.objects.filter(year__gt=plan.year.year).order_by("year")
        years = list(later.open().values_list("year", flat=True))
        self.drafts = list(later.filter(state=YearState.DRAFT).values_list("year", flat=True))
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.closed = ""
        if years:
            self.fields["year"].initial = years[0]
        elif self.drafts:
            self.closed = preparing_message(self.drafts[0])
        else:
            self.closed = _(
                "Det finns inget senare planeringsår ännu. Stadens administratör skapar nya "
                "planeringsår i Målkedjan."
            )

    def clean(self):
        data = super().clean()
        # A year the city still prepares is not offered; a request naming it anyway is told
        # why, not to choose among the years offered.
        year = self.data.get("year")
        if self.has_error("year", "invalid_choice") and year in {str(y) for y in self.drafts}:
            self.errors["year"] = self.error_class([preparing_message(int(year))])
        return data


def preparing_message(year: int) -> str:
    return gettext(
        "Planeringen för %(year)s förbereds av staden och är ännu inte öppen för enheterna. "
        "Nästa års plan kan skapas när staden har öppnat året."
    ) % {"year": year}


class NewPlanForm(forms.Form):
    year = forms.IntegerField(
        label=_("År"),
        min_value=1990,
        max_value=2100,
        error_messages={"invalid": _("Ange ett årtal.")},
    )
