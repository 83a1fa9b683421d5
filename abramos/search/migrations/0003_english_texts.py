"""The English texts of the records that have them (strategy/translation.py).

The index is emptied: after `migrate`, `rebuild_if_empty` indexes every record again, this time
with its English (abramos/search/index.py).
"""

from django.db import migrations, models


def empty_the_index(apps, schema_editor):
    apps.get_model("search", "Entry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_postgresql_full_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="body_en",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="entry",
            name="context_en",
            field=models.CharField(blank=True, editable=False, max_length=500),
        ),
        migrations.AddField(
            model_name="entry",
            name="title_en",
            field=models.CharField(blank=True, editable=False, max_length=500),
        ),
        migrations.RunPython(empty_the_index, migrations.RunPython.noop),
    ]
