"""Every planning year has its T1, T2 and VB periods.

Years created before goals.services.year_create made them (an import's --create-chain, the
chain page) had none, so nothing could be reported or exported for them. The dates are the
defaults of followup.services.periods_ensure, written out: a migration keeps what it did.
"""

from datetime import date, timedelta

from django.db import migrations

DEADLINE_DAYS = 14
CUTOFFS = {"T1": (4, 30), "T2": (8, 31), "VB": (12, 31)}


def add_missing_periods(apps, schema_editor):
    PlanningYear = apps.get_model("goals", "PlanningYear")
    ReportingPeriod = apps.get_model("followup", "ReportingPeriod")
    existing = set(ReportingPeriod.objects.values_list("code", flat=True))
    for year in PlanningYear.objects.all():
        for part, (month, day) in CUTOFFS.items():
            code = f"{year.year}{part}"
            if code in existing:
                continue
            cutoff = date(year.year, month, day)
            ReportingPeriod.objects.create(
                year=year,
                code=code,
                cutoff=cutoff,
                deadline=cutoff + timedelta(days=DEADLINE_DAYS),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0006_freeze_decided_reports"),
    ]

    operations = [
        migrations.RunPython(add_missing_periods, migrations.RunPython.noop, elidable=True),
    ]
