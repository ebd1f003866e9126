"""Every table's rows, taken and written back: the seed content once loaded (tests/conftest.py)
and the browser tests' committed database (tests/browser/conftest.py)."""

from django.apps import apps
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, router, transaction


def all_tables():
    """(model, its own table's fields) for every table the migrations create, a table whose
    primary key is another's (a page type's, a search index's full-text table filled by
    triggers) after that other table."""

    def depth(model):
        pk = model._meta.pk
        return 1 + depth(pk.related_model) if pk.is_relation else 0

    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and router.allow_migrate_model(DEFAULT_DB_ALIAS, model)
    ]
    return [(model, model._meta.local_concrete_fields) for model in sorted(models, key=depth)]


def rows(model, fields):
    attnames = [field.attname for field in fields]
    pk = attnames.index(model._meta.pk.attname)
    return {row[pk]: row for row in model._base_manager.values_list(*attnames)}


def restore(snapshot):
    """Make every table hold exactly the rows in `snapshot` ({model: {pk: row}}): rows it does
    not have are deleted, missing and changed rows written back as they were (plain SQL: no
    signals, no auto_now)."""
    qn = connection.ops.quote_name
    tables = all_tables()
    written = []
    with transaction.atomic(), connection.cursor() as cursor:
        for model, _fields in tables:  # foreign keys are checked at commit: any order
            pks = model._base_manager.values_list("pk", flat=True)
            extra = [pk for pk in pks if pk not in snapshot[model]]
            for start in range(0, len(extra), 500):
                chunk = extra[start : start + 500]
                cursor.execute(
                    f"DELETE FROM {qn(model._meta.db_table)} "  # noqa: S608
                    f"WHERE {qn(model._meta.pk.column)} IN ({', '.join(['%s'] * len(chunk))})",
                    [model._meta.pk.get_db_prep_value(pk, connection) for pk in chunk],
                )
        for model, fields in tables:  # after every delete (unique values), in table order
            current = rows(model, fields)  # read again: triggers may have written it
            stale = [row for pk, row in snapshot[model].items() if current.get(pk) != row]
            if not stale:
                continue
            written.append(model)
            pk = fields.index(model._meta.pk)
            table, columns = qn(model._meta.db_table), [qn(field.column) for field in fields]
            new, changed = [], []
            for row in stale:  # as the database holds them (no auto_now, no defaults)
                values = [
                    f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True)
                ]
                if row[pk] in current:
                    changed.append([*values[:pk], *values[pk + 1 :], values[pk]])
                else:
                    new.append(values)
            if new:
                cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
                    f"VALUES ({', '.join(['%s'] * len(columns))})",
                    new,
                )
            if changed:
                assignments = ", ".join(f"{c} = %s" for i, c in enumerate(columns) if i != pk)
                cursor.executemany(
                    f"UPDATE {table} SET {assignments} WHERE {columns[pk]} = %s",  # noqa: S608
                    changed,
                )
        for sql in connection.ops.sequence_reset_sql(no_style(), written):
            cursor.execute(sql)


def take():
    """{model: {pk: row}} for every table."""
    return {model: rows(model, fields) for model, fields in all_tables()}
