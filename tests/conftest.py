import os
import shutil
import uuid

import pytest
import redis
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, router, transaction
from django.test import override_settings
from django.utils import translation
from wagtail.models import Locale, Site

from demo.seed import ensure_tree_roots
from tests import factories


def pytest_collection_modifyitems(items):
    """Browser tests run one after another on one worker (`--dist loadgroup`): side by side,
    two Chromiums and their live servers slowed each other down. Every test on real
    transactions restores the migrations' data (serialized_rollback). Mixed, they break each
    other on PostgreSQL: a flush without it recreates the content types that the next restoring
    test inserts again, and a flush with it leaves none for the next test without it."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction"):
            continue
        if not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: django_db(transaction=True) needs serialized_rollback=True"
            )


# The machine's Redis, for the tests that need a real one (CI runs them; elsewhere they skip).
# Clearing a Redis cache empties its whole database: one database per pytest-xdist worker
# (gw0: 15, gw1: 14, ...), so parallel workers never empty each other's.
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
REDIS_URL = os.environ.get("TEST_REDIS_URL", f"redis://127.0.0.1:6379/{15 - _WORKER % 15}")


def require_redis() -> str:
    """REDIS_URL once Redis answers there; skips the test when it does not (fails on CI)."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL}")
    return REDIS_URL


@pytest.fixture
def shared_cache(settings):
    """The default cache in the machine's Redis, as in production (rate limits, sessions),
    under a key prefix of its own."""
    require_redis()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    yield caches["default"]
    caches["default"].clear()


@pytest.fixture(autouse=True)
def _fresh_process_state():
    """Every test starts with empty caches (each alias in settings.CACHES) and no active
    language. Rolled-back rows give their ids to the next test's rows, and an
    entry kept under such an id (a card, a rendition, a page's URL) would show the previous
    test's content."""
    for alias in settings.CACHES:
        caches[alias].clear()
    # A view that activates a language (LocaleMiddleware, the API, comments) leaves it active
    # in the thread after the response: the next test would start in English.
    translation.deactivate()


@pytest.fixture(autouse=True)
def _search_index(request):
    """Saving a page indexes it for search, half the time a test takes to make one: only tests
    that search (marked `search_index`) and tests on the seed content keep the index."""
    if request.node.get_closest_marker("search_index") or "seed_content" in request.fixturenames:
        yield
        return
    backends = {
        name: {**params, "AUTO_UPDATE": False}
        for name, params in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield


@pytest.fixture(autouse=True, scope="session")
def _clean_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def _tables():
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


def _rows(model, fields):
    attnames = [field.attname for field in fields]
    pk = attnames.index(model._meta.pk.attname)
    return {row[pk]: row for row in model._base_manager.values_list(*attnames)}


def _restore_tables(snapshot):
    """Make every table hold exactly the rows in `snapshot` ({model: {pk: row}}): rows it does
    not have are deleted, missing and changed rows written back as they were (plain SQL: no
    signals, no auto_now)."""
    qn = connection.ops.quote_name
    tables = _tables()
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
            current = _rows(model, fields)  # read again: triggers may have written it
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


@pytest.fixture(scope="session")
def _seed_snapshot():
    return {}


@pytest.fixture
def seed_content(_seed_snapshot):
    """The demo site's seed content (`load_seed_content`) in the test database. Loaded once per
    process; every later test gets the same rows written back, in a fraction of the time."""
    if not _seed_snapshot:
        call_command("load_seed_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
        _seed_snapshot.update({model: _rows(model, fields) for model, fields in _tables()})
    else:
        _restore_tables(_seed_snapshot)


@pytest.fixture
def locales(db):
    sv = Locale.objects.get_or_create(language_code="sv")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    return {"sv": sv, "en": en}


@pytest.fixture
def home(locales):
    """A home page at the site root, replacing Wagtail's placeholder page."""
    root = ensure_tree_roots(locales["sv"])
    home = factories.HomePageFactory(parent=root, slug="start")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="testserver", root_page=home, is_default_site=True)
        return home
    placeholder = site.root_page
    site.root_page = home
    site.hostname = "testserver"
    site.save()
    if placeholder.pk != home.pk:
        placeholder.delete()
    return home


@pytest.fixture
def catalogue(home):
    return factories.WebinarIndexPageFactory(parent=home, slug="webbinarier")


@pytest.fixture
def series(catalogue):
    return factories.WebinarSeriesPageFactory(parent=catalogue, slug="politiskt-ledarskap")


@pytest.fixture
def episode(series):
    return factories.WebinarEpisodePageFactory(parent=series, slug="inledning", title="Inledning")


@pytest.fixture
def case_index(home):
    return factories.CaseIndexPageFactory(parent=home, slug="exempel")


@pytest.fixture
def press_index(home):
    return factories.PressReleaseIndexPageFactory(parent=home, slug="press")


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktor", "r@example.invalid", "lösen")
    client.force_login(user)
    return client
