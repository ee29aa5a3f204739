"""The year-open form: which year, from which, and which committees' goals come along."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from styra.goals.models import PlanningYear
from styra.lib.forms import year_field
from styra.organisation.models import Kind, OrgUnit


class YearOpenForm(forms.Form):
    year = year_field(_("Nytt planeringsår"), _("Ange vilket år som ska öppnas."))
    from_year = forms.TypedChoiceField(
        label=_("Kopiera målkedjan från"),
        coerce=int,
        help_text=_("KF:s inriktningsmål och mål för verksamhetsområdena med KF:s indikatorer."),
        error_messages={
            "required": _("Välj året att kopiera från."),
            "invalid_choice": _("Välj ett av planeringsåren som finns."),
        },
    )
    committees: "forms.ModelMultipleChoiceField[OrgUnit]" = forms.ModelMultipleChoiceField(
        label=_("Nämnder vars mål kopieras"),
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Nämndmålen med nämndens indikatorer, årsmål och aktiviteter. En nämnd som inte "
            "väljs börjar året utan egna mål."
        ),
        error_messages={"invalid_choice": _("Välj bland nämnderna i listan.")},
    )

    def __init__(self, *args: Any, city: OrgUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = list(PlanningYear.objects.order_by("-year").values_list("year", flat=True))
        from_year = self.fields["from_year"]
        assert isinstance(from_year, forms.TypedChoiceField)
        from_year.choices = [(y, str(y)) for y in years]
        committees = self.fields["committees"]
        assert isinstance(committees, forms.ModelMultipleChoiceField)
        committees.queryset = OrgUnit.objects.filter(parent=city, kind=Kind.COMMITTEE).order_by(
            "name"
        )
        if years and not self.is_bound:
            self.initial.setdefault("year", years[0] + 1)
            self.initial.setdefault("from_year", years[0])
