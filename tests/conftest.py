import copy
import os
import shutil
import uuid

import pytest
import redis
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from wagtail.models import Locale, Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from demo.seed import ensure_tree_roots
from tests import db_snapshot, factories


def needs_test_database(item):
    """pytest-django's rule for which tests get the test database."""
    fixtures = {"db", "transactional_db", "live_server"}
    return item.get_closest_marker("django_db") or fixtures & set(item.fixturenames)


@pytest.hookimpl(trylast=True)  # after pytest-django's order: database tests, then transactional
def pytest_collection_modifyitems(items):
    """Browser tests go first: they find the database as the migrations left it
    (tests/browser/conftest.py). Every other test on real transactions restores the
    migrations' data (serialized_rollback): a flush without it recreates the content types
    that the next restoring test inserts again."""
    for item in items:
        if item.get_closest_marker("browser") and needs_test_database(item):
            raise pytest.UsageError(
                f"{item.nodeid}: a browser test uses the committed database of seeded_site;"
                " django_db, db (django_user_model) and live_server would hide its rows"
                " from the server or empty it"
            )
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction"):
            continue
        if not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: django_db(transaction=True) needs serialized_rollback=True"
            )
    items.sort(key=lambda item: item.get_closest_marker("browser") is None)


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


@pytest.fixture(autouse=True)
def _reference_index(request):
    """Wagtail keeps a reference index (what uses an image or page) on every save, a twentieth
    of the suite's time: only tests marked `reference_index` keep it up to date."""
    if request.node.get_closest_marker("reference_index"):
        yield
        return
    with disable_reference_index_auto_update():
        yield


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """The test database as the migrations left it, without Wagtail's placeholder home page
    and its site: deleting them in every `home` fixture took a sixteenth of the suite.
    (pytest-django makes no test database for browser tests alone: the seed replaces it.)"""
    if any(needs_test_database(item) for item in request.session.items):
        with django_db_blocker.unblock():
            Site.objects.all().delete()
            Page.objects.filter(depth__gt=1).delete()


@pytest.fixture(autouse=True, scope="session")
def _clean_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """Rows a whole module shares, made once in a transaction rolled back after its last test;
    each test runs in a savepoint inside it (pytest-django's db), as with Django's
    setUpTestData. Only for modules in which every database test asks for those rows."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def _seed_snapshot():
    return {}


@pytest.fixture
def seed_content(_seed_snapshot):
    """The demo site's seed content (`load_seed_content`) in the test database. Loaded once per
    process; every later test gets the same rows written back, in a fraction of the time."""
    if not _seed_snapshot:
        call_command("load_seed_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
        _seed_snapshot.update(db_snapshot.take())
    else:
        db_snapshot.restore(_seed_snapshot)


def make_locales():
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("sv", "en")}


def make_home(locale):
    """A home page at the site root, replacing Wagtail's placeholder page."""
    root = ensure_tree_roots(locale)
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


def make_sections(home):
    """The catalogue with one series, the case and press indexes, as the fixtures below make
    them: for rows a module builds once (module_db)."""
    catalogue = factories.WebinarIndexPageFactory(parent=home, slug="webbinarier")
    return {
        "catalogue": catalogue,
        "series": factories.WebinarSeriesPageFactory(parent=catalogue, slug="politiskt-ledarskap"),
        "case_index": factories.CaseIndexPageFactory(parent=home, slug="exempel"),
        "press_index": factories.PressReleaseIndexPageFactory(parent=home, slug="press"),
    }


@pytest.fixture(scope="module")
def module_pages(module_db):
    """A home page, its sections, an episode, a guidance article and a press release that
    takes comments, built once for a module whose every database test uses them: the module
    hands each test copies through copies_of()."""
    home = make_home(make_locales()["sv"])
    sections = make_sections(home)
    return {
        "home": home,
        **sections,
        "episode": factories.WebinarEpisodePageFactory(
            parent=sections["series"], slug="inledning", title="Inledning"
        ),
        "article": factories.GuidanceArticlePageFactory(parent=home, slug="guide"),
        "release": factories.PressReleasePageFactory(
            parent=sections["press_index"],
            slug="innovationsguiden",
            title="Innovationsguiden lanseras",
        ),
    }


def copies_of(name):
    """For a module that uses module_pages: the fixture `name` hands each test its own copy of
    module_pages[name] (a page object one test changes is not the next test's)."""

    @pytest.fixture(name=name)
    def copy_of_page(module_pages, db):
        return copy.deepcopy(module_pages[name])

    return copy_of_page


@pytest.fixture
def locales(db):
    return make_locales()


@pytest.fixture
def home(locales):
    return make_home(locales["sv"])


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
