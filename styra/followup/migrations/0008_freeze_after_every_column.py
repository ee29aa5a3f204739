"""Freeze the decided reports 0006 had to leave: 0006 reads through today's models and
skips when a column they read is not in the database yet (a migration written after it,
such as plans' 0003, that runs later on a database upgrading from before 0006). This one
runs after the latest migration of each app the freezing reads, and does the same work,
only for reports not frozen yet, so on most databases it does nothing.

A later migration that adds a column to one of these apps moves this freezing after it
again: add it to the dependencies of a new migration like this one, never of this one once
it is applied.
"""

import importlib

from django.db import migrations

freezing = importlib.import_module("styra.followup.migrations.0006_freeze_decided_reports")


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0007_every_year_has_its_periods"),
        ("accounts", "0004_membership_source_and_group_roles"),
        ("budget", "0004_alter_budget_plan"),
        ("goals", "0007_year_state_and_copied_goals"),
        ("indicators", "0006_copied_indicators_and_targets_to_review"),
        ("organisation", "0002_swedish_field_names"),
        ("plans", "0003_addressee_to_review"),
        ("audit", "0005_security_kind_for_changed_email"),
    ]

    operations = [
        migrations.RunPython(freezing.freeze_decided_reports, migrations.RunPython.noop),
    ]
