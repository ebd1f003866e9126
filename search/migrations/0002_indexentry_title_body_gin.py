"""A GIN index on the expression Wagtail's PostgreSQL search matches: `title || body`.

Wagtail indexes `title` and `body` each on its own, but its queries match and rank the two
together (`(title || body) @@ to_tsquery(...)`), which neither index serves: every search read
and concatenated every entry (44 ms twice per search with 10,000 episodes, even for a word
found nowhere). PostgreSQL only; SQLite searches its FTS5 table."""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
