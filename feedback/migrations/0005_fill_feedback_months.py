"""Counts the answers already stored into FeedbackDay and FeedbackMonth (the same as
`rebuild_feedback_days`)."""

from django.db import migrations


def fill(apps, schema_editor):
    from feedback.days import rebuild

    rebuild(
        apps.get_model("feedback", "Feedback"),
        apps.get_model("feedback", "FeedbackDay"),
        apps.get_model("feedback", "FeedbackMonth"),
    )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0004_feedbackmonth")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
