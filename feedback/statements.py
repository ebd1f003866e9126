"""A cursor for the feedback POST's own statements: prepared on PostgreSQL when the settings
allow it.

PostgreSQL spends more on planning the page's facts query (`services.page_sql`: an EXISTS per
page type, the view restrictions) than on running it, about 0.9 ms against 0.2 ms, and plans
the answer's WITH statement (`days.insert_answer`) for each answer too. Django never prepares
statements: it binds parameters on the client, so that poolers in transaction mode (PgBouncer
before 1.21) keep working. When the database's OPTIONS set `prepare_threshold`
(cms/settings/production.py does, unless DB_PREPARED_STATEMENTS=0), these statements run on a
server-side binding cursor instead, which psycopg prepares on a connection once it has run
them that many times. Django's own queries stay as they are (client-side binding, never
prepared). Anywhere else (SQLite, no `prepare_threshold`) it is Django's usual cursor."""

from contextlib import contextmanager

from django.db import connection


def prepares() -> bool:
    """Whether `cursor()` gives a cursor whose statements PostgreSQL prepares."""
    return (
        connection.vendor == "postgresql"
        and connection.settings_dict["OPTIONS"].get("prepare_threshold") is not None
    )


@contextmanager
def cursor():
    """Django's cursor (query logging, database errors as Django's) for the connection,
    binding parameters on the server when `prepares()`."""
    if not prepares():
        with connection.cursor() as plain:
            yield plain
        return
    from django.db.backends.postgresql.base import ServerBindingCursor

    # What connection.cursor() does, with the other cursor class.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        raw = ServerBindingCursor(connection.connection)
    with connection._prepare_cursor(raw) as wrapped:
        yield wrapped
