"""English fields beside the Spanish ones (strategy/translation.py, django-modeltranslation), in the
models and in their history.

The Spanish field of every existing row, and of every earlier version of it, takes the text it
had; the English ones start empty, and the pages show the Spanish until staff write them.
"""

from django.db import migrations, models
from django.db.models import F

TRANSLATED = {
    "stage": ["name", "months", "description", "description_html"],
    "workinggroup": ["name", "purpose", "description", "description_html"],
    "thematictable": ["name", "description", "description_html"],
    "activity": ["title", "place", "description", "description_html"],
    "action": ["title", "description", "description_html"],
    "document": ["title", "description"],
}


def spanish_from_original(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        for name in (model_name, f"historical{model_name}"):
            model = apps.get_model("strategy", name)
            model.objects.update(**{f"{field}_es_mx": F(field) for field in fields})


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0003_demo_marks_planned_dates"),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="action",
            name="description_es_mx",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="action",
            name="description_html_en",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="action",
            name="description_html_es_mx",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="action",
            name="title_en",
            field=models.CharField(max_length=255, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="action",
            name="title_es_mx",
            field=models.CharField(max_length=255, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="activity",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="activity",
            name="description_es_mx",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="activity",
            name="description_html_en",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="activity",
            name="description_html_es_mx",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="activity",
            name="place_en",
            field=models.CharField(blank=True, max_length=255, null=True, verbose_name="place"),
        ),
        migrations.AddField(
            model_name="activity",
            name="place_es_mx",
            field=models.CharField(blank=True, max_length=255, null=True, verbose_name="place"),
        ),
        migrations.AddField(
            model_name="activity",
            name="title_en",
            field=models.CharField(max_length=255, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="activity",
            name="title_es_mx",
            field=models.CharField(max_length=255, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="document",
            name="description_en",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="document",
            name="description_es_mx",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="document",
            name="title_en",
            field=models.CharField(max_length=255, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="document",
            name="title_es_mx",
            field=models.CharField(max_length=255, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="historicalaction",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="historicalaction",
            name="description_es_mx",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="historicalaction",
            name="description_html_en",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalaction",
            name="description_html_es_mx",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalaction",
            name="title_en",
            field=models.CharField(max_length=255, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="historicalaction",
            name="title_es_mx",
            field=models.CharField(max_length=255, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="description_es_mx",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="description_html_en",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="description_html_es_mx",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="place_en",
            field=models.CharField(blank=True, max_length=255, null=True, verbose_name="place"),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="place_es_mx",
            field=models.CharField(blank=True, max_length=255, null=True, verbose_name="place"),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="title_en",
            field=models.CharField(max_length=255, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="title_es_mx",
            field=models.CharField(max_length=255, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="historicaldocument",
            name="description_en",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="historicaldocument",
            name="description_es_mx",
            field=models.TextField(blank=True, null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="historicaldocument",
            name="title_en",
            field=models.CharField(max_length=255, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="historicaldocument",
            name="title_es_mx",
            field=models.CharField(max_length=255, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="historicalstage",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="historicalstage",
            name="description_es_mx",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="historicalstage",
            name="description_html_en",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalstage",
            name="description_html_es_mx",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalstage",
            name="months_en",
            field=models.CharField(
                help_text="As announced, e.g. “Noviembre – Marzo”.",
                max_length=100,
                null=True,
                verbose_name="months",
            ),
        ),
        migrations.AddField(
            model_name="historicalstage",
            name="months_es_mx",
            field=models.CharField(
                help_text="As announced, e.g. “Noviembre – Marzo”.",
                max_length=100,
                null=True,
                verbose_name="months",
            ),
        ),
        migrations.AddField(
            model_name="historicalstage",
            name="name_en",
            field=models.CharField(max_length=200, null=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="historicalstage",
            name="name_es_mx",
            field=models.CharField(max_length=200, null=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="historicalthematictable",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="historicalthematictable",
            name="description_es_mx",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="historicalthematictable",
            name="description_html_en",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalthematictable",
            name="description_html_es_mx",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalthematictable",
            name="name_en",
            field=models.CharField(max_length=200, null=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="historicalthematictable",
            name="name_es_mx",
            field=models.CharField(max_length=200, null=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="historicalworkinggroup",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="historicalworkinggroup",
            name="description_es_mx",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="historicalworkinggroup",
            name="description_html_en",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalworkinggroup",
            name="description_html_es_mx",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalworkinggroup",
            name="name_en",
            field=models.CharField(max_length=200, null=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="historicalworkinggroup",
            name="name_es_mx",
            field=models.CharField(max_length=200, null=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="historicalworkinggroup",
            name="purpose_en",
            field=models.TextField(
                help_text="One sentence: what the group is for.", null=True, verbose_name="purpose"
            ),
        ),
        migrations.AddField(
            model_name="historicalworkinggroup",
            name="purpose_es_mx",
            field=models.TextField(
                help_text="One sentence: what the group is for.", null=True, verbose_name="purpose"
            ),
        ),
        migrations.AddField(
            model_name="stage",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="stage",
            name="description_es_mx",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="stage",
            name="description_html_en",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="stage",
            name="description_html_es_mx",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="stage",
            name="months_en",
            field=models.CharField(
                help_text="As announced, e.g. “Noviembre – Marzo”.",
                max_length=100,
                null=True,
                verbose_name="months",
            ),
        ),
        migrations.AddField(
            model_name="stage",
            name="months_es_mx",
            field=models.CharField(
                help_text="As announced, e.g. “Noviembre – Marzo”.",
                max_length=100,
                null=True,
                verbose_name="months",
            ),
        ),
        migrations.AddField(
            model_name="stage",
            name="name_en",
            field=models.CharField(max_length=200, null=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="stage",
            name="name_es_mx",
            field=models.CharField(max_length=200, null=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="thematictable",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="thematictable",
            name="description_es_mx",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="thematictable",
            name="description_html_en",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="thematictable",
            name="description_html_es_mx",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="thematictable",
            name="name_en",
            field=models.CharField(max_length=200, null=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="thematictable",
            name="name_es_mx",
            field=models.CharField(max_length=200, null=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="description_es_mx",
            field=models.TextField(
                blank=True,
                help_text="Markdown: **bold**, *italics*, lists and links.",
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="description_html_en",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="description_html_es_mx",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="name_en",
            field=models.CharField(max_length=200, null=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="name_es_mx",
            field=models.CharField(max_length=200, null=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="purpose_en",
            field=models.TextField(
                help_text="One sentence: what the group is for.", null=True, verbose_name="purpose"
            ),
        ),
        migrations.AddField(
            model_name="workinggroup",
            name="purpose_es_mx",
            field=models.TextField(
                help_text="One sentence: what the group is for.", null=True, verbose_name="purpose"
            ),
        ),
        migrations.RunPython(spanish_from_original, migrations.RunPython.noop),
    ]
