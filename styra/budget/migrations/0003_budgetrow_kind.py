"""Sum rows become computed: a row's kind replaces `is_total` and a sum row stores no amounts.

A stored sum row's kind is read from the columns it gave (revenues only: Summa
intäkter; costs only: Summa kostnader; net only: Nettobudget; otherwise
Totalt), the same rule the importer uses. A line's net typed beside costs or
revenues is set to costs − revenues, the rule `budget.sums` computes by.
"""

from django.db import migrations, models


def _kind(costs, revenues, net) -> str:
    given = tuple(v is not None for v in (costs, revenues, net))
    return {
        (False, True, False): "revenues",
        (True, False, False): "costs",
        (False, False, True): "net",
    }.get(given, "total")


def forwards(apps, schema_editor):
    BudgetRow = apps.get_model("budget", "BudgetRow")
    for row in BudgetRow.objects.filter(is_total=True).iterator():
        row.kind = _kind(row.costs, row.revenues, row.net)
        row.costs = row.revenues = row.net = None
        row.save(update_fields=["kind", "costs", "revenues", "net"])
    lines = BudgetRow.objects.filter(is_total=False, net__isnull=False).exclude(
        costs__isnull=True, revenues__isnull=True
    )
    for row in lines.iterator():
        derived = (row.costs or 0) - (row.revenues or 0)
        if row.net != derived:
            row.net = derived
            row.save(update_fields=["net"])


def backwards(apps, schema_editor):
    BudgetRow = apps.get_model("budget", "BudgetRow")
    BudgetRow.objects.exclude(kind="line").update(is_total=True)


class Migration(migrations.Migration):
    dependencies = [("budget", "0002_swedish_field_names")]

    operations = [
        migrations.AddField(
            model_name="budgetrow",
            name="kind",
            field=models.CharField(
                choices=[
                    ("line", "Rad med belopp"),
                    ("revenues", "Summa intäkter"),
                    ("costs", "Summa kostnader"),
                    ("net", "Nettobudget"),
                    ("total", "Totalt (kostnader, intäkter och netto)"),
                ],
                default="line",
                max_length=8,
                verbose_name="slag av rad",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="budgetrow", name="is_total"),
    ]
