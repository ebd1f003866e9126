"""Migration operations for PostgreSQL alone (SQLite, the demo's database, skips them)."""

from django.db import migrations


def index_on_postgresql(name: str, definition: str) -> migrations.RunPython:
    """CREATE INDEX `name` ON `definition` (table and columns or expressions) on PostgreSQL,
    for what Django's AddIndex cannot say there (NULLS LAST, INCLUDE, another app's table);
    dropped when the migration is unapplied."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)
