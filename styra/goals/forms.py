"""Forms for goals, activities and planning years; the writes go through goals.services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from styra.lib import narrative
from styra.lib.forms import date_field, year_field
from styra.organisation.models import OrgUnit

from .models import NARRATIVE_FIELDS, PlanningYear, UnitGoalLabel

NARRATIVE_LABELS = {
    "description": _("Beskrivning"),
    "expected_result": _("Förväntat resultat"),
    "method": _("Arbetssätt"),
    "resources": _("Resursanvändning"),
    "follow_up": _("Uppföljning"),
    "development": _("Utveckling"),
}


class GoalForm(forms.Form):
    """A goal at any level: KF's and the committees' on the chain page, a unit's in its plan.

    KF's and the committees' goals are numbered and carry a description; a board goal
    also says which of the user's committees sets it (`committees`). A unit's goal
    (`unit_goal`) carries the plan's narrative texts instead, and a new one hangs under
    one of the board goals its plan shows (`parents`).
    """

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
        max_length=2000,
        error_messages={"required": _("Skriv målets formulering.")},
    )
    description = forms.CharField(
        label=_("Beskrivning (frivillig)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=50000,
    )

    def __init__(
        self,
        *args,
        committees: list[OrgUnit] | None = None,
        unit_goal: bool = False,
        parents=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if committees is not None:
            self._add_committee(committees)
        if unit_goal:
            del self.fields["number"]
            for name in NARRATIVE_FIELDS:
                self.fields[name] = forms.CharField(
                    label=NARRATIVE_LABELS[name],
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 5}),
                    max_length=50000,
                    help_text=narrative.HELP if name == "description" else "",
                )
        if parents is not None:
            self.fields["parent"] = forms.ModelChoiceField(
                label=_("Under nämndmål"),
                queryset=parents,
                empty_label=None,
                error_messages={"invalid_choice": _("Välj ett nämndmål i listan.")},
            )
            self.order_fields(["parent"])

    def _add_committee(self, committees: list[OrgUnit]) -> None:
        self.committees = {c.pk: c for c in committees}
        choices = [(c.pk, c.name) for c in committees]
        if len(committees) > 1:
            choices.insert(0, ("", _("Välj nämnd")))
        self.fields["committee"] = forms.TypedChoiceField(
            label=_("Nämnd"),
            coerce=int,
            choices=choices,
            error_messages={
                "required": _("Välj vilken nämnd målet hör till."),
                "invalid_choice": _("Välj en av nämnderna i listan."),
            },
        )
        self.order_fields(["committee"])

    def clean_committee(self) -> OrgUnit:
        return self.committees[self.cleaned_data["committee"]]


class ActivityForm(forms.Form):
    name = forms.CharField(
        label=_("Aktivitet"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": _("Skriv aktivitetens namn.")},
    )
    start = date_field(_("Startdatum (frivilligt)"))
    end = date_field(_("Slutdatum (frivilligt)"))

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
    year = year_field(_("År"), _("Ange vilket år planeringen gäller."))
    field_order = ["year", "unit_goal_label"]

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if PlanningYear.objects.filter(year=year).exists():
            raise ValidationError(_("Planeringsåret %(year)s finns redan."), params={"year": year})
        return year
