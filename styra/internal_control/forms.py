"""The forms of internal control's pages: starting a plan, its risk analysis and control plan,
the follow-up of a control, the city's risks and copying to the next year.

The forms check what a person can get wrong in the form itself and say it in Swedish; the
rules of the plan (its lock, the period's lock, the city's words) are the services', whose
refusals `lib.forms.add_service_errors` puts on these forms.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from styra.followup.models import ActivityStatus
from styra.goals.models import Goal, Level, PlanningYear
from styra.lib.forms import date_field, text_field
from styra.organisation.models import OrgUnit

from .models import HIGH_FROM, Consequence, ControlPlan, Probability, ResultKind, Risk
from .services import RISK_GOAL_LEVELS

NOT_ASSESSED = _("Inte bedömd ännu")
LONG_TEXT = 5000


def _scale(label: Any, choices: list[tuple[int, Any]]) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", NOT_ASSESSED), *choices],
        error_messages={"invalid_choice": _("Välj ett värde mellan 1 och 4.")},
    )


class NewControlPlanForm(forms.Form):
    """ "Starta internkontrollplan": the node, among those the person may start one for."""

    node = forms.TypedChoiceField(
        label=_("Nämnd eller enhet"),
        coerce=int,
        error_messages={
            "required": _("Välj nämnd eller enhet."),
            "invalid_choice": _("Välj en nämnd eller enhet i listan."),
        },
    )
    year = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, nodes: list[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].choices = [(n.pk, n.name) for n in nodes]  # type: ignore[attr-defined]


class ProcessForm(forms.Form):
    title = forms.CharField(
        label=_("Process eller rutin"),
        max_length=300,
        error_messages={"required": _("Ange processens eller rutinens namn.")},
    )
    description = text_field(_("Beskrivning"), max_length=LONG_TEXT, rows=3)


class GoalField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A goal named with its level: "KF: 1.1 …" or "Nämndmål: …"."""

    def label_from_instance(self, obj: Goal) -> str:
        level = gettext("Nämndmål") if obj.level == Level.BOARD else gettext("KF")
        return f"{level}: {obj}"


class RiskForm(forms.Form):
    """A risk: its words (not for the city's risks, whose words are the city's), its assessment,
    the goal it threatens and whether it is in the control plan, or why not."""

    title = forms.CharField(
        label=_("Risk"), max_length=500, error_messages={"required": _("Beskriv risken.")}
    )
    description = text_field(_("Beskrivning"), max_length=LONG_TEXT, rows=3)
    probability = _scale(_("Sannolikhet"), Probability.choices)
    consequence = _scale(_("Konsekvens"), Consequence.choices)
    goal = GoalField(
        label=_("Mål som risken hotar"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("Inget mål"),
        error_messages={"invalid_choice": _("Välj ett av årets KF-mål eller nämndmål.")},
    )
    selected = forms.BooleanField(label=_("Med i kontrollplanen"), required=False)
    omission_reason = text_field(
        _("Skäl att inte ta med risken i kontrollplanen"),
        max_length=LONG_TEXT,
        rows=2,
        help_text=_(
            "En risk med riskvärde %(value)s eller högre som inte tas med i kontrollplanen "
            "behöver ett skäl."
        )
        % {"value": HIGH_FROM},
    )

    def __init__(
        self, *args: Any, plan: ControlPlan, city_risk: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if city_risk:
            # The city's risk keeps the city's words (services.risk_update refuses others).
            del self.fields["title"], self.fields["description"]
        goal = self.fields["goal"]
        assert isinstance(goal, GoalField)
        goal.queryset = risk_goals(plan)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        p, c = data.get("probability"), data.get("consequence")
        value = p * c if p is not None and c is not None else None
        reason = (data.get("omission_reason") or "").strip()
        if value is not None and value >= HIGH_FROM and not data.get("selected") and not reason:
            self.add_error(
                "omission_reason",
                gettext(
                    "Risken har riskvärde %(value)s. Ta med den i kontrollplanen eller ange "
                    "skälet att inte göra det."
                )
                % {"value": value},
            )
        return data


def risk_goals(plan: ControlPlan) -> QuerySet[Goal]:
    """The goals a risk in this plan may threaten: the year's KF goals and the goals of the
    committees at or above the plan's node."""
    above = OrgUnit.objects.ancestors(plan.org_unit, include_self=True)
    return (
        Goal.objects.filter(year_id=plan.year_id, level__in=RISK_GOAL_LEVELS)
        .filter(~Q(level=Level.BOARD) | Q(owner__in=above))
        .order_by("level_rank", "position", "pk")
    )


def risk_initial(risk: Risk) -> dict[str, Any]:
    return {
        "title": risk.title,
        "description": risk.description,
        "probability": risk.probability,
        "consequence": risk.consequence,
        "goal": risk.goal_id,
        "selected": risk.selected,
        "omission_reason": risk.omission_reason,
    }


class ControlForm(forms.Form):
    what = forms.CharField(
        label=_("Kontrollmoment: vad som kontrolleras"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Ange vad som kontrolleras.")},
    )
    method = text_field(_("Metod"), max_length=LONG_TEXT, rows=2)
    scope = forms.CharField(label=_("Omfattning eller urval"), max_length=300, required=False)
    frequency = forms.CharField(label=_("Frekvens"), max_length=100, required=False)
    responsible = forms.CharField(label=_("Ansvarig"), max_length=200, required=False)
    report_t1 = forms.BooleanField(label=_("Rapporteras i tertialrapport 1 (T1)"), required=False)
    report_t2 = forms.BooleanField(label=_("Rapporteras i tertialrapport 2 (T2)"), required=False)
    report_vb = forms.BooleanField(
        label=_("Rapporteras i verksamhetsberättelsen (VB)"), required=False, initial=True
    )


class ResultForm(forms.Form):
    """A control's report for a period: done or not, with or without deviations, what was found."""

    done = forms.TypedChoiceField(
        label=_("Är kontrollen gjord?"),
        choices=[("", _("Välj")), ("yes", _("Ja")), ("no", _("Nej"))],
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Ange om kontrollen är gjord.")},
    )
    result = forms.ChoiceField(
        label=_("Resultat"),
        required=False,
        choices=[("", _("Inget resultat (kontrollen är inte gjord)")), *ResultKind.choices],
    )
    findings = text_field(
        _("Iakttagelser"),
        max_length=LONG_TEXT,
        rows=4,
        help_text=_("Vad kontrollen visade. Beskriv avvikelserna om det fanns några."),
    )


class MeasureForm(forms.Form):
    name = forms.CharField(
        label=_("Åtgärd"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Beskriv åtgärden.")},
    )
    responsible = forms.CharField(label=_("Ansvarig"), max_length=200, required=False)
    start = date_field(_("Startdatum"))
    end = date_field(_("Slutdatum"))
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)


class CityRiskForm(forms.Form):
    process = forms.CharField(
        label=_("Process eller rutin"),
        max_length=300,
        error_messages={"required": _("Ange processens eller rutinens namn.")},
    )
    title = forms.CharField(
        label=_("Risk"), max_length=500, error_messages={"required": _("Beskriv risken.")}
    )
    description = text_field(_("Beskrivning"), max_length=LONG_TEXT, rows=3)


class CopyForm(forms.Form):
    """Next year's control plan: into a later planning year that is open for the units and
    where the node has none yet. `closed` says why there is no year to choose."""

    year = forms.TypedChoiceField(
        label=_("År för den nya internkontrollplanen"),
        coerce=int,
        error_messages={
            "required": _("Välj ett år."),
            "invalid_choice": _("Välj ett av de planeringsår som erbjuds."),
        },
    )

    def __init__(self, *args: Any, plan: ControlPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = ControlPlan.objects.filter(org_unit_id=plan.org_unit_id).values("year_id")
        later = PlanningYear.objects.open().filter(year__gt=plan.year.year).exclude(pk__in=taken)
        self.years = {y.year: y for y in later.order_by("year")}
        self.fields["year"].choices = [(y, str(y)) for y in self.years]  # type: ignore[attr-defined]
        if self.years:
            self.fields["year"].initial = min(self.years)
        self.closed = (
            ""
            if self.years
            else gettext(
                "Det finns inget senare planeringsår, öppet för enheterna, där %(unit)s saknar "
                "internkontrollplan."
            )
            % {"unit": plan.org_unit.name}
        )
