from django.db import connection, migrations


def freeze_decided_reports(apps, schema_editor):
    """Freeze what every submitted or approved report not frozen yet says now, as submitting
    does since 0004 added the frozen fields.

    The freezing itself is the application's (`followup.frozen.capture`), which reads through
    today's models; it runs only when there is something to freeze, so a database whose
    decided reports are all frozen (every one submitted since 0004, and those 0004 froze
    when it still held this step) never calls it.
    """
    historical = apps.get_model("followup", "Report")
    decided = historical.objects.filter(status__in=["submitted", "approved"], frozen_content="")
    if not decided.exists():
        return
    if not live_models_match_the_database(getattr(schema_editor, "connection", connection)):
        # A later migration adds a column today's models read and has not run yet: 0008
        # freezes these reports once it has (it runs after every app's latest migration).
        return
    from styra.followup import frozen
    from styra.followup.models import Report

    for report in Report.objects.with_header().filter(pk__in=decided.values("pk")):
        report.hold(*frozen.capture(report))
        # An update, not save(): the report's own fields and history stay as they were.
        Report.objects.filter(pk=report.pk).update(
            frozen_content=report.frozen_content, frozen_figures=report.frozen_figures
        )


def live_models_match_the_database(connection) -> bool:
    """Whether every table of today's models is there with every column they read: the
    freezing reads through them, and a table or a column a later migration adds would not
    be there yet (a plan's document reads the unit's quality guarantees, whose table
    internal_control makes after this)."""
    from django.apps import apps as live

    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for model in live.get_models():
            table = model._meta.db_table
            if model._meta.managed is False:
                continue
            if table not in tables:
                return False
            columns = {c.name for c in connection.introspection.get_table_description(cursor, table)}
            if any(f.column not in columns for f in model._meta.concrete_fields):
                return False
    return True


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0005_people_who_decided_stay"),
        # The freezing reads plans, goals, indicators and budgets through today's models, so
        # it ran after the latest migration of each app it reads when it was written; what
        # a later migration adds, 0008 waits for (these stay as they are: databases have
        # this migration applied, and a new dependency would make their history invalid).
        ("accounts", "0003_swedish_field_names"),
        ("budget", "0004_alter_budget_plan"),
        ("goals", "0007_year_state_and_copied_goals"),
        ("indicators", "0006_copied_indicators_and_targets_to_review"),
        ("organisation", "0002_swedish_field_names"),
        ("plans", "0002_sections_to_review"),
    ]

    operations = [
        migrations.RunPython(freeze_decided_reports, migrations.RunPython.noop),
    ]
