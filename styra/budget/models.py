"""A plan's budget table: rows with costs, revenues and net, in tkr or mnkr.

A row is a line, with amounts typed in, or a sum row (Summa intäkter, Summa
kostnader, Nettobudget, Totalt) whose amounts are never stored: `sums.table`
computes them from the lines above it, so a sum cannot disagree with its lines.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.lib.numbers import format_number


class CurrencyUnit(models.TextChoices):
    TKR = "tkr", _("tkr")
    MNKR = "mnkr", _("mnkr")


class Budget(models.Model):
    # By name: plans sit above budget in the import order (a plan's pages and its
    # styra-plan/1 show the budget); the budget only belongs to one.
    plan = models.OneToOneField(
        "plans.Plan",
        on_delete=models.CASCADE,
        related_name="budget",
        verbose_name=_("verksamhetsplan"),
    )
    currency_unit = models.CharField(
        _("enhet"), max_length=4, choices=CurrencyUnit, default=CurrencyUnit.TKR
    )

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgetar")

    def __str__(self) -> str:
        return f"Budget {self.plan}"


class RowKind(models.TextChoices):
    """What a row is; a sum row's kind says which of its computed columns it shows."""

    LINE = "line", _("Rad med belopp")
    REVENUES = "revenues", _("Summa intäkter")
    COSTS = "costs", _("Summa kostnader")
    NET = "net", _("Nettobudget")
    TOTAL = "total", _("Totalt (kostnader, intäkter och netto)")


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
    kind = models.CharField(_("slag av rad"), max_length=8, choices=RowKind, default=RowKind.LINE)
    position = models.PositiveIntegerField(default=0, verbose_name=_("ordning"))

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("budgetrad")
        verbose_name_plural = _("budgetrader")

    def __str__(self) -> str:
        return self.name

    @property
    def is_sum(self) -> bool:
        return self.kind != RowKind.LINE

    def clean(self) -> None:
        if not (self.name or "").strip():
            raise ValidationError({"name": _("Raden måste ha ett namn.")})
        if self.is_sum and any(a is not None for a in (self.costs, self.revenues, self.net)):
            raise ValidationError(
                _("En summarad räknas fram ur raderna ovanför; skriv inga belopp i den.")
            )
        if self.net is not None and (self.costs is not None or self.revenues is not None):
            derived = (self.costs or 0) - (self.revenues or 0)
            if self.net != derived:
                raise ValidationError(
                    {
                        "net": _(
                            "Netto är kostnader minus intäkter, %(net)s; lämna fältet tomt "
                            "så räknas det fram."
                        )
                        % {"net": format_number(derived)}
                    }
                )
