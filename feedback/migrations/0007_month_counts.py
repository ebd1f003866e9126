"""One table of counts: FeedbackMonth per existing page, language and month (feedback/models.py);
FeedbackDay and the old FeedbackMonth (with deleted pages' rows) are dropped and every answer
is counted again."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill(apps, schema_editor):
    from feedback.models import rebuild_months

    rebuild_months(apps.get_model("feedback", "Feedback"), apps.get_model("feedback", "FeedbackMonth"))


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0006_comment_index"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.DeleteModel(name="FeedbackDay"),
        migrations.DeleteModel(name="FeedbackMonth"),
        migrations.CreateModel(
            name="FeedbackMonth",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(verbose_name="månad")),
                ("answers", models.PositiveIntegerField(default=0, verbose_name="svar")),
                ("helpful", models.PositiveIntegerField(default=0, verbose_name="hjälpsamma")),
                ("comments", models.PositiveIntegerField(default=0, verbose_name="kommentarer")),
                (
                    "locale",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="språk",
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="sida",
                    ),
                ),
            ],
            options={
                "verbose_name": "återkoppling per månad",
                "verbose_name_plural": "återkoppling per månad",
                "default_permissions": (),
                "indexes": [models.Index(fields=["month"], name="feedback_month_month_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("page", "locale", "month"), name="feedback_month_page_locale_month"
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
