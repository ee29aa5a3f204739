"""A plan's budget table: rows with costs, revenues and net, in tkr or mnkr."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.goals.models import Plan


class CurrencyUnit(models.TextChoices):
    TKR = "tkr", _("tkr")
    MNKR = "mnkr", _("mnkr")


class Budget(models.Model):
    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, related_name="budget", verbose_name=_("verksamhetsplan")
    )
    currency_unit = models.CharField(
        _("enhet"), max_length=4, choices=CurrencyUnit.choices, default=CurrencyUnit.TKR
    )

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgetar")

    def __str__(self) -> str:
        return f"Budget {self.plan}"


class BudgetRow(models.Model):
    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="rows", verbose_name=_("budget")
    )
    name = models.CharField(_("rad"), max_length=200)
    costs = models.DecimalField(
        _("kostnader"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    revenues = models.DecimalField(
        _("intäkter"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    net = models.DecimalField(_("netto"), max_digits=14, decimal_places=2, null=True, blank=True)
    is_total = models.BooleanField(_("summarad"), default=False)
    position = models.PositiveIntegerField(default=0, verbose_name=_("ordning"))

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("budgetrad")
        verbose_name_plural = _("budgetrader")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not (self.name or "").strip():
            raise ValidationError({"name": _("Raden måste ha ett namn.")})
