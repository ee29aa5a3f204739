"""Stored target numbers read again by indicators.targets: the bound, never a year in words.

"fastställs 2012" stored 2012 and "högre än 2018" 2018, which the chart drew as a
target line; they now store none. Status no longer reads the stored number (it
parses the text), so this only mends what the charts and sheets show.
"""

from django.db import migrations


def reread(apps, schema_editor):
    from styra.indicators.targets import parse_target

    Target = apps.get_model("indicators", "Target")
    changed = []
    for target in Target.objects.exclude(value=None).only("pk", "text", "value").iterator():
        spec = parse_target(target.text)
        value = None if spec.relative else spec.value
        if value != target.value:
            target.value = value
            changed.append(target)
    Target.objects.bulk_update(changed, ["value"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0004_protect_report_data")]

    operations = [migrations.RunPython(reread, migrations.RunPython.noop)]
