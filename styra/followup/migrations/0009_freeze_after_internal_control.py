"""Freeze the decided reports 0006 and 0008 had to leave: since internal control, a plan's
document (which a report's freezing reads) holds the unit's quality guarantees, whose table
internal_control's migrations make. As 0008, this runs after the latest migration of every
app the freezing may read, and only for reports not frozen yet, so on most databases it
does nothing.
"""

import importlib

from django.db import migrations

freezing = importlib.import_module("styra.followup.migrations.0006_freeze_decided_reports")


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0008_freeze_after_every_column"),
        ("accounts", "0004_membership_source_and_group_roles"),
        ("audit", "0005_security_kind_for_changed_email"),
        ("budget", "0004_alter_budget_plan"),
        ("conversations", "0001_initial"),
        ("cycle", "0001_initial"),
        ("publication", "0003_internal_control"),
        ("goals", "0007_year_state_and_copied_goals"),
        ("indicators", "0006_copied_indicators_and_targets_to_review"),
        ("internal_control", "0002_quality_guarantees"),
        ("notifications", "0002_notice_kind_message"),
        ("organisation", "0002_swedish_field_names"),
        ("plans", "0003_addressee_to_review"),
        ("search", "0003_follow_up_comments"),
    ]

    operations = [
        migrations.RunPython(freezing.freeze_decided_reports, migrations.RunPython.noop),
    ]
