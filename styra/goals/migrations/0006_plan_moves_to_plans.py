from django.db import migrations


class Migration(migrations.Migration):
    """Plan, Section and Appendix now belong to the plans app (plans 0001).

    Only Django's state changes: the tables keep their names, and every foreign key to
    the plan has been pointed at plans.Plan first (budget 0004, publication 0002).
    """

    dependencies = [
        ("goals", "0005_people_who_decided_stay"),
        ("plans", "0001_initial"),
        ("budget", "0004_alter_budget_plan"),
        ("publication", "0002_alter_snapshot_plan"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Section"),
                migrations.DeleteModel(name="Appendix"),
                migrations.DeleteModel(name="Plan"),
            ],
            database_operations=[],
        ),
    ]
