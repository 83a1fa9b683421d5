"""English fields beside the Spanish ones (drafts/translation.py, django-modeltranslation), in the
models and in their history.

The Spanish field of every existing row, and of every earlier version of it, takes the text it
had; the English ones start empty, and the pages show the Spanish until staff write them.
"""

from django.db import migrations, models
from django.db.models import F

TRANSLATED = {"approval": ["approving_body", "notes", "notes_html"]}


def spanish_from_original(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        for name in (model_name, f"historical{model_name}"):
            model = apps.get_model("drafts", name)
            model.objects.update(**{f"{field}_es_mx": F(field) for field in fields})


class Migration(migrations.Migration):
    dependencies = [
        ("drafts", "0004_demo_marks_current_draft"),
    ]

    operations = [
        migrations.AddField(
            model_name="approval",
            name="approving_body_en",
            field=models.CharField(
                help_text="As it was called when it approved (institutions change names).",
                max_length=300,
                null=True,
                verbose_name="approving body",
            ),
        ),
        migrations.AddField(
            model_name="approval",
            name="approving_body_es_mx",
            field=models.CharField(
                help_text="As it was called when it approved (institutions change names).",
                max_length=300,
                null=True,
                verbose_name="approving body",
            ),
        ),
        migrations.AddField(
            model_name="approval",
            name="notes_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown. Each heading (# Title, ## Subtitle…) starts a section that people can comment on.",
                null=True,
                verbose_name="notes",
            ),
        ),
        migrations.AddField(
            model_name="approval",
            name="notes_es_mx",
            field=models.TextField(
                blank=True,
                help_text="Markdown. Each heading (# Title, ## Subtitle…) starts a section that people can comment on.",
                null=True,
                verbose_name="notes",
            ),
        ),
        migrations.AddField(
            model_name="approval",
            name="notes_html_en",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="approval",
            name="notes_html_es_mx",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalapproval",
            name="approving_body_en",
            field=models.CharField(
                help_text="As it was called when it approved (institutions change names).",
                max_length=300,
                null=True,
                verbose_name="approving body",
            ),
        ),
        migrations.AddField(
            model_name="historicalapproval",
            name="approving_body_es_mx",
            field=models.CharField(
                help_text="As it was called when it approved (institutions change names).",
                max_length=300,
                null=True,
                verbose_name="approving body",
            ),
        ),
        migrations.AddField(
            model_name="historicalapproval",
            name="notes_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown. Each heading (# Title, ## Subtitle…) starts a section that people can comment on.",
                null=True,
                verbose_name="notes",
            ),
        ),
        migrations.AddField(
            model_name="historicalapproval",
            name="notes_es_mx",
            field=models.TextField(
                blank=True,
                help_text="Markdown. Each heading (# Title, ## Subtitle…) starts a section that people can comment on.",
                null=True,
                verbose_name="notes",
            ),
        ),
        migrations.AddField(
            model_name="historicalapproval",
            name="notes_html_en",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalapproval",
            name="notes_html_es_mx",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(spanish_from_original, migrations.RunPython.noop),
    ]
