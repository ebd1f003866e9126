"""Counts the answers already stored into FeedbackDay (the same as `rebuild_feedback_days`)."""

from django.db import migrations


def fill(apps, schema_editor):
    """Nothing: the module that counted here is gone, and 0007_month_counts recounts every
    answer into the table that replaced these."""


class Migration(migrations.Migration):
    dependencies = [("feedback", "0002_feedbackday")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
