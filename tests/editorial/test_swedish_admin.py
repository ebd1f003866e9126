"""Issue #25, item 11: the admin an editor meets is Swedish. The project's locale/sv overrides
the gaps in Wagtail's, wagtail-localize's and wagtailmedia's Swedish catalogues; this walks
the main screens as a Redaktör (and a Publicist) and fails on English text from the issue."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Collection
from wagtail_factories import ImageFactory

from editorial import roles

pytestmark = pytest.mark.django_db

# Seen in the Swedish admin before (issue #25, item 11); none may come back.
ENGLISH = [
    "Autosave is paused",
    "There are validation errors",
    "Exploring",
    "Once scheduled",
    "Go-live:",
    "Compare",
    "Maximum filesize",
    "Add audio",
    "Add video",
    "donation page",
    "Svenska to English",
    "to engelska translation",
    "Publicera på English",
    "Denna webbinarieavsnitt",
    "Denna %(model_name)s",
    "Upload Audio",
    "Upload Video",
    "Latest media",
    "Search terms",
    "Recommended search result",
]
PAGINATION_IN_ENGLISH = re.compile(r"\d+-\d+ of \d+")


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("redaktor", password="lösen")
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    client = Client(headers={"accept-language": "sv"})
    client.force_login(user)
    return client


def screens(home, series, episode):
    image = ImageFactory(
        description="Tre personer vid en whiteboard", collection=Collection.get_first_root_node()
    )
    urls = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{series.pk}/",
        f"/admin/pages/{episode.pk}/edit/",
        f"/admin/pages/add/webinars/webinarepisodepage/{series.pk}/",
        f"/admin/pages/{episode.pk}/history/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        "/admin/media/",
        "/admin/media/audio/add/",
        "/admin/media/video/add/",
        "/admin/snippets/base/person/",
        "/admin/snippets/base/person/add/",
        "/admin/searchpicks/",
        "/admin/searchpicks/add/",
        "/admin/redirects/",
        "/admin/aterkoppling/",
        "/admin/sokstatistik/",
        f"/admin/localize/submit/page/{episode.pk}/",
    ]
    return [*urls, f"/admin/images/{image.pk}/"]


def english_on(html):
    text = re.sub(r"<script\b.*?</script>", "", html, flags=re.S)  # data, not prose
    found = [phrase for phrase in ENGLISH if phrase in text]
    found += PAGINATION_IN_ENGLISH.findall(text)
    return found


def test_an_editor_walks_the_main_admin_screens_in_swedish(editor, home, series, episode):
    for url in screens(home, series, episode):
        response = editor.get(url)
        assert response.status_code == 200, url
        assert english_on(response.content.decode()) == [], url


def test_the_packages_gaps_read_in_swedish():
    with translation.override("sv"):
        assert gettext("Autosave is paused") == "Automatisk sparning är pausad"
        assert gettext("Add video") == "Lägg till video"
        assert gettext(
            "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"
        ).startswith("%(start_index)s–%(end_index)s av")
        assert "Denna" not in gettext("This %(model_name)s is currently awaiting moderation.")
        assert gettext("API tokens") == "API-nycklar"
        localize_error = (
            "New validation errors were found when publishing '{object}' in {locale}. "
            "Please fix them or click publish again to ignore these translations for now."
        )
        assert gettext(localize_error).startswith("Nya valideringsfel")


def test_the_javascript_catalogues_carry_the_overrides(editor):
    localize = editor.get("/admin/localize/jsi18n/").content.decode()
    admin = editor.get("/admin/jsi18n/").content.decode()

    assert '"Publish in ": "Publicera p\\u00e5 "' in localize
    assert '"Autosave in progress\\u2026": "Sparar automatiskt\\u2026"' in admin
