"""Chapters become translatable: each gets its page's locale and its own translation key."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def fill_locale_and_key(apps, schema_editor):
    EpisodeChapter = apps.get_model("webinars", "EpisodeChapter")
    for chapter in EpisodeChapter.objects.select_related("page").iterator():
        chapter.locale_id = chapter.page.locale_id
        chapter.translation_key = uuid.uuid4()
        chapter.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("webinars", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="episodechapter",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="episodechapter",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill_locale_and_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="episodechapter",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="episodechapter",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="episodechapter",
            unique_together={("translation_key", "locale")},
        ),
    ]
