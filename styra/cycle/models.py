"""The year's dates (Årshjulet) and each person's secret calendar feed.

The reporting periods' cut-offs and deadlines stay followup's (`ReportingPeriod`); a
`YearDate` is every other date of the yearly cycle: when the units hand in their plans,
when a committee adopts them, the committees' and the council's meetings, and each
month's budget follow-up deadline. A date is the whole city's (no node) or one
committee's.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.goals.models import PlanningYear
from styra.organisation.models import Kind as NodeKind
from styra.organisation.models import OrgUnit


class DateKind(models.TextChoices):
    PLAN_SUBMISSION = "plan_submission", _("Sista dag att lämna in verksamhetsplanen")
    PLAN_ADOPTION = "plan_adoption", _("Nämnden fastställer verksamhetsplanerna")
    COMMITTEE_MEETING = "committee_meeting", _("Nämndsammanträde")
    COUNCIL_MEETING = "council_meeting", _("Kommunfullmäktiges sammanträde")
    BUDGET_FOLLOWUP = "budget_followup", _("Sista dag för budgetuppföljning")
    OTHER = "other", _("Övrigt")


# A year has at most one of these for the whole city and one per committee (whose own
# date then holds for its units instead of the city's).
ONE_PER_PLACE = (DateKind.PLAN_SUBMISSION, DateKind.PLAN_ADOPTION)


class YearDateQuerySet(models.QuerySet["YearDate"]):
    def seen_from(self, node_ids: set[int]) -> YearDateQuerySet:
        """The city's dates and those of the committees among `node_ids`."""
        return self.filter(models.Q(org_unit__isnull=True) | models.Q(org_unit_id__in=node_ids))


class YearDate(models.Model):
    """One date of a planning year's cycle, for the whole city or for one committee."""

    year = models.ForeignKey(
        PlanningYear, on_delete=models.CASCADE, related_name="dates", verbose_name=_("planeringsår")
    )
    kind = models.CharField(_("slag"), max_length=24, choices=DateKind.choices)
    date = models.DateField(_("datum"))
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="year_dates",
        verbose_name=_("gäller"),
        help_text=_("En nämnd, eller ingen för hela kommunen."),
    )
    title = models.CharField(_("rubrik"), max_length=200, blank=True)
    # The budget follow-up's month ("2026M03"), so that its date can link to that month.
    month = models.CharField(_("månad"), max_length=8, blank=True)

    objects = YearDateQuerySet.as_manager()

    class Meta:
        ordering = ["date", "kind", "pk"]
        verbose_name = _("datum i årshjulet")
        verbose_name_plural = _("datum i årshjulet")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.title or str(self.get_kind_display())

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.org_unit is not None and self.org_unit.kind != NodeKind.COMMITTEE:
            errors["org_unit"] = _("Ett datum gäller hela kommunen eller en nämnd.")
        if self.kind == DateKind.OTHER and not self.title.strip():
            errors["title"] = _("Skriv en rubrik för ett övrigt datum.")
        if self.kind in ONE_PER_PLACE and self.year_id:
            # The reminders and the calendar read one such date per place: two would
            # remind the units twice and leave them to guess which one holds.
            same = YearDate.objects.filter(year_id=self.year_id, kind=self.kind)
            same = (
                same.filter(org_unit_id=self.org_unit_id)
                if self.org_unit_id
                else same.filter(org_unit__isnull=True)
            )
            if same.exclude(pk=self.pk).exists():
                errors["kind"] = _(
                    "Året har redan det här datumet för samma nämnd eller för hela kommunen. "
                    "Ändra det i stället för att lägga till ett till."
                )
        if self.year_id and self.date and abs(self.date.year - self.year.year) > 1:
            errors["date"] = _("Datumet ska ligga inom planeringsåret eller året före eller efter.")
        if errors:
            raise ValidationError(errors)


class CalendarFeed(models.Model):
    """A person's secret calendar link: only the SHA-256 of its token is stored.

    One per person: a new link replaces the old one, and removing it revokes it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("person"),
    )
    token_hash = models.CharField(_("kontrollsumma"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("kalenderflöde")
        verbose_name_plural = _("kalenderflöden")

    def __str__(self) -> str:
        return str(self.user)
