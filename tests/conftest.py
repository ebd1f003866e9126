import shutil

import pytest
from django.conf import settings
from wagtail.models import Locale, Page, Site

from tests import factories


@pytest.fixture(autouse=True, scope="session")
def _clean_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def locales(db):
    sv = Locale.objects.get_or_create(language_code="sv")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    return {"sv": sv, "en": en}


@pytest.fixture
def home(locales):
    """A home page at the site root, replacing Wagtail's placeholder page."""
    root = Page.get_first_root_node()
    home = factories.HomePageFactory(parent=root, slug="start")
    site = Site.objects.get(is_default_site=True)
    placeholder = site.root_page
    site.root_page = home
    site.hostname = "testserver"
    site.save()
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
